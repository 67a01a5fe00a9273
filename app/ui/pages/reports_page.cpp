#include "app/ui/pages/reports_page.h"
#include "app/ui/style_sheet.h"

#include "app/ui/dialogs.h"
#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/page_header.h"
#include "app/ui/pages/report_outputs.h"
#include "core/services/services.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

namespace mobiliza::ui {

ReportsPage::ReportsPage(const AppContext &context, Dialogs &dialogs, QWidget *parent)
    : QWidget(parent), m_context(context), m_dialogs(dialogs)
{
    m_outputs = new ReportOutputs(m_context, m_dialogs, this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    const bool quadrimestral = m_context.program.periodMonths() == 4;
    layout->addWidget(
        quadrimestral ? makePageHeader(
                            tr("Four-month reports"),
                            tr("One report per quadrimestre (January–April, May–August, September–December): "
                               "record each action as it happens and conclude the report for review. "
                               "Concluded reports wait in the outbox until they can be sent."),
                            this)
                      : makePageHeader(
                            tr("Monthly reports"),
                            tr("One report per month. A month without actions is also reported, with a "
                               "justification. Concluded reports wait in the outbox until they can be sent."),
                            this));

    auto *bar = new QHBoxLayout;
    m_create = new QPushButton(this);
    m_create->setObjectName(QStringLiteral("createReport"));
    bar->addWidget(m_create);
    m_createPrevious = new QPushButton(this);
    m_createPrevious->setObjectName(QStringLiteral("createPreviousReport"));
    bar->addWidget(m_createPrevious);
    m_otherMonth = new QToolButton(this);
    m_otherMonth->setObjectName(QStringLiteral("createOtherMonth"));
    m_otherMonth->setText(quadrimestral ? tr("Another quadrimestre…") : tr("Another month…"));
    m_otherMonth->setToolTip(
        quadrimestral ? tr("Create the report of an earlier quadrimestre (up to two years back): a "
                           "late report is still accepted, marked late.")
                      : tr("Create the report of an earlier month (up to two years back): a late "
                           "month is still accepted, marked late."));
    m_otherMonth->setPopupMode(QToolButton::InstantPopup);
    m_otherMonth->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_otherMonth->setMenu(new QMenu(m_otherMonth));
    bar->addWidget(m_otherMonth);
    m_open = new QPushButton(tr("Open the report"), this);
    m_open->setObjectName(QStringLiteral("openReport"));
    m_open->setToolTip(tr("Opens the month selected in the list (Enter or double-click also open it)."));
    bar->addWidget(m_open);
    m_files = new QToolButton(this);
    m_files->setObjectName(QStringLiteral("reportFiles"));
    m_files->setText(tr("PDF and files"));
    m_files->setToolTip(tr("The selected report's official PDF, its actions as CSV or XLSX, or a package for "
                           "a USB stick (also by right-clicking the report)."));
    m_files->setPopupMode(QToolButton::InstantPopup);
    m_files->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_files->setMenu(new QMenu(m_files));
    m_outputs->addTo(m_files->menu());
    bar->addWidget(m_files);
    m_import = new QPushButton(tr("Import package…"), this);
    m_import->setObjectName(QStringLiteral("importPackage"));
    m_import->setToolTip(tr("Brings in report packages (.mobiliza) of this municipality, saved on another "
                            "computer or on a USB stick. Each file is checked before anything is kept."));
    connect(m_import, &QPushButton::clicked, this, [this] {
        importPackages(
            m_dialogs.openFiles(this, tr("Import report packages"), tr("Report packages (*.mobiliza)")));
    });
    bar->addStretch(1);
    bar->addWidget(m_import);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b01e1e;"));
    m_message->hide();
    layout->addLayout(bar);
    layout->addWidget(m_message);

    m_model = new ReportListModel(m_context, this);
    m_model->deferWhile([this] { return !isVisible(); }); // caught up in showEvent
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    // Every column as wide as its content but the state, which takes what is left and elides
    // (a return comment is long; the whole of it is in the tooltip and the editor): the list
    // fits a 1024×600 screen without scrolling sideways.
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ReportListModel::State, QHeaderView::Stretch);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setAccessibleName(tr("Monthly reports"));
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, &ReportsPage::showContextMenu);
    layout->addWidget(m_table, 1);

    m_empty = new QLabel(this);
    m_empty->setWordWrap(true);
    // In the table's place when there is no row: it takes the table's space, its
    // text right under the buttons (not pushed down the page by spare space).
    m_empty->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    layout->addWidget(m_empty, 1);

    connect(m_create, &QPushButton::clicked, this,
            [this] { createMonth(m_context.program.periodOf(m_context.clock->today())); });
    connect(m_createPrevious, &QPushButton::clicked, this,
            [this] { createMonth(m_context.program.periodOf(m_context.clock->today()).previous()); });
    connect(m_open, &QPushButton::clicked, this, &ReportsPage::openSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ReportsPage::updateState);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReportsPage::currentChanged);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT openReportRequested(index.data(ReportListModel::UuidRole).toString());
    });
    updateState();
}

void ReportsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_model->catchUp();
}

void ReportsPage::updateState()
{
    const QDate today = m_context.clock->today();
    const core::Period current = m_context.program.periodOf(today);
    const core::Period previous = current.previous();
    bool exists = false;
    bool previousExists = false;
    QSet<QString> existing;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const core::Period period = m_model->summaryAt(row).period;
        exists = exists || period == current;
        previousExists = previousExists || period == previous;
        existing.insert(period.key());
    }
    fillOtherMonths(existing);
    m_create->setText(
        (current.isQuadrimester() ? tr("Create the report of the %1") : tr("Create the report of %1"))
            .arg(monthTitle(current)));
    m_create->setEnabled(!exists);
    m_create->setVisible(!exists);
    // Early in the month the previous one is still being reported (deadline: next month).
    const bool offerPrevious = !previousExists && !m_context.program.isLate(previous, today);
    m_createPrevious->setText(
        (previous.isQuadrimester() ? tr("Create the report of the %1") : tr("Create the report of %1"))
            .arg(monthTitle(previous)));
    m_createPrevious->setVisible(offerPrevious);
    m_open->setVisible(m_model->rowCount() > 0);
    m_files->setVisible(m_model->rowCount() > 0);
    // A database that cannot be read is never shown as "no report yet".
    const QString error = m_model->loadError();
    if (!error.isEmpty()) {
        m_create->setVisible(false);
        m_createPrevious->setVisible(false);
        m_otherMonth->setVisible(false);
        m_empty->setText(tr("The reports could not be read: %1").arg(error));
        setStyleIfChanged(m_empty, QStringLiteral("color: #a01818; padding: 24px;"));
    } else {
        m_empty->setText(
            m_context.program.periodMonths() == 4
                ? tr("No report yet. Start with the current quadrimestre: every action you record "
                     "is saved at once, even without internet.")
                : tr("No report yet. Start with the current month: every action you record is "
                     "saved at once, even without internet."));
        setStyleIfChanged(m_empty, QStringLiteral("color: #4a5a6a; padding: 24px;"));
    }
    m_empty->setVisible(m_model->rowCount() == 0);
    m_table->setVisible(m_model->rowCount() > 0);
    if (m_model->rowCount() > 0 && !m_table->currentIndex().isValid())
        m_table->setCurrentIndex(m_model->index(0, 0));
    currentChanged(); // a reset keeps no selection signal for a row whose state changed
}

void ReportsPage::currentChanged()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_outputs->setReport({}, {}, core::ReportState::Draft);
        return;
    }
    const core::ReportSummary summary = m_model->summaryAt(current.row());
    m_outputs->setReport(summary.uuid, summary.period, summary.state);
}

void ReportsPage::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    m_table->setCurrentIndex(index);
    QMenu menu(this);
    QAction *open = menu.addAction(tr("Open the report"));
    connect(open, &QAction::triggered, this, &ReportsPage::openSelected);
    menu.addSeparator();
    m_outputs->addTo(&menu);
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void ReportsPage::fillOtherMonths(const QSet<QString> &existing)
{
    QMenu *menu = m_otherMonth->menu();
    // Later, not now: this runs on the model's reset, which the chosen action's own
    // triggered() causes (createMonth).
    for (QAction *old : menu->actions()) {
        menu->removeAction(old);
        old->deleteLater();
    }
    const QDate today = m_context.clock->today();
    core::Period p = m_context.program.periodOf(today);
    for (int i = 1; i <= kMonthsBack / m_context.program.periodMonths(); ++i) {
        p = p.previous();
        if (existing.contains(p.key()))
            continue;
        const QString due = m_context.program.deadline(p).toString(QStringLiteral("dd/MM/yyyy"));
        //: A month that can still be created (%1: "Outubro de 2026", %2: its deadline dd/mm/aaaa).
        const QString text = m_context.program.isLate(p, today)
                                 ? tr("%1 — deadline %2, late").arg(monthTitle(p), due)
                                 : tr("%1 — deadline %2").arg(monthTitle(p), due);
        QAction *action = menu->addAction(text);
        action->setData(p.key());
        connect(action, &QAction::triggered, this, [this, p] { createMonth(p); });
    }
    m_otherMonth->setVisible(!menu->isEmpty());
}

void ReportsPage::createMonth(const core::Period &period)
{
    const auto created = m_context.services->reports().createReport(m_context.program.id(), period);
    m_message->setText(created ? QString() : created.error().message);
    m_message->setVisible(!created);
    if (created)
        Q_EMIT openReportRequested(created.value().uuid);
}

bool ReportsPage::startMonth(const core::Period &period)
{
    if (!period.isValid())
        return false;
    const QDate due = m_context.program.deadline(period);
    const bool late = m_context.program.isLate(period, m_context.clock->today());
    const QString when = tr("Due %1%2.")
                             .arg(QLocale().toString(due, QStringLiteral("dd/MM/yyyy")),
                                  late ? tr(", already late — it can still be sent") : QString());
    if (!m_dialogs.confirm(this, tr("Start the report of %1").arg(monthTitle(period)),
                           tr("%1 has no report on this computer yet. Start it now? It opens in the editor "
                              "and nothing is sent until you conclude it. %2")
                               .arg(monthTitle(period), when),
                           tr("Start the report"), Dialogs::Tone::Question))
        return false;
    const auto created = m_context.services->reports().createReport(m_context.program.id(), period);
    if (!created) {
        m_dialogs.warn(this, tr("Start the report of %1").arg(monthTitle(period)), created.error().message);
        return false;
    }
    Q_EMIT openReportRequested(created.value().uuid);
    return true;
}

void ReportsPage::openSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (current.isValid())
        Q_EMIT openReportRequested(current.data(ReportListModel::UuidRole).toString());
}

bool ReportsPage::importPackages(const QStringList &files)
{
    if (files.isEmpty())
        return false;
    if (m_importJob) { // files handed over meanwhile (opened with the app): after this import
        m_pendingImports << files;
        return true;
    }
    m_importJob = new core::PackageIntakeJob(m_context.dataDir, *m_context.clock, files, this,
                                             core::PackageIntakeJob::Kind::OwnPackages);
    m_importProgress = new QProgressDialog(this);
    m_importProgress->setObjectName(QStringLiteral("importProgress"));
    m_importProgress->setWindowTitle(tr("Import package"));
    m_importProgress->setLabelText(tr("Checking the package files…"));
    m_importProgress->setCancelButtonText(tr("Cancel"));
    m_importProgress->setWindowModality(Qt::WindowModal);
    m_importProgress->setAutoClose(false);
    m_importProgress->setAutoReset(false);
    m_importProgress->setMinimumDuration(500);
    m_importProgress->setRange(0, int(files.size()));
    connect(m_importProgress, &QProgressDialog::canceled, m_importJob, [this] {
        if (!m_importJob || !m_importProgress)
            return;
        m_importJob->cancel();
        m_importProgress->setLabelText(tr("Cancelling: the file being checked is finished first…"));
    });
    connect(m_importJob, &core::PackageIntakeJob::progress, this,
            [this](int done, int total, const QString &name) {
                if (!m_importProgress || m_importProgress->wasCanceled())
                    return;
                m_importProgress->setLabelText(
                    tr("Checking %1 (%2 of %3)…").arg(name).arg(done + 1).arg(total));
                m_importProgress->setValue(done); // last: a modal dialog's setValue processes events
            });
    connect(m_importJob, &core::PackageIntakeJob::finished, this, &ReportsPage::importFinishedWith);
    m_import->setEnabled(false);
    m_importJob->start();
    return true;
}

void ReportsPage::importFinishedWith(const core::IntakeJobResult &result)
{
    const int given = m_importJob ? m_importJob->fileCount() : int(result.files.size());
    if (m_importJob)
        m_importJob->deleteLater();
    m_importJob = nullptr;
    if (m_importProgress) {
        m_importProgress->hide();
        m_importProgress->deleteLater();
        m_importProgress = nullptr;
    }
    m_import->setEnabled(true);
    const QString title = tr("Import package");
    if (!result.openError.code.isEmpty()) {
        m_dialogs.warn(this, title, tr("The files could not be imported: %1").arg(result.openError.message));
        Q_EMIT importFinished(0, given);
        return;
    }
    const auto bullets = [](const QStringList &lines) -> QString {
        return QStringLiteral("\n• ") + lines.join(QStringLiteral("\n• "));
    };
    QStringList imported, alreadyHere, refused;
    QString lastUuid;
    for (const core::IntakeFileResult &file : result.files) {
        const QString name = QFileInfo(file.path).fileName();
        if (!file.ok) {
            refused << tr("%1: %2").arg(name, file.error.message);
            continue;
        }
        const QString what =
            tr("%1: %2, revision %3").arg(name, monthTitle(file.own.period)).arg(file.own.revision);
        if (file.own.kind == core::ImportOutcome::Kind::AlreadyPresent) {
            alreadyHere << what;
        } else {
            imported << what;
            lastUuid = file.own.reportUuid;
        }
    }
    // The worker wrote through connections of its own: the pages learn it here.
    if (!imported.isEmpty())
        Q_EMIT m_context.services->notifier().reportsReset();
    m_model->reload();
    QStringList parts;
    if (!imported.isEmpty())
        parts << tr("%n report(s) imported:", nullptr, int(imported.size())) + bullets(imported);
    if (!alreadyHere.isEmpty())
        parts << tr("%n report(s) already here (nothing changed):", nullptr, int(alreadyHere.size())) +
                     bullets(alreadyHere);
    if (!refused.isEmpty())
        parts << tr("%n file(s) refused (nothing was kept from them):", nullptr, int(refused.size())) +
                     bullets(refused);
    const int notLookedAt = result.cancelled ? given - int(result.files.size()) : 0;
    if (notLookedAt > 0)
        parts << tr("%n file(s) not looked at (cancelled).", nullptr, notLookedAt);
    const QString text = parts.join(QStringLiteral("\n\n"));
    if (!refused.isEmpty())
        m_dialogs.warn(this, title, text);
    else if (!text.isEmpty())
        m_dialogs.inform(this, title, text);
    if (!lastUuid.isEmpty()) {
        for (int row = 0; row < m_model->rowCount(); ++row)
            if (m_model->summaryAt(row).uuid == lastUuid)
                m_table->setCurrentIndex(m_model->index(row, 0));
    }
    Q_EMIT importFinished(int(imported.size()), int(refused.size()));
    if (!m_pendingImports.isEmpty())
        importPackages(std::exchange(m_pendingImports, {}));
}

} // namespace mobiliza::ui
