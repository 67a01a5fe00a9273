// The wire codec of the regional desk's review (docs/protocol.md §10.1, §10.3),
// shared by the URS client and the hub: a review decision (PUT
// /api/v1/reviews/<uuid>), its answer, the 409 "state_changed" body and a report's
// history (GET /api/v1/reports/<uuid>/history). Decoders are strict and safe on
// hostile input, like those of sync/protocol.h (whose helpers they use).
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace mobiliza::sync {

// A reviewer's note on one point of a report: an action (its uuid), a photo of
// that action (photo and action both set), or the report as a whole (neither).
struct ReviewNote
{
    QString action; // action uuid, empty: the report as a whole
    QString photo;  // photo uuid (of `action`), empty: the action (or the report)
    QString text;   // not empty
    bool operator==(const ReviewNote &) const = default;
};

// Decisions a reviewer sends (ReviewDecision::decision).
namespace review_decision {
inline constexpr QLatin1String Accept{"accept"};
inline constexpr QLatin1String Return{"return"};
inline constexpr QLatin1String Start{"start"}; // received → in_review
// The central level's (§10.7), on a forwarded revision: → consolidated, or back to
// the URS (returned_to_urs, with a comment) for it to decide again.
inline constexpr QLatin1String Consolidate{"consolidate"};
inline constexpr QLatin1String ReturnToUrs{"return_to_urs"};
} // namespace review_decision

// True for the decisions only the central level makes (consolidate, return_to_urs).
bool isCentralDecision(const QString &decision);
// A decision that needs a non-blank comment (return, return_to_urs).
bool needsComment(const QString &decision);

// Bounds of a decision (checked by decodeReviewDecision).
inline constexpr int kMaxReviewCommentChars = 4000;
inline constexpr int kMaxReviewNotes = 200;
inline constexpr int kMaxReviewNoteChars = 4000;
inline constexpr int kMaxReviewerChars = 200;

struct ReviewDecision
{
    QString uuid;   // the decision's client-made uuid (from the URL; not in the body)
    QString report; // report uuid
    int revision = 0;
    QString manifestSha256; // of the revision the reviewer saw
    QString decision;       // "accept" | "return" | "start" | "consolidate" | "return_to_urs"
    QString comment;        // required (non-blank) for "return" and "return_to_urs": 422 comment_required
    QList<ReviewNote> notes;
    QString reviewer; // the reviewer's name, not empty
    QDateTime decidedAt;
    // Optional (§10.7): the revision's state as the reviewer saw it. A URS's decision
    // leaves from `returned_to_urs` only when it says it saw that state, so a decision
    // made offline before the central level's return does not overrule it unseen.
    QString seen;
};

struct DecisionAnswer
{
    QString decision; // its uuid
    QString state;    // the revision's state after it
    qint64 event = 0; // the status-feed cursor of the change
};

// The revision's current state in a 409 "state_changed": the state, and the
// decision that won (empty decision/by when no decision made the change, e.g. a
// newer revision arrived).
struct StateChanged
{
    QString state;
    QString decision; // the winner's uuid
    QString by;       // the winner's reviewer
    QDateTime at;
    int revision = 0; // optional: the report's latest revision (> the decided one when a newer arrived)
};

// One state change of a report's revision (the history of §10.3).
struct HistoryEvent
{
    qint64 cursor = 0;
    int revision = 0;
    QString state;
    QString decision; // uuid, for a decision's event
    QString comment;
    QList<ReviewNote> notes;
    QString by;           // the reviewer
    QString installation; // the installation that sent the decision
    QDateTime at;
};

// Body of PUT /api/v1/reviews/<uuid> (the uuid is not inside; decode leaves it empty).
// Compact JSON with sorted keys: the same decision always encodes to the same bytes.
QByteArray encode(const ReviewDecision &d);
// Strict: types; report and note uuids; manifestSha256 64 hex digits; revision ≥ 1;
// decision one of the five; comment ≤ 4000 characters; ≤ 200 notes, each with a
// non-blank text ≤ 4000 characters, and a photo only with its action; reviewer
// non-blank ≤ 200 characters; decidedAt a timestamp. Unknown members are ignored.
core::Result<ReviewDecision> decodeReviewDecision(const QByteArray &body);

QByteArray encode(const DecisionAnswer &a); // {"decision":…,"state":…,"event":…}
core::Result<DecisionAnswer> decodeDecisionAnswer(const QByteArray &body);

// The whole 409 body: {"error":{"code":"state_changed","message":…,"current":{state,decision,by,at[,revision]}}}.
// decodeError() reads it as any error (code and message).
QByteArray encodeStateChanged(const StateChanged &s);
QJsonObject stateChangedToJson(const StateChanged &s); // the "current" member
QString stateChangedMessage(const StateChanged &s);    // translated
core::Result<StateChanged> decodeStateChanged(const QByteArray &errorBody);

QByteArray encodeHistory(const QList<HistoryEvent> &events); // {"events":[…]}
core::Result<QList<HistoryEvent>> decodeHistory(const QByteArray &body);

// Notes as they travel (in a decision, a status event, a history event).
QJsonArray notesToJson(const QList<ReviewNote> &notes);
// False when `v` is not an array of at most kMaxReviewNotes valid notes.
bool notesFromJson(const QJsonValue &v, QList<ReviewNote> *out);

} // namespace mobiliza::sync
