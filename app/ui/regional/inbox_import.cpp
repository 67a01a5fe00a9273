// The inbox's "Import package…": a municipality's report package files brought
// on a USB stick — at the central level, "Import batch file…": a URS's batch files —
// taken in on a worker (core::PackageIntakeJob) with progress and Cancel; the window
// stays responsive while each file is read and verified.
#include "app/ui/dialogs.h"
#include "app/ui/regional/inbox_page.h"
#include "app/ui/regional/regional_format.h"
#include "core/regional/batch_intake.h"
#include "core/regional/package_intake_job.h"
#include "core/services/services.h"
#include "sync/client/sync_controller.h"

#include <QDir>
#include <QFileInfo>
#include <QProgressDialog>
#include <QPushButton>

namespace mobiliza::ui {

namespace {

QString bullets(const QStringList &lines)
{
    return QStringLiteral("\n• ") + lines.join(QStringLiteral("\n• "));
}

} // namespace

void InboxPage::importPackages()
{
    if (m_importJob)
        return;
    const bool batches = regional::isCentralDesk(*m_context.services);
    const QStringList files =
        batches ? m_dialogs.openFiles(this, tr("Import URS batch files"), tr("Batch files (*.mobiliza-lote)"))
                : m_dialogs.openFiles(this, tr("Import report packages"), tr("Report packages (*.mobiliza)"));
    importFiles(files);
}

bool InboxPage::importFiles(const QStringList &files)
{
    if (m_importJob || files.isEmpty())
        return false;
    const bool batches = regional::isCentralDesk(*m_context.services);
    m_importJob = new core::PackageIntakeJob(m_context.dataDir, *m_context.clock, files, this,
                                             batches ? core::PackageIntakeJob::Kind::BatchFiles
                                                     : core::PackageIntakeJob::Kind::Packages);
    m_importJob->setWorkerHook(m_importHook);
    m_importProgress = new QProgressDialog(this);
    m_importProgress->setObjectName(QStringLiteral("importProgress"));
    m_importProgress->setWindowTitle(importTitle());
    m_importProgress->setLabelText(batches ? tr("Checking the batch files…")
                                           : tr("Checking the package files…"));
    m_importProgress->setCancelButtonText(tr("Cancel"));
    m_importProgress->setWindowModality(Qt::WindowModal);
    m_importProgress->setAutoClose(false);
    m_importProgress->setAutoReset(false);
    m_importProgress->setMinimumDuration(0);
    m_importProgress->setRange(0, int(files.size()));
    m_importProgress->setValue(0);
    connect(m_importProgress, &QProgressDialog::canceled, m_importJob, [this] {
        if (!m_importJob || !m_importProgress)
            return; // already finished
        m_importJob->cancel();
        m_importProgress->setLabelText(tr("Cancelling: the file being checked is finished first…"));
    });
    connect(m_importJob, &core::PackageIntakeJob::progress, this,
            [this](int done, int total, const QString &name) {
                if (!m_importProgress || m_importProgress->wasCanceled())
                    return;
                m_importProgress->setLabelText(
                    tr("Checking %1 (%2 of %3)…").arg(name).arg(done + 1).arg(total));
                // Last: a modal dialog's setValue processes events, and the job may finish in there.
                m_importProgress->setValue(done);
            });
    connect(m_importJob, &core::PackageIntakeJob::finished, this, &InboxPage::importFinished);
    m_import->setEnabled(false);
    m_importProgress->show();
    m_importJob->start();
    return true;
}

QString InboxPage::importTitle() const
{
    return regional::isCentralDesk(*m_context.services) ? tr("Import batch file") : tr("Import package");
}

void InboxPage::importFinished(const core::IntakeJobResult &result)
{
    const int given = m_importJob ? m_importJob->fileCount() : int(result.files.size());
    const bool batches = m_importJob && m_importJob->kind() == core::PackageIntakeJob::Kind::BatchFiles;
    if (m_importJob) {
        m_importJob->deleteLater();
        m_importJob = nullptr;
    }
    if (m_importProgress) {
        m_importProgress->hide();
        m_importProgress->deleteLater();
        m_importProgress = nullptr;
    }
    m_import->setEnabled(true);
    if (!result.openError.code.isEmpty()) {
        m_dialogs.warn(this, importTitle(),
                       tr("The files could not be imported: %1").arg(result.openError.message));
        return;
    }
    if (batches) {
        batchesFinished(result, given);
        return;
    }

    QStringList imported, alreadyHere, refused;
    QString lastUuid;
    core::Period lastPeriod;
    for (const core::IntakeFileResult &file : result.files) {
        const QString name = QFileInfo(file.path).fileName();
        if (!file.ok) {
            refused << tr("%1: %2").arg(name, file.error.message);
            continue;
        }
        const core::IntakeItem &item = file.outcome.item;
        const QString what =
            tr("%1: %2, %3 (revision %4)")
                .arg(name, regional::unitName(m_context.reference, *m_context.services, item.municipality),
                     item.period.display(), QString::number(item.revision));
        if (file.outcome.alreadyHere) {
            alreadyHere << what;
        } else {
            imported << what;
            lastUuid = item.report;
            lastPeriod = item.period;
        }
    }
    // The worker wrote through connections of its own: the pages learn it here.
    if (!imported.isEmpty())
        Q_EMIT m_context.services->notifier().replicaChanged();
    reload();
    if (!lastUuid.isEmpty())
        showImported(lastUuid, lastPeriod);

    QStringList parts;
    if (!imported.isEmpty())
        parts << tr("%n package(s) imported; they go to the hub at the next synchronization:", nullptr,
                    int(imported.size())) +
                     bullets(imported);
    if (!alreadyHere.isEmpty())
        parts << tr("%n package(s) already here (nothing changed):", nullptr, int(alreadyHere.size())) +
                     bullets(alreadyHere);
    showImportSummary(parts, refused, result.cancelled ? given - int(result.files.size()) : 0,
                      !imported.isEmpty());
}

// The summary of an import: what each kind of file became, then the refused files and
// those a cancel left; warns when a file was refused. A pass starts when something came in.
void InboxPage::showImportSummary(QStringList parts, const QStringList &refused, int notLookedAt,
                                  bool sendNow)
{
    if (!refused.isEmpty())
        parts << tr("%n file(s) refused (nothing was kept from them):", nullptr, int(refused.size())) +
                     bullets(refused);
    if (notLookedAt > 0)
        parts << tr("Cancelled: %n file(s) were not looked at; import them again when you want.", nullptr,
                    notLookedAt);
    const QString text = parts.join(QStringLiteral("\n\n"));
    if (refused.isEmpty())
        m_dialogs.inform(this, importTitle(), text);
    else
        m_dialogs.warn(this, importTitle(), text);
    if (sendNow && m_context.sync)
        m_context.sync->syncNow();
}

// The central level's batch files: what was taken in, what was here already (its
// receipt written again when the hub has it), what was refused; then a pass sends them.
void InboxPage::batchesFinished(const core::IntakeJobResult &result, int given)
{
    QStringList taken, alreadyHere, receipts, refused;
    core::BatchIntake intake(*m_context.services, m_context.reference);
    for (const core::IntakeFileResult &file : result.files) {
        const QString name = QFileInfo(file.path).fileName();
        if (!file.ok) {
            refused << tr("%1: %2").arg(name, file.error.message);
            continue;
        }
        const core::BatchRecord &b = file.batch.batch;
        const QString what = tr("%1: URS %2, %3, %n report(s)", nullptr, file.batch.revisions)
                                 .arg(name, b.urs, b.period.display());
        if (!file.batch.alreadyHere) {
            taken << what;
            continue;
        }
        alreadyHere << what;
        if (b.state == QLatin1String("received")) {
            auto written = intake.writeReceipt(b, file.path);
            receipts
                << (written
                        ? tr("%1: receipt written to %2").arg(name, QDir::toNativeSeparators(written.value()))
                        : tr("%1: %2").arg(name, written.error().message));
        }
    }
    if (!taken.isEmpty())
        Q_EMIT m_context.services->notifier().replicaChanged();
    reload();

    QStringList parts;
    if (!taken.isEmpty())
        parts << tr("%n batch file(s) taken in. They go to the hub at the next synchronization; the receipt "
                    "for "
                    "the URS is then written beside each file (import the file again to write it if the USB "
                    "stick "
                    "was removed):",
                    nullptr, int(taken.size())) +
                     bullets(taken);
    if (!alreadyHere.isEmpty())
        parts << tr("%n batch file(s) already here (nothing changed):", nullptr, int(alreadyHere.size())) +
                     bullets(alreadyHere);
    if (!receipts.isEmpty())
        parts << tr("Receipts for the URS:") + bullets(receipts);
    showImportSummary(parts, refused, result.cancelled ? given - int(result.files.size()) : 0,
                      !taken.isEmpty());
}

} // namespace mobiliza::ui
