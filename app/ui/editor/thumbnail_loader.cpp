#include "app/ui/editor/thumbnail_loader.h"

#include <QFileInfo>
#include <QImage>
#include <QMetaObject>

namespace mobiliza::ui {

ThumbnailLoader::ThumbnailLoader(core::BlobStore &blobs, QObject *parent) : QObject(parent), m_pipeline(blobs)
{
    m_pool.setMaxThreadCount(1); // the UI keeps the other core
}

ThumbnailLoader::~ThumbnailLoader()
{
    m_pool.clear();
    m_pool.waitForDone();
}

QPixmap ThumbnailLoader::thumbnail(const QString &sha256)
{
    const auto it = m_cache.constFind(sha256);
    if (it != m_cache.constEnd())
        return *it;
    // Already in the on-disk cache: a small JPEG, read at once (no flicker on reopening).
    if (const QString path = m_pipeline.thumbnailPath(sha256); !path.isEmpty() && QFileInfo::exists(path)) {
        const QImage image(path);
        if (!image.isNull()) {
            const QPixmap pixmap = QPixmap::fromImage(image);
            m_cache.insert(sha256, pixmap);
            return pixmap;
        }
    }
    if (!m_loading.contains(sha256)) {
        m_loading.insert(sha256);
        m_pool.start([this, sha256] {
            const QImage image = m_pipeline.thumbnail(sha256);
            QMetaObject::invokeMethod(
                this,
                [this, sha256, image] {
                    m_loading.remove(sha256);
                    // QPixmap only on the GUI thread.
                    m_cache.insert(sha256, image.isNull() ? QPixmap() : QPixmap::fromImage(image));
                    Q_EMIT ready(sha256);
                },
                Qt::QueuedConnection);
        });
    }
    return {};
}

} // namespace mobiliza::ui
