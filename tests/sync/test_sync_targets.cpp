// The targets published down (docs/protocol.md §10.8) by real clients of the real
// hub in-process: the central level's edit leaves at its next pass, the URS and the
// municipality take it at theirs (and draw their lines with it), a later edit
// replaces it everywhere, and a pass that finds nothing new asks nothing.
#include "tests/sync/real_hub_fixture.h"

#include <QFile>

using namespace mobiliza;
using test::SyncProfile;

using mobiliza::test::kBh;
using mobiliza::test::kUrs;

namespace {

int targetRequests(const test::InProcessHub &h, const char *method)
{
    QFile log(h.dir.filePath(QStringLiteral("access.log")));
    REQUIRE(log.open(QIODevice::ReadOnly));
    const QByteArray verb = QByteArray("\"method\":\"") + method + '"';
    int n = 0;
    for (const QByteArray &line : log.readAll().split('\n'))
        n += line.contains("\"path\":\"/api/v1/targets\"") && line.contains(verb) ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE("real hub: the central level's targets reach the URS and the municipality at their next pass")
{
    test::InProcessHub h;
    const core::ReferenceData reference = core::ReferenceData::embedded();

    test::TempDir centralDir;
    core::FixedClock clock{h.clock.now()};
    auto opened = core::Services::open(centralDir.path(), clock);
    REQUIRE(opened.ok());
    core::Services &central = *opened.value();
    REQUIRE(central.profile().setRole(core::Role::Central, {}).ok());
    test::SyncClient centralClient(central, centralDir);
    sync::Scope scope;
    scope.kind = sync::Scope::Kind::Central;
    auto code = hub::TokenDesk(*h.hub).issueCode(scope, QStringLiteral("teste"));
    REQUIRE(code.ok());
    REQUIRE(centralClient.controller.enrollBlocking(h.url(), code->code).ok());

    test::UrsSyncProfile urs(kUrs);
    test::SyncClient ursClient(*urs.services, urs.dir);
    REQUIRE(ursClient.controller.enrollBlocking(h.url(), h.code(QString(), kUrs)).ok());
    SyncProfile bh(kBh);
    test::SyncClient bhClient(*bh.services, bh.dir);
    REQUIRE(bhClient.controller.enrollBlocking(h.url(), h.code(kBh)).ok());

    // Nothing published: nobody asks for targets.
    CHECK_FALSE(ursClient.controller.runPassBlocking(30'000).targetsReceived);
    CHECK(targetRequests(h, "GET") == 0);

    // The central level sets Belo Horizonte's coverage at 75 % and 2026's actions.
    core::Targets edit;
    edit.coverage.insert(kUrs, 0.75);
    core::YearTargets y;
    y.year = 2026;
    y.state = 12000;
    y.perMunicipality = 4;
    edit.years << y;
    auto saved = central.targets().edit(edit, reference);
    REQUIRE(saved.ok());
    CHECK(central.targets().pending());
    sync::PassReport pass = centralClient.controller.runPassBlocking(30'000);
    INFO((pass.error ? pass.error->message : QString()).toStdString());
    CHECK(pass.targetsPublished);
    CHECK_FALSE(central.targets().pending());
    CHECK(h.store->targetsRevision().value() == 1);

    // The URS and the municipality take them; their targets are the central level's.
    CHECK(ursClient.controller.runPassBlocking(30'000).targetsReceived);
    CHECK(bhClient.controller.runPassBlocking(30'000).targetsReceived);
    CHECK(urs.services->targets().current() == central.targets().current());
    CHECK(bh.services->targets().current() == central.targets().current());
    const QList<core::Municipality> ursScope = reference.municipalitiesOfUrs(kUrs);
    CHECK(urs.services->targets().current().coverageTarget(reference, ursScope) == Approx(0.75));
    const auto bhMunicipality = reference.municipality(kBh);
    REQUIRE(bhMunicipality);
    CHECK(bh.services->targets().current().actionsIn(reference, {*bhMunicipality}, {2026, 1}, {2026, 12}) ==
          Approx(4));
    // A pass that finds the same revision asks nothing.
    const int gets = targetRequests(h, "GET");
    CHECK(gets == 2);
    CHECK_FALSE(ursClient.controller.runPassBlocking(30'000).targetsReceived);
    CHECK(targetRequests(h, "GET") == gets);

    // A later edit replaces them everywhere; the URS cannot edit.
    edit.coverage.insert(kUrs, 0.9);
    REQUIRE(central.targets().edit(edit, reference).ok());
    CHECK(centralClient.controller.runPassBlocking(30'000).targetsPublished);
    CHECK(ursClient.controller.runPassBlocking(30'000).targetsReceived);
    CHECK(urs.services->targets().current().revision == 2);
    CHECK(urs.services->targets().current().coverageOf(reference, kUrs) == Approx(0.9));
    CHECK_FALSE(urs.services->targets().edit(edit, reference).ok());
    CHECK(targetRequests(h, "PUT") == 2);
}
