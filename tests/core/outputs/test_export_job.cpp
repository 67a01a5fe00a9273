// ExportJob: the work runs on a worker thread, signals arrive on the owner thread, cancel works.
#include <catch2/catch.hpp>

#include "tests/support/catch_qt.h"

#include "core/outputs/export_job.h"
#include "tests/core/outputs/outputs_fixture.h"
#include "tests/support/temp_dir.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
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
    if (!outcome.progress.isEmpty())
        CHECK(outcome.progressThread == QThread::currentThread());
}

TEST_CASE("ExportJob runs the work on another thread and cancel stops it")
{
    std::atomic<QThread *> workThread{nullptr};
    std::atomic<bool> sawCancel{false};
    std::unique_ptr<ExportJob> job(new ExportJob(
        [&](const ProgressFn &progress) -> Status {
            workThread = QThread::currentThread();
            QElapsedTimer timer;
            timer.start();
            for (int i = 0; timer.elapsed() < 20000; ++i) {
                if (!progress(1 + i % 99, 100)) {
                    sawCancel = true;
                    return Error{QStringLiteral("cancelled"), QStringLiteral("cancelado")};
                }
                QThread::msleep(5);
            }
            return {};
        },
        QStringLiteral("x")));
    bool cancelled = false;
    // Cancel once the work has reported progress (it is running by then).
    const Outcome outcome = runJob(job.get(), [&](int done) {
        if (done >= 1 && !cancelled) {
            cancelled = true;
            job->cancel();
        }
    });
    REQUIRE(outcome.status.has_value());
    CHECK(!outcome.status->ok());
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
    std::unique_ptr<ExportJob> job(ExportJob::pdf(in, pdf));
    // Cancel once the first photo is drawn: the worker stops at the next one.
    const Outcome outcome = runJob(job.get(), [&](int done) {
        if (done >= 1)
            job->cancel();
    });
    REQUIRE(outcome.status.has_value());
    CHECK(!outcome.status->ok());
    CHECK(outcome.status->error().code == QStringLiteral("cancelled"));
    CHECK(!QFileInfo::exists(pdf));
    CHECK(QDir(dir.path()).entryList({QStringLiteral("relatorio*")}, QDir::Files).isEmpty());
    CHECK(!outcome.progress.isEmpty());
    CHECK(outcome.progress.last() < 13);
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
