// Byte-level checks of image files done before any decoder sees them: the
// format from the magic bytes, the JPEG/PNG structure (truncation), and a small
// bounded EXIF reader. Every function only reads inside the given buffer.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDate>

namespace mobiliza::core::photos {

enum class SniffedFormat
{
    Unknown, // not an image we know (text, PDF, video…)
    Jpeg,
    Png,
    Gif,
    WebP,
    Tiff,
    Bmp,
    HeifFamily, // HEIC / HEIF / AVIF (ISO-BMFF image brands): not readable here
    OtherImage, // an image format Qt cannot read here (JPEG XL, PSD, JPEG 2000)
};

SniffedFormat sniffFormat(QByteArrayView head);
const char *qtFormatName(SniffedFormat format); // "jpeg", "png"… or nullptr

struct JpegLayout
{
    bool wellFormed = false; // markers chain from SOI to EOI
    bool hasEoi = false;
    qsizetype exifOffset = -1; // of the TIFF header inside the APP1 "Exif\0\0" segment
    qsizetype exifSize = 0;
};

// Walks the marker segments and entropy-coded data of a JPEG. Linear, bounded.
JpegLayout scanJpeg(QByteArrayView jpeg);

// True when the PNG ends with its IEND chunk (ignoring trailing bytes after it).
bool pngComplete(QByteArrayView png);

struct ExifInfo
{
    bool valid = false;  // a TIFF header was found and parsed
    int orientation = 0; // 1–8, 0 when absent
    bool hasGps = false; // a GPS IFD pointer is present
    QDate dateTimeOriginal;
};

// Parses a TIFF-structured EXIF block (starting at "II*\0" / "MM\0*").
ExifInfo parseExif(QByteArrayView tiff);
// Finds the Exif APP1 segment of a JPEG and parses it.
ExifInfo readJpegExif(QByteArrayView jpeg);

} // namespace mobiliza::core::photos
