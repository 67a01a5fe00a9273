// The real main window, dialog and pages driven offscreen.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/dialogs.h"
#include "app/ui/dialogs/municipality_dialog.h"
#include "app/ui/main_window.h"
#include "app/ui/models/partner_list_model.h"
#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/partners_page.h"
#include "app/ui/pages/reports_page.h"
#include "app/ui/pages/settings_page.h"
#include "app/ui/pages/sync_page.h"
#include "core/demo/demo_data.h"
#include "core/services/services.h"
#include "tests/app/fake_dialogs.h"
#include "tests/support/temp_dir.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimeZone>
#include <QTimer>
#include <QToolButton>
#include <QTranslator>

using namespace mobiliza;

namespace {

struct Fixture
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services;
    ui::AppContext context;

    explicit Fixture(bool demo = false)
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
        REQUIRE(services->profile().setMunicipality(QStringLiteral("3106200")).ok());
        context = ui::AppContext{dir.path(), core::ReferenceData::embedded(),
                                 core::ProgramDefinition::sesMgMobilizacao(), services.get(), &clock};
        if (demo) {
            core::DemoData seed(*services, context.program, context.reference, clock);
            REQUIRE(seed.seed().ok());
        }
    }
};

} // namespace

TEST_CASE("municipality dialog: accent-free typing finds the municipality and Enter accepts")
{
    // scripts/screenshots.sh sets MOBILIZA_SCREENSHOT_DIR to refresh the user guide's
    // picture of the first run: in pt-BR, as a user sees it.
    const QString shots = qEnvironmentVariable("MOBILIZA_SCREENSHOT_DIR");
    QTranslator portuguese;
    const bool translated = !shots.isEmpty() && portuguese.load(QStringLiteral(":/i18n/mobiliza_pt_BR.qm"))
                            && QCoreApplication::installTranslator(&portuguese);
    ui::MunicipalityDialog dialog(core::ReferenceData::embedded());
    dialog.show();
    // Nothing typed: nothing chosen, and Enter does not pick the first of the list.
    CHECK(dialog.resultList()->count() > 0);
    CHECK(dialog.selectedCode().isEmpty());
    QTest::keyClick(dialog.searchField(), Qt::Key_Return);
    CHECK(dialog.isVisible());
    QTest::keyClicks(dialog.searchField(), QStringLiteral("conego marinho"));
    REQUIRE(dialog.resultList()->count() >= 1);
    CHECK(dialog.selectedCode() == QStringLiteral("3117836"));
    if (!shots.isEmpty())
        CHECK(dialog.grab().save(shots + QStringLiteral("/first-run.png")));
    QTest::keyClick(dialog.searchField(), Qt::Key_Return);
    CHECK(dialog.result() == QDialog::Accepted);
    if (translated)
        QCoreApplication::removeTranslator(&portuguese);
}

TEST_CASE("municipality dialog: the apoio program is chosen by click, then the level, then the state")
{
    // In pt-BR, whose words are the longer ones the dialog must keep whole.
    const QString shots = qEnvironmentVariable("MOBILIZA_SCREENSHOT_DIR");
    QTranslator portuguese;
    REQUIRE(portuguese.load(QStringLiteral(":/i18n/mobiliza_pt_BR.qm")));
    REQUIRE(QCoreApplication::installTranslator(&portuguese));
    const bool translated = true;
    ui::MunicipalityDialog dialog(core::ReferenceData::embedded());
    dialog.show();
    CHECK(dialog.selectedProgram() == core::ProgramDefinition::sesMgMobilizacao().id()); // the default
    QRadioButton *apoio = dialog.programButton(core::ProgramDefinition::apoioCosemsId());
    REQUIRE(apoio);
    QTest::mouseClick(apoio, Qt::LeftButton, {}, QPoint(8, apoio->height() / 2));
    CHECK(dialog.selectedProgram() == core::ProgramDefinition::apoioCosemsId());
    // Its longer words stay whole: the dialog widened to them.
    for (core::Role role : {core::Role::Municipality, core::Role::Urs, core::Role::Central})
        CHECK(dialog.roleButton(role)->width() >= dialog.roleButton(role)->sizeHint().width());
    // The levels are the program's; the reporting one is chosen, and the list holds the 27 UFs.
    CHECK(dialog.roleButton(core::Role::Municipality)
              ->text()
              .contains(QStringLiteral("apoiador"), Qt::CaseInsensitive));
    CHECK(dialog.selectedRole() == core::Role::Municipality);
    CHECK(dialog.resultList()->count() == 27);
    QTest::keyClicks(dialog.searchField(), QStringLiteral("pernam"));
    REQUIRE(dialog.resultList()->count() == 1);
    CHECK(dialog.selectedCode() == QStringLiteral("PE"));
    if (!shots.isEmpty())
        CHECK(dialog.grab().save(shots + QStringLiteral("/first-run-apoio.png")));
    // The COSEMS coordination is set up by state too; CONASEMS has no place to choose.
    QTest::mouseClick(dialog.roleButton(core::Role::Urs), Qt::LeftButton, {},
                      QPoint(8, dialog.roleButton(core::Role::Urs)->height() / 2));
    CHECK(dialog.selectedRole() == core::Role::Urs);
    CHECK(dialog.selectedCode().isEmpty()); // the search started again
    QTest::keyClicks(dialog.searchField(), QStringLiteral("ba"));
    CHECK(dialog.selectedCode() == QStringLiteral("BA"));
    // Two letters are the state's own first, before names that hold them (Amapá, Paraíba…).
    for (const char *uf : {"pa", "sp", "go", "to", "ma"}) {
        dialog.searchField()->clear();
        QTest::keyClicks(dialog.searchField(), QString::fromLatin1(uf));
        CHECK(dialog.selectedCode() == QString::fromLatin1(uf).toUpper());
    }
    QTest::mouseClick(dialog.roleButton(core::Role::Central), Qt::LeftButton, {},
                      QPoint(8, dialog.roleButton(core::Role::Central)->height() / 2));
    CHECK(dialog.hasChoice());
    CHECK_FALSE(dialog.searchField()->isVisible());
    // A program named with --program: the other one is not offered.
    dialog.setProgramChoiceEnabled(false);
    CHECK_FALSE(dialog.programButton(core::ProgramDefinition::sesMgMobilizacao().id())->isEnabled());
    CHECK(dialog.programButton(core::ProgramDefinition::apoioCosemsId())->isEnabled());
    dialog.setProgramChoiceEnabled(true);
    // Back to SES-MG: the municipal question again.
    QTest::mouseClick(dialog.programButton(core::ProgramDefinition::sesMgMobilizacao().id()), Qt::LeftButton,
                      {}, QPoint(8, 8));
    CHECK(dialog.selectedRole() == core::Role::Municipality);
    CHECK(dialog.roleButton(core::Role::Municipality)
              ->text()
              .contains(QStringLiteral("municipal"), Qt::CaseInsensitive));
    if (translated)
        QCoreApplication::removeTranslator(&portuguese);
}

TEST_CASE("municipality dialog: old spellings and arrows work, nonsense finds nothing")
{
    ui::MunicipalityDialog dialog(core::ReferenceData::embedded());
    dialog.show();
    QTest::keyClicks(dialog.searchField(), QStringLiteral("SAO JOAO DEL-REI"));
    REQUIRE(dialog.resultList()->count() >= 1);
    CHECK(dialog.resultList()->currentItem()->text().contains(QStringLiteral("São João del Rei")));

    dialog.searchField()->clear();
    QTest::keyClicks(dialog.searchField(), QStringLiteral("sao"));
    REQUIRE(dialog.resultList()->count() > 2);
    const QString first = dialog.selectedCode();
    QTest::keyClick(dialog.searchField(), Qt::Key_Down);
    CHECK(dialog.selectedCode() != first);
    CHECK(dialog.resultList()->currentRow() == 1);

    dialog.searchField()->clear();
    QTest::keyClicks(dialog.searchField(), QStringLiteral("xyzzy"));
    CHECK(dialog.resultList()->count() == 0);
    CHECK(dialog.selectedCode().isEmpty());
}

TEST_CASE("main window: every section is reachable by click and by Ctrl+number")
{
    Fixture f;
    ui::MainWindow window(f.context);
    window.show();
    const QStringList names{QStringLiteral("reports"), QStringLiteral("partners"), QStringLiteral("sync"),
                            QStringLiteral("panel"), QStringLiteral("settings")};
    REQUIRE(window.navigation()->count() == names.size());
    for (int i = 0; i < names.size(); ++i) {
        window.navigation()->setCurrentRow(i);
        CHECK(window.currentPageName() == names.at(i));
        CHECK(window.page(names.at(i))->isVisible());
    }
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_2));
    CHECK(window.currentPageName() == QStringLiteral("partners"));
    QTest::keySequence(&window, QKeySequence(Qt::CTRL | Qt::Key_1));
    CHECK(window.currentPageName() == QStringLiteral("reports"));
    CHECK(window.windowTitle().contains(QStringLiteral("Belo Horizonte")));
    // The system adds " — Mobiliza" (the application's display name): not twice.
    CHECK_FALSE(window.windowTitle().contains(QStringLiteral("Mobiliza")));
    CHECK_FALSE(window.showPage(QStringLiteral("kitchen")));
}

TEST_CASE("reports page: creating the current month adds a draft row")
{
    Fixture f;
    test::FakeDialogs dialogs;
    ui::ReportsPage page(f.context, dialogs);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    page.show();
    REQUIRE(page.model()->rowCount() == 0);
    REQUIRE(page.createButton()->isVisible());
    QSignalSpy opened(&page, &ui::ReportsPage::openReportRequested);
    QTest::mouseClick(page.createButton(), Qt::LeftButton);
    REQUIRE(page.model()->rowCount() == 1);
    CHECK(opened.count() == 1);
    const QModelIndex idx = page.model()->index(0, ui::ReportListModel::Period);
    CHECK(idx.data(ui::ReportListModel::PeriodKeyRole).toString() == QStringLiteral("2026-11"));
    CHECK(idx.data(ui::ReportListModel::StateKeyRole).toString() == QStringLiteral("draft"));
    CHECK_FALSE(page.createButton()->isVisible()); // one report per month
}

TEST_CASE("reports page: demo months newest first, a late draft is marked")
{
    Fixture f(true);
    // The demonstration brings the targets its Painel measures against, as if published.
    CHECK(f.services->targets().current().revision == 1);
    CHECK_FALSE(f.services->targets().pending());
    // Add an old, unfinished month: past its deadline, so it is late.
    REQUIRE(f.services->reports().createReport(f.context.program.id(), {2025, 6}).ok());
    test::FakeDialogs dialogs;
    ui::ReportsPage page(f.context, dialogs);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto *m = page.model();
    REQUIRE(m->rowCount() == 14);
    CHECK(m->index(0, 0).data(ui::ReportListModel::PeriodKeyRole).toString() == QStringLiteral("2026-11"));
    CHECK(m->index(1, 0).data(ui::ReportListModel::PeriodKeyRole).toString() == QStringLiteral("2026-10"));
    const QModelIndex last = m->index(13, 0);
    CHECK(last.data(ui::ReportListModel::PeriodKeyRole).toString() == QStringLiteral("2025-06"));
    CHECK(last.data(ui::ReportListModel::LateRole).toBool());
    // October, concluded but not sent, past its deadline (10/11/2026): late too, and
    // the tooltip says it has not reached the URS.
    const QModelIndex october = m->index(1, ui::ReportListModel::Deadline);
    CHECK(october.data(ui::ReportListModel::StateKeyRole).toString() == QStringLiteral("ready"));
    CHECK(october.data(ui::ReportListModel::LateRole).toBool());
    CHECK(october.data(Qt::ToolTipRole).toString().contains(QStringLiteral("not reached the URS")));
    CHECK(october.data(Qt::ForegroundRole).value<QBrush>().color() == QColor(0xb0, 0x1e, 0x1e));
    // The current month's deadline (10/12/2026) is in the future.
    CHECK_FALSE(m->index(0, 0).data(ui::ReportListModel::LateRole).toBool());
}

TEST_CASE(
    "reports page: a late month is created from \"Another month…\", with its deadline and the late mark")
{
    Fixture f;
    REQUIRE(f.services->reports().createReport(f.context.program.id(), {2026, 9}).ok());
    test::FakeDialogs dialogs;
    ui::ReportsPage page(f.context, dialogs);
    page.show();
    QApplication::setActiveWindow(&page);
    REQUIRE(QTest::qWaitForWindowActive(&page));
    QToolButton *other = page.otherMonthButton();
    REQUIRE(other->isVisible());
    // The months of the last two years without a report, newest first: October (late:
    // its deadline was 10/11/2026), not September (it has one), back to 11/2024.
    QMenu *menu = other->menu();
    QStringList keys;
    for (QAction *a : menu->actions())
        keys << a->data().toString();
    REQUIRE(keys.size() == 23);
    CHECK(keys.first() == QStringLiteral("2026-10"));
    CHECK_FALSE(keys.contains(QStringLiteral("2026-09")));
    CHECK(keys.last() == QStringLiteral("2024-11"));
    CHECK(menu->actions().first()->text().contains(QStringLiteral("10/11/2026")));
    CHECK(menu->actions().first()->text().contains(QStringLiteral("late")));

    // The person opens the menu with the keyboard and takes its first month.
    QSignalSpy opened(&page, &ui::ReportsPage::openReportRequested);
    other->setFocus();
    QTimer::singleShot(0, [menu] {
        REQUIRE(menu->isVisible());
        if (!menu->activeAction()) // opened by the keyboard, the first may already be active
            QTest::keyClick(menu, Qt::Key_Down);
        REQUIRE(menu->activeAction() == menu->actions().first());
        QTest::keyClick(menu, Qt::Key_Return);
    });
    QTest::keyClick(other, Qt::Key_Space);
    REQUIRE((!opened.isEmpty() || opened.wait(5000)));
    REQUIRE(page.model()->rowCount() == 2);
    const QModelIndex created = page.model()->index(0, ui::ReportListModel::Deadline);
    CHECK(created.data(ui::ReportListModel::PeriodKeyRole).toString() == QStringLiteral("2026-10"));
    CHECK(created.data(ui::ReportListModel::StateKeyRole).toString() == QStringLiteral("draft"));
    CHECK(created.data(ui::ReportListModel::LateRole).toBool());
    // October is no longer offered.
    keys.clear();
    for (QAction *a : menu->actions())
        keys << a->data().toString();
    CHECK_FALSE(keys.contains(QStringLiteral("2026-10")));
}

TEST_CASE("partners page: search ignores accents and case")
{
    Fixture f;
    core::Partner p;
    p.uuid = core::newUuid();
    p.name = QStringLiteral("Associação São José");
    p.municipality = QStringLiteral("3106200");
    REQUIRE(f.services->partners().save(p).ok());
    p.uuid = core::newUuid();
    p.name = QStringLiteral("Rádio Comunitária");
    REQUIRE(f.services->partners().save(p).ok());

    ui::PartnersPage page(f.context);
    page.show();
    REQUIRE(page.table()->model()->rowCount() == 2);
    QTest::keyClicks(page.searchField(), QStringLiteral("associacao sao jose"));
    REQUIRE(page.table()->model()->rowCount() == 1);
    CHECK(page.table()->model()->index(0, 0).data().toString() == QStringLiteral("Associação São José"));
    page.searchField()->clear();
    QTest::keyClicks(page.searchField(), QStringLiteral("RADIO"));
    CHECK(page.table()->model()->rowCount() == 1);
}

TEST_CASE("sync page: lists the concluded months waiting in the outbox")
{
    Fixture f(true);
    ui::SyncPage page(f.context);
    CHECK(page.queue()->count() == 12);
    CHECK(page.summary()->text().contains(QStringLiteral("12")));
}

TEST_CASE("settings page: the language choice is saved in the profile")
{
    Fixture f;
    ui::SettingsPage page(f.context);
    page.languageBox()->setCurrentIndex(page.languageBox()->findData(QStringLiteral("en")));
    CHECK(f.services->profile().setting(QStringLiteral("language")) == QStringLiteral("en"));
}

TEST_CASE("settings page: an apoiador's profile shows its program, level and state, and no municipality")
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    auto opened = core::Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    core::Services &services = *opened.value();
    REQUIRE(services.profile().setProgram(QStringLiteral("apoio_cosems")).ok());
    REQUIRE(services.profile().setRole(core::Role::Municipality, QStringLiteral("BA")).ok());
    const ui::AppContext context{dir.path(), core::ReferenceData::embedded(),
                                 core::ProgramDefinition::apoioCosems(), &services, &clock};
    ui::SettingsPage page(context);
    page.show();
    // The rows a person sees, label and value, in order.
    QStringList shown;
    auto *form = page.findChild<QFormLayout *>();
    REQUIRE(form);
    for (int row = 0; row < form->rowCount(); ++row) {
        auto *label = qobject_cast<QLabel *>(form->itemAt(row, QFormLayout::LabelRole)->widget());
        auto *value = qobject_cast<QLabel *>(form->itemAt(row, QFormLayout::FieldRole)->widget());
        if (label && value && value->isVisible())
            shown << label->text() + QLatin1Char(' ') + value->text();
    }
    CHECK(shown.value(0) == QStringLiteral("Program: ") + core::ProgramDefinition::apoioCosems().name());
    CHECK(shown.value(1) == QStringLiteral("Level: Apoiador(a) do COSEMS"));
    CHECK(shown.value(2) == QStringLiteral("State: Bahia (BA)"));
    CHECK_FALSE(shown.join(QLatin1Char('\n')).contains(QStringLiteral("Municipality")));
    CHECK_FALSE(shown.join(QLatin1Char('\n')).contains(QStringLiteral("URS")));
    // Its privacy notice names its program and who receives its reports, not SES-MG's.
    QStringList texts;
    for (const QLabel *l : page.findChildren<QLabel *>())
        texts << l->text();
    const QString all = texts.join(QLatin1Char('\n'));
    CHECK(all.contains(QStringLiteral("to report them to Coordenação do COSEMS")));
    CHECK_FALSE(all.contains(QStringLiteral("SES-MG")));
}

TEST_CASE("reports page: at 1024x600 every column of the list shows without scrolling sideways")
{
    Fixture f(true);
    test::FakeDialogs dialogs;
    ui::MainWindow window(f.context, nullptr, &dialogs);
    window.resize(1024, 600);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto *page = qobject_cast<ui::ReportsPage *>(window.page(QStringLiteral("reports")));
    REQUIRE(page);
    QTableView *table = page->table();
    REQUIRE(table->isVisible());
    QApplication::processEvents(); // the header sizes its sections to their content
    CHECK(table->horizontalScrollBar()->maximum() == 0);
    CHECK(window.width() <= 1024);
    // Every header reads whole: the section is at least as wide as its title.
    const QFontMetrics fm(table->horizontalHeader()->font());
    for (int c = 0; c < page->model()->columnCount(); ++c)
        CHECK(table->horizontalHeader()->sectionSize(c) >=
              fm.horizontalAdvance(page->model()->headerData(c, Qt::Horizontal).toString()));
}

TEST_CASE("demo data: each action's audience is who it is for (no children at the pregnant women's workshop)")
{
    Fixture f(true);
    const QString title = f.context.program.fieldForRole(core::field_role::Title);
    const QString audience = f.context.program.fieldForRole(core::field_role::Audience);
    const QHash<QString, QJsonArray> expected{
        {QStringLiteral("Oficina de alimentação saudável com gestantes"), {QStringLiteral("7")}},
        {QStringLiteral("Teatro na escola: prevenção de acidentes com escorpiões"), {QStringLiteral("4")}},
        {QStringLiteral("Caminhada Novembro Azul"), {QStringLiteral("8")}},
        {QStringLiteral("Blitz educativa Outubro Rosa"), {QStringLiteral("6")}},
    };
    QSet<QString> seen;
    const auto summaries = f.services->reports().summaries();
    REQUIRE(summaries.ok());
    for (const auto &s : summaries.value()) {
        const auto report = f.services->reports().report(s.uuid);
        REQUIRE(report.ok());
        for (const core::Action &a : report->actions) {
            const QString t = a.values.value(title).toString();
            if (!expected.contains(t))
                continue;
            seen.insert(t);
            INFO(t.toStdString());
            CHECK(a.values.value(audience).toArray() == expected.value(t));
        }
    }
    CHECK(seen.size() == expected.size()); // the demonstration has each of them
}

TEST_CASE("main window: it fits the screen's free area and opens again at the size it was left")
{
    Fixture f;
    test::FakeDialogs dialogs;
    const QRect free = QGuiApplication::primaryScreen()->availableGeometry();
    QSize left;
    int minWidth = 0;
    {
        ui::MainWindow window(f.context, nullptr, &dialogs);
        // Never taller or wider than the screen (the offscreen screen is small).
        CHECK(window.width() <= free.width());
        CHECK(window.height() <= free.height());
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        // Smaller than it opened, as small as the window goes (the offscreen screen is narrow).
        minWidth = window.minimumSizeHint().width();
        left = QSize(qMax(minWidth, qMin(900, free.width() - 16)), 500);
        window.resize(left);
        QCoreApplication::processEvents();
        REQUIRE(window.size() == left);
        window.close(); // as the person does: the size is kept
    }
    ui::MainWindow again(f.context, nullptr, &dialogs);
    again.show(); // what the person sees
    REQUIRE(QTest::qWaitForWindowExposed(&again));
    CHECK(again.height() == 500);
    CHECK(again.width() == qMax(minWidth, qMin(left.width(), free.width() - 16)));
}

TEST_CASE("file dialogs open in a folder that exists: Pictures, or home when there is none")
{
    test::TempDir dir;
    CHECK(ui::WidgetDialogs::startFolder(dir.path()) == dir.path());
    // No "Pictures" folder: home, never a missing folder the dialog would show as a file name.
    CHECK(ui::WidgetDialogs::startFolder(dir.filePath(QStringLiteral("Pictures"))) == QDir::homePath());
    CHECK(ui::WidgetDialogs::startFolder(QString()) == QDir::homePath());
}
