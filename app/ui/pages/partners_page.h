#pragma once

#include "app/ui/app_context.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace mobiliza::ui {

class PartnerListModel;
class PartnerFilterModel;

class PartnersPage : public QWidget
{
    Q_OBJECT

public:
    explicit PartnersPage(const AppContext &context, QWidget *parent = nullptr);
    QLineEdit *searchField() const { return m_search; }
    QTableView *table() const { return m_table; }

private:
    void updateCount();

    AppContext m_context;
    PartnerListModel *m_model = nullptr;
    PartnerFilterModel *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
};

} // namespace mobiliza::ui
