#include "app/ui/dialogs/municipality_dialog.h"

#include "core/program/program_definition.h"
#include "core/reference/brazil_reference.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QRadioButton>

#include <QKeyEvent>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace mobiliza::ui {

namespace {
constexpr int kCodeRole = Qt::UserRole + 1;
constexpr int kMaxResults = 60;

// Lower case without accents: "Manhuaçu" and "manhuacu" match.
QString folded(const QString &text)
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_D))
        if (c.category() != QChar::Mark_NonSpacing)
            out += c.toCaseFolded();
    return out;
}
} // namespace

MunicipalityDialog::MunicipalityDialog(core::ReferenceData reference, QWidget *parent)
    : QDialog(parent), m_reference(std::move(reference))
{
    setWindowTitle(tr("Welcome to Mobiliza"));

    // One choice per program the application ships, in its order (SES-MG first), named as the
    // program names itself in the interface's language; its levels below, as it names them.
    auto *programs = new QGroupBox(tr("Program"), this);
    auto *programLayout = new QVBoxLayout(programs);
    auto *programGroup = new QButtonGroup(this);
    for (const core::ProgramDefinition &program : core::ProgramDefinition::embedded()) {
        m_programs << program.localized(QLocale().name());
        auto *button = new QRadioButton(m_programs.last().name(), programs);
        button->setToolTip(m_programs.last().description());
        programLayout->addWidget(button);
        programGroup->addButton(button, int(m_programButtons.size()));
        m_programButtons << button;
    }
    connect(programGroup, &QButtonGroup::idClicked, this,
            [this](int id) { setProgram(m_programs.value(id).id()); });

    auto *roles = new QGroupBox(tr("This installation is used by"), this);
    auto *roleLayout = new QVBoxLayout(roles);
    auto *group = new QButtonGroup(this);
    const core::Role all[] = {core::Role::Municipality, core::Role::Urs, core::Role::Central};
    for (int i = 0; i < 3; ++i) {
        m_roleButtons[i] = new QRadioButton(roles);
        roleLayout->addWidget(m_roleButtons[i]);
        group->addButton(m_roleButtons[i], i);
    }
    m_roleButtons[0]->setChecked(true);
    connect(group, &QButtonGroup::idClicked, this, [this, all](int id) { setRole(all[id]); });

    m_question = new QLabel(this);
    m_question->setWordWrap(true);

    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("e.g. Sao Joao del Rei, Conego Marinho, 3106200"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search municipality"));

    m_results = new QListWidget(this);
    m_results->setAccessibleName(tr("Municipalities found"));
    m_results->setUniformItemSizes(true);

    m_details = new QLabel(this);
    m_details->setWordWrap(true);
    m_details->setMinimumHeight(m_details->fontMetrics().height() * 3);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Use this municipality"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(programs);
    layout->addWidget(roles);
    layout->addWidget(m_question);
    layout->addWidget(m_search);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_details);
    layout->addWidget(m_buttons);

    connect(m_search, &QLineEdit::textChanged, this, &MunicipalityDialog::refresh);
    connect(m_results, &QListWidget::currentRowChanged, this, &MunicipalityDialog::updateDetails);
    connect(m_results, &QListWidget::itemActivated, this, [this] {
        if (hasChoice())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (hasChoice())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_search->installEventFilter(this);

    setProgram(core::ProgramDefinition::sesMgMobilizacao().id());
    // No fixed minimum: the layout's own keeps each role's whole text in view (the
    // pt-BR texts are longer than the English ones); the first size leaves room for the list.
    resize(std::max(sizeHint().width(), 520), std::max(sizeHint().height(), 460));
}

QRadioButton *MunicipalityDialog::roleButton(core::Role role) const
{
    return m_roleButtons[role == core::Role::Municipality ? 0 : role == core::Role::Urs ? 1 : 2];
}

QRadioButton *MunicipalityDialog::programButton(const QString &programId) const
{
    for (int i = 0; i < m_programs.size(); ++i)
        if (m_programs[i].id() == programId)
            return m_programButtons[i];
    return nullptr;
}

core::ProgramLevel MunicipalityDialog::level(core::Role role) const
{
    for (const core::ProgramDefinition &p : m_programs)
        if (p.id() == m_program)
            return p.level(role);
    return core::ProgramDefinition().level(role);
}

void MunicipalityDialog::setProgram(const QString &programId)
{
    QRadioButton *button = programButton(programId);
    if (!button)
        return; // not shipped: the caller says so
    m_program = programId;
    button->setChecked(true);
    for (core::Role role : {core::Role::Municipality, core::Role::Urs, core::Role::Central}) {
        const core::ProgramLevel l = level(role);
        roleButton(role)->setText(l.about.isEmpty() ? l.label : l.about);
    }
    setRole(core::Role::Municipality);
    // Another program's words may be longer: the dialog widens to keep them whole.
    if (layout())
        layout()->activate();
    if (width() < sizeHint().width()) {
        resize(sizeHint().width(), height());
        layout()->activate();
    }
}

void MunicipalityDialog::setProgramChoiceEnabled(bool enabled)
{
    for (QRadioButton *b : m_programButtons)
        b->setEnabled(enabled || b->isChecked());
}

bool MunicipalityDialog::byState() const
{
    return level(m_role).place == QLatin1String("uf");
}

void MunicipalityDialog::setRole(core::Role role)
{
    m_role = role;
    roleButton(role)->setChecked(true);
    const core::ProgramLevel chosen = level(role);
    const bool noPlace = chosen.place == QLatin1String("none");
    m_search->setVisible(!noPlace);
    m_results->setVisible(!noPlace);
    // The question follows what the level is set up with (docs/programs.md, "levels").
    if (byState()) {
        m_question->setText(tr("<b>%1: of which state?</b><br>Type part of the state's name or its two "
                               "letters. This choice is made once for this profile.")
                                .arg(chosen.label.toHtmlEscaped()));
        m_search->setPlaceholderText(tr("e.g. Bahia, PE"));
        m_search->setAccessibleName(tr("Search state"));
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Use this state"));
    } else if (noPlace) {
        m_question->setText(tr("<b>%1</b> sees what every level below it receives. This choice is made once "
                               "for this profile.")
                                .arg(chosen.label.toHtmlEscaped()));
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Set up: %1").arg(chosen.label));
    } else if (chosen.place == QLatin1String("municipality")) {
        m_question->setText(tr("<b>Which municipality does this installation report for?</b><br>"
                               "Type part of the name or the IBGE code. Accents and hyphens "
                               "are not needed. This choice is made once for this profile."));
        m_search->setPlaceholderText(tr("e.g. Sao Joao del Rei, Conego Marinho, 3106200"));
        m_search->setAccessibleName(tr("Search municipality"));
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Use this municipality"));
    } else { // a URS
        m_question->setText(tr("<b>Which regional health unit (URS) is this?</b><br>"
                               "Type part of its name. This choice is made once for this profile."));
        m_search->setPlaceholderText(tr("e.g. Barbacena, Manhuacu"));
        m_search->setAccessibleName(tr("Search URS"));
        m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Use this URS"));
    }
    m_search->clear();
    refresh();
    if (!noPlace)
        m_search->setFocus();
}

QString MunicipalityDialog::selectedCode() const
{
    if (level(m_role).place == QLatin1String("none"))
        return {};
    const auto *item = m_results->currentItem();
    return item ? item->data(kCodeRole).toString() : QString();
}

bool MunicipalityDialog::hasChoice() const
{
    return level(m_role).place == QLatin1String("none") || !selectedCode().isEmpty();
}

bool MunicipalityDialog::eventFilter(QObject *watched, QEvent *event)
{
    // Keyboard only: arrows move in the list while typing, Enter confirms.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            const int step = key->key() == Qt::Key_Down ? 1 : -1;
            const int row = qBound(0, m_results->currentRow() + step, m_results->count() - 1);
            m_results->setCurrentRow(row);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void MunicipalityDialog::refresh()
{
    const QString query = m_search->text().trimmed();
    if (byState()) {
        m_results->clear();
        const QString wanted = folded(query);
        for (const core::FederativeUnit &u : core::BrazilReference::embedded().units()) {
            const bool exact = folded(u.uf) == wanted; // "pa" is Pará, not the first name holding "pa"
            if (!query.isEmpty() && !folded(u.name).contains(wanted) && !exact)
                continue;
            auto *item = new QListWidgetItem(tr("%1 — %2").arg(u.uf, u.name));
            item->setData(kCodeRole, u.uf);
            if (exact)
                m_results->insertItem(0, item);
            else
                m_results->addItem(item);
        }
        if (m_results->count() > 0 && !query.isEmpty())
            m_results->setCurrentRow(0);
        updateDetails();
        return;
    }
    const QString place = level(m_role).place;
    if (place != QLatin1String("municipality")) {
        m_results->clear();
        if (place == QLatin1String("urs")) {
            const QString wanted = folded(query);
            const auto byAlias = m_reference.ursByName(query);
            for (const core::Urs &u : m_reference.urs()) {
                bool match = query.isEmpty() || folded(u.name).contains(wanted);
                if (!match && byAlias)
                    match = byAlias->name == u.name;
                if (!match)
                    continue;
                auto *item = new QListWidgetItem(tr("URS %1 — %n municipalities", nullptr, u.municipalityCount).arg(u.name),
                                                 m_results);
                item->setData(kCodeRole, u.name);
            }
            if (m_results->count() > 0 && !query.isEmpty())
                m_results->setCurrentRow(0);
        }
        updateDetails();
        return;
    }
    const QList<core::Municipality> found = query.isEmpty()
                                                ? m_reference.municipalities().mid(0, kMaxResults)
                                                : m_reference.searchMunicipalities(query, kMaxResults);
    m_results->clear();
    for (const auto &m : found) {
        auto *item = new QListWidgetItem(tr("%1 (IBGE %2) — URS %3").arg(m.name, m.ibge, m.urs), m_results);
        item->setData(kCodeRole, m.ibge);
    }
    // The choice is made once per profile: with nothing typed yet, nothing is
    // pre-selected, so an early Enter cannot pick the first municipality of the list.
    if (m_results->count() > 0 && !query.isEmpty())
        m_results->setCurrentRow(0);
    updateDetails();
}

void MunicipalityDialog::updateDetails()
{
    const QString code = selectedCode();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(hasChoice());
    if (byState()) {
        const auto &brazil = core::BrazilReference::embedded();
        const auto unit = brazil.unit(code);
        m_details->setText(
            unit
                ? tr("<b>%1</b> — %n municipalities.", nullptr, int(brazil.municipalitiesOf(unit->uf).size()))
                      .arg(unit->name.toHtmlEscaped())
            : m_search->text().trimmed().isEmpty()
                ? QString()
                : tr("No state matches \"%1\". Check the spelling.").arg(m_search->text().trimmed()));
        return;
    }
    const QString place = level(m_role).place;
    if (place != QLatin1String("municipality")) {
        m_details->clear();
        if (place == QLatin1String("urs") && code.isEmpty() && !m_search->text().trimmed().isEmpty())
            m_details->setText(tr("No URS matches \"%1\". Check the spelling.").arg(m_search->text().trimmed()));
        return;
    }
    if (code.isEmpty()) {
        m_details->setText(m_search->text().trimmed().isEmpty()
                               ? QString()
                               : tr("No municipality of Minas Gerais matches \"%1\". Check the spelling "
                                    "or type the 7-digit IBGE code.")
                                     .arg(m_search->text().trimmed()));
        return;
    }
    const auto m = m_reference.municipality(code);
    if (!m)
        return;
    const auto r = m_reference.regiao(m->regiaoCode);
    const QString regiao = r ? r->name : m->regiaoCode;
    QString text = tr("<b>%1</b> — regional health unit (URS): %2; health region: %3.")
                       .arg(m->name.toHtmlEscaped(), m->urs.toHtmlEscaped(), regiao.toHtmlEscaped());
    if (m->ursUncertain)
        text += QLatin1String("<br>")
                + tr("The URS of this municipality is being confirmed by SES-MG; it will be updated "
                     "automatically with the reference table.");
    m_details->setText(text);
}

} // namespace mobiliza::ui
