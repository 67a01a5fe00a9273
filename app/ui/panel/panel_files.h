// What the Painel writes, shared by every level's panel (panel_dashboard.h at the URS
// and the central level, pages/panel_page.h at the municipality): the file names it
// suggests, a chart saved as PNG or SVG from its context menu, and the figures'
// table (core/panel/panel_export.h) written on a worker.
#pragma once

#include "core/panel/panel_query.h"

#include <QString>

#include <functional>

class QWidget;

QT_BEGIN_NAMESPACE
class QChartView;
QT_END_NAMESPACE

namespace mobiliza::core {
class ReferenceData;
}

namespace mobiliza::ui {

class Dialogs;

// "<Documents>/painel-2026-01-a-2026-12-tema-arboviroses.csv": the stem, the range and
// what narrows it, so two exports of other filters never look alike.
QString panelSuggestedPath(const QString &stem, const core::PanelFilter &filter, const QString &suffix);

// "Save chart as PNG…" and "… SVG…" in the view's context menu, calling `save(view, svg)`.
void addChartSaveActions(QChartView *view, QWidget *receiver,
                         const std::function<void(QChartView *, bool)> &save);

// The chart as the person sees it, to a file the person picks (the dialogs seam): PNG
// at twice the screen's resolution, or SVG (titled, `description` inside). Whole or
// absent; the person is told either way. False when nothing was written.
bool saveChartFile(QWidget *parent, Dialogs &dialogs, QChartView *view, const core::PanelFilter &filter,
                   const QString &description, bool svg);

// The figures' table (one row per municipality × month) to a file the person picks
// (.csv or .xlsx), on a worker; `done(ok)` on this thread once the person was told.
// False when nothing was started (no file chosen).
bool exportPanelTable(QWidget *parent, Dialogs &dialogs, const core::PanelData &data,
                      const core::ReferenceData &reference, bool xlsx, const std::function<void(bool)> &done);

} // namespace mobiliza::ui
