#include "app/ui/pages/settings_page.h"

#include "app/ui/pages/page_header.h"
#include "core/reference/brazil_reference.h"
#include "core/services/services.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {
QLabel *selectable(QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    l->setWordWrap(true);
    return l;
}
} // namespace

SettingsPage::SettingsPage(const AppContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->addWidget(makePageHeader(tr("Settings"), tr("This installation, its profile and its data."), this));

    auto *profileBox = new QGroupBox(tr("Profile"), this);
    auto *form = new QFormLayout(profileBox);
    m_level = selectable(profileBox);
    m_state = selectable(profileBox);
    m_municipality = selectable(profileBox);
    m_urs = selectable(profileBox);
    m_regiao = selectable(profileBox);
    m_program = selectable(profileBox);
    m_dataDir = selectable(profileBox);
    m_installation = selectable(profileBox);
    m_reference = selectable(profileBox);
    form->addRow(tr("Program:"), m_program);
    form->addRow(tr("Level:"), m_level);
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Municipality:"), m_municipality);
    form->addRow(tr("Regional health unit (URS):"), m_urs);
    form->addRow(tr("Health region / macro-region:"), m_regiao);
    m_form = form;
    form->addRow(tr("Data folder:"), m_dataDir);
    form->addRow(tr("Installation:"), m_installation);
    form->addRow(tr("Reference table:"), m_reference);
    layout->addWidget(profileBox);

    auto *langBox = new QGroupBox(tr("Language"), this);
    auto *langForm = new QFormLayout(langBox);
    m_language = new QComboBox(langBox);
    m_language->addItem(QStringLiteral("Português (Brasil)"), QStringLiteral("pt_BR"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_languageNote = new QLabel(langBox);
    m_languageNote->setStyleSheet(QStringLiteral("color: #4a5a6a;"));
    langForm->addRow(tr("Interface language:"), m_language);
    langForm->addRow(QString(), m_languageNote);
    layout->addWidget(langBox);

    auto *privacy = new QGroupBox(tr("Privacy (LGPD)"), this);
    auto *pl = new QVBoxLayout(privacy);
    // What this installation records and to whom it goes: SES-MG's municipalities' words, or
    // those of a program that names its own levels (the apoio register).
    const QString reviewer = m_context.reviewer();
    auto *notice = new QLabel(
        !reviewer.isEmpty()
            ? tr("Mobiliza records the actions of “%1”, their photos and texts, to report them to %2 "
                 "(purpose). The controller is the organization that uses this installation. Photos of "
                 "identifiable people are personal data, and so are names written in the texts: record "
                 "whether "
                 "image-use authorization is on file, write only what the report needs, and correct or erase "
                 "personal data on request. Data stays on this computer until it is sent to %2. Questions: "
                 "the "
                 "data protection officer of your organization.")
                  .arg(m_context.program.name(), reviewer)
            : tr("Mobiliza records the municipality's mobilization actions, their proof photos and the "
                 "partners "
                 "register, to report them to the regional health unit and to SES-MG (purpose). The "
                 "controller is "
                 "the municipal health secretariat that uses this installation. Photos of identifiable "
                 "people and "
                 "partners' contacts are personal data: record whether image-use authorization is on file, "
                 "collect "
                 "only the contacts you need, and erase a partner's data on request. Data stays on this "
                 "computer "
                 "until it is sent to the URS; what is sent for the panel carries no partner CPF, phone or "
                 "e-mail. "
                 "Questions: the data protection officer of your secretariat."),
        privacy);
    notice->setWordWrap(true);
    pl->addWidget(notice);
    layout->addWidget(privacy);
    layout->addStretch(1);

    const QString saved = m_context.services->profile().setting(QStringLiteral("language"));
    const int idx = m_language->findData(saved.isEmpty() ? QStringLiteral("pt_BR") : saved);
    m_language->setCurrentIndex(idx < 0 ? 0 : idx);
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        const QString code = m_language->currentData().toString();
        const auto saved = m_context.services->profile().setSetting(QStringLiteral("language"), code);
        m_languageNote->setText(saved ? tr("Saved. The new language is used the next time Mobiliza starts.")
                                      : saved.error().message);
    });

    connect(&m_context.services->notifier(), &core::Notifier::profileChanged, this, &SettingsPage::reload);
    reload();
}

void SettingsPage::reload()
{
    auto &profile = m_context.services->profile();
    // The rows of what this profile is set up with (the level's place), the others hidden.
    const core::ProgramLevel level = m_context.program.level(m_context.role);
    m_level->setText(level.label);
    const bool byMunicipality = level.place == QLatin1String("municipality");
    m_form->setRowVisible(m_state, level.place == QLatin1String("uf"));
    m_form->setRowVisible(m_municipality, byMunicipality);
    m_form->setRowVisible(m_urs, byMunicipality || level.place == QLatin1String("urs"));
    m_form->setRowVisible(m_regiao, byMunicipality);
    if (level.place == QLatin1String("uf")) {
        const auto state = core::BrazilReference::embedded().unit(profile.uf());
        m_state->setText(state ? tr("%1 (%2)").arg(state->name, state->uf) : profile.uf());
    }
    if (level.place == QLatin1String("urs"))
        m_urs->setText(profile.urs());
    const auto m = byMunicipality ? m_context.reference.municipality(profile.municipality())
                                  : std::optional<core::Municipality>();
    if (m) {
        m_municipality->setText(tr("%1 (IBGE %2)").arg(m->name, m->ibge));
        m_urs->setText(m->ursUncertain ? tr("%1 (being confirmed by SES-MG)").arg(m->urs) : m->urs);
        const auto regiao = m_context.reference.regiao(m->regiaoCode);
        const auto macro = m_context.reference.macrorregiao(m->macroCode);
        m_regiao->setText(tr("%1 / %2").arg(regiao ? regiao->name : m->regiaoCode,
                                            macro ? macro->name : m->macroCode));
    }
    m_program->setText(m_context.program.name());
    m_dataDir->setText(QDir::toNativeSeparators(m_context.dataDir));
    m_installation->setText(profile.installationId());
    m_reference->setText(tr("version %1, published on %2")
                             .arg(m_context.reference.version(),
                                  QLocale().toString(m_context.reference.published(), QStringLiteral("dd/MM/yyyy"))));
}

} // namespace mobiliza::ui
