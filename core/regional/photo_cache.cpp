#include "core/regional/photo_cache.h"

#include "core/services/blob_store.h"

#include <QFileInfo>

#include <algorithm>

namespace mobiliza::core {

Result<PhotoCacheTrim> trimPhotoCache(BlobStore &blobs, qint64 boundBytes, const QSet<QString> &keep)
{
    struct Entry
    {
        QString sha;
        qint64 bytes = 0;
        QDateTime at;
    };
    QList<Entry> entries;
    PhotoCacheTrim trim;
    for (const QString &sha : blobs.list()) {
        const QFileInfo info(blobs.path(sha));
        entries << Entry{sha, info.size(), info.lastModified()};
        trim.keptBytes += info.size();
    }
    if (trim.keptBytes <= boundBytes)
        return trim;
    std::sort(entries.begin(), entries.end(),
              [](const Entry &a, const Entry &b) { return a.at != b.at ? a.at < b.at : a.sha < b.sha; });
    for (const Entry &e : std::as_const(entries)) {
        if (trim.keptBytes <= boundBytes)
            break;
        if (keep.contains(e.sha))
            continue;
        if (Status s = blobs.remove(e.sha); !s)
            return s.error();
        ++trim.removed;
        trim.freedBytes += e.bytes;
        trim.keptBytes -= e.bytes;
    }
    return trim;
}

} // namespace mobiliza::core
