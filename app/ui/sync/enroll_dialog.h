// "Conectar ao hub da URS…": the hub address and the one-time enrollment code
// the regional office gave. Validates both as they are typed; "Connect" runs
// the enrollment through the SyncController and keeps the dialog open (with
// the reason in words) when it fails.
#pragma once

#include "core/domain/role.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace mobiliza::sync {
class SyncController;
}

namespace mobiliza::ui {

class EnrollDialog : public QDialog
{
    Q_OBJECT

public:
    // `role`: the profile's, for the words (who gives the code: the URS to a
    // municipality, the hub's administrator to a URS or the central level).
    // `codeGiver`: who gives a reporting installation its code when it is not the URS (a
    // program's own level, e.g. "Coordenação do COSEMS" to an apoiador); empty: the URS.
    EnrollDialog(sync::SyncController *controller, const QString &currentUrl, QWidget *parent = nullptr,
                 core::Role role = core::Role::Municipality, const QString &codeGiver = {});

    QLineEdit *urlField() const { return m_url; }
    QLineEdit *codeField() const { return m_code; }
    QPushButton *connectButton() const { return m_connect; }
    QLabel *messageLabel() const { return m_message; }
    // Shown while the lab setting lets an http:// address through (the key travels unprotected).
    QLabel *insecureWarning() const { return m_insecure; }

    // What the fields hold, or an explanation of what is wrong (empty: valid).
    QString urlProblem() const;
    QString codeProblem() const;
    QString typedCode() const;

private:
    void validate();
    QString m_codeGiver;
    core::Role m_role = core::Role::Municipality;
    void submit();
    void onEnrollFinished(bool ok, const QString &message);

    sync::SyncController *m_controller;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_code = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_insecure = nullptr;
    QPushButton *m_connect = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    bool m_busy = false;
};

} // namespace mobiliza::ui
