// Token rotation on the client (issue 8): when the pre-flight's tokenRenewAfter has passed by the
// hub's clock, a sync pass asks the real hub (in-process, fixed clock) for a new token, stores it
// in the token store before using it, and carries on; the old token stops after the overlap.
#include "tests/sync/sync_fixture.h"

#include "core/reference/reference_data.h"
#include "core/services/blob_store.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"
#include "sync/hub/hub.h"
#include "sync/hub/hub_secrets.h"
#include "sync/hub/hub_server.h"
#include "sync/hub/hub_store.h"

#include <QNetworkAccessManager>

using namespace mobiliza;
using test::SyncProfile;

namespace {

const QString kBh = QStringLiteral("3106200");

struct RotatingHub
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<hub::HubStore> store;
    std::unique_ptr<core::BlobStore> blobs;
    std::unique_ptr<hub::Hub> hub;
    std::unique_ptr<hub::HubServer> server;
    quint16 port = 0;

    RotatingHub()
    {
        auto opened = hub::HubStore::open(dir.path(), QString());
        REQUIRE(opened.ok());
        store = std::move(opened.value());
        blobs = std::make_unique<core::BlobStore>(dir.filePath(QStringLiteral("blobs")));
        hub::HubOptions options;
        options.info = sync::HubInfo{QStringLiteral("urs-teste"), QStringLiteral("URS Teste")};
        options.tokenRenewDays = 30;
        hub = std::make_unique<hub::Hub>(*store, *blobs, core::ReferenceData::embedded(), clock, options);
        hub::ServerOptions serverOptions;
        serverOptions.accessLogPath = dir.filePath(QStringLiteral("access.log"));
        server = std::make_unique<hub::HubServer>(*hub, serverOptions);
        port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
    }

    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }
    QString code(const QString &municipality) const
    {
        sync::Scope scope;
        scope.municipality = municipality;
        auto issued = hub->issueCode(scope, QStringLiteral("SMS"));
        REQUIRE(issued.ok());
        return issued->code;
    }
};

struct Client
{
    SyncProfile &profile;
    QNetworkAccessManager network;
    sync::FileTokenStore tokens;
    sync::SyncController controller;

    static sync::SyncOptions options()
    {
        sync::SyncOptions o;
        o.watchConnectivity = false;
        o.timeouts = {5000, 5000};
        o.random01 = [] { return 0.5; };
        o.installationLabel = QStringLiteral("teste");
        return o;
    }

    explicit Client(SyncProfile &p)
        : profile(p), tokens(p.dir.filePath(sync::FileTokenStore::defaultFileName())),
          controller(*p.services, &network, tokens, options())
    {
    }
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
    auto record = h.hub->authenticate(second);
    REQUIRE(record.ok());
    CHECK(record->rotatedFrom == idOf(first));
    CHECK(record->scope.municipality == kBh);
    CHECK(p.outbox->count(core::OutboxState::Received) == 1);

    // After the overlap the old token is refused; a new controller reads the stored one and works.
    h.clock.advanceSecs(25 * 3600);
    CHECK_FALSE(h.hub->authenticate(first).ok());
    Client fresh(p);
    const sync::PassReport later = fresh.controller.runPassBlocking(30'000);
    CHECK(later.online);
    CHECK_FALSE(later.error.has_value());
    CHECK(fresh.tokens.read().value() == second); // not due again for 30 days
    const sync::PassReport again = c.controller.runPassBlocking(30'000);
    CHECK(again.online);
}
