#include "core/regional/review_outbox.h"

#include "core/domain/clock.h"
#include "core/domain/types.h"
#include "core/regional/replica_service.h"
#include "core/services/audit.h"
#include "core/services/notifier.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace mobiliza::core {

namespace {

// An applied decision is superseded once the replica holds a later change of the
// revision (its cursor at or past the decision's event); one applied before schema 9
// (no event) once the replica has left the states a URS decides from.
const QString kSuperseded = QStringLiteral(
    "(state = 'applied' AND EXISTS (SELECT 1 FROM replica_revisions r WHERE r.report = review_outbox.report "
    "AND r.revision = review_outbox.revision AND CASE WHEN review_outbox.hub_event > 0 "
    "THEN r.cursor >= review_outbox.hub_event ELSE r.state NOT IN ('received', 'in_review') END))");
const QString kReviewColumns =
    QStringLiteral("uuid, report, revision, manifest_sha256, decision, comment, "
                   "notes_json, reviewer, decided_at, state, "
                   "attempts, next_attempt_at, last_error, hub_state, hub_event, seen_state, ") +
    kSuperseded;
const QString kStanding = QStringLiteral("state <> 'refused' AND NOT ") + kSuperseded;

} // namespace

std::optional<Decision> decisionFromKey(const QString &key)
{
    for (Decision d :
         {Decision::Start, Decision::Accept, Decision::Return, Decision::Consolidate, Decision::ReturnToUrs})
        if (decisionKey(d) == key)
            return d;
    return std::nullopt;
}

bool isCentralDecision(Decision d)
{
    return d == Decision::Consolidate || d == Decision::ReturnToUrs;
}

QByteArray reviewNotesJson(const QList<ReviewNote> &notes)
{
    QJsonArray a;
    for (const ReviewNote &n : notes)
        a.append(QJsonObject{{QStringLiteral("action"), n.action},
                             {QStringLiteral("photo"), n.photo},
                             {QStringLiteral("text"), n.text}});
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

QList<ReviewNote> reviewNotesFromJson(const QByteArray &json)
{
    QList<ReviewNote> notes;
    for (const QJsonValue &v : QJsonDocument::fromJson(json).array()) {
        const QJsonObject o = v.toObject();
        notes << ReviewNote{o.value(QStringLiteral("action")).toString(),
                            o.value(QStringLiteral("photo")).toString(),
                            o.value(QStringLiteral("text")).toString()};
    }
    return notes;
}

namespace {

Error refusal(const QString &code, const QString &message)
{
    return Error{code, message};
}

} // namespace

QString reviewStateLabel(const QString &key)
{
    if (key == QLatin1String("received"))
        return QCoreApplication::translate("RegionalInbox", "New");
    if (key == QLatin1String("in_review"))
        return QCoreApplication::translate("RegionalInbox", "In review");
    if (key == QLatin1String("returned"))
        return QCoreApplication::translate("RegionalInbox", "Returned");
    if (key == QLatin1String("accepted"))
        return QCoreApplication::translate("RegionalInbox", "Accepted");
    if (key == QLatin1String("forwarded"))
        return QCoreApplication::translate("RegionalInbox", "Forwarded");
    if (key == QLatin1String("consolidated"))
        return QCoreApplication::translate("RegionalInbox", "Consolidated");
    if (key == QLatin1String("returned_to_urs"))
        return QCoreApplication::translate("RegionalInbox", "Returned by the central level");
    return key;
}

QString decisionKey(Decision d)
{
    switch (d) {
    case Decision::Start:
        return QStringLiteral("start");
    case Decision::Accept:
        return QStringLiteral("accept");
    case Decision::Return:
        return QStringLiteral("return");
    case Decision::Consolidate:
        return QStringLiteral("consolidate");
    case Decision::ReturnToUrs:
        return QStringLiteral("return_to_urs");
    }
    return {};
}

QString revisionKey(const QString &report, int revision)
{
    return report + QLatin1Char('#') + QString::number(revision);
}

QHash<QString, QString> ReviewOutbox::localStates() const
{
    QHash<QString, QString> states;
    // Oldest first: a later decision on the same revision (after a start) wins.
    if (const auto decisions = all())
        for (const ReviewDecisionRecord &d : decisions.value())
            if (d.standing())
                states.insert(revisionKey(d.report, d.revision), stateAfter(d.decision));
    return states;
}

QString ReviewOutbox::stateAfter(Decision decision)
{
    switch (decision) {
    case Decision::Start:
        return QStringLiteral("in_review");
    case Decision::Accept:
        return QStringLiteral("accepted");
    case Decision::Return:
        return QStringLiteral("returned");
    case Decision::Consolidate:
        return QStringLiteral("consolidated");
    case Decision::ReturnToUrs:
        return QStringLiteral("returned_to_urs");
    }
    return {};
}

QStringList ReviewOutbox::fromStates(Decision decision)
{
    switch (decision) {
    case Decision::Start:
        return {QStringLiteral("received"), QStringLiteral("returned_to_urs")};
    case Decision::Accept:
    case Decision::Return:
        return {QStringLiteral("received"), QStringLiteral("in_review"), QStringLiteral("returned_to_urs")};
    case Decision::Consolidate:
    case Decision::ReturnToUrs:
        return {QStringLiteral("forwarded")};
    }
    return {};
}

ReviewOutbox::ReviewOutbox(Database &database, Notifier &notifier, const Clock &clock,
                           ReplicaService &replica)
    : m_database(database), m_notifier(notifier), m_clock(clock), m_replica(replica),
      m_queue(database, notifier, clock, QStringLiteral("review_outbox"), QStringLiteral("uuid"))
{
}

Result<ReviewDecisionRecord> ReviewOutbox::decide(const QString &report, int revision, Decision decision,
                                                  const QString &comment, const QList<ReviewNote> &notes,
                                                  const QString &reviewer)
{
    const QString text = comment.trimmed();
    if (decision == Decision::Return && text.isEmpty())
        return refusal(QStringLiteral("comment_required"),
                       QCoreApplication::translate("ReviewOutbox",
                                                   "Write what the municipality must correct: a report is "
                                                   "returned only with a comment."));
    if (decision == Decision::ReturnToUrs && text.isEmpty())
        return refusal(QStringLiteral("comment_required"),
                       QCoreApplication::translate(
                           "ReviewOutbox", "Write what the regional office (URS) must look at again: a "
                                           "report goes back to the URS only with a comment."));
    if (text.size() > kMaxDecisionCommentChars || notes.size() > kMaxDecisionNotes)
        return refusal(QStringLiteral("too_long"),
                       QCoreApplication::translate(
                           "ReviewOutbox", "The comment may have up to %1 characters and up to %2 notes. "
                                           "Shorten it and decide again.")
                           .arg(kMaxDecisionCommentChars)
                           .arg(kMaxDecisionNotes));
    for (const ReviewNote &n : notes) {
        if (n.text.trimmed().isEmpty() || n.text.size() > kMaxDecisionNoteChars ||
            (!n.photo.isEmpty() && n.action.isEmpty()))
            return refusal(
                QStringLiteral("too_long"),
                QCoreApplication::translate("ReviewOutbox",
                                            "Each note needs a text of up to %1 characters, and a note on a "
                                            "photo must name its action. Correct the notes and decide again.")
                    .arg(kMaxDecisionNoteChars));
    }
    ReviewDecisionRecord record;
    Status done = inTransaction(m_database.db(), [&]() -> Status {
        auto latest = m_replica.latest();
        if (!latest)
            return latest.error();
        std::optional<ReplicaRevision> target;
        for (const ReplicaRevision &r : latest.value())
            if (r.report == report)
                target = r;
        if (!target)
            return refusal(
                QStringLiteral("not_found"),
                QCoreApplication::translate(
                    "ReviewOutbox", "This report is not in the regional inbox. Synchronize and try again."));
        if (target->revision != revision)
            return refusal(QStringLiteral("not_latest"),
                           QCoreApplication::translate(
                               "ReviewOutbox", "The municipality sent a newer revision (%1) of this report. "
                                               "Review the newest revision instead.")
                               .arg(target->revision));
        auto existing = pendingOrApplied(report, revision);
        if (!existing)
            return existing.error();
        QString state = target->state;
        if (existing.value()) {
            if (existing.value()->decision != Decision::Start)
                return refusal(QStringLiteral("already_decided"),
                               QCoreApplication::translate(
                                   "ReviewOutbox", "A decision on this revision was already made here."));
            state = QStringLiteral("in_review");
        }
        if (!fromStates(decision).contains(state))
            return refusal(QStringLiteral("not_reviewable"),
                           QCoreApplication::translate(
                               "ReviewOutbox", "This revision can no longer be reviewed (it is \"%1\").")
                               .arg(reviewStateLabel(state)));
        record.uuid = newUuid();
        record.seen = target->state; // as the pull last said it (§10.7 "seen")
        record.report = report;
        record.revision = revision;
        record.manifestSha256 = target->manifestSha256;
        record.decision = decision;
        record.comment = text;
        record.notes = notes;
        record.reviewer = reviewer.trimmed().left(kMaxReviewerChars);
        record.decidedAt = m_clock.now().toUTC();
        record.state = QStringLiteral("queued");
        const QString now = storeTimestamp(record.decidedAt);
        auto put = execSql(
            m_database.db(),
            QStringLiteral("INSERT INTO review_outbox (uuid, report, revision, manifest_sha256, "
                           "decision, comment, notes_json, reviewer, decided_at, state, updated_at, seen_state) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)"),
            {record.uuid, report, revision, record.manifestSha256, decisionKey(decision), textArg(text),
             QString::fromUtf8(reviewNotesJson(notes)), textArg(record.reviewer), now, now, textArg(record.seen)});
        if (!put)
            return put.error();
        return {};
    });
    if (!done)
        return done.error();
    Q_EMIT m_notifier.replicaChanged();
    return record;
}

Result<QList<ReviewDecisionRecord>> ReviewOutbox::query(const QString &where, const QVariantList &args) const
{
    auto q = runSql(
        m_database.db(),
        QStringLiteral("SELECT ") + kReviewColumns + QStringLiteral(" FROM review_outbox ") + where, args);
    if (!q)
        return q.error();
    QList<ReviewDecisionRecord> out;
    while (q.value().next()) {
        const QSqlQuery &r = q.value();
        ReviewDecisionRecord d;
        d.uuid = r.value(0).toString();
        d.report = r.value(1).toString();
        d.revision = r.value(2).toInt();
        d.manifestSha256 = r.value(3).toString();
        d.decision = decisionFromKey(r.value(4).toString()).value_or(Decision::Accept);
        d.comment = r.value(5).toString();
        d.notes = reviewNotesFromJson(r.value(6).toByteArray());
        d.reviewer = r.value(7).toString();
        d.decidedAt = parseStoreTimestamp(r.value(8).toString());
        d.state = r.value(9).toString();
        d.attempts = r.value(10).toInt();
        d.nextAttemptAt = parseStoreTimestamp(r.value(11).toString());
        d.lastError = r.value(12).toString();
        d.hubState = r.value(13).toString();
        d.hubEvent = r.value(14).toLongLong();
        d.seen = r.value(15).toString();
        d.superseded = r.value(16).toBool();
        out << d;
    }
    return out;
}

Result<QList<ReviewDecisionRecord>> ReviewOutbox::due(Backoff backoff) const
{
    return query(QStringLiteral("WHERE ") + m_queue.dueCondition(backoff) +
                     QStringLiteral(" ORDER BY decided_at, uuid"),
                 m_queue.dueArgs(backoff));
}

Result<QList<ReviewDecisionRecord>> ReviewOutbox::all() const
{
    return query(QStringLiteral("ORDER BY decided_at, uuid"), {});
}

Result<std::optional<ReviewDecisionRecord>> ReviewOutbox::pendingOrApplied(const QString &report,
                                                                           int revision) const
{
    auto found = query(QStringLiteral("WHERE report = ? AND revision = ? AND ") + kStanding +
                           QStringLiteral(" ORDER BY decided_at DESC, uuid LIMIT 1"),
                       {report, revision});
    if (!found)
        return found.error();
    if (found.value().isEmpty())
        return std::optional<ReviewDecisionRecord>{};
    return std::optional<ReviewDecisionRecord>{found.value().first()};
}

int ReviewOutbox::pendingCount() const
{
    return m_queue.count(QStringLiteral("'queued', 'sending'"));
}

Status ReviewOutbox::markSending(const QString &uuid)
{
    return m_queue.markSending(uuid);
}

Status ReviewOutbox::markApplied(const QString &uuid, const QString &hubState, qint64 hubEvent)
{
    return m_queue.update(uuid,
                          QStringLiteral("state = 'applied', hub_state = ?, hub_event = ?, last_error = ''"),
                          {textArg(hubState), std::max<qint64>(0, hubEvent)});
}

Status ReviewOutbox::markRefused(const QString &uuid, const QString &currentState, const QString &message)
{
    return m_queue.update(uuid, QStringLiteral("state = 'refused', hub_state = ?, last_error = ?"),
                          {textArg(currentState), textArg(message)});
}

Status ReviewOutbox::markQueued(const QString &uuid)
{
    return m_queue.markQueued(uuid);
}

Status ReviewOutbox::markFailed(const QString &uuid, const QString &message, double random01)
{
    return m_queue.markFailed(uuid, message, random01);
}

} // namespace mobiliza::core
