// The regional pull over loopback (a plain executable, never run by ctest).
//
//   bench_regional_pull [photos per report]     (default: 20)
//
// The largest URS of Minas Gerais: each of its municipalities pushes one month
// (one report, N photos of about 300 KB) to the real hub (`mobiliza-hub serve`,
// a child process); then the URS's installation (the real SyncController of a
// URS profile) pulls the month through a TCP proxy that counts the bytes each
// way (HTTP headers and bodies):
//   1. the first pull: time, and wire bytes ÷ (manifests + photos)     goal ≤ 1.02
//   2. the next pass with nothing new                                   (bytes)
#include "tests/reliability/client_profile.h"
#include "tests/reliability/reliability_fixture.h"

#include "core/reference/reference_data.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>

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
    std::fprintf(stderr, "bench_regional_pull: %s\n", qPrintable(what));
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "mobiliza.*=false");
    const int photosPerReport = argc > 1 ? QByteArray(argv[1]).toInt() : 20;
    if (photosPerReport < 1)
        return fail(QStringLiteral("say at least 1 photo"));

    const core::ReferenceData reference = core::ReferenceData::embedded();
    core::Urs largest;
    for (const core::Urs &u : reference.urs())
        if (u.municipalityCount > largest.municipalityCount)
            largest = u;
    const QList<core::Municipality> municipalities = reference.municipalitiesOfUrs(largest.name);

    QTemporaryDir hubDir;
    auto hubProcess = std::make_unique<HubProcess>(QStringLiteral(MOBILIZA_HUB_EXE), hubDir.path());
    if (!hubProcess->start())
        return fail(hubProcess->why());
    const quint16 port = hubProcess->port();

    // ---- the municipalities push their month
    qint64 payload = 0;
    QElapsedTimer setup;
    setup.start();
    for (int i = 0; i < municipalities.size(); ++i) {
        // The hub allows 10 enrollments a minute per address: a restart gives a fresh
        // allowance (its limiter lives in memory).
        if (i > 0 && i % 10 == 0) {
            hubProcess->stop();
            hubProcess = std::make_unique<HubProcess>(QStringLiteral(MOBILIZA_HUB_EXE), hubDir.path());
            if (!hubProcess->start(port))
                return fail(hubProcess->why());
        }
        HubProcess &hub = *hubProcess;
        ClientProfile m(municipalities.at(i).ibge);
        if (!m.ok())
            return fail(m.error());
        if (auto e = m.controller->enrollBlocking(hub.url(), hub.enrollCode(municipalities.at(i).ibge)); !e)
            return fail(e.error().message);
        QList<QByteArray> photos;
        for (int k = 0; k < photosPerReport; ++k) {
            photos << test::noiseJpeg(quint32(i * 1000 + k));
            payload += photos.last().size();
        }
        const QString report = m.concludedReport({2026, 10}, photos);
        if (report.isEmpty())
            return fail(m.error());
        payload += m.itemOf(report).manifestBytes;
        if (const auto pass = m.controller->runPassBlocking(300'000); pass.sent != 1)
            return fail(QStringLiteral("%1 did not push: %2")
                            .arg(municipalities.at(i).name, pass.messages.join(QStringLiteral(" | "))));
    }
    std::printf("URS %s: %d municipalities × 1 report of %d photos; manifests + photos %.1f MB "
                "(pushed in %.1f s)\n",
                qPrintable(largest.name), int(municipalities.size()), photosPerReport, double(payload) / 1e6,
                double(setup.elapsed()) / 1000.0);

    // ---- the URS pulls
    HubProcess &hub = *hubProcess;
    const auto code = hub.cli({QStringLiteral("enroll"), QStringLiteral("--urs"), largest.name});
    if (!code)
        return fail(hub.why());
    TcpProxy proxy(hub.port());
    ClientProfile urs(QString(), QString(), largest.name);
    if (!urs.ok())
        return fail(urs.error());
    if (auto e = urs.controller->enrollBlocking(proxy.url(), code->trimmed().split(QLatin1Char('\n')).constLast());
        !e)
        return fail(e.error().message);
    proxy.resetCounters();
    QElapsedTimer timer;
    timer.start();
    sync::PassReport pass = urs.controller->runPassBlocking(600'000);
    const qint64 ms = timer.elapsed();
    if (!pass.allConfirmed)
        return fail(QStringLiteral("the pull did not finish: ") + pass.messages.join(QStringLiteral(" | ")));
    const qint64 wire = proxy.upBytes() + proxy.downBytes();
    const double ratio = double(wire) / double(payload);
    std::printf("1. first pull in %.1f s (%.1f MB/s): %d revisions, %d manifests, %d photos; "
                "up %lld B, down %lld B\n",
                double(ms) / 1000.0, double(payload) / 1e6 / (double(ms) / 1000.0), pass.revisionsPulled,
                pass.manifestsFetched, pass.photosFetched, static_cast<long long>(proxy.upBytes()),
                static_cast<long long>(proxy.downBytes()));
    std::printf("   wire ÷ (manifests + photos): %.4f   goal ≤ 1.02: %s\n", ratio, ratio <= 1.02 ? "ok" : "ABOVE GOAL");

    proxy.resetCounters();
    pass = urs.controller->runPassBlocking(60'000);
    std::printf("2. next pass, nothing new: %lld B (up %lld, down %lld)\n",
                static_cast<long long>(proxy.upBytes() + proxy.downBytes()), static_cast<long long>(proxy.upBytes()),
                static_cast<long long>(proxy.downBytes()));
    hub.stop();
    return 0;
}
