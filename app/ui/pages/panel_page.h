// The municipality's Painel: the figures of its own reports (core/panel/own_panel.h),
// offline — the same tiles and charts the URS and the central level see for their
// scopes (app/ui/panel), restricted to this municipality, and its months one by one:
// the report's state, whether it reached the URS (on time, late, returned; not yet,
// with its deadline — in red once past), its actions and people reached. Filters: period range, theme,
// format, and whether reports not yet accepted by the URS count (they do by default: the núcleo's own work).
// Clicking a theme or a format narrows to it; double-clicking a month opens its report. The figures go to
// CSV/XLSX (one row a month) and each chart to PNG or SVG (its context menu), as at the other levels
// (app/ui/panel/panel_files.h).
//
// Computed by core::PanelJob off the UI thread; a hidden page does no work (a change
// of the reports marks it to redo when shown).
#pragma once

#include "app/ui/app_context.h"
#include "core/panel/panel_query.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableWidget;
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
class PanelTile;

class PanelPage : public QWidget
{
    Q_OBJECT

public:
    PanelPage(const AppContext &context, Dialogs &dialogs, QWidget *parent = nullptr);
    ~PanelPage() override;

    const std::optional<core::PanelData> &data() const { return m_data; }
    int chartBuilds() const { return m_chartBuilds; } // for tests: unchanged figures draw nothing again
    core::PanelFilter filter() const; // as the controls say
    bool isComputing() const;
    int figureRequests() const { return m_requests; } // for tests: no work while hidden
    QLabel *errorLabel() const { return m_error; } // why the figures cannot be computed, when they cannot
    QTableWidget *monthsTable() const { return m_months; }
    QList<QChartView *> chartViews() const;
    void setTheme(const QString &code); // empty: every theme
    void setFormat(const QString &code);
    // The figures shown, one row per month, to a file the person picks (on a worker);
    // false when nothing was started.
    bool exportData(bool xlsx);

Q_SIGNALS:
    void refreshed(); // new figures are on screen
    void computeFailed(const QString &message);
    void openReportRequested(const QString &uuid); // a month double-clicked
    void startMonthRequested(const QString &periodKey); // a month without a report double-clicked
    void exported(bool ok);                        // an export ended (and the person was told)

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fillMonths();
    void requestFigures();
    void showFigures(const core::PanelData &data);
    void showMonths(const core::PanelData &data);
    void showChart(QChartView *view, QChart *chart); // and wires its clicks

    AppContext m_context;
    Dialogs &m_dialogs;
    bool m_exporting = false;
    core::PanelJob *m_job = nullptr;
    std::optional<core::Municipality> m_municipality;
    QTimer *m_refresh = nullptr;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QComboBox *m_theme = nullptr;
    QComboBox *m_format = nullptr;
    QCheckBox *m_includeUnaccepted = nullptr;
    QLabel *m_shown = nullptr;
    QLabel *m_error = nullptr;
    PanelTile *m_actions = nullptr;
    PanelTile *m_people = nullptr;
    PanelTile *m_reporting = nullptr;
    PanelTile *m_onTime = nullptr;
    QChartView *m_themeView = nullptr;
    QChartView *m_peopleView = nullptr;
    QChartView *m_formatView = nullptr;
    QChartView *m_audienceView = nullptr;
    QTableWidget *m_months = nullptr;
    std::optional<core::PanelData> m_data;
    int m_chartBuilds = 0;
    core::Period m_monthsFrom, m_monthsTo; // what the period combos offer
    bool m_dirty = true;
    bool m_building = false;
    int m_requests = 0; // computations asked of the job
};

} // namespace mobiliza::ui
