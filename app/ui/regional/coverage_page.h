// "Cobertura": which municipality of the URS sent which month (the last 12
// competências), coloured by state, with the month's total against the target. At a
// COSEMS: which apoiador sent which quadrimestre, and which municipalities of the
// state the period's apoio reached.
// A cell says in words what it means; a cell with a report opens it in the
// inbox (double-click, Enter or "Abrir o relatório"); the month's municipalities
// that did not report go to a CSV for Excel or to the clipboard.
#pragma once

#include "app/ui/app_context.h"
#include "core/regional/territory_reach.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace mobiliza::ui {

class CoverageModel;
class Dialogs;

class CoveragePage : public QWidget
{
    Q_OBJECT

public:
    CoveragePage(const AppContext &context, Dialogs &dialogs, QWidget *parent = nullptr);

    static constexpr int kMonths = 12;
    // The columns: 12 months, or 6 quadrimestres (two years) for a quadrimestral program.
    int periodCount() const;

    void reload();
    // Selects the month `period` when the grid shows it (the Painel's coverage bar opens it so).
    void selectPeriod(const core::Period &period);
    QTableView *table() const { return m_table; }
    CoverageModel *model() const { return m_model; }
    QLabel *detailLabel() const { return m_detail; }
    QLabel *monthLabel() const { return m_monthLabel; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *openButton() const { return m_open; }
    int selectedColumn() const { return m_column; }
    void selectColumn(int column);
    // The CSV of the selected month's municipalities that did not report (UTF-8 with BOM, ';').
    QByteArray notReportedCsv() const;
    QString notReportedText() const; // what "Copiar lista" puts on the clipboard
    // A coordination of people (the COSEMS): the selected period's municipalities of
    // the state that no action reached (core::territoryReach), and their list.
    QLabel *reachLabel() const { return m_reach; }
    QPushButton *copyReachButton() const { return m_copyReach; }
    const core::TerritoryReach &reach() const { return m_reachData; }
    QString notReachedText() const;

Q_SIGNALS:
    void openReportRequested(const QString &reportUuid);

protected:
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void showCell(const QModelIndex &index);
    void exportCsv();
    void copyList();
    void openCurrent();
    void updateMonth();
    void fitColumns();
    void updateReach();

    AppContext m_context;
    Dialogs &m_dialogs;
    CoverageModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_detail = nullptr;
    QLabel *m_monthLabel = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_open = nullptr;
    QLabel *m_reach = nullptr;
    QPushButton *m_copyReach = nullptr;
    core::TerritoryReach m_reachData;
    bool m_people = false;
    int m_column = -1;
    bool m_dirty = true;
};

} // namespace mobiliza::ui
