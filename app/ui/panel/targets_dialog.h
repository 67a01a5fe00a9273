// The targets every level measures against (core/reference/targets.h): at the
// central level, where they are edited and then published through the hub at the
// next synchronization; elsewhere, read only (what the central level published).
//
// One year's action targets at a time (the state's, each municipality's, each
// URS's) and each URS's coverage target. Non-modal, like the Painel's lists.
#pragma once

#include "app/ui/app_context.h"
#include "core/reference/targets.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace mobiliza::ui {

class Dialogs;

class TargetsDialog : public QDialog
{
    Q_OBJECT

public:
    TargetsDialog(const AppContext &context, Dialogs &dialogs, int year, QWidget *parent = nullptr);

    bool isEditable() const { return m_editable; }
    // The targets as the dialog holds them now (the edits of every year visited).
    core::Targets edited();

    enum Column
    {
        UrsColumn,
        MunicipalitiesColumn,
        CoverageColumn,
        ActionsColumn
    };

Q_SIGNALS:
    void saved(int revision);

private:
    void showYear(int year);
    void keepYear(); // the widgets' values of the year shown into m_targets
    void save();
    void describe();
    QSpinBox *spin(int max, const QString &suffix, const QString &none);

    const AppContext &m_context;
    Dialogs &m_dialogs;
    bool m_editable = false;
    core::Targets m_targets;
    int m_baseRevision = 0; // the stored revision the values on screen start from
    int m_year = 0;
    QLabel *m_about = nullptr;
    QComboBox *m_yearBox = nullptr;
    QSpinBox *m_state = nullptr;
    QSpinBox *m_perMunicipality = nullptr;
    QTableWidget *m_table = nullptr;
    QList<QSpinBox *> m_coverage; // per row of m_table
    QList<QSpinBox *> m_actions;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace mobiliza::ui
