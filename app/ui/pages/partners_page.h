// Parceiros: the register as a table with search and filters, and the actions on
// one partner (new, edit, per-person export, LGPD erasure). Keyboard: Enter opens
// the selected partner, Delete asks to erase it, Ctrl+N creates a new one.
#pragma once

#include "app/ui/app_context.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace mobiliza::ui {

class Dialogs;
class PartnerEditorDialog;
class PartnerFilterModel;
class PartnerListModel;

class PartnersPage : public QWidget
{
    Q_OBJECT

public:
    // `dialogs`: the message/file dialog seam (not owned); nullptr uses real dialogs.
    explicit PartnersPage(const AppContext &context, QWidget *parent = nullptr, Dialogs *dialogs = nullptr);
    ~PartnersPage() override;

    // Replaces the dialogs (tests install a fake that answers at once); the page owns it.
    void setDialogs(std::unique_ptr<Dialogs> dialogs);
    Dialogs *dialogs() const { return m_dialogs; }

    QLineEdit *searchField() const { return m_search; }
    QTableView *table() const { return m_table; }
    PartnerListModel *model() const { return m_model; }
    PartnerFilterModel *filterModel() const { return m_filter; }
    QComboBox *kindFilter() const { return m_kindFilter; }
    QComboBox *sectorFilter() const { return m_sectorFilter; }
    QComboBox *stageFilter() const { return m_stageFilter; }
    QComboBox *municipalityFilter() const { return m_municipalityFilter; }
    QLabel *countLabel() const { return m_count; }
    QPushButton *newButton() const { return m_new; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *eraseButton() const { return m_erase; }
    // The editor opened by newPartner()/editSelected(), while it is open.
    PartnerEditorDialog *editor() const;

    QString selectedUuid() const;
    bool selectPartner(const QString &uuid);

public Q_SLOTS:
    void newPartner();
    void editSelected();
    // Per-person export (LGPD right of access) to a JSON file the user chooses.
    bool exportSelected();
    // LGPD erasure of the selected partner, after confirmation.
    bool eraseSelected();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void openEditor(const QString &uuid);
    void applyFilters();
    void rebuildMunicipalityFilter();
    void updateCount();
    void updateButtons();

    AppContext m_context;
    std::unique_ptr<Dialogs> m_ownDialogs;
    Dialogs *m_dialogs = nullptr;
    PartnerListModel *m_model = nullptr;
    PartnerFilterModel *m_filter = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_kindFilter = nullptr;
    QComboBox *m_sectorFilter = nullptr;
    QComboBox *m_stageFilter = nullptr;
    QComboBox *m_municipalityFilter = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_erase = nullptr;
    QPointer<PartnerEditorDialog> m_editor;
};

} // namespace mobiliza::ui
