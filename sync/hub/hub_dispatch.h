// The hub's request handling without a transport: one HubRequest in (method,
// path, query, headers, body, peer address), one HubResponse out (status,
// headers, body). HubServer (GNU libmicrohttpd) only converts to and from
// these; the fuzz target tests/fuzz/fuzz_hub_dispatch.cpp calls it directly.
//
// A transport that sees the headers before the body calls admit() first: every
// check up to the rate limit runs on the headers alone (the size from
// Content-Length), so a refused request's body is never read. complete() then
// runs the route's handler with the body. dispatch() is both in one call.
//
// The order of the checks is part of the protocol (docs/protocol.md §2):
//   route (404 not_found) → method (405, with Allow) → body size (413, before
//   anything is parsed; a body on GET/DELETE is 400) → enrollment (per-address
//   rate limit, no token) | token (401, WWW-Authenticate) → per-token rate
//   limit (429, Retry-After) → for a photo upload, the token's quota on the
//   declared size (413 quota_exceeded, still before the body) → the route's handler,
// and every request writes one access-log line.
//
// One dispatcher per thread, like its Hub (a Hub is one database connection);
// dispatchers made with the sharing constructor share the options, the rate
// limiters and the access log (those are thread-safe).
#pragma once

#include "sync/hub/access_log.h"
#include "sync/hub/hub.h"
#include "sync/hub/hub_tokens.h"
#include "sync/hub/hub_uploads.h"
#include "sync/hub/rate_limiter.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace mobiliza::core {
class BlobWriter;
}

namespace mobiliza::hub {

struct ServerOptions
{
    double tokenRatePerSecond = 50; // generous: a report's photos go one per request
    double tokenBurst = 200;
    // A URS's or the central level's token: its pass asks for a history and a photo
    // a request over a whole region (or the state), and there are only 29 of them.
    double regionalRatePerSecond = 200;
    double regionalBurst = 400;
    double enrollPerMinute = 10; // per remote address
    double enrollBurst = 10;
    QString accessLogPath; // empty: no file
    bool accessLogToStderr = false;
    // Behind a reverse proxy on the same machine: take the client's address from
    // X-Forwarded-For when the peer is a loopback address.
    bool trustProxy = false;

    // The HTTP layer (HubServer): worker threads (each with its own database
    // connection), seconds a connection may stay silent, open connections in all
    // (0: as many as the process may open files, less a reserve) and per remote
    // address (0: no per-address limit; the default when trustProxy is set, since
    // every request then comes from the proxy).
    int threads = 8;
    int idleTimeoutSeconds = 30;
    int maxConnections = 0;
    int maxConnectionsPerAddress = 128;
    qint64 connectionMemoryBytes = 64 * 1024; // per connection: headers and each read of a body
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
    // Set by a streaming transport: the bytes of the body that arrived (the body
    // then holds none of them: a photo went to `upload`, anything else over the
    // limit was dropped). -1: body.size().
    qint64 receivedBytes = -1;
    // A photo upload (PUT blobs/{sha256}) written to disk as it arrived.
    std::shared_ptr<core::BlobWriter> upload;
    std::optional<core::Error> uploadError; // writing it failed (a full disk): nothing is kept

    qint64 bodySize() const { return receivedBytes >= 0 ? receivedBytes : body.size(); }

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
        Partner,
        Token,
        Revisions,
        Manifests,
        Review,   // PUT reviews/{uuid} (§10.3)
        History,  // GET reports/{uuid}/history (§10.3)
        Import,   // PUT imports/{sha256} (§10.4)
        Batch,    // PUT, GET batches/{uuid} (§10.5)
        Partners, // GET partners?since=&limit= (§10.6)
        Targets,  // GET, PUT targets (§10.8)
        Units     // GET units (§10.9)
    };

    // What admit() decided from the headers.
    struct Admission
    {
        bool admitted = false;
        HubResponse refusal; // when not admitted (its log line is written)
        Route route = Route::None;
        QStringList segments;
        qint64 maxBody = 0;
        std::optional<TokenRecord> token;
        bool quotaChecked = false; // a photo upload's declared size was checked against the token's quota
        // Then: whether the token already counted the photo as present; not known when
        // the quota was checked without asking the database (QuotaView).
        std::optional<bool> blobKnown;
        qint64 reserved = 0;       // those bytes, counted as in flight for the token until it ends
        bool finished = false;     // complete() or abandon() ran
        QElapsedTimer timer;

        // The photo's name when the body is a photo upload with a well-formed
        // name: a transport may stream it to core::BlobStore::beginWrite(name).
        QString blobName() const;
    };

    HubDispatcher(Hub &hub, ServerOptions options = {});
    // Shares the options, rate limiters and access log of `other` (another thread's).
    HubDispatcher(Hub &hub, const HubDispatcher &other);

    // Answers one request and writes its access-log line.
    HubResponse dispatch(const HubRequest &request);

    // The checks on the headers: route, method, declared size (-1: not declared),
    // enrollment rate or token and its rate. Writes the log line when refused.
    Admission admit(const HubRequest &headers, qint64 declaredLength);
    // The handler, with the body; writes the log line.
    HubResponse complete(Admission &admission, const HubRequest &request);
    // An admitted request that ended without its body (the client went away or
    // timed out): its log line (status 499, the bytes that came) and its quota
    // reservation. Does nothing after complete().
    void abandon(Admission &admission, const HubRequest &request);

    const ServerOptions &options() const { return m_shared->options; }
    bool accessLogOpen() const { return m_shared->log.isOpen(); }

private:
    struct Reply
    {
        int status = 200;
        QByteArray body;
        HeaderList headers;
    };

    struct Shared
    {
        explicit Shared(ServerOptions o);
        ServerOptions options;
        // Photo bytes admitted but not stored yet, per token: parallel uploads cannot
        // each pass the quota on their own.
        QMutex inflightMutex;
        QHash<QString, qint64> inflight;
        qint64 reserve(const QString &tokenId, qint64 bytes); // returns what was in flight before
        void release(const QString &tokenId, qint64 bytes);
        RateLimiter tokenLimiter;    // a municipality's token
        RateLimiter regionalLimiter; // a URS's or the central level's
        RateLimiter enrollLimiter;
        TokenCache photoTokens; // the token lookup of photo uploads, kept a few seconds
        QuotaView quotaView;    // photo admissions far from the quota ask no statement
        UploadRecorder uploads; // the photo uploads' rows, group-committed
        std::shared_ptr<TouchLedger> touched = std::make_shared<TouchLedger>(); // every thread's TokenDesk
        AccessLog log;
    };

    std::optional<Reply> check(const HubRequest &request, qint64 declaredLength, Admission *admission);
    Reply handle(const Admission &admission, const HubRequest &request, QString *tokenId);
    // `blobKnown`: a photo upload's admission answer (BlobDesk::admitUpload); nullopt
    // when the admission did not ask (its quota passed by QuotaView).
    Reply handleAuthenticated(Route route, const QStringList &segments, const HubRequest &request,
                              const TokenRecord &token, std::optional<bool> blobKnown);
    Reply storeBlob(const QString &name, const HubRequest &request, const TokenRecord &token,
                    std::optional<bool> knownAtAdmission);
    HubResponse finish(Reply reply, const HubRequest &request, const QString &tokenId, qint64 elapsedMs);
    QString remoteAddress(const HubRequest &request) const;

    static Reply json(int status, const QByteArray &body);
    static Reply failure(const Refusal &error);
    static Reply failure(int status, const QString &code, const QString &message);
    static Reply tooLarge(qint64 maxBody);

    Hub &m_hub;
    std::shared_ptr<Shared> m_shared;
    TokenDesk m_tokens; // writes a token's last use through m_shared's ledger
};

} // namespace mobiliza::hub
