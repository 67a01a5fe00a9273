#include "sync/hub/hub_dispatch.h"

#include "core/services/blob_store.h"
#include "sync/hub/hub_secrets.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <limits>

namespace mobiliza::hub {

namespace {

const QByteArray kGet = QByteArrayLiteral("GET");
const QByteArray kPut = QByteArrayLiteral("PUT");
const QByteArray kPost = QByteArrayLiteral("POST");
const QByteArray kDelete = QByteArrayLiteral("DELETE");
const QByteArray kHead = QByteArrayLiteral("HEAD");

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Strict non-negative integer from a query item ("" → fallback).
bool parseCount(const QString &s, qint64 fallback, qint64 max, qint64 *out)
{
    if (s.isEmpty()) {
        *out = fallback;
        return true;
    }
    if (s.size() > 18)
        return false;
    for (QChar c : s)
        if (!c.isDigit() || c.unicode() > 127)
            return false;
    bool ok = false;
    const qint64 v = s.toLongLong(&ok);
    if (!ok || v > max)
        return false;
    *out = v;
    return true;
}

// The feed's paging (?since=<cursor>&limit=<n>), for status and the pull: since ≥ 0
// (default 0), 1 ≤ limit (default 200). False when either is not a whole number.
bool parseCursor(const QString &queryText, qint64 *since, qint64 *limit)
{
    const QUrlQuery query(queryText);
    return parseCount(query.queryItemValue(QStringLiteral("since")), 0, std::numeric_limits<qint64>::max() / 2,
                      since) &&
           parseCount(query.queryItemValue(QStringLiteral("limit")), 200, 1000000, limit) && *limit >= 1;
}

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
      enrollLimiter(options.enrollPerMinute / 60.0, options.enrollBurst),
      log(options.accessLogPath, options.accessLogToStderr)
{
}

HubDispatcher::HubDispatcher(Hub &hub, ServerOptions options)
    : m_hub(hub), m_shared(std::make_shared<Shared>(std::move(options)))
{
}

HubDispatcher::HubDispatcher(Hub &hub, const HubDispatcher &other) : m_hub(hub), m_shared(other.m_shared) {}

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

HubDispatcher::Reply HubDispatcher::failure(const HubError &error)
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
        } else if (n == 1 && first == QLatin1String("revisions")) {
            route = Route::Revisions;
            allowed = {kGet};
        } else if (n == 1 && first == QLatin1String("status")) {
            route = Route::Status;
            allowed = {kGet};
        } else if (n == 2 && first == QLatin1String("partners") && !segments[1].isEmpty()) {
            route = Route::Partner;
            allowed = {kPut, kDelete};
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
    auto authenticated =
        token.isEmpty() ? Outcome<TokenRecord>(Hub::unauthorized()) : m_hub.authenticate(token);
    if (!authenticated) {
        Reply r = failure(authenticated.error());
        if (authenticated.error().status == 401)
            r.headers << qMakePair(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
        return r;
    }
    admission->token = authenticated.value();

    // ---- rate limit per token
    int retryAfter = 0;
    if (!m_shared->tokenLimiter.take(authenticated->id, &retryAfter)) {
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
        if (std::optional<HubError> refused =
                m_hub.quotaRefusal(*admission->token, segments[1], declaredLength + others)) {
            m_shared->release(authenticated->id, declaredLength);
            return failure(*refused);
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
        auto enrolled = m_hub.enroll(decoded.value());
        if (!enrolled)
            return failure(enrolled.error());
        *tokenId = secrets::tokenIdFromHash(secrets::tokenHash(enrolled->token));
        return json(201, sync::encode(enrolled.value()));
    }
    if (!admission.token)
        return failure(Hub::unauthorized());
    // A body without a declared size (chunked) is measured now; the upload is not kept.
    if (admission.route == Route::Blob && request.method == kPut && !admission.quotaChecked &&
        sync::isSha256Hex(admission.segments.value(1)))
        if (std::optional<HubError> refused =
                m_hub.quotaRefusal(*admission.token, admission.segments[1], request.bodySize()))
            return failure(*refused);
    return handleAuthenticated(admission.route, admission.segments, request, *admission.token);
}

HubDispatcher::Reply HubDispatcher::storeBlob(const QString &name, const HubRequest &request,
                                              const TokenRecord &token)
{
    Outcome<BlobOutcome> stored = BlobOutcome{};
    if (request.uploadError) {
        stored = Hub::serverError(*request.uploadError);
    } else if (request.upload) {
        // Streamed to disk and hashed as it arrived; kept only when it is the photo its name says.
        // 200 ("already there") only when this token's scope may know the photo: the answer
        // never tells whether another municipality has it.
        auto known = m_hub.knownBlobs(token, {name});
        bool created = false;
        auto committed = request.upload->commit(&created);
        if (!known)
            stored = known.error();
        else if (!committed && committed.error().code == QLatin1String("hash_mismatch"))
            stored = Hub::error(422, QStringLiteral("hash_mismatch"),
                                QCoreApplication::translate("Hub", "The photo arrived damaged (its content does not "
                                                                   "match its name). Nothing was stored; send it "
                                                                   "again."));
        else if (!committed)
            stored = Hub::serverError(committed.error());
        else if (core::Status recorded = m_hub.recordUpload(token, name, request.upload->size()); !recorded)
            stored = Hub::serverError(recorded.error());
        else
            stored = BlobOutcome{name, request.upload->size(), created || !known->contains(name)};
    } else {
        stored = m_hub.putBlob(token, name, request.body);
    }
    if (!stored)
        return failure(stored.error());
    return json(stored->created ? 201 : 200, compact({{QStringLiteral("sha256"), stored->sha256},
                                                      {QStringLiteral("bytes"), double(stored->bytes)}}));
}

HubDispatcher::Reply HubDispatcher::handleAuthenticated(Route route, const QStringList &segments,
                                                const HubRequest &request, const TokenRecord &token)
{
    const QByteArray &body = request.body;
    const sync::Scope &scope = token.scope;
    switch (route) {
    case Route::Preflight:
        return json(200, sync::encode(m_hub.preflight(token)));

    case Route::BlobsMissing: {
        auto names = sync::decodeMissingQuery(body, m_hub.options().limits.maxMissingQuery);
        if (!names)
            return failure(400, QStringLiteral("bad_request"), names.error().message);
        auto missing = m_hub.missingBlobs(token, names.value());
        if (!missing)
            return failure(missing.error());
        return json(200, sync::encodeMissingAnswer(missing.value()));
    }

    case Route::Blob: {
        if (request.method == kGet) {
            auto bytes = m_hub.pulledBlob(scope, segments[1]);
            if (!bytes)
                return failure(bytes.error());
            const QByteArray tag = '"' + segments[1].toLatin1() + '"';
            return Reply{200, bytes.value(),
                         {qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream")),
                          qMakePair(QByteArrayLiteral("Cache-Control"),
                                    QByteArrayLiteral("private, max-age=31536000, immutable")),
                          qMakePair(QByteArrayLiteral("ETag"), tag)}};
        }
        return storeBlob(segments[1], request, token);
    }

    case Route::Revision: {
        const QString uuid = segments[1];
        qint64 revision = 0;
        if (!sync::isUuid(uuid) || !parseCount(segments[3], 0, 100000, &revision) || revision < 1)
            return failure(400, QStringLiteral("bad_request"),
                           QCoreApplication::translate(
                               "HubServer", "The address must name a report (UUID) and a revision number."));
        if (request.method == kGet) {
            auto pulled = m_hub.pulledManifest(scope, uuid, int(revision));
            if (!pulled)
                return failure(pulled.error());
            return Reply{200, pulled->manifest,
                         {qMakePair(QByteArrayLiteral("ETag"), '"' + pulled->manifestSha256.toLatin1() + '"')}};
        }
        auto pushed = m_hub.pushRevision(scope, uuid, int(revision), body);
        if (!pushed)
            return failure(pushed.error());
        return json(pushed->created ? 201 : 200, sync::encode(pushed->receipt));
    }

    case Route::Report: {
        auto view = m_hub.reportView(scope, segments[1]);
        if (!view)
            return failure(view.error());
        QJsonArray revisions;
        for (const RevisionRecord &r : std::as_const(view->revisions)) {
            QJsonObject o{{QStringLiteral("revision"), r.revision},
                          {QStringLiteral("hubId"), r.hubId},
                          {QStringLiteral("manifestSha256"), r.manifestSha256},
                          {QStringLiteral("state"), r.state},
                          {QStringLiteral("comment"), r.comment},
                          {QStringLiteral("receivedAt"), sync::utcTimestamp(r.receivedAt)}};
            if (r.reviewedAt.isValid())
                o.insert(QStringLiteral("reviewedAt"), sync::utcTimestamp(r.reviewedAt));
            revisions.append(o);
        }
        return json(200, compact({{QStringLiteral("report"), view->report.uuid},
                                  {QStringLiteral("municipality"), view->report.municipality},
                                  {QStringLiteral("program"), view->report.program},
                                  {QStringLiteral("period"), view->report.period},
                                  {QStringLiteral("revisions"), revisions}}));
    }

    case Route::Revisions: {
        qint64 since = 0;
        qint64 limit = 0;
        if (!parseCursor(request.query, &since, &limit))
            return failure(400, QStringLiteral("bad_request"),
                           QCoreApplication::translate(
                               "HubServer", "“since” and “limit” must be whole numbers (limit at least 1)."));
        auto pulled = m_hub.pullRevisions(scope, since, int(limit));
        if (!pulled)
            return failure(pulled.error());
        QJsonArray list;
        qint64 next = since;
        for (const PulledRevision &p : std::as_const(pulled.value())) {
            QJsonObject o{{QStringLiteral("cursor"), double(p.cursor)},
                          {QStringLiteral("report"), p.report.uuid},
                          {QStringLiteral("municipality"), p.report.municipality},
                          {QStringLiteral("program"), p.report.program},
                          {QStringLiteral("period"), p.report.period},
                          {QStringLiteral("revision"), p.revision.revision},
                          {QStringLiteral("hubId"), p.revision.hubId},
                          {QStringLiteral("manifestSha256"), p.revision.manifestSha256},
                          {QStringLiteral("state"), p.revision.state},
                          {QStringLiteral("comment"), p.revision.comment},
                          {QStringLiteral("receivedAt"), sync::utcTimestamp(p.revision.receivedAt)}};
            if (p.revision.reviewedAt.isValid())
                o.insert(QStringLiteral("reviewedAt"), sync::utcTimestamp(p.revision.reviewedAt));
            list.append(o);
            next = p.cursor;
        }
        return json(200, compact({{QStringLiteral("revisions"), list}, {QStringLiteral("next"), double(next)}}));
    }

    case Route::Status: {
        qint64 since = 0;
        qint64 limit = 0;
        if (!parseCursor(request.query, &since, &limit))
            return failure(400, QStringLiteral("bad_request"),
                           QCoreApplication::translate(
                               "HubServer", "“since” and “limit” must be whole numbers (limit at least 1)."));
        auto page = m_hub.status(scope, since, int(limit));
        if (!page)
            return failure(page.error());
        return json(200, sync::encode(page.value()));
    }

    case Route::Partner: {
        if (request.method == kDelete) {
            auto erased = m_hub.erasePartner(scope, segments[1]);
            if (!erased)
                return failure(erased.error());
            return json(
                200, compact({{QStringLiteral("partner"), erased->uuid}, {QStringLiteral("deleted"), true}}));
        }
        if (!sync::isUuid(segments[1]))
            return failure(
                400, QStringLiteral("bad_request"),
                QCoreApplication::translate("HubServer", "The address must name a partner (UUID)."));
        auto saved = m_hub.putPartner(scope, segments[1], body);
        if (!saved)
            return failure(saved.error());
        return json(200, compact({{QStringLiteral("partner"), saved->uuid},
                                  {QStringLiteral("updatedAt"), sync::utcTimestamp(saved->updatedAt)},
                                  {QStringLiteral("applied"), saved->applied}}));
    }

    case Route::Token: {
        auto rotated = m_hub.rotateToken(token);
        if (!rotated)
            return failure(rotated.error());
        QJsonObject o = QJsonDocument::fromJson(sync::encode(rotated->response)).object();
        o.insert(QStringLiteral("previousValidUntil"), sync::utcTimestamp(rotated->previousValidUntil));
        return json(201, compact(o));
    }

    case Route::None:
    case Route::Enroll:
        break;
    }
    return failure(Hub::notFound());
}

} // namespace mobiliza::hub
