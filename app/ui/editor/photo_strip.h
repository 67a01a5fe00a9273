// The photos of one action: cards in a wrapping grid, "Add photos…" (file
// dialog through the page) or drag and drop of several files, import progress
// with Cancel, and the messages of files that were refused.
#pragma once

#include "core/domain/types.h"

#include <QDate>
#include <QHash>
#include <QWidget>

class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace mobiliza::ui {

class PhotoCard;
class ThumbnailLoader;

class PhotoStrip : public QWidget
{
    Q_OBJECT

public:
    PhotoStrip(ThumbnailLoader &thumbnails, bool captionRequired, bool lgpdFlags, QWidget *parent = nullptr);

    // numberOffset: photos in the actions before this one (numbering Foto 1…N across the report).
    void setPhotos(const QList<core::Photo> &photos, int numberOffset, bool editable);
    // The month the photos' dates default to (their calendar opens on it; a day alone
    // typed takes it): the report's.
    void setSuggestedDate(const QDate &date);
    QList<PhotoCard *> cards() const; // in order
    PhotoCard *card(const QString &uuid) const { return m_cards.value(uuid); }
    QPushButton *addButton() const { return m_add; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *messageLabel() const { return m_messages; }
    QProgressBar *progressBar() const { return m_progress; }

    void setImportProgress(int done, int total); // total 0 hides the progress row
    void setMessages(const QStringList &lines);  // refused files, duplicates…

    void focusStrip(); // the "Add photos…" button (findings point here)
    bool focusPhoto(int index, const QString &part);

Q_SIGNALS:
    void addRequested();
    void filesDropped(const QStringList &paths);
    void cancelImportRequested();
    void photoEdited(const QString &uuid, bool typing);
    void photoMoveRequested(const QString &uuid, int newPosition);
    void photoRemoveRequested(const QString &uuid);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void relayout();
    void setDropHighlight(bool on);

    ThumbnailLoader &m_thumbnails;
    bool m_captionRequired = true;
    bool m_lgpdFlags = true;
    QLabel *m_title = nullptr;
    QPushButton *m_add = nullptr;
    QWidget *m_progressRow = nullptr;
    QLabel *m_progressText = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_messages = nullptr;
    QLabel *m_empty = nullptr;
    QWidget *m_grid = nullptr;
    QGridLayout *m_gridLayout = nullptr;
    QList<QString> m_order;
    QHash<QString, PhotoCard *> m_cards;
    int m_columns = 0;
    QDate m_suggested;
};

} // namespace mobiliza::ui
