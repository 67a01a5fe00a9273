#include "sync/client/hub_client.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

namespace mobiliza::sync {

namespace {

QJsonObject jsonObject(const QByteArray &body, bool *ok)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    *ok = error.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}

bool isSuccess(int status)
{
    return status == 200 || status == 201;
}

} // namespace

HubClient::HubClient(QNetworkAccessManager *network, QObject *parent) : QObject(parent), m_network(network)
{
    m_paceClock.start();
}

HubClient::~HubClient()
{
    // A destroyed client calls nothing back: its callers may be gone too.
    const auto replies = m_inFlight;
    for (const QPointer<QNetworkReply> &reply : replies) {
        if (!reply)
            continue;
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        reply->deleteLater();
    }
}

QUrl HubClient::normalizeUrl(const QString &text)
{
    QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    if (!t.contains(QLatin1String("://")))
        t.prepend(QStringLiteral("https://"));
    QUrl url(t, QUrl::StrictMode);
    if (!url.isValid())
        return {};
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    // Accept an address pasted with the API prefix.
    if (path.endsWith(apiPrefix()))
        path.chop(apiPrefix().size());
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

bool HubClient::isWellFormedHubUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) &&
           url.userInfo().isEmpty();
}

bool HubClient::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback(); // 127.0.0.0/8, ::1
}

bool HubClient::isUnprotectedUrl(const QUrl &url)
{
    return url.scheme() == QLatin1String("http") && !isLoopbackHost(url.host());
}

bool HubClient::insecureHubAllowed()
{
    return qEnvironmentVariable(insecureHubVariable()).trimmed() == QLatin1String("1");
}

bool HubClient::isValidHubUrl(const QUrl &url)
{
    return isWellFormedHubUrl(url) && (!isUnprotectedUrl(url) || insecureHubAllowed());
}

QString HubClient::insecureWarning()
{
    return QCoreApplication::translate(
               "HubClient", "Lab setting on (%1=1): this hub address uses plain http://, so the access key "
                            "and partners' contacts travel unprotected over the network. Use it only on a "
                            "test network, never with real data.")
        .arg(QLatin1String(insecureHubVariable()));
}

QList<QStringList> HubClient::missingBatches(const QStringList &blobs, const Limits &limits)
{
    // {"blobs":["…","…"]}: 12 bytes around the list, each name quoted plus a comma.
    // Names are 64 hex digits (nothing to escape); the size is checked anyway.
    constexpr qint64 kFrame = 12;
    const qint64 headroom = std::max<qint64>(64, limits.maxJsonBytes / 16);
    const qint64 budget = std::max<qint64>(kFrame, limits.maxJsonBytes - headroom);
    const int maxNames = std::max(1, limits.maxMissingQuery);

    QList<QStringList> batches;
    QStringList batch;
    qint64 size = kFrame;
    QSet<QString> seen;
    for (const QString &name : blobs) {
        if (seen.contains(name))
            continue;
        seen.insert(name);
        const qint64 cost = QJsonDocument(QJsonArray{name}).toJson(QJsonDocument::Compact).size() - 2 + 1;
        if (!batch.isEmpty() && (batch.size() >= maxNames || size + cost > budget)) {
            batches << batch;
            batch.clear();
            size = kFrame;
        }
        batch << name; // a batch holds at least one name, even under an absurd limit
        size += cost;
    }
    if (!batch.isEmpty())
        batches << batch;
    return batches;
}

QString HubClient::host() const
{
    return m_base.host();
}

QUrl HubClient::routeUrl(const QString &path) const
{
    QUrl url = m_base;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const int query = path.indexOf(QLatin1Char('?'));
    url.setPath(base + apiPrefix() + (query < 0 ? path : path.left(query)));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    return url;
}

void HubClient::abortAll()
{
    ++m_generation;
    const auto replies = m_inFlight;
    for (const QPointer<QNetworkReply> &reply : replies)
        if (reply)
            reply->abort();
}

void HubClient::send(const QByteArray &verb, const QString &path, const QByteArray &body,
                     const QByteArray &contentType, bool authenticated, Progress progress, Handler handler)
{
    if (isUnprotectedUrl(m_base) && !insecureHubAllowed()) {
        // Not even a connection: the token (and the body) would travel in clear text.
        QTimer::singleShot(0, this, [handler] {
            Response refused;
            refused.refused = true;
            handler(refused);
        });
        return;
    }
    const qint64 wait = nextTurnMs();
    if (wait > 0) {
        ++m_pacedWaiting;
        QTimer::singleShot(wait, this,
                           [this, verb, path, body, contentType, authenticated, progress, handler,
                            generation = m_generation] {
                               --m_pacedWaiting;
                               if (generation != m_generation) { // abortAll() meanwhile
                                   Response aborted;
                                   aborted.aborted = true;
                                   aborted.networkError = int(QNetworkReply::OperationCanceledError);
                                   handler(aborted);
                                   return;
                               }
                               dispatch(verb, path, body, contentType, authenticated, progress, handler);
                           });
        return;
    }
    dispatch(verb, path, body, contentType, authenticated, progress, handler);
}

void HubClient::dispatch(const QByteArray &verb, const QString &path, const QByteArray &body,
                         const QByteArray &contentType, bool authenticated, Progress progress,
                         Handler handler)
{
    QNetworkRequest request(routeUrl(path));
    // Captive portals redirect: a redirect is never the hub.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(0); // our own watchdog below: connect, then progress
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Mobiliza"));
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    if (authenticated)
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());

    QNetworkReply *reply = nullptr;
    if (verb == "GET")
        reply = m_network->get(request);
    else if (verb == "PUT")
        reply = m_network->put(request, body);
    else if (verb == "POST")
        reply = m_network->post(request, body);
    else if (verb == "DELETE")
        reply = m_network->deleteResource(request);
    else
        reply = m_network->sendCustomRequest(request, verb, body);
    m_inFlight << QPointer<QNetworkReply>(reply);

    struct State
    {
        bool timedOut = false;
        qint64 lastSent = 0;
    };
    auto state = std::make_shared<State>();
    auto *watchdog = new QTimer(reply);
    watchdog->setSingleShot(true);
    watchdog->start(m_timeouts.connectMs);
    connect(watchdog, &QTimer::timeout, reply, [reply, state] {
        state->timedOut = true;
        reply->abort();
    });
    const int idle = m_timeouts.idleMs;
    auto alive = [watchdog, idle] { watchdog->start(idle); };
    connect(reply, &QNetworkReply::requestSent, watchdog, alive);
    connect(reply, &QNetworkReply::metaDataChanged, watchdog, alive);
    connect(reply, &QNetworkReply::downloadProgress, watchdog, alive);
    connect(reply, &QNetworkReply::uploadProgress, this,
            [this, alive, progress, state](qint64 sent, qint64 total) {
                if (sent > state->lastSent) {
                    m_bodyBytesSent += sent - state->lastSent;
                    state->lastSent = sent;
                    alive();
                }
                if (progress && total > 0)
                    progress(sent, total);
            });

    connect(reply, &QNetworkReply::finished, this, [this, reply, state, handler] {
        m_inFlight.removeAll(QPointer<QNetworkReply>(reply));
        Response response;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        response.status = status.isValid() ? status.toInt() : 0;
        response.networkError = int(reply->error());
        response.timedOut = state->timedOut;
        response.aborted = reply->error() == QNetworkReply::OperationCanceledError && !state->timedOut;
        response.retryAfter = reply->rawHeader("Retry-After");
        // Bodies we read are small JSON; a huge answer is not the hub.
        if (reply->isOpen())
            response.body = reply->read(4 * 1024 * 1024);
        reply->deleteLater();
        handler(response);
    });
}

// ------------------------------------------------------------------ routes

void HubClient::preflight(Callback<Preflight> done)
{
    send("GET", QStringLiteral("/preflight"), {}, {}, true, {}, [this, done](const Response &r) {
        if (isSuccess(r.status) && r.networkError == 0) {
            auto decoded = decodePreflight(r.body);
            if (decoded) {
                m_features = decoded->features;
                if (decoded->limits.requestsPerSecond > 0)
                    setPace(decoded->limits.requestsPerSecond, decoded->limits.requestBurst);
                return done(decoded.value());
            }
            HubError e = HubError::make(HubError::Kind::NotHub, host(), r.status);
            if (decoded.error().code == QLatin1String("protocol_version")) {
                e.code = decoded.error().code;
                e.message = decoded.error().message;
            }
            return done(e);
        }
        done(errorFor(r, Route::Preflight));
    });
}

void HubClient::enroll(const EnrollRequest &request, Callback<EnrollResponse> done)
{
    send("POST", QStringLiteral("/enroll"), encode(request), "application/json", false, {},
         [this, done](const Response &r) {
             if (isSuccess(r.status) && r.networkError == 0) {
                 auto decoded = decodeEnrollResponse(r.body);
                 if (decoded)
                     return done(decoded.value());
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             done(errorFor(r, Route::Enroll));
         });
}

void HubClient::renewToken(Callback<EnrollResponse> done)
{
    send("POST", QStringLiteral("/token"), {}, "application/json", true, {}, [this, done](const Response &r) {
        if (isSuccess(r.status) && r.networkError == 0) {
            auto decoded = decodeEnrollResponse(r.body);
            if (decoded && !decoded->token.isEmpty())
                return done(decoded.value());
            return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
        }
        done(errorFor(r, Route::Token));
    });
}

void HubClient::missingBlobs(const QStringList &blobs, const Limits &limits, Callback<QStringList> done)
{
    auto batches = std::make_shared<QList<QStringList>>(missingBatches(blobs, limits));
    if (batches->isEmpty()) {
        // Nothing to ask; still answered after the call returned, like every route.
        QTimer::singleShot(0, this, [done] { done(QStringList()); });
        return;
    }
    askMissing(std::move(batches), std::make_shared<QStringList>(), std::move(done));
}

void HubClient::askMissing(std::shared_ptr<QList<QStringList>> batches, std::shared_ptr<QStringList> missing,
                           Callback<QStringList> done)
{
    const QStringList batch = batches->takeFirst();
    const QSet<QString> asked(batch.begin(), batch.end());
    send("POST", QStringLiteral("/blobs/missing"), encodeMissingQuery(batch), "application/json", true, {},
         [this, done, asked, batches, missing](const Response &r) {
             if (isSuccess(r.status) && r.networkError == 0) {
                 auto decoded = decodeMissingAnswer(r.body);
                 bool subset = decoded.ok();
                 if (decoded)
                     for (const QString &sha : decoded.value())
                         subset = subset && asked.contains(sha);
                 if (!subset)
                     return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
                 *missing << decoded.value();
                 if (batches->isEmpty())
                     return done(*missing);
                 return askMissing(batches, missing, done);
             }
             done(errorFor(r, Route::Missing));
         });
}

void HubClient::putBlob(const QString &sha256, const QByteArray &bytes, Progress progress,
                        Callback<BlobStored> done)
{
    const qint64 size = bytes.size();
    send("PUT", QStringLiteral("/blobs/") + sha256, bytes, "image/jpeg", true, std::move(progress),
         [this, done, sha256, size](const Response &r) {
             if (isSuccess(r.status) && r.networkError == 0) {
                 bool ok = false;
                 const QJsonObject o = jsonObject(r.body, &ok);
                 if (ok && o.value(QStringLiteral("sha256")).toString() == sha256 &&
                     qint64(o.value(QStringLiteral("bytes")).toDouble()) == size)
                     return done(BlobStored{sha256, size, r.status == 201});
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             done(errorFor(r, Route::Blob));
         });
}

void HubClient::putManifest(const QString &reportUuid, int revision, const QByteArray &manifest,
                            Progress progress, Callback<Receipt> done)
{
    send("PUT", QStringLiteral("/reports/%1/revisions/%2").arg(reportUuid).arg(revision), manifest,
         "application/json", true, std::move(progress),
         [this, done, reportUuid, revision](const Response &r) {
             if (isSuccess(r.status) && r.networkError == 0) {
                 auto decoded = decodeReceipt(r.body);
                 if (decoded && decoded->report == reportUuid && decoded->revision == revision)
                     return done(decoded.value());
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             done(errorFor(r, Route::Manifest));
         });
}

void HubClient::status(qint64 since, int limit, Callback<StatusPage> done)
{
    QUrlQuery query;
    if (since > 0)
        query.addQueryItem(QStringLiteral("since"), QString::number(since));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    send("GET", QStringLiteral("/status?") + query.toString(QUrl::FullyEncoded), {}, {}, true, {},
         [this, done](const Response &r) {
             if (isSuccess(r.status) && r.networkError == 0) {
                 auto decoded = decodeStatusPage(r.body);
                 if (decoded)
                     return done(decoded.value());
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             done(errorFor(r, Route::Status));
         });
}

void HubClient::putPartner(const core::Partner &partner, Callback<PartnerApplied> done)
{
    const QByteArray body = QJsonDocument(partnerToWire(partner)).toJson(QJsonDocument::Compact);
    const QString uuid = partner.uuid;
    send("PUT", QStringLiteral("/partners/") + uuid, body, "application/json", true, {},
         [this, done, uuid](const Response &r) {
             if (isSuccess(r.status) && r.networkError == 0) {
                 bool ok = false;
                 const QJsonObject o = jsonObject(r.body, &ok);
                 if (ok && o.value(QStringLiteral("partner")).toString() == uuid)
                     return done(PartnerApplied{uuid, o.value(QStringLiteral("applied")).toBool()});
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             done(errorFor(r, Route::Partner));
         });
}

void HubClient::deletePartner(const QString &uuid, Callback<PartnerApplied> done)
{
    send("DELETE", QStringLiteral("/partners/") + uuid, {}, {}, true, {},
         [this, done, uuid](const Response &r) {
             if (isSuccess(r.status) && r.networkError == 0) {
                 bool ok = false;
                 const QJsonObject o = jsonObject(r.body, &ok);
                 if (ok && o.value(QStringLiteral("partner")).toString() == uuid)
                     return done(PartnerApplied{uuid, o.value(QStringLiteral("applied")).toBool()});
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             // Erasing what the hub never had is done.
             if (r.status == 404 && !r.timedOut) {
                 auto error = decodeError(r.body);
                 if (error && error->code == QLatin1String("not_found"))
                     return done(PartnerApplied{uuid, false});
             }
             done(errorFor(r, Route::Partner));
         });
}

} // namespace mobiliza::sync
