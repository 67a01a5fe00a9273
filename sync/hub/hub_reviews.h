// The hub's review desk (docs/protocol.md §10.1, §10.3): decisions on a
// municipality's revision by a URS (its own municipalities) or the central level —
// start (received → in_review), accept and return (received | in_review → accepted |
// returned, on the report's latest revision only) — and a report's history.
//
// The one write path of a review: PUT /api/v1/reviews/<uuid> (decide) and the CLI's
// `mobiliza-hub review` (review()) both go through apply(). A decision, the revision's new state and its
// status event are one transaction; a decision is idempotent by its client-made uuid.
//
// One resource of the hub behind the one dispatcher (hub_dispatch): it holds only
// the Hub (scopes, clock, store), so it is made per request.
#pragma once

#include "sync/hub/hub.h"
#include "sync/protocol_review.h"

namespace mobiliza::hub {

struct ReviewOutcome
{
    ReportRecord report;
    RevisionRecord revision;
};

struct DecisionOutcome
{
    sync::DecisionAnswer answer;
    bool created = false; // false: the same decision was already here (200, the same answer)
};

class ReviewDesk
{
public:
    explicit ReviewDesk(Hub &hub) : m_hub(hub) {}

    // PUT /api/v1/reviews/<uuid>: a municipality's token → 403 forbidden; a uuid that
    // is not one or a body that does not decode → 400 bad_request; then apply().
    Outcome<DecisionOutcome> decide(const TokenRecord &token, const QString &uuid, const QByteArray &body);

    // The checks, in order: the report unknown or outside the scope, or the revision
    // unknown → 404 not_found (the same answer); a return with a blank comment → 422
    // comment_required; the uuid already stored → 200 with its answer when the
    // decision is the same (by its canonical encoding), else 409 decision_conflict;
    // a revision that is not the latest, has another manifest hash or is not in a
    // state the decision leaves from → 409 state_changed with the current state and
    // the decision that made it ("current"). Otherwise 201.
    Outcome<DecisionOutcome> apply(const sync::Scope &scope, const sync::ReviewDecision &decision,
                                   const QString &installation, const QString &tokenId);

    // The CLI's: accept or return the latest revision of the report, on the central
    // level's behalf, through apply() (a decision uuid made here). Errors
    // "comment_required", "not_found", "invalid_transition" (already decided).
    core::Result<ReviewOutcome> review(const QString &reportUuid, bool accept, const QString &comment,
                                       const QString &reviewer);

    // GET /api/v1/reports/<uuid>/history: every status event of the report, oldest
    // first, to a scope that covers its municipality (its own municipality, its URS,
    // the central level); any other report, or an unknown one, → 404 not_found.
    Outcome<QList<sync::HistoryEvent>> history(const sync::Scope &scope, const QString &reportUuid) const;

    // The state a decision leads to ("start" → in_review…), and those it leaves from.
    static QString targetState(const QString &decision);
    static QStringList fromStates(const QString &decision);

private:
    // The 409 for a decision on `revision` of the report, as things are now.
    Refusal stateChangedError(const QString &reportUuid, int revision) const;

    Hub &m_hub;
};

} // namespace mobiliza::hub
