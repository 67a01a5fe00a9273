// One photo of an action: thumbnail, its number across the report ("Foto 3"),
// caption, date, author, the two LGPD questions, move and remove.
#pragma once

#include "core/domain/types.h"

#include <QFrame>

class QCheckBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace mobiliza::ui {

class OptionalDateEdit;

class PhotoCard : public QFrame
{
    Q_OBJECT

public:
    static constexpr int cardWidth = 260;

    PhotoCard(bool captionRequired, bool lgpdFlags, QWidget *parent = nullptr);

    // Never emits edited(). `index`/`count`: place inside the action (for the move buttons).
    void setPhoto(const core::Photo &photo, int number, int index, int count, bool editable);
    void setThumbnail(const QPixmap &pixmap);
    bool hasThumbnail() const; // the decoded photo is on the card
    core::Photo photo() const; // the stored photo with the card's edits
    QString uuid() const { return m_photo.uuid; }
    int number() const { return m_number; }

    QLineEdit *captionField() const { return m_caption; }
    QLineEdit *authorField() const { return m_author; }
    OptionalDateEdit *dateField() const { return m_date; }
    QCheckBox *identifiableBox() const { return m_identifiable; }
    QCheckBox *authorizationBox() const { return m_authorization; }
    QToolButton *removeButton() const { return m_remove; }
    QToolButton *moveEarlierButton() const { return m_left; }
    QToolButton *moveLaterButton() const { return m_right; }
    // Tab's order through the card: the note (when shown), what is typed and ticked
    // in reading order, then the card's buttons — never a button between two fields,
    // where a space meant for a name would press it.
    QList<QWidget *> tabChain() const;
    // The URS's note on this photo: a yellow box on the card (reachable with Tab),
    // an amber border and the text as the picture's tooltip; empty removes it.
    void setReviewNote(const QString &text);
    bool hasReviewNote() const { return !m_noteText.isEmpty(); }
    QLabel *reviewNoteLabel() const { return m_note; }
    // Focuses a part named like the findings' paths: caption, author, takenOn,
    // identifiablePeople, authorizationOnFile; anything else focuses the caption.
    void focusPart(const QString &part);

Q_SIGNALS:
    void edited(bool typing);
    void moveRequested(int delta);
    void removeRequested();

private:
    core::Photo m_photo;
    int m_number = 0;
    QLabel *m_image = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_note = nullptr;
    QString m_noteText;
    QString m_info; // size of the picture, for its tooltip
    QLineEdit *m_caption = nullptr;
    OptionalDateEdit *m_date = nullptr;
    QLineEdit *m_author = nullptr;
    QCheckBox *m_identifiable = nullptr;
    QCheckBox *m_authorization = nullptr;
    QWidget *m_identifiableRow = nullptr; // each box with its words, which wrap
    QWidget *m_authorizationRow = nullptr;
    QToolButton *m_left = nullptr;
    QToolButton *m_right = nullptr;
    QToolButton *m_remove = nullptr;
};

} // namespace mobiliza::ui
