#include "core/services/outbox_service.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/notifier.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace mobiliza::core {

namespace {

const QString kStatusCursor = QStringLiteral("sync.status_cursor");
const QString kLastContact = QStringLiteral("sync.last_contact");
const QString kPartnerCursor = QStringLiteral("sync.partner_cursor");

const QString kSelectItems = QStringLiteral(
    "SELECT o.uuid, o.revision_uuid, v.report_uuid, r.municipality, r.period, v.revision, r.state, "
    "r.revision, o.state, o.attempts, o.next_attempt_at, o.last_error, o.hub_id, o.hub_received_at, "
    "o.hub_sha256, v.sha256, v.snapshot_json, o.created_at, o.updated_at "
    "FROM outbox o JOIN report_revisions v ON v.uuid = o.revision_uuid "
    "JOIN reports r ON r.uuid = v.report_uuid");

QString errorToText(const OutboxError &error)
{
    QJsonArray findings;
    for (const Finding &f : error.findings)
        findings.append(QJsonObject{{QStringLiteral("path"), f.path},
                                    {QStringLiteral("severity"),
                                     f.isBlocking() ? QStringLiteral("error") : QStringLiteral("warning")},
                                    {QStringLiteral("code"), f.code},
                                    {QStringLiteral("message"), f.message}});
    QJsonObject o{{QStringLiteral("code"), error.code}, {QStringLiteral("message"), error.message}};
    if (!findings.isEmpty())
        o.insert(QStringLiteral("findings"), findings);
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

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

OutboxItem itemFromRow(const QSqlQuery &q)
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
    const QByteArray manifest = q.value(16).toString().toUtf8();
    item.manifestBytes = manifest.size();
    item.bytes = item.manifestBytes;
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
            item.blobs << OutboxBlob{sha, bytes};
            item.bytes += bytes;
        }
    }
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

Error wrongState(OutboxState state)
{
    return Error{QStringLiteral("invalid_transition"),
                 QCoreApplication::translate(
                     "OutboxService", "This outbox item cannot be changed now (it is \"%1\"). Reload the "
                                      "Synchronization page and try again.")
                     .arg(outboxStateKey(state))};
}

Status upsertSetting(const QSqlDatabase &db, const QString &key, const QString &value)
{
    auto done = execSql(db,
                        QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                        {key, textArg(value)});
    if (!done)
        return done.error();
    return {};
}

QString settingValue(const QSqlDatabase &db, const QString &key)
{
    auto value = scalarSql(db, QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    if (!value || !value.value().isValid())
        return {};
    return value.value().toString();
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

QList<OutboxItem> OutboxService::items() const
{
    QList<OutboxItem> list;
    auto q =
        runSql(m_database.db(), kSelectItems + QStringLiteral(" ORDER BY r.period DESC, v.revision DESC"));
    if (!q)
        return list;
    while (q.value().next())
        list << itemFromRow(q.value());
    return list;
}

Result<OutboxItem> OutboxService::item(const QString &uuid) const
{
    auto q = runSql(m_database.db(), kSelectItems + QStringLiteral(" WHERE o.uuid = ?"), {uuid});
    if (!q)
        return q.error();
    if (!q.value().next())
        return notFound();
    return itemFromRow(q.value());
}

QList<OutboxItem> OutboxService::dueItems(const QDateTime &now) const
{
    QList<OutboxItem> due;
    auto q =
        runSql(m_database.db(),
               kSelectItems + QStringLiteral(" WHERE o.state = 'queued' ORDER BY o.created_at, r.period"));
    if (!q)
        return due;
    while (q.value().next()) {
        OutboxItem item = itemFromRow(q.value());
        if (!item.nextAttemptAt.isValid() || item.nextAttemptAt <= now)
            due << item;
    }
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
    for (const OutboxItem &item : items())
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

// ------------------------------------------------------------------ changes

namespace {

// Moves the report of `item` with `event` inside the caller's transaction,
// through the lifecycle state machine, with the same audit row as
// ReportService::applyEvent. Only the report's current revision moves; an
// illegal transition leaves the report alone (the outbox row still moves).
Result<bool> moveReport(const QSqlDatabase &db, AuditTrail &audit, const QString &reportUuid, int revision,
                        ReportEvent event, const QString &now, const QString &comment = {})
{
    auto row =
        runSql(db, QStringLiteral("SELECT state, revision, review_comment FROM reports WHERE uuid = ?"),
               {reportUuid});
    if (!row)
        return row.error();
    if (!row.value().next())
        return false;
    ReportState from = ReportState::Draft;
    if (!reportStateFromKey(row.value().value(0).toString(), &from))
        return false;
    const int current = row.value().value(1).toInt();
    QString reviewComment = row.value().value(2).toString();
    row.value().finish();
    if (current != revision)
        return false;
    const TransitionResult t = ReportStateMachine::apply(from, event);
    if (!t.ok)
        return false;
    if (event == ReportEvent::Return)
        reviewComment = comment;
    if (auto u = execSql(db,
                         QStringLiteral("UPDATE reports SET state = ?, review_comment = ?, updated_at = ? "
                                        "WHERE uuid = ?"),
                         {reportStateKey(t.to), textArg(reviewComment), now, reportUuid});
        !u)
        return u.error();
    if (Status s = audit.record(QStringLiteral("report"), reportUuid, reportEventKey(event),
                                QJsonObject{{QStringLiteral("from"), reportStateKey(from)},
                                            {QStringLiteral("to"), reportStateKey(t.to)},
                                            {QStringLiteral("revision"), revision},
                                            {QStringLiteral("withComment"), !comment.isEmpty()},
                                            {QStringLiteral("source"), QStringLiteral("sync")}});
        !s)
        return s.error();
    return true;
}

} // namespace

Status OutboxService::change(const QString &uuid, const QString &auditAction,
                             const std::function<Status(const OutboxItem &)> &work)
{
    QString reportUuid;
    const QSqlDatabase db = m_database.db();
    Status done = inTransaction(db, [&]() -> Status {
        auto current = item(uuid);
        if (!current)
            return current.error();
        reportUuid = current->reportUuid;
        if (Status s = work(current.value()); !s)
            return s;
        auto after = item(uuid);
        if (!after)
            return after.error();
        return m_audit.record(QStringLiteral("outbox"), uuid, auditAction,
                              QJsonObject{{QStringLiteral("report"), after->reportUuid},
                                          {QStringLiteral("revision"), after->revision},
                                          {QStringLiteral("from"), outboxStateKey(current->state)},
                                          {QStringLiteral("to"), outboxStateKey(after->state)},
                                          {QStringLiteral("attempts"), after->attempts},
                                          {QStringLiteral("code"), after->lastError.code}});
    });
    if (done && !reportUuid.isEmpty())
        Q_EMIT m_notifier.reportChanged(reportUuid);
    return done;
}

Status OutboxService::markSending(const QString &uuid)
{
    return change(uuid, QStringLiteral("sending"), [&](const OutboxItem &item) -> Status {
        if (item.state != OutboxState::Queued)
            return wrongState(item.state);
        const QSqlDatabase db = m_database.db();
        const QString now = storeTimestamp(m_clock.now());
        if (auto u = execSql(
                db, QStringLiteral("UPDATE outbox SET state = 'sending', updated_at = ? WHERE uuid = ?"),
                {now, uuid});
            !u)
            return u.error();
        if (auto m = moveReport(db, m_audit, item.reportUuid, item.revision, ReportEvent::StartSending, now);
            !m)
            return m.error();
        return {};
    });
}

Status OutboxService::markReceived(const QString &uuid, const OutboxReceipt &receipt)
{
    return change(uuid, QStringLiteral("received"), [&](const OutboxItem &item) -> Status {
        if (item.state == OutboxState::Held)
            return wrongState(item.state);
        const QSqlDatabase db = m_database.db();
        const QString now = storeTimestamp(m_clock.now());
        if (auto u =
                execSql(db,
                        QStringLiteral("UPDATE outbox SET state = 'received', next_attempt_at = NULL, "
                                       "last_error = '', hub_id = ?, hub_received_at = ?, hub_sha256 = ?, "
                                       "updated_at = ? WHERE uuid = ?"),
                        {nullIfEmpty(receipt.hubId), nullIfEmpty(storeTimestamp(receipt.receivedAt)),
                         nullIfEmpty(receipt.manifestSha256), now, uuid});
            !u)
            return u.error();
        // Sending → Received; Ready → Received (a receipt found again on a later pass).
        if (auto m = moveReport(db, m_audit, item.reportUuid, item.revision, ReportEvent::HubReceived, now);
            !m)
            return m.error();
        return {};
    });
}

Status OutboxService::markRejected(const QString &uuid, const OutboxError &error)
{
    return change(uuid, QStringLiteral("rejected"), [&](const OutboxItem &item) -> Status {
        if (item.state != OutboxState::Sending && item.state != OutboxState::Queued)
            return wrongState(item.state);
        const QSqlDatabase db = m_database.db();
        const QString now = storeTimestamp(m_clock.now());
        if (auto u = execSql(db,
                             QStringLiteral("UPDATE outbox SET state = 'rejected', attempts = attempts + 1, "
                                            "next_attempt_at = NULL, last_error = ?, updated_at = ? "
                                            "WHERE uuid = ?"),
                             {errorToText(error), now, uuid});
            !u)
            return u.error();
        // The report stays a locked, concluded revision (Ready): the user reads
        // the hub's findings, then withdraws and corrects it, or tries again.
        if (item.state == OutboxState::Sending)
            if (auto m =
                    moveReport(db, m_audit, item.reportUuid, item.revision, ReportEvent::SendFailed, now);
                !m)
                return m.error();
        return {};
    });
}

Status OutboxService::markFailed(const QString &uuid, const OutboxError &error, const QDateTime &notBefore)
{
    return change(uuid, QStringLiteral("send_failed"), [&](const OutboxItem &item) -> Status {
        if (item.state != OutboxState::Sending && item.state != OutboxState::Queued)
            return wrongState(item.state);
        const QSqlDatabase db = m_database.db();
        const QDateTime nowTime = m_clock.now();
        const QString now = storeTimestamp(nowTime);
        const int attempts = item.attempts + 1;
        QDateTime next = nowTime.addSecs(backoffSeconds(attempts, m_random()));
        if (notBefore.isValid() && notBefore > next)
            next = notBefore;
        if (auto u = execSql(db,
                             QStringLiteral("UPDATE outbox SET state = 'queued', attempts = ?, "
                                            "next_attempt_at = ?, last_error = ?, updated_at = ? "
                                            "WHERE uuid = ?"),
                             {attempts, storeTimestamp(next), errorToText(error), now, uuid});
            !u)
            return u.error();
        if (item.state == OutboxState::Sending)
            if (auto m =
                    moveReport(db, m_audit, item.reportUuid, item.revision, ReportEvent::SendFailed, now);
                !m)
                return m.error();
        return {};
    });
}

Status OutboxService::hold(const QString &uuid)
{
    return change(uuid, QStringLiteral("hold"), [&](const OutboxItem &item) -> Status {
        if (item.state == OutboxState::Held)
            return {};
        if (item.state != OutboxState::Queued && item.state != OutboxState::Rejected)
            return wrongState(item.state);
        auto u = execSql(m_database.db(),
                         QStringLiteral("UPDATE outbox SET state = 'held', updated_at = ? WHERE uuid = ?"),
                         {storeTimestamp(m_clock.now()), uuid});
        if (!u)
            return u.error();
        return {};
    });
}

Status OutboxService::release(const QString &uuid)
{
    return change(uuid, QStringLiteral("release"), [&](const OutboxItem &item) -> Status {
        if (item.state != OutboxState::Held)
            return wrongState(item.state);
        const QString now = storeTimestamp(m_clock.now());
        auto u =
            execSql(m_database.db(),
                    QStringLiteral("UPDATE outbox SET state = 'queued', next_attempt_at = ?, updated_at = ? "
                                   "WHERE uuid = ?"),
                    {now, now, uuid});
        if (!u)
            return u.error();
        return {};
    });
}

Status OutboxService::retryNow(const QString &uuid)
{
    return change(uuid, QStringLiteral("retry"), [&](const OutboxItem &item) -> Status {
        if (item.state != OutboxState::Queued && item.state != OutboxState::Rejected &&
            item.state != OutboxState::Held)
            return wrongState(item.state);
        const QString now = storeTimestamp(m_clock.now());
        auto u =
            execSql(m_database.db(),
                    QStringLiteral("UPDATE outbox SET state = 'queued', next_attempt_at = ?, updated_at = ? "
                                   "WHERE uuid = ?"),
                    {now, now, uuid});
        if (!u)
            return u.error();
        return {};
    });
}

Result<int> OutboxService::recoverInterrupted()
{
    QStringList stuck;
    {
        auto q = runSql(m_database.db(), QStringLiteral("SELECT uuid FROM outbox WHERE state = 'sending'"));
        if (!q)
            return q.error();
        while (q.value().next())
            stuck << q.value().value(0).toString();
    }
    const OutboxError interrupted{
        QStringLiteral("interrupted"),
        QCoreApplication::translate("OutboxService",
                                    "The previous sending was interrupted (the program was closed or the "
                                    "computer was turned off). It will be resumed automatically."),
        {}};
    for (const QString &uuid : stuck) {
        Status s = change(uuid, QStringLiteral("recover"), [&](const OutboxItem &item) -> Status {
            if (item.state != OutboxState::Sending)
                return {};
            const QSqlDatabase db = m_database.db();
            const QString now = storeTimestamp(m_clock.now());
            if (auto u =
                    execSql(db,
                            QStringLiteral("UPDATE outbox SET state = 'queued', attempts = attempts + 1, "
                                           "next_attempt_at = ?, last_error = ?, updated_at = ? "
                                           "WHERE uuid = ?"),
                            {now, errorToText(interrupted), now, uuid});
                !u)
                return u.error();
            if (auto m =
                    moveReport(db, m_audit, item.reportUuid, item.revision, ReportEvent::SendFailed, now);
                !m)
                return m.error();
            return {};
        });
        if (!s)
            return s.error();
    }
    return int(stuck.size());
}

// ------------------------------------------------------------------ status from the hub

Result<QStringList> OutboxService::applyHubReviews(const QList<HubReview> &reviews, qint64 nextCursor)
{
    QStringList changed;
    const QSqlDatabase db = m_database.db();
    Status done = inTransaction(db, [&]() -> Status {
        const QString now = storeTimestamp(m_clock.now());
        for (const HubReview &review : reviews) {
            auto row = runSql(db, QStringLiteral("SELECT state, revision FROM reports WHERE uuid = ?"),
                              {review.report});
            if (!row)
                return row.error();
            if (!row.value().next())
                continue; // not a report of this installation
            ReportState state = ReportState::Draft;
            reportStateFromKey(row.value().value(0).toString(), &state);
            const int revision = row.value().value(1).toInt();
            row.value().finish();
            if (revision != review.revision)
                continue; // an older revision's result, or one this installation never had

            auto outboxRow = scalarSql(db,
                                       QStringLiteral("SELECT o.state FROM outbox o JOIN report_revisions v "
                                                      "ON v.uuid = o.revision_uuid WHERE v.report_uuid = ? "
                                                      "AND v.revision = ?"),
                                       {review.report, revision});
            if (!outboxRow)
                return outboxRow.error();
            const QString outboxState = outboxRow.value().toString();
            // A rejected or held revision is not the one the hub speaks of (a
            // conflicting version sent from elsewhere): the user sorts it out.
            if (outboxState == QLatin1String("rejected") || outboxState == QLatin1String("held"))
                continue;

            bool moved = false;
            // The hub has the revision: a receipt lost on the way (or a push by
            // a package of this same revision) still counts as received.
            if (state == ReportState::Ready || state == ReportState::Sending) {
                auto m = moveReport(db, m_audit, review.report, revision, ReportEvent::HubReceived, now);
                if (!m)
                    return m.error();
                moved = moved || m.value();
                if (auto u = execSql(
                        db,
                        QStringLiteral("UPDATE outbox SET state = 'received', next_attempt_at = NULL, "
                                       "last_error = '', hub_received_at = coalesce(hub_received_at, ?), "
                                       "updated_at = ? WHERE revision_uuid = (SELECT uuid FROM "
                                       "report_revisions WHERE report_uuid = ? AND revision = ?) "
                                       "AND state IN ('queued', 'sending')"),
                        {nullIfEmpty(storeTimestamp(review.at)), now, review.report, revision});
                    !u)
                    return u.error();
            }
            if (review.state == QLatin1String("accepted")) {
                auto m = moveReport(db, m_audit, review.report, revision, ReportEvent::Accept, now);
                if (!m)
                    return m.error();
                moved = moved || m.value();
            } else if (review.state == QLatin1String("returned")) {
                auto m = moveReport(db, m_audit, review.report, revision, ReportEvent::Return, now,
                                    review.comment);
                if (!m)
                    return m.error();
                moved = moved || m.value();
            }
            if (moved && !changed.contains(review.report))
                changed << review.report;
        }
        return upsertSetting(db, kStatusCursor, QString::number(nextCursor));
    });
    if (!done)
        return done.error();
    for (const QString &uuid : changed)
        Q_EMIT m_notifier.reportChanged(uuid);
    return changed;
}

qint64 OutboxService::statusCursor() const
{
    return settingValue(m_database.db(), kStatusCursor).toLongLong();
}

QDateTime OutboxService::lastContact() const
{
    return parseStoreTimestamp(settingValue(m_database.db(), kLastContact));
}

Status OutboxService::recordContact(const QDateTime &at)
{
    // Not audited: it is a fact about the network, not a change of data.
    return upsertSetting(m_database.db(), kLastContact, storeTimestamp(at));
}

PartnerChanges OutboxService::pendingPartnerChanges() const
{
    PartnerChanges result;
    result.cursor = settingValue(m_database.db(), kPartnerCursor).toLongLong();
    auto q = runSql(m_database.db(),
                    QStringLiteral("SELECT a.id, a.entity_uuid, (SELECT count(*) FROM partners p "
                                   "WHERE p.uuid = a.entity_uuid) FROM audit_log a "
                                   "WHERE a.entity = 'partner' AND a.id > ? ORDER BY a.id"),
                    {result.cursor});
    if (!q)
        return result;
    QHash<QString, int> index;
    while (q.value().next()) {
        result.cursor = std::max(result.cursor, q.value().value(0).toLongLong());
        const QString uuid = q.value().value(1).toString();
        if (uuid.isEmpty())
            continue;
        const bool erased = q.value().value(2).toInt() == 0;
        if (auto it = index.constFind(uuid); it != index.constEnd()) {
            result.changes[*it].erased = erased;
            continue;
        }
        index.insert(uuid, int(result.changes.size()));
        result.changes << PartnerChange{uuid, erased};
    }
    return result;
}

Status OutboxService::setPartnerCursor(qint64 cursor)
{
    return upsertSetting(m_database.db(), kPartnerCursor, QString::number(cursor));
}

QString OutboxService::statusCursorKey()
{
    return kStatusCursor;
}
QString OutboxService::lastContactKey()
{
    return kLastContact;
}
QString OutboxService::partnerCursorKey()
{
    return kPartnerCursor;
}

} // namespace mobiliza::core
