// The report's preview: the PDF's pages as images (renderReportPages) and PreviewJob.
#include <catch2/catch.hpp>

#include "tests/support/catch_qt.h"

#include "core/outputs/export_job.h"
#include "core/outputs/report_document.h"
#include "tests/core/outputs/outputs_fixture.h"
#include "tests/support/temp_dir.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QImage>
#include <QThread>
#include <QTimer>

#include <cmath>
#include <functional>
#include <optional>

using namespace mobiliza::core;
using namespace mobiliza::test;

namespace {

constexpr int kWidth = 900;

// Pixels of `image` inside the rows [top, bottom) (fractions of its height) that pass `test`.
int countPixels(const QImage &image, double top, double bottom, const std::function<bool(QRgb)> &test)
{
    int count = 0;
    for (int y = int(top * image.height()); y < int(bottom * image.height()); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += test(image.pixel(x, y)) ? 1 : 0;
    return count;
}

bool dark(QRgb c)
{
    return qGray(c) < 100;
}

// Grey text reduced to a preview is lighter than its ink.
bool inked(QRgb c)
{
    return qGray(c) < 180;
}

// The light red of the "DEMONSTRAÇÃO" mark on white paper (the document's inks are greys and blue).
bool watermark(QRgb c)
{
    return qRed(c) > 200 && qRed(c) - qBlue(c) > 12 && qRed(c) - qGreen(c) > 12;
}

ReportDocumentInput longDescriptions(const QString &dir)
{
    ReportDocumentInput in = sampleReport(dir, {2, 1, 2});
    QString text;
    for (int i = 1; i <= 80; ++i)
        text += QStringLiteral("Parágrafo %1 do relato da ação, com detalhes das atividades realizadas.\n")
                    .arg(i);
    in.report.actions[1].values.insert(QStringLiteral("description"), text);
    return in;
}

} // namespace

TEST_CASE("Report preview has as many pages as the PDF of the same report")
{
    TempDir dir;
    const QString pdf = dir.filePath(QStringLiteral("relatorio.pdf"));
    const auto samePages = [&](const ReportDocumentInput &in, int atLeast) {
        REQUIRE(writeReportPdf(in, pdf).ok());
        const int pdfPages = pdfPageCount(pdf);
        REQUIRE(pdfPages >= atLeast);
        const Result<QList<QImage>> pages = renderReportPages(in, kWidth);
        REQUIRE(pages.ok());
        CHECK(pages->size() == pdfPages);
    };
    SECTION("actions with photos on two pages")
    {
        samePages(sampleReport(dir.path(), {2, 1, 2}), 2);
    }
    SECTION("a description that breaks across pages")
    {
        samePages(longDescriptions(dir.path()), 3);
    }
    SECTION("many actions and photos, demo")
    {
        ReportDocumentInput in = sampleReport(dir.path(), {2, 3, 1, 2, 2, 1});
        in.demo = true;
        samePages(in, 4);
    }
    SECTION("a month without actions")
    {
        ReportDocumentInput in = sampleReport(dir.path(), {});
        in.report.noActions = true;
        in.report.noActionsJustification = QStringLiteral("Equipe deslocada para a campanha de vacinação.");
        samePages(in, 1);
    }
}

TEST_CASE("Report preview pages are A4 images of the requested width with ink and the demo mark")
{
    TempDir dir;
    ReportDocumentInput in = sampleReport(dir.path(), {2, 1, 2});
    const Result<QList<QImage>> pages = renderReportPages(in, kWidth);
    REQUIRE(pages.ok());
    REQUIRE(pages->size() >= 2);
    for (int i = 0; i < pages->size(); ++i) {
        INFO("page " << i + 1);
        const QImage &page = pages->at(i);
        CHECK(page.format() == QImage::Format_RGB32);
        CHECK(page.width() == kWidth);
        // A4 as the PDF has it: 595 × 842 pt.
        CHECK(std::abs(page.height() - kWidth * 842.0 / 595.0) <= 1.0);
        // White paper with the footer's text near the bottom.
        CHECK(page.pixel(2, 2) == qRgb(255, 255, 255));
        CHECK(countPixels(page, 0.93, 1.0, inked) > 300);
    }
    // The header's title and its box of data on the first page.
    CHECK(countPixels(pages->first(), 0.0, 0.2, dark) > 2000);
    // The last page (totals and signature, no photos) is the one to look for the demo mark on.
    CHECK(countPixels(pages->last(), 0.3, 0.7, watermark) == 0);

    in.demo = true;
    const Result<QList<QImage>> demo = renderReportPages(in, 600);
    REQUIRE(demo.ok());
    REQUIRE(demo->size() >= 2);
    CHECK(demo->last().width() == 600);
    CHECK(countPixels(demo->last(), 0.3, 0.7, watermark) > 500);
}

TEST_CASE("Report preview reports progress like the PDF and fails with its errors")
{
    TempDir dir;
    const ReportDocumentInput in = sampleReport(dir.path(), {2, 1, 2});

    SECTION("progress from 0 to one step per photo plus the end")
    {
        QList<std::pair<int, int>> steps;
        REQUIRE(renderReportPages(in, kWidth, [&](int done, int total) {
                    steps.append({done, total});
                    return true;
                }).ok());
        REQUIRE(steps.size() == 7);
        CHECK(steps.first() == std::pair<int, int>{0, 6});
        CHECK(steps.last() == std::pair<int, int>{6, 6});
    }
    SECTION("cancelled through progress, midway or before anything is drawn")
    {
        const auto midway = renderReportPages(in, kWidth, [](int done, int) { return done < 2; });
        REQUIRE(!midway.ok());
        CHECK(midway.error().code == QStringLiteral("cancelled"));
        const auto before = renderReportPages(in, kWidth, [](int, int) { return false; });
        REQUIRE(!before.ok());
        CHECK(before.error().code == QStringLiteral("cancelled"));
    }
    SECTION("a missing photo is the PDF's error")
    {
        REQUIRE(QFile::remove(in.photoPath(in.report.actions.at(1).photos.at(0).sha256)));
        const auto pages = renderReportPages(in, kWidth);
        REQUIRE(!pages.ok());
        const Status pdf = writeReportPdf(in, dir.filePath(QStringLiteral("relatorio.pdf")));
        REQUIRE(!pdf.ok());
        CHECK(pages.error().code == QStringLiteral("photo_missing"));
        CHECK(pages.error().code == pdf.error().code);
        CHECK(pages.error().message == pdf.error().message);
    }
    SECTION("an unreadable photo is the PDF's error")
    {
        QFile broken(in.photoPath(in.report.actions.at(2).photos.at(1).sha256));
        REQUIRE(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("not a JPEG at all");
        broken.close();
        const auto pages = renderReportPages(in, kWidth);
        REQUIRE(!pages.ok());
        CHECK(pages.error().code == QStringLiteral("photo_unreadable"));
    }
    SECTION("no room for the pages")
    {
        const auto pages = renderReportPages(in, 0);
        REQUIRE(!pages.ok());
        CHECK(pages.error().code == QStringLiteral("invalid_argument"));
    }
}

TEST_CASE("PreviewJob draws the pages off the owner thread and cancel stops it")
{
    TempDir dir;
    const ReportDocumentInput in = sampleReport(dir.path(), {2, 1, 2});
    const auto run = [](PreviewJob &job, bool cancelAtFirstProgress) {
        std::optional<PreviewJob::Pages> result;
        QList<int> progress;
        QEventLoop loop;
        QObject::connect(&job, &PreviewJob::progress, &loop, [&](int done, int) { progress << done; });
        QObject::connect(&job, &PreviewJob::finished, &loop, [&](const PreviewJob::Pages &pages) {
            CHECK(QThread::currentThread() == loop.thread());
            result = pages;
            loop.quit();
        });
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        job.start();
        CHECK(job.isRunning());
        // Before the worker's first progress check (drawing two pages takes far longer than
        // this line): waiting for the first progress signal raced a loaded machine's worker.
        if (cancelAtFirstProgress)
            job.cancel();
        loop.exec();
        CHECK(!job.isRunning());
        return std::make_pair(result, progress);
    };

    SECTION("finished with the pages")
    {
        PreviewJob job(in, kWidth);
        const auto [pages, progress] = run(job, false);
        REQUIRE(pages.has_value());
        REQUIRE(pages->ok());
        CHECK(pages->value().size() >= 2);
        CHECK(pages->value().first().width() == kWidth);
        CHECK(!progress.isEmpty());
    }
    SECTION("cancelled as soon as it started")
    {
        PreviewJob job(in, kWidth);
        const auto [pages, progress] = run(job, true);
        REQUIRE(pages.has_value());
        REQUIRE(!pages->ok());
        CHECK(pages->error().code == QStringLiteral("cancelled"));
    }
    SECTION("destroyed while it runs: it waits for the worker")
    {
        auto job = std::make_unique<PreviewJob>(in, kWidth);
        int finished = 0;
        QObject::connect(job.get(), &PreviewJob::finished, [&finished] { ++finished; });
        job->start();
        job.reset(); // cancels and waits: nothing is delivered afterwards to a job that is gone
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        CHECK(finished == 0);
    }
}
