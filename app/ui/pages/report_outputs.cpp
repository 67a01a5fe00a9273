#include "app/ui/pages/report_outputs.h"

#include "app/ui/dialogs.h"
#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/pdf_preview_dialog.h"
#include "core/exports/month_exports.h"
#include "core/outputs/output_format.h"
#include "core/services/services.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QProgressDialog>
#include <QScreen>

namespace mobiliza::ui {

ReportOutputs::ReportOutputs(const AppContext &context, Dialogs &dialogs, QWidget *window)
    : QObject(window), m_context(context), m_dialogs(dialogs), m_window(window)
{
    const struct
    {
        Kind kind;
        QString text;
        QString name;
    } entries[] = {
        {Kind::Pdf, tr("Official PDF…"), QStringLiteral("exportPdf")},
        {Kind::Csv, tr("Export the actions (CSV)…"), QStringLiteral("exportCsv")},
        {Kind::Xlsx, tr("Export the actions (XLSX, Excel)…"), QStringLiteral("exportXlsx")},
        {Kind::Package, tr("Save a package for a USB stick…"), QStringLiteral("exportPackage")},
    };
    for (const auto &e : entries) {
        auto *action = new QAction(e.text, this);
        action->setObjectName(e.name);
        connect(action, &QAction::triggered, this, [this, kind = e.kind] { start(kind); });
        m_actions[int(e.kind)] = action;
    }
    m_previewAction = new QAction(tr("See the pages (as the URS will see them)"), this);
    m_previewAction->setObjectName(QStringLiteral("previewPdf"));
    m_previewAction->setToolTip(tr("The pages of the official PDF, drawn here without saving a file."));
    connect(m_previewAction, &QAction::triggered, this, &ReportOutputs::showPreview);
    m_actions[int(Kind::Pdf)]->setToolTip(
        tr("The report as the URS files it: save it, then open it to read or print."));
    m_actions[int(Kind::Csv)]->setToolTip(
        tr("One row per action, for a spreadsheet, Power BI or any program that reads CSV."));
    m_actions[int(Kind::Xlsx)]->setToolTip(tr("One row per action, as an Excel workbook."));
    updateActions();
}

ReportOutputs::~ReportOutputs()
{
    delete m_job.data(); // cancels and waits: no half file is left
}

void ReportOutputs::setReport(const QString &uuid, const core::Period &period, core::ReportState state)
{
    m_uuid = uuid;
    m_period = period;
    m_state = state;
    updateActions();
}

QAction *ReportOutputs::action(Kind kind) const
{
    return m_actions[int(kind)];
}

void ReportOutputs::addTo(QMenu *menu) const
{
    menu->addAction(m_previewAction);
    menu->addSeparator();
    for (QAction *a : m_actions)
        menu->addAction(a);
}

PdfPreviewDialog *ReportOutputs::showPreview()
{
    if (m_uuid.isEmpty())
        return nullptr;
    if (m_before)
        m_before();
    auto doc = core::buildReportDocument(*m_context.services, m_context.program, m_context.reference, m_uuid);
    if (!doc) {
        m_dialogs.warn(m_window, tr("See the pages"),
                       tr("The report could not be read: %1").arg(doc.error().message));
        return nullptr;
    }
    if (m_preview)
        m_preview->close(); // one preview at a time: the newest report's
    m_preview =
        new PdfPreviewDialog(doc.value(), tr("%1 — as the URS will see it").arg(title(Kind::Pdf)), m_window);
    m_preview->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_preview, &PdfPreviewDialog::savePdfRequested, this, [this] { start(Kind::Pdf); });
    // Within the window's screen: a page's width, most of the height.
    const QRect screen =
        m_window->screen() ? m_window->screen()->availableGeometry() : QRect(0, 0, 1024, 600);
    m_preview->resize(m_preview->sizeHint().width(), int(screen.height() * 0.9));
    m_preview->open(); // window-modal, without blocking: the pages are drawn meanwhile
    return m_preview;
}

void ReportOutputs::updateActions()
{
    const bool any = !m_uuid.isEmpty() && !m_job;
    for (QAction *a : m_actions)
        a->setEnabled(any);
    m_previewAction->setEnabled(!m_uuid.isEmpty());
    const bool concluded = m_state != core::ReportState::Draft;
    QAction *package = m_actions[int(Kind::Package)];
    package->setEnabled(any && concluded);
    package->setToolTip(concluded || m_uuid.isEmpty()
                            ? tr("The concluded report with its photos in one file, for the URS when there "
                                 "is no internet: it is checked there as if it had been sent.")
                            : tr("Conclude the report first: a package carries a concluded report."));
}

bool ReportOutputs::isRunning() const
{
    return m_job && m_job->isRunning();
}

void ReportOutputs::cancel()
{
    if (m_job)
        m_job->cancel();
}

QString ReportOutputs::kindKey(Kind kind) const
{
    switch (kind) {
    case Kind::Pdf:
        return QStringLiteral("pdf");
    case Kind::Csv:
        return QStringLiteral("csv");
    case Kind::Xlsx:
        return QStringLiteral("xlsx");
    case Kind::Package:
        return QStringLiteral("package");
    }
    return {};
}

QString ReportOutputs::title(Kind kind) const
{
    switch (kind) {
    case Kind::Pdf:
        return tr("Official PDF of %1").arg(monthTitle(m_period));
    case Kind::Csv:
    case Kind::Xlsx:
        return tr("Actions of %1").arg(monthTitle(m_period));
    case Kind::Package:
        return tr("Package of %1").arg(monthTitle(m_period));
    }
    return {};
}

core::Result<core::ExportJob *> ReportOutputs::makeJob(Kind kind, const QString &path)
{
    core::Services &services = *m_context.services;
    if (kind == Kind::Package) {
        auto prepared = core::prepareLatestPackage(services, m_uuid);
        if (!prepared)
            return prepared.error();
        auto write = [prepared = prepared.value(), path](const core::ProgressFn &progress) {
            // The package counts bytes; the job counts in thousandths.
            return core::package::writePreparedPackage(
                prepared, path, [&progress](qint64 done, qint64 total) {
                    return !progress || progress(total > 0 ? int(done * 1000 / total) : 0, 1000);
                });
        };
        return new core::ExportJob(write, path, this);
    }
    auto doc = core::buildReportDocument(services, m_context.program, m_context.reference, m_uuid);
    if (!doc)
        return doc.error();
    if (kind == Kind::Pdf)
        return core::ExportJob::pdf(doc.value(), path, this);
    if (kind == Kind::Csv)
        return core::ExportJob::actionsCsv(doc.value(), path, this);
    return core::ExportJob::actionsXlsx(doc.value(), path, this);
}

bool ReportOutputs::start(Kind kind)
{
    if (m_uuid.isEmpty() || m_job)
        return false;
    if (kind == Kind::Package && m_state == core::ReportState::Draft)
        return false;
    if (m_before)
        m_before();
    const auto municipality = m_context.reference.municipality(m_context.services->profile().municipality());
    const QString name =
        core::suggestedFileName(kindKey(kind), municipality ? municipality->name : QString(), m_period);
    QString filter;
    switch (kind) {
    case Kind::Pdf:
        filter = tr("PDF document (*.pdf)");
        break;
    case Kind::Csv:
        filter = tr("CSV for spreadsheets (*.csv)");
        break;
    case Kind::Xlsx:
        filter = tr("Excel workbook (*.xlsx)");
        break;
    case Kind::Package:
        filter = tr("Report package (*.mobiliza)");
        break;
    }
    // The month's words now: the selection may change while the file is written.
    m_jobTitle = title(kind);
    QString path = m_dialogs.saveFileName(m_window, m_jobTitle, name, filter);
    if (path.isEmpty())
        return false;
    const QString suffix = QLatin1Char('.') + QFileInfo(name).suffix();
    if (!path.endsWith(suffix, Qt::CaseInsensitive))
        path += suffix;

    auto job = makeJob(kind, path);
    if (!job) {
        m_dialogs.warn(m_window, title(kind), tr("The file was not written: %1").arg(job.error().message));
        return false;
    }
    m_job = job.value();
    connect(
        m_job, &core::ExportJob::finished, this,
        [this, kind](const core::Status &status, const QString &file) { onFinished(kind, status, file); });
    showProgress(kind);
    updateActions();
    m_job->start();
    return true;
}

void ReportOutputs::showProgress(Kind kind)
{
    m_progress = new QProgressDialog(m_window);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setWindowTitle(m_jobTitle);
    m_progress->setLabelText(kind == Kind::Package ? tr("Writing the package with its photos…")
                                                   : tr("Writing the file…"));
    m_progress->setCancelButtonText(tr("Cancel"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    // A small file is written before the dialog would show: no flash.
    m_progress->setMinimumDuration(500);
    m_progress->setRange(0, 0);
    connect(m_progress, &QProgressDialog::canceled, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    connect(m_job, &core::ExportJob::progress, m_progress, [this](int done, int total) {
        if (!m_progress || m_progress->wasCanceled())
            return;
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
}

void ReportOutputs::onFinished(Kind kind, const core::Status &status, const QString &path)
{
    if (m_job)
        m_job->deleteLater();
    m_job = nullptr;
    // What the writer says: Cancel pressed after the file was in place did not undo it.
    const bool cancelled = !status && status.error().code == core::outputs::cancelledError().code;
    if (m_progress) {
        m_progress->hide();
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    updateActions();
    const QString shown = QDir::toNativeSeparators(path);
    if (cancelled) {
        // Nothing was written under that name (the writers leave no half file).
    } else if (!status) {
        m_dialogs.warn(
            m_window, m_jobTitle,
            tr("The file was not written: %1 Choose another folder, such as Documents, and try again.")
                .arg(status.error().message));
    } else if (kind == Kind::Package) {
        m_dialogs.inform(
            m_window, m_jobTitle,
            m_context.reviewer().isEmpty()
                ? tr("The package was saved to %1. Take this file to the URS (a USB stick will do): it "
                     "is checked there as if it had been sent over the internet.")
                      .arg(shown)
                : tr("The package was saved to %1. Take this file to %2 (a USB stick will do): it "
                     "is checked there as if it had been sent over the internet.")
                      .arg(shown, m_context.reviewer()));
    } else if (m_dialogs.confirm(
                   m_window, m_jobTitle,
                   kind == Kind::Pdf
                       ? tr("The official PDF was saved to %1. Open it now to read or print?").arg(shown)
                       : tr("The actions were saved to %1. Open the file now?").arg(shown),
                   tr("Open"), Dialogs::Tone::Question)) {
        m_dialogs.openFile(m_window, path);
    }
    Q_EMIT finished(kind, !cancelled && status.ok(), path);
}

} // namespace mobiliza::ui
