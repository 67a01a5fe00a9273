// The Painel of a scope — a URS's municipalities (the central level: the state)
// — from the local replica, offline: filters that apply to everything (period
// range, theme, format, municipality, and whether received reports not yet
// accepted count), tiles with the change against the previous period, and the
// charts (Qt Charts): actions per month by theme, people reached, coverage
// against its target, actions by format and by público-alvo, and the ranking of
// municipalities. Clicking a theme, a format or a municipality narrows the filter
// to it; a coverage bar opens the coverage grid. Every tile, and a municipality's
// actions in the ranking, opens the list behind the number (panel_list_dialog.h);
// every chart saves itself as PNG or SVG (its context menu).
//
// The figures are computed by core::PanelJob off the UI thread; the page does no
// work while hidden (a change of the replica marks it to redo when shown).
#pragma once

#include "app/ui/app_context.h"
#include "core/panel/panel_query.h"
#include "core/panel/panel_rows.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace mobiliza::core {
class PanelJob;
}

namespace mobiliza::ui {

class Dialogs;
class PanelListDialog;
class PanelRankingModel;
class PanelTile;
class TargetsDialog;

class PanelDashboard : public QWidget
{
    Q_OBJECT

public:
    PanelDashboard(const AppContext &context, Dialogs &dialogs, QWidget *parent = nullptr);
    ~PanelDashboard() override;

    // The figures shown now (empty before the first answer).
    const std::optional<core::PanelData> &data() const { return m_data; }
    int chartBuilds() const { return m_chartBuilds; } // for tests: the same figures draw nothing again
    core::PanelFilter filter() const; // as the controls say
    bool isComputing() const;
    // The targets window (the "Targets…" button): editable at the central level.
    TargetsDialog *openTargets();

    // Narrowing (also by clicking a chart or a ranking row).
    void setMunicipality(const QString &ibge); // empty: the whole scope
    QChartView *mapView() const { return m_mapView; }
    QComboBox *mapColourBox() const { return m_mapColour; }
    void setArea(const QString &key);          // panel_areas.h; empty: the whole scope
    void setTheme(const QString &code);
    void setFormat(const QString &code);
    void clearFilters();
    // The figures shown, one row per municipality × month (core/panel/panel_export.h),
    // to a file the person picks; written on a worker. False when nothing was started.
    bool exportData(bool xlsx);
    // The Balanço mensal of the figures shown (core/panel/balanco_pdf.h), likewise.
    bool exportBalanco();
    // The list behind a number of the figures shown (a tab per kind), in a window of its
    // own; `municipality` narrows it to one. Null before the first figures.
    PanelListDialog *openList(const QList<core::PanelListKind> &kinds, const QString &title,
                              const QString &municipality = {});
    // A chart as the person sees it, to a file the person picks (the dialogs seam):
    // PNG at twice the screen's resolution, or SVG. False when nothing was written.
    bool saveChart(QChartView *view, bool svg);
    QList<QChartView *> chartViews() const;

Q_SIGNALS:
    void refreshed();                           // new figures are on screen
    void computeFailed(const QString &message); // said on the page too
    void exported(bool ok); // an export ended (and the person was told)
    void openCoverageRequested(const mobiliza::core::Period &period);
    void openReportRequested(const QString &reportUuid); // from a list's row

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void buildFilters();
    void fillMonths();
    void requestFigures();
    void showFigures(const core::PanelData &data);
    void showRanking(const core::PanelData &data);
    void showChart(QChartView *view, QChart *chart); // and wires its clicks
    void wireChart(QChartView *view);
    void wireLists();       // panel_dashboard_lists.cpp
    void wireChartExport(); // panel_dashboard_export.cpp
    void fitThemeLegend(); // beside the bars when there is room, under them otherwise
    QList<core::Municipality> scope() const;
    void fillMunicipalities(); // those of the chosen area
    QString municipalityName(const QString &ibge) const;

    AppContext m_context;
    Dialogs &m_dialogs;
    bool m_exporting = false;
    QTimer *m_refresh = nullptr; // a pause in the replica's changes
    core::PanelJob *m_job = nullptr;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QComboBox *m_theme = nullptr;
    QComboBox *m_format = nullptr;
    QComboBox *m_area = nullptr;
    QComboBox *m_municipality = nullptr;
    QCheckBox *m_includeReceived = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_shown = nullptr;
    QLabel *m_status = nullptr;
    PanelTile *m_actions = nullptr;
    PanelTile *m_people = nullptr;
    PanelTile *m_reporting = nullptr;
    PanelTile *m_onTime = nullptr;
    PanelTile *m_active = nullptr;
    QChartView *m_themeView = nullptr;
    QChartView *m_peopleView = nullptr;
    QChartView *m_coverageView = nullptr;
    QChartView *m_formatView = nullptr;
    QChartView *m_audienceView = nullptr;
    QChartView *m_groupView = nullptr;
    QChartView *m_mapView = nullptr;   // panel_map.h
    QComboBox *m_mapColour = nullptr; // actions | months reported
    QTableView *m_ranking = nullptr;
    PanelRankingModel *m_rankingModel = nullptr;
    QSortFilterProxyModel *m_rankingSorted = nullptr;
    std::optional<core::PanelData> m_data;
    int m_chartBuilds = 0;
    bool m_dirty = true;
    bool m_monthsStale = false; // the replica changed since the months were listed
    bool m_building = false; // the controls are being filled: no request per change
};

} // namespace mobiliza::ui
