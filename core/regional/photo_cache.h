// The central level's photos (issue 10): "photos on demand from the hub with a
// bounded local cache". A central installation never prefetches a month's photos
// (the state's month is gigabytes); it fetches those of the reports the
// coordinator opens (ReplicaService::want) and keeps at most a bound of them:
// past it, the photos fetched longest ago go first. A photo removed is fetched
// again when its report is opened again — nothing is lost, the hub keeps them.
#pragma once

#include "core/util/result.h"

#include <QSet>
#include <QString>

namespace mobiliza::core {

class BlobStore;

inline constexpr qint64 kCentralPhotoCacheBytes = qint64(2) * 1024 * 1024 * 1024; // 2 GiB

struct PhotoCacheTrim
{
    int removed = 0;
    qint64 freedBytes = 0;
    qint64 keptBytes = 0; // what the store holds after
};

// Removes photos, oldest file first (modification time: when it was fetched),
// until the store holds at most `boundBytes`; never one named in `keep`.
Result<PhotoCacheTrim> trimPhotoCache(BlobStore &blobs, qint64 boundBytes, const QSet<QString> &keep = {});

} // namespace mobiliza::core
