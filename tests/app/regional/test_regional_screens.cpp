// The URS's pages rendered at the two screen sizes the regional offices use
// (1366×768 laptops, 1024×600 netbooks), in pt-BR when the translation is
// built in. With MOBILIZA_SCREENSHOT_DIR set the PNGs are kept there (to look
// at them); otherwise they go to a temporary folder.
#include <catch2/catch.hpp>
#include "tests/support/catch_qt.h"

#include "app/ui/panel/panel_dashboard.h"
#include "app/ui/regional/photo_viewer.h"
#include "app/ui/regional/report_view.h"
#include "app/ui/regional/return_dialog.h"
#include "tests/app/fits_screen.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"

#include <QCoreApplication>
#include <QDir>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableView>

#include <QTranslator>
#include <algorithm>

using namespace mobiliza;

TEST_CASE("regional pages: rendered at 1366x768 and 1024x600")
{
    test::RegionalFixture f;
    f.seedScenario();
    test::TempDir tmp;
    QStringList problems;
    test::atOfficeScreens(tmp.path(), [&](QSize size, const QString &folder) {
        ui::MainWindow window(f.context, nullptr, &f.dialogs);
        window.resize(size);
        window.show();
        const QString tag = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
        const auto shot = [&](QWidget *w, const QString &name) {
            QCoreApplication::processEvents();
            if (w->isWindow()) // what does not fit: no sideways scrolling, no cut words
                problems << test::problemsIn(name + QLatin1Char('-') + tag, w);
            const QImage image = w->grab().toImage();
            CHECK(image.size() == w->size());
            if (w == &window) // nothing forces the window wider than the screen
                CHECK(window.width() == size.width());
            CHECK(image.save(QDir(folder).filePath(name + QLatin1Char('-') + tag + QStringLiteral(".png"))));
        };
        ui::InboxPage *inbox = test::inboxOf(window);
        REQUIRE(inbox->table()->model()->rowCount() == 6);
        // Nothing forces the window wider than the screen.
        CHECK(window.width() == size.width());
        shot(&window, QStringLiteral("inbox"));

        REQUIRE(inbox->openReport(f.onTime.uuid));
        ui::PhotoViewer *photos = inbox->reportView()->photos();
        REQUIRE(test::waitUntil([&] { return photos->canvas()->hasImage(); }));
        photos->next();
        REQUIRE(test::waitUntil([&] { return photos->canvas()->hasImage(); }));
        shot(&window, QStringLiteral("report"));

        QTest::mouseClick(inbox->reportView()->returnButton(), Qt::LeftButton);
        REQUIRE(test::waitUntil([&] { return inbox->reportView()->returnDialog() != nullptr; }));
        shot(inbox->reportView()->returnDialog(), QStringLiteral("return-dialog"));
        inbox->reportView()->returnDialog()->reject();
        REQUIRE(test::waitUntil([&] { return inbox->reportView()->returnDialog() == nullptr; }));

        REQUIRE(window.showPage(QStringLiteral("coverage")));
        shot(&window, QStringLiteral("coverage"));
        if (size.width() < 1366) {
            // By design the one exception: twelve months of 72-px cells do not fit a netbook,
            // so the grid scrolls sideways with the names kept, and opens on the newest months.
            const QString grid =
                QStringLiteral("coverage-%1 › QTableView#coverageTable: scrolls sideways").arg(tag);
            problems.erase(std::remove_if(problems.begin(), problems.end(),
                                          [&](const QString &p) { return p.startsWith(grid); }),
                           problems.end());
            QTableView *table = test::coverageOf(window)->table();
            CHECK(table->horizontalScrollBar()->value() == table->horizontalScrollBar()->maximum());
        }

        REQUIRE(window.showPage(QStringLiteral("panel")));
        auto *panel = qobject_cast<ui::PanelDashboard *>(window.page(QStringLiteral("panel")));
        REQUIRE(panel);
        REQUIRE(test::waitUntil([&] { return !panel->isComputing() && panel->data().has_value(); }));
        shot(&window, QStringLiteral("panel"));
        // The whole page, scrolled through: every chart, the ranking, the areas.
        auto *scroll = panel->findChild<QScrollArea *>(QStringLiteral("panelScroll"));
        REQUIRE(scroll);
        shot(scroll->widget(), QStringLiteral("panel-whole"));
    });
    INFO("does not fit:\n" << problems.join(QStringLiteral("\n")).toStdString());
    CHECK(problems.isEmpty());
}
