#include "sync/hub/hub_server.h"

#include "sync/hub/hub_secrets.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <limits>

namespace mobiliza::hub {

namespace {

using Method = QHttpServerRequest::Method;

QString methodName(Method m)
{
    switch (m) {
    case Method::Get:
        return QStringLiteral("GET");
    case Method::Put:
        return QStringLiteral("PUT");
    case Method::Delete:
        return QStringLiteral("DELETE");
    case Method::Post:
        return QStringLiteral("POST");
    case Method::Head:
        return QStringLiteral("HEAD");
    case Method::Options:
        return QStringLiteral("OPTIONS");
    case Method::Patch:
        return QStringLiteral("PATCH");
    case Method::Connect:
        return QStringLiteral("CONNECT");
    case Method::Trace:
        return QStringLiteral("TRACE");
    default:
        return QStringLiteral("OTHER");
    }
}

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

} // namespace

HubServer::HubServer(Hub &hub, ServerOptions options, QObject *parent)
    : QObject(parent), m_hub(hub), m_options(std::move(options)), m_server(std::make_unique<QHttpServer>()),
      m_tokenLimiter(m_options.tokenRatePerSecond, m_options.tokenBurst),
      m_enrollLimiter(m_options.enrollPerMinute / 60.0, m_options.enrollBurst),
      m_log(m_options.accessLogPath, m_options.accessLogToStderr)
{
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        dispatch(request, std::move(responder));
    });
}

HubServer::~HubServer() = default;

quint16 HubServer::listen(const QHostAddress &address, quint16 port)
{
    m_port = m_server->listen(address, port);
    return m_port;
}

HubServer::Reply HubServer::json(int status, const QByteArray &body)
{
    return Reply{status, body, {}};
}

HubServer::Reply HubServer::failure(const HubError &error)
{
    return Reply{error.status, sync::encode(error.body), {}};
}

HubServer::Reply HubServer::failure(int status, const QString &code, const QString &message)
{
    return failure(Hub::error(status, code, message));
}

QString HubServer::remoteAddress(const QHttpServerRequest &request) const
{
    QHostAddress peer = request.remoteAddress();
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4);
    if (isV4)
        peer = QHostAddress(v4);
    if (m_options.trustProxy && peer.isLoopback()) {
        const QByteArray forwarded = request.value("X-Forwarded-For");
        if (!forwarded.isEmpty()) {
            const QString last = QString::fromLatin1(forwarded.split(',').constLast()).trimmed();
            QHostAddress client;
            if (client.setAddress(last))
                return client.toString();
        }
    }
    return peer.toString();
}

void HubServer::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    QElapsedTimer timer;
    timer.start();
    QString tokenId;
    Reply reply = handle(request, &tokenId);

    const bool head = request.method() == Method::Head;
    QHttpServerResponse response(QByteArrayLiteral("application/json"), head ? QByteArray() : reply.body,
                                 QHttpServerResponse::StatusCode(reply.status));
    response.setHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    for (const auto &h : std::as_const(reply.headers))
        response.setHeader(h.first, h.second);
    response.write(std::move(responder));

    AccessLogEntry entry;
    entry.time = m_hub.now();
    entry.method = methodName(request.method());
    entry.path = request.url().path();
    entry.status = reply.status;
    entry.bytesIn = request.body().size();
    entry.bytesOut = head ? 0 : reply.body.size();
    entry.durationMs = timer.elapsed();
    entry.tokenId = tokenId;
    entry.remote = remoteAddress(request);
    m_log.write(entry);
}

HubServer::Reply HubServer::handle(const QHttpServerRequest &request, QString *tokenId)
{
    const sync::Limits &limits = m_hub.options().limits;

    // ---- route
    const QString path = request.url().path();
    const QString prefix = sync::apiPrefix() + QLatin1Char('/');
    Route route = Route::None;
    QList<Method> allowed;
    qint64 maxBody = limits.maxJsonBytes;
    QStringList segments;
    if (path.startsWith(prefix)) {
        segments = path.mid(prefix.size()).split(QLatin1Char('/'));
        const qsizetype n = segments.size();
        const QString first = segments.value(0);
        if (n == 1 && first == QLatin1String("preflight")) {
            route = Route::Preflight;
            allowed = {Method::Get};
        } else if (n == 1 && first == QLatin1String("enroll")) {
            route = Route::Enroll;
            allowed = {Method::Post};
        } else if (n == 2 && first == QLatin1String("blobs") && segments[1] == QLatin1String("missing")) {
            route = Route::BlobsMissing;
            allowed = {Method::Post};
        } else if (n == 2 && first == QLatin1String("blobs") && !segments[1].isEmpty()) {
            route = Route::Blob;
            allowed = {Method::Put};
            maxBody = limits.maxBlobBytes;
        } else if (n == 2 && first == QLatin1String("reports") && !segments[1].isEmpty()) {
            route = Route::Report;
            allowed = {Method::Get};
        } else if (n == 4 && first == QLatin1String("reports") && !segments[1].isEmpty() &&
                   segments[2] == QLatin1String("revisions") && !segments[3].isEmpty()) {
            route = Route::Revision;
            allowed = {Method::Put};
            maxBody = limits.maxManifestBytes;
        } else if (n == 1 && first == QLatin1String("status")) {
            route = Route::Status;
            allowed = {Method::Get};
        } else if (n == 2 && first == QLatin1String("partners") && !segments[1].isEmpty()) {
            route = Route::Partner;
            allowed = {Method::Put, Method::Delete};
        }
    }
    if (route == Route::None)
        return failure(Hub::notFound());

    // ---- method
    if (!allowed.contains(request.method())) {
        QStringList names;
        for (Method m : std::as_const(allowed))
            names << methodName(m);
        Reply r = failure(
            405, QStringLiteral("method_not_allowed"),
            QCoreApplication::translate("HubServer", "This address does not accept this kind of request."));
        r.headers << qMakePair(QByteArrayLiteral("Allow"), names.join(QStringLiteral(", ")).toLatin1());
        return r;
    }

    // ---- size, before anything is parsed
    const QByteArray body = request.body();
    if (body.size() > maxBody)
        return failure(413, QStringLiteral("too_large"),
                       QCoreApplication::translate(
                           "HubServer",
                           "The request is larger than the hub accepts (%1 bytes at most for this address).")
                           .arg(maxBody));
    const Method method = request.method();
    if ((method == Method::Get || method == Method::Delete) && !body.isEmpty())
        return failure(400, QStringLiteral("bad_request"),
                       QCoreApplication::translate("HubServer", "This request takes no body."));

    // ---- enrollment: no token yet; limited per address
    if (route == Route::Enroll) {
        int retryAfter = 0;
        if (!m_enrollLimiter.take(remoteAddress(request), &retryAfter)) {
            Reply r =
                failure(429, QStringLiteral("rate_limited"),
                        QCoreApplication::translate(
                            "HubServer",
                            "Too many enrollment attempts from this address. Wait a minute and try again."));
            r.headers << qMakePair(QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfter));
            return r;
        }
        auto decoded = sync::decodeEnrollRequest(body);
        if (!decoded)
            return failure(400, QStringLiteral("bad_request"), decoded.error().message);
        auto enrolled = m_hub.enroll(decoded.value());
        if (!enrolled)
            return failure(enrolled.error());
        *tokenId = secrets::tokenIdFromHash(secrets::tokenHash(enrolled->token));
        return json(201, sync::encode(enrolled.value()));
    }

    // ---- token
    const QByteArray authorization = request.value("Authorization").trimmed();
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
    *tokenId = authenticated->id;

    // ---- rate limit per token
    int retryAfter = 0;
    if (!m_tokenLimiter.take(authenticated->id, &retryAfter)) {
        Reply r = failure(
            429, QStringLiteral("rate_limited"),
            QCoreApplication::translate(
                "HubServer", "Too many requests from this installation. Mobiliza will try again shortly."));
        r.headers << qMakePair(QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfter));
        return r;
    }
    return handleAuthenticated(route, segments, request, authenticated.value());
}

HubServer::Reply HubServer::handleAuthenticated(Route route, const QStringList &segments,
                                                const QHttpServerRequest &request, const TokenRecord &token)
{
    const QByteArray body = request.body();
    const sync::Scope &scope = token.scope;
    switch (route) {
    case Route::Preflight:
        return json(200, sync::encode(m_hub.preflight(token)));

    case Route::BlobsMissing: {
        auto names = sync::decodeMissingQuery(body, m_hub.options().limits.maxMissingQuery);
        if (!names)
            return failure(400, QStringLiteral("bad_request"), names.error().message);
        auto missing = m_hub.missingBlobs(names.value());
        if (!missing)
            return failure(missing.error());
        return json(200, sync::encodeMissingAnswer(missing.value()));
    }

    case Route::Blob: {
        auto stored = m_hub.putBlob(segments[1], body);
        if (!stored)
            return failure(stored.error());
        return json(stored->created ? 201 : 200, compact({{QStringLiteral("sha256"), stored->sha256},
                                                          {QStringLiteral("bytes"), double(stored->bytes)}}));
    }

    case Route::Revision: {
        const QString uuid = segments[1];
        qint64 revision = 0;
        if (!sync::isUuid(uuid) || !parseCount(segments[3], 0, 100000, &revision) || revision < 1)
            return failure(400, QStringLiteral("bad_request"),
                           QCoreApplication::translate(
                               "HubServer", "The address must name a report (UUID) and a revision number."));
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

    case Route::Status: {
        const QUrlQuery query(request.url());
        qint64 since = 0;
        qint64 limit = 0;
        if (!parseCount(query.queryItemValue(QStringLiteral("since")), 0,
                        std::numeric_limits<qint64>::max() / 2, &since) ||
            !parseCount(query.queryItemValue(QStringLiteral("limit")), 200, 1000000, &limit) || limit < 1)
            return failure(400, QStringLiteral("bad_request"),
                           QCoreApplication::translate(
                               "HubServer", "“since” and “limit” must be whole numbers (limit at least 1)."));
        auto page = m_hub.status(scope, since, int(limit));
        if (!page)
            return failure(page.error());
        return json(200, sync::encode(page.value()));
    }

    case Route::Partner: {
        if (request.method() == Method::Delete) {
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

    case Route::None:
    case Route::Enroll:
        break;
    }
    return failure(Hub::notFound());
}

} // namespace mobiliza::hub
