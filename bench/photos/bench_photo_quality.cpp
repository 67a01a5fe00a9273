// Photo reduction side by side with vipsthumbnail (issue 13; a plain executable,
// never run by ctest).
//
//   bench_photo_quality [photos]          (default 10; needs vipsthumbnail: libvips-tools)
//
// The same camera-like 4000 × 3000 JPEGs (noise, gradients and shapes, q92, EXIF
// orientation 6, as in bench_photos) go through PhotoPipeline::importFile (the
// app's import: decode, reduce to 1600 px, JPEG, SHA-256, stored and flushed,
// thumbnail) and through `vipsthumbnail --size 1600` (one invocation for all the
// files, libvips's own defaults, VIPS_CONCURRENCY=1), both on one CPU. For each
// output: its size, and its SSIM (luma, 8 × 8 windows, every 4 pixels) against a
// reference made from the full-resolution decode reduced with Qt's area-averaging
// scale to the same size, kept uncompressed. Printed: ms per photo, KB per photo,
// mean SSIM, and the ratios. Goal (issue 13): ≤ 0.4 × vips's time, fewer bytes at
// an SSIM at least vips's.
#include "core/photos/photo_pipeline.h"
#include "tests/core/photos/image_factory.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImageReader>
#include <QImageWriter>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>

#include <cmath>
#include <cstdio>
#include <vector>

#ifdef Q_OS_LINUX
#include <sched.h>
#endif

using namespace mobiliza::core;
using namespace mobiliza::test;

namespace {

QByteArray cameraJpeg(quint32 seed, int variant)
{
    QImage image = noisyPhoto(4000, 3000, seed);
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x)
            image.setPixel(100 + x + 70 * (variant % 50), 100 + y, qRgb(variant * 5 % 256, 255 - variant, 0));
    return withExif(encode(image, "jpeg", 92), ExifSpec{6, QByteArrayLiteral("2025:05:10 09:30:00"), true});
}

std::vector<float> luma(const QImage &image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    std::vector<float> y(size_t(rgb.width()) * size_t(rgb.height()));
    for (int r = 0; r < rgb.height(); ++r) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(r));
        for (int c = 0; c < rgb.width(); ++c)
            y[size_t(r) * size_t(rgb.width()) + size_t(c)] = 0.299f * float(qRed(line[c])) +
                                                             0.587f * float(qGreen(line[c])) +
                                                             0.114f * float(qBlue(line[c]));
    }
    return y;
}

// Mean SSIM of two images of the same size (luma; 8 × 8 windows every 4 pixels).
double ssim(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return -1;
    const std::vector<float> x = luma(a), y = luma(b);
    const int w = a.width(), h = a.height();
    constexpr double c1 = (0.01 * 255) * (0.01 * 255), c2 = (0.03 * 255) * (0.03 * 255);
    double total = 0;
    int windows = 0;
    for (int r = 0; r + 8 <= h; r += 4)
        for (int c = 0; c + 8 <= w; c += 4) {
            double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
            for (int i = 0; i < 8; ++i)
                for (int j = 0; j < 8; ++j) {
                    const double u = x[size_t(r + i) * size_t(w) + size_t(c + j)];
                    const double v = y[size_t(r + i) * size_t(w) + size_t(c + j)];
                    sx += u, sy += v, sxx += u * u, syy += v * v, sxy += u * v;
                }
            const double n = 64, mx = sx / n, my = sy / n;
            const double vx = sxx / n - mx * mx, vy = syy / n - my * my, cov = sxy / n - mx * my;
            total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
            ++windows;
        }
    return windows > 0 ? total / windows : -1;
}

QImage decode(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    return reader.read();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 10;
    const QString vips = QStandardPaths::findExecutable(QStringLiteral("vipsthumbnail"));
    if (vips.isEmpty()) {
        std::fprintf(stderr, "vipsthumbnail is not installed (Debian package libvips-tools)\n");
        return 2;
    }
    QTemporaryDir tmp;
    QStringList files;
    qint64 sourceBytes = 0;
    for (int i = 0; i < count; ++i) {
        const QString path =
            QDir(tmp.path()).filePath(QStringLiteral("cam_%1.jpg").arg(i, 3, 10, QLatin1Char('0')));
        const QByteArray bytes = cameraJpeg(quint32(11 + i), i);
        writeFile(path, bytes);
        sourceBytes += bytes.size();
        files << path;
    }
    int cpu = 0;
#ifdef Q_OS_LINUX
    cpu_set_t one;
    cpu = sched_getcpu();
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    const bool pinned = sched_setaffinity(0, sizeof(cpu_set_t), &one) == 0;
#else
    const bool pinned = false;
#endif
    QThreadPool::globalInstance()->setMaxThreadCount(1);
    std::printf("bench_photo_quality: %d camera JPEGs 4000 × 3000 q92 (%.1f MB each), %s\n", count,
                double(sourceBytes) / count / 1e6, pinned ? "both on one CPU" : "NOT pinned");

    // ---- ours
    BlobStore blobs(QDir(tmp.path()).filePath(QStringLiteral("blobs")));
    const PhotoPipeline pipeline(blobs);
    (void)pipeline.importBytes(cameraJpeg(99, 99), QStringLiteral("warm.jpg")); // plugins, first allocations
    QStringList ours;
    qint64 oursBytes = 0;
    QElapsedTimer t;
    t.start();
    for (const QString &f : files) {
        const auto r = pipeline.importFile(f);
        if (!r) {
            std::fprintf(stderr, "import failed: %s\n", qPrintable(r.error().message));
            return 1;
        }
        ours << blobs.path(r->sha256);
        oursBytes += r->bytes;
    }
    const double oursMs = double(t.nsecsElapsed()) / 1e6 / count;

    // ---- vipsthumbnail, one invocation, one thread, the same CPU
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("VIPS_CONCURRENCY"), QStringLiteral("1"));
    p.setProcessEnvironment(env);
    QStringList args{QStringLiteral("-c"),         QString::number(cpu),   vips,
                     QStringLiteral("--size"),     QStringLiteral("1600"), QStringLiteral("-o"),
                     QStringLiteral("%s_vips.jpg")};
    args += files;
    t.restart();
    p.start(QStringLiteral("taskset"), args);
    if (!p.waitForFinished(600'000) || p.exitCode() != 0) {
        std::fprintf(stderr, "vipsthumbnail failed: %s\n", p.readAllStandardError().constData());
        return 1;
    }
    const double vipsMs = double(t.nsecsElapsed()) / 1e6 / count;
    QStringList theirs;
    qint64 vipsBytes = 0;
    for (const QString &f : files) {
        const QString out = f.left(f.size() - 4) + QStringLiteral("_vips.jpg");
        theirs << out;
        vipsBytes += QFileInfo(out).size();
    }

    // ---- quality against the full-resolution reference
    double oursSsim = 0, vipsSsim = 0;
    for (int i = 0; i < count; ++i) {
        const QImage a = decode(ours.at(i)), b = decode(theirs.at(i));
        const QImage reference = decode(files.at(i))
                                     .scaled(a.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                                     .convertToFormat(QImage::Format_RGB32);
        const double sa = ssim(reference, a);
        // vips may round the other side differently by a pixel: compared at its own size.
        const QImage referenceB =
            b.size() == a.size()
                ? reference
                : decode(files.at(i)).scaled(b.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        const double sb = ssim(referenceB, b);
        if (i == 0)
            std::printf("sizes: ours %d × %d, vips %d × %d\n", a.width(), a.height(), b.width(), b.height());
        oursSsim += sa;
        vipsSsim += sb;
    }
    oursSsim /= count;
    vipsSsim /= count;
    std::printf("%-34s %10s %10s %8s\n", "", "ms/photo", "KB/photo", "SSIM");
    std::printf("%-34s %10.1f %10.1f %8.4f\n", "mobiliza importFile (all of it)", oursMs,
                double(oursBytes) / count / 1024.0, oursSsim);
    std::printf("%-34s %10.1f %10.1f %8.4f\n", "vipsthumbnail --size 1600", vipsMs,
                double(vipsBytes) / count / 1024.0, vipsSsim);
    std::printf(
        "ratio: time %.2f × vips's (goal ≤ 0.4 ×), bytes %.2f × (goal < 1 ×), SSIM %+.4f (goal ≥ 0)\n",
        oursMs / vipsMs, double(oursBytes) / double(vipsBytes), oursSsim - vipsSsim);

    // ---- the encoder's settings, on the pipeline's reduced image (decode at the
    // reduced size, area-averaging scale): bytes and SSIM of each, encode time.
    if (qEnvironmentVariableIsSet("MOBILIZA_BENCH_ENCODINGS")) {
        struct Variant
        {
            const char *name;
            int quality;
            bool optimize;
            bool progressive;
        };
        const Variant variants[] = {
            {"q80 (the app's)", 80, false, false}, {"q80 optimized", 80, true, false},
            {"q80 progressive", 80, true, true},   {"q75", 75, false, false},
            {"q75 optimized", 75, true, false},    {"q75 progressive", 75, true, true},
            {"q70 optimized", 70, true, false}};
        for (const Variant &v : variants) {
            double ms = 0, score = 0;
            qint64 bytes = 0;
            for (int i = 0; i < count; ++i) {
                QImageReader reader(files.at(i));
                reader.setAutoTransform(true);
                reader.setScaledSize(QSize(1600, 1200));
                const QImage reduced = reader.read().convertToFormat(QImage::Format_RGB32);
                QByteArray out;
                QBuffer buffer(&out);
                buffer.open(QIODevice::WriteOnly);
                QImageWriter writer(&buffer, "jpeg");
                writer.setQuality(v.quality);
                writer.setOptimizedWrite(v.optimize);
                writer.setProgressiveScanWrite(v.progressive);
                QElapsedTimer e;
                e.start();
                writer.write(reduced);
                ms += double(e.nsecsElapsed()) / 1e6;
                bytes += out.size();
                const QImage back = QImage::fromData(out, "JPG");
                const QImage reference =
                    decode(files.at(i)).scaled(back.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
                score += ssim(reference, back);
            }
            std::printf("   %-18s encode %6.1f ms  %7.1f KB  SSIM %.4f\n", v.name, ms / count,
                        double(bytes) / count / 1024.0, score / count);
        }
    }
    return 0;
}
