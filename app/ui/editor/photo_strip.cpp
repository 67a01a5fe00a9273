#include "app/ui/editor/photo_strip.h"

#include "app/ui/editor/optional_date_edit.h"
#include "app/ui/editor/photo_card.h"
#include "app/ui/editor/thumbnail_loader.h"

#include <QDragEnterEvent>
#include <QCheckBox>
#include <QDropEvent>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QUrl>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {

QStringList localFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files << url.toLocalFile();
    return files;
}

const QString kEmptyStyle = QStringLiteral("QLabel { border: 2px dashed #9fb3c8; border-radius: 6px; "
                                           "color: #4a5a6a; padding: 18px; background: #f7f9fb; }");
const QString kDropStyle = QStringLiteral("QLabel { border: 2px dashed #1f5f8b; border-radius: 6px; "
                                          "color: #0b3a5e; padding: 18px; background: #e3eef7; }");

} // namespace

PhotoStrip::PhotoStrip(ThumbnailLoader &thumbnails, bool captionRequired, bool lgpdFlags, QWidget *parent)
    : QWidget(parent), m_thumbnails(thumbnails), m_captionRequired(captionRequired), m_lgpdFlags(lgpdFlags)
{
    setObjectName(QStringLiteral("photoStrip"));
    setAcceptDrops(true);
    setAccessibleName(tr("Photos of the action"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);

    auto *head = new QHBoxLayout;
    m_title = new QLabel(this);
    QFont tf = m_title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.15);
    tf.setBold(true);
    m_title->setFont(tf);
    head->addWidget(m_title);
    m_add = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("Add photos…"), this);
    m_add->setObjectName(QStringLiteral("addPhotos"));
    m_add->setToolTip(tr("Choose one or more photos (Ctrl+Shift+F), or drag the files here."));
    head->addWidget(m_add);
    auto *dragHint = new QLabel(tr("or drag the files here"), this);
    dragHint->setStyleSheet(QStringLiteral("color: #5a6a7a;"));
    head->addWidget(dragHint);
    head->addStretch(1);
    layout->addLayout(head);

    m_progressRow = new QWidget(this);
    auto *progress = new QHBoxLayout(m_progressRow);
    progress->setContentsMargins(0, 0, 0, 0);
    m_progressText = new QLabel(m_progressRow);
    m_progress = new QProgressBar(m_progressRow);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(260);
    m_cancel = new QPushButton(tr("Cancel"), m_progressRow);
    m_cancel->setToolTip(tr("Stop importing; the photos already imported stay in the action."));
    progress->addWidget(m_progressText);
    progress->addWidget(m_progress);
    progress->addWidget(m_cancel);
    progress->addStretch(1);
    m_progressRow->hide();
    layout->addWidget(m_progressRow);

    m_messages = new QLabel(this);
    m_messages->setObjectName(QStringLiteral("photoMessages"));
    m_messages->setWordWrap(true);
    m_messages->setTextFormat(Qt::PlainText);
    m_messages->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messages->setStyleSheet(QStringLiteral("QLabel { color: #8a1c1c; background: #fdecea; border-radius: 4px; "
                                             "padding: 6px 8px; }"));
    m_messages->hide();
    layout->addWidget(m_messages);

    m_empty = new QLabel(this);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setStyleSheet(kEmptyStyle);
    layout->addWidget(m_empty);

    m_grid = new QWidget(this);
    m_gridLayout = new QGridLayout(m_grid);
    m_gridLayout->setContentsMargins(0, 0, 0, 0);
    m_gridLayout->setHorizontalSpacing(10);
    m_gridLayout->setVerticalSpacing(10);
    m_gridLayout->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addWidget(m_grid);

    connect(m_add, &QPushButton::clicked, this, &PhotoStrip::addRequested);
    connect(m_cancel, &QPushButton::clicked, this, &PhotoStrip::cancelImportRequested);
    connect(&m_thumbnails, &ThumbnailLoader::ready, this, [this](const QString &sha) {
        for (PhotoCard *card : std::as_const(m_cards))
            if (card->photo().sha256 == sha)
                card->setThumbnail(m_thumbnails.thumbnail(sha));
    });
    setPhotos({}, 0, true);
}

void PhotoStrip::setSuggestedDate(const QDate &date)
{
    m_suggested = date;
    for (PhotoCard *card : std::as_const(m_cards))
        card->dateField()->setSuggestedDate(date);
}

void PhotoStrip::setPhotos(const QList<core::Photo> &photos, int numberOffset, bool editable)
{
    QHash<QString, PhotoCard *> keep;
    QList<QString> order;
    for (qsizetype i = 0; i < photos.size(); ++i) {
        const core::Photo &photo = photos.at(i);
        PhotoCard *card = m_cards.take(photo.uuid);
        if (!card) {
            card = new PhotoCard(m_captionRequired, m_lgpdFlags, m_grid);
            const QString uuid = photo.uuid;
            connect(card, &PhotoCard::edited, this, [this, uuid](bool typing) { Q_EMIT photoEdited(uuid, typing); });
            connect(card, &PhotoCard::removeRequested, this, [this, uuid] { Q_EMIT photoRemoveRequested(uuid); });
            connect(card, &PhotoCard::moveRequested, this, [this, uuid](int delta) {
                const int from = int(m_order.indexOf(uuid));
                const int to = from + delta;
                if (from >= 0 && to >= 0 && to < m_order.size())
                    Q_EMIT photoMoveRequested(uuid, to);
            });
        }
        const bool newImage = card->photo().sha256 != photo.sha256;
        card->setPhoto(photo, numberOffset + int(i) + 1, int(i), int(photos.size()), editable);
        card->dateField()->setSuggestedDate(m_suggested);
        if (newImage)
            card->setThumbnail(m_thumbnails.thumbnail(photo.sha256));
        keep.insert(photo.uuid, card);
        order << photo.uuid;
    }
    for (PhotoCard *gone : std::as_const(m_cards))
        gone->deleteLater();
    for (PhotoCard *gone : std::as_const(m_cards))
        gone->hide();
    m_cards = keep;
    m_order = order;

    m_title->setText(photos.isEmpty() ? tr("Photos") : tr("Photos (%1)").arg(photos.size()));
    m_add->setEnabled(editable);
    m_add->setVisible(editable);
    m_empty->setText(editable ? tr("No photo yet. Every action needs at least one photo as proof: click "
                                   "“Add photos…” or drag the files here.")
                              : tr("No photo."));
    m_empty->setVisible(photos.isEmpty());
    m_grid->setVisible(!photos.isEmpty());
    m_columns = -1; // force a relayout (the order may have changed)
    relayout();
}

QList<PhotoCard *> PhotoStrip::cards() const
{
    QList<PhotoCard *> list;
    for (const QString &uuid : m_order)
        list << m_cards.value(uuid);
    return list;
}

void PhotoStrip::relayout()
{
    const int spacing = m_gridLayout->horizontalSpacing();
    const int columns = qMax(1, (width() + spacing) / (PhotoCard::cardWidth + spacing));
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (PhotoCard *card : std::as_const(m_cards))
        m_gridLayout->removeWidget(card);
    int i = 0;
    for (const QString &uuid : std::as_const(m_order)) {
        PhotoCard *card = m_cards.value(uuid);
        m_gridLayout->addWidget(card, i / columns, i % columns);
        card->show();
        ++i;
    }
    // Tab goes through the cards in their order, each card's fields before its buttons
    // (a hidden note or button is skipped).
    QWidget *previous = m_add;
    for (const QString &uuid : std::as_const(m_order)) {
        for (QWidget *w : m_cards.value(uuid)->tabChain()) {
            setTabOrder(previous, w);
            previous = w;
        }
    }
}

void PhotoStrip::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void PhotoStrip::setImportProgress(int done, int total)
{
    m_progressRow->setVisible(total > 0);
    if (total <= 0)
        return;
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    m_progressText->setText(tr("Importing photos: %1 of %2").arg(done).arg(total));
}

void PhotoStrip::setMessages(const QStringList &lines)
{
    m_messages->setText(lines.join(QLatin1Char('\n')));
    m_messages->setVisible(!lines.isEmpty());
}

void PhotoStrip::focusStrip()
{
    if (m_add->isVisible() && m_add->isEnabled())
        m_add->setFocus(Qt::OtherFocusReason);
    else if (!m_order.isEmpty())
        m_cards.value(m_order.constFirst())->focusPart({});
    else
        setFocus(Qt::OtherFocusReason);
}

bool PhotoStrip::focusPhoto(int index, const QString &part)
{
    if (index < 0 || index >= m_order.size())
        return false;
    m_cards.value(m_order.at(index))->focusPart(part);
    return true;
}

void PhotoStrip::setDropHighlight(bool on)
{
    m_empty->setStyleSheet(on ? kDropStyle : kEmptyStyle);
    setStyleSheet(on ? QStringLiteral("QWidget#photoStrip { background: #e3eef7; }") : QString());
}

void PhotoStrip::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_add->isEnabled() && !localFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
        setDropHighlight(true);
    }
}

void PhotoStrip::dragMoveEvent(QDragMoveEvent *event)
{
    if (m_add->isEnabled() && !localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void PhotoStrip::dragLeaveEvent(QDragLeaveEvent *event)
{
    setDropHighlight(false);
    QWidget::dragLeaveEvent(event);
}

void PhotoStrip::dropEvent(QDropEvent *event)
{
    setDropHighlight(false);
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty() || !m_add->isEnabled())
        return;
    event->acceptProposedAction();
    Q_EMIT filesDropped(files);
}

} // namespace mobiliza::ui
