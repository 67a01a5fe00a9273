#include "sync/hub/hub_dispatch.h"

#include "sync/hub/hub_dispatch_p.h"

#include "core/services/blob_store.h"
#include "sync/hub/hub_blobs.h"
#include "sync/hub/hub_secrets.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mobiliza::hub {

using namespace dispatch_detail;

namespace {

// A method name fit for one log field: printable ASCII, bounded.
QString logMethod(const QByteArray &method)
{
    QByteArray out = method.left(16);
    for (char &c : out)
        if (c <= ' ' || c > '~')
            c = '?';
    return out.isEmpty() ? QStringLiteral("-") : QString::fromLatin1(out);
}

} // namespace

QByteArray HubRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

HubDispatcher::Shared::Shared(ServerOptions o)
    : options(std::move(o)), tokenLimiter(options.tokenRatePerSecond, options.tokenBurst),
      regionalLimiter(options.regionalRatePerSecond, options.regionalBurst),
      enrollLimiter(options.enrollPerMinute / 60.0, options.enrollBurst),
      log(options.accessLogPath, options.accessLogToStderr)
{
}

HubDispatcher::HubDispatcher(Hub &hub, ServerOptions options)
    : m_hub(hub), m_shared(std::make_shared<Shared>(std::move(options))), m_tokens(hub, m_shared->touched)
{
}

HubDispatcher::HubDispatcher(Hub &hub, const HubDispatcher &other)
    : m_hub(hub), m_shared(other.m_shared), m_tokens(hub, m_shared->touched)
{
}

QString HubDispatcher::Admission::blobName() const
{
    if (!admitted || route != Route::Blob || !sync::isSha256Hex(segments.value(1)))
        return {};
    return segments.value(1);
}

HubDispatcher::Reply HubDispatcher::json(int status, const QByteArray &body)
{
    return Reply{status, body, {}};
}

HubDispatcher::Reply HubDispatcher::failure(const Refusal &error)
{
    Reply r{error.status, sync::encode(error.body), {}};
    if (error.retryAfterSeconds > 0)
        r.headers << qMakePair(QByteArrayLiteral("Retry-After"), QByteArray::number(error.retryAfterSeconds));
    return r;
}

HubDispatcher::Reply HubDispatcher::failure(int status, const QString &code, const QString &message)
{
    return failure(Hub::error(status, code, message));
}

HubDispatcher::Reply HubDispatcher::tooLarge(qint64 maxBody)
{
    return failure(413, QStringLiteral("too_large"),
                   QCoreApplication::translate(
                       "HubServer", "The request is larger than the hub accepts (%1 bytes at most for this address).")
                       .arg(maxBody));
}

QString HubDispatcher::remoteAddress(const HubRequest &request) const
{
    QHostAddress peer = request.peer;
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        peer = QHostAddress(v4);
    if (m_shared->options.trustProxy && peer.isLoopback()) {
        const QByteArray forwarded = request.header("X-Forwarded-For");
        if (!forwarded.isEmpty()) {
            const QString last = QString::fromLatin1(forwarded.split(',').constLast()).trimmed();
            QHostAddress client;
            if (client.setAddress(last))
                return client.toString();
        }
    }
    return peer.toString();
}

HubResponse HubDispatcher::dispatch(const HubRequest &request)
{
    Admission admission = admit(request, request.bodySize());
    if (!admission.admitted)
        return admission.refusal;
    return complete(admission, request);
}

HubDispatcher::Admission HubDispatcher::admit(const HubRequest &headers, qint64 declaredLength)
{
    Admission admission;
    admission.timer.start();
    if (std::optional<Reply> refused = check(headers, declaredLength, &admission)) {
        const QString tokenId = admission.token ? admission.token->id : QString();
        admission.refusal = finish(std::move(*refused), headers, tokenId, admission.timer.elapsed());
        return admission;
    }
    admission.admitted = true;
    return admission;
}

HubResponse HubDispatcher::complete(Admission &admission, const HubRequest &request)
{
    QString tokenId = admission.token ? admission.token->id : QString();
    Reply reply = handle(admission, request, &tokenId);
    if (admission.reserved > 0 && admission.token) // stored (and recorded) or refused: no longer in flight
        m_shared->release(admission.token->id, admission.reserved);
    admission.reserved = 0;
    admission.finished = true;
    return finish(std::move(reply), request, tokenId, admission.timer.elapsed());
}

void HubDispatcher::abandon(Admission &admission, const HubRequest &request)
{
    if (!admission.admitted || admission.finished)
        return;
    admission.finished = true;
    if (admission.reserved > 0 && admission.token)
        m_shared->release(admission.token->id, admission.reserved);
    admission.reserved = 0;
    // 499: the client closed (or went silent) before its request was whole (nginx's code).
    finish(Reply{499, {}, {}}, request, admission.token ? admission.token->id : QString(),
           admission.timer.elapsed());
}

qint64 HubDispatcher::Shared::reserve(const QString &tokenId, qint64 bytes)
{
    QMutexLocker lock(&inflightMutex);
    qint64 &mine = inflight[tokenId];
    const qint64 before = mine;
    mine += bytes;
    return before;
}

void HubDispatcher::Shared::release(const QString &tokenId, qint64 bytes)
{
    QMutexLocker lock(&inflightMutex);
    auto it = inflight.find(tokenId);
    if (it == inflight.end())
        return;
    it.value() -= bytes;
    if (it.value() <= 0)
        inflight.erase(it);
}

HubResponse HubDispatcher::finish(Reply reply, const HubRequest &request, const QString &tokenId,
                                  qint64 elapsedMs)
{
    HubResponse response;
    response.tokenId = tokenId;
    const bool head = request.method == kHead;
    response.status = reply.status;
    // JSON and never cached, unless the route says otherwise (a photo: its bytes, immutable).
    const auto has = [&reply](const QByteArray &name) {
        for (const auto &h : reply.headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    };
    if (!has("Content-Type"))
        response.headers << qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    if (!has("Cache-Control"))
        response.headers << qMakePair(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    response.headers += reply.headers;
    if (!head)
        response.body = std::move(reply.body);

    AccessLogEntry entry;
    entry.time = m_hub.now();
    entry.method = logMethod(request.method);
    entry.path = request.path;
    entry.status = response.status;
    entry.bytesIn = request.bodySize();
    entry.bytesOut = response.body.size();
    entry.durationMs = elapsedMs;
    entry.tokenId = response.tokenId;
    entry.remote = remoteAddress(request);
    m_shared->log.write(entry);
    return response;
}

std::optional<HubDispatcher::Reply> HubDispatcher::check(const HubRequest &request, qint64 declaredLength,
                                                         Admission *admission)
{
    const sync::Limits &limits = m_hub.options().limits;

    // ---- route
    const QString &path = request.path;
    const QString prefix = sync::apiPrefix() + QLatin1Char('/');
    Route route = Route::None;
    QByteArrayList allowed;
    qint64 maxBody = limits.maxJsonBytes;
    QStringList segments;
    if (path.startsWith(prefix)) {
        segments = path.mid(prefix.size()).split(QLatin1Char('/'));
        const qsizetype n = segments.size();
        const QString first = segments.value(0);
        if (n == 1 && first == QLatin1String("preflight")) {
            route = Route::Preflight;
            allowed = {kGet};
        } else if (n == 1 && first == QLatin1String("enroll")) {
            route = Route::Enroll;
            allowed = {kPost};
        } else if (n == 2 && first == QLatin1String("blobs") && segments[1] == QLatin1String("missing")) {
            route = Route::BlobsMissing;
            allowed = {kPost};
        } else if (n == 2 && first == QLatin1String("blobs") && !segments[1].isEmpty()) {
            route = Route::Blob;
            allowed = {kPut, kGet};
            maxBody = limits.maxBlobBytes;
        } else if (n == 2 && first == QLatin1String("reports") && !segments[1].isEmpty()) {
            route = Route::Report;
            allowed = {kGet};
        } else if (n == 4 && first == QLatin1String("reports") && !segments[1].isEmpty() &&
                   segments[2] == QLatin1String("revisions") && !segments[3].isEmpty()) {
            route = Route::Revision;
            allowed = {kPut, kGet};
            maxBody = limits.maxManifestBytes;
        } else if (n == 3 && first == QLatin1String("reports") && !segments[1].isEmpty() &&
                   segments[2] == QLatin1String("history")) {
            route = Route::History;
            allowed = {kGet};
        } else if (n == 2 && first == QLatin1String("reviews") && !segments[1].isEmpty()) {
            route = Route::Review;
            allowed = {kPut};
        } else if (n == 2 && first == QLatin1String("imports") && !segments[1].isEmpty()) {
            route = Route::Import;
            allowed = {kPut};
            maxBody = m_hub.options().maxImportBytes;
        } else if (n == 2 && first == QLatin1String("batches") && !segments[1].isEmpty()) {
            route = Route::Batch;
            allowed = {kPut, kGet};
        } else if (n == 2 && first == QLatin1String("revisions") &&
                   segments[1] == QLatin1String("manifests") && m_hub.options().manifestBatch) {
            route = Route::Manifests;
            allowed = {kPost};
        } else if (n == 1 && first == QLatin1String("revisions")) {
            route = Route::Revisions;
            allowed = {kGet};
        } else if (n == 1 && first == QLatin1String("status")) {
            route = Route::Status;
            allowed = {kGet};
        } else if (n == 2 && first == QLatin1String("partners") && !segments[1].isEmpty()) {
            route = Route::Partner;
            allowed = {kPut, kDelete};
        } else if (n == 1 && first == QLatin1String("partners")) {
            route = Route::Partners;
            allowed = {kGet};
        } else if (n == 1 && first == QLatin1String("targets")) {
            route = Route::Targets;
            allowed = {kGet, kPut};
        } else if (n == 1 && first == QLatin1String("units")) {
            route = Route::Units;
            allowed = {kGet};
        } else if (n == 1 && first == QLatin1String("token")) {
            route = Route::Token;
            allowed = {kPost};
        }
    }
    admission->route = route;
    admission->segments = segments;
    admission->maxBody = maxBody;
    if (route == Route::None)
        return failure(Hub::notFound());

    // ---- method
    if (!allowed.contains(request.method)) {
        Reply r = failure(
            405, QStringLiteral("method_not_allowed"),
            QCoreApplication::translate("HubServer", "This address does not accept this kind of request."));
        r.headers << qMakePair(QByteArrayLiteral("Allow"), allowed.join(", "));
        return r;
    }

    // ---- size, before anything is parsed (or read, when the transport sees the headers first)
    if (declaredLength > maxBody)
        return tooLarge(maxBody);
    if ((request.method == kGet || request.method == kDelete) && declaredLength > 0)
        return failure(400, QStringLiteral("bad_request"),
                       QCoreApplication::translate("HubServer", "This request takes no body."));

    // ---- enrollment: no token yet; limited per address
    if (route == Route::Enroll) {
        int retryAfter = 0;
        if (!m_shared->enrollLimiter.take(remoteAddress(request), &retryAfter)) {
            Reply r =
                failure(429, QStringLiteral("rate_limited"),
                        QCoreApplication::translate(
                            "HubServer",
                            "Too many enrollment attempts from this address. Wait a minute and try again."));
            r.headers << qMakePair(QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfter));
            return r;
        }
        return std::nullopt;
    }

    // ---- token
    const QByteArray authorization = request.header("Authorization").trimmed();
    QString token;
    if (authorization.size() > 7 && authorization.left(7).toLower() == "bearer ")
        token = QString::fromLatin1(authorization.mid(7).trimmed());
    // A photo upload reads the token from the few seconds' cache (TokenCache says why
    // that is safe); everything else from the database.
    const bool photoUpload = route == Route::Blob && request.method == kPut;
    auto authenticated = token.isEmpty() ? Outcome<TokenRecord>(Hub::unauthorized())
                         : photoUpload   ? m_tokens.authenticate(token, m_shared->photoTokens)
                                         : m_tokens.authenticate(token);
    if (!authenticated) {
        Reply r = failure(authenticated.error());
        if (authenticated.error().status == 401)
            r.headers << qMakePair(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
        return r;
    }
    admission->token = authenticated.value();

    // ---- rate limit per token
    int retryAfter = 0;
    RateLimiter &limiter = authenticated->scope.kind == sync::Scope::Kind::Municipality
                               ? m_shared->tokenLimiter
                               : m_shared->regionalLimiter;
    if (!limiter.take(authenticated->id, &retryAfter)) {
        Reply r = failure(
            429, QStringLiteral("rate_limited"),
            QCoreApplication::translate(
                "HubServer", "Too many requests from this installation. Mobiliza will try again shortly."));
        r.headers << qMakePair(QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfter));
        return r;
    }

    // ---- a photo's size against the token's quota, before its body is read (with what
    // the same token has in flight on other connections)
    if (route == Route::Blob && request.method == kPut && declaredLength >= 0 &&
        sync::isSha256Hex(segments.value(1))) {
        const qint64 others = m_shared->reserve(authenticated->id, declaredLength);
        const qint64 quota = m_hub.options().quotaBytes;
        const QDateTime now = m_hub.now();
        // Far from the quota (or none): no statement; whether the token knew the
        // photo is then found once it is stored (storeBlob).
        if (quota > 0 && !m_shared->quotaView.admit(authenticated->id, declaredLength, others, quota, now)) {
            qint64 unattached = 0;
            auto admitted = BlobDesk(m_hub).admitUpload(*admission->token, segments[1],
                                                        declaredLength + others, &unattached);
            if (!admitted) {
                m_shared->release(authenticated->id, declaredLength);
                return failure(admitted.error());
            }
            m_shared->quotaView.note(authenticated->id, unattached + declaredLength + others, now);
            admission->blobKnown = admitted.value();
        }
        admission->reserved = declaredLength;
        admission->quotaChecked = true;
    }
    return std::nullopt;
}

HubDispatcher::Reply HubDispatcher::handle(const Admission &admission, const HubRequest &request,
                                           QString *tokenId)
{
    // The body as it arrived (a transport without Content-Length, chunked, is only
    // measured now).
    if (request.bodySize() > admission.maxBody)
        return tooLarge(admission.maxBody);
    if ((request.method == kGet || request.method == kDelete) && request.bodySize() > 0)
        return failure(400, QStringLiteral("bad_request"),
                       QCoreApplication::translate("HubServer", "This request takes no body."));

    if (admission.route == Route::Enroll) {
        auto decoded = sync::decodeEnrollRequest(request.body);
        if (!decoded)
            return failure(400, QStringLiteral("bad_request"), decoded.error().message);
        auto enrolled = m_tokens.enroll(decoded.value());
        if (!enrolled)
            return failure(enrolled.error());
        *tokenId = secrets::tokenIdFromHash(secrets::tokenHash(enrolled->token));
        return json(201, sync::encode(enrolled.value()));
    }
    if (!admission.token)
        return failure(Hub::unauthorized());
    std::optional<bool> blobKnown = admission.blobKnown;
    // A body without a declared size (chunked) is measured now; the upload is not kept.
    if (admission.route == Route::Blob && request.method == kPut && !admission.quotaChecked &&
        sync::isSha256Hex(admission.segments.value(1))) {
        auto admitted =
            BlobDesk(m_hub).admitUpload(*admission.token, admission.segments[1], request.bodySize());
        m_shared->quotaView.forget(admission.token->id); // admitted outside the view: ask next time
        if (!admitted)
            return failure(admitted.error());
        blobKnown = admitted.value();
    }
    return handleAuthenticated(admission.route, admission.segments, request, *admission.token, blobKnown);
}

} // namespace mobiliza::hub
