// Bytes on the wire for one report (a plain executable, never run by ctest).
//
//   bench_hub_wire [photos]      (default: 20 photos of about 300 KB)
//
// The real client (SyncController) pushes a concluded report to the real hub
// (`mobiliza-hub serve`, a child process) over loopback, through a TCP proxy
// that counts the bytes each way (HTTP headers and bodies; not TCP/IP headers).
//   1. a clean push: wire bytes ÷ (manifest + photos)            goal ≤ 1.05
//   2. the next pass with nothing new to send                       goal ≤ 2 KB
//      and the same revision pushed again by hand (blobs/missing + the manifest:
//      the hub answers the same receipt)
//   3. a second report cut in the middle of its upload, then resumed: the bytes
//      sent beyond a clean push                     goal ≤ the photo in flight
#include "tests/reliability/client_profile.h"
#include "tests/reliability/reliability_fixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace mobiliza;
using test::ClientProfile;
using test::HubProcess;
using test::TcpProxy;

#ifndef MOBILIZA_HUB_EXE
#error "MOBILIZA_HUB_EXE must name the mobiliza-hub executable"
#endif

namespace {

int fail(const QString &what)
{
    std::fprintf(stderr, "bench_hub_wire: %s\n", qPrintable(what));
    return 1;
}

QList<QByteArray> makePhotos(int count, quint32 seed, qint64 *bytes)
{
    QList<QByteArray> photos;
    *bytes = 0;
    for (int i = 0; i < count; ++i) {
        photos << test::noiseJpeg(seed * 1000 + quint32(i));
        *bytes += photos.last().size();
    }
    return photos;
}

const char *verdict(bool ok)
{
    return ok ? "ok" : "ABOVE GOAL";
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "mobiliza.*=false");
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 20;
    if (count < 2)
        return fail(QStringLiteral("say at least 2 photos"));

    QTemporaryDir hubDir;
    HubProcess hub(QStringLiteral(MOBILIZA_HUB_EXE), hubDir.path());
    if (!hub.start())
        return fail(hub.why());
    TcpProxy proxy(hub.port());
    ClientProfile client(QStringLiteral("3106200"));
    if (!client.ok())
        return fail(client.error());
    auto enrolled = client.controller->enrollBlocking(proxy.url(), hub.enrollCode(QStringLiteral("3106200")));
    if (!enrolled)
        return fail(enrolled.error().message);

    // ---- 1. a clean push
    qint64 photoBytes = 0;
    const QList<QByteArray> photos = makePhotos(count, 1, &photoBytes);
    const QString report = client.concludedReport({2026, 10}, photos);
    if (report.isEmpty())
        return fail(client.error());
    const core::OutboxItem item = client.itemOf(report);
    const qint64 payload = item.manifestBytes + photoBytes;
    proxy.resetCounters();
    QElapsedTimer timer;
    timer.start();
    sync::PassReport pass = client.controller->runPassBlocking(120'000);
    const qint64 pushMs = timer.elapsed();
    if (pass.sent != 1)
        return fail(QStringLiteral("the clean push failed: ") + pass.messages.join(QStringLiteral(" | ")));
    const qint64 up1 = proxy.upBytes();
    const qint64 down1 = proxy.downBytes();
    std::printf("report: %d photos, %.1f KB on average; manifest %lld B; payload %.1f KB\n", count,
                double(photoBytes) / count / 1024.0, static_cast<long long>(item.manifestBytes),
                double(payload) / 1024.0);
    std::printf("1. clean push in %lld ms (%d new connection(s)): up %lld B, down %lld B\n",
                static_cast<long long>(pushMs), proxy.connectionsSeen(), static_cast<long long>(up1),
                static_cast<long long>(down1));
    const double ratioUp = double(up1) / double(payload);
    const double ratioBoth = double(up1 + down1) / double(payload);
    std::printf("   wire ÷ payload: %.4f (up only), %.4f (up + down)   goal ≤ 1.05: %s\n", ratioUp, ratioBoth,
                verdict(ratioBoth <= 1.05));

    // ---- 2. again
    proxy.resetCounters();
    pass = client.controller->runPassBlocking(60'000);
    const qint64 again = proxy.upBytes() + proxy.downBytes();
    std::printf("2. next pass, nothing new: %lld B (up %lld, down %lld; pre-flight + status feed)   goal ≤ 2 "
                "KB: %s\n",
                static_cast<long long>(again), static_cast<long long>(proxy.upBytes()),
                static_cast<long long>(proxy.downBytes()), verdict(again <= 2048));

    {
        QNetworkAccessManager network;
        sync::HubClient raw(&network);
        raw.setBaseUrl(QUrl(proxy.url()));
        raw.setToken(client.tokens->read().value());
        QStringList names;
        for (const QByteArray &bytes : photos)
            names << core::BlobStore::sha256Hex(bytes);
        proxy.resetCounters();
        bool missingDone = false;
        int missing = -1;
        raw.missingBlobs(names, [&](sync::HubResult<QStringList> r) {
            missing = r ? int(r->size()) : -1;
            missingDone = true;
        });
        test::spinUntil([&] { return missingDone; });
        bool receiptDone = false;
        QString hubId;
        const QByteArray manifest = client.outbox().manifest(item.uuid).value();
        raw.putManifest(report, 1, manifest, {}, [&](sync::HubResult<sync::Receipt> r) {
            hubId = r ? r->hubId : QStringLiteral("error: ") + r.error().message;
            receiptDone = true;
        });
        test::spinUntil([&] { return receiptDone; });
        std::printf(
            "   the same revision pushed again by hand: %lld B (missing: %d of %d photos; manifest %lld B; "
            "receipt %s, same as the first: %s)\n",
            static_cast<long long>(proxy.upBytes() + proxy.downBytes()), missing, int(names.size()),
            static_cast<long long>(manifest.size()), qPrintable(hubId),
            hubId == client.itemOf(report).receipt.hubId ? "yes" : "NO");
    }

    // ---- 3. a cut in the middle
    qint64 photoBytes2 = 0;
    const QList<QByteArray> photos2 = makePhotos(count, 2, &photoBytes2);
    const QString report2 = client.concludedReport({2026, 9}, photos2);
    if (report2.isEmpty())
        return fail(client.error());
    const qint64 payload2 = client.itemOf(report2).manifestBytes + photoBytes2;
    proxy.resetCounters();
    proxy.cutAfterUpBytes(payload2 / 2);
    pass = client.controller->runPassBlocking(60'000);
    const qint64 upCut = proxy.upBytes();
    proxy.restore();
    client.advance(2 * 3600);
    pass = client.controller->runPassBlocking(120'000);
    if (pass.sent != 1)
        return fail(QStringLiteral("the resumed push failed: ") + pass.messages.join(QStringLiteral(" | ")));
    const qint64 upTotal = proxy.upBytes();
    // A clean push of this report would cost about its payload × the clean ratio.
    const qint64 clean = qint64(double(payload2) * ratioUp);
    const qint64 extra = upTotal - clean;
    const double avgPhoto = double(photoBytes2) / count;
    qint64 largest = 0;
    for (const QByteArray &bytes : photos2)
        largest = std::max<qint64>(largest, bytes.size());
    std::printf("3. cut after %lld B, resumed: up %lld B in all, a clean push ≈ %lld B: re-sent ≈ %lld B "
                "(%.2f of an average photo)   goal ≤ the photo in flight: %s\n",
                static_cast<long long>(upCut), static_cast<long long>(upTotal), static_cast<long long>(clean),
                static_cast<long long>(extra), double(extra) / avgPhoto, verdict(extra <= largest));
    hub.stop();
    return 0;
}
