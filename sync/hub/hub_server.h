// The hub's HTTP face: every route of docs/protocol.md §2–§7 under /api/v1 on
// GNU libmicrohttpd (docs/architecture.md, "The hub's HTTP layer").
//
// libmicrohttpd hands each request over with its headers first: the
// dispatcher's admit() runs route → method → declared size → token → rate
// limit on them, so a refused request's body is never read (a declared 4 GiB
// body without a token costs nothing) and `Expect: 100-continue` is answered
// only for admitted requests. An admitted photo upload is written to disk and
// hashed as it arrives (core::BlobWriter): memory per connection stays at
// ServerOptions::connectionMemoryBytes whatever the photo's size. Everything
// else is read into memory up to its route's limit, then complete() runs the
// handler.
//
// Requests run on a pool of ServerOptions::threads threads (epoll); each
// thread has its own Hub — its own database connection — opened on first use
// by the HubOpener, and closed on that thread when the server stops. Idle
// connections time out; connections are limited in all and per address.
// This class holds no Hub logic. In production it sits behind nginx for TLS
// (packaging/), but it does not depend on it to survive bad peers.
#pragma once

#include "sync/hub/hub_dispatch.h"

#include <QHostAddress>
#include <QObject>

#include <functional>
#include <memory>

namespace mobiliza::core {
class BlobStore;
class Clock;
} // namespace mobiliza::core

namespace mobiliza::hub {

class HubStore;

// What one worker thread needs: its own store connection, blob store and Hub.
struct HubWorker
{
    std::unique_ptr<HubStore> store;
    std::unique_ptr<core::BlobStore> blobs;
    std::unique_ptr<core::Clock> clock;
    std::unique_ptr<Hub> hub;
};
using HubOpener = std::function<core::Result<std::unique_ptr<HubWorker>>()>;

class HubServer : public QObject
{
    Q_OBJECT

public:
    // The workers open their own connection to the same database as `hub`
    // (SQLite or PostgreSQL), with the same blobs, reference table, options and clock.
    explicit HubServer(Hub &hub, ServerOptions options = {}, QObject *parent = nullptr);
    HubServer(Hub &hub, ServerOptions options, HubOpener opener, QObject *parent = nullptr);
    ~HubServer() override;

    // Listens (port 0: an ephemeral port); returns the port, or 0 on failure
    // (errorString() says why).
    quint16 listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }
    // The connection limits in force once listening (after raising the open-file limit).
    int maxConnections() const { return m_maxConnections; }

    struct Impl;

private:
    std::unique_ptr<Impl> d;
    quint16 m_port = 0;
    int m_maxConnections = 0;
    QString m_error;
};

} // namespace mobiliza::hub
