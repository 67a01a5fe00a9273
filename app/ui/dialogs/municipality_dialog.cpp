#include "app/ui/dialogs/municipality_dialog.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {
constexpr int kCodeRole = Qt::UserRole + 1;
constexpr int kMaxResults = 60;
} // namespace

MunicipalityDialog::MunicipalityDialog(core::ReferenceData reference, QWidget *parent)
    : QDialog(parent), m_reference(std::move(reference))
{
    setWindowTitle(tr("Welcome to Mobiliza"));
    setMinimumSize(520, 460);

    auto *intro = new QLabel(tr("<b>Which municipality does this installation report for?</b><br>"
                                "Type part of the name or the IBGE code. Accents and hyphens "
                                "are not needed. This choice is made once for this profile."),
                             this);
    intro->setWordWrap(true);

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
    layout->addWidget(intro);
    layout->addWidget(m_search);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_details);
    layout->addWidget(m_buttons);

    connect(m_search, &QLineEdit::textChanged, this, &MunicipalityDialog::refresh);
    connect(m_results, &QListWidget::currentRowChanged, this, &MunicipalityDialog::updateDetails);
    connect(m_results, &QListWidget::itemActivated, this, [this] {
        if (!selectedCode().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!selectedCode().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_search->installEventFilter(this);

    refresh();
    m_search->setFocus();
}

QString MunicipalityDialog::selectedCode() const
{
    const auto *item = m_results->currentItem();
    return item ? item->data(kCodeRole).toString() : QString();
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
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!code.isEmpty());
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
