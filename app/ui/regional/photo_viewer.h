// The photos of a report under review, large: one at a time with "Foto N de M",
// previous / next (buttons, ← →, Page Up / Page Down), zoom (wheel, + / −, 0 fits
// again; drag to move a zoomed photo), the caption, date, author and the LGPD
// flags. Photos are decoded off the UI thread (PhotoImageLoader); the neighbours
// are decoded ahead so "next" is instant. A photo whose file has not been
// downloaded yet shows a placeholder that says to synchronize.
#pragma once

#include "app/ui/regional/report_text.h"

#include <QHash>
#include <QImage>
#include <QPixmap>
#include <QObject>
#include <QSet>
#include <QThreadPool>
#include <QWidget>

class QLabel;
class QPushButton;
class QToolButton;

namespace mobiliza::core {
class BlobStore;
}

namespace mobiliza::ui {

// Decodes stored photos on a worker thread; keeps the last few in memory.
class PhotoImageLoader : public QObject
{
    Q_OBJECT

public:
    explicit PhotoImageLoader(QObject *parent = nullptr);
    ~PhotoImageLoader() override; // waits for the decodes in progress

    // The decoded image when cached; otherwise a null image and a decode starts (loaded() follows).
    QImage image(const QString &sha256, const QString &path);
    void prefetch(const QString &sha256, const QString &path) { image(sha256, path); }
    bool waitForIdle(int msecs = 5000) { return m_pool.waitForDone(msecs); }
    QString failure(const QString &sha256) const { return m_failed.value(sha256); } // why it could not be read

    static constexpr int kMaxSide = 2400; // larger photos are decoded reduced (the screen is smaller)

Q_SIGNALS:
    void loaded(const QString &sha256);

private:
    QHash<QString, QImage> m_cache;
    QStringList m_recent; // least recently used first
    QHash<QString, QString> m_failed; // sha → why
    QSet<QString> m_loading;
    QThreadPool m_pool; // last: joined first
};

// Paints one image fitted to the widget, or zoomed around its centre.
class PhotoCanvas : public QWidget
{
    Q_OBJECT

public:
    explicit PhotoCanvas(QWidget *parent = nullptr);
    void setImage(const QImage &image);
    void setMessage(const QString &text); // no image: a centred message
    bool hasImage() const { return !m_image.isNull(); }
    QString message() const { return m_message; }
    double zoom() const { return m_zoom; } // 1 = fitted
    void setZoom(double zoom);
    // Shown scale against the photo's pixels (1.0 = 100 %).
    double pixelScale() const;

Q_SIGNALS:
    void zoomChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    double fitScale() const;
    void clampOffset();

    QImage m_image;
    QPixmap m_pixmap;
    QString m_message;
    double m_zoom = 1.0;
    QPointF m_offset; // pan, in widget pixels
    QPoint m_dragFrom;
    bool m_dragging = false;
};

class PhotoViewer : public QWidget
{
    Q_OBJECT

public:
    PhotoViewer(core::BlobStore &blobs, bool lgpdFlags, QWidget *parent = nullptr);

    void setPhotos(const QList<regional::ReportPhoto> &photos);
    int count() const { return int(m_photos.size()); }
    int current() const { return m_current; }
    void showPhoto(int index);
    void next() { showPhoto(m_current + 1); }
    void previous() { showPhoto(m_current - 1); }
    void zoomIn();
    void zoomOut();
    void fit();

    PhotoCanvas *canvas() const { return m_canvas; }
    QLabel *positionLabel() const { return m_position; }
    QLabel *captionLabel() const { return m_caption; }
    QLabel *flagsLabel() const { return m_flags; }
    QPushButton *nextButton() const { return m_next; }
    QPushButton *previousButton() const { return m_previous; }
    QToolButton *zoomInButton() const { return m_zoomIn; }
    QToolButton *zoomOutButton() const { return m_zoomOut; }
    QLabel *zoomLabel() const { return m_zoomText; }
    PhotoImageLoader *loader() const { return m_loader; }

Q_SIGNALS:
    void currentChanged(int index);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void refreshImage();
    void updateZoomText();

    core::BlobStore &m_blobs;
    bool m_lgpdFlags = true;
    QList<regional::ReportPhoto> m_photos;
    int m_current = -1;
    PhotoImageLoader *m_loader = nullptr;
    PhotoCanvas *m_canvas = nullptr;
    QPushButton *m_previous = nullptr;
    QPushButton *m_next = nullptr;
    QLabel *m_position = nullptr;
    QToolButton *m_zoomOut = nullptr;
    QToolButton *m_zoomIn = nullptr;
    QToolButton *m_fit = nullptr;
    QLabel *m_zoomText = nullptr;
    QLabel *m_caption = nullptr;
    QLabel *m_meta = nullptr;
    QLabel *m_flags = nullptr;
};

} // namespace mobiliza::ui
