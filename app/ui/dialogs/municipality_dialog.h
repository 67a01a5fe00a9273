// First run: which program this installation records — one choice per program shipped
// (ProgramDefinition::embedded(): SES-MG's Mobilização Social, the default; the CONASEMS–COSEMS
// apoio register…) — then what it is in that program, as the program names its levels (a
// municipality, a URS or the central level; an apoiador, a COSEMS coordination or CONASEMS), and
// which one, as the level says it is set up (a municipality, a URS, a state, nothing).
// Search is accent-, hyphen- and case-insensitive and knows old spellings.
#pragma once

#include "core/domain/role.h"
#include "core/program/program_definition.h"
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
    QRadioButton *programButton(const QString &programId) const; // null: not shipped
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
    bool byState() const;                            // the chosen level is set up with a state (UF)
    core::ProgramLevel level(core::Role role) const; // of the chosen program

    core::ReferenceData m_reference;
    QLineEdit *m_search = nullptr;
    QListWidget *m_results = nullptr;
    QLabel *m_details = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QLabel *m_question = nullptr;
    QRadioButton *m_roleButtons[3] = {};
    QList<core::ProgramDefinition> m_programs; // shipped, in the interface's language
    QList<QRadioButton *> m_programButtons;    // one per program, in the same order
    core::Role m_role = core::Role::Municipality;
    QString m_program;
};

} // namespace mobiliza::ui
