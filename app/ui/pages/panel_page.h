#pragma once

#include "app/ui/app_context.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace mobiliza::ui {

// The municipality's own overview: coverage of the last 12 months and totals.
// The consolidated regional/state panel with charts comes with the panel issue.
class PanelPage : public QWidget
{
    Q_OBJECT

public:
    explicit PanelPage(const AppContext &context, QWidget *parent = nullptr);
    QLabel *coverage() const { return m_coverage; }
    QLabel *errorLabel() const { return m_error; } // why the reports cannot be read, when they cannot

private:
    void reload();

    AppContext m_context;
    QLabel *m_coverage = nullptr;
    QLabel *m_actions = nullptr;
    QLabel *m_photos = nullptr;
    QTableWidget *m_months = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace mobiliza::ui
