// The Painel of a municipality over its own reports: a municipal profile holds no
// replica, only what it recorded (reports, their actions and what the hub said of
// each revision). The same figures as computePanel's (panel_query.h) for one
// municipality, with these differences:
//  - what counts: with includeReceived ("reports not yet accepted too", the
//    municipality's default) every report of the month as it stands now, drafts and
//    returned ones included — the núcleo's own work; without it, only the reports the
//    URS accepted (accepted, forwarded, consolidated), as the levels above count them;
//  - coverage of a month, from what this profile knows: missing until a revision
//    reached the URS (the hub's receipt, or a package whose report the hub then
//    acknowledged: its conclusion stands in for the reception when no receipt says
//    when); returned while a returned report waits for its correction (being edited,
//    or concluded and not yet sent); else no_actions, late or on time by the first
//    reception (Brasília date);
//  - tiles.reporting / tiles.expected are months: those of the range reported, of
//    the range's months (PanelTiles' municipalities make no sense for one); the
//    same for `previous`.
#pragma once

#include "core/panel/panel_query.h"

namespace mobiliza::core {

Result<PanelData> computeOwnPanel(Database &database, const ProgramDefinition &program,
                                  const Municipality &municipality, const PanelFilter &filter);

} // namespace mobiliza::core
