// Thumbnails of stored photos, kept in memory once loaded. A thumbnail already in
// the on-disk cache (a small JPEG) is read at once; one that must be made from the
// photo is generated off the UI thread (PhotoPipeline::thumbnail).
#pragma once

#include "core/photos/photo_pipeline.h"

#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QThreadPool>

namespace mobiliza::ui {

class ThumbnailLoader : public QObject
{
    Q_OBJECT

public:
    explicit ThumbnailLoader(core::BlobStore &blobs, QObject *parent = nullptr);
    ~ThumbnailLoader() override; // waits for the decodes in progress

    // The thumbnail when loaded; otherwise a null pixmap and a load is started
    // (ready() follows on this object's thread).
    QPixmap thumbnail(const QString &sha256);
    bool waitForIdle(int msecs = 5000) { return m_pool.waitForDone(msecs); }

Q_SIGNALS:
    void ready(const QString &sha256);

private:
    core::PhotoPipeline m_pipeline;
    QHash<QString, QPixmap> m_cache;
    QSet<QString> m_loading;
    QThreadPool m_pool; // last: joined first
};

} // namespace mobiliza::ui
