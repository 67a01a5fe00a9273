// Records of the hub's store and the outcome type of the hub's operations.
#pragma once

#include "core/util/result.h"
#include "sync/protocol.h"
#include "sync/protocol_batch.h"
#include "sync/protocol_pull.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>
#include <utility>

namespace mobiliza::hub {

// Review states of a revision on the hub (docs/protocol.md §6, §10.1).
namespace revision_state {
inline constexpr QLatin1String Received{"received"};
inline constexpr QLatin1String InReview{"in_review"};
inline constexpr QLatin1String Accepted{"accepted"};
inline constexpr QLatin1String Returned{"returned"};
inline constexpr QLatin1String Forwarded{"forwarded"};       // by a batch (§10.5)
inline constexpr QLatin1String Consolidated{"consolidated"};   // by the central level (§10.7)
inline constexpr QLatin1String ReturnedToUrs{"returned_to_urs"}; // by the central level, for the URS to decide again
} // namespace revision_state

struct EnrollmentCodeRecord
{
    QString codeHash; // SHA-256 (hex) of the normalized code
    sync::Scope scope;
    QString label;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime usedAt;
};

struct TokenRecord
{
    QString id; // first 8 hex digits of the token's SHA-256: safe to show and log
    sync::Scope scope;
    QString label;
    QString installation;
    QDateTime createdAt;
    QDateTime revokedAt;
    QDateTime lastSeen;
    QString rotatedFrom;  // the token this one replaced (POST /api/v1/token), empty when enrolled
    QDateTime replacedAt; // when a rotation replaced it (it works for an overlap after that)
    bool revoked() const { return revokedAt.isValid(); }
    // Its last use for the idle expiry: the last request, or its creation when never used.
    QDateTime lastUse() const { return lastSeen.isValid() ? lastSeen : createdAt; }
};

// Where a reporting unit belongs: its program and its region (the URS of an SES-MG
// municipality; an apoiador's state).
struct UnitPlace
{
    QString program;
    QString region;
};

// Disk use of the hub (`mobiliza-hub stats`).
struct TokenCounts
{
    int active = 0;
    int revoked = 0;
    int expired = 0;  // unused for longer than the idle limit
    int replaced = 0; // rotated, past the overlap
};

struct ReportRecord
{
    QString uuid;
    QString municipality; // IBGE
    QString program;
    QString period; // YYYY-MM
};

struct RevisionRecord
{
    qint64 id = 0;
    QString report;
    int revision = 0;
    QByteArray manifest; // empty unless asked for
    QString manifestSha256;
    QString hubId; // "r-000123"
    QDateTime receivedAt;
    QString state; // revision_state
    QString comment;
    QDateTime reviewedAt;
    QString reviewer;
    QString via = QStringLiteral("push"); // "push" | "import" (§10.4, schema 5)
    sync::ReceivedBy receivedBy;          // an import's: who brought it
};

// How a revision reached the hub (§10.4): a push (the default) or an import, and by whom.
struct Provenance
{
    QString via = QStringLiteral("push");
    sync::ReceivedBy receivedBy;
    bool isImport() const { return via == QLatin1String("import"); }
    static Provenance import(const sync::ReceivedBy &by) { return Provenance{QStringLiteral("import"), by}; }
};

// A batch to the central level as stored (batches, batch_revisions; §10.5, schema 5).
struct BatchRecord
{
    sync::Batch batch; // as decoded (the uuid included), revisions in their order
    QString hubId;     // "b-000012"
    QDateTime receivedAt;
    QString state;        // sync::batch_state
    QString installation; // of the token that sent it (empty: a batch file)
    QString tokenId;
    QString via;        // "http" | "file"
    QString bodySha256; // of its canonical encoding (sync::encode): a re-send must match
    sync::BatchReceipt receipt() const
    {
        return sync::BatchReceipt{batch.uuid, hubId, int(batch.revisions.size()), receivedAt};
    }
};

struct ListedRevision
{
    ReportRecord report;
    RevisionRecord revision;
};

struct EventRecord
{
    qint64 cursor = 0;
    QString report;
    QString period;
    int revision = 0;
    QString state;
    QString comment;
    QDateTime at;
    QString municipality;
    QString urs;
    // A review decision's (schema 4; empty for a reception and older events).
    QList<sync::ReviewNote> notes;
    QString reviewer;
    QString decision; // its uuid
    QString installation;
};

// A review decision as stored (review_decisions, docs/protocol.md §10.3).
struct DecisionRecord
{
    sync::ReviewDecision decision; // as decoded (the uuid included)
    QString installation;          // of the token that sent it (empty: the CLI)
    QString tokenId;
    QDateTime receivedAt; // when the hub applied it (its event's time)
    QString state;        // the revision's state it led to
    qint64 event = 0;     // its status-feed cursor
    QString bodySha256;   // of its canonical encoding (sync::encode): a re-send must match
};

struct PartnerRecord
{
    QString uuid;
    QString municipality;
    QByteArray json; // partnerToWire(partnerFromWire(body)): only what may be shared
    QDateTime updatedAt;
    bool deleted = false;
    qint64 seq = 0; // the partners' cursor (§10.6, schema 6): a new one at every change
};

// The targets the central level published (§10.8, schema 8): one row.
struct TargetsRecord
{
    int revision = 0;
    QByteArray document; // core::Targets::toJson() of what was accepted
    QDateTime updatedAt; // when the hub stored it
    QString tokenId;     // the central token that sent it
};

// A refusal of the hub: the HTTP status and the protocol's error body. (The
// client's view of a failed call is sync::Refusal.)
struct Refusal
{
    int status = 500;
    sync::ErrorBody body;
    int retryAfterSeconds = 0; // > 0: sent as Retry-After
};

// A value or a Refusal (what the server answers and the CLI prints): the
// project's one result type (core/util/result.h).
template <typename T> using Outcome = core::Result<T, Refusal>;

} // namespace mobiliza::hub
