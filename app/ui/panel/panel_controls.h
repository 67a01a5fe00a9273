// The Painel's controls every level's panel shares (panel_dashboard.h at the URS and
// the central level, pages/panel_page.h at the municipality): a catalogue filter, the
// period range that stays a range, what narrows the figures in words, and a chart
// replaced by a new one.
#pragma once

#include "core/panel/panel_query.h"

#include <QStringList>

#include <functional>

class QComboBox;
class QObject;
class QWidget;

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace mobiliza::core {
class ProgramDefinition;
}

namespace mobiliza::ui {

// "Every theme" then each entry of the catalogue of the field with `role` (short
// labels, the whole label as tooltip); the code as item data.
QComboBox *newCatalogueFilter(QWidget *parent, const core::ProgramDefinition &program, const QString &objectName,
                              const QString &every, const QString &role);

// Moving one end of the range past the other moves the other too (while `adjusting()`
// is false: the controls are not being filled); `changed()` after either moves.
void keepRange(QComboBox *from, QComboBox *to, QObject *context, const std::function<bool()> &filling,
               const std::function<void()> &changed);

// Fills `from` and `to` with `count` months, `last` first (newest first). Filled the
// first time, the range is the last `defaultMonths`; filled again, the range chosen
// stays (one that ended on the newest month still does, with as many months).
// Nothing changes when they already list those months.
void fillRangeMonths(QComboBox *from, QComboBox *to, const core::Period &last, int count, int defaultMonths);

// "tema Arboviroses", "formato Mutirão": the filter's theme and format in words.
QStringList panelNarrowing(const core::ProgramDefinition &program, const core::PanelFilter &filter);

// A chart view named `name` (antialiased, at least `minHeight` tall), showing `chart`
// (none: nothing until the first figures).
QChartView *newChartView(const QString &name, QWidget *parent, int minHeight, QChart *chart = nullptr);

// Shows `chart` in `view` and deletes the chart it showed (a view never deletes it).
void replaceChart(QChartView *view, QChart *chart);

} // namespace mobiliza::ui
