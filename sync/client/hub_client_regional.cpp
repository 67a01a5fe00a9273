// The regional desk's calls of HubClient (docs/protocol.md §10): the pull, the
// manifests and photos it names, and review decisions. The same rules as the
// other routes (hub_client.cpp): success only with the expected, verified body.
#include "sync/client/hub_client.h"

#include "core/util/sha256.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <optional>

namespace mobiliza::sync {

namespace {

bool ok(int status, int networkError)
{
    return (status == 200 || status == 201) && networkError == 0;
}

// The hub answered with this status (Qt also reports a 4xx as a "network error"
// of 200 and above — e.g. 409 as ContentConflictError — but the answer is whole).
bool answered(int status, int networkError)
{
    return status > 0 && (networkError == 0 || networkError >= 200);
}

QString sha256Of(const QByteArray &bytes)
{
    return core::Sha256::hex(bytes); // a photo: OpenSSL's SHA-256
}

} // namespace

void HubClient::pullRevisions(qint64 since, int limit, Callback<PullPage> done)
{
    QUrlQuery query;
    if (since > 0)
        query.addQueryItem(QStringLiteral("since"), QString::number(since));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    send("GET", QStringLiteral("/revisions?") + query.toString(QUrl::FullyEncoded), {}, {}, true, {},
         [this, done](const Response &r) {
             m_bodyBytesReceived += r.body.size();
             if (ok(r.status, r.networkError)) {
                 auto decoded = decodePullPage(r.body);
                 if (decoded)
                     return done(decoded.value());
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             done(errorFor(r, Route::Pull));
         });
}

void HubClient::getManifest(const QString &reportUuid, int revision, const QString &expectedSha256,
                            Callback<QByteArray> done)
{
    send("GET", QStringLiteral("/reports/%1/revisions/%2").arg(reportUuid).arg(revision), {}, {}, true, {},
         [this, done, expectedSha256](const Response &r) {
             m_bodyBytesReceived += r.body.size();
             if (ok(r.status, r.networkError)) {
                 if (sha256Of(r.body) == expectedSha256)
                     return done(r.body);
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             done(errorFor(r, Route::Pull));
         });
}

void HubClient::getManifests(const QList<QPair<RevisionRef, QString>> &asked, Callback<ManifestAnswer> done)
{
    QList<RevisionRef> refs;
    for (const auto &a : asked)
        refs << a.first;
    send("POST", QStringLiteral("/revisions/manifests"), encodeManifestQuery(refs), "application/json", true,
         {}, [this, done, asked](const Response &r) {
             m_bodyBytesReceived += r.body.size();
             if (!ok(r.status, r.networkError))
                 return done(errorFor(r, Route::Pull));
             auto decoded = decodeManifestBatch(r.body);
             if (!decoded)
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             auto expected = [&asked](const RevisionRef &ref) -> std::optional<QString> {
                 for (const auto &a : asked)
                     if (a.first == ref)
                         return a.second;
                 return std::nullopt;
             };
             ManifestAnswer answer;
             for (const auto &[ref, bytes] : std::as_const(decoded->manifests)) {
                 const auto sha = expected(ref);
                 if (!sha)
                     return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
                 if (sha256Of(bytes) == *sha)
                     answer.manifests << qMakePair(ref, bytes);
                 else
                     answer.mismatched << ref;
             }
             for (const RevisionRef &ref : std::as_const(decoded->missing)) {
                 if (!expected(ref))
                     return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
                 answer.missing << ref;
             }
             done(answer);
         });
}

void HubClient::getBlob(const QString &sha256, Callback<QByteArray> done)
{
    send("GET", QStringLiteral("/blobs/") + sha256, {}, {}, true, {}, [this, done, sha256](const Response &r) {
        m_bodyBytesReceived += r.body.size();
        if (ok(r.status, r.networkError)) {
            if (sha256Of(r.body) == sha256)
                return done(r.body);
            return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
        }
        done(errorFor(r, Route::Pull));
    });
}

void HubClient::getHistory(const QString &reportUuid, Callback<QList<HistoryEvent>> done)
{
    send("GET", QStringLiteral("/reports/%1/history").arg(reportUuid), {}, {}, true, {}, [this, done](const Response &r) {
        m_bodyBytesReceived += r.body.size();
        if (ok(r.status, r.networkError)) {
            if (auto decoded = decodeHistory(r.body))
                return done(decoded.value());
            return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
        }
        done(errorFor(r, Route::Pull));
    });
}

void HubClient::getUnits(Callback<QList<RosterUnit>> done)
{
    send("GET", QStringLiteral("/units"), {}, {}, true, {}, [this, done](const Response &r) {
        m_bodyBytesReceived += r.body.size();
        if (ok(r.status, r.networkError)) {
            if (auto decoded = decodeRoster(r.body))
                return done(decoded.value());
            return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
        }
        done(errorFor(r, Route::Pull));
    });
}

void HubClient::putDecision(const ReviewDecision &decision, Callback<DecisionAnswer> done)
{
    send("PUT", QStringLiteral("/reviews/") + decision.uuid, encode(decision), "application/json", true, {},
         [this, done, uuid = decision.uuid](const Response &r) {
             m_bodyBytesReceived += r.body.size();
             if (ok(r.status, r.networkError)) {
                 auto decoded = decodeDecisionAnswer(r.body);
                 if (decoded && decoded->decision == uuid)
                     return done(decoded.value());
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             HubError e = errorFor(r, Route::Review);
             if (r.status == 409 && answered(r.status, r.networkError)) {
                 if (auto changed = decodeStateChanged(r.body)) {
                     e.code = QStringLiteral("state_changed");
                     e.currentState = changed->state;
                     e.message = stateChangedMessage(changed.value());
                 } else if (auto body = decodeError(r.body); body && body->code == QLatin1String("decision_conflict")) {
                     e.code = body->code;
                     e.message = QCoreApplication::translate(
                         "HubError", "The hub already has another decision with this identifier. The decision "
                                     "was set aside; make it again.");
                 }
             } else if (r.status == 422 && answered(r.status, r.networkError)) {
                 if (auto body = decodeError(r.body)) {
                     e.code = body->code;
                     if (!body->message.isEmpty())
                         e.message = body->message;
                 }
             }
             done(e);
         });
}

void HubClient::putImport(const QString &packageSha256, const QByteArray &file, Progress progress,
                          Callback<Receipt> done)
{
    send("PUT", QStringLiteral("/imports/") + packageSha256, file, "application/zip", true, std::move(progress),
         [this, done](const Response &r) {
             m_bodyBytesReceived += r.body.size();
             if (ok(r.status, r.networkError)) {
                 auto decoded = decodeReceipt(r.body);
                 if (decoded)
                     return done(decoded.value());
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             HubError e = errorFor(r, Route::Review);
             if ((r.status == 409 || r.status == 422 || r.status == 400) && answered(r.status, r.networkError))
                 if (auto body = decodeError(r.body); body && !body->message.isEmpty()) {
                     e.code = body->code;
                     e.message = body->message;
                 }
             done(e);
         });
}

void HubClient::putBatch(const Batch &batch, Callback<BatchReceipt> done)
{
    send("PUT", QStringLiteral("/batches/") + batch.uuid, encode(batch), "application/json", true, {},
         [this, done, uuid = batch.uuid](const Response &r) {
             m_bodyBytesReceived += r.body.size();
             if (ok(r.status, r.networkError)) {
                 auto decoded = decodeBatchReceipt(r.body);
                 if (decoded && decoded->batch == uuid)
                     return done(decoded.value());
                 return done(HubError::make(HubError::Kind::NotHub, host(), r.status));
             }
             HubError e = errorFor(r, Route::Review);
             if (r.status == 409 && answered(r.status, r.networkError))
                 if (auto body = decodeError(r.body)) {
                     e.code = body->code;
                     QStringList refused;
                     for (const BatchRefusal &x : decodeBatchRefused(r.body))
                         refused << QStringLiteral("%1/%2 (%3)").arg(x.report.left(8)).arg(x.revision).arg(x.reason);
                     e.message = body->code == QLatin1String("batch_refused")
                                     ? QCoreApplication::translate("HubError",
                                                                   "The hub did not take the batch: some reports "
                                                                   "cannot be forwarded (%1). Nothing was forwarded; "
                                                                   "synchronize and make the batch again.")
                                           .arg(refused.join(QStringLiteral(", ")))
                                     : body->message;
                 }
             done(e);
         });
}

void HubClient::getTargets(Callback<core::Targets> done)
{
    send("GET", QStringLiteral("/targets"), {}, {}, true, {}, [this, done](const Response &r) {
        m_bodyBytesReceived += r.body.size();
        if (ok(r.status, r.networkError)) {
            auto decoded = core::Targets::fromJson(r.body);
            if (decoded)
                return done(decoded.value());
            // The hub answered, with targets this version cannot read (a newer schema):
            // told in the pass, never a reason to stop it.
            HubError e = HubError::make(HubError::Kind::Rejected, host(), r.status);
            e.code = decoded.error().code;
            e.message = decoded.error().message;
            return done(e);
        }
        done(errorFor(r, Route::Pull));
    });
}

void HubClient::putTargets(const core::Targets &targets, Callback<int> done)
{
    send("PUT", QStringLiteral("/targets"), targets.toJson(), "application/json", true, {},
         [this, done, revision = targets.revision](const Response &r) {
             m_bodyBytesReceived += r.body.size();
             if (ok(r.status, r.networkError)) {
                 const QJsonObject o = QJsonDocument::fromJson(r.body).object();
                 if (o.value(QLatin1String("revision")).toInt(-1) == revision)
                     return done(revision);
                 // An answer that does not confirm this revision: not published (tried again).
                 return done(HubError::make(HubError::Kind::Rejected, host(), r.status));
             }
             HubError e = errorFor(r, Route::Review);
             if (r.status == 409 && e.code == QLatin1String("stale_targets"))
                 e.message = QCoreApplication::translate(
                     "HubError", "The hub holds newer targets than this edit. Synchronize "
                                 "again: the edit is sent as a newer revision.");
             done(e);
         });
}

} // namespace mobiliza::sync
