// The photo pipeline with generated images: EXIF orientation, reduction, EXIF/GPS
// stripping, truncated/renamed/empty/HEIC/oversized inputs, PNG alpha, dedup,
// thumbnails. Every refusal must leave the store untouched.
#include <catch2/catch.hpp>

#include "tests/support/catch_qt.h"

#include "core/photos/image_inspect.h"
#include "core/photos/photo_pipeline.h"
#include "tests/core/photos/image_factory.h"
#include "tests/support/temp_dir.h"

#include <QColorSpace>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLocale>

using namespace mobiliza::core;
using namespace mobiliza::test;

namespace {

struct Fixture
{
    TempDir dir;
    BlobStore blobs{dir.filePath(QStringLiteral("blobs"))};
    PhotoPipeline pipeline{blobs};

    QString file(const QString &name, const QByteArray &bytes) const
    {
        const QString path = dir.filePath(name);
        REQUIRE(writeFile(path, bytes));
        return path;
    }
    // Files in the blob store (temporary .part files included: none may be left).
    QStringList storedFiles() const
    {
        QStringList files;
        QDirIterator it(blobs.dir(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        return files;
    }
    QString thumbsDir() const { return dir.filePath(QStringLiteral("thumbs")); }
    QImage stored(const ImportedPhoto &photo) const
    {
        const auto bytes = blobs.read(photo.sha256);
        REQUIRE(bytes.ok());
        return QImage::fromData(bytes.value(), "jpeg");
    }
    // Refused with `code`, the message names the file, and nothing was written.
    Error refused(const QString &path, const char *code) const
    {
        const auto result = pipeline.importFile(path);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == QLatin1String(code));
        CHECK(result.error().message.contains(QFileInfo(path).fileName()));
        CHECK(storedFiles().isEmpty());
        CHECK_FALSE(QFileInfo::exists(thumbsDir()));
        return result.error();
    }
};

QByteArray jpegOf(const QImage &image, int quality = 92)
{
    const QByteArray bytes = encode(image, "jpeg", quality);
    REQUIRE(!bytes.isEmpty());
    return bytes;
}

} // namespace

TEST_CASE("A 400x200 photo tagged with EXIF orientation 6 is stored upright as 200x400")
{
    Fixture f;
    const QByteArray jpeg = withExif(jpegOf(markedImage(400, 200)), ExifSpec{6});
    REQUIRE(photos::readJpegExif(jpeg).orientation == 6);

    const auto result = f.pipeline.importFile(f.file(QStringLiteral("foto.jpg"), jpeg));
    REQUIRE(result.ok());
    CHECK(result->width == 200);
    CHECK(result->height == 400);
    const QImage img = f.stored(result.value());
    REQUIRE(img.size() == QSize(200, 400));
    // Rotating 90° clockwise moves the top-left marker to the top-right corner.
    CHECK(isReddish(meanColor(img, 180, 20)));
    CHECK_FALSE(isReddish(meanColor(img, 20, 20)));
    CHECK_FALSE(isReddish(meanColor(img, 20, 380)));
    CHECK_FALSE(isReddish(meanColor(img, 180, 380)));
    // The stored JPEG no longer carries EXIF: viewers must not rotate it again.
    CHECK(photos::readJpegExif(f.blobs.read(result->sha256).value()).orientation == 0);
}

TEST_CASE("EXIF orientation 8 rotates counter-clockwise")
{
    Fixture f;
    const QByteArray jpeg = withExif(jpegOf(markedImage(400, 200)), ExifSpec{8, {}, false, true});
    const auto result = f.pipeline.importBytes(jpeg, QStringLiteral("foto8.jpg"));
    REQUIRE(result.ok());
    const QImage img = f.stored(result.value());
    REQUIRE(img.size() == QSize(200, 400));
    CHECK(isReddish(meanColor(img, 20, 380))); // top-left → bottom-left
    CHECK_FALSE(isReddish(meanColor(img, 180, 20)));
    CHECK_FALSE(isReddish(meanColor(img, 20, 20)));
}

TEST_CASE("An 8000x6000 JPEG is imported at 1600x1200, also when rotated")
{
    Fixture f;
    const QByteArray jpeg = jpegOf(markedImage(8000, 6000, 800, QImage::Format_RGB888), 85);
    // A full decode would exceed Qt's default 128 MB allocation limit.
    CHECK(8000LL * 6000 * 4 > 128LL * 1024 * 1024);

    const auto plain = f.pipeline.importFile(f.file(QStringLiteral("grande.jpg"), jpeg));
    REQUIRE(plain.ok());
    CHECK(plain->width == 1600);
    CHECK(plain->height == 1200);
    CHECK(plain->bytes == f.blobs.read(plain->sha256).value().size());
    const QImage img = f.stored(plain.value());
    CHECK(img.size() == QSize(1600, 1200));
    CHECK(isReddish(meanColor(img, 60, 60)));

    const auto rotated = f.pipeline.importBytes(withExif(jpeg, ExifSpec{6}), QStringLiteral("g6.jpg"));
    REQUIRE(rotated.ok());
    CHECK(rotated->width == 1200);
    CHECK(rotated->height == 1600);
    CHECK(isReddish(meanColor(f.stored(rotated.value()), 1140, 60)));
}

TEST_CASE("Larger images of other formats are reduced too and never upscaled")
{
    Fixture f;
    const auto png = f.pipeline.importBytes(encode(markedImage(2400, 1000), "png"), QStringLiteral("a.png"));
    REQUIRE(png.ok());
    CHECK(png->width == 1600);
    CHECK(png->height == 667);

    const auto small = f.pipeline.importBytes(jpegOf(markedImage(300, 120)), QStringLiteral("p.jpg"));
    REQUIRE(small.ok());
    CHECK(small->width == 300);
    CHECK(small->height == 120);
}

TEST_CASE("EXIF and GPS are stripped and DateTimeOriginal becomes takenOn")
{
    Fixture f;
    for (const bool big : {false, true}) {
        const QByteArray input = withExif(jpegOf(markedImage(640, 480)),
                                          ExifSpec{1, QByteArrayLiteral("2024:03:15 10:22:05"), true, big});
        const photos::ExifInfo exif = photos::readJpegExif(input);
        REQUIRE(exif.valid);
        REQUIRE(exif.hasGps);
        REQUIRE(input.contains("Exif"));

        const auto result = f.pipeline.importBytes(input, QStringLiteral("gps.jpg"));
        REQUIRE(result.ok());
        CHECK(result->takenOn == QDate(2024, 3, 15));
        const QByteArray stored = f.blobs.read(result->sha256).value();
        CHECK_FALSE(stored.contains("Exif"));
        CHECK(photos::scanJpeg(stored).wellFormed);
        CHECK(photos::scanJpeg(stored).exifOffset == -1);
        CHECK_FALSE(photos::readJpegExif(stored).hasGps);
    }
}

TEST_CASE("Comments and colour profiles of the original are not carried over")
{
    Fixture f;
    QImage source = markedImage(320, 240);
    source.setColorSpace(QColorSpace(QColorSpace::DisplayP3));
    source.setText(QStringLiteral("Description"), QStringLiteral("Rua Secreta 123"));
    const QByteArray input = jpegOf(source);
    REQUIRE(input.contains("ICC_PROFILE"));
    REQUIRE(input.contains("Rua Secreta"));

    const auto result = f.pipeline.importBytes(input, QStringLiteral("perfil.jpg"));
    REQUIRE(result.ok());
    const QByteArray stored = f.blobs.read(result->sha256).value();
    CHECK_FALSE(stored.contains("ICC_PROFILE"));
    CHECK_FALSE(stored.contains("Rua Secreta"));
    CHECK(f.stored(result.value()).textKeys().isEmpty());
}

TEST_CASE("takenOn is invalid without EXIF or with a bad date")
{
    Fixture f;
    const auto none = f.pipeline.importBytes(jpegOf(markedImage(64, 64)), QStringLiteral("x.jpg"));
    REQUIRE(none.ok());
    CHECK_FALSE(none->takenOn.isValid());

    const auto bad = f.pipeline.importBytes(
        withExif(jpegOf(markedImage(64, 64)), ExifSpec{1, QByteArrayLiteral("2023:02:30 10:00:00")}),
        QStringLiteral("y.jpg"));
    REQUIRE(bad.ok());
    CHECK_FALSE(bad->takenOn.isValid());
}

TEST_CASE("A truncated JPEG is refused as corrupt")
{
    Fixture f;
    const QByteArray jpeg = jpegOf(markedImage(800, 600));
    f.refused(f.file(QStringLiteral("cortada.jpg"), jpeg.left(jpeg.size() * 6 / 10)), "corrupt_image");
    f.refused(f.file(QStringLiteral("sem_fim.jpg"), jpeg.left(jpeg.size() - 2)), "corrupt_image");
    f.refused(f.file(QStringLiteral("cabecalho.jpg"), jpeg.left(300)), "corrupt_image");
    // …while bytes after the end marker (phones append data there) are fine.
    CHECK(f.pipeline.importBytes(jpeg + QByteArray(500, 'x'), QStringLiteral("ok.jpg")).ok());
}

TEST_CASE("A truncated PNG is refused as corrupt")
{
    Fixture f;
    const QByteArray png = encode(markedImage(300, 300), "png");
    f.refused(f.file(QStringLiteral("cortada.png"), png.left(png.size() / 2)), "corrupt_image");
}

TEST_CASE("A renamed text file is not an image")
{
    Fixture f;
    const Error e = f.refused(
        f.file(QStringLiteral("relatorio.jpg"), QByteArrayLiteral("Relat\xC3\xB3rio de a\xC3\xA7\xC3\xB5"
                                                                  "es\r\nlinha 2\r\n")),
        "not_an_image");
    CHECK(e.message.contains(QLatin1String("JPEG")));
    f.refused(f.file(QStringLiteral("doc.png"), QByteArrayLiteral("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj")),
              "not_an_image");
}

TEST_CASE("A zero-byte file is refused as empty")
{
    Fixture f;
    f.refused(f.file(QStringLiteral("vazia.jpg"), QByteArray()), "empty_file");
    CHECK(f.pipeline.importBytes({}, QStringLiteral("vazia.jpg")).error().code ==
          QLatin1String("empty_file"));
}

TEST_CASE("HEIC, HEIF and AVIF files are refused with how to export as JPEG")
{
    Fixture f;
    for (const char *brand : {"heic", "heix", "mif1", "msf1", "avif"}) {
        const QString name = QStringLiteral("IMG_0001.") + QLatin1String(brand);
        const Error e = f.refused(f.file(name, isoBmffImage(brand)), "unsupported_format");
        CHECK(e.message.contains(QLatin1String("JPEG")));
        CHECK(e.message.contains(QLatin1String("Most Compatible")));
    }
    // an HEIC saved with a .jpg name is still recognised by its content
    f.refused(f.file(QStringLiteral("IMG_0002.jpg"), isoBmffImage("heic")), "unsupported_format");
    // an MP4 video is not an image at all
    f.refused(f.file(QStringLiteral("video.jpg"), isoBmffImage("isom", "mp42")), "not_an_image");
}

TEST_CASE("A 200 MB file is refused by its size, before decoding")
{
    Fixture f;
    const QString path = f.dir.filePath(QStringLiteral("enorme.jpg"));
    {
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        REQUIRE(file.write(jpegOf(markedImage(64, 64))) > 0);
        REQUIRE(file.resize(200LL * 1024 * 1024)); // sparse: fast, no disk used
    }
    const Error e = f.refused(path, "file_too_large");
    INFO(e.message.toStdString());
    CHECK(e.message.contains(QLocale().toString(200.0, 'f', 1)));

    // the same limit applies to bytes handed over directly
    PhotoLimits tight;
    tight.maxFileBytes = 1000;
    const PhotoPipeline small(f.blobs, tight);
    CHECK(small.importBytes(QByteArray(1001, '\xFF'), QStringLiteral("x.jpg")).error().code ==
          QLatin1String("file_too_large"));
}

TEST_CASE("Absurd dimensions in the header are refused before decoding")
{
    Fixture f;
    PhotoLimits limits;
    limits.maxPixels = 100 * 100;
    const PhotoPipeline pipeline(f.blobs, limits);
    const auto result = pipeline.importBytes(jpegOf(markedImage(200, 100)), QStringLiteral("big.jpg"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == QLatin1String("image_too_large"));
    CHECK(f.storedFiles().isEmpty());
}

TEST_CASE("A missing file is reported as unreadable")
{
    Fixture f;
    const auto result = f.pipeline.importFile(f.dir.filePath(QStringLiteral("sumiu.jpg")));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == QLatin1String("unreadable"));
    CHECK(result.error().message.contains(QLatin1String("sumiu.jpg")));
    CHECK(f.pipeline.importFile(f.dir.path()).error().code == QLatin1String("unreadable"));
}

TEST_CASE("A cancelled import stores nothing")
{
    Fixture f;
    const std::atomic<bool> cancel{true};
    const auto result = f.pipeline.importBytes(jpegOf(markedImage(64, 64)), QStringLiteral("c.jpg"), &cancel);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == QLatin1String("cancelled"));
    CHECK(f.storedFiles().isEmpty());
}

TEST_CASE("A PNG with transparency gets a white background")
{
    Fixture f;
    QImage png(100, 80, QImage::Format_ARGB32);
    png.fill(Qt::transparent);
    for (int y = 20; y < 60; ++y)
        for (int x = 30; x < 70; ++x)
            png.setPixel(x, y, qRgba(20, 40, 220, 255));
    for (int y = 0; y < 10; ++y) // half-transparent black strip → mid grey
        for (int x = 0; x < 100; ++x)
            png.setPixel(x, y, qRgba(0, 0, 0, 128));

    const auto result = f.pipeline.importBytes(encode(png, "png"), QStringLiteral("logo.png"));
    REQUIRE(result.ok());
    const QImage img = f.stored(result.value());
    REQUIRE(img.size() == QSize(100, 80));
    const QColor corner = meanColor(img, 10, 70, 6);
    CHECK(corner.red() > 240);
    CHECK(corner.green() > 240);
    CHECK(corner.blue() > 240);
    const QColor centre = meanColor(img, 50, 40, 10);
    CHECK(centre.blue() > 180);
    CHECK(centre.red() < 60);
    const QColor strip = meanColor(img, 50, 4, 4);
    CHECK(strip.red() > 100);
    CHECK(strip.red() < 150);
}

TEST_CASE("The same photo imported twice gives the same content address and one blob")
{
    Fixture f;
    const QByteArray jpeg = withExif(jpegOf(markedImage(900, 700)), ExifSpec{6});
    const auto a = f.pipeline.importFile(f.file(QStringLiteral("a.jpg"), jpeg));
    const auto b = f.pipeline.importFile(f.file(QStringLiteral("copia de a.jpg"), jpeg));
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->sha256 == b->sha256);
    CHECK(a->sha256 == BlobStore::sha256Hex(f.blobs.read(a->sha256).value()));
    CHECK(b->sourcePath.endsWith(QLatin1String("copia de a.jpg")));
    CHECK(f.storedFiles().size() == 1);
}

TEST_CASE("Thumbnails are generated, cached and regenerated when missing")
{
    Fixture f;
    const auto photo = f.pipeline.importBytes(jpegOf(markedImage(2000, 1500, 300)), QStringLiteral("t.jpg"));
    REQUIRE(photo.ok());
    const QString cached = f.pipeline.thumbnailPath(photo->sha256);
    CHECK(cached ==
          QDir::cleanPath(f.thumbsDir() + QLatin1Char('/') + photo->sha256 + QStringLiteral(".jpg")));
    CHECK(QFileInfo::exists(cached)); // written at import

    QImage thumb = f.pipeline.thumbnail(photo->sha256);
    CHECK(thumb.size() == QSize(320, 240));
    CHECK(isReddish(meanColor(thumb, 15, 15, 8)));

    REQUIRE(QFile::remove(cached));
    thumb = f.pipeline.thumbnail(photo->sha256);
    CHECK(thumb.size() == QSize(320, 240));
    CHECK(QFileInfo::exists(cached));
    CHECK(QImage(cached).size() == QSize(320, 240));

    // a damaged cache file is replaced
    REQUIRE(writeFile(cached, QByteArrayLiteral("lixo")));
    CHECK(f.pipeline.thumbnail(photo->sha256).size() == QSize(320, 240));
    CHECK(QImage(cached).size() == QSize(320, 240));

    CHECK(f.pipeline.thumbnail(QString(64, QLatin1Char('a'))).isNull());
    CHECK(f.pipeline.thumbnail(QStringLiteral("../../etc/passwd")).isNull());
    // no temporary files left behind
    CHECK(QDir(f.thumbsDir()).entryList(QDir::Files | QDir::Hidden).size() == 1);
}
