// The regional desk's screens on a realistic URS (a plain executable, never run
// by ctest; QT_QPA_PLATFORM=offscreen is set when there is no display).
//
//   bench_regional_ui [runs]     (default: 7; the median and the worst are printed)
//
// On a URS profile with the demonstration replica of the largest URS (54
// municipalities × 12 months) and one more report of 60 photos (1600 × 1200):
//   1. the coverage grid, from show() to its first complete paint    goal < 100 ms
//   2. opening the 60-photo report, until its first photo is drawn    goal < 200 ms
//   3. the Painel, from show() to its figures drawn                   goal < 1 s (issue 10)
//   4. a filter change of the Painel, to its figures redrawn          goal < 150 ms (issue 10)
#include "app/ui/app_context.h"
#include "app/ui/dialogs.h"
#include "app/ui/panel/panel_dashboard.h"
#include "app/ui/regional/coverage_page.h"
#include "app/ui/regional/inbox_page.h"
#include "app/ui/regional/photo_viewer.h"
#include "app/ui/regional/report_view.h"
#include "core/demo/regional_demo.h"
#include "core/services/report_service.h"
#include "core/services/services.h"

#include <QApplication>
#include <QBuffer>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QComboBox>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace mobiliza;

namespace {

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_regional_ui: %s\n", qPrintable(what));
    return 1;
}

QByteArray photo(int i)
{
    QImage image(1600, 1200, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((i * 37) % 360, 120, 210));
    QPainter p(&image);
    for (int k = 0; k < 40; ++k)
        p.fillRect((k * 97 + i * 13) % 1500, (k * 53 + i * 7) % 1100, 100, 100, QColor::fromHsv((k * 29) % 360, 200, 150));
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 85);
    return bytes;
}

struct Stats
{
    qint64 median = 0;
    qint64 worst = 0;
};

Stats stats(QList<qint64> v)
{
    std::sort(v.begin(), v.end());
    return {v.at(v.size() / 2), v.last()};
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("QT_LOGGING_RULES", "mobiliza.*=false");
    QApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 7;

    QTemporaryDir dir;
    core::FixedClock clock(QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC));
    auto opened = core::Services::open(dir.path(), clock);
    if (!opened)
        return fail(opened.error().message);
    core::Services &services = *opened.value();
    const core::ReferenceData reference = core::ReferenceData::embedded();
    const core::ProgramDefinition program = core::ProgramDefinition::sesMgMobilizacao();
    core::Urs largest;
    for (const core::Urs &u : reference.urs())
        if (u.municipalityCount > largest.municipalityCount)
            largest = u;
    if (auto s = services.profile().setRole(core::Role::Urs, largest.name); !s)
        return fail(s.error().message);
    auto seeded = core::RegionalDemo(services, program, reference, clock).seed();
    if (!seeded)
        return fail(seeded.error().message);

    // One more report: 3 actions × 20 photos, each photo its own 1600 × 1200 JPEG.
    core::Report big;
    big.uuid = core::newUuid();
    big.programId = program.id();
    big.municipality = reference.municipalitiesOfUrs(largest.name).first().ibge;
    big.period = core::Period{2026, 9};
    auto template_ = services.replica().latest(core::Period{2026, 10});
    if (!template_ || template_->isEmpty())
        return fail(QStringLiteral("no demonstration report to copy the fields from"));
    core::Report model;
    for (const auto &r : template_.value())
        if (auto rep = services.replica().report(r.report, r.revision); rep && !rep->actions.isEmpty())
            model = rep.value();
    for (int a = 0; a < 3; ++a) {
        core::Action action = model.actions.first();
        action.uuid = core::newUuid();
        action.position = a;
        action.values[QStringLiteral("date")] = QStringLiteral("2026-09-1%1").arg(a);
        action.photos.clear();
        for (int k = 0; k < 20; ++k) {
            const QByteArray bytes = photo(a * 20 + k);
            auto sha = services.blobs().put(bytes);
            if (!sha)
                return fail(sha.error().message);
            core::Photo p = model.actions.first().photos.first();
            p.uuid = core::newUuid();
            p.actionUuid = action.uuid;
            p.sha256 = sha.value();
            p.position = k;
            p.width = 1600;
            p.height = 1200;
            p.bytes = bytes.size();
            p.takenOn = QDate(2026, 9, 10 + a);
            action.photos << p;
        }
        big.actions << action;
    }
    const QByteArray manifest = core::ReportService::manifest(big, clock.now().addDays(-70));
    core::ReplicaRevision entry;
    entry.report = big.uuid;
    entry.revision = 1;
    entry.municipality = big.municipality;
    entry.program = big.programId;
    entry.period = big.period;
    entry.manifestSha256 = QString::fromLatin1(QCryptographicHash::hash(manifest, QCryptographicHash::Sha256).toHex());
    entry.state = QStringLiteral("received");
    entry.receivedAt = clock.now().addDays(-70);
    entry.cursor = services.replica().cursor() + 1;
    if (auto s = services.replica().applyPulled({entry}, entry.cursor); !s)
        return fail(s.error().message);
    if (auto s = services.replica().storeManifest(big.uuid, 1, manifest); !s)
        return fail(s.error().message);

    ui::AppContext context{dir.path(), reference, program, &services, &clock, nullptr, core::Role::Urs};
    ui::WidgetDialogs dialogs;
    std::printf("URS %s: %d municipalities, %d revisions in the replica\n", qPrintable(largest.name),
                int(reference.municipalitiesOfUrs(largest.name).size()), int(services.replica().revisions()->size()));

    // ---- 1. the coverage grid
    QList<qint64> coverage;
    for (int i = 0; i < runs; ++i) {
        ui::CoveragePage page(context, dialogs);
        page.resize(1366, 768);
        QElapsedTimer t;
        t.start();
        page.show();              // reads the replica and fills the grid (showEvent)
        (void)page.grab();        // a complete paint
        coverage << t.elapsed();
    }
    const Stats c = stats(coverage);
    std::printf("1. coverage %d × 12, show to first paint: median %lld ms, worst %lld ms (%d runs)   goal < 100 ms: %s\n",
                int(reference.municipalitiesOfUrs(largest.name).size()), static_cast<long long>(c.median),
                static_cast<long long>(c.worst), runs, c.worst < 100 ? "ok" : "ABOVE GOAL");

    // ---- 2. a report of 60 photos
    QList<qint64> firstPhoto;
    for (int i = 0; i < runs; ++i) {
        ui::InboxPage inbox(context, dialogs);
        inbox.resize(1366, 768);
        inbox.show();
        QCoreApplication::processEvents();
        QElapsedTimer t;
        t.start();
        if (!inbox.openReport(big.uuid))
            return fail(QStringLiteral("the report did not open"));
        ui::PhotoViewer *viewer = inbox.reportView()->photos();
        while (!viewer->canvas()->hasImage() && t.elapsed() < 10'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (!viewer->canvas()->hasImage())
            return fail(QStringLiteral("the first photo never came"));
        (void)viewer->canvas()->grab(); // drawn
        firstPhoto << t.elapsed();
        if (viewer->count() != 60)
            return fail(QStringLiteral("the viewer has %1 photos, not 60").arg(viewer->count()));
        viewer->loader()->waitForIdle();
    }
    const Stats f = stats(firstPhoto);
    std::printf("2. a report of 60 photos, open to first photo drawn: median %lld ms, worst %lld ms (%d runs)   goal < "
                "200 ms: %s\n",
                static_cast<long long>(f.median), static_cast<long long>(f.worst), runs,
                f.worst < 200 ? "ok" : "ABOVE GOAL");

    // ---- 3 and 4. the Painel: opened, then a filter changed (computed on a worker)
    const auto waitFigures = [](ui::PanelDashboard &panel, const QElapsedTimer &t) {
        while ((panel.isComputing() || !panel.data()) && t.elapsed() < 30'000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
        (void)panel.grab(); // drawn
        return panel.data().has_value();
    };
    QList<qint64> panelOpen, panelFilter;
    for (int i = 0; i < runs; ++i) {
        ui::PanelDashboard panel(context, dialogs);
        panel.resize(1366, 768);
        QElapsedTimer t;
        t.start();
        panel.show();
        if (!waitFigures(panel, t))
            return fail(QStringLiteral("the panel's figures never came"));
        panelOpen << t.elapsed();
        auto *format = panel.findChild<QComboBox *>(QStringLiteral("panelFormat"));
        t.restart();
        format->setCurrentIndex(1 + i % (format->count() - 1));
        if (!waitFigures(panel, t))
            return fail(QStringLiteral("the filtered figures never came"));
        panelFilter << t.elapsed();
    }
    const Stats po = stats(panelOpen);
    const Stats pf = stats(panelFilter);
    std::printf("3. Painel of %d municipalities × 12 months, show to figures drawn: median %lld ms, worst %lld ms (%d "
                "runs)   goal < 1000 ms: %s\n",
                int(reference.municipalitiesOfUrs(largest.name).size()), static_cast<long long>(po.median),
                static_cast<long long>(po.worst), runs, po.worst < 1000 ? "ok" : "ABOVE GOAL");
    std::printf("4. Painel, a filter changed to figures redrawn: median %lld ms, worst %lld ms (%d runs)   goal < 150 "
                "ms: %s\n",
                static_cast<long long>(pf.median), static_cast<long long>(pf.worst), runs,
                pf.worst < 150 ? "ok" : "ABOVE GOAL");
    return 0;
}
