#pragma once

#include "app/ui/app_context.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QToolButton;
class QTableView;

namespace mobiliza::ui {

class Dialogs;
class ReportListModel;
class ReportOutputs;

class ReportsPage : public QWidget
{
    Q_OBJECT

public:
    ReportsPage(const AppContext &context, Dialogs &dialogs, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *createPreviousButton() const { return m_createPrevious; }
    QPushButton *openButton() const { return m_open; }
    // "Another month…": every month of the last two years without a report, newest
    // first, each with its deadline (a late one says so).
    QToolButton *otherMonthButton() const { return m_otherMonth; }
    // "Files": the selected report's official PDF, CSV/XLSX and package (also on right-click).
    QToolButton *filesButton() const { return m_files; }
    ReportOutputs *outputs() const { return m_outputs; }
    static constexpr int kMonthsBack = 24;
    ReportListModel *model() const { return m_model; }

Q_SIGNALS:
    void openReportRequested(const QString &uuid);

private:
    void createMonth(const core::Period &period);
    void openSelected();
    void updateState();
    void fillOtherMonths(const QSet<QString> &existing); // period keys with a report
    void currentChanged();
    void showContextMenu(const QPoint &pos);

    AppContext m_context;
    Dialogs &m_dialogs;
    ReportListModel *m_model = nullptr;
    ReportOutputs *m_outputs = nullptr;
    QToolButton *m_files = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_createPrevious = nullptr;
    QPushButton *m_open = nullptr;
    QToolButton *m_otherMonth = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace mobiliza::ui
