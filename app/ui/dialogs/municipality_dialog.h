// First run: which program this installation records — SES-MG's Mobilização Social
// (the default) or the CONASEMS–COSEMS apoio register — then what it is in that program
// (a municipality, a URS or the central level; an apoiador, a COSEMS coordination or
// CONASEMS) and which one (a municipality, a URS, a state)?
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
    QString selectedProgram() const { return m_program; } // a program id
    void setProgram(const QString &programId);
    void setProgramChoiceEnabled(bool enabled); // false: the program was named (--program)
    QRadioButton *programButton(const QString &programId) const;
    // The IBGE code (municipality), the URS's canonical name (URS) or the UF (the apoio
    // program's apoiador and COSEMS); empty when nothing is selected, and always for the
    // central levels.
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
    bool byState() const; // the chosen level is set up with a state (UF)

    core::ReferenceData m_reference;
    QLineEdit *m_search = nullptr;
    QListWidget *m_results = nullptr;
    QLabel *m_details = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QLabel *m_question = nullptr;
    QRadioButton *m_roleButtons[3] = {};
    QRadioButton *m_programButtons[2] = {};
    core::Role m_role = core::Role::Municipality;
    QString m_program;
};

} // namespace mobiliza::ui
