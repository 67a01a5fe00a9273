// Runs one export on a worker thread (QtConcurrent) with progress and cancel. The signals are
// delivered on the thread that owns the job (the UI thread), and `finished` comes only once the
// worker is done with the file: after a cancel, no file is left behind. PreviewJob does the same
// for the pages of the report's preview.
#pragma once

#include "core/outputs/report_document.h"

#include <QFutureWatcher>
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace mobiliza::core {

class ExportJob : public QObject
{
    Q_OBJECT

public:
    // The work: writes `path`, calls the progress function now and then (false = stop).
    using Work = std::function<Status(const ProgressFn &progress)>;

    ExportJob(Work work, QString path, QObject *parent = nullptr);
    ~ExportJob() override; // cancels and waits for the worker

    static ExportJob *pdf(ReportDocumentInput in, QString path, QObject *parent = nullptr);
    static ExportJob *actionsCsv(ReportDocumentInput in, QString path, QObject *parent = nullptr);
    static ExportJob *actionsXlsx(ReportDocumentInput in, QString path, QObject *parent = nullptr);
    static ExportJob *partnersCsv(QList<Partner> partners, ProgramDefinition program, ReferenceData reference,
                                  QString path, PartnerExportOptions options = {}, QObject *parent = nullptr);
    static ExportJob *partnersXlsx(QList<Partner> partners, ProgramDefinition program, ReferenceData reference,
                                   QString path, PartnerExportOptions options = {}, QObject *parent = nullptr);

    QString path() const { return m_path; }
    void start(); // once
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const mobiliza::core::Status &status, const QString &path);

private:
    void onFinished();

    Work m_work;
    QString m_path;
    std::shared_ptr<Status> m_result; // written by the worker, read once it has finished
    QFutureWatcher<Status> m_watcher;
    bool m_running = false;
    bool m_started = false;
};

// Draws the report's pages for the preview (renderReportPages) on a worker thread, with the same
// progress, cancel and destructor (cancels and waits) as ExportJob, which runs it.
class PreviewJob : public QObject
{
    Q_OBJECT

public:
    using Pages = Result<QList<QImage>>;

    PreviewJob(ReportDocumentInput in, int pageWidthPx, QObject *parent = nullptr);

    void start() { m_job.start(); } // once
    void cancel() { m_job.cancel(); }
    bool isRunning() const { return m_job.isRunning(); }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(const mobiliza::core::PreviewJob::Pages &pages);

private:
    std::shared_ptr<Pages> m_pages; // written by the worker, read once it has finished
    ExportJob m_job;                // declared last: destroyed (cancelled, waited for) first
};

} // namespace mobiliza::core
