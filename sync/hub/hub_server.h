// The hub's HTTP face: every route of docs/protocol.md §2–§7 under /api/v1 on
// a QHttpServer.
//
// QHttpServer 6.4 answers a wrong method with 404 and has no hook that runs
// before the route handlers, so the hub registers no per-route handlers: every
// request reaches one dispatcher (QHttpServer's missing-request handler) that
// applies, in order: route (404 not_found) → method (405) → body size (413,
// before anything is parsed) → token (401) → per-token rate limit (429) →
// the route's handler, and writes one access-log line. Enrollment is limited
// per remote address instead of per token.
//
// QHttpServer buffers whole bodies and has no timeouts: deploy it behind nginx
// (packaging/) for TLS, body limits and timeouts.
#pragma once

#include "sync/hub/access_log.h"
#include "sync/hub/hub.h"
#include "sync/hub/rate_limiter.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>

#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace mobiliza::hub {

struct ServerOptions
{
    double tokenRatePerSecond = 50; // generous: a report's photos go one per request
    double tokenBurst = 200;
    double enrollPerMinute = 10; // per remote address
    double enrollBurst = 10;
    QString accessLogPath; // empty: no file
    bool accessLogToStderr = false;
    // Behind a reverse proxy on the same machine: take the client's address from
    // X-Forwarded-For when the peer is a loopback address.
    bool trustProxy = false;
};

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
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    enum class Route
    {
        None,
        Preflight,
        Enroll,
        BlobsMissing,
        Blob,
        Report,
        Revision,
        Status,
        Partner
    };

    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    Reply handle(const QHttpServerRequest &request, QString *tokenId);
    Reply handleAuthenticated(Route route, const QStringList &segments, const QHttpServerRequest &request,
                              const TokenRecord &token);
    QString remoteAddress(const QHttpServerRequest &request) const;

    static Reply json(int status, const QByteArray &body);
    static Reply failure(const HubError &error);
    static Reply failure(int status, const QString &code, const QString &message);

    Hub &m_hub;
    ServerOptions m_options;
    std::unique_ptr<QHttpServer> m_server;
    RateLimiter m_tokenLimiter;
    RateLimiter m_enrollLimiter;
    AccessLog m_log;
    quint16 m_port = 0;
};

} // namespace mobiliza::hub
