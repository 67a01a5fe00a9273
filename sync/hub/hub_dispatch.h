// The hub's request handling without a transport: one HubRequest in (method,
// path, query, headers, body, peer address), one HubResponse out (status,
// headers, body). HubServer (QHttpServer today) only converts to and from
// these; the fuzz target tests/fuzz/fuzz_hub_dispatch.cpp calls it directly.
//
// The order of the checks is part of the protocol (docs/protocol.md §2):
//   route (404 not_found) → method (405, with Allow) → body size (413, before
//   anything is parsed; a body on GET/DELETE is 400) → enrollment (per-address
//   rate limit, no token) | token (401, WWW-Authenticate) → per-token rate
//   limit (429, Retry-After) → the route's handler,
// and every request writes one access-log line.
//
// Not thread-safe (like Hub): one dispatcher per thread that owns the Hub.
#pragma once

#include "sync/hub/access_log.h"
#include "sync/hub/hub.h"
#include "sync/hub/rate_limiter.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

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

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct HubRequest
{
    QByteArray method; // as sent: "GET", "PUT"… (compared exactly; HTTP methods are case-sensitive)
    QString path;      // percent-decoded, without the query
    QString query;     // after '?', as sent (percent-encoded); empty when none
    HeaderList headers;
    QByteArray body;
    QHostAddress peer; // the connection's remote address

    // The first header of that name (case-insensitive), or empty.
    QByteArray header(const QByteArray &name) const;
};

struct HubResponse
{
    int status = 200;
    HeaderList headers; // Content-Type and Cache-Control included; write them as they are
    QByteArray body;    // empty for HEAD
    QString tokenId;    // of a valid token, for the log; empty otherwise
};

class HubDispatcher
{
public:
    HubDispatcher(Hub &hub, ServerOptions options = {});

    // Answers one request and writes its access-log line.
    HubResponse dispatch(const HubRequest &request);

    const ServerOptions &options() const { return m_options; }
    bool accessLogOpen() const { return m_log.isOpen(); }

private:
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
    struct Reply
    {
        int status = 200;
        QByteArray body;
        HeaderList headers;
    };

    Reply handle(const HubRequest &request, QString *tokenId);
    Reply handleAuthenticated(Route route, const QStringList &segments, const HubRequest &request,
                              const TokenRecord &token);
    QString remoteAddress(const HubRequest &request) const;

    static Reply json(int status, const QByteArray &body);
    static Reply failure(const HubError &error);
    static Reply failure(int status, const QString &code, const QString &message);

    Hub &m_hub;
    ServerOptions m_options;
    RateLimiter m_tokenLimiter;
    RateLimiter m_enrollLimiter;
    AccessLog m_log;
};

} // namespace mobiliza::hub
