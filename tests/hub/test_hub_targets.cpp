// The targets on the hub (docs/protocol.md §10.8): only the central level
// publishes them, every token reads them, the pre-flight names the revision held,
// an older or unknown-URS document is refused with nothing changed, and the same
// document again (an answer lost on the way) is a harmless retry.
#include "tests/hub/hub_test_util.h"

#include "core/reference/targets.h"

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

core::Targets targetsOf(int revision, double barbacena = 0.8)
{
    core::Targets t;
    t.revision = revision;
    t.updated = hubNow();
    t.updatedBy = QStringLiteral("Núcleo de Mobilização Social");
    t.coverage.insert(QStringLiteral("Barbacena"), barbacena);
    core::YearTargets y;
    y.year = 2026;
    y.state = 12000;
    y.urs.insert(QStringLiteral("Belo Horizonte"), 900);
    t.years << y;
    return t;
}

int preflightRevision(HubFixture &f, const QString &token)
{
    const auto p = sync::decodePreflight(f.http->get(QStringLiteral("/api/v1/preflight"), token).body);
    REQUIRE(p.ok());
    REQUIRE(p->features.contains(QStringLiteral("targets")));
    return p->targetsRevision;
}

} // namespace

TEST_CASE("Targets: the central level publishes them, every level reads them, nobody else changes them")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString urs = f.enrollUrs(QStringLiteral("Belo Horizonte"));
    const QString central = f.enrollCentral();
    const QString path = QStringLiteral("/api/v1/targets");

    // Nothing published yet.
    CHECK(preflightRevision(f, belo) == 0);
    const HttpReply none = f.http->get(path, belo);
    CHECK(none.status == 404);
    CHECK(sync::decodeError(none.body).value().code == QStringLiteral("no_targets"));

    // Neither a municipality nor a URS publishes.
    for (const QString &token : {belo, urs}) {
        const HttpReply refused = f.http->put(path, targetsOf(1).toJson(), token);
        CHECK(refused.status == 403);
    }
    CHECK(f.store->targetsRevision().value() == 0);

    const core::Targets first = targetsOf(1);
    const HttpReply put = f.http->put(path, first.toJson(), central);
    INFO(put.body.toStdString());
    REQUIRE(put.status == 201);
    CHECK(put.json().value(QStringLiteral("revision")).toInt() == 1);
    for (const QString &token : {belo, urs, central}) {
        CHECK(preflightRevision(f, token) == 1);
        const HttpReply got = f.http->get(path, token);
        REQUIRE(got.status == 200);
        auto read = core::Targets::fromJson(got.body);
        REQUIRE(read);
        CHECK(read.value() == first);
    }

    // The same document again: a retry, not a change.
    CHECK(f.http->put(path, first.toJson(), central).status == 200);
    // An older revision, or the same revision with other values: refused, nothing changed.
    const core::Targets second = targetsOf(2, 0.9);
    REQUIRE(f.http->put(path, second.toJson(), central).status == 201);
    const HttpReply stale = f.http->put(path, targetsOf(1, 0.5).toJson(), central);
    CHECK(stale.status == 409);
    CHECK(sync::decodeError(stale.body).value().code == QStringLiteral("stale_targets"));
    CHECK(f.http->put(path, targetsOf(2, 0.5).toJson(), central).status == 409);
    CHECK(core::Targets::fromJson(f.http->get(path, belo).body).value() == second);

    // A URS the hub's reference table does not have, or a malformed document: 422, nothing changed.
    core::Targets unknown = targetsOf(3);
    unknown.coverage.insert(QStringLiteral("Manhumirim"), 0.7); // an alias, not the URS's name
    const HttpReply alias = f.http->put(path, unknown.toJson(), central);
    CHECK(alias.status == 422);
    CHECK(sync::decodeError(alias.body).value().code == QStringLiteral("unknown_urs"));
    const HttpReply garbage = f.http->put(path, QByteArrayLiteral("{\"schema\":1,\"revision\":3}"), central);
    CHECK(garbage.status == 422);
    CHECK(preflightRevision(f, urs) == 2);
    CHECK(f.http->send("DELETE", path, {}, central).status == 405);
}
