// Byte-level checks: format sniffing, JPEG structure, the EXIF reader's bounds.
#include <catch2/catch.hpp>

#include "tests/support/catch_qt.h"

#include "core/photos/image_inspect.h"
#include "tests/core/photos/image_factory.h"

#include <QBuffer>
#include <QImageWriter>
#include <QRandomGenerator>

using namespace mobiliza::core::photos;
using namespace mobiliza::test;

TEST_CASE("Formats are recognised by their magic bytes")
{
    const QImage img = markedImage(16, 16);
    CHECK(sniffFormat(encode(img, "jpeg")) == SniffedFormat::Jpeg);
    CHECK(sniffFormat(encode(img, "png")) == SniffedFormat::Png);
    CHECK(sniffFormat(QByteArrayLiteral("GIF89a\x10\0\x10\0")) == SniffedFormat::Gif);
    CHECK(sniffFormat(encode(img, "webp")) == SniffedFormat::WebP);
    CHECK(sniffFormat(encode(img, "tiff")) == SniffedFormat::Tiff);
    CHECK(sniffFormat(encode(img, "bmp")) == SniffedFormat::Bmp);
    CHECK(sniffFormat(isoBmffImage("heic")) == SniffedFormat::HeifFamily);
    CHECK(sniffFormat(isoBmffImage("avif")) == SniffedFormat::HeifFamily);
    CHECK(sniffFormat(isoBmffImage("isom", "avif")) == SniffedFormat::HeifFamily);
    CHECK(sniffFormat(isoBmffImage("isom", "mp42")) == SniffedFormat::Unknown);
    CHECK(sniffFormat(QByteArrayLiteral("BMW 320i: relatorio")) == SniffedFormat::Unknown);
    CHECK(sniffFormat(QByteArrayLiteral("<svg xmlns=")) == SniffedFormat::Unknown);
    CHECK(sniffFormat(QByteArrayLiteral("8BPS\0\1")) == SniffedFormat::OtherImage);
    CHECK(sniffFormat(QByteArray()) == SniffedFormat::Unknown);
}

TEST_CASE("The JPEG scan finds the end marker and the Exif segment")
{
    const QByteArray plain = encode(markedImage(120, 90), "jpeg");
    CHECK(scanJpeg(plain).wellFormed);
    CHECK(scanJpeg(plain).exifOffset == -1);
    const QByteArray tagged = withExif(plain, ExifSpec{3});
    const JpegLayout layout = scanJpeg(tagged);
    CHECK(layout.wellFormed);
    REQUIRE(layout.exifOffset > 0);
    CHECK(tagged.mid(layout.exifOffset, 4) == QByteArrayLiteral("II*\0"));
    CHECK(readJpegExif(tagged).orientation == 3);
    for (qsizetype cut = 2; cut < plain.size(); cut += 37)
        CHECK_FALSE(scanJpeg(plain.left(cut)).wellFormed);
}

TEST_CASE("Progressive JPEGs (several scans) are scanned to their end")
{
    QByteArray progressive;
    QBuffer buffer(&progressive);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setProgressiveScanWrite(true);
    REQUIRE(writer.write(noisyPhoto(300, 200, 5)));
    buffer.close();
    int scans = 0;
    for (qsizetype i = 0; i + 1 < progressive.size(); ++i)
        if (uchar(progressive[i]) == 0xFF && uchar(progressive[i + 1]) == 0xDA)
            ++scans;
    REQUIRE(scans > 1);
    CHECK(scanJpeg(progressive).wellFormed);
    CHECK_FALSE(scanJpeg(progressive.left(progressive.size() * 2 / 3)).wellFormed);
}

TEST_CASE("The EXIF reader never reads outside the block")
{
    const QByteArray good = exifTiff(ExifSpec{6, QByteArrayLiteral("2022:12:01 08:00:00"), true});
    const ExifInfo info = parseExif(good);
    CHECK(info.orientation == 6);
    CHECK(info.hasGps);
    CHECK(info.dateTimeOriginal == QDate(2022, 12, 1));

    // Every truncation and thousands of random corruptions: no crash (ASan/valgrind
    // catch out-of-bounds reads), and a cut before the date never invents one.
    for (qsizetype cut = 0; cut < good.size(); ++cut) {
        const ExifInfo partial = parseExif(QByteArrayView(good).first(cut));
        CHECK((!partial.dateTimeOriginal.isValid() || partial.dateTimeOriginal == QDate(2022, 12, 1)));
    }
    QRandomGenerator rng(42);
    for (int round = 0; round < 5000; ++round) {
        QByteArray bad = good;
        for (int k = 0; k < 4; ++k)
            bad[rng.bounded(int(bad.size()))] = char(rng.bounded(256));
        const ExifInfo r = parseExif(bad);
        CHECK((r.orientation >= 0 && r.orientation <= 8));
    }
}

TEST_CASE("A PNG is complete only with its IEND chunk")
{
    const QByteArray png = encode(markedImage(50, 50), "png");
    CHECK(pngComplete(png));
    CHECK(pngComplete(QByteArray(png + QByteArrayLiteral("trailing"))));
    CHECK_FALSE(pngComplete(png.left(png.size() - 4)));
    CHECK_FALSE(pngComplete(png.left(40)));
}
