// OutboxService: what the hub says about sent revisions (received, accepted,
// returned), the hub-related profile values (status cursor, last contact) and
// the partner changes waiting to be pushed.
#include "core/services/outbox_service.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/notifier.h"
#include "core/services/outbox_service_p.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QHash>

#include <algorithm>
#include <optional>

namespace mobiliza::core {

using outbox_detail::moveReport;

namespace {

const QString kStatusCursor = QStringLiteral("sync.status_cursor");
const QString kLastContact = QStringLiteral("sync.last_contact");
const QString kPartnerCursor = QStringLiteral("sync.partner_cursor");

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

// The notes of the review that returned `revision`, in place of any earlier ones.
Status replaceReturnNotes(const QSqlDatabase &db, const HubReview &review, const QString &now)
{
    if (auto d =
            execSql(db, QStringLiteral("DELETE FROM review_notes WHERE report_uuid = ?"), {review.report});
        !d)
        return d.error();
    const QString at = review.at.isValid() ? storeTimestamp(review.at) : now;
    int position = 0;
    for (const ReviewNote &note : review.notes) {
        if (note.text.trimmed().isEmpty())
            continue;
        if (auto i = execSql(db,
                             QStringLiteral("INSERT INTO review_notes (report_uuid, revision, position, "
                                            "action_uuid, photo_uuid, text, reviewer, at) "
                                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                             {review.report, review.revision, position++, textArg(note.action),
                              textArg(note.photo), note.text, textArg(review.by), at});
            !i)
            return i.error();
    }
    return {};
}

QString settingValue(const QSqlDatabase &db, const QString &key)
{
    auto value = scalarSql(db, QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    if (!value || !value.value().isValid())
        return {};
    return value.value().toString();
}

// The state a hub state means here (docs/protocol.md §10.1, §10.7): a report the
// central level returned to the URS is back at the URS ("received" here) until the
// URS decides again. None for received / in_review (the receipt is enough).
std::optional<ReportState> stateOfHub(const QString &hubState)
{
    if (hubState == QLatin1String("accepted"))
        return ReportState::Accepted;
    if (hubState == QLatin1String("returned"))
        return ReportState::Returned;
    if (hubState == QLatin1String("forwarded"))
        return ReportState::Forwarded;
    if (hubState == QLatin1String("consolidated"))
        return ReportState::Consolidated;
    if (hubState == QLatin1String("returned_to_urs"))
        return ReportState::Received;
    return std::nullopt;
}

// The shortest run of the hub's events from `from` to what `hubState` means here
// (empty when it is already there, or out of reach: a draft, a revision reopened).
QList<ReportEvent> hubPath(ReportState from, const QString &hubState)
{
    const auto target = stateOfHub(hubState);
    if (!target || *target == from)
        return {};
    const ReportEvent hubEvents[] = {ReportEvent::Accept, ReportEvent::Return, ReportEvent::Forward,
                                     ReportEvent::Consolidate, ReportEvent::Recall};
    QHash<int, QList<ReportEvent>> reached{{int(from), {}}}; // by state
    QList<ReportState> frontier{from};
    while (!frontier.isEmpty()) {
        const ReportState at = frontier.takeFirst();
        for (ReportEvent e : hubEvents) {
            const TransitionResult t = ReportStateMachine::apply(at, e);
            if (!t.ok || reached.contains(int(t.to)))
                continue;
            QList<ReportEvent> path = reached.value(int(at));
            path << e;
            if (t.to == *target)
                return path;
            reached.insert(int(t.to), path);
            frontier << t.to;
        }
    }
    return {};
}

} // namespace

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
                if (m.value())
                    state = ReportState::Received;
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
            // The hub's state, reached by the hub's own events from the state here (a
            // pass may have missed a step: "consolidated" after "accepted").
            const QList<ReportEvent> path = hubPath(state, review.state);
            for (ReportEvent event : path) {
                const bool returning = event == ReportEvent::Return;
                auto m = moveReport(db, m_audit, review.report, revision, event, now,
                                    returning ? review.comment : QString());
                if (!m)
                    return m.error();
                if (returning && m.value())
                    if (Status s = replaceReturnNotes(db, review, now); !s)
                        return s;
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
