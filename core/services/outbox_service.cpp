#include "core/services/outbox_service.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/notifier.h"
#include "core/store/database.h"
#include "core/store/sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <cmath>
namespace mobiliza::core {

namespace {

const QString kSelectItems = QStringLiteral(
    "SELECT o.uuid, o.revision_uuid, v.report_uuid, r.municipality, r.period, v.revision, r.state, "
    "r.revision, o.state, o.attempts, o.next_attempt_at, o.last_error, o.hub_id, o.hub_received_at, "
    "o.hub_sha256, v.sha256, v.snapshot_json, o.created_at, o.updated_at "
    "FROM outbox o JOIN report_revisions v ON v.uuid = o.revision_uuid "
    "JOIN reports r ON r.uuid = v.report_uuid");

OutboxError errorFromText(const QString &text)
{
    OutboxError error;
    if (text.isEmpty())
        return error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (!doc.isObject()) { // written by ReportService::applyEvent(SendFailed, comment)
        error.code = QStringLiteral("error");
        error.message = text;
        return error;
    }
    const QJsonObject o = doc.object();
    error.code = o.value(QStringLiteral("code")).toString();
    error.message = o.value(QStringLiteral("message")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        error.findings << Finding{
            f.value(QStringLiteral("path")).toString(),
            f.value(QStringLiteral("severity")).toString() == QLatin1String("warning") ? Severity::Warning
                                                                                       : Severity::Error,
            f.value(QStringLiteral("code")).toString(), f.value(QStringLiteral("message")).toString()};
    }
    return error;
}

// The photos a locked manifest names and their sizes: parsed once per revision (a
// locked manifest never changes), so listing the outbox again — the Synchronization
// page does at every step of a pass — does not parse every manifest ever concluded.
OutboxManifestSummary summarize(const QByteArray &manifest)
{
    OutboxManifestSummary s;
    s.manifestBytes = manifest.size();
    s.bytes = s.manifestBytes;
    QSet<QString> seen;
    const QJsonObject root = QJsonDocument::fromJson(manifest).object();
    for (const QJsonValue &a : root.value(QStringLiteral("actions")).toArray()) {
        for (const QJsonValue &p : a.toObject().value(QStringLiteral("photos")).toArray()) {
            const QJsonObject photo = p.toObject();
            const QString sha = photo.value(QStringLiteral("sha256")).toString();
            if (sha.isEmpty() || seen.contains(sha))
                continue;
            seen.insert(sha);
            const qint64 bytes = qint64(photo.value(QStringLiteral("bytes")).toDouble());
            s.blobs << OutboxBlob{sha, bytes};
            s.bytes += bytes;
        }
    }
    return s;
}

OutboxItem itemFromRow(const QSqlQuery &q, QHash<QString, OutboxManifestSummary> &cache)
{
    OutboxItem item;
    item.uuid = q.value(0).toString();
    item.revisionUuid = q.value(1).toString();
    item.reportUuid = q.value(2).toString();
    item.municipality = q.value(3).toString();
    item.period = Period::fromKey(q.value(4).toString());
    item.revision = q.value(5).toInt();
    reportStateFromKey(q.value(6).toString(), &item.reportState);
    item.reportRevision = q.value(7).toInt();
    outboxStateFromKey(q.value(8).toString(), &item.state);
    item.attempts = q.value(9).toInt();
    item.nextAttemptAt = parseStoreTimestamp(q.value(10).toString());
    item.lastError = errorFromText(q.value(11).toString());
    item.receipt.hubId = q.value(12).toString();
    item.receipt.receivedAt = parseStoreTimestamp(q.value(13).toString());
    item.receipt.manifestSha256 = q.value(14).toString();
    item.manifestSha256 = q.value(15).toString();
    auto cached = cache.constFind(item.revisionUuid);
    if (cached == cache.constEnd())
        cached = cache.insert(item.revisionUuid, summarize(q.value(16).toString().toUtf8()));
    item.manifestBytes = cached->manifestBytes;
    item.bytes = cached->bytes;
    item.blobs = cached->blobs;
    item.createdAt = parseStoreTimestamp(q.value(17).toString());
    item.updatedAt = parseStoreTimestamp(q.value(18).toString());
    return item;
}

Error notFound()
{
    return Error{QStringLiteral("not_found"),
                 QCoreApplication::translate("OutboxService",
                                             "This item is no longer in the outbox (the report may have been "
                                             "withdrawn). Reload the Synchronization page.")};
}

} // namespace

QString outboxStateKey(OutboxState state)
{
    switch (state) {
    case OutboxState::Queued:
        return QStringLiteral("queued");
    case OutboxState::Sending:
        return QStringLiteral("sending");
    case OutboxState::Received:
        return QStringLiteral("received");
    case OutboxState::Rejected:
        return QStringLiteral("rejected");
    case OutboxState::Held:
        return QStringLiteral("held");
    }
    return {};
}

bool outboxStateFromKey(const QString &key, OutboxState *out)
{
    for (OutboxState s : {OutboxState::Queued, OutboxState::Sending, OutboxState::Received,
                          OutboxState::Rejected, OutboxState::Held}) {
        if (outboxStateKey(s) == key) {
            if (out)
                *out = s;
            return true;
        }
    }
    return false;
}

OutboxService::OutboxService(Database &database, Notifier &notifier, const Clock &clock, AuditTrail &audit,
                             std::function<double()> random01)
    : m_database(database), m_notifier(notifier), m_clock(clock), m_audit(audit),
      m_random(std::move(random01))
{
    if (!m_random)
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
}

qint64 OutboxService::backoffSeconds(int failedAttempts, double random01)
{
    const int n = std::max(1, failedAttempts);
    // 30 · 2^(n-1) without overflow: the cap is reached at n = 8.
    const double base =
        n >= 12 ? double(kBackoffCapSeconds)
                : std::min(double(kBackoffBaseSeconds) * std::pow(2.0, n - 1), double(kBackoffCapSeconds));
    const double r = std::clamp(random01, 0.0, 1.0);
    const double factor = 1.0 + kJitter * (2.0 * r - 1.0);
    return std::max<qint64>(1, qint64(std::llround(base * factor)));
}

// ------------------------------------------------------------------ reading

Result<QList<OutboxItem>> OutboxService::items() const
{
    QList<OutboxItem> list;
    auto q =
        runSql(m_database.db(), kSelectItems + QStringLiteral(" ORDER BY r.period DESC, v.revision DESC"));
    if (!q)
        return q.error();
    while (q.value().next())
        list << itemFromRow(q.value(), m_manifests);
    return list;
}

Result<OutboxItem> OutboxService::item(const QString &uuid) const
{
    auto q = runSql(m_database.db(), kSelectItems + QStringLiteral(" WHERE o.uuid = ?"), {uuid});
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFound();
    return itemFromRow(q.value(), m_manifests);
}

QList<OutboxItem> OutboxService::queuedItems() const
{
    QList<OutboxItem> queued;
    auto q =
        runSql(m_database.db(),
               kSelectItems + QStringLiteral(" WHERE o.state = 'queued' ORDER BY o.created_at, r.period"));
    if (!q)
        return queued;
    while (q.value().next())
        queued << itemFromRow(q.value(), m_manifests);
    return queued;
}

QList<OutboxItem> OutboxService::dueItems(const QDateTime &now) const
{
    QList<OutboxItem> due = queuedItems();
    due.removeIf(
        [&](const OutboxItem &item) { return item.nextAttemptAt.isValid() && now < item.nextAttemptAt; });
    return due;
}

bool OutboxService::hasDue(const QDateTime &now) const
{
    // Store timestamps are fixed-width UTC ISO 8601: text order is time order.
    auto n = scalarSql(m_database.db(),
                       QStringLiteral("SELECT count(*) FROM outbox WHERE state = 'queued' AND "
                                      "(next_attempt_at IS NULL OR next_attempt_at <= ?)"),
                       {storeTimestamp(now)});
    return n && n.value().toInt() > 0;
}

std::optional<QDateTime> OutboxService::nextAttemptAt() const
{
    std::optional<QDateTime> earliest;
    auto q =
        runSql(m_database.db(), QStringLiteral("SELECT next_attempt_at FROM outbox WHERE state = 'queued'"));
    if (!q)
        return earliest;
    while (q.value().next()) {
        QDateTime t = parseStoreTimestamp(q.value().value(0).toString());
        if (!t.isValid())
            t = m_clock.now();
        if (!earliest || t < *earliest)
            earliest = t;
    }
    return earliest;
}

qint64 OutboxService::bytesPending() const
{
    qint64 total = 0;
    const auto all = items();
    if (!all)
        return 0;
    for (const OutboxItem &item : all.value())
        if (item.state == OutboxState::Queued || item.state == OutboxState::Sending)
            total += item.bytes;
    return total;
}

int OutboxService::count(OutboxState state) const
{
    auto n = scalarSql(m_database.db(), QStringLiteral("SELECT count(*) FROM outbox WHERE state = ?"),
                       {outboxStateKey(state)});
    return n ? n.value().toInt() : 0;
}

Result<QByteArray> OutboxService::manifest(const QString &uuid) const
{
    auto v = scalarSql(m_database.db(),
                       QStringLiteral("SELECT v.snapshot_json FROM outbox o JOIN report_revisions v "
                                      "ON v.uuid = o.revision_uuid WHERE o.uuid = ?"),
                       {uuid});
    if (!v)
        return v.error();
    if (!v.value().isValid())
        return notFound();
    return v.value().toString().toUtf8();
}

} // namespace mobiliza::core
