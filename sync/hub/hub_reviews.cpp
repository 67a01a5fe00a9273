// ReviewDesk (docs/protocol.md §10.1, §10.3), and review(), the CLI's way into it.
#include "sync/hub/hub_reviews.h"

#include "core/domain/types.h"
#include "sync/protocol.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace mobiliza::hub {

using core::Error;
using core::Result;

namespace {

Refusal notAReviewer()
{
    return Hub::error(403, QStringLiteral("forbidden"),
                      QCoreApplication::translate(
                          "Hub",
                          "Only the reviewing levels (a URS or the central level; a COSEMS or CONASEMS) "
                          "review reports. This installation sends its own reports and receives their "
                          "reviews."));
}

Refusal commentRequired(const QString &decision = sync::review_decision::Return)
{
    return Hub::error(
        422, QStringLiteral("comment_required"),
        decision == sync::review_decision::ReturnToUrs
            ? QCoreApplication::translate("Hub", "Say what the regional office must look at again: a report "
                                                 "returned to the URS needs a comment.")
            : QCoreApplication::translate("Hub",
                                          "Say what must be corrected: a returned report needs a comment."));
}

Refusal onlyCentral()
{
    return Hub::error(403, QStringLiteral("forbidden"),
                      QCoreApplication::translate("Hub", "Only the central level consolidates a report or returns "
                                                         "it to the regional office (URS)."));
}

QString canonicalSha256(const sync::ReviewDecision &d)
{
    return QString::fromLatin1(QCryptographicHash::hash(sync::encode(d), QCryptographicHash::Sha256).toHex());
}

sync::DecisionAnswer answerOf(const DecisionRecord &r)
{
    return sync::DecisionAnswer{r.decision.uuid, r.state, r.event};
}

} // namespace

QString ReviewDesk::targetState(const QString &decision)
{
    if (decision == sync::review_decision::Start)
        return revision_state::InReview;
    if (decision == sync::review_decision::Accept)
        return revision_state::Accepted;
    if (decision == sync::review_decision::Return)
        return revision_state::Returned;
    if (decision == sync::review_decision::Consolidate)
        return revision_state::Consolidated;
    if (decision == sync::review_decision::ReturnToUrs)
        return revision_state::ReturnedToUrs;
    return {};
}

QStringList ReviewDesk::fromStates(const QString &decision)
{
    // A report the central level sent back is the URS's to decide again (§10.7).
    if (decision == sync::review_decision::Start)
        return {revision_state::Received, revision_state::ReturnedToUrs};
    if (decision == sync::review_decision::Accept || decision == sync::review_decision::Return)
        return {revision_state::Received, revision_state::InReview, revision_state::ReturnedToUrs};
    if (sync::isCentralDecision(decision))
        return {revision_state::Forwarded};
    return {};
}

Outcome<DecisionOutcome> ReviewDesk::decide(const TokenRecord &token, const QString &uuid, const QByteArray &body)
{
    if (token.scope.kind == sync::Scope::Kind::Municipality)
        return notAReviewer();
    if (!sync::isUuid(uuid))
        return Hub::error(400, QStringLiteral("bad_request"),
                          QCoreApplication::translate("Hub", "The address must name a review decision (UUID)."));
    auto decoded = sync::decodeReviewDecision(body);
    if (!decoded)
        return Hub::error(400, QStringLiteral("bad_request"), decoded.error().message);
    sync::ReviewDecision decision = decoded.value();
    decision.uuid = uuid;
    return apply(token.scope, decision, token.installation, token.id);
}

Outcome<DecisionOutcome> ReviewDesk::apply(const sync::Scope &scope, const sync::ReviewDecision &decision,
                                           const QString &installation, const QString &tokenId)
{
    HubStore &store = m_hub.store();
    // Unknown, or another region's: the same answer.
    auto report = store.report(decision.report);
    if (!report)
        return Hub::serverError(report.error());
    if (!report.value() || !m_hub.covers(scope, report.value()->municipality))
        return Hub::notFound();
    auto revision = store.revision(decision.report, decision.revision);
    if (!revision)
        return Hub::serverError(revision.error());
    if (!revision.value())
        return Hub::notFound();
    const QString target = targetState(decision.decision);
    if (target.isEmpty()) // decodeReviewDecision admits only the five
        return Hub::error(400, QStringLiteral("bad_request"),
                          QCoreApplication::translate("Hub", "Unknown review decision “%1”.").arg(decision.decision));
    if (sync::isCentralDecision(decision.decision) && scope.kind != sync::Scope::Kind::Central)
        return onlyCentral();
    if (sync::needsComment(decision.decision) && decision.comment.trimmed().isEmpty())
        return commentRequired(decision.decision);

    DecisionRecord record;
    record.decision = decision;
    record.installation = installation;
    record.tokenId = tokenId;
    record.bodySha256 = canonicalSha256(decision);
    const auto replay = [&](const DecisionRecord &stored) -> Outcome<DecisionOutcome> {
        if (stored.bodySha256 != record.bodySha256)
            return Hub::error(409, QStringLiteral("decision_conflict"),
                              QCoreApplication::translate(
                                  "Hub", "The hub already has another review decision with this identifier. "
                                         "Nothing was changed; make the decision again."));
        return DecisionOutcome{answerOf(stored), false};
    };
    auto known = store.decision(decision.uuid);
    if (!known)
        return Hub::serverError(known.error());
    if (known.value())
        return replay(*known.value());

    bool existing = false;
    // A URS decision leaves from the central level's return only when it was made on it.
    QStringList from = fromStates(decision.decision);
    if (!sync::isCentralDecision(decision.decision) && decision.seen != revision_state::ReturnedToUrs)
        from.removeAll(QString(revision_state::ReturnedToUrs));
    auto applied = store.applyDecision(record, from, target, *report.value(),
                                       m_hub.ursOf(report.value()->municipality), m_hub.now(), &existing);
    if (!applied && applied.error().code == QLatin1String("state_changed"))
        return stateChangedError(decision.report, decision.revision);
    if (!applied)
        return Hub::serverError(applied.error());
    if (existing) // the same uuid, stored meanwhile on another connection
        return replay(applied.value());
    return DecisionOutcome{answerOf(applied.value()), true};
}

Refusal ReviewDesk::stateChangedError(const QString &reportUuid, int revision) const
{
    HubStore &store = m_hub.store();
    sync::StateChanged current;
    auto revisions = store.revisions(reportUuid);
    if (!revisions)
        return Hub::serverError(revisions.error());
    for (const RevisionRecord &r : std::as_const(revisions.value())) {
        if (r.revision != revision)
            continue;
        current.state = r.state;
        current.by = r.reviewer; // a review from before the decisions were stored (schema 4)
        current.at = r.reviewedAt.isValid() ? r.reviewedAt : r.receivedAt;
    }
    const RevisionRecord latest = revisions.value().isEmpty() ? RevisionRecord{} : revisions.value().constLast();
    if (latest.revision > revision) {
        // A newer revision arrived: that is what the reviewer must look at.
        current = sync::StateChanged{latest.state, {}, {}, latest.receivedAt, latest.revision};
    } else {
        auto last = store.lastDecision(reportUuid, revision);
        if (!last)
            return Hub::serverError(last.error());
        if (last.value()) {
            current.decision = last.value()->decision.uuid;
            current.by = last.value()->decision.reviewer;
            current.at = last.value()->receivedAt;
        }
    }
    Refusal e = Hub::error(409, QStringLiteral("state_changed"), sync::stateChangedMessage(current));
    e.body.details.insert(QStringLiteral("current"), sync::stateChangedToJson(current));
    return e;
}

Outcome<QList<sync::HistoryEvent>> ReviewDesk::history(const sync::Scope &scope, const QString &reportUuid) const
{
    if (!sync::isUuid(reportUuid))
        return Hub::notFound();
    HubStore &store = m_hub.store();
    auto report = store.report(reportUuid);
    if (!report)
        return Hub::serverError(report.error());
    // Unknown, or not the scope's (another municipality's, another region's): the same answer.
    if (!report.value() || !m_hub.covers(scope, report.value()->municipality))
        return Hub::notFound();
    auto events = store.reportEvents(reportUuid);
    if (!events)
        return Hub::serverError(events.error());
    QList<sync::HistoryEvent> out;
    for (const EventRecord &e : std::as_const(events.value()))
        out << sync::HistoryEvent{e.cursor,   e.revision, e.state,    e.decision,    e.comment,
                                  e.notes,    e.reviewer, e.installation, e.at};
    return out;
}

// ------------------------------------------------------------------ the CLI
Result<ReviewOutcome> ReviewDesk::review(const QString &reportUuid, bool accept, const QString &comment,
                                         const QString &reviewer)
{
    const QString text = comment.trimmed();
    if (!accept && text.isEmpty())
        return Error{QStringLiteral("comment_required"), commentRequired().body.message};
    const Error notFound{QStringLiteral("not_found"),
                         QCoreApplication::translate("Hub", "There is no report %1 on this hub.").arg(reportUuid)};
    auto report = m_hub.store().report(reportUuid.trimmed().toLower());
    if (!report)
        return report.error();
    if (!report.value())
        return notFound;
    auto revisions = m_hub.store().revisions(report.value()->uuid);
    if (!revisions)
        return revisions.error();
    if (revisions.value().isEmpty())
        return notFound;
    // The latest revision as it is now, decided by the regional office at the hub itself:
    // the same path as a decision over HTTP, on the central level's behalf.
    const RevisionRecord &latest = revisions.value().constLast();
    sync::ReviewDecision d;
    d.uuid = core::newUuid();
    d.report = report.value()->uuid;
    d.revision = latest.revision;
    d.manifestSha256 = latest.manifestSha256;
    d.decision = accept ? QString(sync::review_decision::Accept) : QString(sync::review_decision::Return);
    d.comment = accept ? QString() : text;
    d.reviewer = reviewer.trimmed().isEmpty() ? QStringLiteral("mobiliza-hub") : reviewer.trimmed();
    d.decidedAt = m_hub.now();
    d.seen = latest.state; // decided at the hub on the state it has now
    sync::Scope central;   // the hub's own operator: the central level of the report's program
    central.kind = sync::Scope::Kind::Central;
    central.program = report.value()->program;
    auto applied = apply(central, d, QString(), QString());
    if (!applied) {
        const Refusal &e = applied.error();
        // The CLI's word for it (a returned or accepted report is not reviewed again).
        const QString code = e.body.code == QLatin1String("state_changed") ? QStringLiteral("invalid_transition")
                                                                             : e.body.code;
        return Error{code, e.body.message};
    }
    auto reviewed = m_hub.store().revision(d.report, d.revision);
    if (!reviewed)
        return reviewed.error();
    if (!reviewed.value())
        return notFound;
    RevisionRecord r = *reviewed.value();
    r.manifest.clear();
    return ReviewOutcome{*report.value(), r};
}

} // namespace mobiliza::hub
