// The URS's Painel on the real widgets, offscreen, driven like a person: the
// navigation, the "include not yet accepted" box, a double-click in the ranking,
// the theme combo by keyboard, a click on a format bar and on a coverage bar.
// The figures are the scenario's, counted by hand from regional_fixture.h
// (validActionValues: theme arboviroses, format mutirão, audience 1, people 40 + n).
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/pages/role_pages.h"
#include "app/ui/panel/panel_dashboard.h"
#include "app/ui/panel/panel_map.h"
#include "app/ui/panel/panel_ranking_model.h"
#include "core/panel/panel_query.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/panel_page_helpers.h"
#include "tests/app/regional/regional_ui_helpers.h"
#include "tests/support/temp_dir.h"

#include <QApplication>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QScatterSeries>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTimeZone>

using namespace mobiliza;

namespace {

QString tile(const ui::PanelDashboard *d, const char *name)
{
    return test::panelTile(d, name);
}

void settle(ui::PanelDashboard *d)
{
    test::settlePanel(d);
}

// The sum of the theme chart's stacks for one month (by its index).
qint64 stackedAt(ui::PanelDashboard *d, int month)
{
    auto *view = d->findChild<QChartView *>(QStringLiteral("chartThemes"));
    REQUIRE(view);
    qint64 sum = 0;
    for (QAbstractSeries *s : view->chart()->series())
        if (auto *stacked = qobject_cast<QStackedBarSeries *>(s))
            for (QBarSet *set : stacked->barSets())
                sum += qint64(set->at(month));
    return sum;
}

// Clicks bar `index` of the first bar series of a chart view, where a person would.
void clickBar(QChartView *view, int index, double value, bool horizontal)
{
    QChart *chart = view->chart();
    QAbstractSeries *series = chart->series().first();
    view->ensureVisible(view->sceneRect());
    const QPointF at = horizontal ? chart->mapToPosition(QPointF(value / 2.0, index), series)
                                  : chart->mapToPosition(QPointF(index, value / 2.0), series);
    const QPoint onScreen = view->mapFromScene(chart->mapToScene(at));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, onScreen);
}

} // namespace

TEST_CASE("regional panel: the scenario's figures, narrowed by the person's clicks and keys")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    QListWidget *nav = window.navigation();
    const int panelRow = int(ui::regionalPageNames().indexOf(QStringLiteral("panel")));
    REQUIRE(panelRow >= 0);
    QTest::mouseClick(nav->viewport(), Qt::LeftButton, Qt::NoModifier,
                      nav->visualItemRect(nav->item(panelRow)).center());
    REQUIRE(window.currentPageName() == QStringLiteral("panel"));
    auto *d = qobject_cast<ui::PanelDashboard *>(window.page(QStringLiteral("panel")));
    REQUIRE(d);
    settle(d);

    // Default: the 12 months up to 10/2026, accepted onwards only — the accepted
    // report of 10/2026 and September's (one action each, 41 people each).
    CHECK(d->data()->filter.to == core::Period{2026, 10});
    CHECK(d->data()->filter.from == core::Period{2025, 11});
    CHECK(tile(d, "tileActions") == QStringLiteral("2"));
    CHECK(tile(d, "tilePeople") == QStringLiteral("82"));
    CHECK(stackedAt(d, 10) == 1); // 09/2026
    CHECK(stackedAt(d, 11) == 1); // 10/2026
    // Coverage, whatever the review: the grid's count for 10/2026.
    const int reported = d->data()->reporting.last();
    CHECK(tile(d, "tileReporting").startsWith(QString::number(reported)));
    CHECK(reported >= 4); // on time, late, without actions, accepted (returned never)
    auto *shown = d->findChild<QLabel *>(QStringLiteral("panelShown"));
    CHECK(shown->text().contains(QStringLiteral("10/2026")));

    // Received reports too: the on-time one (2 actions: 41 + 42) and the late one (41).
    QSignalSpy refreshed(d, &ui::PanelDashboard::refreshed);
    auto *include = d->findChild<QCheckBox *>(QStringLiteral("panelIncludeReceived"));
    QTest::mouseClick(include, Qt::LeftButton, Qt::NoModifier, QPoint(8, include->height() / 2));
    REQUIRE(include->isChecked());
    settle(d);
    CHECK(refreshed.count() >= 1);
    CHECK(tile(d, "tileActions") == QStringLiteral("5"));
    CHECK(tile(d, "tilePeople") == QStringLiteral("206"));
    CHECK(stackedAt(d, 11) == 4);

    // A double-click on a municipality of the ranking shows only it.
    auto *ranking = d->findChild<QTableView *>(QStringLiteral("panelRanking"));
    QAbstractItemModel *rows = ranking->model();
    int row = -1;
    for (int r = 0; r < rows->rowCount(); ++r)
        if (rows->index(r, 0).data(ui::PanelRankingModel::IbgeRole).toString() == f.onTime.municipality)
            row = r;
    REQUIRE(row == 0); // the most actions: 2 in 10/2026 and 1 in 09/2026
    CHECK(rows->index(0, 1).data().toString() == QStringLiteral("3"));
    auto *scroll = d->findChild<QScrollArea *>(QStringLiteral("panelScroll"));
    scroll->ensureWidgetVisible(ranking);
    const QRect cell = ranking->visualRect(rows->index(row, 0));
    QTest::mouseClick(ranking->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    CHECK(d->filter().municipalities.isEmpty()); // a click selects, it does not narrow
    QTest::mouseDClick(ranking->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    auto *municipality = d->findChild<QComboBox *>(QStringLiteral("panelMunicipality"));
    CHECK(municipality->currentText() == f.onTime.name);
    settle(d);
    CHECK(tile(d, "tileActions") == QStringLiteral("3"));
    CHECK(tile(d, "tilePeople") == QStringLiteral("124"));
    CHECK(rows->rowCount() == 1);

    // The theme by keyboard: the second theme of the catalogue has no action here.
    auto *theme = d->findChild<QComboBox *>(QStringLiteral("panelTheme"));
    theme->setFocus();
    QTest::keyClick(theme, Qt::Key_Down); // the first theme: arboviroses (every action's)
    settle(d);
    CHECK(theme->currentData().toString() == QStringLiteral("arboviroses"));
    CHECK(tile(d, "tileActions") == QStringLiteral("3"));
    QTest::keyClick(theme, Qt::Key_Down);
    settle(d);
    CHECK(tile(d, "tileActions") == QStringLiteral("0"));
    CHECK(stackedAt(d, 11) == 0);

    // The data behind the figures, as the person exports it: one row per municipality × month.
    test::TempDir out;
    f.dialogs.savePath = out.filePath(QStringLiteral("painel.csv"));
    QSignalSpy exported(d, &ui::PanelDashboard::exported);
    auto *exportCsv = d->findChild<QPushButton *>(QStringLiteral("panelExportCsv"));
    scroll->ensureWidgetVisible(exportCsv);
    QTest::mouseClick(exportCsv, Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return exported.count() == 1; }));
    CHECK(exported.first().first().toBool());
    // The file's name says what narrowed it: the theme and the municipality.
    CHECK(f.dialogs.lastSuggestedPath.contains(QStringLiteral("painel-2025-11-a-2026-10-tema-")));
    CHECK(f.dialogs.lastSuggestedPath.contains(f.onTime.municipality));
    QFile csv(f.dialogs.savePath);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 1 + 12); // the one municipality shown, 12 months
    qint64 sum = 0;
    for (int i = 1; i < lines.size(); ++i)
        sum += lines.at(i).split(QLatin1Char(';')).value(7).toLongLong();
    CHECK(sum == 0); // the theme narrowed to one with no action

    // "Clear filters" brings the default back.
    QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("panelClear")), Qt::LeftButton);
    settle(d);
    CHECK_FALSE(include->isChecked());
    CHECK(municipality->currentIndex() == 0);
    CHECK(tile(d, "tileActions") == QStringLiteral("2"));
    // Exported again, unfiltered: every municipality × month, and the actions shown.
    QTest::mouseClick(exportCsv, Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return exported.count() == 2; }));
    QFile all(f.dialogs.savePath);
    REQUIRE(all.open(QIODevice::ReadOnly));
    const QByteArray bytes = all.readAll();
    CHECK(bytes.startsWith("\xEF\xBB\xBF")); // UTF-8 with BOM, for Excel
    const QStringList rowsAll = QString::fromUtf8(bytes).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    REQUIRE(rowsAll.size() == 1 + f.municipalities.size() * 12);
    qint64 exportedActions = 0;
    for (int i = 1; i < rowsAll.size(); ++i)
        exportedActions += rowsAll.at(i).split(QLatin1Char(';')).value(7).toLongLong();
    CHECK(exportedActions == 2);
    // The Balanço mensal of the same figures, as a PDF the person saves.
    f.dialogs.savePath = out.filePath(QStringLiteral("balanco.pdf"));
    QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("panelBalanco")), Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return exported.count() == 3; }, 20000));
    CHECK(exported.last().first().toBool());
    CHECK(f.dialogs.lastSuggestedPath.contains(QStringLiteral("balanco-2025-11-a-2026-10")));
    QProcess text;
    text.start(QStringLiteral("pdftotext"),
               {QStringLiteral("-layout"), f.dialogs.savePath, QStringLiteral("-")});
    REQUIRE(text.waitForFinished(20000));
    const QString pages = QString::fromUtf8(text.readAllStandardOutput());
    CHECK(pages.contains(QStringLiteral("URS Barbacena")));
    CHECK(pages.contains(QStringLiteral("Página 1 de")));

    // A click on the format bar narrows to that format.
    auto *formats = d->findChild<QChartView *>(QStringLiteral("chartFormats"));
    scroll->ensureWidgetVisible(formats);
    QCoreApplication::processEvents();
    clickBar(formats, 0, 2.0, true);
    settle(d);
    CHECK(d->filter().format == QStringLiteral("mutirao"));
    CHECK(tile(d, "tileActions") == QStringLiteral("2"));

    // Drill-down by the coverage of the areas: the URS by região de saúde, then a região by município.
    QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("panelClear")), Qt::LeftButton);
    settle(d);
    auto *groups = d->findChild<QChartView *>(QStringLiteral("chartGroups"));
    auto *area = d->findChild<QComboBox *>(QStringLiteral("panelArea"));
    const auto groupCodes = [&] {
        auto *bars = qobject_cast<QHorizontalBarSeries *>(groups->chart()->series().first());
        REQUIRE(bars);
        return bars->barSets().first()->property("codes").toStringList();
    };
    QStringList codes = groupCodes();
    REQUIRE(codes.size() >= 2);
    for (const QString &code : std::as_const(codes))
        CHECK(code.startsWith(QStringLiteral("regiao:")));
    // The região of the on-time municipality: where its bar is, counted from the bottom.
    const auto onTime = f.context.reference.municipality(f.onTime.municipality);
    REQUIRE(onTime);
    const int regiaoBar = int(codes.indexOf(QStringLiteral("regiao:") + onTime->regiaoCode));
    REQUIRE(regiaoBar >= 0);
    scroll->ensureWidgetVisible(groups);
    QCoreApplication::processEvents();
    const auto barValue = [&](int index) {
        return qobject_cast<QHorizontalBarSeries *>(groups->chart()->series().first())
            ->barSets()
            .first()
            ->at(index);
    };
    REQUIRE(barValue(regiaoBar) > 0.5);
    clickBar(groups, regiaoBar, barValue(regiaoBar), true);
    settle(d);
    CHECK(area->currentData().toString() == QStringLiteral("regiao:") + onTime->regiaoCode);
    CHECK(d->filter().municipalities.contains(f.onTime.municipality));
    CHECK(d->findChild<QComboBox *>(QStringLiteral("panelMunicipality"))->count() ==
          d->filter().municipalities.size() + 1);
    codes = groupCodes();
    for (const QString &code : std::as_const(codes))
        CHECK(code.startsWith(QStringLiteral("municipality:")));
    const int municipalityBar = int(codes.indexOf(QStringLiteral("municipality:") + f.onTime.municipality));
    REQUIRE(municipalityBar >= 0);
    scroll->ensureWidgetVisible(groups);
    QCoreApplication::processEvents();
    REQUIRE(barValue(municipalityBar) > 0.5);
    clickBar(groups, municipalityBar, barValue(municipalityBar), true);
    settle(d);
    CHECK(d->filter().municipalities == QStringList{f.onTime.municipality});
    QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("panelClear")), Qt::LeftButton);
    settle(d);
    CHECK(area->currentIndex() == 0);

    // A click on a coverage bar opens that month in the coverage grid.
    auto *coverageView = d->findChild<QChartView *>(QStringLiteral("chartCoverage"));
    scroll->ensureWidgetVisible(coverageView);
    QCoreApplication::processEvents();
    clickBar(coverageView, 11, double(reported), false);
    REQUIRE(test::waitUntil([&] { return window.currentPageName() == QStringLiteral("coverage"); }));
    auto *month =
        window.page(QStringLiteral("coverage"))->findChild<QLabel *>(QStringLiteral("coverageMonth"));
    REQUIRE(month);
    CHECK(month->text().contains(QStringLiteral("10/2026")));
}

TEST_CASE(
    "regional panel: hidden, it computes nothing, and a change of the replica is shown when it comes back")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    auto *d = qobject_cast<ui::PanelDashboard *>(window.page(QStringLiteral("panel")));
    REQUIRE(d);
    QCoreApplication::processEvents();
    CHECK_FALSE(d->isComputing());
    CHECK_FALSE(d->data().has_value()); // never shown, never computed
    REQUIRE(window.showPage(QStringLiteral("panel")));
    settle(d);
    CHECK(tile(d, "tileActions") == QStringLiteral("2"));

    REQUIRE(window.showPage(QStringLiteral("inbox")));
    test::SeedOptions more;
    more.state = QStringLiteral("accepted");
    more.actions = 3;
    f.seed(f.municipalities.at(8), more); // a municipality that had sent nothing
    QCoreApplication::processEvents();
    CHECK_FALSE(d->isComputing()); // hidden: the change waits
    CHECK(tile(d, "tileActions") == QStringLiteral("2"));
    REQUIRE(window.showPage(QStringLiteral("panel")));
    settle(d);
    CHECK(tile(d, "tileActions") == QStringLiteral("5"));
    CHECK(d->chartBuilds() == 2);

    // Computed again with nothing changed (as after a pull that brought nothing for this
    // filter): the same figures, and the eight charts are not drawn again.
    QSignalSpy refreshed(d, &ui::PanelDashboard::refreshed);
    Q_EMIT f.services->notifier().replicaChanged();
    REQUIRE(refreshed.wait(20000));
    CHECK(tile(d, "tileActions") == QStringLiteral("5"));
    CHECK(d->chartBuilds() == 2);
}

TEST_CASE("regional panel: the dot map holds each municipality once, in classes without gaps, and a click on a "
          "dot narrows the panel to it")
{
    test::RegionalFixture f;
    f.seedScenario();
    ui::MainWindow window(f.context, nullptr, &f.dialogs);
    window.resize(1366, 768);
    window.show();
    window.showPage(QStringLiteral("panel"));
    auto *d = qobject_cast<ui::PanelDashboard *>(window.page(QStringLiteral("panel")));
    REQUIRE(d);
    settle(d);

    // Every municipality of the URS with its coordinates, once, in the class its actions say.
    const auto &where = ui::municipalityCoordinates();
    CHECK(where.size() == f.context.reference.municipalities().size()); // all 853 of the state
    QHash<QString, qint64> actions;
    for (const core::PanelRankRow &r : d->data()->ranking)
        actions.insert(r.municipality, r.actions);
    REQUIRE(actions.size() == f.context.reference.municipalitiesOfUrs(test::kUrs).size());
    QChart *map = d->mapView()->chart();
    QSet<QString> seen;
    qint64 previousUpper = -1;
    QScatterSeries *withActions = nullptr;
    for (QAbstractSeries *s : map->series()) {
        auto *dots = qobject_cast<QScatterSeries *>(s);
        REQUIRE(dots);
        const qint64 lower = dots->property("lower").toLongLong();
        const qint64 upper = dots->property("upper").toLongLong();
        CHECK(lower == previousUpper + 1); // no gap, no overlap
        CHECK(upper >= lower);
        previousUpper = upper;
        const QStringList ibges = dots->property("ibges").toStringList();
        REQUIRE(ibges.size() == dots->count());
        CHECK(dots->name().endsWith(QStringLiteral("(%1)").arg(ibges.size())));
        for (qsizetype i = 0; i < ibges.size(); ++i) {
            CHECK_FALSE(seen.contains(ibges.at(i)));
            seen.insert(ibges.at(i));
            CHECK(actions.value(ibges.at(i)) >= lower);
            CHECK(actions.value(ibges.at(i)) <= upper);
            CHECK(dots->at(int(i)) == where.value(ibges.at(i)));
        }
        if (lower > 0 && dots->count() > 0)
            withActions = dots;
    }
    CHECK(seen.size() == actions.size());
    REQUIRE(withActions);

    // By months reported instead: the same municipalities, other classes.
    d->mapColourBox()->setFocus();
    QTest::keyClick(d->mapColourBox(), Qt::Key_Down);
    CHECK(d->mapView()->chart()->title().contains(QStringLiteral("months reported")));
    int total = 0;
    for (QAbstractSeries *s : d->mapView()->chart()->series())
        total += qobject_cast<QScatterSeries *>(s)->count();
    CHECK(total == actions.size());

    // A click on a dot (where a person sees it) shows only that municipality.
    QTest::keyClick(d->mapColourBox(), Qt::Key_Up);
    map = d->mapView()->chart();
    QScatterSeries *dots = nullptr;
    for (QAbstractSeries *s : map->series())
        if (auto *x = qobject_cast<QScatterSeries *>(s); x && x->property("lower").toLongLong() > 0 && x->count() > 0)
            dots = x;
    REQUIRE(dots);
    const QString target = dots->property("ibges").toStringList().first();
    d->mapView()->ensureVisible(d->mapView()->sceneRect());
    const QPoint onScreen = d->mapView()->mapFromScene(map->mapToScene(map->mapToPosition(dots->at(0), dots)));
    QTest::mouseClick(d->mapView()->viewport(), Qt::LeftButton, Qt::NoModifier, onScreen);
    settle(d);
    CHECK(d->filter().municipalities == QStringList{target});
}

TEST_CASE("regional panel: the months go back to the replica's oldest report, also one that arrives while it "
          "is open, and the person reaches it with the keyboard")
{
    test::PanelWindow w; // the scenario's Painel, its first figures shown
    test::RegionalFixture &f = w.f;
    ui::PanelDashboard *d = w.panel;
    CHECK(tile(d, "tileActions") == QStringLiteral("2")); // the last 12 months
    auto *from = d->findChild<QComboBox *>(QStringLiteral("panelFrom"));
    auto *to = d->findChild<QComboBox *>(QStringLiteral("panelTo"));
    REQUIRE(from);
    REQUIRE(to);
    CHECK(from->count() == 36); // three years at least

    // A pull brings an accepted report of 03/2021: every month back to it (68), newest
    // first, and the range shown stays the last 12 months.
    test::SeedOptions old;
    old.period = {2021, 3};
    old.state = QStringLiteral("accepted");
    old.receivedAt = QDateTime(QDate(2021, 4, 6), QTime(12, 0), QTimeZone::utc());
    f.seed(f.municipalities.at(7), old);
    REQUIRE(test::waitUntil([&] { return from->count() == 68; }));
    settle(d);
    CHECK(from->itemText(0) == QStringLiteral("10/2026"));
    CHECK(from->itemText(from->count() - 1) == QStringLiteral("03/2021"));
    CHECK(to->currentText() == QStringLiteral("10/2026"));
    CHECK(from->currentText() == QStringLiteral("11/2025"));
    CHECK(tile(d, "tileActions") == QStringLiteral("2"));

    // The person clicks "De:" and presses End: the oldest month; the figures count it.
    QTest::mouseClick(from, Qt::LeftButton);
    if (QWidget *popup = QApplication::activePopupWidget())
        QTest::keyClick(popup, Qt::Key_Escape);
    REQUIRE(from->hasFocus());
    QTest::keyClick(from, Qt::Key_End);
    CHECK(from->currentText() == QStringLiteral("03/2021"));
    settle(d);
    CHECK(d->data()->filter.from == core::Period{2021, 3});
    CHECK(d->data()->periods.size() == 68);
    CHECK(tile(d, "tileActions") == QStringLiteral("3"));
    CHECK(tile(d, "tilePeople") == QStringLiteral("123"));
}
