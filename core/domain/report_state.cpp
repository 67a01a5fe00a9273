#include "core/domain/report_state.h"

#include <QCoreApplication>

namespace mobiliza::core {

TransitionResult ReportStateMachine::apply(ReportState from, ReportEvent event)
{
    using S = ReportState;
    using E = ReportEvent;
    auto ok = [](S to) { return TransitionResult{true, to, {}}; };

    switch (event) {
    case E::Conclude:
        if (from == S::Draft)
            return ok(S::Ready);
        break;
    case E::Withdraw:
        if (from == S::Ready)
            return ok(S::Draft);
        break;
    case E::StartSending:
        if (from == S::Ready)
            return ok(S::Sending);
        break;
    case E::SendFailed:
        if (from == S::Sending)
            return ok(S::Ready);
        break;
    case E::HubReceived:
        if (from == S::Sending || from == S::Ready)
            return ok(S::Received);
        break;
    case E::Accept:
        if (from == S::Received)
            return ok(S::Accepted);
        break;
    case E::Return:
        if (from == S::Received || from == S::Accepted)
            return ok(S::Returned);
        break;
    case E::Reopen:
        if (from == S::Returned)
            return ok(S::Draft);
        break;
    case E::Forward:
        if (from == S::Accepted)
            return ok(S::Forwarded);
        break;
    case E::Consolidate:
        if (from == S::Forwarded)
            return ok(S::Consolidated);
        break;
    case E::Recall:
        if (from == S::Forwarded)
            return ok(S::Received);
        break;
    }
    return TransitionResult{
        false, from,
        QCoreApplication::translate("ReportState", "A report in state \"%1\" cannot be %2.")
            .arg(reportStateLabel(from), reportEventLabel(event))};
}

QList<ReportState> ReportStateMachine::allStates()
{
    using S = ReportState;
    return {S::Draft,    S::Ready,    S::Sending,   S::Received,
            S::Accepted, S::Returned, S::Forwarded, S::Consolidated};
}

QList<ReportEvent> ReportStateMachine::allEvents()
{
    using E = ReportEvent;
    return {E::Conclude, E::Withdraw, E::StartSending, E::SendFailed, E::HubReceived,
            E::Accept,   E::Return,   E::Reopen,       E::Forward,    E::Consolidate, E::Recall};
}

bool ReportStateMachine::hasLeft(ReportState state)
{
    switch (state) {
    case ReportState::Draft:
    case ReportState::Ready:
    case ReportState::Sending:
        return false;
    default:
        return true;
    }
}

QString reportStateKey(ReportState state)
{
    switch (state) {
    case ReportState::Draft: return QStringLiteral("draft");
    case ReportState::Ready: return QStringLiteral("ready");
    case ReportState::Sending: return QStringLiteral("sending");
    case ReportState::Received: return QStringLiteral("received");
    case ReportState::Accepted: return QStringLiteral("accepted");
    case ReportState::Returned: return QStringLiteral("returned");
    case ReportState::Forwarded: return QStringLiteral("forwarded");
    case ReportState::Consolidated: return QStringLiteral("consolidated");
    }
    return {};
}

bool reportStateFromKey(const QString &key, ReportState *out)
{
    for (ReportState s : ReportStateMachine::allStates()) {
        if (reportStateKey(s) == key) {
            if (out)
                *out = s;
            return true;
        }
    }
    return false;
}

QString reportStateLabel(ReportState state)
{
    switch (state) {
    case ReportState::Draft: return QCoreApplication::translate("ReportState", "Draft");
    case ReportState::Ready: return QCoreApplication::translate("ReportState", "Ready to send");
    case ReportState::Sending: return QCoreApplication::translate("ReportState", "Sending");
    case ReportState::Received: return QCoreApplication::translate("ReportState", "Received by the URS");
    case ReportState::Accepted: return QCoreApplication::translate("ReportState", "Accepted by the URS");
    case ReportState::Returned: return QCoreApplication::translate("ReportState", "Returned for correction");
    case ReportState::Forwarded: return QCoreApplication::translate("ReportState", "Forwarded to the central level");
    case ReportState::Consolidated: return QCoreApplication::translate("ReportState", "Consolidated");
    }
    return {};
}

QString reportEventKey(ReportEvent event)
{
    switch (event) {
    case ReportEvent::Conclude: return QStringLiteral("conclude");
    case ReportEvent::Withdraw: return QStringLiteral("withdraw");
    case ReportEvent::StartSending: return QStringLiteral("start_sending");
    case ReportEvent::SendFailed: return QStringLiteral("send_failed");
    case ReportEvent::HubReceived: return QStringLiteral("hub_received");
    case ReportEvent::Accept: return QStringLiteral("accept");
    case ReportEvent::Return: return QStringLiteral("return");
    case ReportEvent::Reopen: return QStringLiteral("reopen");
    case ReportEvent::Forward: return QStringLiteral("forward");
    case ReportEvent::Consolidate: return QStringLiteral("consolidate");
    case ReportEvent::Recall: return QStringLiteral("recall");
    }
    return {};
}

QString reportEventLabel(ReportEvent event)
{
    switch (event) {
    case ReportEvent::Conclude: return QCoreApplication::translate("ReportState", "concluded");
    case ReportEvent::Withdraw: return QCoreApplication::translate("ReportState", "withdrawn from the outbox");
    case ReportEvent::StartSending: return QCoreApplication::translate("ReportState", "sent");
    case ReportEvent::SendFailed: return QCoreApplication::translate("ReportState", "put back in the queue");
    case ReportEvent::HubReceived: return QCoreApplication::translate("ReportState", "marked as received");
    case ReportEvent::Accept: return QCoreApplication::translate("ReportState", "accepted");
    case ReportEvent::Return: return QCoreApplication::translate("ReportState", "returned for correction");
    case ReportEvent::Reopen: return QCoreApplication::translate("ReportState", "reopened");
    case ReportEvent::Forward: return QCoreApplication::translate("ReportState", "forwarded to the central level");
    case ReportEvent::Consolidate: return QCoreApplication::translate("ReportState", "consolidated");
    case ReportEvent::Recall: return QCoreApplication::translate("ReportState", "returned to the URS by the central level");
    }
    return {};
}

} // namespace mobiliza::core
