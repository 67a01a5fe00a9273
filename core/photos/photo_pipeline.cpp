#include "core/photos/photo_pipeline.h"

#include "core/photos/image_inspect.h"

#include <QBuffer>
#include <QColorSpace>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QLocale>
#include <QSaveFile>

#include <cstring>

namespace mobiliza::core {

using photos::SniffedFormat;

namespace {

QString displayName(const QString &name)
{
    const QString file = QFileInfo(name).fileName();
    return file.isEmpty() ? name : file;
}

Error failure(const char *code, const QString &message)
{
    return Error{QString::fromLatin1(code), message};
}

bool isCancelled(const std::atomic<bool> *cancel)
{
    return cancel && cancel->load(std::memory_order_relaxed);
}

Error cancelledError(const QString &name)
{
    return failure("cancelled",
                   QCoreApplication::translate(
                       "PhotoPipeline", "The import of \"%1\" was cancelled. Add the photo again if you "
                                        "still want it.")
                       .arg(displayName(name)));
}

Error corruptError(const QString &name)
{
    return failure("corrupt_image",
                   QCoreApplication::translate(
                       "PhotoPipeline",
                       "The photo \"%1\" is damaged or incomplete (it may have been cut off while "
                       "being copied or downloaded). Copy it again from the camera or phone, check "
                       "that it opens in an image viewer, then add it again.")
                       .arg(displayName(name)));
}

Error unreadableError(const QString &name, const QString &detail)
{
    return failure("unreadable",
                   QCoreApplication::translate("PhotoPipeline",
                                               "The file \"%1\" could not be read (%2). Check that it still "
                                               "exists and that you are allowed to open it, then try again.")
                       .arg(displayName(name), detail));
}

QString megabytes(qint64 bytes)
{
    return QLocale().toString(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}

Error fileTooLarge(const QString &name, qint64 size, qint64 limit)
{
    return failure("file_too_large",
                   QCoreApplication::translate(
                       "PhotoPipeline",
                       "The file \"%1\" is too large (%2 MB; the limit is %3 MB). Send the photo "
                       "from the phone at a smaller size, or save a copy as JPEG, then add it again.")
                       .arg(displayName(name), megabytes(size), megabytes(limit)));
}

// Largest size with the same proportions whose longest side is at most maxSide;
// never larger than `size`.
QSize fitWithin(QSize size, int maxSide)
{
    const int longest = qMax(size.width(), size.height());
    if (longest <= maxSide || longest <= 0)
        return size;
    const double scale = double(maxSide) / double(longest);
    return QSize(qMax(1, qRound(size.width() * scale)), qMax(1, qRound(size.height() * scale)));
}

// Opaque RGB32 in sRGB without colour profile or text: alpha is composited onto
// white (a transparent PNG would otherwise turn black in the JPEG).
QImage toOpaqueSrgb(QImage image)
{
    const QColorSpace cs = image.colorSpace();
    if (cs.isValid() && cs != QColorSpace(QColorSpace::SRgb) && image.format() != QImage::Format_Grayscale8 &&
        image.format() != QImage::Format_Grayscale16 && image.format() != QImage::Format_Indexed8)
        image.convertToColorSpace(QColorSpace(QColorSpace::SRgb));

    QImage out(image.size(), QImage::Format_RGB32); // fresh: no text keys, no profile
    if (image.hasAlphaChannel()) {
        // premultiplied source over white: c' = c·a + 255·(1 − a) = c_premul + 255 − a
        const QImage src = image.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        for (int y = 0; y < src.height(); ++y) {
            const auto *in = reinterpret_cast<const QRgb *>(src.constScanLine(y));
            auto *line = reinterpret_cast<QRgb *>(out.scanLine(y));
            for (int x = 0; x < src.width(); ++x) {
                const QRgb p = in[x];
                const int white = 255 - qAlpha(p);
                line[x] = qRgb(qMin(255, qRed(p) + white), qMin(255, qGreen(p) + white),
                               qMin(255, qBlue(p) + white));
            }
        }
    } else {
        const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
        for (int y = 0; y < rgb.height(); ++y)
            std::memcpy(out.scanLine(y), rgb.constScanLine(y), size_t(rgb.width()) * 4);
    }
    return out;
}

QByteArray encodeJpeg(const QImage &image, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(quality);
    // Huffman tables fitted to the photo (libjpeg's optimize_coding): the same pixels,
    // 18 % fewer bytes for a 1600 px camera photo, ~5 ms more to encode
    // (build/bench/photos/bench_photo_quality with MOBILIZA_BENCH_ENCODINGS=1).
    writer.setOptimizedWrite(true);
    if (!writer.write(image))
        return {};
    buffer.close();
    return bytes;
}

} // namespace

PhotoPipeline::PhotoPipeline(BlobStore &blobs, PhotoLimits limits) : m_blobs(blobs), m_limits(limits) {}

Result<ImportedPhoto> PhotoPipeline::importFile(const QString &path, const std::atomic<bool> *cancel) const
{
    if (isCancelled(cancel))
        return cancelledError(path);
    const QFileInfo info(path);
    if (!info.exists())
        return failure("unreadable",
                       QCoreApplication::translate(
                           "PhotoPipeline", "The file \"%1\" was not found. Check that it was not moved, "
                                            "renamed or deleted, then add it again.")
                           .arg(displayName(path)));
    if (!info.isFile())
        return unreadableError(path,
                               QCoreApplication::translate("PhotoPipeline", "it is a folder, not a file"));
    if (info.size() > m_limits.maxFileBytes)
        return fileTooLarge(path, info.size(), m_limits.maxFileBytes);

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return unreadableError(path, file.errorString());
    // Never more than the limit, even if the file grew since the check above.
    const QByteArray data = file.read(m_limits.maxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return unreadableError(path, file.errorString());
    return importBytes(data, path, cancel);
}

Result<ImportedPhoto> PhotoPipeline::importBytes(const QByteArray &data, const QString &name,
                                                 const std::atomic<bool> *cancel) const
{
    if (isCancelled(cancel))
        return cancelledError(name);
    if (data.size() > m_limits.maxFileBytes)
        return fileTooLarge(name, data.size(), m_limits.maxFileBytes);
    if (data.isEmpty())
        return failure("empty_file",
                       QCoreApplication::translate("PhotoPipeline",
                                                   "The file \"%1\" is empty (0 bytes): the photo was not "
                                                   "copied. Copy it again from the camera or phone, then add "
                                                   "it again.")
                           .arg(displayName(name)));

    // 1. What the bytes are, whatever the file name says.
    const SniffedFormat format =
        photos::sniffFormat(QByteArrayView(data).first(qMin<qsizetype>(data.size(), 256)));
    switch (format) {
    case SniffedFormat::HeifFamily:
        return failure(
            "unsupported_format",
            QCoreApplication::translate(
                "PhotoPipeline",
                "The photo \"%1\" is in HEIC/HEIF or AVIF format, which this program cannot read. "
                "Convert it to JPEG and add it again: on the iPhone, share the photo and choose to "
                "save or send it as JPEG (and, for the next photos, set Settings > Camera > Formats "
                "> \"Most Compatible\"); on the computer, open the photo and save a copy as JPEG.")
                .arg(displayName(name)));
    case SniffedFormat::OtherImage:
        return failure("unsupported_format",
                       QCoreApplication::translate(
                           "PhotoPipeline",
                           "The image \"%1\" is in a format this program cannot read (such as JPEG "
                           "XL, JPEG 2000 or Photoshop). Open it in an image program, save a copy "
                           "as JPEG, then add the copy.")
                           .arg(displayName(name)));
    case SniffedFormat::Unknown:
        return failure("not_an_image",
                       QCoreApplication::translate(
                           "PhotoPipeline",
                           "The file \"%1\" is not a photo: its content is not an image, whatever "
                           "its name says. Choose a photo in JPEG or PNG format.")
                           .arg(displayName(name)));
    default:
        break;
    }

    // 2. Truncation, which decoders tend to paper over with grey pixels.
    photos::ExifInfo exif;
    if (format == SniffedFormat::Jpeg) {
        const photos::JpegLayout layout = photos::scanJpeg(data);
        if (!layout.wellFormed)
            return corruptError(name);
        if (layout.exifOffset >= 0)
            exif = photos::parseExif(QByteArrayView(data).sliced(layout.exifOffset, layout.exifSize));
    } else if (format == SniffedFormat::Png) {
        if (!photos::pngComplete(data))
            return corruptError(name);
    } else if (format == SniffedFormat::Tiff) {
        exif = photos::parseExif(data);
    }
    if (isCancelled(cancel))
        return cancelledError(name);

    // 3. Header: dimensions checked before any pixel is decoded.
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, photos::qtFormatName(format));
    reader.setDecideFormatFromContent(false);
    reader.setAutoTransform(true);
    const QSize raw = reader.size();
    if (!raw.isValid() || raw.isEmpty())
        return corruptError(name);
    const qint64 pixels = qint64(raw.width()) * raw.height();
    const QString tooLarge =
        QCoreApplication::translate(
            "PhotoPipeline",
            "The image \"%1\" is too large to process (%2 × %3 pixels). Save a smaller copy as "
            "JPEG (for example, at most 8000 pixels on the longest side), then add the copy.")
            .arg(displayName(name))
            .arg(raw.width())
            .arg(raw.height());
    if (pixels > m_limits.maxPixels)
        return failure("image_too_large", tooLarge);

    // JPEG and WebP decode straight at the reduced size (the DCT scaling of an
    // 8000×6000 JPEG needs a fraction of the memory). The scaled size applies
    // before the EXIF rotation, so it is computed on the stored (raw) size;
    // the longest side is the same either way.
    const bool scaledDecode = (format == SniffedFormat::Jpeg || format == SniffedFormat::WebP) &&
                              reader.supportsOption(QImageIOHandler::ScaledSize);
    const QSize target = fitWithin(raw, m_limits.maxSide);
    if (scaledDecode) {
        if (target != raw)
            reader.setScaledSize(target);
    } else {
        const int limitMb = QImageReader::allocationLimit();
        if (limitMb > 0 && pixels * 4 > qint64(limitMb) * 1024 * 1024)
            return failure("image_too_large", tooLarge);
    }

    // 4. Decode.
    QImage image;
    if (!reader.read(&image) || image.isNull()) {
        if (reader.error() == QImageReader::UnsupportedFormatError)
            return failure(
                "unsupported_format",
                QCoreApplication::translate("PhotoPipeline",
                                            "The image \"%1\" uses a variant of its format that this program "
                                            "cannot read. Open it in an image program, save a copy as JPEG, "
                                            "then add the copy.")
                    .arg(displayName(name)));
        return corruptError(name);
    }
    if (isCancelled(cancel))
        return cancelledError(name);

    // 5. Reduce, flatten, encode.
    const QSize fitted = fitWithin(image.size(), m_limits.maxSide);
    if (fitted != image.size())
        image = image.scaled(fitted, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    image = toOpaqueSrgb(std::move(image));
    const QByteArray jpeg = encodeJpeg(image, m_limits.jpegQuality);
    if (jpeg.isEmpty())
        return failure("encode_failed",
                       QCoreApplication::translate(
                           "PhotoPipeline",
                           "The photo \"%1\" could not be converted to JPEG. Open it in an image "
                           "program, save a copy as JPEG, then add the copy.")
                           .arg(displayName(name)));
    if (isCancelled(cancel))
        return cancelledError(name);

    // 6. Store (content addressed; BlobStore writes a temporary file and renames it).
    const Result<QString> stored = m_blobs.put(jpeg);
    if (!stored)
        return stored.error();

    ImportedPhoto photo;
    photo.sourcePath = name;
    photo.sha256 = stored.value();
    photo.width = image.width();
    photo.height = image.height();
    photo.bytes = jpeg.size();
    photo.takenOn = exif.dateTimeOriginal;

    // The thumbnail is a cache: a failure here is repaired by thumbnail().
    if (!QFileInfo::exists(thumbnailPath(photo.sha256)))
        writeThumbnail(photo.sha256, image);
    return photo;
}

QString PhotoPipeline::thumbnailPath(const QString &sha256) const
{
    if (!BlobStore::isValidSha256(sha256))
        return {};
    return QDir::cleanPath(m_blobs.dir() + QStringLiteral("/../thumbs/") + sha256 + QStringLiteral(".jpg"));
}

QImage PhotoPipeline::thumbnail(const QString &sha256) const
{
    const QString path = thumbnailPath(sha256);
    if (path.isEmpty())
        return {};
    if (QFileInfo::exists(path)) {
        QImageReader cached(path, "jpeg");
        QImage image = cached.read();
        if (!image.isNull())
            return image;
    }

    const Result<QByteArray> data = m_blobs.read(sha256);
    if (!data)
        return {};
    QBuffer buffer;
    buffer.setData(data.value());
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "jpeg");
    reader.setAutoTransform(true);
    const QSize raw = reader.size();
    if (raw.isValid()) {
        const QSize target = fitWithin(raw, m_limits.thumbnailSide);
        if (target != raw)
            reader.setScaledSize(target);
    }
    QImage image = reader.read();
    if (image.isNull())
        return {};
    const QSize fitted = fitWithin(image.size(), m_limits.thumbnailSide);
    if (fitted != image.size())
        image = image.scaled(fitted, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    writeThumbnail(sha256, image);
    return image;
}

bool PhotoPipeline::writeThumbnail(const QString &sha256, const QImage &image) const
{
    const QString path = thumbnailPath(sha256);
    if (path.isEmpty() || !QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QImage thumb = image;
    const QSize fitted = fitWithin(image.size(), m_limits.thumbnailSide);
    if (fitted != image.size())
        thumb = image.scaled(fitted, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const QByteArray bytes = encodeJpeg(thumb, 85);
    if (bytes.isEmpty())
        return false;
    QSaveFile file(path); // temporary file + rename on commit
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return false;
    return file.commit();
}

} // namespace mobiliza::core
