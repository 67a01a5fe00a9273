// The Painel's geography: the areas a filter can narrow to (the central level:
// macrorregiões, URS and regiões de saúde; a URS: its regiões de saúde), the
// municipalities of an area, and the drill-down groups of the coverage chart —
// the next level under the area shown (state → URS → região de saúde → município;
// a macrorregião shows its URS).
#pragma once

#include "core/domain/role.h"
#include "core/domain/types.h"
#include "core/panel/panel_query.h"

#include <QList>
#include <QString>

namespace mobiliza::core {
class ReferenceData;
}

namespace mobiliza::ui {

struct PanelArea
{
    QString key;   // "macro:3101", "urs:Barbacena", "regiao:31001"; empty: the whole scope
    QString label; // "Macrorregião Centro Sul", "URS Barbacena", "Região de saúde Barbacena"
};

// In display order: macrorregiões, URS, regiões (each by name). A URS: its regiões.
QList<PanelArea> panelAreas(const core::ReferenceData &reference, const QList<core::Municipality> &scope);
// The municipalities of `scope` in the area (all of them for an empty key).
QList<core::Municipality> municipalitiesOfArea(const QList<core::Municipality> &scope, const QString &areaKey);

struct PanelGroup
{
    QString key;   // an area key, or "municipality:IBGE" at the last level
    QString label; // what the bar says
    int reported = 0; // municipality-months sent (on time, late, without actions)
    int expected = 0; // municipality-months of the range
    double share() const { return expected > 0 ? double(reported) / double(expected) : 0.0; }
};

// The coverage of the range by the next level under `areaKey`, from the panel's
// cells, in name order. `level` says what the groups are ("URS", "Região de saúde",
// "Município"), translated.
QList<PanelGroup> coverageGroups(const core::PanelData &data, const core::ReferenceData &reference,
                                 core::Role role, const QString &areaKey, QString *level);

} // namespace mobiliza::ui
