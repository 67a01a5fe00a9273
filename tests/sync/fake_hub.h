// A small in-memory hub speaking docs/protocol.md over FakeHttpServer, with a
// hook to inject faults per request (cut connections, 413, 422, captive
// portal…). The real hub is exercised by test_sync_hub.cpp.
#pragma once

#include "tests/sync/sync_fixture.h"

#include "core/services/blob_store.h"
#include "sync/protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <optional>

namespace mobiliza::test {

// The hub's (or nginx's) 429 with a Retry-After of `seconds`.
inline CannedResponse rateLimited(int seconds)
{
    sync::ErrorBody e;
    e.code = QStringLiteral("rate_limited");
    e.message = QStringLiteral("Muitas solicitações seguidas.");
    return CannedResponse::http(429, sync::encode(e), "application/json",
                                {"Retry-After: " + QByteArray::number(seconds)});
}

class FakeHub
{
public:
    using Fault = std::function<std::optional<CannedResponse>(const SeenRequest &)>;

    QString municipality = QStringLiteral("3106200");
    // The scope's program and state (an apoiador's: "apoio_cosems", "BA"); empty: SES-MG's.
    QString program;
    QString uf;
    QString token = QStringLiteral("tok_0123456789abcdefghijklmnopqrstuvwxyz");
    QSet<QString> blobs;
    QHash<QString, QString> revisions; // "report/revision" → manifest sha
    QList<sync::StatusEvent> events;
    QHash<QString, QByteArray> partners;
    QStringList erased;
    Fault fault;
    FakeHttpServer server{[this](const SeenRequest &r) { return answer(r); }};

    QString url() const { return server.url(); }

    int count(const QByteArray &method, const QByteArray &pathPrefix) const
    {
        int n = 0;
        for (const SeenRequest &r : server.requests())
            if (r.method == method && r.path.startsWith(pathPrefix))
                ++n;
        return n;
    }

private:
    static QByteArray error(const QString &code, const QStringList &missing = {})
    {
        sync::ErrorBody e;
        e.code = code;
        e.message = code;
        e.missing = missing;
        return sync::encode(e);
    }

    CannedResponse answer(const SeenRequest &r)
    {
        if (fault)
            if (auto f = fault(r))
                return *f;
        const QString path = QString::fromUtf8(r.path);
        if (path == QLatin1String("/api/v1/enroll")) {
            auto request = sync::decodeEnrollRequest(r.body);
            if (!request || request->code != QLatin1String("GOOD-CODE"))
                return CannedResponse::http(401, error(QStringLiteral("invalid_code")));
            sync::EnrollResponse e;
            e.token = token;
            e.scope.municipality = municipality;
            e.scope.program = program;
            e.scope.uf = uf;
            e.hub = {QStringLiteral("urs-bh"), QStringLiteral("URS Belo Horizonte")};
            return CannedResponse::http(201, sync::encode(e));
        }
        if (r.headers.value("authorization") != "Bearer " + token.toUtf8())
            return CannedResponse::http(401, error(QStringLiteral("unauthorized")));
        if (path == QLatin1String("/api/v1/preflight")) {
            sync::Preflight p;
            p.service = QString::fromLatin1(sync::kServiceName);
            p.protocol = sync::kProtocolVersion;
            p.hub = {QStringLiteral("urs-bh"), QStringLiteral("URS Belo Horizonte")};
            p.scope.municipality = municipality;
            p.scope.program = program;
            p.scope.uf = uf;
            p.time = QDateTime::currentDateTimeUtc();
            return CannedResponse::http(200, sync::encode(p));
        }
        if (path == QLatin1String("/api/v1/blobs/missing")) {
            auto asked = sync::decodeMissingQuery(r.body, 5000);
            QStringList missing;
            for (const QString &sha : asked.value())
                if (!blobs.contains(sha))
                    missing << sha;
            return CannedResponse::http(200, sync::encodeMissingAnswer(missing));
        }
        if (path.startsWith(QLatin1String("/api/v1/blobs/"))) {
            const QString sha = path.mid(14);
            if (core::BlobStore::sha256Hex(r.body) != sha)
                return CannedResponse::http(422, error(QStringLiteral("hash_mismatch")));
            const bool created = !blobs.contains(sha);
            blobs.insert(sha);
            return CannedResponse::http(created ? 201 : 200,
                                        "{\"sha256\":\"" + sha.toUtf8() +
                                            "\",\"bytes\":" + QByteArray::number(r.body.size()) + "}");
        }
        static const QRegularExpression revision(
            QStringLiteral("^/api/v1/reports/([0-9a-f-]{36})/revisions/(\\d+)$"));
        if (auto m = revision.match(path); m.hasMatch()) {
            QStringList missing;
            const QJsonObject manifest = QJsonDocument::fromJson(r.body).object();
            for (const QJsonValue &a : manifest.value(QStringLiteral("actions")).toArray())
                for (const QJsonValue &p : a.toObject().value(QStringLiteral("photos")).toArray()) {
                    const QString sha = p.toObject().value(QStringLiteral("sha256")).toString();
                    if (!blobs.contains(sha))
                        missing << sha;
                }
            if (!missing.isEmpty())
                return CannedResponse::http(409, error(QStringLiteral("missing_blobs"), missing));
            const QString key = m.captured(1) + QLatin1Char('/') + m.captured(2);
            const QString sha = core::BlobStore::sha256Hex(r.body);
            int status = 201;
            if (revisions.contains(key)) {
                if (revisions.value(key) != sha)
                    return CannedResponse::http(409, error(QStringLiteral("revision_conflict")));
                status = 200;
            }
            revisions.insert(key, sha);
            sync::Receipt receipt{QStringLiteral("r-%1").arg(revisions.size()),
                                  m.captured(1),
                                  m.captured(2).toInt(),
                                  sha,
                                  QDateTime(QDate(2026, 11, 22), QTime(14, 0, 3), Qt::UTC),
                                  QStringLiteral("received")};
            return CannedResponse::http(status, sync::encode(receipt));
        }
        if (path.startsWith(QLatin1String("/api/v1/status"))) {
            qint64 since = 0;
            const int q = path.indexOf(QLatin1String("since="));
            if (q >= 0)
                since = path.mid(q + 6).section(QLatin1Char('&'), 0, 0).toLongLong();
            sync::StatusPage page;
            page.next = since;
            for (const sync::StatusEvent &e : events)
                if (e.cursor > since) {
                    page.events << e;
                    page.next = e.cursor;
                }
            return CannedResponse::http(200, sync::encode(page));
        }
        if (path.startsWith(QLatin1String("/api/v1/partners/"))) {
            const QString uuid = path.mid(17);
            if (r.method == "DELETE") {
                partners.remove(uuid);
                erased << uuid;
            } else {
                partners.insert(uuid, r.body);
            }
            return CannedResponse::http(200, "{\"partner\":\"" + uuid.toUtf8() + "\",\"applied\":true}");
        }
        return CannedResponse::http(404, error(QStringLiteral("not_found")));
    }
};

} // namespace mobiliza::test
