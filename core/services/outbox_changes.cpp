// OutboxService: the changes of an outbox item (sending, received, rejected,
// failed, held, released, retried) and the recovery of interrupted sends.
#include "core/services/outbox_service.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/notifier.h"
#include "core/services/outbox_service_p.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mobiliza::core {

using outbox_detail::moveReport;

namespace {

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

Error wrongState(OutboxState state)
{
    return Error{QStringLiteral("invalid_transition"),
                 QCoreApplication::translate(
                     "OutboxService", "This outbox item cannot be changed now (it is \"%1\"). Reload the "
                                      "Synchronization page and try again.")
                     .arg(outboxStateKey(state))};
}

} // namespace

namespace outbox_detail {

Result<bool> moveReport(const QSqlDatabase &db, AuditTrail &audit, const QString &reportUuid, int revision,
                        ReportEvent event, const QString &now, const QString &comment)
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

} // namespace outbox_detail

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

Status OutboxService::requeue(const QString &uuid, const QString &auditAction, const OutboxError &error,
                              const std::function<std::pair<int, QDateTime>(const OutboxItem &)> &next)
{
    return change(uuid, auditAction, [&](const OutboxItem &item) -> Status {
        if (item.state != OutboxState::Sending && item.state != OutboxState::Queued)
            return wrongState(item.state);
        const QSqlDatabase db = m_database.db();
        const QString now = storeTimestamp(m_clock.now());
        const auto [attempts, at] = next(item);
        if (auto u = execSql(db,
                             QStringLiteral("UPDATE outbox SET state = 'queued', attempts = ?, "
                                            "next_attempt_at = ?, last_error = ?, updated_at = ? "
                                            "WHERE uuid = ?"),
                             {attempts, storeTimestamp(at), errorToText(error), now, uuid});
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

Status OutboxService::markFailed(const QString &uuid, const OutboxError &error, const QDateTime &notBefore)
{
    return requeue(uuid, QStringLiteral("send_failed"), error, [&](const OutboxItem &item) {
        const int attempts = item.attempts + 1;
        QDateTime next = m_clock.now().addSecs(backoffSeconds(attempts, m_random()));
        if (notBefore.isValid() && notBefore > next)
            next = notBefore;
        return std::make_pair(attempts, next);
    });
}

Status OutboxService::markInterrupted(const QString &uuid, const OutboxError &error, const QDateTime &at)
{
    return requeue(uuid, QStringLiteral("send_interrupted"), error,
                   [&](const OutboxItem &) { return std::make_pair(0, at); });
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

} // namespace mobiliza::core
