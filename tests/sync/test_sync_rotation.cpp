// Token rotation on the client (issue 8): when the pre-flight's tokenRenewAfter has passed by the
// hub's clock, a sync pass asks the real hub (in-process, fixed clock) for a new token, stores it
// in the token store before using it, and carries on; the old token stops after the overlap.
#include "tests/sync/real_hub_fixture.h"

#include "sync/hub/hub_secrets.h"

using namespace mobiliza;
using test::SyncProfile;

using mobiliza::test::kBh;

namespace {

struct RotatingHub : test::InProcessHub
{
    static hub::HubOptions renewing()
    {
        hub::HubOptions options;
        options.tokenRenewDays = 30;
        return options;
    }
    RotatingHub() : test::InProcessHub(renewing()) {}
};

struct Client : test::SyncClient
{
    SyncProfile &profile;
    explicit Client(SyncProfile &p) : test::SyncClient(*p.services, p.dir), profile(p) {}
};

QString idOf(const QString &token)
{
    return hub::secrets::tokenIdFromHash(hub::secrets::tokenHash(token));
}

} // namespace

TEST_CASE("real hub: a sync pass renews the token once the hub asks, stores it, and keeps working")
{
    RotatingHub h;
    SyncProfile p(kBh);
    Client c(p);
    REQUIRE(c.controller.enrollBlocking(h.url(), h.code(kBh)).ok());
    const QString first = c.tokens.read().value();
    REQUIRE_FALSE(first.isEmpty());

    // Not due yet: the token stays.
    const sync::PassReport early = c.controller.runPassBlocking(30'000);
    REQUIRE(early.online);
    CHECK(c.tokens.read().value() == first);

    // 31 days on (the hub's clock), the pre-flight asks for a renewal: the pass renews, stores the
    // new token and goes on with the outbox.
    h.clock.advanceSecs(31 * 24 * 3600);
    const QString report = p.concludedReport({2026, 10}, 1);
    const sync::PassReport renewing = c.controller.runPassBlocking(30'000);
    INFO((renewing.error ? renewing.error->message : QString()).toStdString());
    REQUIRE(renewing.online);
    CHECK_FALSE(renewing.error.has_value());
    CHECK(renewing.sent == 1);
    const QString second = c.tokens.read().value();
    CHECK(second != first);
    auto record = hub::TokenDesk(*h.hub).authenticate(second);
    REQUIRE(record.ok());
    CHECK(record->rotatedFrom == idOf(first));
    CHECK(record->scope.municipality == kBh);
    CHECK(p.outbox->count(core::OutboxState::Received) == 1);

    // After the overlap the old token is refused; a new controller reads the stored one and works.
    h.clock.advanceSecs(25 * 3600);
    CHECK_FALSE(hub::TokenDesk(*h.hub).authenticate(first).ok());
    Client fresh(p);
    const sync::PassReport later = fresh.controller.runPassBlocking(30'000);
    CHECK(later.online);
    CHECK_FALSE(later.error.has_value());
    CHECK(fresh.tokens.read().value() == second); // not due again for 30 days
    const sync::PassReport again = c.controller.runPassBlocking(30'000);
    CHECK(again.online);
}
