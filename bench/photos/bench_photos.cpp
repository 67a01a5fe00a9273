// Photo pipeline benchmark (a plain executable, never run by ctest).
//
//   bench_photos [runs] [jobPhotos]     (defaults: 20 runs, 50 photos)
//
// 1. A camera-like 4000×3000 JPEG (noise and gradients, q92, EXIF orientation 6,
//    date and GPS) goes through PhotoPipeline::importFile `runs` times with the
//    process pinned to one CPU (goal: ≤ 150 ms per photo). The blob is removed
//    between runs so every run really stores it.
// 2. `jobPhotos` distinct 12 MP JPEGs go through PhotoImportJob (two workers)
//    while a 16 ms timer on the owner thread measures how long the event loop
//    is ever kept from running (what the UI would feel).
//
// Wall times include time taken by other processes; the CPU times (all threads
// of this process) are the cost of the work itself.
#include "core/photos/photo_import_job.h"
#include "core/photos/photo_pipeline.h"
#include "tests/core/photos/image_factory.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

#ifdef Q_OS_LINUX
#include <sched.h>
#endif

using namespace mobiliza::core;
using namespace mobiliza::test;

namespace {

#ifndef MOBILIZA_BUILD_TYPE
#define MOBILIZA_BUILD_TYPE "?"
#endif

double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1e6;
}

#ifdef Q_OS_LINUX
bool pinToOneCpu(cpu_set_t *saved)
{
    if (sched_getaffinity(0, sizeof(cpu_set_t), saved) != 0)
        return false;
    cpu_set_t one;
    CPU_ZERO(&one);
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
        if (CPU_ISSET(cpu, saved)) {
            CPU_SET(cpu, &one);
            break;
        }
    return sched_setaffinity(0, sizeof(cpu_set_t), &one) == 0;
}
#endif

QByteArray cameraJpeg(quint32 seed, int variant)
{
    QImage image = noisyPhoto(4000, 3000, seed);
    for (int y = 0; y < 64; ++y) // a distinct patch per file: distinct content addresses
        for (int x = 0; x < 64; ++x)
            image.setPixel(100 + x + 70 * (variant % 50), 100 + y, qRgb(variant * 5 % 256, 255 - variant, 0));
    const QByteArray jpeg = encode(image, "jpeg", 92);
    return withExif(jpeg, ExifSpec{6, QByteArrayLiteral("2025:05:10 09:30:00"), true});
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? qMax(1, QByteArray(argv[1]).toInt()) : 20;
    const int jobPhotos = argc > 2 ? qMax(1, QByteArray(argv[2]).toInt()) : 50;

    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        std::fprintf(stderr, "cannot create a temporary folder\n");
        return 1;
    }
    BlobStore blobs(QDir(tmp.path()).filePath(QStringLiteral("blobs")));
    const PhotoPipeline pipeline(blobs);

    std::printf("bench_photos (%s build, Qt %s)\n", MOBILIZA_BUILD_TYPE, qVersion());
    // Other processes inflate wall times; CPU time is what the work itself costs.
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    if (loadavg.open(QIODevice::ReadOnly))
        std::printf("load average at start: %s (CPUs: %d)\n", loadavg.readLine().trimmed().constData(),
                    QThread::idealThreadCount());
    QElapsedTimer gen;
    gen.start();
    const QByteArray camera = cameraJpeg(1, 0);
    const QString cameraPath = QDir(tmp.path()).filePath(QStringLiteral("camera.jpg"));
    writeFile(cameraPath, camera);
    std::printf("input: 4000x3000 JPEG q92 with EXIF (orientation 6, date, GPS), %.1f MB "
                "(generated in %lld ms)\n\n",
                double(camera.size()) / (1024.0 * 1024.0), static_cast<long long>(gen.elapsed()));

    // ---- 1. importFile on one core --------------------------------------------
    bool pinned = false;
#ifdef Q_OS_LINUX
    cpu_set_t saved;
    pinned = pinToOneCpu(&saved);
#endif
    const int savedPool = QThreadPool::globalInstance()->maxThreadCount();
    QThreadPool::globalInstance()->setMaxThreadCount(1); // Qt's own parallel scaling: one helper at most

    {
        const auto warm = pipeline.importFile(cameraPath); // plugin loading, first allocation
        if (!warm) {
            std::fprintf(stderr, "import failed: %s\n", qPrintable(warm.error().message));
            return 1;
        }
        std::printf("stored: %dx%d JPEG, %lld KB\n", warm->width, warm->height,
                    static_cast<long long>(warm->bytes / 1024));
        blobs.remove(warm->sha256);
        QFile::remove(pipeline.thumbnailPath(warm->sha256));
    }
    std::vector<double> wall;
    const double cpuStart = cpuMs();
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const auto r = pipeline.importFile(cameraPath);
        wall.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!r) {
            std::fprintf(stderr, "import failed: %s\n", qPrintable(r.error().message));
            return 1;
        }
        blobs.remove(r->sha256); // the next run stores it again (fsync included)
        QFile::remove(pipeline.thumbnailPath(r->sha256));
    }
    const double cpuPer = (cpuMs() - cpuStart) / runs;
    std::sort(wall.begin(), wall.end());
    double sum = 0;
    for (double w : wall)
        sum += w;
    const double mean = sum / runs;
    std::printf("importFile, 12 MP, %s, %d runs:\n"
                "  mean %.1f ms, median %.1f ms, min %.1f ms, max %.1f ms per photo "
                "(CPU %.1f ms per photo)\n"
                "  goal <= 150 ms per photo: %s\n\n",
                pinned ? "pinned to one CPU" : "NOT pinned", runs, mean, wall[wall.size() / 2], wall.front(),
                wall.back(), cpuPer, mean <= 150.0 ? "met" : "NOT MET");

#ifdef Q_OS_LINUX
    if (pinned)
        sched_setaffinity(0, sizeof(cpu_set_t), &saved);
#endif
    QThreadPool::globalInstance()->setMaxThreadCount(savedPool);

    // ---- 2. PhotoImportJob with 50 distinct photos ------------------------------
    QStringList files;
    gen.restart();
    for (int i = 0; i < jobPhotos; ++i) {
        const QString path =
            QDir(tmp.path()).filePath(QStringLiteral("job_%1.jpg").arg(i, 3, 10, QLatin1Char('0')));
        writeFile(path, cameraJpeg(1, i + 1));
        files << path;
    }
    std::printf("%d distinct 12 MP JPEGs generated in %lld ms\n", jobPhotos,
                static_cast<long long>(gen.elapsed()));

    PhotoImportJob job(blobs, files);
    int imported = 0, failed = 0;
    QObject::connect(&job, &PhotoImportJob::photoImported, [&](const ImportedPhoto &) { ++imported; });
    QObject::connect(&job, &PhotoImportJob::photoFailed, [&](const QString &, const Error &) { ++failed; });

    QEventLoop loop;
    QTimer tick;
    tick.setInterval(16);
    QElapsedTimer sinceTick;
    qint64 maxGap = 0, ticks = 0;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        maxGap = qMax(maxGap, sinceTick.restart());
        ++ticks;
    });
    QObject::connect(&job, &PhotoImportJob::finished, &loop, &QEventLoop::quit);
    QElapsedTimer total;
    total.start();
    const double jobCpuStart = cpuMs();
    sinceTick.start();
    tick.start();
    job.start();
    loop.exec();
    tick.stop();
    const qint64 ms = total.elapsed();
    std::printf("PhotoImportJob, %d photos, %d workers on %d CPUs:\n"
                "  total %lld ms (%.1f ms per photo wall, %.1f ms CPU), %d imported, %d failed\n"
                "  owner event loop during the import: %lld ticks of 16 ms, longest gap %lld ms\n",
                jobPhotos, PhotoImportJob::maxInFlight, QThread::idealThreadCount(),
                static_cast<long long>(ms), double(ms) / jobPhotos, (cpuMs() - jobCpuStart) / jobPhotos,
                imported, failed, static_cast<long long>(ticks), static_cast<long long>(maxGap));
    return failed == 0 && imported == jobPhotos ? 0 : 1;
}
