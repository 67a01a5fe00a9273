// Review decisions made at the URS (docs/protocol.md §10.3), stored before
// anything is sent: a reviewer on a train accepts or returns reports, and the
// decisions reach the hub when it is reachable, with the municipal outbox's
// discipline (queued → sending → applied; failures back off; a refusal —
// another reviewer decided first, a newer revision arrived — is kept with its
// reason in words, never retried blindly).
//
// Until the hub applies it, a decision is the report's state here (the queue
// shows "Aceito (a enviar)"). Every change is one transaction and emits
// Notifier::replicaChanged().
#pragma once

#include "core/regional/queue_table.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace mobiliza::core {

class Clock;
class Database;
class Notifier;
class ReplicaService;

// A reviewer's note pointing at an action, a photo of it, or neither.
struct ReviewNote
{
    QString action; // action uuid (may be empty)
    QString photo;  // photo uuid (may be empty)
    QString text;
};

// Notes as the profile stores them (a JSON array of {action, photo, text}).
QByteArray reviewNotesJson(const QList<ReviewNote> &notes);
QList<ReviewNote> reviewNotesFromJson(const QByteArray &json);

// Start, Accept and Return are a URS's (§10.3); Consolidate and ReturnToUrs the
// central level's, on a forwarded report (§10.7). The hub refuses a decision of
// the other level; the app offers each level only its own.
enum class Decision
{
    Start,
    Accept,
    Return,
    Consolidate,
    ReturnToUrs
};

// What a hub accepts in one decision (docs/protocol.md §10.3); decide() refuses more.
inline constexpr int kMaxDecisionCommentChars = 4000;
inline constexpr int kMaxDecisionNotes = 200;
inline constexpr int kMaxDecisionNoteChars = 4000;
inline constexpr int kMaxReviewerChars = 200;
// A hub review state in words ("received" → "Novo", "returned_to_urs" → "Devolvido
// pelo nível central"…); an unknown key as it is.
QString reviewStateLabel(const QString &key);
QString decisionKey(Decision d); // "start", "accept", "return", "consolidate", "return_to_urs"
std::optional<Decision> decisionFromKey(const QString &key);
bool isCentralDecision(Decision d);
QString revisionKey(const QString &report, int revision); // "uuid#n", for hashes

struct ReviewDecisionRecord
{
    QString uuid;
    QString report;
    int revision = 0;
    QString manifestSha256;
    Decision decision = Decision::Accept;
    QString comment;
    QList<ReviewNote> notes;
    QString reviewer;
    QDateTime decidedAt;
    QString state; // queued | sending | applied | refused
    int attempts = 0;
    QDateTime nextAttemptAt;
    QString lastError;   // pt-BR, for the person
    QString hubState;    // what the hub answered (applied) or what the revision is now (refused)
    qint64 hubEvent = 0; // applied: the status-feed cursor of its change (0: applied before schema 9)
    QString seen;        // the replica's state of the revision when decided (§10.7; empty before schema 11)
    // Applied, and the replica already holds a later state of the revision (the central
    // level returned to the URS a report it accepted…): it no longer says the state.
    bool superseded = false;
    // Queued or sending, or applied and not superseded: what the report shows here.
    bool standing() const { return state != QLatin1String("refused") && !superseded; }
};

class ReviewOutbox
{
public:
    ReviewOutbox(Database &database, Notifier &notifier, const Clock &clock, ReplicaService &replica);

    // Records a decision on the replica's LATEST revision of `report`, as the
    // reviewer saw it (its manifest hash). Errors, in words: "not_latest" (a newer
    // revision arrived), "already_decided" (a decision of this installation is
    // pending or applied), "comment_required" (a return without a comment),
    // "not_reviewable" (the revision's state allows no decision), "too_long" (a
    // comment or note past the limits above, too many notes, or a note naming a
    // photo without its action). A reviewer name past its limit is shortened.
    Result<ReviewDecisionRecord> decide(const QString &report, int revision, Decision decision,
                                        const QString &comment, const QList<ReviewNote> &notes,
                                        const QString &reviewer);

    // Decisions due now (queued, next attempt passed; sending ones left by a crash), oldest first.
    Result<QList<ReviewDecisionRecord>> due(Backoff backoff = Backoff::Respect) const;
    Result<QList<ReviewDecisionRecord>> all() const;
    // The newest standing decision of this installation on a revision (not refused,
    // not superseded by a later state the pull brought).
    Result<std::optional<ReviewDecisionRecord>> pendingOrApplied(const QString &report, int revision) const;
    int pendingCount() const; // queued or sending

    Status markSending(const QString &uuid);
    Status markApplied(const QString &uuid, const QString &hubState, qint64 hubEvent);
    Status markRefused(const QString &uuid, const QString &currentState, const QString &message);
    Status markFailed(const QString &uuid, const QString &message, double random01);
    // Back to the queue without counting an attempt (the person stopped the pass).
    Status markQueued(const QString &uuid);

    // revisionKey(report, revision) → the state after this installation's standing
    // decision on that revision: what the pull may not have brought back yet.
    QHash<QString, QString> localStates() const;

    // The state a report shows here: a pending or applied local decision wins
    // over the replica's (the pull may not have seen it yet).
    static QString stateAfter(Decision decision);
    // The replica states a decision leaves from (the hub's rules, §10.3, §10.7).
    static QStringList fromStates(Decision decision);

private:
    Result<QList<ReviewDecisionRecord>> query(const QString &where, const QVariantList &args) const;

    Database &m_database;
    Notifier &m_notifier;
    const Clock &m_clock;
    ReplicaService &m_replica;
    QueueTable m_queue;
};

} // namespace mobiliza::core
