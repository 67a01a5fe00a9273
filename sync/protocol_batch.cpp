#include "sync/protocol_batch.h"

#include "sync/protocol.h"
#include "sync/protocol_wire.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace mobiliza::sync {

using core::Error;
using core::Result;

namespace {

// A batch the hub cannot read (a client's bug or a hostile body): 400 bad_request.
Error batchError(const QString &what)
{
    return Error{QStringLiteral("protocol"),
                 QCoreApplication::translate("Protocol",
                                             "The batch is not valid (%1). Update Mobiliza and send it again.")
                     .arg(what)};
}

bool readInt(const QJsonValue &v, int min, int max, int *out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < min || d > max)
        return false;
    *out = int(d);
    return true;
}

bool isPeriod(const QString &s) // a month, or a quadrimestre ("2026-Q2"), as core::Period writes it
{
    const core::Period p = core::Period::fromKey(s);
    return p.isValid() && p.key() == s && s.startsWith(QLatin1String("20"));
}

QJsonObject receiptObject(const BatchReceipt &r)
{
    return QJsonObject{{QStringLiteral("batch"), r.batch},
                       {QStringLiteral("hubId"), r.hubId},
                       {QStringLiteral("count"), r.count},
                       {QStringLiteral("receivedAt"), utcTimestamp(r.receivedAt)}};
}

Result<BatchReceipt> receiptFrom(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    BatchReceipt r;
    r.batch = o.value(QStringLiteral("batch")).toString();
    r.hubId = o.value(QStringLiteral("hubId")).toString();
    r.receivedAt = wire::time(o.value(QStringLiteral("receivedAt")));
    if (!v.isObject() || !isUuid(r.batch) || r.hubId.isEmpty() || r.hubId.size() > 40 ||
        !readInt(o.value(QStringLiteral("count")), 0, kMaxBatchRevisions, &r.count) || !r.receivedAt.isValid())
        return wire::answerError(QStringLiteral("batch receipt"));
    return r;
}

} // namespace

QByteArray encode(const Batch &b)
{
    QJsonArray revisions;
    for (const BatchRevision &r : b.revisions)
        revisions.append(QJsonObject{{QStringLiteral("report"), r.report},
                                     {QStringLiteral("revision"), r.revision},
                                     {QStringLiteral("manifestSha256"), r.manifestSha256}});
    return QJsonDocument(QJsonObject{{QStringLiteral("batch"), b.uuid},
                                     {QStringLiteral("urs"), b.urs},
                                     {QStringLiteral("period"), b.period},
                                     {QStringLiteral("createdAt"), utcTimestamp(b.createdAt)},
                                     {QStringLiteral("createdBy"), b.createdBy},
                                     {QStringLiteral("revisions"), revisions}})
        .toJson(QJsonDocument::Compact);
}

Result<Batch> decodeBatch(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return batchError(QStringLiteral("JSON"));
    const QJsonObject o = doc.object();
    Batch b;
    b.uuid = o.value(QStringLiteral("batch")).toString();
    if (!isUuid(b.uuid))
        return batchError(QStringLiteral("batch"));
    const auto text = [&](const char *key, QString *out) {
        const QJsonValue v = o.value(QLatin1String(key));
        *out = v.toString().trimmed();
        return v.isString() && !out->isEmpty() && out->size() <= kMaxBatchTextChars;
    };
    if (!text("urs", &b.urs))
        return batchError(QStringLiteral("urs"));
    if (!text("createdBy", &b.createdBy))
        return batchError(QStringLiteral("createdBy"));
    b.period = o.value(QStringLiteral("period")).toString();
    if (!isPeriod(b.period))
        return batchError(QStringLiteral("period"));
    b.createdAt = wire::time(o.value(QStringLiteral("createdAt")));
    if (!b.createdAt.isValid())
        return batchError(QStringLiteral("createdAt"));
    const QJsonValue list = o.value(QStringLiteral("revisions"));
    if (!list.isArray() || list.toArray().isEmpty() || list.toArray().size() > kMaxBatchRevisions)
        return batchError(QStringLiteral("revisions"));
    QSet<QString> reports;
    for (const QJsonValue &v : list.toArray()) {
        const QJsonObject e = v.toObject();
        BatchRevision r;
        r.report = e.value(QStringLiteral("report")).toString();
        r.manifestSha256 = e.value(QStringLiteral("manifestSha256")).toString();
        if (!v.isObject() || !isUuid(r.report) || !isSha256Hex(r.manifestSha256) ||
            !readInt(e.value(QStringLiteral("revision")), 1, 100000, &r.revision))
            return batchError(QStringLiteral("revision entry"));
        if (reports.contains(r.report))
            return batchError(QStringLiteral("a report twice"));
        reports.insert(r.report);
        b.revisions << r;
    }
    return b;
}

QByteArray encode(const BatchReceipt &receipt)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("receipt"), receiptObject(receipt)}})
        .toJson(QJsonDocument::Compact);
}

Result<BatchReceipt> decodeBatchReceipt(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return wire::answerError(QStringLiteral("batch receipt"));
    return receiptFrom(doc.object().value(QStringLiteral("receipt")));
}

QByteArray encode(const BatchStatus &status)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("receipt"), receiptObject(status.receipt)},
                                     {QStringLiteral("state"), status.state}})
        .toJson(QJsonDocument::Compact);
}

Result<BatchStatus> decodeBatchStatus(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return wire::answerError(QStringLiteral("batch"));
    auto receipt = receiptFrom(doc.object().value(QStringLiteral("receipt")));
    if (!receipt)
        return receipt.error();
    BatchStatus s{receipt.value(), doc.object().value(QStringLiteral("state")).toString()};
    if (s.state.isEmpty() || s.state.size() > 32)
        return wire::answerError(QStringLiteral("batch state"));
    return s;
}

QJsonArray refusalsToJson(const QList<BatchRefusal> &refused)
{
    QJsonArray out;
    for (const BatchRefusal &r : refused)
        out.append(QJsonObject{{QStringLiteral("report"), r.report},
                               {QStringLiteral("revision"), r.revision},
                               {QStringLiteral("state"), r.state},
                               {QStringLiteral("reason"), r.reason}});
    return out;
}

QList<BatchRefusal> decodeBatchRefused(const QByteArray &errorBody)
{
    QList<BatchRefusal> out;
    const QJsonArray list = QJsonDocument::fromJson(errorBody)
                                .object()
                                .value(QStringLiteral("error"))
                                .toObject()
                                .value(QStringLiteral("refused"))
                                .toArray();
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        BatchRefusal r;
        r.report = o.value(QStringLiteral("report")).toString();
        r.state = o.value(QStringLiteral("state")).toString().left(32);
        r.reason = o.value(QStringLiteral("reason")).toString().left(32);
        if (!isUuid(r.report) || !readInt(o.value(QStringLiteral("revision")), 1, 100000, &r.revision))
            continue;
        out << r;
    }
    return out;
}

} // namespace mobiliza::sync
