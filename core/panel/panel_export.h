// The Painel's data for Excel pt-BR (BRIEF §5): one row per municipality × month of
// the selection — the municipality, its URS, região and macrorregião, the month,
// whether its report was sent (coverage) and the actions and people reached the
// filter counts. Nothing about partners travels here (BRIEF §7).
#pragma once

#include "core/panel/panel_query.h"
#include "core/util/result.h"

namespace mobiliza::core {

class ReferenceData;

namespace outputs {
struct Table;
}

outputs::Table panelTable(const PanelData &data, const ReferenceData &reference);
// By the file's suffix: .xlsx, otherwise CSV (UTF-8 with BOM, ';'). Atomic: the
// file is whole or absent.
Status writePanelTable(const PanelData &data, const ReferenceData &reference, const QString &path);

} // namespace mobiliza::core
