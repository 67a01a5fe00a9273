// First run: which municipality does this installation report for?
// Search is accent-, hyphen- and case-insensitive and knows old spellings.
#pragma once

#include "core/reference/reference_data.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QDialogButtonBox;

namespace mobiliza::ui {

class MunicipalityDialog : public QDialog
{
    Q_OBJECT

public:
    explicit MunicipalityDialog(core::ReferenceData reference, QWidget *parent = nullptr);

    QString selectedCode() const; // IBGE code, empty when nothing is selected
    QLineEdit *searchField() const { return m_search; }
    QListWidget *resultList() const { return m_results; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    void updateDetails();

    core::ReferenceData m_reference;
    QLineEdit *m_search = nullptr;
    QListWidget *m_results = nullptr;
    QLabel *m_details = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace mobiliza::ui
