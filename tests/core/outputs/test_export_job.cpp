// ExportJob: the work runs on a worker thread, signals arrive on the owner thread, cancel works.
#include <catch2/catch.hpp>

#include "tests/support/catch_qt.h"

#include "core/outputs/export_job.h"
#include "tests/core/outputs/outputs_fixture.h"
#include "tests/support/temp_dir.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QSemaphore>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <optional>

using namespace mobiliza::core;
using namespace mobiliza::test;

namespace {

struct Outcome
{
    std::optional<Status> status;
    QString path;
    QThread *thread = nullptr;
    QList<int> progress;
    QThread *progressThread = nullptr;
};

// Starts the job and spins an event loop until `finished` (or a 60 s safety timeout).
Outcome runJob(ExportJob *job, const std::function<void(int)> &onProgress = {})
{
    Outcome outcome;
    QEventLoop loop;
    QObject::connect(job, &ExportJob::progress, &loop, [&](int done, int) {
        outcome.progress << done;
        outcome.progressThread = QThread::currentThread();
        if (onProgress)
            onProgress(done);
    });
    QObject::connect(job, &ExportJob::finished, &loop, [&](const Status &status, const QString &path) {
        outcome.status = status;
        outcome.path = path;
        outcome.thread = QThread::currentThread();
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    job->start();
    loop.exec();
    return outcome;
}

} // namespace

TEST_CASE("ExportJob writes the PDF off the owner thread and reports on it")
{
    TempDir dir;
    const ReportDocumentInput in = sampleReport(dir.path(), {2, 1, 2});
    const QString pdf = dir.filePath(QStringLiteral("relatorio.pdf"));
    std::unique_ptr<ExportJob> job(ExportJob::pdf(in, pdf));
    CHECK(!job->isRunning());
    const Outcome outcome = runJob(job.get());
    REQUIRE(outcome.status.has_value());
    CHECK(outcome.status->ok());
    CHECK(outcome.thread == QThread::currentThread());
    CHECK(outcome.path == pdf);
    CHECK(!job->isRunning());
    CHECK(QFileInfo(pdf).size() > 1000);
    CHECK(pdfImageCount(pdf) == 5);
    REQUIRE_FALSE(outcome.progress.isEmpty()); // one report per photo drawn
    CHECK(outcome.progressThread == QThread::currentThread());
}

TEST_CASE("ExportJob runs the work on another thread and cancel stops it")
{
    std::atomic<QThread *> workThread{nullptr};
    std::atomic<bool> sawCancel{false};
    // The work reports progress once, then waits until the test has cancelled
    // (a semaphore, not a timer): its next report must be refused.
    QSemaphore cancelRequested;
    std::unique_ptr<ExportJob> job(new ExportJob(
        [&](const ProgressFn &progress) -> Status {
            workThread = QThread::currentThread();
            // (Its answer may already be "stop": the test can cancel as soon as it
            // hears of this report, before the call returns.)
            (void)progress(1, 100);
            if (!cancelRequested.tryAcquire(1, 60000))
                return Error{QStringLiteral("unexpected"), QStringLiteral("the test never cancelled")};
            if (!progress(2, 100)) {
                sawCancel = true;
                return Error{QStringLiteral("cancelled"), QStringLiteral("cancelado")};
            }
            return {};
        },
        QStringLiteral("x")));
    // Cancel once the work has reported progress (it is running by then).
    const Outcome outcome = runJob(job.get(), [&](int done) {
        if (done == 1) {
            job->cancel();
            cancelRequested.release();
        }
    });
    REQUIRE(outcome.status.has_value());
    CHECK(!outcome.status->ok());
    INFO(outcome.status->error().message.toStdString());
    CHECK(outcome.status->error().code == QStringLiteral("cancelled"));
    CHECK(sawCancel);
    CHECK(workThread != nullptr);
    CHECK(workThread != QThread::currentThread());
    CHECK(outcome.thread == QThread::currentThread());
}

TEST_CASE("ExportJob cancel of a PDF leaves no file")
{
    TempDir dir;
    const ReportDocumentInput in = sampleReport(dir.path(), {4, 4, 4});
    const QString pdf = dir.filePath(QStringLiteral("relatorio.pdf"));
    // The real PDF writer, held after its first progress report until the test
    // has cancelled (a semaphore, not a timer): it must stop at its next report
    // and leave no file, not even a partial or temporary one.
    QSemaphore cancelRequested;
    std::atomic<int> reportsAfterCancel{0};
    std::atomic<bool> cancelSeen{false};
    std::unique_ptr<ExportJob> job(new ExportJob(
        [&](const ProgressFn &progress) -> Status {
            return writeReportPdf(in, pdf, [&](int done, int total) {
                if (cancelSeen)
                    ++reportsAfterCancel;
                if (!progress(done, total)) {
                    cancelSeen = true;
                    return false;
                }
                if (done == 1 && !cancelRequested.tryAcquire(1, 60000))
                    return false;
                return true;
            });
        },
        pdf));
    const Outcome outcome = runJob(job.get(), [&](int done) {
        if (done >= 1 && cancelRequested.available() == 0 && !job->property("cancelled").toBool()) {
            job->setProperty("cancelled", true);
            job->cancel();
            cancelRequested.release();
        }
    });
    REQUIRE(outcome.status.has_value());
    CHECK(!outcome.status->ok());
    CHECK(outcome.status->error().code == QStringLiteral("cancelled"));
    CHECK(cancelSeen);
    CHECK(reportsAfterCancel == 0); // it stopped at once
    CHECK(!QFileInfo::exists(pdf));
    CHECK(QDir(dir.path()).entryList({QStringLiteral("relatorio*")}, QDir::Files).isEmpty());
    REQUIRE_FALSE(outcome.progress.isEmpty());
    CHECK(outcome.progress.last() == 1); // nothing reported after the first photo
}

TEST_CASE("ExportJob cancelled before it runs reports cancelled")
{
    TempDir dir;
    const ReportDocumentInput in = sampleReport(dir.path(), {1});
    const QString pdf = dir.filePath(QStringLiteral("relatorio.pdf"));
    std::unique_ptr<ExportJob> job(ExportJob::pdf(in, pdf));
    QEventLoop loop;
    std::optional<Status> status;
    QObject::connect(job.get(), &ExportJob::finished, &loop, [&](const Status &s, const QString &) {
        status = s;
        loop.quit();
    });
    job->start();
    job->cancel();
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    REQUIRE(status.has_value());
    // Either it never started, or it saw the cancel at its first progress call.
    CHECK(status->error().code == QStringLiteral("cancelled"));
    CHECK(!QFileInfo::exists(pdf));
}

TEST_CASE("ExportJob for CSV and XLSX")
{
    TempDir dir;
    const ReportDocumentInput in = sampleReport(dir.path(), {1, 1});
    std::unique_ptr<ExportJob> csv(ExportJob::actionsCsv(in, dir.filePath(QStringLiteral("a.csv"))));
    const Outcome c = runJob(csv.get());
    REQUIRE(c.status.has_value());
    CHECK(c.status->ok());
    CHECK(QFileInfo(dir.filePath(QStringLiteral("a.csv"))).size() > 100);
    std::unique_ptr<ExportJob> xlsx(ExportJob::actionsXlsx(in, dir.filePath(QStringLiteral("a.xlsx"))));
    const Outcome x = runJob(xlsx.get());
    REQUIRE(x.status.has_value());
    CHECK(x.status->ok());
    CHECK(zipEntries(dir.filePath(QStringLiteral("a.xlsx"))).contains(QStringLiteral("xl/worksheets/sheet1.xml")));
}
