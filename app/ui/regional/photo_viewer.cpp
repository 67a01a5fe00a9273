#include "app/ui/regional/photo_viewer.h"

#include "core/outputs/output_format.h"
#include "core/services/blob_store.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QKeyEvent>
#include <QLabel>
#include <QMetaObject>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace mobiliza::ui {

namespace {

constexpr int kCacheSize = 6;
constexpr double kZoomStep = 1.25;
constexpr double kMaxPixelScale = 8.0;

QImage decode(const QString &path, QString *error)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && std::max(size.width(), size.height()) > PhotoImageLoader::kMaxSide)
        reader.setScaledSize(size.scaled(PhotoImageLoader::kMaxSide, PhotoImageLoader::kMaxSide, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull())
        *error = reader.errorString();
    return image;
}

} // namespace

// ------------------------------------------------------------------ loader

PhotoImageLoader::PhotoImageLoader(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1); // the UI keeps the other core
}

PhotoImageLoader::~PhotoImageLoader()
{
    m_pool.clear();
    m_pool.waitForDone();
}

QImage PhotoImageLoader::image(const QString &sha256, const QString &path)
{
    if (const auto it = m_cache.constFind(sha256); it != m_cache.constEnd()) {
        m_recent.removeAll(sha256);
        m_recent << sha256;
        return *it;
    }
    if (m_loading.contains(sha256) || m_failed.contains(sha256) || path.isEmpty())
        return {};
    m_loading.insert(sha256);
    m_pool.start([this, sha256, path] {
        QString error;
        const QImage image = decode(path, &error);
        QMetaObject::invokeMethod(
            this,
            [this, sha256, image, error] {
                m_loading.remove(sha256);
                if (image.isNull()) {
                    m_failed.insert(sha256, error);
                } else {
                    m_cache.insert(sha256, image);
                    m_recent.removeAll(sha256);
                    m_recent << sha256;
                    while (m_recent.size() > kCacheSize)
                        m_cache.remove(m_recent.takeFirst());
                }
                Q_EMIT loaded(sha256);
            },
            Qt::QueuedConnection);
    });
    return {};
}

// ------------------------------------------------------------------ canvas

PhotoCanvas::PhotoCanvas(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("photoCanvas"));
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(240, 180);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Photo"));
}

void PhotoCanvas::setImage(const QImage &image)
{
    m_image = image;
    m_pixmap = image.isNull() ? QPixmap() : QPixmap::fromImage(image);
    m_message.clear();
    m_zoom = 1.0;
    m_offset = {};
    Q_EMIT zoomChanged();
    update();
}

void PhotoCanvas::setMessage(const QString &text)
{
    m_image = {};
    m_pixmap = {};
    m_message = text;
    m_zoom = 1.0;
    m_offset = {};
    Q_EMIT zoomChanged();
    update();
}

double PhotoCanvas::fitScale() const
{
    if (m_image.isNull() || m_image.width() == 0 || m_image.height() == 0)
        return 1.0;
    return std::min(double(width() - 8) / m_image.width(), double(height() - 8) / m_image.height());
}

double PhotoCanvas::pixelScale() const
{
    return fitScale() * m_zoom;
}

void PhotoCanvas::setZoom(double zoom)
{
    if (m_image.isNull())
        return;
    const double maxZoom = std::max(1.0, kMaxPixelScale / std::max(0.01, fitScale()));
    const double z = std::clamp(zoom, 1.0, maxZoom);
    if (std::abs(z - m_zoom) < 1e-9)
        return;
    m_offset *= z / m_zoom; // keep the same spot in the middle
    m_zoom = z;
    clampOffset();
    Q_EMIT zoomChanged();
    update();
}

void PhotoCanvas::clampOffset()
{
    const QSizeF shown = QSizeF(m_image.size()) * pixelScale();
    const double mx = std::max(0.0, (shown.width() - width()) / 2);
    const double my = std::max(0.0, (shown.height() - height()) / 2);
    m_offset.setX(std::clamp(m_offset.x(), -mx, mx));
    m_offset.setY(std::clamp(m_offset.y(), -my, my));
}

void PhotoCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0x26, 0x2b, 0x31));
    if (m_pixmap.isNull()) {
        p.setPen(QColor(0xe6, 0xea, 0xee));
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 1.1);
        p.setFont(f);
        p.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const QSizeF shown = QSizeF(m_pixmap.size()) * pixelScale();
    const QPointF centre = QRectF(rect()).center() + m_offset;
    p.drawPixmap(QRectF(centre.x() - shown.width() / 2, centre.y() - shown.height() / 2, shown.width(),
                        shown.height()),
                 m_pixmap, QRectF(m_pixmap.rect()));
}

void PhotoCanvas::wheelEvent(QWheelEvent *event)
{
    if (m_image.isNull()) {
        event->ignore();
        return;
    }
    const int delta = event->angleDelta().y();
    if (delta > 0)
        setZoom(m_zoom * kZoomStep);
    else if (delta < 0)
        setZoom(m_zoom / kZoomStep);
    event->accept();
}

void PhotoCanvas::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    clampOffset();
    Q_EMIT zoomChanged(); // the fitted scale follows the size
}

void PhotoCanvas::mousePressEvent(QMouseEvent *event)
{
    setFocus(Qt::MouseFocusReason);
    if (event->button() == Qt::LeftButton && m_zoom > 1.0) {
        m_dragging = true;
        m_dragFrom = event->position().toPoint();
        setCursor(Qt::ClosedHandCursor);
    }
}

void PhotoCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return;
    const QPoint at = event->position().toPoint();
    m_offset += QPointF(at - m_dragFrom);
    m_dragFrom = at;
    clampOffset();
    update();
}

void PhotoCanvas::mouseReleaseEvent(QMouseEvent *)
{
    m_dragging = false;
    unsetCursor();
}

// ------------------------------------------------------------------ viewer

PhotoViewer::PhotoViewer(core::BlobStore &blobs, bool lgpdFlags, QWidget *parent)
    : QWidget(parent), m_blobs(blobs), m_lgpdFlags(lgpdFlags)
{
    setObjectName(QStringLiteral("photoViewer"));
    m_loader = new PhotoImageLoader(this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);

    auto *bar = new QHBoxLayout;
    m_previous = new QPushButton(style()->standardIcon(QStyle::SP_ArrowBack), tr("Previous"), this);
    m_previous->setObjectName(QStringLiteral("previousPhoto"));
    m_previous->setToolTip(tr("Previous photo (←)"));
    m_position = new QLabel(this);
    m_position->setObjectName(QStringLiteral("photoPosition"));
    m_position->setAlignment(Qt::AlignCenter);
    m_position->setMinimumWidth(90);
    QFont pf = m_position->font();
    pf.setBold(true);
    m_position->setFont(pf);
    m_next = new QPushButton(style()->standardIcon(QStyle::SP_ArrowForward), tr("Next"), this);
    m_next->setObjectName(QStringLiteral("nextPhoto"));
    m_next->setToolTip(tr("Next photo (→)"));
    m_next->setLayoutDirection(Qt::RightToLeft); // the arrow after the word
    m_zoomOut = new QToolButton(this);
    m_zoomOut->setText(QStringLiteral("−"));
    m_zoomOut->setObjectName(QStringLiteral("zoomOut"));
    m_zoomOut->setToolTip(tr("Zoom out (−)"));
    m_zoomOut->setAccessibleName(tr("Zoom out"));
    m_zoomText = new QLabel(this);
    m_zoomText->setObjectName(QStringLiteral("zoomText"));
    m_zoomText->setAlignment(Qt::AlignCenter);
    m_zoomText->setMinimumWidth(54);
    m_zoomIn = new QToolButton(this);
    m_zoomIn->setText(QStringLiteral("+"));
    m_zoomIn->setObjectName(QStringLiteral("zoomIn"));
    m_zoomIn->setToolTip(tr("Zoom in (+ or the mouse wheel)"));
    m_zoomIn->setAccessibleName(tr("Zoom in"));
    m_fit = new QToolButton(this);
    m_fit->setText(tr("Fit"));
    m_fit->setObjectName(QStringLiteral("zoomFit"));
    m_fit->setToolTip(tr("Show the whole photo (0)"));
    bar->addWidget(m_previous);
    bar->addWidget(m_position);
    bar->addWidget(m_next);
    bar->addStretch(1);
    bar->addWidget(m_zoomOut);
    bar->addWidget(m_zoomText);
    bar->addWidget(m_zoomIn);
    bar->addWidget(m_fit);
    layout->addLayout(bar);

    m_canvas = new PhotoCanvas(this);
    layout->addWidget(m_canvas, 1);

    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("photoCaption"));
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::PlainText);
    QFont cf = m_caption->font();
    cf.setBold(true);
    m_caption->setFont(cf);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_caption);
    m_meta = new QLabel(this);
    m_meta->setWordWrap(true);
    m_meta->setStyleSheet(QStringLiteral("color: #4a5a6a;"));
    layout->addWidget(m_meta);
    m_flags = new QLabel(this);
    m_flags->setObjectName(QStringLiteral("photoFlags"));
    m_flags->setWordWrap(true);
    layout->addWidget(m_flags);

    connect(m_previous, &QPushButton::clicked, this, &PhotoViewer::previous);
    connect(m_next, &QPushButton::clicked, this, &PhotoViewer::next);
    connect(m_zoomIn, &QToolButton::clicked, this, &PhotoViewer::zoomIn);
    connect(m_zoomOut, &QToolButton::clicked, this, &PhotoViewer::zoomOut);
    connect(m_fit, &QToolButton::clicked, this, &PhotoViewer::fit);
    connect(m_canvas, &PhotoCanvas::zoomChanged, this, &PhotoViewer::updateZoomText);
    connect(m_loader, &PhotoImageLoader::loaded, this, [this](const QString &sha) {
        if (m_current >= 0 && m_current < m_photos.size() && m_photos.at(m_current).photo.sha256 == sha)
            refreshImage();
    });
    setPhotos({});
}

void PhotoViewer::setPhotos(const QList<regional::ReportPhoto> &photos)
{
    m_photos = photos;
    m_current = -1;
    if (photos.isEmpty()) {
        m_position->setText(tr("No photo"));
        m_caption->clear();
        m_meta->clear();
        m_flags->clear();
        m_canvas->setMessage(tr("This report has no photos."));
        m_previous->setEnabled(false);
        m_next->setEnabled(false);
        updateZoomText();
        return;
    }
    showPhoto(0);
}

void PhotoViewer::showPhoto(int index)
{
    if (index < 0 || index >= m_photos.size())
        return;
    m_current = index;
    const regional::ReportPhoto &p = m_photos.at(index);
    m_position->setText(tr("Photo %1 of %2").arg(index + 1).arg(m_photos.size()));
    m_previous->setEnabled(index > 0);
    m_next->setEnabled(index + 1 < m_photos.size());
    const QString caption = p.photo.caption.trimmed();
    m_caption->setText(caption.isEmpty() ? tr("Photo %1 (no caption)").arg(p.number)
                                         : tr("Photo %1 — %2").arg(p.number).arg(caption));
    QStringList meta{tr("Action %1").arg(p.actionNumber)};
    if (p.photo.takenOn.isValid())
        meta << core::outputs::dateBr(p.photo.takenOn);
    if (!p.photo.author.trimmed().isEmpty())
        meta << tr("Author: %1").arg(p.photo.author.trimmed());
    m_meta->setText(meta.join(QStringLiteral(" · ")));
    if (m_lgpdFlags) {
        const QString yes = tr("yes"), no = tr("no");
        QString flags = tr("Identifiable people: %1 · Image-use authorization on file: %2")
                            .arg(p.photo.identifiablePeople ? yes : no, p.photo.authorizationOnFile ? yes : no);
        const bool attention = p.photo.identifiablePeople && !p.photo.authorizationOnFile;
        if (attention)
            flags = QStringLiteral("⚠ ") + flags;
        m_flags->setText(flags);
        m_flags->setToolTip(attention ? tr("Identifiable people and no image-use authorization on file: the "
                                           "municipality should file the authorization or replace the photo.")
                                      : QString());
        m_flags->setStyleSheet(attention ? QStringLiteral("QLabel { color: #7a4a00; background: #fff3d6; "
                                                          "border-radius: 3px; padding: 3px 6px; }")
                                         : QStringLiteral("QLabel { color: #4a5a6a; }"));
    }
    m_flags->setVisible(m_lgpdFlags);
    refreshImage();
    // Decode the neighbours ahead: "next" is then instant.
    for (int n : {index + 1, index - 1})
        if (n >= 0 && n < m_photos.size() && m_blobs.has(m_photos.at(n).photo.sha256))
            m_loader->prefetch(m_photos.at(n).photo.sha256, m_blobs.path(m_photos.at(n).photo.sha256));
    Q_EMIT currentChanged(index);
}

void PhotoViewer::refreshImage()
{
    if (m_current < 0 || m_current >= m_photos.size())
        return;
    const QString sha = m_photos.at(m_current).photo.sha256;
    if (!m_blobs.has(sha)) {
        m_canvas->setMessage(tr("Photo not received yet — synchronize"));
        return;
    }
    const QImage image = m_loader->image(sha, m_blobs.path(sha));
    if (!image.isNull())
        m_canvas->setImage(image);
    else if (const QString why = m_loader->failure(sha); !why.isEmpty())
        m_canvas->setMessage(tr("This photo could not be read (%1). Synchronize again; if it repeats, ask the "
                                "municipality to send the report again.")
                                 .arg(why));
    else
        m_canvas->setMessage(tr("Loading the photo…"));
}

void PhotoViewer::zoomIn()
{
    m_canvas->setZoom(m_canvas->zoom() * 1.25);
}

void PhotoViewer::zoomOut()
{
    m_canvas->setZoom(m_canvas->zoom() / 1.25);
}

void PhotoViewer::fit()
{
    m_canvas->setZoom(1.0);
}

void PhotoViewer::updateZoomText()
{
    const bool image = m_canvas->hasImage();
    m_zoomIn->setEnabled(image);
    m_zoomOut->setEnabled(image && m_canvas->zoom() > 1.0);
    m_fit->setEnabled(image && m_canvas->zoom() > 1.0);
    m_zoomText->setText(image ? QStringLiteral("%1%").arg(qRound(m_canvas->pixelScale() * 100)) : QString());
}

void PhotoViewer::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_PageDown:
        next();
        return;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
        previous();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        fit();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace mobiliza::ui
