// The quanti panel of a program whose reports are people's (the apoio register, issue 11):
// the COSEMS coordination's of its state, CONASEMS's of the country (a state to choose).
// Tiles with the change against the same number of quadrimestres before, the actions by
// each breakdown the program declares, its mix against the reference (70-20-10), the
// participants by role, the encaminhamentos, the actions by state and a dot map of the
// municipalities supported (core/panel/program_panel.h). Computed on a worker thread from
// this computer's copy, only while the page is shown; CSV/XLSX of the figures.
#pragma once

#include "app/ui/app_context.h"
#include "core/panel/program_panel.h"

#include <QFutureWatcher>
#include <QHash>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

namespace mobiliza::ui {

class Dialogs;
class PanelTile;
class TextSearchView;

class ProgramPanelPage : public QWidget
{
    Q_OBJECT

public:
    ProgramPanelPage(const AppContext &context, Dialogs &dialogs, QWidget *parent = nullptr);
    ~ProgramPanelPage() override; // waits for a computation under way

    // The figures shown (none before the first answer), and whether one is being computed.
    const std::optional<core::ProgramPanelAnswer> &answer() const { return m_answer; }
    bool isComputing() const { return m_running; }
    QChartView *chartView(const QString &objectName) const; // "chartMap", "chartMix_learning_mode"…
    core::ProgramPanelFilter filter() const;

    bool exportData(bool xlsx); // asks where; false when cancelled or nothing to export
    TextSearchView *textSearch() const { return m_search; } // the "Texts" tab (quali)
    void showTexts();                                       // selects that tab

Q_SIGNALS:
    void computed(); // new figures shown
    void computeFailed(const QString &message);
    void exported(bool ok);
    void openReportRequested(const QString &uuid); // a passage's link (a COSEMS opens it in its inbox)

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fillPeriods();
    void request();
    void start();
    void onFinished();
    void show(const core::ProgramPanelAnswer &answer);
    QString codeLabel(const QString &field, const QString &code) const;
    QString placeText(const QString &uf) const;

    AppContext m_context;
    Dialogs &m_dialogs;
    QString m_fixedUf; // a COSEMS's state; empty at CONASEMS (m_uf chooses)
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QComboBox *m_uf = nullptr;
    QCheckBox *m_includeReceived = nullptr;
    QPushButton *m_csv = nullptr;
    QPushButton *m_xlsx = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_shown = nullptr;
    PanelTile *m_actions = nullptr;
    PanelTile *m_participants = nullptr;
    PanelTile *m_reached = nullptr;
    PanelTile *m_units = nullptr;
    PanelTile *m_late = nullptr;
    QHash<QString, QChartView *> m_views;
    TextSearchView *m_search = nullptr;
    QTabWidget *m_tabs = nullptr;
    QFutureWatcher<core::Result<core::ProgramPanelAnswer>> m_watcher;
    std::optional<core::ProgramPanelAnswer> m_answer;
    bool m_running = false;
    bool m_pending = false;
    bool m_dirty = true;
    bool m_filling = false;
    bool m_exporting = false;
};

} // namespace mobiliza::ui
