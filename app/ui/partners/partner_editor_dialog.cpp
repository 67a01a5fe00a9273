#include "app/ui/partners/partner_editor_dialog.h"

#include "app/ui/dialogs.h"
#include "app/ui/models/partner_list_model.h"
#include "app/ui/partners/live_format.h"
#include "app/ui/partners/municipality_combo.h"
#include "app/ui/partners/partner_actions.h"
#include "core/services/services.h"
#include "core/validators/br_validators.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalBlocker>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace mobiliza::ui {

namespace {

const QString kSectorCatalogue = QStringLiteral("setores_parceiros");

QString documentForDisplay(const QString &document)
{
    if (document.size() == 11)
        return core::br::formatCpf(document);
    if (document.size() == 14)
        return core::br::formatCnpj(document);
    return document;
}

QLabel *hint(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

PartnerEditorDialog::PartnerEditorDialog(const AppContext &context, const core::Partner &partner,
                                         Dialogs *dialogs, QWidget *parent)
    : QDialog(parent), m_context(context), m_dialogs(dialogs), m_original(partner), m_saved(partner)
{
    setWindowTitle(isNew() ? tr("New partner") : tr("Partner: %1").arg(partner.name));
    setMinimumWidth(560);
    auto *layout = new QVBoxLayout(this);

    m_saveError = new QLabel(this);
    m_saveError->setWordWrap(true);
    m_saveError->setStyleSheet(QStringLiteral("QLabel { color: #a40000; font-weight: bold; }"));
    m_saveError->setAccessibleName(tr("Error"));
    m_saveError->hide();
    layout->addWidget(m_saveError);

    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs, 1);

    // ------------------------------------------------------------ identification
    auto *identity = new QWidget(m_tabs);
    auto *identityForm = new QFormLayout(identity);
    m_kind = new QComboBox(identity);
    for (auto kind : {core::PartnerKind::Person, core::PartnerKind::Organization, core::PartnerKind::InformalGroup})
        m_kind->addItem(partnerKindLabel(kind), core::partnerKindKey(kind));
    identityForm->addRow(tr("&Kind"), m_kind);
    m_governmental = new QCheckBox(tr("&Governmental (public body)"), identity);
    identityForm->addRow(QString(), m_governmental);
    m_formal = new QCheckBox(tr("&Formally constituted"), identity);
    identityForm->addRow(QString(), m_formal);
    m_sector = new QComboBox(identity);
    m_sector->addItem(tr("Not informed"), QString());
    for (const auto &entry : m_context.program.catalogue(kSectorCatalogue))
        if (entry.active || entry.code == partner.sector)
            m_sector->addItem(entry.label, entry.code);
    identityForm->addRow(tr("Sec&tor"), m_sector);
    m_name = new QLineEdit(identity);
    m_name->setMaxLength(200);
    m_name->setAccessibleName(tr("Name"));
    identityForm->addRow(tr("&Name (required)"), withError(m_name));
    m_document = new QLineEdit(identity);
    m_documentLabel = new QLabel(identity);
    m_documentLabel->setBuddy(m_document);
    identityForm->addRow(m_documentLabel, withError(m_document));
    identityForm->addRow(QString(), hint(tr("Collect only what is needed: the document, phones and e-mail are "
                                            "optional."),
                                         identity));
    m_tabs->addTab(identity, tr("Identification"));

    // ------------------------------------------------------------------ contact
    auto *contact = new QWidget(m_tabs);
    auto *contactForm = new QFormLayout(contact);
    m_contactName = new QLineEdit(contact);
    contactForm->addRow(tr("&Contact person"), m_contactName);
    m_contactRole = new QLineEdit(contact);
    contactForm->addRow(tr("&Role"), m_contactRole);
    m_phoneBox = new QWidget(contact);
    m_phoneLayout = new QVBoxLayout(m_phoneBox);
    m_phoneLayout->setContentsMargins(0, 0, 0, 0);
    m_addPhone = new QPushButton(tr("&Add another phone"), contact);
    auto *phoneColumn = new QVBoxLayout;
    phoneColumn->addWidget(m_phoneBox);
    phoneColumn->addWidget(m_addPhone, 0, Qt::AlignLeft);
    auto *phoneLabel = new QLabel(tr("P&hone"), contact);
    contactForm->addRow(phoneLabel, phoneColumn);
    m_email = new QLineEdit(contact);
    m_email->setPlaceholderText(tr("name@provider.com.br"));
    contactForm->addRow(tr("&E-mail"), withError(m_email));
    m_address = new QLineEdit(contact);
    contactForm->addRow(tr("A&ddress"), m_address);
    m_cep = new QLineEdit(contact);
    m_cep->setPlaceholderText(QStringLiteral("00000-000"));
    m_cep->setMaximumWidth(160);
    setLiveFormat(m_cep, cepFormat());
    contactForm->addRow(tr("CE&P"), withError(m_cep));
    m_municipality = new MunicipalityCombo(m_context.reference, contact);
    m_municipality->setAccessibleName(tr("Municipality"));
    contactForm->addRow(tr("&Municipality"), withError(m_municipality));
    m_tabs->addTab(contact, tr("Contact"));

    // -------------------------------------------------------------------- stage
    auto *stagePage = new QWidget(m_tabs);
    auto *stageLayout = new QFormLayout(stagePage);
    m_stage = new QComboBox(stagePage);
    for (auto stage : {core::PartnerStage::Mapped, core::PartnerStage::Sensitized, core::PartnerStage::Active,
                       core::PartnerStage::Inactive})
        m_stage->addItem(partnerStageLabel(stage), core::partnerStageKey(stage));
    stageLayout->addRow(tr("S&tage"), m_stage);
    m_history = new QListWidget(stagePage);
    m_history->setAccessibleName(tr("Stage history"));
    stageLayout->addRow(tr("History"), m_history);
    stageLayout->addRow(QString(), hint(tr("Mapped → sensitized → active partnership → inactive. A change of stage "
                                           "is recorded with today's date when you save."),
                                        stagePage));
    m_tabs->addTab(stagePage, tr("Stage"));

    // ------------------------------------------------------------------ consent
    auto *consentPage = new QWidget(m_tabs);
    auto *consentForm = new QFormLayout(consentPage);
    consentForm->addRow(hint(tr("LGPD (Lei 13.709/2018): record whether the partner agreed to receive campaigns and "
                                "digital pieces, when, how and for what. Consent can be revoked at any time."),
                             consentPage));
    m_consentGiven = new QCheckBox(tr("The partner &agreed to receive communications"), consentPage);
    consentForm->addRow(QString(), m_consentGiven);
    m_consentDate = new QLineEdit(consentPage);
    m_consentDate->setPlaceholderText(tr("dd/mm/yyyy"));
    m_consentDate->setMaximumWidth(160);
    setLiveFormat(m_consentDate, dateFormat());
    consentForm->addRow(tr("&Date"), withError(m_consentDate));
    m_consentChannel = new QComboBox(consentPage);
    m_consentChannel->setEditable(true);
    m_consentChannel->setInsertPolicy(QComboBox::NoInsert);
    m_consentChannel->addItems({tr("In person"), tr("Paper form"), tr("E-mail"), tr("WhatsApp"), tr("Phone call")});
    consentForm->addRow(tr("C&hannel"), m_consentChannel);
    m_consentPurpose = new QLineEdit(consentPage);
    m_consentPurpose->setPlaceholderText(tr("Receive campaigns and digital pieces of the health secretariat"));
    consentForm->addRow(tr("P&urpose"), m_consentPurpose);
    m_consentStatus = new QLabel(consentPage);
    m_consentStatus->setWordWrap(true);
    consentForm->addRow(tr("Status"), m_consentStatus);
    m_revoke = new QPushButton(tr("&Revoke consent"), consentPage);
    consentForm->addRow(QString(), m_revoke);
    m_tabs->addTab(consentPage, tr("Consent (LGPD)"));

    // ------------------------------------------------------- actions and notes
    auto *historyPage = new QWidget(m_tabs);
    auto *historyLayout = new QVBoxLayout(historyPage);
    auto *actionsLabel = new QLabel(tr("Actions the partner took part in"), historyPage);
    historyLayout->addWidget(actionsLabel);
    m_actions = new QListWidget(historyPage);
    m_actions->setAccessibleName(tr("Actions the partner took part in"));
    actionsLabel->setBuddy(m_actions);
    historyLayout->addWidget(m_actions, 1);
    auto *notesLabel = new QLabel(tr("N&otes"), historyPage);
    historyLayout->addWidget(notesLabel);
    m_notes = new QPlainTextEdit(historyPage);
    m_notes->setTabChangesFocus(true);
    notesLabel->setBuddy(m_notes);
    historyLayout->addWidget(m_notes, 1);
    m_tabs->addTab(historyPage, tr("Actions and notes"));
    // Every tab's name whole (in pt-BR "Consentimento (LGPD)" and "Ações e anotações"
    // were cut at the minimum width).
    setMinimumWidth(std::max(minimumWidth(), m_tabs->tabBar()->sizeHint().width() + 48));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_saveButton = m_buttons->button(QDialogButtonBox::Save);
    m_saveButton->setText(tr("&Save"));
    m_saveButton->setDefault(true);
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    layout->addWidget(m_buttons);

    connect(m_saveButton, &QPushButton::clicked, this, &PartnerEditorDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &PartnerEditorDialog::reject);
    connect(m_addPhone, &QPushButton::clicked, this, [this] { addPhoneField()->setFocus(); });
    connect(m_kind, &QComboBox::currentIndexChanged, this, &PartnerEditorDialog::updateKind);
    connect(m_stage, &QComboBox::currentIndexChanged, this, &PartnerEditorDialog::updateStageHistory);
    connect(m_revoke, &QPushButton::clicked, this, &PartnerEditorDialog::revokeConsent);
    connect(m_consentGiven, &QCheckBox::toggled, this, [this](bool given) {
        if (given) {
            if (m_revokedOn.isValid() || m_consentDate->text().trimmed().isEmpty())
                m_consentDate->setText(core::br::formatDate(today())); // a new consent
            m_revokedOn = {};
        } else if (!m_revokedOn.isValid() && partnerConsentInForce(m_original)) {
            m_revokedOn = today(); // unchecking a consent in force revokes it
        }
        updateConsentStatus();
    });
    connect(m_consentDate, &QLineEdit::textChanged, this, &PartnerEditorDialog::updateConsentStatus);

    load(partner);
    phoneLabel->setBuddy(m_phones.first());
    m_tabs->setCurrentIndex(0);
    m_name->setFocus();
    m_loadedSnapshot = snapshot();
}

QDate PartnerEditorDialog::today() const
{
    return m_context.clock ? m_context.clock->today() : QDate::currentDate();
}

QWidget *PartnerEditorDialog::withError(QWidget *field)
{
    auto *box = new QWidget(field->parentWidget());
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addWidget(field);
    auto *error = new QLabel(box);
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("QLabel { color: #a40000; }"));
    error->hide();
    column->addWidget(error);
    m_errors.insert(field, error);
    return box;
}

void PartnerEditorDialog::setFieldError(QWidget *field, const QString &message)
{
    QLabel *label = m_errors.value(field);
    if (!label)
        return;
    label->setText(message);
    label->setVisible(!message.isEmpty());
    field->setAccessibleDescription(message);
}

QString PartnerEditorDialog::fieldError(QWidget *field) const
{
    const QLabel *label = m_errors.value(field);
    return label && !label->isHidden() ? label->text() : QString();
}

void PartnerEditorDialog::clearErrors()
{
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        setFieldError(it.key(), QString());
    m_saveError->clear();
    m_saveError->hide();
}

void PartnerEditorDialog::load(const core::Partner &p)
{
    m_kind->setCurrentIndex(m_kind->findData(core::partnerKindKey(p.kind)));
    m_governmental->setChecked(p.governmental);
    m_formal->setChecked(p.formal);
    m_sector->setCurrentIndex(std::max(0, m_sector->findData(p.sector)));
    m_name->setText(p.name);
    updateKind();
    m_document->setText(documentForDisplay(p.document));
    m_contactName->setText(p.contactName);
    m_contactRole->setText(p.contactRole);
    for (const auto &phone : p.phones)
        addPhoneField(core::br::formatPhone(phone));
    if (m_phones.isEmpty())
        addPhoneField();
    m_email->setText(p.email);
    m_address->setText(p.address);
    m_cep->setText(core::br::formatCep(p.cep));
    QString municipality = p.municipality;
    if (municipality.isEmpty() && isNew())
        municipality = m_context.services->profile().municipality();
    m_municipality->setCode(municipality);

    {
        const QSignalBlocker blocker(m_stage);
        m_stage->setCurrentIndex(m_stage->findData(core::partnerStageKey(p.stage)));
    }
    updateStageHistory();

    {
        const QSignalBlocker blocker(m_consentGiven);
        m_consentGiven->setChecked(p.consent.given);
    }
    m_revokedOn = p.consent.revokedOn;
    m_consentDate->setText(core::br::formatDate(p.consent.date));
    if (!p.consent.channel.isEmpty())
        m_consentChannel->setEditText(p.consent.channel);
    else
        m_consentChannel->setCurrentIndex(0);
    m_consentPurpose->setText(p.consent.purpose);
    updateConsentStatus();

    m_notes->setPlainText(p.notes);
    m_actions->clear();
    if (isNew()) {
        m_actions->addItem(tr("Actions appear here once the partner is linked to them in a report."));
    } else {
        const QStringList actions = partnerActionDescriptions(*m_context.services, m_context.program, p.uuid);
        if (actions.isEmpty())
            m_actions->addItem(tr("No action linked to this partner yet. Link partners to actions in the "
                                  "report editor."));
        else
            m_actions->addItems(actions);
    }
}

QLineEdit *PartnerEditorDialog::addPhoneField(const QString &text)
{
    auto *field = new QLineEdit(m_phoneBox);
    field->setPlaceholderText(QStringLiteral("(31) 98765-4321"));
    field->setAccessibleName(tr("Phone %1").arg(m_phones.size() + 1));
    field->setMaximumWidth(240);
    setLiveFormat(field, phoneFormat());
    field->setText(text);
    m_phoneLayout->addWidget(withError(field));
    if (!m_phones.isEmpty())
        setTabOrder(m_phones.last(), field);
    m_phones << field;
    return field;
}

void PartnerEditorDialog::updateKind()
{
    const QString key = m_kind->currentData().toString();
    core::PartnerKind kind = core::PartnerKind::Organization;
    core::partnerKindFromKey(key, &kind);
    // "Governmental" and "formally constituted" describe an organization; a person or an
    // informal group is neither, and their boxes are not offered (nor kept ticked).
    const bool organization = kind == core::PartnerKind::Organization;
    if (auto *form = qobject_cast<QFormLayout *>(m_formal->parentWidget()->layout())) {
        form->setRowVisible(m_governmental, organization);
        form->setRowVisible(m_formal, organization);
    }
    switch (kind) {
    case core::PartnerKind::Person:
        m_documentLabel->setText(tr("C&PF"));
        m_document->setPlaceholderText(QStringLiteral("000.000.000-00"));
        m_document->setAccessibleName(tr("CPF"));
        setLiveFormat(m_document, cpfFormat());
        break;
    case core::PartnerKind::Organization:
        m_documentLabel->setText(tr("CNP&J"));
        m_document->setPlaceholderText(QStringLiteral("00.000.000/0000-00"));
        m_document->setAccessibleName(tr("CNPJ"));
        setLiveFormat(m_document, cnpjFormat());
        break;
    case core::PartnerKind::InformalGroup:
        m_documentLabel->setText(tr("CPF or CNP&J"));
        m_document->setPlaceholderText(tr("when there is one"));
        m_document->setAccessibleName(tr("CPF or CNPJ"));
        setLiveFormat(m_document, {});
        break;
    }
    setFieldError(m_document, QString());
}

void PartnerEditorDialog::updateStageHistory()
{
    m_history->clear();
    for (const auto &change : m_original.stageHistory)
        m_history->addItem(QStringLiteral("%1 — %2").arg(core::br::formatDate(change.date),
                                                         partnerStageLabel(change.stage)));
    core::PartnerStage stage = m_original.stage;
    core::partnerStageFromKey(m_stage->currentData().toString(), &stage);
    if (isNew() || stage != m_original.stage) {
        auto *item = new QListWidgetItem(tr("%1 — %2 (recorded when you save)")
                                             .arg(core::br::formatDate(today()), partnerStageLabel(stage)));
        QFont font = item->font();
        font.setItalic(true);
        item->setFont(font);
        m_history->addItem(item);
    }
    m_history->scrollToBottom();
}

void PartnerEditorDialog::revokeConsent()
{
    m_revokedOn = today();
    {
        const QSignalBlocker blocker(m_consentGiven);
        m_consentGiven->setChecked(false);
    }
    updateConsentStatus();
    m_consentGiven->setFocus();
}

void PartnerEditorDialog::updateConsentStatus()
{
    const bool given = m_consentGiven->isChecked();
    m_consentDate->setEnabled(given);
    m_consentChannel->setEnabled(given);
    m_consentPurpose->setEnabled(given);
    m_revoke->setEnabled(given);
    if (m_revokedOn.isValid())
        m_consentStatus->setText(tr("Consent revoked on %1. Do not send communications to this partner.")
                                     .arg(core::br::formatDate(m_revokedOn)));
    else if (given)
        m_consentStatus->setText(tr("Consent in force since %1.").arg(m_consentDate->text().trimmed()));
    else
        m_consentStatus->setText(tr("No consent recorded: do not send campaigns or digital pieces to this "
                                    "partner."));
}

QString PartnerEditorDialog::snapshot() const
{
    QStringList parts{m_kind->currentData().toString(),
                      m_governmental->isChecked() ? QStringLiteral("1") : QStringLiteral("0"),
                      m_formal->isChecked() ? QStringLiteral("1") : QStringLiteral("0"),
                      m_sector->currentData().toString(),
                      m_name->text(),
                      m_document->text(),
                      m_contactName->text(),
                      m_contactRole->text(),
                      m_email->text(),
                      m_address->text(),
                      m_cep->text(),
                      m_municipality->currentText(),
                      m_stage->currentData().toString(),
                      m_consentGiven->isChecked() ? QStringLiteral("1") : QStringLiteral("0"),
                      m_consentDate->text(),
                      m_consentChannel->currentText(),
                      m_consentPurpose->text(),
                      m_revokedOn.toString(Qt::ISODate),
                      m_notes->toPlainText()};
    for (const auto *phone : m_phones)
        if (!phone->text().trimmed().isEmpty())
            parts << phone->text();
    return parts.join(QChar(0x1f));
}

bool PartnerEditorDialog::hasChanges() const
{
    return snapshot() != m_loadedSnapshot;
}

bool PartnerEditorDialog::save()
{
    clearErrors();
    QWidget *first = nullptr;
    const auto fail = [&first, this](QWidget *field, const QString &message) {
        setFieldError(field, message);
        if (!first)
            first = field;
    };

    core::Partner p = m_original;
    core::partnerKindFromKey(m_kind->currentData().toString(), &p.kind);
    const bool organization = p.kind == core::PartnerKind::Organization;
    p.governmental = organization && m_governmental->isChecked();
    p.formal = organization && m_formal->isChecked();
    p.sector = m_sector->currentData().toString();
    p.name = m_name->text().simplified();
    if (p.name.isEmpty())
        fail(m_name, tr("Type the partner's name: it is the only required field."));

    const QString document = m_document->text().trimmed();
    p.document.clear();
    if (!document.isEmpty()) {
        const core::Result<QString> parsed = p.kind == core::PartnerKind::Person ? core::br::parseCpf(document)
                                             : p.kind == core::PartnerKind::Organization
                                                 ? core::br::parseCnpj(document)
                                                 : core::br::parseCpfOrCnpj(document);
        if (parsed)
            p.document = parsed.value();
        else
            fail(m_document, parsed.error().message);
    }

    p.contactName = m_contactName->text().simplified();
    p.contactRole = m_contactRole->text().simplified();
    p.phones.clear();
    for (QLineEdit *field : std::as_const(m_phones)) {
        const QString text = field->text().trimmed();
        if (text.isEmpty())
            continue;
        const auto phone = core::br::parsePhone(text);
        if (!phone)
            fail(field, phone.error().message);
        else if (!p.phones.contains(phone->e164))
            p.phones << phone->e164;
    }

    p.email = m_email->text().trimmed();
    static const QRegularExpression emailPattern(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]{2,}$"));
    if (!p.email.isEmpty() && !emailPattern.match(p.email).hasMatch())
        fail(m_email, tr("“%1” is not a valid e-mail address. Type it as name@provider.com.br, or leave the "
                         "field empty.")
                          .arg(p.email));

    p.address = m_address->text().simplified();
    const QString cep = m_cep->text().trimmed();
    p.cep.clear();
    if (!cep.isEmpty()) {
        const auto parsed = core::br::parseCep(cep);
        if (parsed)
            p.cep = parsed.value();
        else
            fail(m_cep, parsed.error().message);
    }

    const QString municipalityText = m_municipality->currentText().trimmed();
    p.municipality.clear();
    if (!municipalityText.isEmpty()) {
        p.municipality = m_municipality->code();
        if (p.municipality.isEmpty())
            fail(m_municipality, tr("“%1” is not a municipality of the reference table. Type part of the name and "
                                    "choose it from the list.")
                                     .arg(municipalityText));
    }

    core::partnerStageFromKey(m_stage->currentData().toString(), &p.stage);

    p.consent.given = m_consentGiven->isChecked();
    const QString consentDate = m_consentDate->text().trimmed();
    p.consent.date = {};
    if (consentDate.isEmpty()) {
        if (p.consent.given)
            fail(m_consentDate, tr("Type the date the partner gave consent (dd/mm/yyyy)."));
    } else if (const auto date = core::br::parseDate(consentDate); !date) {
        fail(m_consentDate, date.error().message);
    } else if (date.value() > today()) {
        fail(m_consentDate, tr("The consent date %1 is in the future. Type the day the partner agreed.")
                                .arg(consentDate));
    } else {
        p.consent.date = date.value();
    }
    p.consent.channel = m_consentChannel->currentText().simplified();
    p.consent.purpose = m_consentPurpose->text().simplified();
    p.consent.revokedOn = m_revokedOn;
    p.notes = m_notes->toPlainText().trimmed();

    if (first) {
        for (int i = 0; i < m_tabs->count(); ++i)
            if (m_tabs->widget(i)->isAncestorOf(first))
                m_tabs->setCurrentIndex(i);
        first->setFocus(Qt::OtherFocusReason);
        m_saveError->setText(tr("The partner was not saved: correct the fields marked in red and save again."));
        m_saveError->show();
        return false;
    }

    const auto stored = m_context.services->partners().save(p);
    if (!stored) {
        m_saveError->setText(tr("The partner was not saved: %1 What you typed is still here; try again.")
                                 .arg(stored.error().message));
        m_saveError->show();
        return false;
    }
    m_saved = stored.value();
    m_loadedSnapshot = snapshot();
    Q_EMIT saved(m_saved.uuid);
    accept();
    return true;
}

void PartnerEditorDialog::reject()
{
    if (hasChanges() && m_dialogs &&
        !m_dialogs->confirm(this, tr("Discard changes?"),
                            tr("What you typed about this partner has not been saved. Close and discard it?"),
                            tr("Discard"), Dialogs::Tone::Destructive))
        return;
    QDialog::reject();
}

} // namespace mobiliza::ui
