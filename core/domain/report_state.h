// The monthly report lifecycle (BRIEF §2) as an explicit state machine.
#pragma once

#include <QList>
#include <QString>

namespace mobiliza::core {

enum class ReportState {
    Draft,        // Rascunho: editable, autosaved
    Ready,        // Pronto: locked snapshot of revision r, queued in the outbox
    Sending,      // Enviando
    Received,     // Recebido pela URS (hub receipt)
    Accepted,     // Aceito pela URS
    Returned,     // Devolvido para correção (with the reviewer's comment)
    Forwarded,    // Encaminhado ao nível central
    Consolidated, // Consolidado
};

// The events that move a report. Each legal (state, event) pair has exactly
// one target state; every other pair is an error.
enum class ReportEvent {
    Conclude,      // Draft → Ready (validation must pass; checked by the service)
    Withdraw,      // Ready → Draft, only while it has not left the machine
    StartSending,  // Ready → Sending
    SendFailed,    // Sending → Ready (stays queued)
    HubReceived,   // Sending|Ready → Received (Ready: receipt found on a later pass / package import)
    Accept,        // Received → Accepted
    Return,        // Received|Accepted → Returned
    Reopen,        // Returned → Draft, as revision r+1
    Forward,       // Accepted → Forwarded
    Consolidate,   // Forwarded → Consolidated
    Recall,        // Forwarded → Received: the central level returned it to the URS, which decides again
};

struct TransitionResult
{
    bool ok = false;
    ReportState to = ReportState::Draft;
    QString error; // pt-BR message (translated) when !ok
};

class ReportStateMachine
{
public:
    static TransitionResult apply(ReportState from, ReportEvent event);
    static bool canApply(ReportState from, ReportEvent event) { return apply(from, event).ok; }
    static QList<ReportState> allStates();
    static QList<ReportEvent> allEvents();
    // Editable only as a draft; every other state is a locked snapshot.
    static bool isEditable(ReportState state) { return state == ReportState::Draft; }
    // True once the revision has left the machine (the hub has it).
    static bool hasLeft(ReportState state);
};

QString reportStateKey(ReportState state);   // stable key stored in the database: "draft", "ready"…
bool reportStateFromKey(const QString &key, ReportState *out);
QString reportStateLabel(ReportState state); // translated label for the UI ("Rascunho"…)
QString reportEventKey(ReportEvent event);
QString reportEventLabel(ReportEvent event);

} // namespace mobiliza::core
