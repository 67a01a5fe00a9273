// The central level's pull of a year of the state over loopback (issue 10, "Scale
// and speed"; a plain executable, never run by ctest).
//
//   bench_central_pull [--direct] [months]     (default: 12)
//
// --direct: the clients talk to the hub itself, not through the counting proxy
// (no wire bytes then). --no-rate-limit: the hub is served in-process (HubServer
// on the same store) with its per-token limit (ServerOptions::regionalRatePerSecond,
// 200 requests/s, burst 400, for URS and central tokens) lifted, to see the pull's
// own cost. The manifests come a hundred a request (§10.2, "manifest_batch").
//
// 0. A hub's store (HubStore, SQLite, in a temp folder, written in-process) holds
//    the 853 municipalities of the reference table × `months` months: one report
//    each, 2–6 actions with the demonstration's SES-MG values (demo::actionValues),
//    its manifest made by ReportService::manifest. The photos are named (1–2 an
//    action, from a pool of 16) but never uploaded: the pull is measured without
//    photos. The regional steps always fetch the photos of the newest month's
//    latest revisions, so that month's actions name none.
// 1. The real hub (`mobiliza-hub serve`, a child process) serves that folder.
//    The URS-scale baseline: the largest URS's installation (the real
//    SyncController of a URS profile) pulls its year through a TCP proxy that
//    counts the bytes each way.
// 2. A central profile enrolled with a central code pulls the whole state the
//    same way: revisions, manifests, wire bytes, wall time (goal < 30 s) and the
//    process's peak memory (VmHWM, reset before each pull), beside the baseline.
#include "tests/reliability/client_profile.h"
#include "tests/reliability/reliability_fixture.h"

#include "core/demo/demo_content.h"
#include "core/reference/reference_data.h"
#include "core/services/report_service.h"
#include "sync/hub/hub.h"
#include "sync/hub/hub_server.h"
#include "sync/hub/hub_store.h"
#include "sync/hub/hub_tokens.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QSqlQuery>
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
    std::fprintf(stderr, "bench_central_pull: %s\n", qPrintable(what));
    return 1;
}

QString sha256Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// VmHWM of this process in KiB (-1 unknown); resetPeak() starts it again from the
// current resident size (Linux ≥ 4.0: "5" to clear_refs).
long peakKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpression hwm(QStringLiteral("^VmHWM:\\s+(\\d+)"), QRegularExpression::MultilineOption);
    const auto m = hwm.match(QString::fromLatin1(status.readAll()));
    return m.hasMatch() ? m.captured(1).toLong() : -1;
}

bool resetPeak()
{
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    return refs.open(QIODevice::WriteOnly) && refs.write("5") == 1;
}

struct Filled
{
    int revisions = 0;
    int actions = 0;
    int photosNamed = 0;
    qint64 manifestBytes = 0;
    QHash<QString, int> revisionsOfUrs;
    QHash<QString, qint64> bytesOfUrs;
};

// The store of the hub at `dir`: every municipality × `periods`, one revision each.
core::Result<Filled> fill(const QString &dir, const QList<core::Municipality> &municipalities,
                          const QList<core::Period> &periods)
{
    auto opened = hub::HubStore::open(dir);
    if (!opened)
        return opened.error();
    hub::HubStore &store = *opened.value();
    // Setup only (the hub serves with synchronous=FULL): 10 k transactions without a
    // sync each. The pull measured below only reads this store.
    QSqlQuery(store.db()).exec(QStringLiteral("PRAGMA synchronous=OFF"));

    const core::ProgramDefinition program = core::ProgramDefinition::sesMgMobilizacao();
    QRandomGenerator rng(853);
    QStringList pool;
    for (int i = 0; i < 16; ++i)
        pool << sha256Of(QByteArray("foto da demonstração ") + QByteArray::number(i));
    const core::Period newest = periods.constLast();
    Filled filled;
    int sample = 0;
    for (const core::Municipality &m : municipalities) {
        for (const core::Period &period : periods) {
            core::Report r;
            r.uuid = core::newUuid();
            r.programId = program.id();
            r.municipality = m.ibge;
            r.period = period;
            const int actions = 2 + int(rng.bounded(5));
            for (int a = 0; a < actions; ++a) {
                const int s = sample++;
                const QDate date(period.year, period.month, 1 + int(rng.bounded(period.lastDay().day())));
                core::Action action;
                action.uuid = core::newUuid();
                action.reportUuid = r.uuid;
                action.position = a;
                action.values = core::demo::actionValues(program, s, date, m.ibge, rng);
                const int photos = period == newest ? 0 : 1 + int(rng.bounded(2));
                for (int k = 0; k < photos; ++k) {
                    core::Photo photo;
                    photo.uuid = core::newUuid();
                    photo.actionUuid = action.uuid;
                    photo.sha256 = pool.at(int(rng.bounded(int(pool.size()))));
                    photo.position = k;
                    photo.caption = QStringLiteral("%1 — registro %2").arg(core::demo::sampleTitle(s)).arg(k + 1);
                    photo.takenOn = date;
                    photo.author = QStringLiteral("Equipe de mobilização");
                    photo.width = core::demo::kPhotoWidth;
                    photo.height = core::demo::kPhotoHeight;
                    photo.bytes = 180'000;
                    action.photos << photo;
                }
                filled.photosNamed += int(action.photos.size());
                r.actions << action;
            }
            const QDateTime receivedAt(program.deadline(period).addDays(-1 - int(rng.bounded(9))), QTime(17, 0),
                                       Qt::UTC);
            const QByteArray manifest = core::ReportService::manifest(r, receivedAt.addSecs(-3600));
            const hub::ReportRecord record{r.uuid, m.ibge, r.programId, period.key()};
            if (auto put = store.insertRevision(record, m.urs, 1, manifest, sha256Of(manifest), receivedAt); !put)
                return put.error();
            ++filled.revisions;
            filled.actions += actions;
            filled.manifestBytes += manifest.size();
            ++filled.revisionsOfUrs[m.urs];
            filled.bytesOfUrs[m.urs] += manifest.size();
        }
    }
    return filled;
}

struct Pulled
{
    sync::PassReport pass;
    qint64 ms = 0;
    qint64 up = 0;
    qint64 down = 0;
    long peakKiB = -1;
};

// One pass of `controller` through `proxy`, timed, with this process's peak memory.
Pulled pull(sync::SyncController &controller, TcpProxy &proxy)
{
    Pulled p;
    proxy.resetCounters();
    const bool reset = resetPeak();
    QElapsedTimer timer;
    timer.start();
    p.pass = controller.runPassBlocking(1'800'000);
    p.ms = timer.elapsed();
    p.up = proxy.upBytes();
    p.down = proxy.downBytes();
    p.peakKiB = reset ? peakKiB() : -1;
    return p;
}

void print(const char *label, const Pulled &p, qint64 manifestBytes)
{
    std::printf("%s: %.1f s; %d revisions, %d manifests (%.1f MB), %d photos; wire up %.1f MB, down %.1f MB "
                "(÷ manifests %.3f); peak memory %s\n",
                label, double(p.ms) / 1000.0, p.pass.revisionsPulled, p.pass.manifestsFetched,
                double(manifestBytes) / 1e6, p.pass.photosFetched, double(p.up) / 1e6, double(p.down) / 1e6,
                double(p.up + p.down) / double(qMax<qint64>(1, manifestBytes)),
                p.peakKiB < 0 ? "unknown" : qPrintable(QStringLiteral("%1 MB").arg(double(p.peakKiB) / 1024.0, 0, 'f', 0)));
}

QString codeFrom(const std::optional<QString> &out)
{
    return out ? out->trimmed().split(QLatin1Char('\n')).constLast().trimmed() : QString();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "mobiliza.*=false");
    QStringList args = app.arguments().mid(1);
    const bool direct = args.removeAll(QStringLiteral("--direct")) > 0;
    const bool unlimited = args.removeAll(QStringLiteral("--no-rate-limit")) > 0;
    const int months = args.isEmpty() ? 12 : args.constFirst().toInt();
    if (months < 1)
        return fail(QStringLiteral("say at least 1 month"));

    const core::ReferenceData reference = core::ReferenceData::embedded();
    const QList<core::Municipality> municipalities = reference.municipalities();
    core::Urs largest;
    for (const core::Urs &u : reference.urs())
        if (u.municipalityCount > largest.municipalityCount)
            largest = u;
    QList<core::Period> periods; // the months before November 2026 (the profiles' clock)
    for (core::Period p = core::Period{2026, 11}.previous(); periods.size() < months; p = p.previous())
        periods.prepend(p);

    // ---- 0. the hub's store
    QTemporaryDir hubDir;
    QElapsedTimer setup;
    setup.start();
    auto filled = fill(hubDir.path(), municipalities, periods);
    if (!filled)
        return fail(filled.error().message);
    std::printf("hub: %d municipalities × %d months = %d revisions, %d actions, %d photos named (none uploaded; "
                "the newest month names none); manifests %.1f MB (written in %.1f s)\n",
                int(municipalities.size()), months, filled->revisions, filled->actions, filled->photosNamed,
                double(filled->manifestBytes) / 1e6, double(setup.elapsed()) / 1000.0);

    HubProcess hub(QStringLiteral(MOBILIZA_HUB_EXE), hubDir.path());
    // --no-rate-limit: the same store served in-process, the per-token limit lifted.
    std::unique_ptr<hub::HubStore> store;
    core::BlobStore blobs(hubDir.filePath(QStringLiteral("blobs")));
    core::SystemClock hubClock;
    std::unique_ptr<hub::Hub> inProcess;
    std::unique_ptr<hub::HubServer> server;
    quint16 hubPort = 0;
    if (unlimited) {
        auto opened = hub::HubStore::open(hubDir.path());
        if (!opened)
            return fail(opened.error().message);
        store = std::move(opened.value());
        inProcess = std::make_unique<hub::Hub>(*store, blobs, reference, hubClock, hub::HubOptions{});
        hub::ServerOptions options;
        options.tokenRatePerSecond = 1e9;
        options.tokenBurst = 1e9;
        options.accessLogPath = hubDir.filePath(QStringLiteral("access.log"));
        server = std::make_unique<hub::HubServer>(*inProcess, options);
        hubPort = server->listen(QHostAddress::LocalHost, 0);
        if (hubPort == 0)
            return fail(QStringLiteral("the in-process hub did not listen"));
    } else {
        if (!hub.start())
            return fail(hub.why());
        hubPort = hub.port();
    }
    // A one-time code: for the URS `urs`, or (empty) for the central level.
    const auto issueCode = [&](const QString &urs) -> QString {
        if (!unlimited)
            return codeFrom(hub.cli(urs.isEmpty() ? QStringList{QStringLiteral("enroll"), QStringLiteral("--central")}
                                                  : QStringList{QStringLiteral("enroll"), QStringLiteral("--urs"), urs}));
        sync::Scope scope;
        scope.kind = urs.isEmpty() ? sync::Scope::Kind::Central : sync::Scope::Kind::Urs;
        scope.urs = urs;
        auto issued = hub::TokenDesk(*inProcess).issueCode(scope, QStringLiteral("bench"));
        return issued ? issued->code : QString();
    };
    TcpProxy proxy(hubPort);
    const QString url = direct ? QStringLiteral("http://127.0.0.1:%1").arg(hubPort) : proxy.url();

    // ---- 1. the URS-scale baseline
    ClientProfile urs(QString(), QString(), largest.name);
    if (!urs.ok())
        return fail(urs.error());
    if (auto e = urs.controller->enrollBlocking(url, issueCode(largest.name)); !e)
        return fail(e.error().message);
    const Pulled baseline = pull(*urs.controller, proxy);
    if (!baseline.pass.allConfirmed)
        return fail(QStringLiteral("the URS's pull did not finish: ") + baseline.pass.messages.join(QStringLiteral(" | ")));
    print(qPrintable(QStringLiteral("1. URS %1 (%2 municipalities), its %3 months")
                         .arg(largest.name)
                         .arg(largest.municipalityCount)
                         .arg(months)),
          baseline, filled->bytesOfUrs.value(largest.name));

    // ---- 2. the central level
    QTemporaryDir centralDir;
    core::FixedClock clock(QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc()));
    auto opened = core::Services::open(centralDir.path(), clock);
    if (!opened)
        return fail(opened.error().message);
    core::Services &central = *opened.value();
    if (auto s = central.profile().setRole(core::Role::Central, {}); !s)
        return fail(s.error().message);
    QNetworkAccessManager network;
    sync::FileTokenStore tokens(centralDir.filePath(sync::FileTokenStore::defaultFileName()));
    sync::SyncOptions options;
    options.watchConnectivity = false;
    options.periodicMs = 24 * 3600 * 1000;
    options.timeouts = {30'000, 30'000};
    options.random01 = [] { return 0.5; };
    options.installationLabel = QStringLiteral("bench central");
    sync::SyncController controller(central, &network, tokens, options);
    if (auto e = controller.enrollBlocking(url, issueCode({})); !e)
        return fail(e.error().message);
    const Pulled state = pull(controller, proxy);
    if (!state.pass.allConfirmed)
        return fail(QStringLiteral("the central pull did not finish: ") + state.pass.messages.join(QStringLiteral(" | ")));
    print("2. central level, the state", state, filled->manifestBytes);
    const bool whole = state.pass.revisionsPulled == filled->revisions && state.pass.manifestsFetched == filled->revisions;
    std::printf("   every revision and manifest: %s   goal < 30 s: %s   per revision: %.2f ms (URS %.2f ms)\n",
                whole ? "yes" : "NO", state.ms < 30'000 ? "ok" : "ABOVE GOAL",
                double(state.ms) / double(qMax(1, filled->revisions)),
                double(baseline.ms) / double(qMax(1, filled->revisionsOfUrs.value(largest.name))));
    if (!unlimited)
        std::printf("   hub process peak memory (both pulls): %.0f MB\n", double(hub.peakRssKiB()) / 1024.0);

    proxy.resetCounters();
    const sync::PassReport again = controller.runPassBlocking(600'000);
    std::printf("3. next central pass, nothing new: %d revisions, %lld B on the wire\n", again.revisionsPulled,
                static_cast<long long>(proxy.upBytes() + proxy.downBytes()));
    hub.stop();
    return whole ? 0 : 1;
}
