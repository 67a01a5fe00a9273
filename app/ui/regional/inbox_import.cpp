// The inbox's "Import package…": a municipality's report package files brought
// on a USB stick, taken in on a worker (core::PackageIntakeJob) with progress and
// Cancel; the window stays responsive while each file is read and verified.
#include "app/ui/dialogs.h"
#include "app/ui/regional/inbox_page.h"
#include "app/ui/regional/regional_format.h"
#include "core/regional/package_intake_job.h"
#include "core/services/services.h"
#include "sync/client/sync_controller.h"

#include <QFileInfo>
#include <QProgressDialog>
#include <QPushButton>

namespace mobiliza::ui {

void InboxPage::importPackages()
{
    if (m_importJob)
        return;
    const QStringList files =
        m_dialogs.openFiles(this, tr("Import report packages"), tr("Report packages (*.mobiliza)"));
    if (files.isEmpty())
        return;
    m_importJob = new core::PackageIntakeJob(m_context.dataDir, *m_context.clock, files, this);
    m_importJob->setWorkerHook(m_importHook);
    m_importProgress = new QProgressDialog(this);
    m_importProgress->setObjectName(QStringLiteral("importProgress"));
    m_importProgress->setWindowTitle(tr("Import package"));
    m_importProgress->setLabelText(tr("Checking the package files…"));
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
    connect(m_importJob, &core::PackageIntakeJob::progress, this, [this](int done, int total, const QString &name) {
        if (!m_importProgress || m_importProgress->wasCanceled())
            return;
        m_importProgress->setLabelText(tr("Checking %1 (%2 of %3)…").arg(name).arg(done + 1).arg(total));
        // Last: a modal dialog's setValue processes events, and the job may finish in there.
        m_importProgress->setValue(done);
    });
    connect(m_importJob, &core::PackageIntakeJob::finished, this, &InboxPage::importFinished);
    m_import->setEnabled(false);
    m_importProgress->show();
    m_importJob->start();
}

void InboxPage::importFinished(const core::IntakeJobResult &result)
{
    const int given = m_importJob ? m_importJob->fileCount() : int(result.files.size());
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
        m_dialogs.warn(this, tr("Import package"),
                       tr("The packages could not be imported: %1").arg(result.openError.message));
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
        const QString what = tr("%1: %2, %3 (revision %4)")
                                 .arg(name, regional::municipalityName(m_context.reference, item.municipality),
                                      item.period.display())
                                 .arg(item.revision);
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
    const auto bullets = [](const QStringList &lines) -> QString {
        return QStringLiteral("\n• ") + lines.join(QStringLiteral("\n• "));
    };
    if (!imported.isEmpty())
        parts << tr("%n package(s) imported; they go to the hub at the next synchronization:", nullptr,
                    int(imported.size()))
                     + bullets(imported);
    if (!alreadyHere.isEmpty())
        parts << tr("%n package(s) already here (nothing changed):", nullptr, int(alreadyHere.size()))
                     + bullets(alreadyHere);
    if (!refused.isEmpty())
        parts << tr("%n file(s) refused (nothing was kept from them):", nullptr, int(refused.size()))
                     + bullets(refused);
    if (result.cancelled)
        parts << tr("Cancelled: %n file(s) were not looked at; import them again when you want.", nullptr,
                    given - int(result.files.size()));
    const QString text = parts.join(QStringLiteral("\n\n"));
    if (refused.isEmpty())
        m_dialogs.inform(this, tr("Import package"), text);
    else
        m_dialogs.warn(this, tr("Import package"), text);
    if (!imported.isEmpty() && m_context.sync)
        m_context.sync->syncNow();
}

} // namespace mobiliza::ui
