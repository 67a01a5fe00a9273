// Creates or edits one partner of the register (BRIEF §4, §7): identification with
// CPF/CNPJ, contacts with masked phones, CEP and municipality, the stage and its
// history, the LGPD consent (revocable) and the actions the partner took part in.
//
// The dialog validates before saving; a refused field shows the reason next to it
// and receives the focus. Saving goes through PartnerService; when the service
// refuses, the message is shown and the dialog stays open with what was typed.
#pragma once

#include "app/ui/app_context.h"
#include "core/domain/types.h"

#include <QDate>
#include <QDialog>
#include <QHash>
#include <QList>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QVBoxLayout;

namespace mobiliza::ui {

class MunicipalityCombo;
class Dialogs;

class PartnerEditorDialog : public QDialog
{
    Q_OBJECT

public:
    // An empty partner.uuid creates a new partner. dialogs (optional, not owned) asks
    // before discarding typed changes.
    PartnerEditorDialog(const AppContext &context, const core::Partner &partner, Dialogs *dialogs = nullptr,
                        QWidget *parent = nullptr);

    bool isNew() const { return m_original.uuid.isEmpty(); }
    // The partner as stored by the last successful save (or as given).
    core::Partner partner() const { return m_saved; }
    bool hasChanges() const;

    // The error shown next to a field; empty when there is none.
    QString fieldError(QWidget *field) const;
    QLabel *saveErrorLabel() const { return m_saveError; }

    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *kindBox() const { return m_kind; }
    QCheckBox *governmentalBox() const { return m_governmental; }
    QCheckBox *formalBox() const { return m_formal; }
    QComboBox *sectorBox() const { return m_sector; }
    QLineEdit *nameField() const { return m_name; }
    QLabel *documentLabel() const { return m_documentLabel; }
    QLineEdit *documentField() const { return m_document; }
    QLineEdit *contactNameField() const { return m_contactName; }
    QLineEdit *contactRoleField() const { return m_contactRole; }
    QList<QLineEdit *> phoneFields() const { return m_phones; }
    QPushButton *addPhoneButton() const { return m_addPhone; }
    QLineEdit *emailField() const { return m_email; }
    QLineEdit *addressField() const { return m_address; }
    QLineEdit *cepField() const { return m_cep; }
    MunicipalityCombo *municipalityBox() const { return m_municipality; }
    QComboBox *stageBox() const { return m_stage; }
    QListWidget *stageHistoryList() const { return m_history; }
    QCheckBox *consentGivenBox() const { return m_consentGiven; }
    QLineEdit *consentDateField() const { return m_consentDate; }
    QComboBox *consentChannelBox() const { return m_consentChannel; }
    QLineEdit *consentPurposeField() const { return m_consentPurpose; }
    QLabel *consentStatusLabel() const { return m_consentStatus; }
    QPushButton *revokeButton() const { return m_revoke; }
    QPlainTextEdit *notesField() const { return m_notes; }
    QListWidget *actionsList() const { return m_actions; }
    QPushButton *saveButton() const { return m_saveButton; }

public Q_SLOTS:
    // Validates and saves; true when the partner was stored (the dialog is then accepted).
    bool save();
    QLineEdit *addPhoneField(const QString &text = {});
    void revokeConsent();
    void reject() override;

Q_SIGNALS:
    void saved(const QString &uuid);

private:
    QWidget *withError(QWidget *field);
    void setFieldError(QWidget *field, const QString &message);
    void clearErrors();
    void load(const core::Partner &partner);
    void updateKind();
    void updateStageHistory();
    void updateConsentStatus();
    QString snapshot() const;
    QDate today() const;

    AppContext m_context;
    Dialogs *m_dialogs = nullptr;
    core::Partner m_original;
    core::Partner m_saved;
    QDate m_revokedOn;
    QString m_loadedSnapshot;

    QTabWidget *m_tabs = nullptr;
    QLabel *m_saveError = nullptr;
    QComboBox *m_kind = nullptr;
    QCheckBox *m_governmental = nullptr;
    QCheckBox *m_formal = nullptr;
    QComboBox *m_sector = nullptr;
    QLineEdit *m_name = nullptr;
    QLabel *m_documentLabel = nullptr;
    QLineEdit *m_document = nullptr;
    QLineEdit *m_contactName = nullptr;
    QLineEdit *m_contactRole = nullptr;
    QVBoxLayout *m_phoneLayout = nullptr;
    QWidget *m_phoneBox = nullptr;
    QList<QLineEdit *> m_phones;
    QPushButton *m_addPhone = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_address = nullptr;
    QLineEdit *m_cep = nullptr;
    MunicipalityCombo *m_municipality = nullptr;
    QComboBox *m_stage = nullptr;
    QListWidget *m_history = nullptr;
    QCheckBox *m_consentGiven = nullptr;
    QLineEdit *m_consentDate = nullptr;
    QComboBox *m_consentChannel = nullptr;
    QLineEdit *m_consentPurpose = nullptr;
    QLabel *m_consentStatus = nullptr;
    QPushButton *m_revoke = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    QListWidget *m_actions = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_saveButton = nullptr;
    QHash<QWidget *, QLabel *> m_errors;
};

} // namespace mobiliza::ui
