// The photo pipeline: turns a user's image file into the stored proof photo.
//
//   file size check → format sniffed from the magic bytes (HEIC/AVIF refused with
//   how to export as JPEG) → structure check (truncated JPEG/PNG refused) →
//   header size check → QImageReader with EXIF orientation and a reduced-size
//   decode → alpha composited onto white → ≤ maxSide px, JPEG q80 (EXIF/GPS
//   dropped) → SHA-256 → BlobStore (temp file + rename) → thumbnail cache.
//
// Every failure is an Error with a stable code and a pt-BR message naming the
// file and saying what to do; nothing is stored on failure. The pipeline holds
// no mutable state: one instance can be used from several threads at once.
//
// Error codes: file_too_large, empty_file, unsupported_format, not_an_image,
// corrupt_image, image_too_large, unreadable, encode_failed, cancelled, and the
// BlobStore's io.
#pragma once

#include "core/services/blob_store.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QDate>
#include <QImage>
#include <QMetaType>
#include <QString>

#include <atomic>

namespace mobiliza::core {

struct PhotoLimits
{
    qint64 maxFileBytes = 50LL * 1024 * 1024; // refused before decoding, by file size
    int maxSide = 1600;                       // longest side of the stored JPEG
    int jpegQuality = 80;
    int thumbnailSide = 320;
    qint64 maxPixels = 200'000'000; // absurd dimensions (from the header) refused before decoding
};

struct ImportedPhoto
{
    QString sourcePath;        // the user's file (for messages), or the name given to importBytes
    QString sha256;            // content address of the reduced JPEG, stored in the BlobStore
    int width = 0, height = 0; // of the stored JPEG (after orientation)
    qint64 bytes = 0;          // of the stored JPEG
    QDate takenOn;             // EXIF DateTimeOriginal when present, else invalid
};

class PhotoPipeline
{
public:
    explicit PhotoPipeline(BlobStore &blobs, PhotoLimits limits = {});

    Result<ImportedPhoto> importFile(const QString &path, const std::atomic<bool> *cancel = nullptr) const;
    Result<ImportedPhoto> importBytes(const QByteArray &data, const QString &nameForMessages,
                                      const std::atomic<bool> *cancel = nullptr) const;

    // Thumbnail of a stored photo (longest side limits().thumbnailSide), cached as
    // <blob dir>/../thumbs/<sha>.jpg (written temp + rename); regenerated if missing
    // or unreadable. Null image when the photo is not in the store.
    QImage thumbnail(const QString &sha256) const;
    QString thumbnailPath(const QString &sha256) const; // empty for a malformed hash

    const PhotoLimits &limits() const { return m_limits; }

private:
    bool writeThumbnail(const QString &sha256, const QImage &image) const;

    BlobStore &m_blobs;
    PhotoLimits m_limits;
};

} // namespace mobiliza::core

Q_DECLARE_METATYPE(mobiliza::core::ImportedPhoto)
// Other headers may declare the same: the guard keeps one specialization.
#ifndef MOBILIZA_ERROR_METATYPE_DECLARED
#define MOBILIZA_ERROR_METATYPE_DECLARED
Q_DECLARE_METATYPE(mobiliza::core::Error)
#endif
