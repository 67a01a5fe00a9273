// The outbox: one durable row per concluded revision on its way to the hub
// (docs/protocol.md §9). ReportService::conclude() creates the row in the
// transaction that locks the revision; this service moves it along:
//
//   queued ──markSending──▶ sending ──markReceived──▶ received
//     ▲  ▲                    │  │
//     │  └──markFailed────────┘  └──markRejected──▶ rejected (set aside)
//     └──release/retryNow── held ◀──hold── queued | rejected
//
// - markSending/markFailed/markRejected/markReceived also move the report
//   (Ready → Sending → Ready | Received) through the lifecycle state machine,
//   in the SAME transaction as the outbox row and its audit rows (the store's
//   transactions do not nest, so this service applies the transition itself
//   with ReportStateMachine rather than calling ReportService::applyEvent).
// - A rejected item keeps the hub's findings and never blocks the others; its
//   report goes back to Ready, so the user can see why, withdraw it (→ Draft),
//   correct it and conclude again, or ask the URS and "try again".
// - A failure backs off exponentially with jitter and never gives up:
//   30 s, 1 min, 2 min, … capped at 1 h, each ± 20 % (backoffSeconds()).
// - Every change is one transaction with its audit rows; Notifier::reportChanged
//   fires after the commit. Audit rows carry ids and codes, never tokens.
//
// The hub-related profile values (status cursor, last successful contact, the
// partner push cursor) live in the profile's settings table.
#pragma once

#include "core/domain/report_state.h"
#include "core/domain/types.h"
#include "core/program/finding.h"
#include "core/regional/review_outbox.h" // ReviewNote
#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace mobiliza::core {

class AuditTrail;
class Clock;
class Database;
class Notifier;

enum class OutboxState
{
    Queued,
    Sending,
    Received,
    Rejected,
    Held
};
QString outboxStateKey(OutboxState state); // "queued", "sending", …
bool outboxStateFromKey(const QString &key, OutboxState *out);

// Why the last attempt failed, or why the hub rejected the revision.
struct OutboxError
{
    QString code;    // machine-readable ("offline", "too_large", "validation_failed", …)
    QString message; // pt-BR, says what happened and what to do
    Findings findings;
};

struct OutboxReceipt
{
    QString hubId;
    QDateTime receivedAt;
    QString manifestSha256;
};

struct OutboxBlob
{
    QString sha256;
    qint64 bytes = 0;
};

// What a locked manifest names, for the outbox's listing (sizes for the progress).
struct OutboxManifestSummary
{
    qint64 manifestBytes = 0;
    qint64 bytes = 0; // manifest + photos
    QList<OutboxBlob> blobs;
};

struct OutboxItem
{
    QString uuid;
    QString revisionUuid;
    QString reportUuid;
    QString municipality;
    Period period;
    int revision = 0;
    ReportState reportState = ReportState::Ready; // the report's current state
    int reportRevision = 0;                       // the report's current revision
    OutboxState state = OutboxState::Queued;
    int attempts = 0;
    QDateTime nextAttemptAt; // invalid: as soon as possible
    OutboxError lastError;   // empty code when none
    OutboxReceipt receipt;   // hubId empty until received
    QString manifestSha256;  // of the locked manifest
    qint64 manifestBytes = 0;
    QList<OutboxBlob> blobs; // the photos named by the manifest (unique by hash)
    qint64 bytes = 0;        // manifest + photos
    QDateTime createdAt;
    QDateTime updatedAt;
};

// A review result pulled from the hub's status feed (protocol §6).
struct HubReview
{
    QString report;
    int revision = 0;
    QString state; // received | accepted | returned
    QString comment;
    QDateTime at;
    // A review decision's notes (protocol §10.3), each pointing at an action, a
    // photo of it, or the report; and the reviewer's name. Kept for a return.
    QList<ReviewNote> notes;
    QString by;
};

// A partner to push (or an erasure to propagate) since the partner cursor.
struct PartnerChange
{
    QString uuid;
    bool erased = false;
};
struct PartnerChanges
{
    QList<PartnerChange> changes;
    qint64 cursor = 0; // pass to setPartnerCursor() once all of them reached the hub
};

class OutboxService
{
public:
    // random01 returns a number in [0, 1); empty: a system random source.
    OutboxService(Database &database, Notifier &notifier, const Clock &clock, AuditTrail &audit,
                  std::function<double()> random01 = {});

    // The delay before attempt n+1 after n failed attempts (n ≥ 1):
    // min(30 s · 2^(n-1), 1 h) · (1 ± 20 %), where random01 ∈ [0, 1) picks the jitter.
    static qint64 backoffSeconds(int failedAttempts, double random01);
    static constexpr qint64 kBackoffBaseSeconds = 30;
    static constexpr qint64 kBackoffCapSeconds = 3600;
    static constexpr double kJitter = 0.2;

    // Every row, newest period first; an Error when the database cannot be read
    // (never an empty list that would look like "nothing to send").
    Result<QList<OutboxItem>> items() const;
    Result<OutboxItem> item(const QString &uuid) const;
    // Queued items whose next attempt is due at `now`, oldest first.
    QList<OutboxItem> dueItems(const QDateTime &now) const;
    // Every queued item, due or backing off, oldest first (a pass the person asked for).
    QList<OutboxItem> queuedItems() const;
    bool hasDue(const QDateTime &now) const; // cheap: one count query
    // The earliest next attempt of a queued item; nullopt when nothing is queued.
    std::optional<QDateTime> nextAttemptAt() const;
    qint64 bytesPending() const; // manifest + photos of queued and sending items
    int count(OutboxState state) const;
    // The exact manifest bytes locked at conclusion.
    Result<QByteArray> manifest(const QString &uuid) const;

    Status markSending(const QString &uuid);
    Status markReceived(const QString &uuid, const OutboxReceipt &receipt);
    Status markRejected(const QString &uuid, const OutboxError &error);
    // Counts the attempt and schedules the next one with backoff; never later
    // than needed, never earlier than notBefore (a 429's Retry-After).
    Status markFailed(const QString &uuid, const OutboxError &error, const QDateTime &notBefore = {});
    // The connection broke after this attempt moved the item forward (photos the hub
    // stored): not a failing item but a bad link. Queued again, due at `at`, its count
    // of failed attempts back to zero (a later failure backs off from the start).
    Status markInterrupted(const QString &uuid, const OutboxError &error, const QDateTime &at);
    Status hold(const QString &uuid);     // queued or rejected → held
    Status release(const QString &uuid);  // held → queued, due now
    Status retryNow(const QString &uuid); // queued, rejected or held → queued, due now
    // After a crash or a killed pass: every "sending" row goes back to queued
    // (due now, attempt counted) and its report back to Ready. Returns how many.
    Result<int> recoverInterrupted();

    // Review results from the hub, applied in one transaction together with
    // the new cursor. Events for another revision than the report's current
    // one, for unknown reports, for a revision set aside here (rejected: the
    // hub holds another version of it) or held, and illegal transitions are
    // skipped. A queued/sending revision the hub reports is first marked
    // received (its receipt was lost). A return also stores its notes and
    // reviewer (table review_notes), replacing those of an earlier return of the
    // report: read them with ReportService::returnNotes(). Returns the uuids of
    // the reports that changed.
    Result<QStringList> applyHubReviews(const QList<HubReview> &reviews, qint64 nextCursor);
    qint64 statusCursor() const;

    QDateTime lastContact() const; // last successful pre-flight; invalid when never
    Status recordContact(const QDateTime &at);

    // Partners saved or erased since the partner cursor (audit trail order).
    PartnerChanges pendingPartnerChanges() const;
    Status setPartnerCursor(qint64 cursor);

    // Settings keys (the profile's settings table).
    static QString statusCursorKey();
    static QString lastContactKey();
    static QString partnerCursorKey();

private:
    Status change(const QString &uuid, const QString &auditAction,
                  const std::function<Status(const OutboxItem &)> &work);
    // Sending or queued → queued with these attempts, due at next(item) (its report
    // back to Ready when it was sending).
    Status requeue(const QString &uuid, const QString &auditAction, const OutboxError &error,
                   const std::function<std::pair<int, QDateTime>(const OutboxItem &)> &next);

    Database &m_database;
    Notifier &m_notifier;
    const Clock &m_clock;
    AuditTrail &m_audit;
    std::function<double()> m_random;
    // Revision uuid → its manifest's photos: a locked manifest never changes (this
    // object is used on one thread, like its database connection).
    mutable QHash<QString, OutboxManifestSummary> m_manifests;
};

} // namespace mobiliza::core
