// The lists behind the Painel's numbers and its charts saved as files, on the real
// widgets, offscreen, driven like a person: a click (or Space) on a tile opens the
// list with the tile's count of rows, a double-click on a report's row opens the
// report in the inbox, the ranking's figures list a municipality's actions, and a
// chart's context menu writes a PNG and an SVG. Figures of regional_fixture.h's
// scenario: accepted onwards, 2 actions in the 12 months up to 10/2026.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/pages/role_pages.h"
#include "app/ui/panel/panel_dashboard.h"
#include "app/ui/panel/panel_list_dialog.h"
#include "app/ui/panel/panel_ranking_model.h"
#include "app/ui/panel/panel_tiles.h"
#include "app/ui/regional/report_view.h"
#include "tests/app/regional/panel_page_helpers.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"
#include "tests/support/temp_dir.h"

#include <QAction>
#include <QApplication>
#include <QChartView>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTableView>

using namespace mobiliza;

namespace {

using test::PanelWindow;

// The list dialog a click just opened (the newest visible one), once its rows are in.
ui::PanelListDialog *openedList(const QSet<QWidget *> &before)
{
    ui::PanelListDialog *found = nullptr;
    REQUIRE(test::waitUntil([&] {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *d = qobject_cast<ui::PanelListDialog *>(w); d && d->isVisible() && !before.contains(w))
                found = d;
        return found && !found->isLoading();
    }));
    return found;
}

QSet<QWidget *> topLevels()
{
    const QWidgetList all = QApplication::topLevelWidgets();
    return QSet<QWidget *>(all.begin(), all.end());
}

// The rows of a list's table whose `column` shows `text`.
int rowsShowing(QTableView *table, int column, const QString &text)
{
    int n = 0;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        n += table->model()->index(r, column).data().toString() == text ? 1 : 0;
    return n;
}

QAction *chartAction(QChartView *view, const char *name)
{
    for (QAction *a : view->actions())
        if (a->objectName() == QLatin1String(name))
            return a;
    return nullptr;
}

} // namespace

TEST_CASE("regional panel: each tile opens the list behind its number, and a report's row opens the report")
{
    PanelWindow w;
    ui::PanelDashboard *d = w.panel;
    const core::PanelTiles tiles = d->data()->tiles;
    REQUIRE(test::panelTile(d, "tileActions") == QStringLiteral("2"));

    // The actions tile, clicked: its 2 actions, with the filter they are of.
    auto *actionsTile = d->findChild<ui::PanelTile *>(QStringLiteral("tileActions"));
    REQUIRE(actionsTile);
    CHECK(actionsTile->cursor().shape() == Qt::PointingHandCursor);
    QSet<QWidget *> before = topLevels();
    QTest::mouseClick(actionsTile, Qt::LeftButton);
    ui::PanelListDialog *actions = openedList(before);
    CHECK(actions->tabCount() == 1);
    CHECK(actions->rowCount() == 2);
    CHECK(actions->table()->model()->rowCount() == 2);
    CHECK(actions->findChild<QLabel *>(QStringLiteral("panelListCount"))->text().startsWith(QStringLiteral("2 ")));
    CHECK(actions->findChild<QLabel *>(QStringLiteral("panelListShown"))->text() ==
          d->findChild<QLabel *>(QStringLiteral("panelShown"))->text());
    // Its people add up to the people tile (column 6: people reached).
    qint64 people = 0;
    for (int r = 0; r < actions->table()->model()->rowCount(); ++r)
        people += actions->table()->model()->index(r, 6).data().toString().remove(QLatin1Char('.')).toLongLong();
    CHECK(people == tiles.people);
    // Exported as the person sees it: a header and the 2 rows.
    test::TempDir out;
    w.f.dialogs.savePath = out.filePath(QStringLiteral("lista.csv"));
    QTest::mouseClick(actions->findChild<QPushButton *>(QStringLiteral("panelListCsv")), Qt::LeftButton);
    QFile csv(w.f.dialogs.savePath);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    CHECK(QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts).size() == 3);
    actions->close();

    // The on-time tile by keyboard: every report of the range its tiles count.
    auto *onTimeTile = d->findChild<ui::PanelTile *>(QStringLiteral("tileOnTime"));
    onTimeTile->setFocus();
    before = topLevels();
    QTest::keyClick(onTimeTile, Qt::Key_Space);
    ui::PanelListDialog *reports = openedList(before);
    int covered = 0;
    for (const int n : d->data()->reporting)
        covered += n;
    CHECK(reports->rowCount() == covered);
    QTableView *table = reports->table();
    CHECK(rowsShowing(table, 1, QStringLiteral("10/2026")) == tiles.reporting); // the reporting tile
    CHECK(rowsShowing(table, 2, core::coverageStateLabel(core::CoverageState::OnTime)) == tiles.onTime);
    CHECK(rowsShowing(table, 2, core::coverageStateLabel(core::CoverageState::Late)) == tiles.late);

    // A double-click on the late report's row opens it in the inbox's report view.
    int lateRow = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()->index(r, 0).data(ui::PanelListDialog::ReportRole).toString() == w.f.late.uuid)
            lateRow = r;
    REQUIRE(lateRow >= 0);
    QSignalSpy asked(d, &ui::PanelDashboard::openReportRequested);
    table->scrollTo(table->model()->index(lateRow, 0));
    const QPoint at = table->visualRect(table->model()->index(lateRow, 0)).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    REQUIRE(asked.count() == 1);
    CHECK(asked.first().first().toString() == w.f.late.uuid);
    REQUIRE(w.window->currentPageName() == QStringLiteral("inbox"));
    CHECK(test::inboxOf(*w.window)->reportView()->reportUuid() == w.f.late.uuid);
    reports->close();

    // The active núcleos: their actions, and the municipalities without any, as two tabs.
    REQUIRE(w.window->showPage(QStringLiteral("panel")));
    auto *activeTile = d->findChild<ui::PanelTile *>(QStringLiteral("tileActive"));
    before = topLevels();
    QTest::mouseClick(activeTile, Qt::LeftButton);
    ui::PanelListDialog *active = openedList(before);
    REQUIRE(active->tabCount() == 2);
    QSet<QString> municipalities;
    for (int r = 0; r < active->table(0)->model()->rowCount(); ++r)
        municipalities.insert(active->table(0)->model()->index(r, 0).data().toString());
    CHECK(municipalities.size() == tiles.activeNuclei);
    CHECK(active->rowCount(1) == tiles.expected - tiles.activeNuclei);
    active->close();
}

TEST_CASE("regional panel: the ranking's figures list a municipality's actions, its name still narrows the panel")
{
    PanelWindow w;
    ui::PanelDashboard *d = w.panel;
    auto *ranking = d->findChild<QTableView *>(QStringLiteral("panelRanking"));
    QAbstractItemModel *rows = ranking->model();
    int row = -1;
    for (int r = 0; r < rows->rowCount(); ++r)
        if (rows->index(r, 0).data(ui::PanelRankingModel::IbgeRole).toString() == w.f.accepted.municipality)
            row = r;
    REQUIRE(row >= 0);
    const qint64 itsActions = rows->index(row, ui::PanelRankingModel::Actions).data().toLongLong();
    REQUIRE(itsActions >= 1);
    d->findChild<QScrollArea *>(QStringLiteral("panelScroll"))->ensureWidgetVisible(ranking);
    const QPoint at = ranking->visualRect(rows->index(row, ui::PanelRankingModel::Actions)).center();
    const QSet<QWidget *> before = topLevels();
    QTest::mouseClick(ranking->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QTest::mouseDClick(ranking->viewport(), Qt::LeftButton, Qt::NoModifier, at);
    ui::PanelListDialog *list = openedList(before);
    CHECK(list->request().filter.municipalities == QStringList{w.f.accepted.municipality});
    CHECK(list->rowCount() == itsActions);
    CHECK(d->filter().municipalities.isEmpty()); // the panel itself is not narrowed
    list->close();
}

TEST_CASE("regional panel: a chart saves as PNG at twice its pixels and as SVG, a folder it cannot write is said")
{
    PanelWindow w;
    ui::PanelDashboard *d = w.panel;
    auto *themes = d->findChild<QChartView *>(QStringLiteral("chartThemes"));
    REQUIRE(themes);
    for (QChartView *view : d->chartViews()) {
        CHECK(view->contextMenuPolicy() == Qt::ActionsContextMenu);
        CHECK(chartAction(view, "saveChartPng"));
        CHECK(chartAction(view, "saveChartSvg"));
    }
    test::TempDir out;
    w.f.dialogs.savePath = out.filePath(QStringLiteral("temas.png"));
    chartAction(themes, "saveChartPng")->trigger();
    CHECK(w.f.dialogs.lastSuggestedPath.contains(QStringLiteral("grafico-themes-2025-11-a-2026-10.png")));
    QImage png(w.f.dialogs.savePath);
    REQUIRE(!png.isNull());
    CHECK(png.width() == 2 * themes->viewport()->width());
    CHECK(png.height() == 2 * themes->viewport()->height());
    // Not blank: the bars' colour is somewhere (not only white).
    bool drawn = false;
    for (int y = 0; y < png.height() && !drawn; y += 4)
        for (int x = 0; x < png.width() && !drawn; x += 4)
            drawn = png.pixelColor(x, y) != QColor(Qt::white);
    CHECK(drawn);

    w.f.dialogs.savePath = out.filePath(QStringLiteral("temas.svg"));
    chartAction(themes, "saveChartSvg")->trigger();
    QFile svg(w.f.dialogs.savePath);
    REQUIRE(svg.open(QIODevice::ReadOnly));
    const QByteArray svgBytes = svg.readAll();
    CHECK(svgBytes.contains("<svg"));
    CHECK(svgBytes.contains("</svg>"));
    CHECK(w.f.dialogs.messages.size() == 2);

    // A folder that does not exist: said, in words, and nothing half-written.
    w.f.dialogs.savePath = out.filePath(QStringLiteral("nao-existe/temas.png"));
    CHECK_FALSE(d->saveChart(themes, false));
    REQUIRE(w.f.dialogs.warnings.size() == 1);
    CHECK(w.f.dialogs.warnings.first().contains(QStringLiteral("nao-existe")));
    CHECK_FALSE(QFile::exists(w.f.dialogs.savePath));
}

TEST_CASE("regional panel: the list behind a number at the offices' two screens")
{
    PanelWindow w;
    test::TempDir scratch;
    test::atOfficeScreens(scratch.path(), [&](QSize size, const QString &folder) {
        w.panel->clearFilters(); // the figures again, their line in the language now installed
        test::settlePanel(w.panel);
        const QSet<QWidget *> before = topLevels();
        QTest::mouseClick(w.panel->findChild<ui::PanelTile *>(QStringLiteral("tileOnTime")), Qt::LeftButton);
        ui::PanelListDialog *list = openedList(before);
        list->fitScreen(size);
        QCoreApplication::processEvents();
        CHECK(list->width() <= size.width());
        CHECK(list->height() <= size.height());
        // Every column of the reports' list is seen whole without scrolling sideways.
        QTableView *table = list->table();
        CHECK(table->horizontalHeader()->length() <= table->viewport()->width());
        const QString file = QStringLiteral("%1/painel-lista-%2x%3.png").arg(folder).arg(size.width()).arg(size.height());
        CHECK(list->grab().save(file));
        list->close();
    });
}
