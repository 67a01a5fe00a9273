// The real hub in-process on 127.0.0.1 (ephemeral port, fixed clock) and a sync
// client for a profile: shared by the client tests that talk to a real hub.
#pragma once

#include "tests/sync/sync_fixture.h"

#include "core/reference/reference_data.h"
#include "core/services/blob_store.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"
#include "sync/hub/hub.h"
#include "sync/hub/hub_server.h"
#include "sync/hub/hub_store.h"
#include "sync/hub/hub_tokens.h"

#include <QNetworkAccessManager>

namespace mobiliza::test {

// Belo Horizonte (IBGE) and its URS: the municipality these tests report from.
inline const QString kBh = QStringLiteral("3106200");
inline const QString kUrs = QStringLiteral("Belo Horizonte");

struct InProcessHub
{
    TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<hub::HubStore> store;
    std::unique_ptr<core::BlobStore> blobs;
    std::unique_ptr<hub::Hub> hub;
    std::unique_ptr<hub::HubServer> server;
    quint16 port = 0;

    explicit InProcessHub(hub::HubOptions options = {})
    {
        auto opened = hub::HubStore::open(dir.path(), QString());
        REQUIRE(opened.ok());
        store = std::move(opened.value());
        blobs = std::make_unique<core::BlobStore>(dir.filePath(QStringLiteral("blobs")));
        options.info = sync::HubInfo{QStringLiteral("urs-teste"), QStringLiteral("URS Teste")};
        hub = std::make_unique<hub::Hub>(*store, *blobs, core::ReferenceData::embedded(), clock, options);
        hub::ServerOptions serverOptions;
        serverOptions.accessLogPath = dir.filePath(QStringLiteral("access.log"));
        server = std::make_unique<hub::HubServer>(*hub, serverOptions);
        port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
    }

    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(port); }
    // A one-time code for a municipality, or (urs non-empty) for a URS's installation.
    QString code(const QString &municipality, const QString &urs = {}) const
    {
        sync::Scope scope;
        if (urs.isEmpty()) {
            scope.municipality = municipality;
        } else {
            scope.kind = sync::Scope::Kind::Urs;
            scope.urs = urs;
        }
        auto issued = hub::TokenDesk(*hub).issueCode(scope, QStringLiteral("teste"));
        REQUIRE(issued.ok());
        return issued->code;
    }
};

// A URS's profile (role set, fixed clock), for the regional passes.
struct UrsSyncProfile
{
    TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(15, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services;
    explicit UrsSyncProfile(const QString &urs)
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
        REQUIRE(services->profile().setRole(core::Role::Urs, urs).ok());
    }
};

// A SyncController on `services`, its token in a file of `dir`.
struct SyncClient
{
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

    SyncClient(core::Services &services, const TempDir &dir, sync::SyncOptions o = options())
        : tokens(dir.filePath(sync::FileTokenStore::defaultFileName())),
          controller(services, &network, tokens, std::move(o))
    {
    }
};

} // namespace mobiliza::test
