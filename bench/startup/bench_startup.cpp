// Start-up benchmark (never run by ctest): how long until the report list is
// on screen for a profile prepared by bench_store (10 years of data).
//
//   bench_store /tmp/ten-years && QT_QPA_PLATFORM=offscreen bench_startup /tmp/ten-years
//
// It times what the app does at start: open the profile (migrations check),
// pick the reference table and program, build the main window and paint the
// reports page with its rows.
#include "app/ui/main_window.h"
#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/reports_page.h"
#include "core/reference/reference_repository.h"
#include "core/services/services.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>

#include <cstdio>

using namespace mobiliza;

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_startup DATA_DIR (prepare it with bench_store DATA_DIR)\n");
        return 2;
    }
    QApplication app(argc, argv);
    const QString dir = QString::fromLocal8Bit(argv[1]);
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    core::SystemClock clock;
    qint64 best = -1, total = 0;
    int rows = 0;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer t;
        t.start();
        auto opened = core::Services::open(dir, clock);
        if (!opened) {
            std::fprintf(stderr, "%s\n", opened.error().message.toUtf8().constData());
            return 1;
        }
        auto services = std::move(opened.value());
        const core::ReferenceRepository refs(dir);
        ui::AppContext context{dir, refs.current(), core::ProgramDefinition::sesMgMobilizacao(), services.get(),
                               &clock};
        ui::MainWindow window(context);
        window.resize(1280, 800);
        window.show();
        QCoreApplication::processEvents();
        window.repaint();
        const qint64 ms = t.elapsed();
        auto *page = qobject_cast<ui::ReportsPage *>(window.page(QStringLiteral("reports")));
        rows = page ? page->model()->rowCount() : -1;
        total += ms;
        best = best < 0 ? ms : qMin(best, ms);
        std::printf("run %d: report list on screen after %lld ms (%d rows)\n", run + 1, (long long)ms, rows);
    }
    std::printf("start-up to report list: best %lld ms, mean %lld ms over %d runs (goal < 300 ms)\n",
                (long long)best, (long long)(total / runs), runs);
    return 0;
}
