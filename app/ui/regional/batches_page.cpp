#include "app/ui/regional/batches_page.h"
#include "app/ui/column_fit.h"

#include "app/ui/dialogs.h"
#include "app/ui/pages/page_header.h"
#include "app/ui/regional/batch_model.h"
#include "app/ui/regional/regional_format.h"
#include "core/package/batch_file.h"
#include "core/package/batch_file_job.h"
#include "core/package/batch_receipt.h"
#include "core/regional/batch_service.h"
#include "core/services/services.h"
#include "sync/client/sync_controller.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPalette>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <functional>

namespace mobiliza::ui {

namespace {

// A light panel without a style sheet (one would change how the buttons inside look).
void makePanel(QFrame *frame)
{
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    QPalette palette = frame->palette();
    palette.setColor(QPalette::Window, QColor(0xf4, 0xf7, 0xfa));
    frame->setPalette(palette);
}

// A path that wraps in a narrow label: a break opportunity after each separator.
QString breakable(QString path)
{
    static const QString marks = QStringLiteral("/\\-.");
    QString out;
    for (const QChar c : path) {
        out += c;
        if (marks.contains(c))
            out += QChar(0x200B);
    }
    return out;
}

class MiddleElideDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->textElideMode = Qt::ElideMiddle; // "arquivo: lote-Barb…2026-10.mobiliza-lote"
    }
};

bool waiting(const core::BatchRecord &b)
{
    return b.channel == QLatin1String("network")
           && (b.state == QLatin1String("queued") || b.state == QLatin1String("sending"));
}

} // namespace

BatchesPage::BatchesPage(const AppContext &context, Dialogs &dialogs, QWidget *parent)
    : QWidget(parent), m_context(context), m_dialogs(dialogs)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->addWidget(makePageHeader(
        tr("Batches"),
        tr("The reports the hub accepted go to the central level (SES-MG) in batches of a month: over the "
           "network, at the next synchronization, or in a batch file taken there by hand."),
        this));

    auto *panel = new QFrame(this);
    panel->setObjectName(QStringLiteral("batchesForwardPanel"));
    makePanel(panel);
    auto *grid = new QGridLayout(panel);
    grid->setContentsMargins(12, 10, 12, 10);
    grid->setHorizontalSpacing(10);
    auto *monthLabel = new QLabel(tr("&Month:"), panel);
    m_month = new QComboBox(panel);
    m_month->setObjectName(QStringLiteral("batchesMonth"));
    m_month->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    monthLabel->setBuddy(m_month);
    m_count = new QLabel(panel);
    m_count->setObjectName(QStringLiteral("batchesCount"));
    m_count->setWordWrap(true);
    m_count->setStyleSheet(QStringLiteral("font-weight: bold; color: #1d2a36;"));
    m_forward = new QPushButton(tr("Forward to the central level"), panel);
    m_forward->setObjectName(QStringLiteral("forwardBatch"));
    m_forward->setToolTip(tr("Makes a batch of the month's accepted reports; it goes over the network at the "
                             "next synchronization, which starts now."));
    m_writeFile = new QPushButton(tr("Write batch file…"), panel);
    m_writeFile->setObjectName(QStringLiteral("writeBatchFile"));
    m_writeFile->setToolTip(tr("Writes the month's accepted reports, with their photos, to one file to take "
                               "to the central level (a USB stick, for example)."));
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    buttons->addWidget(m_forward);
    buttons->addWidget(m_writeFile);
    buttons->addStretch(1);
    grid->addWidget(monthLabel, 0, 0);
    grid->addWidget(m_month, 0, 1);
    grid->addWidget(m_count, 0, 2);
    grid->addLayout(buttons, 1, 0, 1, 3);
    grid->setColumnStretch(2, 1);
    layout->addWidget(panel);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("batchesStatus"));
    m_status->setWordWrap(true);
    m_status->setStyleSheet(QStringLiteral("color: #1e6b34;"));
    m_status->hide();
    layout->addWidget(m_status);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #a01818;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto *listHeader = new QHBoxLayout;
    auto *listTitle = new QLabel(tr("Batches made at this URS"), this);
    listTitle->setStyleSheet(QStringLiteral("font-weight: bold; margin-top: 6px;"));
    m_importReceipt = new QPushButton(tr("Import receipt…"), this);
    m_importReceipt->setObjectName(QStringLiteral("importBatchReceipt"));
    m_importReceipt->setToolTip(tr("Records the receipt file (.mobiliza-recibo) the central level gave back for a "
                                   "batch file: the batch becomes received by the central level."));
    listHeader->addWidget(listTitle);
    listHeader->addStretch(1);
    listHeader->addWidget(m_importReceipt);
    layout->addLayout(listHeader);

    auto *below = new QHBoxLayout;
    m_model = new BatchModel(m_context.reference, this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("batchesTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->setAccessibleName(tr("Batches made at this URS"));
    // The state (received, decided, refused and why) keeps its room; on a small screen the
    // widest other columns give way first, elided (whole in the panel beside), and nothing
    // scrolls sideways. The channel elides a long file name in the middle.
    new ColumnFit(m_table, BatchModel::State, 220);
    m_table->setItemDelegateForColumn(BatchModel::Channel, new MiddleElideDelegate(m_table));
    listTitle->setBuddy(m_table);
    below->addWidget(m_table, 1);
    m_empty = new QLabel(tr("No batch yet. Choose a month with accepted reports and forward them."), this);
    m_empty->setObjectName(QStringLiteral("batchesEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_empty->setStyleSheet(QStringLiteral("color: #4a5a6a; padding: 24px;"));
    below->addWidget(m_empty, 1);

    auto *detail = new QFrame(this);
    detail->setObjectName(QStringLiteral("batchDetail"));
    makePanel(detail);
    detail->setFixedWidth(210);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(10, 8, 10, 8);
    m_detailTitle = new QLabel(detail);
    m_detailTitle->setObjectName(QStringLiteral("batchDetailTitle"));
    m_detailTitle->setWordWrap(true);
    m_detailTitle->setTextFormat(Qt::PlainText);
    m_detailTitle->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_detailText = new QLabel(detail);
    m_detailText->setObjectName(QStringLiteral("batchDetailText"));
    m_detailText->setWordWrap(true);
    m_detailText->setTextFormat(Qt::PlainText);
    m_detailText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailList = new QListWidget(detail);
    m_detailList->setObjectName(QStringLiteral("batchReports"));
    m_detailList->setAccessibleName(tr("Municipalities in the batch"));
    m_detailList->setSelectionMode(QAbstractItemView::NoSelection);
    m_detailList->setFocusPolicy(Qt::NoFocus);
    detailLayout->addWidget(m_detailTitle);
    detailLayout->addWidget(m_detailText);
    detailLayout->addWidget(m_detailList, 1);
    detailLayout->addStretch(0); // the text stays on top while the list is hidden
    below->addWidget(detail);
    layout->addLayout(below, 1);

    connect(m_month, &QComboBox::currentIndexChanged, this, &BatchesPage::updateMonth);
    connect(m_forward, &QPushButton::clicked, this, &BatchesPage::forward);
    connect(m_writeFile, &QPushButton::clicked, this, &BatchesPage::writeFile);
    connect(m_importReceipt, &QPushButton::clicked, this, &BatchesPage::importReceipt);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &BatchesPage::showSelected);
    connect(m_model, &QAbstractItemModel::modelReset, this, &BatchesPage::showSelected);
    connect(&m_context.services->notifier(), &core::Notifier::replicaChanged, this, [this] {
        if (isVisible())
            reload();
        else
            m_dirty = true;
    });
    updateMonth();
    showSelected();
}

void BatchesPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        reload();
}

void BatchesPage::reload()
{
    m_dirty = false;
    ++m_reloads;
    const QString current = m_table->currentIndex().data(BatchModel::UuidRole).toString();
    core::BatchService batches(*m_context.services);
    auto all = batches.all();
    m_error->setVisible(!all);
    if (!all) {
        m_error->setText(tr("The batches could not be read: %1").arg(all.error().message));
        m_model->setBatches({});
    } else {
        // What the central level made of each received batch, from the replica.
        QHash<QString, core::CentralProgress> progress;
        for (const core::BatchRecord &b : all.value())
            if (auto p = batches.centralProgress(b, all.value()); p && p->decided() > 0)
                progress.insert(b.uuid, p.value());
        m_model->setBatches(all.value(), std::move(progress));
    }
    const bool any = m_model->rowCount() > 0;
    m_table->setVisible(any);
    m_empty->setVisible(!any);
    findChild<QFrame *>(QStringLiteral("batchDetail"))->setVisible(any);

    // The months: every competência of the replica and of the batches, newest first.
    QSet<QString> keys;
    if (auto latest = m_context.services->replica().latest())
        for (const core::ReplicaRevision &r : latest.value())
            keys.insert(r.period.key());
    for (int row = 0; row < m_model->rowCount(); ++row)
        keys.insert(m_model->batchAt(row).period.key());
    QStringList ordered(keys.cbegin(), keys.cend());
    std::sort(ordered.begin(), ordered.end(), std::greater<>());
    m_forwardable.clear();
    for (const QString &key : std::as_const(ordered))
        if (auto f = batches.forwardable(core::Period::fromKey(key)))
            m_forwardable.insert(key, int(f.value().size()));

    const QString chosen = m_month->currentData().toString();
    const bool first = m_month->count() == 0;
    {
        const QSignalBlocker block(m_month);
        m_month->clear();
        for (const QString &key : std::as_const(ordered)) {
            const int n = m_forwardable.value(key);
            const QString text = core::Period::fromKey(key).display();
            m_month->addItem(n > 0 ? tr("%1 · %n to forward", nullptr, n).arg(text) : text, key);
        }
        // First time: the newest month with reports to forward (else the newest).
        // Afterwards: what the reviewer chose, while it exists.
        int index = first ? -1 : m_month->findData(chosen);
        for (int i = 0; index < 0 && i < m_month->count(); ++i)
            if (m_forwardable.value(m_month->itemData(i).toString()) > 0)
                index = i;
        m_month->setCurrentIndex(std::max(0, index));
    }
    updateMonth();
    // The batch that was selected, else the newest: its reports show beside at once.
    if (m_model->rowOf(current) >= 0)
        selectBatch(current);
    else if (any)
        selectBatch(m_model->batchAt(0).uuid);
}

int BatchesPage::forwardableCount() const
{
    return m_forwardable.value(m_month->currentData().toString());
}

void BatchesPage::updateMonth()
{
    const QString key = m_month->currentData().toString();
    const int n = forwardableCount();
    // One batch at a time: nothing else starts while a file is being written.
    m_forward->setEnabled(n > 0 && !m_job);
    m_writeFile->setEnabled(n > 0 && !m_job);
    m_importReceipt->setEnabled(!m_job);
    if (key.isEmpty()) {
        m_count->setText(tr("No report received yet."));
        return;
    }
    const core::Period period = core::Period::fromKey(key);
    QString text = n > 0 ? tr("%n accepted report(s) of %1 waiting to be forwarded.", nullptr, n).arg(period.display())
                         : tr("No accepted report of %1 is waiting to be forwarded.").arg(period.display());
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->batchAt(row).period == period && waiting(m_model->batchAt(row))) {
            text += QLatin1Char(' ') + tr("A batch of this month goes to the hub at the next synchronization.");
            break;
        }
    m_count->setText(text);
}

void BatchesPage::showSelected()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    m_detailList->clear();
    m_detailList->setVisible(!rows.isEmpty());
    if (rows.isEmpty()) {
        m_detailTitle->setText(tr("Select a batch to see its reports."));
        m_detailText->clear();
        return;
    }
    const int row = rows.constFirst().row();
    const core::BatchRecord &b = m_model->batchAt(row);
    m_detailTitle->setText(tr("Batch of %1 · %n report(s)", nullptr, int(b.revisions.size())).arg(b.period.display()));
    // Whole here what the table may elide: the state (a refusal's reason) and the file.
    QStringList lines{m_model->stateTextAt(row),
                      b.channel == QLatin1String("file") ? breakable(QDir::toNativeSeparators(b.filePath))
                                                         : BatchModel::channelText(b),
                      tr("Made on %1 by %2").arg(regional::brasiliaDateTime(b.createdAt), b.createdBy)};
    m_detailText->setText(lines.join(QLatin1Char('\n')));
    m_detailList->addItems(m_model->municipalityNames(row));
}

void BatchesPage::selectBatch(const QString &uuid)
{
    const int row = m_model->rowOf(uuid);
    if (row < 0)
        return;
    m_table->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                               QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QString BatchesPage::suggestedFileName(const QString &urs, const QString &periodKey)
{
    return core::package::batchFileBaseName(urs, periodKey) + QLatin1String(core::package::kBatchExtension);
}

void BatchesPage::forward()
{
    const int n = forwardableCount();
    if (n <= 0)
        return;
    const core::Period period = core::Period::fromKey(m_month->currentData().toString());
    if (!m_dialogs.confirm(this, tr("Forward to the central level"),
                           tr("Forward %n report(s) of %1 to the central level?", nullptr, n).arg(period.display())
                               + QLatin1Char(' ')
                               + tr("They go over the network at the next synchronization."),
                           tr("Forward"), Dialogs::Tone::Question))
        return;
    core::BatchService batches(*m_context.services);
    auto created = batches.create(period, regional::reviewerName(*m_context.services));
    if (!created) {
        m_dialogs.warn(this, tr("Forward to the central level"),
                       tr("Nothing was forwarded: %1").arg(created.error().message));
        return;
    }
    reload();
    selectBatch(created->uuid);
    showStatus(tr("Batch of %1 with %n report(s) made: it goes to the hub at the next synchronization.", nullptr,
                  int(created->revisions.size()))
                   .arg(period.display()));
    if (m_context.sync)
        m_context.sync->syncNow();
}

void BatchesPage::writeFile()
{
    const int n = forwardableCount();
    if (n <= 0 || m_job)
        return;
    const core::Period period = core::Period::fromKey(m_month->currentData().toString());
    if (m_lastFolder.isEmpty())
        m_lastFolder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested =
        QDir(m_lastFolder).filePath(suggestedFileName(m_context.services->profile().urs(), period.key()));
    QString path = m_dialogs.saveFileName(this, tr("Write batch file"), suggested,
                                          tr("Mobiliza batch file (*.mobiliza-lote)"));
    if (path.isEmpty())
        return;
    if (!path.endsWith(QStringLiteral(".mobiliza-lote")))
        path += QStringLiteral(".mobiliza-lote");
    m_lastFolder = QFileInfo(path).absolutePath();
    auto prepared =
        core::BatchService(*m_context.services).prepare(period, regional::reviewerName(*m_context.services), path);
    if (!prepared) {
        writeFailed(prepared.error());
        return;
    }
    startWriting(prepared.value());
}

void BatchesPage::startWriting(const core::BatchRecord &batch)
{
    // Hundreds of MB of photos: on a worker, with a connection of its own.
    m_job = new core::BatchFileJob(m_context.services->database().dataDir(), m_context.services->blobs().dir(), batch,
                                   this);
    m_job->setWorkerHook(m_workerHook);
    m_progress = new QProgressDialog(this);
    m_progress->setObjectName(QStringLiteral("batchFileProgress"));
    m_progress->setWindowTitle(tr("Write batch file"));
    m_progress->setLabelText(tr("Writing the batch file of %1…").arg(batch.period.display()));
    m_progress->setCancelButtonText(tr("Cancel"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setMinimumDuration(0);
    m_progress->setMinimumWidth(420); // the line of photos and sizes grows without the dialog jumping
    m_progress->setRange(0, 0); // busy until the first photo
    connect(m_progress, &QProgressDialog::canceled, m_job, [this] {
        m_job->cancel();
        showStatus(tr("Cancelling: the batch file is being removed…"));
    });
    connect(m_job, &core::BatchFileJob::progress, this, &BatchesPage::showWriteProgress);
    connect(m_job, &core::BatchFileJob::finished, this, &BatchesPage::writeFinished);
    updateMonth(); // the buttons wait
    m_progress->show();
    m_job->start();
}

void BatchesPage::showWriteProgress(const core::BatchWriteProgress &p)
{
    if (!m_progress || m_progress->wasCanceled())
        return;
    const QLocale locale;
    const auto kib = [](qint64 bytes) { return int(std::min<qint64>(bytes / 1024, INT_MAX)); };
    m_progress->setLabelText(tr("%1 of %n photo(s) written (%2 of %3).", nullptr, p.totalFiles)
                                 .arg(p.files)
                                 .arg(locale.formattedDataSize(p.bytes, 1, QLocale::DataSizeSIFormat),
                                      locale.formattedDataSize(p.totalBytes, 1, QLocale::DataSizeSIFormat)));
    const int total = std::max(1, kib(p.totalBytes));
    m_progress->setRange(0, total);
    // Last: a modal dialog's setValue processes events, and the job may finish in there.
    m_progress->setValue(std::min(kib(p.bytes), total));
}

void BatchesPage::writeFinished(const core::Status &status)
{
    const core::BatchRecord batch = m_job->batch();
    const bool cancelled = m_job->isCancelled();
    m_job->deleteLater();
    m_job = nullptr;
    if (m_progress) {
        m_progress->hide();
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    updateMonth();
    if (cancelled) {
        // Even a file finished just as Cancel was clicked: cancelled means nothing.
        if (status)
            QFile::remove(batch.filePath);
        showStatus(tr("Cancelled: no batch file was written and nothing changed."));
        return;
    }
    auto created = status ? core::BatchService(*m_context.services).record(batch)
                          : core::Result<core::BatchRecord>(status.error());
    if (!created) {
        writeFailed(created.error());
        return;
    }
    reload();
    selectBatch(created->uuid);
    const QString path = QDir::toNativeSeparators(batch.filePath);
    showStatus(tr("Batch file written: %n report(s) of %1 in %2.", nullptr, int(created->revisions.size()))
                   .arg(batch.period.display(), path));
    m_dialogs.inform(this, tr("Write batch file"),
                     tr("%n report(s) of %1 written to %2.", nullptr, int(created->revisions.size()))
                             .arg(batch.period.display(), path)
                         + QLatin1Char('\n')
                         + tr("Take the file to the central level; it is verified there like a report package. "
                              "Its receipt, carried back, goes in with Import receipt…"));
}

void BatchesPage::writeFailed(const core::Error &error)
{
    QString text = tr("The batch file was not written: %1").arg(error.message);
    if (error.code == QLatin1String("photos_missing")) {
        // The file carries every photo: the missing ones were asked for; a pass brings them.
        text = tr("The batch file was not written.") + QLatin1Char(' ') + error.message;
        if (m_context.sync) {
            text += QLatin1Char('\n') + tr("A synchronization has started to bring them.");
            m_context.sync->syncNow();
        }
    }
    m_dialogs.warn(this, tr("Write batch file"), text);
}

void BatchesPage::showStatus(const QString &text)
{
    m_status->setText(text);
    m_status->show();
}

void BatchesPage::importReceipt()
{
    if (m_job)
        return;
    const QStringList files = m_dialogs.openFiles(this, tr("Import receipt"),
                                                  tr("Receipts of the central level (*.mobiliza-recibo)"));
    if (files.isEmpty())
        return;
    core::BatchService batches(*m_context.services);
    QStringList done, refused;
    QString last;
    for (const QString &file : files) {
        const QString name = QFileInfo(file).fileName();
        auto receipt = core::package::readBatchReceipt(file);
        auto applied = receipt ? batches.applyReceipt(receipt.value())
                               : core::Result<core::ReceiptOutcome>(receipt.error());
        if (!applied) {
            refused << tr("%1: %2").arg(name, applied.error().message);
            continue;
        }
        const core::BatchRecord &b = applied->batch;
        last = b.uuid;
        const QString day = regional::brasiliaDateTime(b.hubReceivedAt);
        done << (applied->alreadyRecorded
                     ? tr("%1: the batch of %2 was already recorded as received (%3, %4); nothing changed.")
                     : tr("%1: the batch of %2 is now received by the central level (%3, %4)."))
                    .arg(name, b.period.display(), day, b.hubId);
    }
    reload();
    if (!last.isEmpty())
        selectBatch(last);
    const QString text = (done + refused).join(QLatin1Char('\n'));
    if (!done.isEmpty())
        showStatus(done.join(QLatin1Char('\n')));
    if (refused.isEmpty())
        m_dialogs.inform(this, tr("Import receipt"), text);
    else
        m_dialogs.warn(this, tr("Import receipt"),
                       text + QLatin1Char('\n') + tr("A refused receipt changed nothing."));
}

} // namespace mobiliza::ui
