// The hub's HTTP face: every route of docs/protocol.md §2–§7 under /api/v1 on
// a QHttpServer.
//
// QHttpServer 6.4 answers a wrong method with 404 and has no hook that runs
// before the route handlers, so the hub registers no per-route handlers: every
// request reaches QHttpServer's missing-request handler, which converts it to
// a HubRequest and hands it to the HubDispatcher (hub_dispatch.h: route →
// method → size → token → rate limit → handler, and the access log). This
// class is only the transport.
//
// QHttpServer buffers whole bodies and has no timeouts: deploy it behind nginx
// (packaging/) for TLS, body limits and timeouts.
#pragma once

#include "sync/hub/hub_dispatch.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace mobiliza::hub {

class HubServer : public QObject
{
    Q_OBJECT

public:
    explicit HubServer(Hub &hub, ServerOptions options = {}, QObject *parent = nullptr);
    ~HubServer() override;

    // Listens (port 0: an ephemeral port); returns the port, or 0 on failure.
    quint16 listen(const QHostAddress &address, quint16 port);
    quint16 port() const { return m_port; }

private:
    void respond(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    HubDispatcher m_dispatcher;
    std::unique_ptr<QHttpServer> m_server;
    quint16 m_port = 0;
};

} // namespace mobiliza::hub
