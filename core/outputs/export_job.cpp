#include "core/outputs/export_job.h"

#include "core/outputs/output_format.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace mobiliza::core {

ExportJob::ExportJob(Work work, QString path, QObject *parent)
    : QObject(parent), m_work(std::move(work)), m_path(std::move(path)),
      m_result(std::make_shared<Status>(outputs::cancelledError()))
{
    connect(&m_watcher, &QFutureWatcher<Status>::progressValueChanged, this,
            [this](int value) {
                // The watcher replays the future's state on setFuture (0 of 0): not progress yet.
                if (m_watcher.progressMaximum() > 0)
                    Q_EMIT progress(value, m_watcher.progressMaximum());
            });
    connect(&m_watcher, &QFutureWatcher<Status>::finished, this, &ExportJob::onFinished);
}

ExportJob::~ExportJob()
{
    if (m_running) {
        m_watcher.disconnect(this);
        m_watcher.cancel();
        m_watcher.waitForFinished();
    }
}

void ExportJob::start()
{
    if (m_started)
        return;
    m_started = true;
    m_running = true;
    const Work work = m_work;
    const std::shared_ptr<Status> result = m_result;
    m_watcher.setFuture(QtConcurrent::run([work, result](QPromise<Status> &promise) {
        const ProgressFn progress = [&promise](int done, int total) {
            if (promise.isCanceled())
                return false;
            promise.setProgressRange(0, total);
            promise.setProgressValue(done);
            return !promise.isCanceled();
        };
        // Kept outside the future too: a result reported after a cancel is dropped by QFuture, but
        // the file may already be in place by then.
        *result = work(progress);
        promise.addResult(*result);
    }));
}

void ExportJob::cancel()
{
    if (m_running)
        m_watcher.cancel();
}

void ExportJob::onFinished()
{
    if (!m_running)
        return;
    m_running = false;
    // `finished` comes after the worker returned: the shared result is complete.
    Q_EMIT finished(*m_result, m_path);
}

ExportJob *ExportJob::pdf(ReportDocumentInput in, QString path, QObject *parent)
{
    const QString target = path;
    return new ExportJob([in = std::move(in), target](const ProgressFn &progress) {
        return writeReportPdf(in, target, progress);
    }, std::move(path), parent);
}

ExportJob *ExportJob::actionsCsv(ReportDocumentInput in, QString path, QObject *parent)
{
    const QString target = path;
    return new ExportJob([in = std::move(in), target](const ProgressFn &) {
        return writeActionsCsv(in, target);
    }, std::move(path), parent);
}

ExportJob *ExportJob::actionsXlsx(ReportDocumentInput in, QString path, QObject *parent)
{
    const QString target = path;
    return new ExportJob([in = std::move(in), target](const ProgressFn &) {
        return writeActionsXlsx(in, target);
    }, std::move(path), parent);
}

ExportJob *ExportJob::partnersCsv(QList<Partner> partners, ProgramDefinition program, ReferenceData reference,
                                  QString path, PartnerExportOptions options, QObject *parent)
{
    const QString target = path;
    return new ExportJob([partners = std::move(partners), program = std::move(program),
                          reference = std::move(reference), target, options](const ProgressFn &) {
        return writePartnersCsv(partners, program, reference, target, options);
    }, std::move(path), parent);
}

ExportJob *ExportJob::partnersXlsx(QList<Partner> partners, ProgramDefinition program, ReferenceData reference,
                                   QString path, PartnerExportOptions options, QObject *parent)
{
    const QString target = path;
    return new ExportJob([partners = std::move(partners), program = std::move(program),
                          reference = std::move(reference), target, options](const ProgressFn &) {
        return writePartnersXlsx(partners, program, reference, target, options);
    }, std::move(path), parent);
}

PreviewJob::PreviewJob(ReportDocumentInput in, int pageWidthPx, QObject *parent)
    : QObject(parent), m_pages(std::make_shared<Pages>(outputs::cancelledError())),
      m_job(
          [in = std::move(in), pageWidthPx, pages = m_pages](const ProgressFn &progress) {
              *pages = renderReportPages(in, pageWidthPx, progress);
              return pages->ok() ? Status() : Status(pages->error());
          },
          QString(), this)
{
    connect(&m_job, &ExportJob::progress, this, &PreviewJob::progress);
    connect(&m_job, &ExportJob::finished, this, [this] { Q_EMIT finished(*m_pages); });
}

} // namespace mobiliza::core
