#include "app/ui/panel/targets_dialog.h"

#include "app/ui/dialogs.h"
#include "app/ui/screen_fit.h"
#include "core/services/services.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>

#include <cmath>

namespace mobiliza::ui {

namespace {

int percentOf(double share)
{
    return int(std::lround(share * 100.0));
}

} // namespace

TargetsDialog::TargetsDialog(const AppContext &context, Dialogs &dialogs, int year, QWidget *parent)
    : QDialog(parent), m_context(context), m_dialogs(dialogs),
      m_editable(context.role == core::Role::Central), m_targets(context.services->targets().current()),
      m_baseRevision(m_targets.revision)
{
    setObjectName(QStringLiteral("targetsDialog"));
    setWindowTitle(tr("Targets"));
    auto *layout = new QVBoxLayout(this);
    m_about = new QLabel(this);
    m_about->setObjectName(QStringLiteral("targetsAbout"));
    m_about->setWordWrap(true);
    layout->addWidget(m_about);

    auto *form = new QFormLayout;
    m_yearBox = new QComboBox(this);
    m_yearBox->setObjectName(QStringLiteral("targetsYear"));
    const int thisYear = context.clock->now().toTimeZone(QTimeZone(-3 * 3600)).date().year();
    for (int y = std::min(year, thisYear - 2); y <= std::max(year, thisYear + 1); ++y)
        m_yearBox->addItem(QString::number(y), y);
    form->addRow(tr("&Year:"), m_yearBox);
    m_state = spin(int(core::Targets::kMaxActions), tr(" actions"), tr("no target"));
    m_state->setObjectName(QStringLiteral("targetsState"));
    form->addRow(tr("Actions of the &state in the year:"), m_state);
    m_perMunicipality = spin(int(core::Targets::kMaxActions), tr(" actions"), tr("no target"));
    m_perMunicipality->setObjectName(QStringLiteral("targetsPerMunicipality"));
    form->addRow(tr("Actions of &each municipality in the year:"), m_perMunicipality);
    layout->addLayout(form);

    const QList<core::Urs> urs = context.reference.urs();
    m_table = new QTableWidget(int(urs.size()), 4, this);
    m_table->setObjectName(QStringLiteral("targetsTable"));
    m_table->setHorizontalHeaderLabels({tr("URS"), tr("Municipalities"), tr("Coverage target"),
                                        tr("Actions in the year")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int row = 0; row < urs.size(); ++row) {
        auto *name = new QTableWidgetItem(urs[row].name);
        name->setData(Qt::UserRole, urs[row].name);
        m_table->setItem(row, UrsColumn, name);
        auto *count = new QTableWidgetItem(QLocale().toString(urs[row].municipalityCount));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, MunicipalitiesColumn, count);
        QSpinBox *coverage = spin(100, QStringLiteral(" %"), {});
        coverage->setMinimum(1);
        coverage->setValue(percentOf(m_targets.coverageOf(context.reference, urs[row].name)));
        coverage->setAccessibleName(tr("Coverage target of URS %1").arg(urs[row].name));
        m_table->setCellWidget(row, CoverageColumn, coverage);
        m_coverage << coverage;
        QSpinBox *actions = spin(int(core::Targets::kMaxActions), {}, tr("no target"));
        actions->setAccessibleName(tr("Actions in the year of URS %1").arg(urs[row].name));
        m_table->setCellWidget(row, ActionsColumn, actions);
        m_actions << actions;
    }
    m_table->horizontalHeader()->setSectionResizeMode(UrsColumn, QHeaderView::Stretch);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(UrsColumn, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);

    auto *hint = new QLabel(
        m_editable ? tr("The coverage target is the share of a URS's municipalities expected to report each "
                        "month. A URS's action target counts when the panel shows all its municipalities; "
                        "otherwise each municipality's target does. Saved targets reach the URS and the "
                        "municipalities at their next synchronization.")
                   : tr("The central level sets these targets; they arrive at each synchronization."),
        this);
    hint->setWordWrap(true);
    hint->setStyleSheet(QStringLiteral("color: #4a5a68;"));
    layout->addWidget(hint);

    m_buttons = new QDialogButtonBox(m_editable ? QDialogButtonBox::Save | QDialogButtonBox::Cancel
                                                : QDialogButtonBox::Close,
                                     this);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &TargetsDialog::save);

    showYear(year);
    m_yearBox->setCurrentIndex(m_yearBox->findData(year));
    connect(m_yearBox, &QComboBox::currentIndexChanged, this, [this] {
        keepYear();
        showYear(m_yearBox->currentData().toInt());
    });
    describe();
    resizeWithinScreen(this, QSize(640, 620)); // 620 px was taller than a netbook's screen
}

QSpinBox *TargetsDialog::spin(int max, const QString &suffix, const QString &none)
{
    auto *s = new QSpinBox(this);
    s->setRange(0, max);
    s->setSuffix(suffix);
    s->setSpecialValueText(none); // 0 shows as "no target" where that means something
    s->setGroupSeparatorShown(true);
    s->setReadOnly(!m_editable);
    s->setButtonSymbols(m_editable ? QAbstractSpinBox::UpDownArrows : QAbstractSpinBox::NoButtons);
    // The wheel scrolls the table; it changes a value only in the field the person
    // clicked into (WheelGuard, for every window of the app).
    return s;
}

void TargetsDialog::describe()
{
    const core::Targets &stored = m_context.services->targets().current();
    QString text;
    if (stored.revision == 0)
        text = tr("No targets were published yet: coverage targets come from the reference table and there "
                  "are no action targets.");
    else if (m_context.services->targets().isExample())
        text =
            tr("Example targets of the demonstration data: the targets the central level publishes replace "
               "them.");
    else
        text = tr("Targets of %1 (revision %2, saved by %3).")
                   .arg(stored.updated.toTimeZone(QTimeZone(-3 * 3600)).toString(QStringLiteral("dd/MM/yyyy HH:mm")))
                   .arg(stored.revision)
                   .arg(stored.updatedBy.isEmpty() ? tr("the central level") : stored.updatedBy);
    if (m_editable && m_context.services->targets().pending())
        text += QLatin1Char(' ') + tr("Not yet published: they go to the hub at the next synchronization.");
    m_about->setText(text);
}

void TargetsDialog::showYear(int year)
{
    m_year = year;
    const core::YearTargets *t = m_targets.year(year);
    m_state->setValue(t ? int(t->state) : 0);
    m_perMunicipality->setValue(t ? int(t->perMunicipality) : 0);
    for (int row = 0; row < m_actions.size(); ++row)
        m_actions[row]->setValue(t ? int(t->urs.value(m_table->item(row, UrsColumn)->data(Qt::UserRole).toString()))
                                   : 0);
}

void TargetsDialog::keepYear()
{
    core::YearTargets y;
    y.year = m_year;
    y.state = m_state->value();
    y.perMunicipality = m_perMunicipality->value();
    for (int row = 0; row < m_actions.size(); ++row)
        if (m_actions[row]->value() > 0)
            y.urs.insert(m_table->item(row, UrsColumn)->data(Qt::UserRole).toString(), m_actions[row]->value());
    QList<core::YearTargets> years;
    for (const core::YearTargets &other : std::as_const(m_targets.years))
        if (other.year != m_year)
            years << other;
    if (!y.isEmpty())
        years << y;
    std::sort(years.begin(), years.end(), [](const auto &a, const auto &b) { return a.year < b.year; });
    m_targets.years = years;
    // A URS's coverage is kept when it differs from the reference table's (or was set before):
    // a later table's value then still reaches the URS the central level never changed.
    for (int row = 0; row < m_coverage.size(); ++row) {
        const QString name = m_table->item(row, UrsColumn)->data(Qt::UserRole).toString();
        const double share = m_coverage[row]->value() / 100.0;
        const auto u = m_context.reference.ursByName(name);
        const bool fromTable = u && percentOf(u->coverageTarget) == m_coverage[row]->value();
        if (fromTable && !m_targets.coverage.contains(name))
            continue;
        if (!m_targets.coverage.contains(name) || percentOf(m_targets.coverage.value(name)) != m_coverage[row]->value())
            m_targets.coverage.insert(name, share);
    }
}

core::Targets TargetsDialog::edited()
{
    keepYear();
    return m_targets;
}

void TargetsDialog::save()
{
    if (!m_editable)
        return;
    // Targets that arrived while the window was open (another central installation's,
    // adopted by a sync pass) are not overwritten unseen: the person is told, keeps what
    // was typed, and saves again to replace them.
    if (const int now = m_context.services->targets().current().revision; now != m_baseRevision) {
        m_baseRevision = now;
        describe();
        m_dialogs.warn(this, tr("Newer targets arrived"),
                       tr("Targets of revision %1 arrived while this window was open. Your values are still "
                          "here and were not saved; compare them with the published ones (close and open "
                          "this window to see them) or save again to replace them.")
                           .arg(now));
        return;
    }
    auto stored = m_context.services->targets().edit(edited(), m_context.reference);
    if (!stored) {
        m_dialogs.warn(this, tr("Targets not saved"),
                       tr("The targets were not saved: %1 Your values are still in this window.")
                           .arg(stored.error().message));
        return;
    }
    m_targets = stored.value();
    m_baseRevision = m_targets.revision;
    describe();
    Q_EMIT saved(stored->revision);
    accept();
}

} // namespace mobiliza::ui
