// The background import job: results per file in order, progress, failures that
// do not stop the others, cancel, and delivery on the owner thread.
#include <catch2/catch.hpp>

#include "tests/support/catch_qt.h"

#include "core/photos/photo_import_job.h"
#include "tests/core/photos/image_factory.h"
#include "tests/support/temp_dir.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <memory>

using namespace mobiliza::core;
using namespace mobiliza::test;

namespace {

struct Recorder
{
    QList<QPair<int, int>> progress;
    QList<ImportedPhoto> imported;
    QList<QPair<QString, QString>> failed; // file, code
    QStringList order;                     // file of each result, as reported
    int finishedCount = 0;
    bool cancelled = false;
    bool allOnOwnerThread = true;

    void attach(PhotoImportJob &job)
    {
        QThread *owner = QThread::currentThread();
        auto check = [this, owner] {
            if (QThread::currentThread() != owner)
                allOnOwnerThread = false;
        };
        // Direct connections: the lambdas run on whichever thread emits.
        QObject::connect(&job, &PhotoImportJob::progress, [this, check](int done, int total) {
            check();
            progress.append({done, total});
        });
        QObject::connect(&job, &PhotoImportJob::photoImported, [this, check](const ImportedPhoto &p) {
            check();
            imported.append(p);
            order.append(p.sourcePath);
        });
        QObject::connect(&job, &PhotoImportJob::photoFailed,
                         [this, check](const QString &file, const Error &e) {
                             check();
                             failed.append({file, e.code});
                             order.append(file);
                         });
        QObject::connect(&job, &PhotoImportJob::finished, [this, check](bool c) {
            check();
            ++finishedCount;
            cancelled = c;
        });
    }
};

// Runs the event loop until the job finishes (the timer only guards against a hang).
bool waitFinished(PhotoImportJob &job)
{
    QEventLoop loop;
    bool done = false;
    QObject::connect(&job, &PhotoImportJob::finished, &loop, [&] {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    return done;
}

} // namespace

TEST_CASE("The import job reports every file in order, failures without stopping the others")
{
    TempDir dir;
    BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    auto put = [&](const QString &name, const QByteArray &bytes) {
        const QString path = dir.filePath(name);
        REQUIRE(writeFile(path, bytes));
        return path;
    };
    const QStringList files{
        put(QStringLiteral("1.jpg"), encode(noisyPhoto(1800, 1200, 1), "jpeg")),
        put(QStringLiteral("2.jpg"), QByteArrayLiteral("nao sou uma foto")),
        put(QStringLiteral("3.png"), encode(markedImage(300, 200), "png")),
        put(QStringLiteral("4.jpg"), QByteArray()),
        put(QStringLiteral("5.heic"), isoBmffImage("heic")),
        put(QStringLiteral("6.jpg"), withExif(encode(markedImage(500, 300), "jpeg"), ExifSpec{6})),
    };

    PhotoImportJob job(blobs, files);
    CHECK(job.total() == 6);
    CHECK_FALSE(job.isRunning());
    Recorder rec;
    rec.attach(job);
    job.start();
    CHECK(job.isRunning());
    REQUIRE(waitFinished(job));

    CHECK_FALSE(job.isRunning());
    CHECK(rec.finishedCount == 1);
    CHECK_FALSE(rec.cancelled);
    CHECK(rec.allOnOwnerThread);
    CHECK(rec.order == files);
    REQUIRE(rec.imported.size() == 3);
    CHECK(rec.imported[2].width == 300);
    CHECK(rec.imported[2].height == 500);
    for (const ImportedPhoto &p : rec.imported)
        CHECK(blobs.has(p.sha256));
    REQUIRE(rec.failed.size() == 3);
    CHECK(rec.failed[0] == qMakePair(files[1], QStringLiteral("not_an_image")));
    CHECK(rec.failed[1] == qMakePair(files[3], QStringLiteral("empty_file")));
    CHECK(rec.failed[2] == qMakePair(files[4], QStringLiteral("unsupported_format")));
    const QList<QPair<int, int>> expected{{1, 6}, {2, 6}, {3, 6}, {4, 6}, {5, 6}, {6, 6}};
    CHECK(rec.progress == expected);

    job.start(); // a second start does nothing
    CHECK_FALSE(job.isRunning());
}

TEST_CASE("A slot running a nested event loop does not disorder the import job signals")
{
    TempDir dir;
    BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    QStringList files;
    for (int i = 0; i < 6; ++i) {
        const QString path = dir.filePath(QStringLiteral("f%1.jpg").arg(i));
        REQUIRE(
            writeFile(path, i == 1 ? QByteArrayLiteral("texto") : encode(markedImage(600 + i, 400), "jpeg")));
        files << path;
    }
    PhotoImportJob job(blobs, files);
    Recorder rec;
    rec.attach(job);
    bool finishedDuringDialog = false, inDialog = false;
    QObject::connect(&job, &PhotoImportJob::finished, [&] {
        if (inDialog)
            finishedDuringDialog = true;
    });
    // Like a message box opened for the first failure: the other files keep arriving meanwhile.
    QObject::connect(&job, &PhotoImportJob::photoFailed, &job, [&] {
        inDialog = true;
        QEventLoop nested;
        QTimer::singleShot(500, &nested, &QEventLoop::quit);
        nested.exec();
        inDialog = false;
    });
    job.start();
    REQUIRE(waitFinished(job));
    CHECK(rec.order == files);
    CHECK_FALSE(finishedDuringDialog);
    REQUIRE(rec.progress.size() == 6);
    for (int i = 0; i < 6; ++i)
        CHECK(rec.progress[i].first == i + 1);
}

TEST_CASE("Cancelling the import job stops early and keeps what was imported")
{
    TempDir dir;
    BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    const QString photo = dir.filePath(QStringLiteral("foto.jpg"));
    REQUIRE(writeFile(photo, encode(noisyPhoto(2400, 1800, 7), "jpeg")));
    QStringList files;
    for (int i = 0; i < 40; ++i)
        files << photo;

    PhotoImportJob job(blobs, files);
    Recorder rec;
    rec.attach(job);
    QObject::connect(&job, &PhotoImportJob::photoImported, &job, [&job] { job.cancel(); });
    job.start();
    REQUIRE(waitFinished(job));

    CHECK(rec.cancelled);
    CHECK(rec.allOnOwnerThread);
    CHECK(rec.failed.isEmpty()); // stopped files are not failures
    CHECK(rec.imported.size() >= 1);
    CHECK(rec.imported.size() < 40);
    REQUIRE_FALSE(rec.progress.isEmpty());
    CHECK(rec.progress.last().first == rec.imported.size());
    CHECK(rec.progress.last().second == 40);
    for (const ImportedPhoto &p : rec.imported)
        CHECK(blobs.has(p.sha256));
}

TEST_CASE("A job cancelled before it starts, or with no files, still finishes")
{
    TempDir dir;
    BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    {
        PhotoImportJob job(blobs, {dir.filePath(QStringLiteral("x.jpg"))});
        Recorder rec;
        rec.attach(job);
        job.cancel();
        job.start();
        REQUIRE(waitFinished(job));
        CHECK(rec.cancelled);
        CHECK(rec.order.isEmpty());
    }
    {
        PhotoImportJob job(blobs, {});
        Recorder rec;
        rec.attach(job);
        job.start();
        CHECK(rec.finishedCount == 0); // queued, not emitted inside start()
        REQUIRE(waitFinished(job));
        CHECK(rec.finishedCount == 1);
        CHECK_FALSE(rec.cancelled);
    }
}

TEST_CASE("Destroying a running import job waits for its workers")
{
    TempDir dir;
    BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    const QString photo = dir.filePath(QStringLiteral("foto.jpg"));
    REQUIRE(writeFile(photo, encode(noisyPhoto(1600, 1200, 3), "jpeg")));
    int signals = 0;
    {
        auto job = std::make_unique<PhotoImportJob>(blobs, QStringList{photo, photo, photo, photo});
        QObject::connect(job.get(), &PhotoImportJob::finished, [&] { ++signals; });
        job->start();
    } // destroyed while running: no crash, no hang, no signal afterwards
    QCoreApplication::processEvents();
    CHECK(signals == 0);
    // Whatever a worker stored is complete: no temporary files are left.
    QDirIterator it(blobs.dir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        CHECK_FALSE(it.next().endsWith(QLatin1String(".part")));
}

TEST_CASE("Import job signals arrive on the thread that owns the job")
{
    TempDir dir;
    BlobStore blobs(dir.filePath(QStringLiteral("blobs")));
    const QString photo = dir.filePath(QStringLiteral("foto.jpg"));
    REQUIRE(writeFile(photo, encode(markedImage(800, 600), "jpeg")));

    // The owner is a separate thread with its own event loop.
    QThread owner;
    owner.start();
    QThread *emittedOn = nullptr;
    bool mixed = false;
    int results = 0;
    QEventLoop loop;
    PhotoImportJob *job = new PhotoImportJob(blobs, {photo, photo, dir.filePath(QStringLiteral("no.jpg"))});
    job->moveToThread(&owner);
    auto note = [&] {
        if (emittedOn && emittedOn != QThread::currentThread())
            mixed = true;
        emittedOn = QThread::currentThread();
    };
    QObject::connect(job, &PhotoImportJob::photoImported, [&](const ImportedPhoto &) {
        note();
        ++results;
    });
    QObject::connect(job, &PhotoImportJob::photoFailed, [&](const QString &, const Error &) {
        note();
        ++results;
    });
    QObject::connect(job, &PhotoImportJob::finished, job, [&, job](bool) {
        note();
        job->deleteLater();
    });
    QObject::connect(job, &QObject::destroyed, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    QMetaObject::invokeMethod(
        job, [job] { job->start(); }, Qt::QueuedConnection);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    owner.quit();
    owner.wait();

    CHECK(results == 3);
    CHECK(emittedOn == &owner);
    CHECK_FALSE(mixed);
}
