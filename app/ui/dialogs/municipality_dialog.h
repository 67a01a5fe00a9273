// First run: what is this installation — a municipality (the default), a
// regional health unit (URS) or the central level — and which one?
// Search is accent-, hyphen- and case-insensitive and knows old spellings.
#pragma once

#include "core/domain/role.h"
#include "core/reference/reference_data.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QDialogButtonBox;
class QRadioButton;

namespace mobiliza::ui {

class MunicipalityDialog : public QDialog
{
    Q_OBJECT

public:
    explicit MunicipalityDialog(core::ReferenceData reference, QWidget *parent = nullptr);

    core::Role selectedRole() const { return m_role; }
    // The IBGE code (municipality) or the URS's canonical name (URS); empty when
    // nothing is selected, and always for the central level.
    QString selectedCode() const;
    bool hasChoice() const;
    QLineEdit *searchField() const { return m_search; }
    QListWidget *resultList() const { return m_results; }
    QRadioButton *roleButton(core::Role role) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    void updateDetails();
    void setRole(core::Role role);

    core::ReferenceData m_reference;
    QLineEdit *m_search = nullptr;
    QListWidget *m_results = nullptr;
    QLabel *m_details = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QLabel *m_question = nullptr;
    QRadioButton *m_roleButtons[3] = {};
    core::Role m_role = core::Role::Municipality;
};

} // namespace mobiliza::ui
