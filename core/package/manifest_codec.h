// The manifest codec: the exact inverse of ReportService::manifest().
//
// A locked revision travels as its manifest (deterministic JSON, see
// ReportService::manifest). Whoever receives one — the package importer here,
// the hub later — decodes it with this codec, which is strict and safe on
// hostile input: wrong types, unknown keys, bad UUIDs or SHA-256, oversized
// arrays or text, and anything that would not encode back to the very same
// bytes are refused with Error "invalid_manifest" (pt-BR message), never a
// crash. The codec uses no service and no store.
#pragma once

#include "core/domain/types.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>

namespace mobiliza::core {

// Limits of one manifest (a monthly report has a few dozen actions).
struct ManifestLimits
{
    static constexpr qsizetype kMaxBytes = 16 * 1024 * 1024;
    static constexpr int kMaxActions = 1000;
    static constexpr int kMaxPhotosPerAction = 200;
    static constexpr int kMaxPhotos = 4000;
    static constexpr int kMaxPartnersPerAction = 500;
    static constexpr int kMaxValueKeys = 500;
    static constexpr qsizetype kMaxTextLength = 100000; // characters of one text field
    static constexpr int kMaxRevision = 100000;
    static constexpr int kMaxImageSide = 100000; // width / height in pixels
    static constexpr qint64 kMaxPhotoBytes = 60LL * 1024 * 1024;
};

struct DecodedManifest
{
    Report report;         // state Ready; positions from the order; no timestamps
    QDateTime concludedAt; // UTC
};

// The manifest schema written by ReportService::manifest().
QString manifestSchema(); // "mobiliza.report-revision/1"

// Decodes and checks a manifest; succeeds only when
// ReportService::manifest(result.report, result.concludedAt) == json.
Result<DecodedManifest> decodeManifest(const QByteArray &json);
Result<Report> reportFromManifest(const QByteArray &json);

// The distinct photo SHA-256 of a report, in photo order (Foto 1…N).
QStringList manifestBlobs(const Report &report);
// The number of photos (Foto 1…N), counting a repeated blob each time.
int manifestPhotoCount(const Report &report);

// Lower-case UUID without braces, as newUuid() makes them.
bool isCanonicalUuid(const QString &text);

} // namespace mobiliza::core
