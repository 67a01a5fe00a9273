// The apoio program's quanti panel on the real widgets (issue 11): the COSEMS's of its state
// and CONASEMS's of the country, over the COSEMS demonstration copy, driven by clicks and keys.
// Each figure shown is the one core computes for the filter on screen (core's own test counts
// those again from the manifests); the page does no work until it is shown.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/main_window.h"
#include "app/ui/panel/panel_tiles.h"
#include "app/ui/panel/program_panel_page.h"
#include "app/ui/panel/text_search_view.h"
#include "app/ui/regional/inbox_page.h"
#include "app/ui/regional/report_view.h"
#include "core/panel/program_panel.h"
#include "core/panel/text_search.h"
#include "core/reference/brazil_reference.h"
#include "core/reference/reference_data.h"
#include "core/regional/review_outbox.h"
#include "core/services/services.h"
#include "tests/app/fake_dialogs.h"
#include "tests/app/regional/regional_ui_helpers.h"
#include "tests/support/cosems_demo.h"
#include "tests/support/temp_dir.h"

#include <QAbstractBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QScatterSeries>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTimeZone>

using namespace mobiliza;

namespace {

// The person clicks "Panel" in the navigation: the page it shows.
ui::ProgramPanelPage *openPanelByClick(ui::MainWindow &window)
{
    REQUIRE(test::clickNavigation(window, QStringLiteral("Panel")));
    auto *page = qobject_cast<ui::ProgramPanelPage *>(window.page(QStringLiteral("panel")));
    REQUIRE(page);
    REQUIRE(page->isVisible());
    return page;
}

// A COSEMS demonstration copy of Bahia and the window context over it, at `role`
// (CONASEMS: Role::Central, the same copy seen as the country's).
struct ApoioPanelDesk
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services = test::cosemsDemoOfBahia(dir, clock);
    ui::AppContext context;
    test::FakeDialogs dialogs;
    explicit ApoioPanelDesk(core::Role role)
        : context{dir.path(), core::ReferenceData::embedded(), core::ProgramDefinition::apoioCosems(),
                  services.get(), &clock}
    {
        context.role = role;
    }
};

void waitForFigures(ui::ProgramPanelPage *page)
{
    if (!page->isComputing())
        return;
    QSignalSpy done(page, &ui::ProgramPanelPage::computed);
    REQUIRE(done.wait(20000));
}

// What core says for the filter the page shows.
core::ProgramPanelData coreFigures(core::Services &services, const core::ProgramPanelFilter &filter)
{
    auto d = core::computeProgramPanel(services.replica(), core::ProgramDefinition::apoioCosems(),
                                       core::BrazilReference::embedded(), filter,
                                       services.reviews().localStates());
    REQUIRE(d.ok());
    return d.value();
}

// The bars of the first bar set of a chart view's first series.
QList<qreal> barsOf(QChartView *view)
{
    REQUIRE(view);
    REQUIRE_FALSE(view->chart()->series().isEmpty());
    auto *bars = qobject_cast<QAbstractBarSeries *>(view->chart()->series().first());
    REQUIRE(bars);
    QList<qreal> values;
    QBarSet *set = bars->barSets().last(); // the mix chart: "Recorded" is the last set
    for (int i = 0; i < set->count(); ++i)
        values << set->at(i);
    return values;
}

// Dots of the map: every municipality of the territory, and those of the classes with actions.
std::pair<int, int> mapDots(QChartView *view)
{
    int all = 0, reached = 0;
    for (QAbstractSeries *s : view->chart()->series()) {
        auto *scatter = qobject_cast<QScatterSeries *>(s);
        REQUIRE(scatter);
        all += scatter->count();
        if (scatter->property("lower").toLongLong() > 0)
            reached += scatter->count();
    }
    return {all, reached};
}

void checkShown(ui::ProgramPanelPage *page, const core::ProgramPanelData &d)
{
    REQUIRE(page->answer());
    CHECK(page->answer()->current == d);
    const QLocale locale;
    CHECK(page->findChild<ui::PanelTile *>(QStringLiteral("tileActions"))->valueText() ==
          locale.toString(d.actions));
    CHECK(page->findChild<ui::PanelTile *>(QStringLiteral("tileParticipants"))->valueText() ==
          locale.toString(d.participants));
    CHECK(page->findChild<ui::PanelTile *>(QStringLiteral("tileReached"))
              ->valueText()
              .startsWith(locale.toString(d.municipalities.size())));
    CHECK(page->findChild<ui::PanelTile *>(QStringLiteral("tileLate"))
              ->valueText()
              .startsWith(locale.toString(d.referralsLate)));
    // Actions per quadrimestre, bar by bar; each breakdown's bars add up to the actions (a
    // multichoice's to more); the mix's shares to 100 %; the map has every municipality.
    QList<qreal> perPeriod = barsOf(page->chartView(QStringLiteral("chartPeriods")));
    REQUIRE(perPeriod.size() == d.periods.size());
    for (qsizetype i = 0; i < perPeriod.size(); ++i)
        CHECK(qint64(perPeriod.at(i)) == d.actionsByPeriod.at(i));
    for (const char *field : {"support_type", "modality"}) {
        qreal sum = 0;
        for (qreal v :
             barsOf(page->chartView(QStringLiteral("chartBreakdown_") + QString::fromLatin1(field))))
            sum += v;
        CHECK(qint64(sum) == d.actions);
    }
    qreal shares = 0;
    for (qreal v : barsOf(page->chartView(QStringLiteral("chartMix_learning_mode"))))
        shares += v;
    CHECK(shares == Approx(d.actions > 0 ? 100.0 : 0.0).margin(0.2));
    const auto [all, reached] = mapDots(page->chartView(QStringLiteral("chartMap")));
    CHECK(all == d.territoryMunicipalities);
    CHECK(reached == d.municipalities.size());
}

} // namespace

TEST_CASE("The COSEMS's panel: Bahia's apoio actions by click and key, each figure core's for the filter "
          "shown")
{
    ApoioPanelDesk desk(core::Role::Urs);
    auto &services = desk.services;
    auto &dialogs = desk.dialogs;
    auto &context = desk.context;
    const test::TempDir &dir = desk.dir;
    ui::MainWindow window(context, nullptr, &dialogs);
    window.resize(1366, 768);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto *hidden = qobject_cast<ui::ProgramPanelPage *>(window.page(QStringLiteral("panel")));
    REQUIRE(hidden);
    // Not shown: nothing computed.
    CHECK_FALSE(hidden->isComputing());
    CHECK_FALSE(hidden->answer());

    ui::ProgramPanelPage *page = openPanelByClick(window);
    waitForFigures(page);
    // The year ending with the newest quadrimestre reported (the one under way has few reviews).
    core::ProgramPanelFilter f = page->filter();
    CHECK(f.from == core::Period::fromKey(QStringLiteral("2025-Q3")));
    CHECK(f.to == core::Period::fromKey(QStringLiteral("2026-Q2")));
    CHECK(f.uf == QStringLiteral("BA"));
    CHECK_FALSE(f.includeReceived);
    const core::ProgramPanelData accepted = coreFigures(*services, f);
    REQUIRE(accepted.actions > 0);
    checkShown(page, accepted);
    CHECK(mapDots(page->chartView(QStringLiteral("chartMap"))).first == 417);
    CHECK_FALSE(page->chartView(QStringLiteral("chartStates"))); // a COSEMS sees its own state

    // The person ticks "also the reports not reviewed yet": more actions.
    auto *include = page->findChild<QCheckBox *>(QStringLiteral("programPanelIncludeReceived"));
    REQUIRE(include);
    QTest::mouseClick(include, Qt::LeftButton, {}, QPoint(8, include->height() / 2));
    REQUIRE(include->isChecked());
    waitForFigures(page);
    f.includeReceived = true;
    const core::ProgramPanelData all = coreFigures(*services, f);
    CHECK(all.actions > accepted.actions);
    checkShown(page, all);

    // One quadrimestre further back, by the keyboard on "From" (newest first: Down is older).
    auto *from = page->findChild<QComboBox *>(QStringLiteral("programPanelFrom"));
    REQUIRE(from);
    from->setFocus();
    QTest::keyClick(from, Qt::Key_Down);
    waitForFigures(page);
    CHECK(page->filter().from == core::Period::fromKey(QStringLiteral("2025-Q2")));
    f.from = page->filter().from;
    const core::ProgramPanelData wider = coreFigures(*services, f);
    CHECK(wider.periods.size() == 4);
    checkShown(page, wider);
    // The previous period of the tiles' change: four quadrimestres before, with nothing in them.
    CHECK(page->answer()->previous.actions == 0);

    // Exported for Excel through the save dialog: a row per figure, the labels beside the codes.
    dialogs.savePath = dir.filePath(QStringLiteral("painel.csv"));
    QSignalSpy exported(page, &ui::ProgramPanelPage::exported);
    QTest::mouseClick(page->findChild<QPushButton *>(QStringLiteral("programPanelCsv")), Qt::LeftButton);
    REQUIRE(exported.wait(10000));
    CHECK(exported.first().first().toBool());
    QFile csv(dialogs.savePath);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(csv.readAll());
    CHECK(text.contains(QStringLiteral("Tipo de ação;visita_tecnica;Visita técnica;")));
    CHECK(text.contains(QStringLiteral(";pratica;Prática (70);")));
    CHECK(text.contains(QStringLiteral(";%1;").arg(wider.actions)));
    CHECK(text.count(QStringLiteral("\r\n")) > 40);
}

TEST_CASE("The COSEMS's texts: words typed without accents, passages highlighted, a link to the report")
{
    ApoioPanelDesk desk(core::Role::Urs);
    ui::MainWindow window(desk.context, nullptr, &desk.dialogs);
    window.resize(1366, 768);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    ui::ProgramPanelPage *page = openPanelByClick(window);
    waitForFigures(page);
    // The person clicks the "Texts" tab, types "reuniao" and presses Enter.
    auto *tabs = page->findChild<QTabWidget *>(QStringLiteral("programPanelTabs"));
    REQUIRE(tabs);
    REQUIRE(tabs->count() == 2);
    QTabBar *bar = tabs->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(1).center());
    ui::TextSearchView *view = page->textSearch();
    REQUIRE(view->isVisible());
    QTest::mouseClick(view->queryEdit(), Qt::LeftButton);
    QTest::keyClicks(view->queryEdit(), QStringLiteral("reuniao"));
    QSignalSpy searched(view, &ui::TextSearchView::searched);
    QTest::keyClick(view->queryEdit(), Qt::Key_Return);
    REQUIRE(searched.wait(20000));
    REQUIRE(view->result());

    // What core finds for the panel's filters shown, passage by passage.
    core::TextSearchFilter filter;
    filter.panel = page->filter();
    filter.query = QStringLiteral("reuniao");
    auto expected = core::searchTexts(desk.services->database().db(), desk.services->replica(),
                                      core::ProgramDefinition::apoioCosems(), filter,
                                      desk.services->reviews().localStates());
    REQUIRE(expected.ok());
    REQUIRE(expected.value().total > 0);
    CHECK(view->result()->total == expected.value().total);
    REQUIRE(view->result()->matches.size() == expected.value().matches.size());
    for (qsizetype i = 0; i < expected.value().matches.size(); ++i)
        CHECK(view->result()->matches.at(i).passage == expected.value().matches.at(i).passage);
    CHECK(view->summary()->text().startsWith(QStringLiteral("%1 passage").arg(expected.value().total)));
    // The words found are highlighted, with their accent: "Reunião".
    const QString html = view->results()->toHtml();
    CHECK(html.contains(QStringLiteral("eunião</span>")));
    CHECK(ui::TextSearchView::passageHtml(
              QStringLiteral("a <b> %1Reunião%2").arg(core::kMatchStart, core::kMatchEnd)) ==
          QStringLiteral("a &lt;b&gt; <span style='background:#ffe08a; font-weight:bold;'>Reunião</span>"));

    // A filter changed above searches again: with the reports to review, more passages.
    QSignalSpy again(view, &ui::TextSearchView::searched);
    QTest::mouseClick(page->findChild<QCheckBox *>(QStringLiteral("programPanelIncludeReceived")),
                      Qt::LeftButton, {}, QPoint(8, 8));
    REQUIRE(again.wait(20000));
    CHECK(view->result()->total > expected.value().total);

    // Tab to the first link, Enter: the report opens in the inbox.
    view->results()->setFocus();
    QTest::keyClick(view->results(), Qt::Key_Tab);
    QTest::keyClick(view->results(), Qt::Key_Return);
    CHECK(window.currentPageName() == QStringLiteral("inbox"));
    auto *inbox = qobject_cast<ui::InboxPage *>(window.page(QStringLiteral("inbox")));
    REQUIRE(inbox);
    CHECK(inbox->reportView()->reportUuid() == view->result()->matches.first().report);

    // The matching records to CSV through the save dialog: one row per action found.
    desk.dialogs.savePath = desk.dir.filePath(QStringLiteral("busca.csv"));
    QSignalSpy exported(view, &ui::TextSearchView::exported);
    QTest::mouseClick(view->findChild<QPushButton *>(QStringLiteral("textSearchCsv")), Qt::LeftButton);
    REQUIRE(exported.wait(10000));
    CHECK(exported.first().first().toBool());
    QFile csv(desk.dialogs.savePath);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    CHECK(QString::fromUtf8(csv.readAll()).count(QStringLiteral("\r\nap-")) == view->result()->actions);
}

TEST_CASE("CONASEMS's panel: the country, then one state chosen by typing its name")
{
    ApoioPanelDesk desk(core::Role::Central);
    auto &services = desk.services;
    auto &dialogs = desk.dialogs;
    auto &context = desk.context;
    ui::MainWindow window(context, nullptr, &dialogs);
    window.resize(1366, 768);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    ui::ProgramPanelPage *page = openPanelByClick(window);
    waitForFigures(page);
    core::ProgramPanelFilter f = page->filter();
    CHECK(f.uf.isEmpty());
    const core::ProgramPanelData country = coreFigures(*services, f);
    checkShown(page, country);
    CHECK(country.territoryMunicipalities == 5571);
    QChartView *states = page->chartView(QStringLiteral("chartStates"));
    REQUIRE(states);
    CHECK(states->isVisible());
    CHECK(barsOf(states) == QList<qreal>{qreal(country.actions)}); // Bahia's only

    auto *uf = page->findChild<QComboBox *>(QStringLiteral("programPanelUf"));
    REQUIRE(uf);
    uf->setFocus();
    QTest::keyClicks(uf, QStringLiteral("Bahia"));
    REQUIRE(uf->currentData().toString() == QStringLiteral("BA"));
    waitForFigures(page);
    f.uf = QStringLiteral("BA");
    const core::ProgramPanelData bahia = coreFigures(*services, f);
    checkShown(page, bahia);
    CHECK(bahia.actions == country.actions);
    CHECK(bahia.territoryMunicipalities == 417);
    CHECK_FALSE(states->isVisible());
}

TEST_CASE("The apoio panel on the office screens, in Portuguese: nothing to scroll sideways")
{
    ApoioPanelDesk desk(core::Role::Urs);
    auto &dialogs = desk.dialogs;
    auto &context = desk.context;
    test::TempDir scratch;
    test::atOfficeScreens(scratch.path(), [&](QSize size, const QString &folder) {
        ui::MainWindow w(context, nullptr, &dialogs);
        w.resize(size);
        w.show();
        REQUIRE(QTest::qWaitForWindowExposed(&w));
        REQUIRE(w.showPage(QStringLiteral("panel")));
        auto *p = qobject_cast<ui::ProgramPanelPage *>(w.page(QStringLiteral("panel")));
        REQUIRE(p);
        waitForFigures(p);
        REQUIRE(p->answer());
        QCoreApplication::processEvents();
        INFO(size.width() << "x" << size.height());
        auto *scroll = p->findChild<QScrollArea *>(QStringLiteral("programPanelScroll"));
        REQUIRE(scroll);
        CHECK_FALSE(scroll->horizontalScrollBar()->isVisible());
        for (const char *name : {"programPanelCsv", "programPanelXlsx"}) {
            auto *button = p->findChild<QPushButton *>(QString::fromLatin1(name));
            const QRect r(button->mapTo(&w, QPoint(0, 0)), button->size());
            CHECK(w.rect().contains(r));
        }
        w.grab().save(
            QStringLiteral("%1/cosems-panel-%2x%3.png").arg(folder).arg(size.width()).arg(size.height()));
        // The texts tab with a search made: its buttons on screen too.
        p->showTexts();
        ui::TextSearchView *view = p->textSearch();
        QSignalSpy searched(view, &ui::TextSearchView::searched);
        view->queryEdit()->setText(QStringLiteral("reuniao cir"));
        QTest::keyClick(view->queryEdit(), Qt::Key_Return);
        REQUIRE(searched.wait(20000));
        REQUIRE(view->result());
        CHECK(view->result()->total > 0);
        for (const char *name : {"textSearchCsv", "textSearchXlsx", "textSearchGo"}) {
            auto *button = view->findChild<QPushButton *>(QString::fromLatin1(name));
            const QRect r(button->mapTo(&w, QPoint(0, 0)), button->size());
            CHECK(w.rect().contains(r));
        }
        CHECK_FALSE(view->results()->horizontalScrollBar()->isVisible());
        w.grab().save(
            QStringLiteral("%1/cosems-texts-%2x%3.png").arg(folder).arg(size.width()).arg(size.height()));
    });
}
