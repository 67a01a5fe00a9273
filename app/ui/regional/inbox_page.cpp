#include "app/ui/regional/inbox_page.h"
#include "app/ui/column_fit.h"
#include "app/ui/style_sheet.h"

#include "app/ui/dialogs.h"
#include "app/ui/pages/flow_layout.h"
#include "app/ui/pages/page_header.h"
#include "app/ui/regional/inbox_model.h"
#include "app/ui/regional/photo_viewer.h"
#include "app/ui/regional/regional_format.h"
#include "app/ui/regional/report_view.h"
#include "core/regional/package_intake.h"
#include "core/services/services.h"
#include "sync/client/sync_controller.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {

const QString kChipStyle = QStringLiteral(
    "QToolButton { border: 1px solid #b8c6d4; border-radius: 12px; padding: 3px 7px; background: #f4f7fa; "
    "color: #1d2a36; }"
    "QToolButton:checked { background: #1f5f8b; color: white; border-color: #1f5f8b; font-weight: bold; }"
    "QToolButton:hover:!checked { background: #e3ecf4; }");

} // namespace

InboxPage::InboxPage(const AppContext &context, Dialogs &dialogs, QWidget *parent)
    : QWidget(parent), m_context(context), m_dialogs(dialogs)
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(20, 16, 20, 16);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    m_listPage = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(m_listPage);
    layout->setContentsMargins(0, 0, 0, 0);
    const bool central = regional::isCentralDesk(*m_context.services);
    const bool people = regional::reviewsPeople(m_context.program);
    layout->addWidget(
        people ? makePageHeader(tr("Inbox"),
                                tr("The reports of the state's apoiadores, as received. Open one (Enter or "
                                   "double-click) to review it; decisions are kept here and sent at the next "
                                   "synchronization."),
                                m_listPage)
        : central
            ? makePageHeader(
                  tr("Forwarded reports"),
                  tr("The reports the URS forwarded to the central level, and every report of the "
                     "state. Open one (Enter or double-click) to consolidate it or return it to its "
                     "URS; decisions are kept here and sent at the next synchronization."),
                  m_listPage)
            : makePageHeader(tr("Inbox"),
                             tr("The reports of the URS's municipalities, as received. Open one (Enter or "
                                "double-click) to review it; decisions are kept here and sent at the next "
                                "synchronization."),
                             m_listPage));

    auto *bar = new QHBoxLayout;
    auto *monthLabel = new QLabel(people ? tr("&Period:") : tr("&Month:"), m_listPage);
    m_month = new QComboBox(m_listPage);
    m_month->setObjectName(QStringLiteral("inboxMonth"));
    m_month->setMinimumContentsLength(10);
    m_month->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "Todas as competências" whole
    monthLabel->setBuddy(m_month);
    auto *searchLabel = new QLabel(people ? tr("A&poiador:") : tr("Mu&nicipality:"), m_listPage);
    m_search = new QLineEdit(m_listPage);
    m_search->setObjectName(QStringLiteral("inboxSearch"));
    m_search->setPlaceholderText(tr("Search by name"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(240);
    searchLabel->setBuddy(m_search);
    m_open = new QPushButton(tr("Open"), m_listPage);
    m_open->setObjectName(QStringLiteral("openInboxReport"));
    m_open->setToolTip(tr("Opens the selected report (Enter or double-click also open it)."));
    m_acceptSelected =
        new QPushButton(central ? tr("Consolidate selected") : tr("Accept selected"), m_listPage);
    m_acceptSelected->setObjectName(QStringLiteral("acceptSelected"));
    m_acceptSelected->setToolTip(
        central ? tr("Consolidates every selected report that waits for the central level "
                     "(select several with Ctrl or Shift).")
                : tr("Accepts every selected report that is waiting for a decision "
                     "(select several with Ctrl or Shift)."));
    bar->addWidget(monthLabel);
    bar->addWidget(m_month);
    bar->addSpacing(12);
    bar->addWidget(searchLabel);
    bar->addWidget(m_search, 1);
    bar->addStretch(0);
    bar->addWidget(m_open);
    bar->addWidget(m_acceptSelected);
    layout->addLayout(bar);

    // The chips wrap onto a second line when the window is narrow (1024 px).
    auto *chips = new FlowLayout(nullptr, 4);
    m_stateGroup = new QButtonGroup(this);
    m_stateGroup->setExclusive(true);
    QStringList keys{QString()};
    keys << regional::reviewStateKeys();
    if (people) // nothing is forwarded above the COSEMS
        keys.removeIf([](const QString &k) {
            return k == QLatin1String("forwarded") || k == QLatin1String("returned_to_urs") ||
                   k == QLatin1String("consolidated");
        });
    for (const QString &key : std::as_const(keys)) {
        auto *chip = new QToolButton(m_listPage);
        chip->setCheckable(true);
        chip->setObjectName(key.isEmpty() ? QStringLiteral("stateAll") : QStringLiteral("state_") + key);
        chip->setStyleSheet(kChipStyle);
        chip->setFocusPolicy(Qt::StrongFocus);
        m_stateGroup->addButton(chip);
        m_stateButtons.insert(key, chip);
        chips->addWidget(chip);
        connect(chip, &QToolButton::toggled, this, [this, key](bool on) {
            if (on)
                m_filter->setStateKey(key);
        });
    }
    layout->addLayout(chips);

    m_model = new InboxModel(m_context, this);
    m_filter = new InboxFilter(this);
    m_filter->setSourceModel(m_model);
    m_table = new QTableView(m_listPage);
    m_table->setObjectName(QStringLiteral("inboxTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(InboxModel::Municipality, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->setAccessibleName(tr("Reports received"));
    // The state, last, takes the room left ("Recusado pelo hub: <why>"); on a netbook the
    // widest columns (the municipality's name) give way first, without scrolling sideways.
    new ColumnFit(m_table, InboxModel::State, 160);
    layout->addWidget(m_table, 1);
    m_empty = new QLabel(m_listPage);
    m_empty->setObjectName(QStringLiteral("inboxEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_empty->setStyleSheet(QStringLiteral("color: #4a5a6a; padding: 24px;"));
    layout->addWidget(m_empty, 1);
    m_summary = new QLabel(m_listPage);
    m_summary->setObjectName(QStringLiteral("inboxSummary"));
    m_summary->setWordWrap(true);
    m_summary->setStyleSheet(QStringLiteral("color: #4a5a6a;"));
    // Below the list, with the summary: package files a municipality brought by hand —
    // at the central level, the batch files a URS without a link sent.
    m_import = new QPushButton(central ? tr("Import batch file…") : tr("Import package…"), m_listPage);
    m_import->setObjectName(QStringLiteral("importPackage"));
    m_import->setToolTip(
        central  ? tr("Takes in a URS's batch files (.mobiliza-lote), brought on a USB stick or sent "
                       "by e-mail; they go to the hub at the next synchronization, and the receipt "
                       "for the URS is written beside each file.")
        : people ? tr("Takes in report package files (.mobiliza) an apoiador brought on a USB stick or sent "
                      "by e-mail; they go to the hub at the next synchronization.")
                 : tr("Takes in report package files (.mobiliza) a municipality brought on a USB "
                      "stick or sent by e-mail; they go to the hub at the next synchronization."));
    auto *footer = new QHBoxLayout;
    footer->addWidget(m_summary, 1);
    footer->addWidget(m_import, 0, Qt::AlignTop);
    layout->addLayout(footer);
    m_stack->addWidget(m_listPage);

    m_view = new ReportView(m_context, m_dialogs, m_stack);
    m_stack->addWidget(m_view);

    connect(m_month, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setPeriod(core::Period::fromKey(m_month->currentData().toString()));
        updateCounts();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setSearch(text);
        updateCounts();
    });
    connect(m_filter, &QAbstractItemModel::modelReset, this, &InboxPage::updateButtons);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &InboxPage::updateButtons);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &InboxPage::updateButtons);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &InboxPage::updateButtons);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &InboxPage::updateButtons);
    connect(m_table, &QTableView::activated, this, &InboxPage::openIndex);
    connect(m_open, &QPushButton::clicked, this, [this] { openIndex(m_table->currentIndex()); });
    connect(m_acceptSelected, &QPushButton::clicked, this, &InboxPage::acceptSelected);
    connect(m_import, &QPushButton::clicked, this, &InboxPage::importPackages);
    connect(m_view, &ReportView::backRequested, this, &InboxPage::showList);
    connect(&m_context.services->notifier(), &core::Notifier::replicaChanged, this,
            &InboxPage::onReplicaChanged);
    // The central level opens on what waits for it.
    m_stateButtons.value(central ? QStringLiteral("forwarded") : QString())->setChecked(true);
    updateButtons();
}

void InboxPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        reload();
}

void InboxPage::onReplicaChanged()
{
    if (m_quiet)
        return;
    if (isVisible())
        reload();
    else
        m_dirty = true;
}

void InboxPage::reload()
{
    m_dirty = false;
    ++m_reloads;
    const QStringList selected = selectedReports();
    const QString current = m_table->currentIndex().data(InboxModel::ReportRole).toString();
    m_model->reload();
    fillMonths();
    // The selection survives a refresh (a synchronization may run while the reviewer chooses).
    QItemSelection selection;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex idx = m_filter->index(row, 0);
        if (selected.contains(idx.data(InboxModel::ReportRole).toString()))
            selection.select(idx, m_filter->index(row, InboxModel::ColumnCount - 1));
        if (idx.data(InboxModel::ReportRole).toString() == current)
            m_table->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::NoUpdate);
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    // Enter opens a report at once: the first row is current when nothing was.
    if (!m_table->currentIndex().isValid() && m_filter->rowCount() > 0)
        m_table->selectionModel()->setCurrentIndex(m_filter->index(0, 0), QItemSelectionModel::NoUpdate);
    updateCounts();
    if (isShowingReport()) {
        const int row = m_model->rowOf(m_view->reportUuid());
        if (row >= 0)
            m_view->setRow(m_model->rowAt(row));
    }
}

void InboxPage::fillMonths()
{
    const QString chosen = m_month->currentData().toString();
    const bool first = m_month->count() == 0;
    const QSignalBlocker block(m_month);
    m_month->clear();
    for (const core::Period &p : m_model->periods())
        m_month->addItem(p.display(), p.key());
    m_month->addItem(regional::reviewsPeople(m_context.program) ? tr("All periods") : tr("All months"),
                     QString());
    // First time: the newest month (the central level: every month, as what waits for it
    // is the months the URS forwarded; a coordination of people: every period, as a report of
    // an older quadrimestre still undecided must not hide behind the newest one). Afterwards:
    // what the reviewer chose, while it exists.
    const bool everyPeriod =
        regional::isCentralDesk(*m_context.services) || regional::reviewsPeople(m_context.program);
    int index = first ? (everyPeriod ? m_month->count() - 1 : 0) : m_month->findData(chosen);
    if (index < 0)
        index = 0;
    m_month->setCurrentIndex(index);
    m_filter->setPeriod(core::Period::fromKey(m_month->currentData().toString()));
}

void InboxPage::updateCounts()
{
    QHash<QString, int> counts;
    int all = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (!m_filter->matchesMonthAndSearch(row))
            continue;
        ++all;
        ++counts[m_model->rowAt(row).stateKey];
    }
    for (auto it = m_stateButtons.cbegin(); it != m_stateButtons.cend(); ++it) {
        const int n = it.key().isEmpty() ? all : counts.value(it.key());
        // A chip's words are short (the row must fit 1024 px): the central level's return is
        // "Devolvido à URS" there, "Devolvido pelo nível central" in the table.
        const QString label = it.key().isEmpty() ? tr("All")
                              : it.key() == QLatin1String("returned_to_urs")
                                  ? tr("Returned to the URS")
                                  : regional::reviewStateLabel(it.key());
        it.value()->setText(QStringLiteral("%1 (%2)").arg(label, QLocale().toString(n)));
        // The central level's return is rare: its chip shows only when there is one (or it is chosen).
        if (it.key() == QLatin1String("returned_to_urs"))
            it.value()->setVisible(n > 0 || it.value()->isChecked());
        it.value()->setAccessibleName(tr("%1: %n report(s)", nullptr, n).arg(label));
    }
    updateButtons();
}

void InboxPage::updateButtons()
{
    const bool any = m_filter->rowCount() > 0;
    m_table->setVisible(any);
    m_empty->setVisible(!any);
    if (!m_model->loadError().isEmpty()) {
        m_empty->setText(tr("The regional copy could not be read: %1").arg(m_model->loadError()));
        setStyleIfChanged(m_empty, QStringLiteral("color: #a01818; padding: 24px;"));
    } else {
        setStyleIfChanged(m_empty, QStringLiteral("color: #4a5a6a; padding: 24px;"));
        const bool people = regional::reviewsPeople(m_context.program);
        m_empty->setText(
            m_model->rowCount() > 0
                ? (people ? tr("No report matches this filter. Choose \"All\" or another period.")
                          : tr("No report matches this filter. Choose \"All\" or another month."))
            : people ? tr("No report received yet. The apoiadores' reports arrive with the "
                          "synchronization (Synchronization page) or from an imported report package.")
                     : tr("No report received yet. The municipalities' reports arrive with the "
                          "synchronization (Synchronization page) or from an imported report package."));
    }
    int decidable = 0;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &idx : rows)
        decidable += idx.data(InboxModel::DecidableRole).toBool() ? 1 : 0;
    m_acceptSelected->setEnabled(decidable > 0);
    if (regional::isCentralDesk(*m_context.services))
        m_acceptSelected->setText(decidable > 1 ? tr("Consolidate selected (%1)").arg(decidable)
                                                : tr("Consolidate selected"));
    else
        m_acceptSelected->setText(decidable > 1 ? tr("Accept selected (%1)").arg(decidable)
                                                : tr("Accept selected"));
    m_open->setEnabled(m_table->currentIndex().isValid() && any);
    int waiting = 0, late = 0;
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex idx = m_filter->index(row, 0);
        waiting += idx.data(InboxModel::DecidableRole).toBool() ? 1 : 0;
        late += idx.data(InboxModel::LateRole).toBool() ? 1 : 0;
    }
    if (regional::reviewsPeople(m_context.program)) {
        m_summary->setText(any ? tr("%1 report(s) shown · %2 waiting for a decision · %3 late.")
                                     .arg(m_filter->rowCount())
                                     .arg(waiting)
                                     .arg(late)
                               : QString());
        return;
    }
    const int expected = int(regional::scopeMunicipalities(m_context.reference, *m_context.services).size());
    const QString summary =
        regional::isCentralDesk(*m_context.services)
            ? tr("%1 report(s) shown · %2 waiting for the central level · %3 late · the state has "
                 "%4 municipalities.")
            : tr("%1 report(s) shown · %2 waiting for a decision · %3 late · the URS has %4 "
                 "municipalities.");
    m_summary->setText(any ? summary.arg(m_filter->rowCount()).arg(waiting).arg(late).arg(expected)
                           : QString());
}

QStringList InboxPage::selectedReports() const
{
    QStringList out;
    for (const QModelIndex &idx : m_table->selectionModel()->selectedRows())
        out << idx.data(InboxModel::ReportRole).toString();
    return out;
}

void InboxPage::openIndex(const QModelIndex &proxyIndex)
{
    if (proxyIndex.isValid())
        openReport(proxyIndex.data(InboxModel::ReportRole).toString());
}

bool InboxPage::openReport(const QString &uuid)
{
    if (m_dirty || m_model->rowOf(uuid) < 0)
        reload();
    const int row = m_model->rowOf(uuid);
    if (row < 0)
        return false;
    m_view->setRow(m_model->rowAt(row));
    m_stack->setCurrentWidget(m_view);
    m_view->photos()->canvas()->setFocus(Qt::OtherFocusReason);
    return true;
}

void InboxPage::showList()
{
    m_stack->setCurrentWidget(m_listPage);
    m_table->setFocus(Qt::OtherFocusReason);
}

bool InboxPage::isShowingReport() const
{
    return m_stack->currentWidget() == m_view;
}

void InboxPage::acceptSelected()
{
    QList<InboxRow> targets;
    int skipped = 0;
    for (const QModelIndex &idx : m_table->selectionModel()->selectedRows()) {
        const InboxRow &row = m_model->rowAt(m_filter->mapToSource(idx).row());
        if (row.decidable)
            targets << row;
        else
            ++skipped;
    }
    if (targets.isEmpty())
        return;
    const bool central = regional::isCentralDesk(*m_context.services);
    const QString title = central ? tr("Consolidate selected") : tr("Accept selected");
    QString question = central ? tr("Consolidate %n report(s)?", nullptr, int(targets.size()))
                               : tr("Accept %n report(s)?", nullptr, int(targets.size()));
    if (skipped > 0)
        question +=
            QLatin1Char(' ') +
            (central ? tr("%n other selected report(s) cannot be consolidated now (not forwarded, already "
                          "decided, or content not received yet) and stay as they are.",
                          nullptr, skipped)
                     : tr("%n other selected report(s) cannot be accepted now (already decided, or content "
                          "not received yet) and stay as they are.",
                          nullptr, skipped));
    if (!m_dialogs.confirm(this, title, question, central ? tr("Consolidate") : tr("Accept"),
                           Dialogs::Tone::Question))
        return;
    const QString reviewer = regional::reviewerName(*m_context.services);
    const core::Decision decision = regional::acceptDecision(*m_context.services);
    QStringList failures;
    m_quiet = true;
    for (const InboxRow &row : std::as_const(targets)) {
        auto done = m_context.services->reviews().decide(row.revision.report, row.revision.revision, decision,
                                                         {}, {}, reviewer);
        if (!done)
            failures << tr("%1 (%2): %3")
                            .arg(row.municipalityName, row.revision.period.display(), done.error().message);
    }
    m_quiet = false;
    reload();
    const int decided = int(targets.size() - failures.size());
    const QString done = central ? tr("%n report(s) consolidated.", nullptr, decided)
                                 : tr("%n report(s) accepted.", nullptr, decided);
    if (failures.isEmpty()) {
        m_dialogs.inform(this, title,
                         done + QLatin1Char(' ') +
                             tr("The decisions go to the hub at the next synchronization."));
    } else {
        m_dialogs.warn(this, title,
                       done + QLatin1Char(' ') +
                           (central ? tr("%n could not be consolidated:", nullptr, int(failures.size()))
                                    : tr("%n could not be accepted:", nullptr, int(failures.size()))) +
                           QLatin1Char('\n') + failures.join(QLatin1Char('\n')));
    }
}

// The (last) imported report in view: its month, no filter hiding it, its row selected.
void InboxPage::showImported(const QString &reportUuid, const core::Period &period)
{
    if (isShowingReport())
        return;
    if (const int index = m_month->findData(period.key()); index >= 0)
        m_month->setCurrentIndex(index);
    const auto rowInView = [this, &reportUuid] {
        for (int row = 0; row < m_filter->rowCount(); ++row)
            if (m_filter->index(row, 0).data(InboxModel::ReportRole).toString() == reportUuid)
                return row;
        return -1;
    };
    if (rowInView() < 0) {
        m_search->clear();
        m_stateButtons.value(QString())->setChecked(true);
    }
    if (const int row = rowInView(); row >= 0) {
        m_table->selectionModel()->setCurrentIndex(
            m_filter->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_table->scrollTo(m_filter->index(row, 0));
    }
}

} // namespace mobiliza::ui
