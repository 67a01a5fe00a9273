// The municipality's Painel (app/ui/pages/panel_page.h) driven as a person does:
// the figures of its own months, the switch of what counts, a theme chosen with
// the keyboard, a late month in red, a month opened by double-click. Each figure is
// compared with a count made from the seeded months (tests/core/panel/own_seed.h).
#include "tests/support/catch_qt.h"

#include "app/ui/editor/report_editor_page.h"
#include "app/ui/main_window.h"
#include "app/ui/pages/panel_page.h"
#include "app/ui/panel/panel_tiles.h"
#include "core/domain/clock.h"
#include "core/regional/coverage.h"
#include "tests/app/fake_dialogs.h"
#include "tests/core/panel/own_seed.h"
#include "tests/support/temp_dir.h"

#include <QAction>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyle>
#include <QTableWidget>
#include <QTest>
#include <QTimeZone>

using namespace mobiliza;

namespace {

qint64 actionsOf(const QList<test::own::Month> &months, const core::Period &from, const core::Period &to,
                 bool unaccepted, const QString &theme = {})
{
    qint64 n = 0;
    for (const auto &m : months) {
        const bool accepted = m.state == QLatin1String("accepted");
        if (m.period < from || to < m.period || !(unaccepted || accepted))
            continue;
        for (const QJsonObject &a : m.actions)
            n += theme.isEmpty() || a.value(QStringLiteral("themes")).toArray().contains(theme) ? 1 : 0;
    }
    return n;
}

} // namespace

TEST_CASE("municipal panel: its own months, what counts switched by a click, a theme by the keyboard")
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 5, 15), QTime(12, 0), QTimeZone::utc())};
    auto opened = core::Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    const QList<test::own::Month> seeded = test::own::seed(*opened.value());
    ui::AppContext context{dir.path(), core::ReferenceData::embedded(),
                           core::ProgramDefinition::sesMgMobilizacao(), opened.value().get(), &clock};
    test::FakeDialogs dialogs;
    ui::PanelPage page(context, dialogs);
    page.resize(1280, 800);
    QSignalSpy refreshed(&page, &ui::PanelPage::refreshed);
    // New figures since the spy was last cleared: already here (an event loop ran), or awaited.
    const auto answered = [&refreshed] { return !refreshed.isEmpty() || refreshed.wait(20000); };
    page.show();
    REQUIRE(QTest::qWaitForWindowExposed(&page));
    REQUIRE(answered());

    // The last 12 months up to the one being recorded now, drafts included.
    const core::Period from{2025, 6}, to{2026, 5};
    const QLocale locale;
    auto *actions = page.findChild<ui::PanelTile *>(QStringLiteral("tileActions"));
    auto *reporting = page.findChild<ui::PanelTile *>(QStringLiteral("tileReporting"));
    REQUIRE(actions);
    REQUIRE(reporting);
    CHECK(actions->valueText() == locale.toString(actionsOf(seeded, from, to, true)));
    // Sent: sep, dec and feb on time, jan late, nov sem ações; oct's correction and mar
    // returned, apr a draft, may not started.
    CHECK(reporting->valueText() ==
          QCoreApplication::translate("mobiliza::ui::PanelTile", "%1 of %2").arg(5).arg(12));

    // The months, newest first: May not started, April a draft past its deadline, in red.
    QTableWidget *months = page.monthsTable();
    REQUIRE(months->rowCount() == 12);
    const QColor red(0xa0, 0x18, 0x18);
    CHECK(months->item(0, 0)->data(Qt::UserRole).toString().isEmpty());
    CHECK(months->item(0, 2)->foreground().color() != red); // May: due 10/06
    CHECK(months->item(0, 2)->text().contains(QStringLiteral("10/06/2026")));
    CHECK(months->item(1, 3)->text() == QStringLiteral("3"));
    CHECK(months->item(1, 2)->foreground().color() == red); // April: due 10/05, not sent
    CHECK(months->item(1, 2)->text().contains(QStringLiteral("10/05/2026")));
    CHECK(months->item(2, 2)->foreground().color() == red); // March: returned, past its deadline
    CHECK(months->item(2, 2)->text() == core::coverageStateLabel(core::CoverageState::Returned));
    CHECK(months->item(3, 2)->foreground().color() != red); // February: on time (Brasília's day)
    CHECK(months->item(3, 2)->text() == core::coverageStateLabel(core::CoverageState::OnTime));
    CHECK(months->item(4, 2)->text() == core::coverageStateLabel(core::CoverageState::Late)); // January
    CHECK(months->item(4, 2)->foreground().color() != red); // sent: late, not missing

    // Untick "not yet accepted too": only the accepted months count.
    auto *unaccepted = page.findChild<QCheckBox *>(QStringLiteral("panelIncludeReceived"));
    REQUIRE(unaccepted);
    REQUIRE(unaccepted->isChecked());
    refreshed.clear();
    QTest::mouseClick(unaccepted, Qt::LeftButton, {}, QPoint(8, unaccepted->height() / 2));
    REQUIRE(answered());
    CHECK_FALSE(unaccepted->isChecked());
    const qint64 acceptedOnly = actionsOf(seeded, from, to, false);
    CHECK(acceptedOnly < actionsOf(seeded, from, to, true)); // the case changes something
    CHECK(actions->valueText() == locale.toString(acceptedOnly));
    CHECK(months->item(1, 3)->text() == QStringLiteral("0")); // April's draft no longer counts

    // The first theme of the catalogue, chosen with the keyboard.
    auto *theme = page.findChild<QComboBox *>(QStringLiteral("panelTheme"));
    REQUIRE(theme);
    theme->setFocus();
    refreshed.clear();
    QTest::keyClick(theme, Qt::Key_Down);
    REQUIRE(answered());
    const QString code = theme->currentData().toString();
    REQUIRE(code == QStringLiteral("arboviroses"));
    CHECK(actions->valueText() == locale.toString(actionsOf(seeded, from, to, false, code)));

    // A month's row opens its report.
    QSignalSpy open(&page, &ui::PanelPage::openReportRequested);
    months->scrollToItem(months->item(4, 0));
    const QPoint january = months->visualItemRect(months->item(4, 0)).center();
    QTest::mouseClick(months->viewport(), Qt::LeftButton, {}, january);
    QTest::mouseDClick(months->viewport(), Qt::LeftButton, {}, january);
    // Activated once by the double-click (and by the click too, where the style opens on one).
    const bool singleClick =
        months->style()->styleHint(QStyle::SH_ItemView_ActivateItemOnSingleClick, nullptr, months);
    REQUIRE(open.size() == (singleClick ? 2 : 1));
    QString uuid;
    for (const auto &m : seeded)
        if (m.period == core::Period{2026, 1})
            uuid = m.uuid;
    CHECK(open.first().first().toString() == uuid);
    // Enter on the selected month opens it too.
    QTest::keyClick(months, Qt::Key_Return);
    REQUIRE(open.size() == (singleClick ? 3 : 2));
    CHECK(open.last().first().toString() == uuid);

    // "Export data (CSV)…": one row a month of the figures shown, read back as a CSV reader does.
    dialogs.savePath = dir.filePath(QStringLiteral("painel.csv"));
    QSignalSpy exported(&page, &ui::PanelPage::exported);
    auto *csv = page.findChild<QPushButton *>(QStringLiteral("panelExportCsv"));
    REQUIRE(csv);
    QTest::mouseClick(csv, Qt::LeftButton);
    REQUIRE((!exported.isEmpty() || exported.wait(20000)));
    CHECK(exported.first().first().toBool());
    CHECK(dialogs.lastSuggestedPath.contains(QStringLiteral("painel-2025-06-a-2026-05-tema-arboviroses")));
    QProcess reader;
    reader.start(QStringLiteral("python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import csv,sys; r=list(csv.reader(open(sys.argv[1],encoding='utf-8-sig'),"
                                 "delimiter=';')); print(len(r)-1); print(sum(int(x[-2]) for x in r[1:]))"),
                  dialogs.savePath});
    REQUIRE(reader.waitForFinished(30000));
    CHECK(reader.exitCode() == 0);
    const QStringList lines =
        QString::fromUtf8(reader.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 2);
    CHECK(lines.at(0) == QStringLiteral("12"));
    CHECK(lines.at(1) == QString::number(actionsOf(seeded, from, to, false, code)));

    // A chart from its context menu, as SVG.
    dialogs.savePath = dir.filePath(QStringLiteral("temas.svg"));
    QAction *svg = nullptr;
    for (QAction *a : page.chartViews().first()->actions())
        if (a->objectName() == QStringLiteral("saveChartSvg"))
            svg = a;
    REQUIRE(svg);
    svg->trigger();
    QFile written(dialogs.savePath);
    REQUIRE(written.open(QIODevice::ReadOnly));
    CHECK(written.readAll().contains("<svg"));
}

TEST_CASE("municipal panel: a month never started is started from its row, after asking")
{
    // Issue 12 §4: months with no report were listed "não iniciado" and their rows did
    // nothing. Double-clicked, the person is asked, then the month opens in the editor.
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 5, 15), QTime(12, 0), QTimeZone::utc())};
    auto opened = core::Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    test::own::seed(*opened.value()); // May 2026: not started
    ui::AppContext context{dir.path(), core::ReferenceData::embedded(),
                           core::ProgramDefinition::sesMgMobilizacao(), opened.value().get(), &clock};
    test::FakeDialogs dialogs;
    ui::MainWindow window(context, nullptr, &dialogs);
    window.resize(1366, 768);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto *panel = qobject_cast<ui::PanelPage *>(window.page(QStringLiteral("panel")));
    REQUIRE(panel);
    QSignalSpy refreshed(panel, &ui::PanelPage::refreshed);
    REQUIRE(window.showPage(QStringLiteral("panel")));
    REQUIRE((!refreshed.isEmpty() || refreshed.wait(20000)));
    QTableWidget *months = panel->monthsTable();
    REQUIRE(months->rowCount() == 12);
    QTableWidgetItem *may = months->item(0, 0); // newest first
    REQUIRE(may->data(Qt::UserRole).toString().isEmpty());
    CHECK(may->toolTip().contains(QStringLiteral("double-click to start")));
    const auto mayReport = [&] {
        return opened.value()->reports().reportFor(context.program.id(), {2026, 5});
    };
    REQUIRE_FALSE(mayReport().ok());

    const auto doubleClickMay = [&] {
        months->scrollToItem(may);
        const QPoint at = months->visualItemRect(may).center();
        QTest::mouseClick(months->viewport(), Qt::LeftButton, {}, at);
        QTest::mouseDClick(months->viewport(), Qt::LeftButton, {}, at);
    };
    // Asked, and "no": nothing is created, the Painel stays.
    dialogs.answers = {false, false};
    doubleClickMay();
    REQUIRE_FALSE(dialogs.questions.isEmpty());
    CHECK(dialogs.questions.last().contains(QStringLiteral("has no report on this computer yet")));
    CHECK_FALSE(mayReport().ok());
    CHECK(window.currentPageName() == QStringLiteral("panel"));

    // "Yes": May is created as a draft and opens in the editor.
    dialogs.answers.clear();
    dialogs.defaultAnswer = true;
    doubleClickMay();
    const auto created = mayReport();
    REQUIRE(created.ok());
    CHECK(created->state == core::ReportState::Draft);
    CHECK(window.currentPageName() == QStringLiteral("editor"));
    CHECK(window.editor()->report().uuid == created->uuid);
}
