// 60 municipalities pushing at the same moment (a plain executable, never run by ctest).
//
//   bench_hub_load [municipalities] [photos]      (defaults: 60 and 20 photos of about 300 KB)
//   MOBILIZA_BENCH_HUB_DIR=/dev/shm bench_hub_load  (the hub's data in memory: no fsync cost)
//
// One process holds every installation: a profile each (its own SQLite store,
// blob folder, token and SyncController with its own QNetworkAccessManager),
// enrolled with the real `mobiliza-hub serve` (a child process, SQLite) and
// holding one concluded report. Then every installation starts a pass at the
// same moment ("Sincronizar agora" in 60 places). Measured: wall time until the
// last receipt, reports per second, MB/s, and the hub's peak resident memory
// (VmHWM of the hub process; the hub is restarted fresh for the push, so the
// peak is the push's). Goal: all received, peak RSS < 300 MB.
//
// The hub limits enrollment to 10 a minute per address: the setup restarts it
// between batches of 10 enrollments (its limiter lives in memory).
//
// Both processes share this machine's cores: the clients' own work (reading
// photos, SQLite, HTTP) competes with the hub's, so the rate is a floor.
#include "tests/reliability/client_profile.h"
#include "tests/reliability/reliability_fixture.h"

#include "core/reference/reference_data.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

using namespace mobiliza;
using test::ClientProfile;
using test::HubProcess;

#ifndef MOBILIZA_HUB_EXE
#error "MOBILIZA_HUB_EXE must name the mobiliza-hub executable"
#endif

namespace {

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_hub_load: %s\n", qPrintable(what));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "mobiliza.*=false");
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 60;
    const int photosEach = argc > 2 ? QByteArray(argv[2]).toInt() : 20;
    if (count < 1 || photosEach < 1)
        return fail(QStringLiteral("usage: bench_hub_load [municipalities] [photos]"));

    // MOBILIZA_BENCH_HUB_DIR=/dev/shm puts the hub's data in memory: the push
    // without the disk's fsync cost (what the hub's own work allows).
    const QString hubParent = qEnvironmentVariable("MOBILIZA_BENCH_HUB_DIR");
    QTemporaryDir hubDir(hubParent.isEmpty() ? QDir::tempPath() + QStringLiteral("/mobiliza-bench-hub-XXXXXX")
                                             : hubParent + QStringLiteral("/mobiliza-bench-hub-XXXXXX"));
    auto hub = std::make_unique<HubProcess>(QStringLiteral(MOBILIZA_HUB_EXE), hubDir.path());
    if (!hub->start())
        return fail(hub->why());
    const quint16 port = hub->port();

    // ---- photos: 20 noisy JPEGs, made distinct per municipality by a few bytes after the end marker
    QElapsedTimer setup;
    setup.start();
    QList<QByteArray> base;
    qint64 baseBytes = 0;
    for (int i = 0; i < photosEach; ++i) {
        base << test::noiseJpeg(7000 + quint32(i));
        baseBytes += base.last().size();
    }

    // ---- installations
    const auto &municipalities = core::ReferenceData::embedded().municipalities();
    if (municipalities.size() < count)
        return fail(QStringLiteral("not enough municipalities in the reference data"));
    std::vector<std::unique_ptr<ClientProfile>> clients;
    qint64 payload = 0;
    for (int i = 0; i < count; ++i) {
        if (i > 0 && i % 10 == 0) { // a fresh enrollment allowance
            hub->stop();
            hub = std::make_unique<HubProcess>(QStringLiteral(MOBILIZA_HUB_EXE), hubDir.path());
            if (!hub->start(port))
                return fail(hub->why());
        }
        const QString ibge = municipalities.at(i).ibge;
        auto client = std::make_unique<ClientProfile>(ibge);
        if (!client->ok())
            return fail(client->error());
        auto enrolled = client->controller->enrollBlocking(hub->url(), hub->enrollCode(ibge), 30'000);
        if (!enrolled)
            return fail(ibge + QStringLiteral(": ") + enrolled.error().message);
        QList<QByteArray> photos;
        for (const QByteArray &bytes : base)
            photos << QByteArray(bytes + QByteArray("mobiliza-bench-") + ibge.toLatin1());
        const QString report = client->concludedReport({2026, 10}, photos);
        if (report.isEmpty())
            return fail(ibge + QStringLiteral(": ") + client->error());
        payload += client->itemOf(report).bytes;
        clients.push_back(std::move(client));
    }
    std::printf("setup: %d installations, %d photos each (%.1f KB on average), %.1f MB to push, in %.1f s\n",
                count, photosEach, double(baseBytes) / photosEach / 1024.0, double(payload) / 1048576.0,
                double(setup.elapsed()) / 1000.0);

    // ---- a fresh hub for the push, so its peak memory is the push's
    hub->stop();
    hub = std::make_unique<HubProcess>(QStringLiteral(MOBILIZA_HUB_EXE), hubDir.path());
    if (!hub->start(port))
        return fail(hub->why());
    const qint64 idleRss = hub->rssKiB();
    const double cpuBefore = hub->cpuSeconds();

    int finished = 0;
    int received = 0;
    QStringList problems;
    qint64 lastAtMs = 0;
    QElapsedTimer wall;
    for (auto &client : clients) {
        ClientProfile *c = client.get();
        QObject::connect(c->controller.get(), &sync::SyncController::passFinished, c->controller.get(),
                         [&, c](const sync::PassReport &r) {
                             ++finished;
                             lastAtMs = wall.elapsed();
                             if (r.sent == 1 && r.allConfirmed)
                                 ++received;
                             else
                                 problems << c->services->profile().municipality() + QStringLiteral(": ") +
                                                 r.messages.join(QStringLiteral(" | "));
                         });
    }
    qint64 sampledPeak = 0;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, [&] { sampledPeak = std::max(sampledPeak, hub->rssKiB()); });
    sampler.start(50);
    wall.start();
    for (auto &client : clients)
        client->controller->syncNow();
    test::spinUntil([&] { return finished == count; }, 15 * 60 * 1000);
    const double seconds = double(lastAtMs) / 1000.0;
    const qint64 peak = std::max(hub->peakRssKiB(), sampledPeak);
    const double hubCpu = hub->cpuSeconds() - cpuBefore;

    const QStringList lines = hub->reportLines();
    const test::BlobScan blobs = test::scanBlobs(hubDir.path() + QStringLiteral("/blobs"));
    std::printf("push: %d of %d received in %.2f s: %.2f reports/s, %.1f MB/s\n", received, count, seconds,
                double(received) / seconds, double(payload) / 1048576.0 / seconds);
    std::printf(
        "hub: %d revisions listed, %d blobs (all intact: %s); memory idle %.1f MB, peak %.1f MB (VmHWM)   "
        "goal all received and peak < 300 MB: %s\n",
        int(lines.size()), blobs.valid, blobs.invalid.isEmpty() && blobs.others.isEmpty() ? "yes" : "NO",
        double(idleRss) / 1024.0, double(peak) / 1024.0,
        received == count && int(lines.size()) == count && peak < 300 * 1024 ? "ok" : "NOT MET");
    std::printf(
        "hub CPU during the push: %.2f s (%.0f %% of one core over the push; the rest of the time it waits "
        "for the clients, which share this machine, and for the disk: every photo and every "
        "revision is flushed before its answer)\n",
        hubCpu, 100.0 * hubCpu / seconds);
    for (const QString &p : problems.mid(0, 5))
        std::printf("  problem: %s\n", qPrintable(p));
    hub->stop();
    return received == count ? 0 : 1;
}
