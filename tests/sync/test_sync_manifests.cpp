// Step 3 of a URS pass (sync/client/regional_manifest_step.cpp) against the real
// hub in-process: the manifests come a hundred a request (POST /revisions/manifests)
// when the hub offers "manifest_batch", one GET each from an older hub, and what an
// answer leaves out at its size bound is asked again in the same pass — the replica
// ends the same, byte for byte, every way.
#include "tests/sync/real_hub_fixture.h"

#include <QFile>

using namespace mobiliza;
using test::SyncProfile;

using mobiliza::test::kBh;
using mobiliza::test::kUrs;

namespace {

// Requests the hub logged on `path` (its access log: one JSON line a request).
int requestsTo(const test::InProcessHub &h, const QString &path)
{
    QFile log(h.dir.filePath(QStringLiteral("access.log")));
    REQUIRE(log.open(QIODevice::ReadOnly));
    int n = 0;
    const QByteArray needle = "\"path\":\"" + path.toUtf8() + '"';
    for (const QByteArray &line : log.readAll().split('\n'))
        n += line.contains(needle) ? 1 : 0;
    return n;
}

int manifestGets(const test::InProcessHub &h)
{
    QFile log(h.dir.filePath(QStringLiteral("access.log")));
    REQUIRE(log.open(QIODevice::ReadOnly));
    int n = 0;
    for (const QByteArray &line : log.readAll().split('\n'))
        n += line.contains("\"method\":\"GET\"") && line.contains("/revisions/1\"") ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE(
    "real hub: a URS pass fetches the manifests in bulk, one by one from an older hub, the same replica")
{
    struct Way
    {
        const char *name;
        bool batch;
        qint64 bound;
    };
    const Way way = GENERATE(Way{"in bulk", true, sync::kManifestBatchBytes}, Way{"older hub", false, 0},
                             Way{"bound of one manifest", true, 1});
    INFO(way.name);
    hub::HubOptions options;
    options.manifestBatch = way.batch;
    if (way.bound > 0)
        options.manifestBatchBytes = way.bound;
    test::InProcessHub h(options);

    // Five months of one municipality: five reports, five revisions.
    SyncProfile bh(kBh);
    test::SyncClient bhClient(*bh.services, bh.dir);
    REQUIRE(bhClient.controller.enrollBlocking(h.url(), h.code(kBh)).ok());
    QStringList reports;
    for (int month = 6; month <= 10; ++month)
        reports << bh.concludedReport({2026, month}, 1);
    REQUIRE(bhClient.controller.runPassBlocking(30'000).sent == 5);

    test::UrsSyncProfile urs(kUrs);
    test::SyncClient ursClient(*urs.services, urs.dir);
    REQUIRE(ursClient.controller.enrollBlocking(h.url(), h.code({}, kUrs)).ok());
    const sync::PassReport pulled = ursClient.controller.runPassBlocking(30'000);
    INFO((pulled.error ? pulled.error->message : QString()).toStdString());
    CHECK(pulled.allConfirmed);
    CHECK(pulled.replicaUpToDate);
    CHECK(pulled.manifestsFetched == 5);
    auto &replica = urs.services->replica();
    CHECK(replica.withoutManifest()->isEmpty());
    for (const QString &uuid : reports) {
        const auto ours = bh.services->reports().revisions(uuid);
        REQUIRE_FALSE(ours.isEmpty());
        CHECK(replica.manifest(uuid, 1).value() == ours.last().snapshotJson);
    }
    const QString bulk = QStringLiteral("/api/v1/revisions/manifests");
    if (!way.batch) {
        CHECK(requestsTo(h, bulk) == 0);
        CHECK(manifestGets(h) == 5);
    } else if (way.bound == 1) {
        CHECK(requestsTo(h, bulk) == 5); // one a request, each asked again until it came
        CHECK(manifestGets(h) == 0);
    } else {
        CHECK(requestsTo(h, bulk) == 1);
        CHECK(manifestGets(h) == 0);
    }

    // The next pass asks for none.
    const sync::PassReport again = ursClient.controller.runPassBlocking(30'000);
    CHECK(again.manifestsFetched == 0);
    CHECK(requestsTo(h, bulk) == (!way.batch ? 0 : way.bound == 1 ? 5 : 1));
}

TEST_CASE("real hub: the central level fetches only the photos of the reports opened, and keeps them within "
          "a bound")
{
    test::InProcessHub h;
    SyncProfile bh(kBh);
    test::SyncClient bhClient(*bh.services, bh.dir);
    REQUIRE(bhClient.controller.enrollBlocking(h.url(), h.code(kBh)).ok());
    const QString a = bh.concludedReport({2026, 10}, 2, 3000);
    const QString b = bh.concludedReport({2026, 9}, 1, 3000);
    REQUIRE(bhClient.controller.runPassBlocking(30'000).sent == 2);

    test::TempDir dir;
    core::FixedClock clock{h.clock.now()};
    auto opened = core::Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    core::Services &central = *opened.value();
    REQUIRE(central.profile().setRole(core::Role::Central, {}).ok());
    sync::SyncOptions options = test::SyncClient::options();
    options.photoCacheBytes = 5000; // room for one report's photos, not both
    test::SyncClient client(central, dir, options);
    sync::Scope scope;
    scope.kind = sync::Scope::Kind::Central;
    auto code = hub::TokenDesk(*h.hub).issueCode(scope, QStringLiteral("teste"));
    REQUIRE(code.ok());
    REQUIRE(client.controller.enrollBlocking(h.url(), code->code).ok());

    // The newest month's photos are not prefetched at the central level.
    sync::PassReport pass = client.controller.runPassBlocking(30'000);
    INFO((pass.error ? pass.error->message : QString()).toStdString());
    REQUIRE(pass.replicaUpToDate);
    CHECK(pass.manifestsFetched == 2);
    CHECK(pass.photosFetched == 0);
    CHECK(central.blobs().list().isEmpty());
    auto &replica = central.replica();
    auto photosOf = [&](const QString &report) {
        QStringList shas;
        auto decoded = replica.report(report, 1);
        REQUIRE(decoded.ok());
        const core::Report r = decoded.value();
        for (const core::Action &action : r.actions)
            for (const core::Photo &photo : action.photos)
                shas << photo.sha256;
        return shas;
    };
    auto here = [&](const QStringList &shas) {
        return std::all_of(shas.begin(), shas.end(),
                           [&](const QString &s) { return central.blobs().has(s); });
    };
    auto none = [&](const QStringList &shas) {
        return std::none_of(shas.begin(), shas.end(),
                            [&](const QString &s) { return central.blobs().has(s); });
    };

    // The coordinator opens October's report: the next pass brings its two photos.
    REQUIRE(replica.want(a, 1).value());
    pass = client.controller.runPassBlocking(30'000);
    CHECK(pass.photosFetched == 2);
    CHECK(here(photosOf(a)));
    // Then September's: its photo comes, and October's go (past the bound, fetched first).
    REQUIRE(replica.want(b, 1).value());
    pass = client.controller.runPassBlocking(30'000);
    CHECK(pass.photosFetched == 1);
    CHECK(here(photosOf(b)));
    CHECK(none(photosOf(a)));
    // Opened again, October's come again, and September's give way.
    REQUIRE(replica.want(a, 1).value());
    pass = client.controller.runPassBlocking(30'000);
    CHECK(pass.photosFetched == 2);
    CHECK(here(photosOf(a)));
    CHECK(none(photosOf(b)));
}
