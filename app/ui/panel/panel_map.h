// The Painel's dot map of Minas Gerais: one dot per municipality of the scope at
// its seat's coordinates (resources/reference/mg_municipios_geo.csv, from the
// shared reference data), coloured by its actions in the range or by how many of
// the range's months it reported. The classes of actions have no gaps: 0, then
// quartiles of the municipalities with actions, each "a–b" starting one after
// the previous class ends. A click on a dot narrows the panel to it.
#pragma once

#include "core/panel/panel_query.h"
#include "core/reference/brazil_reference.h"

#include <QHash>
#include <QPointF>
#include <QString>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace mobiliza::ui {

// IBGE → (longitude, latitude), read once from the binary's resources.
const QHash<QString, QPointF> &municipalityCoordinates();

enum class MapColour
{
    Actions,
    Reporting
};

// A class of the legend: its bounds (actions; or months reported) and label.
struct MapClass
{
    qint64 lower = 0;
    qint64 upper = 0;
    QString label;
};

// The classes for these values (actions per municipality): [0,0], then up to four
// contiguous ranges over the positive values.
QList<MapClass> actionClasses(const QList<qint64> &values);

// One QScatterSeries per class, in the legend's order; each series' property
// "ibges" (QStringList) holds its points' municipalities, "lower"/"upper" its bounds.
QChart *makeMapChart(const core::PanelData &data, MapColour colour);

// The apoio panel's dot map: every municipality of `territory` (a state, or the country) at its
// seat, coloured by the actions that named it (`actions`: IBGE → count), in the classes above;
// the series carry "ibges", "lower" and "upper" as makeMapChart's do.
QChart *makeReachMapChart(const QString &title, const QList<core::BrMunicipality> &territory,
                          const QHash<QString, qint64> &actions);

} // namespace mobiliza::ui
