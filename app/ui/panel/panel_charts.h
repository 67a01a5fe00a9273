// The Painel's charts, built from one computed PanelData (core/panel): each a new
// QChart for a QChartView to show. The series carry the figures as they are (the
// tests read them back); the labels are pt-BR through tr() and the program's
// catalogue labels.
#pragma once

#include "core/panel/panel_query.h"

#include <QPair>
#include <QString>
#include <QVector>

#include <functional>

QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace mobiliza::core {
class ProgramDefinition;
}

namespace mobiliza::ui {

struct PanelGroup;

// "abr/26": a month on an axis.
QString panelMonthTick(const core::Period &period);

QChart *makeThemeChart(const core::PanelData &data, const core::ProgramDefinition &program);
QChart *makePeopleChart(const core::PanelData &data);
QChart *makeCoverageChart(const core::PanelData &data);
// The label of a catalogue code of the field with `role` (field_role::Themes…);
// an empty code: "Other themes" for themes, "Not said" otherwise.
QString panelCodeLabel(const core::ProgramDefinition &program, const QString &role, const QString &code);
// Horizontal bars, most first, at most `maxBars` (the rest summed in one bar).
QChart *makeCountsChart(const QString &title, const QList<core::PanelCount> &counts,
                        const core::ProgramDefinition &program, const QString &role, int maxBars);

// The same with each code's label given by `labelOf` (a field that is no role's: the apoio
// panel's breakdowns, states, participants by role).
QChart *makeCountsChart(const QString &title, const QList<core::PanelCount> &counts,
                        const std::function<QString(const QString &)> &labelOf, int maxBars);
// A choice's mix against its reference: per code, the share of the actions (%) beside the
// reference's (the apoio program's 70-20-10). Each bar set's "codes" property names its bars.
QChart *makeMixChart(const QString &title, const QList<core::PanelCount> &counts,
                     const QList<QPair<QString, int>> &reference,
                     const std::function<QString(const QString &)> &labelOf);
// One bar per quadrimestre ("Q1/26"), its value on it.
QChart *makePeriodBarsChart(const QString &title, const QList<core::Period> &periods,
                            const QVector<qint64> &values);

// The coverage of the range by area (panel_areas.h): one horizontal bar per group,
// the share of its municipality-months reported (%), and the target as a line.
// The bar set's "codes" property holds each bar's group key, for a click.
QChart *makeGroupCoverageChart(const QList<PanelGroup> &groups, const QString &level, double target,
                               const core::PanelData &data);

} // namespace mobiliza::ui
