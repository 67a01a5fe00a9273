// The quanti panel of a program whose reports are people's (the apoio register, issue 11):
// what a COSEMS coordination sees of its state and CONASEMS of the country. Everything it
// counts is declared by the program (docs/programs.md, "panel"): the choice fields it breaks
// the actions down by, the mix a choice is measured against (70-20-10), the participants by
// the parts of the `parts_sum` rule of the people-reached field, the states (role `uf`), the
// municipalities supported (role `municipalities`) and the encaminhamentos (role
// `referrals`). No program's codes are written here.
//
// What counts: the actions of each report's latest revision in the filter's periods whose
// state is accepted, forwarded or consolidated — with includeReceived, received or in review
// too; never a returned one — this installation's decisions not yet confirmed by the hub
// counting as made (ReviewOutbox::localStates). Read from the manifests in the copy, so it
// works offline; a listed revision whose manifest has not arrived is counted apart
// (reportsWaiting), the figures may grow.
#pragma once

#include "core/domain/types.h"
#include "core/panel/panel_query.h"
#include "core/util/result.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>
#include <QVector>

namespace mobiliza::core {

class BrazilReference;
class Clock;
class ProgramDefinition;
class ReplicaService;

struct ProgramPanelFilter
{
    Period from; // inclusive, periods of the program (quadrimestres)
    Period to;   // inclusive, ≥ from
    QString uf;  // the actions in this state (role `uf`); empty: every state
    bool includeReceived = false;
    QDate today; // encaminhamentos whose follow-up date is before it and not done are late
    friend bool operator==(const ProgramPanelFilter &, const ProgramPanelFilter &) = default;
};

// The actions by the codes of one choice field, in the catalogue's order; an action with
// none counts under code "" (not said), last, only when there is one. A multichoice field
// counts an action once under each of its codes.
struct ProgramPanelBreakdown
{
    QString field;
    QList<PanelCount> counts;
    friend bool operator==(const ProgramPanelBreakdown &, const ProgramPanelBreakdown &) = default;
};

// A choice against the program's reference mix: each code's actions and its share in %.
struct ProgramPanelMix
{
    QString field;
    QList<PanelCount> counts;          // in the reference's order
    QList<QPair<QString, int>> shares; // the reference (%)
    qint64 total() const;
    double percent(qsizetype i) const; // counts[i] ÷ total × 100; 0 when nothing counted
    friend bool operator==(const ProgramPanelMix &, const ProgramPanelMix &) = default;
};

struct ProgramPanelData
{
    ProgramPanelFilter filter;
    QList<Period> periods;           // from … to
    QVector<qint64> actionsByPeriod; // per period
    qint64 actions = 0;
    qint64 participants = 0;                 // the people-reached field, summed
    int reports = 0;                         // counted reports
    int units = 0;                           // distinct reporting units (apoiadores) among them
    int reportsWaiting = 0;                  // listed, in the periods, whose manifest has not arrived
    QList<ProgramPanelBreakdown> breakdowns; // the program's, in its order
    QList<ProgramPanelMix> mixes;
    QList<PanelCount> byUf; // actions per state (code: UF), most first; "" = not said
    // Participants by the parts of the people-reached total (code: the part's field id, in
    // the rule's order), then code "" for what no part accounts for.
    QList<PanelCount> participantsByPart;
    // Municipalities named by the actions (in filter.uf when set): IBGE → actions.
    QHash<QString, qint64> municipalities;
    int territoryMunicipalities = 0; // of filter.uf, or of the country
    int withoutMunicipalities = 0;   // actions that named none (a região de saúde as text)
    int referralsOpen = 0;
    int referralsDone = 0;
    int referralsLate = 0; // not done, follow-up date before filter.today
    friend bool operator==(const ProgramPanelData &, const ProgramPanelData &) = default;
};

// `localStates`: ReviewOutbox::localStates(). Error "invalid_filter" for periods not of the
// program or a range upside down.
Result<ProgramPanelData> computeProgramPanel(const ReplicaService &replica, const ProgramDefinition &program,
                                             const BrazilReference &brazil, const ProgramPanelFilter &filter,
                                             const QHash<QString, QString> &localStates = {});

// The panel of `filter` and of the same number of periods just before it (for the change the
// tiles show), computed through a connection of the calling thread's own to the profile in
// `dataDir` (read only, the review decisions made here included): for a worker thread.
struct ProgramPanelAnswer
{
    ProgramPanelData current;
    ProgramPanelData previous;
};
Result<ProgramPanelAnswer> computeProgramPanelIn(const QString &dataDir, const Clock &clock,
                                                 const ProgramDefinition &program,
                                                 const BrazilReference &brazil,
                                                 const ProgramPanelFilter &filter);

// The two item fields of a `referrals` list the panel reads: the first boolean (done) and the
// first required date (follow-up). Empty ids when the program has no such list.
struct ReferralFields
{
    QString list, done, followUp;
};
ReferralFields referralFields(const ProgramDefinition &program);

} // namespace mobiliza::core
