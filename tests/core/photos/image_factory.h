// Generators of test images, built in memory: JPEG/PNG bytes, hand-written EXIF
// (APP1) segments with orientation, DateTimeOriginal and a GPS IFD, noisy
// "camera-like" photos for the bench, and HEIF/AVIF headers.
#pragma once

#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QString>

namespace mobiliza::test {

// A gradient of the given size with a red square (side `marker`) at the top-left corner.
QImage markedImage(int width, int height, int marker = 40, QImage::Format format = QImage::Format_RGB32);

// A camera-like picture: smooth gradients, shapes and per-pixel noise, so that
// JPEG compression is as hard as on a real photo. Deterministic for a seed.
QImage noisyPhoto(int width, int height, quint32 seed = 1);

QByteArray encode(const QImage &image, const char *format, int quality = 92);

struct ExifSpec
{
    int orientation = 0;         // 0: no orientation tag
    QByteArray dateTimeOriginal; // "YYYY:MM:DD HH:MM:SS"; empty: no Exif IFD
    bool gps = false;            // add a GPS IFD (a position in Belo Horizonte)
    bool bigEndian = false;      // "MM" instead of "II"
};

// The TIFF structure of an EXIF block ("II*\0…").
QByteArray exifTiff(const ExifSpec &spec);
// The JPEG with an APP1 "Exif\0\0" segment inserted right after SOI.
QByteArray withExif(const QByteArray &jpeg, const ExifSpec &spec);

// The first bytes of an ISO-BMFF image file with the given major brand
// ("heic", "avif", "mif1"…) followed by some filler.
QByteArray isoBmffImage(const char *majorBrand, const char *compatibleBrand = "mif1");

bool writeFile(const QString &path, const QByteArray &bytes);
QByteArray readFile(const QString &path);

// Mean colour of a square of side `side` centred at (x, y).
QColor meanColor(const QImage &image, int x, int y, int side = 10);
// Rough colour classification used by the orientation tests.
bool isReddish(const QColor &c);

} // namespace mobiliza::test
