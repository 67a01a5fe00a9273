#pragma once

#include "app/ui/app_context.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace mobiliza::ui {

class ReportListModel;

class ReportsPage : public QWidget
{
    Q_OBJECT

public:
    explicit ReportsPage(const AppContext &context, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QPushButton *createButton() const { return m_create; }
    QPushButton *createPreviousButton() const { return m_createPrevious; }
    QPushButton *openButton() const { return m_open; }
    ReportListModel *model() const { return m_model; }

Q_SIGNALS:
    void openReportRequested(const QString &uuid);

private:
    void createMonth(const core::Period &period);
    void openSelected();
    void updateState();

    AppContext m_context;
    ReportListModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_create = nullptr;
    QPushButton *m_createPrevious = nullptr;
    QPushButton *m_open = nullptr;
    QLabel *m_empty = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace mobiliza::ui
