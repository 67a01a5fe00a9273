#include "app/ui/sync/enroll_dialog.h"

#include "sync/client/hub_client.h"
#include "sync/client/sync_controller.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace mobiliza::ui {

EnrollDialog::EnrollDialog(sync::SyncController *controller, const QString &currentUrl, QWidget *parent,
                           core::Role role, const QString &codeGiver)
    : QDialog(parent), m_codeGiver(role == core::Role::Municipality ? codeGiver : QString()), m_role(role),
      m_controller(controller)
{
    const bool municipality = role == core::Role::Municipality;
    setWindowTitle(municipality && m_codeGiver.isEmpty() ? tr("Connect to the URS hub")
                                                         : tr("Connect to the hub"));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);

    QString text;
    if (!m_codeGiver.isEmpty())
        //: %1 is a level of the program, e.g. "Coordenação do COSEMS"
        text = tr("“%1” gives this installation the address of its hub and a one-time enrollment code. Type "
                  "both below. The code works once; after that this computer sends its concluded reports by "
                  "itself.")
                   .arg(m_codeGiver);
    else if (municipality)
        text = tr("The regional health unit (URS) gives each municipality the address of its hub and "
                  "a one-time enrollment code. Type both below. The code works once; after that this "
                  "computer sends its concluded reports by itself.");
    else if (role == core::Role::Central)
        text = tr("The hub's administrator gives the central level the hub's address and a one-time "
                  "central enrollment code (mobiliza-hub enroll --central). Type both below. The code works "
                  "once; after that this computer receives the forwarded reports of the state and sends "
                  "its decisions by itself.");
    else
        text = tr("The hub's administrator gives each URS the hub's address and a one-time enrollment code "
                  "for the URS (mobiliza-hub enroll --urs). Type both below. The code works once; after that "
                  "this computer receives the reports of the URS's municipalities and sends its decisions "
                  "by itself.");
    auto *intro = new QLabel(text, this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    m_url = new QLineEdit(currentUrl, this);
    m_url->setPlaceholderText(QStringLiteral("https://hub.urs.saude.mg.gov.br"));
    m_url->setAccessibleName(tr("Hub address"));
    m_url->setInputMethodHints(Qt::ImhUrlCharactersOnly | Qt::ImhNoAutoUppercase);
    form->addRow(tr("Hub &address:"), m_url);
    m_code = new QLineEdit(this);
    m_code->setPlaceholderText(QStringLiteral("K7QF-2M9X-PL4D"));
    m_code->setAccessibleName(tr("Enrollment code"));
    m_code->setMaxLength(64);
    form->addRow(tr("Enrollment &code:"), m_code);
    layout->addLayout(form);

    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("enrollMessage"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    m_insecure = new QLabel(sync::HubClient::insecureWarning(), this);
    m_insecure->setWordWrap(true);
    m_insecure->setObjectName(QStringLiteral("insecureHubWarning"));
    m_insecure->setStyleSheet(
        QStringLiteral("background: #fdecea; color: #a3261c; border: 1px solid #a3261c; "
                       "border-radius: 4px; padding: 6px; font-weight: bold;"));
    m_insecure->hide();
    layout->addWidget(m_insecure);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_connect = m_buttons->addButton(tr("Co&nnect"), QDialogButtonBox::AcceptRole);
    m_connect->setDefault(true);
    layout->addWidget(m_buttons);

    connect(m_url, &QLineEdit::textChanged, this, &EnrollDialog::validate);
    connect(m_code, &QLineEdit::textChanged, this, &EnrollDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EnrollDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (m_controller)
        connect(m_controller, &sync::SyncController::enrollFinished, this, &EnrollDialog::onEnrollFinished);
    (currentUrl.isEmpty() ? m_url : m_code)->setFocus();
    validate();
}

QString EnrollDialog::urlProblem() const
{
    const QString text = m_url->text().trimmed();
    if (text.isEmpty())
        return !m_codeGiver.isEmpty() ? tr("Type the hub address “%1” gave you.").arg(m_codeGiver)
               : m_role == core::Role::Municipality
                   ? tr("Type the hub address the URS gave you.")
                   : tr("Type the hub address the hub's administrator gave you.");
    const QUrl url = sync::HubClient::normalizeUrl(text);
    if (!sync::HubClient::isWellFormedHubUrl(url))
        return tr("This is not a web address. It looks like https://hub.urs.saude.mg.gov.br.");
    if (!sync::HubClient::isValidHubUrl(url))
        return tr("Plain http:// addresses are refused: the enrollment code, the access key and partners' "
                  "contacts would travel unprotected. Type the https:// address you were given, like "
                  "https://hub.urs.saude.mg.gov.br.");
    return {};
}

// The code as typed, without the spaces a person puts in (or a paste brings): the hub
// ignores spaces and dashes too.
QString EnrollDialog::typedCode() const
{
    QString code = m_code->text();
    code.remove(QRegularExpression(QStringLiteral("\\s")));
    return code;
}

QString EnrollDialog::codeProblem() const
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9-]{4,64}$"));
    const QString code = typedCode();
    if (code.isEmpty())
        return tr("Type the enrollment code.");
    if (!allowed.match(code).hasMatch())
        return tr("The code has only letters, digits and dashes, like K7QF-2M9X-PL4D.");
    return {};
}

void EnrollDialog::validate()
{
    if (m_busy)
        return;
    const QString urlIssue = urlProblem();
    const QString codeIssue = codeProblem();
    m_insecure->setVisible(urlIssue.isEmpty() &&
                           sync::HubClient::isUnprotectedUrl(sync::HubClient::normalizeUrl(m_url->text())));
    const bool ok = urlIssue.isEmpty() && codeIssue.isEmpty() && m_controller;
    m_connect->setEnabled(ok);
    // Only complain about a field once something was typed in it.
    QString hint;
    if (!m_url->text().isEmpty() && !urlIssue.isEmpty())
        hint = urlIssue;
    else if (!m_code->text().isEmpty() && !codeIssue.isEmpty())
        hint = codeIssue;
    else if (!m_controller)
        hint = tr("Synchronization is not available in this session.");
    m_message->setStyleSheet(QStringLiteral("color: #8a5300;"));
    m_message->setText(hint);
}

void EnrollDialog::submit()
{
    validate();
    if (!m_connect->isEnabled() || !m_controller)
        return;
    m_busy = true;
    m_connect->setEnabled(false);
    m_url->setEnabled(false);
    m_code->setEnabled(false);
    m_message->setStyleSheet(QString());
    m_message->setText(tr("Connecting to the hub…"));
    m_controller->enroll(m_url->text(), typedCode());
}

void EnrollDialog::onEnrollFinished(bool ok, const QString &message)
{
    if (!m_busy)
        return;
    m_busy = false;
    m_url->setEnabled(true);
    m_code->setEnabled(true);
    if (ok) {
        accept();
        return;
    }
    validate();
    m_message->setStyleSheet(QStringLiteral("color: #a3261c;"));
    m_message->setText(message);
    m_code->setFocus();
    m_code->selectAll();
}

} // namespace mobiliza::ui
