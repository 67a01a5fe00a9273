#include "app/ui/editor/photo_card.h"

#include "app/ui/editor/action_form.h"
#include "app/ui/editor/optional_date_edit.h"

#include <QAction>
#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {
constexpr int kThumbWidth = PhotoCard::cardWidth - 20;
constexpr int kThumbHeight = 170;

// A click on the words beside a check box toggles it, as a click on a check box's own text.
class ToggleOnClick final : public QObject
{
public:
    ToggleOnClick(QCheckBox *box, QObject *parent) : QObject(parent), m_box(box) {}
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::MouseButtonRelease &&
            static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton && m_box->isEnabled()) {
            m_box->setFocus(Qt::MouseFocusReason);
            m_box->toggle();
            return true;
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QCheckBox *m_box;
};

// A check box whose words wrap: a QCheckBox's own text never does, and on a 260-px
// card "Autorização de uso de imagem arquivada?" was cut to "…arqui". The box keeps
// the words as its accessible name and tooltip target; the row is what is shown.
QWidget *wrappedCheckBox(QCheckBox *box, const QString &text, const QString &toolTip, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *l = new QHBoxLayout(row);
    l->setContentsMargins(0, 0, 0, 0);
    l->setSpacing(4);
    box->setAccessibleName(text);
    box->setToolTip(toolTip);
    l->addWidget(box, 0, Qt::AlignTop);
    auto *words = new QLabel(text, row);
    words->setWordWrap(true);
    words->setToolTip(toolTip);
    words->installEventFilter(new ToggleOnClick(box, words));
    l->addWidget(words, 1);
    return row;
}

QString cardStyle(bool noted)
{
    return noted ? QStringLiteral("QFrame#photoCard { background: #fffbe6; border: 2px solid #d19a00; "
                                  "border-radius: 6px; }")
                 : QStringLiteral("QFrame#photoCard { background: #f7f9fb; border: 1px solid #cfd8e3; "
                                  "border-radius: 6px; }");
}
} // namespace

PhotoCard::PhotoCard(bool captionRequired, bool lgpdFlags, QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("photoCard"));
    setFixedWidth(cardWidth);
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(cardStyle(false));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(9, 9, 9, 9);
    layout->setSpacing(6);

    m_image = new QLabel(this);
    m_image->setFixedSize(kThumbWidth, kThumbHeight);
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setStyleSheet(QStringLiteral("background: #e4e9ef; color: #5a6a7a;"));
    m_image->setText(tr("Loading…"));
    layout->addWidget(m_image);

    auto *top = new QHBoxLayout;
    m_title = new QLabel(this);
    QFont tf = m_title->font();
    tf.setBold(true);
    m_title->setFont(tf);
    top->addWidget(m_title, 1);
    auto makeButton = [this, top](QStyle::StandardPixmap icon, const QString &text) {
        auto *b = new QToolButton(this);
        b->setIcon(style()->standardIcon(icon));
        b->setToolTip(text);
        b->setAccessibleName(text);
        b->setAutoRaise(true);
        top->addWidget(b);
        return b;
    };
    m_left = makeButton(QStyle::SP_ArrowLeft, tr("Move the photo earlier (Alt+Left)"));
    m_right = makeButton(QStyle::SP_ArrowRight, tr("Move the photo later (Alt+Right)"));
    m_remove = makeButton(QStyle::SP_TrashIcon, tr("Remove the photo from the action (Ctrl+Z undoes)"));
    layout->addLayout(top);

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("photoReviewNote"));
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_note->setFocusPolicy(Qt::StrongFocus); // after the flags, which set it to click only
    m_note->setStyleSheet(ActionForm::reviewNoteStyle());
    m_note->hide();
    layout->addWidget(m_note);

    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setHorizontalSpacing(6);
    form->setVerticalSpacing(4);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_caption = new QLineEdit(this);
    m_caption->setPlaceholderText(tr("What the photo shows"));
    m_caption->setAccessibleName(tr("Caption"));
    form->addRow(captionRequired ? tr("Caption *") : tr("Caption"), m_caption);
    m_date = new OptionalDateEdit(this);
    m_date->setAccessibleName(tr("Date of the photo"));
    form->addRow(tr("Date"), m_date);
    m_author = new QLineEdit(this);
    m_author->setPlaceholderText(tr("Who took it"));
    m_author->setAccessibleName(tr("Author of the photo"));
    form->addRow(tr("Author"), m_author);
    layout->addLayout(form);

    m_identifiable = new QCheckBox(this);
    m_identifiableRow = wrappedCheckBox(m_identifiable, tr("Identifiable people?"),
                                        tr("Mark when someone can be recognised in the photo (LGPD)."), this);
    m_authorization = new QCheckBox(this);
    m_authorizationRow = wrappedCheckBox(m_authorization, tr("Image-use authorization on file?"),
                                         tr("Mark when the signed image-use authorization is filed (a "
                                            "guardian's for children)."),
                                         this);
    layout->addWidget(m_identifiableRow);
    layout->addWidget(m_authorizationRow);
    m_identifiableRow->setVisible(lgpdFlags);
    m_authorizationRow->setVisible(lgpdFlags);
    layout->addStretch(1); // a taller neighbour in the row (a card with a note) leaves the gap at the bottom

    connect(m_caption, &QLineEdit::textEdited, this, [this] { Q_EMIT edited(true); });
    connect(m_author, &QLineEdit::textEdited, this, [this] { Q_EMIT edited(true); });
    connect(m_date, &OptionalDateEdit::dateChanged, this, [this] {
        if (!signalsBlocked())
            Q_EMIT edited(true);
    });
    connect(m_identifiable, &QCheckBox::toggled, this, [this] { Q_EMIT edited(false); });
    connect(m_authorization, &QCheckBox::toggled, this, [this] { Q_EMIT edited(false); });
    connect(m_left, &QToolButton::clicked, this, [this] { Q_EMIT moveRequested(-1); });
    connect(m_right, &QToolButton::clicked, this, [this] { Q_EMIT moveRequested(+1); });
    connect(m_remove, &QToolButton::clicked, this, [this] { Q_EMIT removeRequested(); });

    auto *moveLeft = new QAction(this);
    moveLeft->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    moveLeft->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(moveLeft, &QAction::triggered, m_left, &QToolButton::click);
    addAction(moveLeft);
    auto *moveRight = new QAction(this);
    moveRight->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    moveRight->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(moveRight, &QAction::triggered, m_right, &QToolButton::click);
    addAction(moveRight);
    const QList<QWidget *> chain = tabChain();
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
}

QList<QWidget *> PhotoCard::tabChain() const
{
    return {m_note, m_caption, m_date, m_author, m_identifiable, m_authorization, m_left, m_right, m_remove};
}

void PhotoCard::setPhoto(const core::Photo &photo, int number, int index, int count, bool editable)
{
    m_photo = photo;
    m_number = number;
    m_title->setText(tr("Photo %1").arg(number));
    setAccessibleName(tr("Photo %1").arg(number));
    const QSignalBlocker b1(m_caption), b2(m_author), b3(m_identifiable), b4(m_authorization), b5(this);
    // Shown from their start (not scrolled to the end) unless being edited.
    if (m_caption->text() != photo.caption) {
        m_caption->setText(photo.caption);
        if (!m_caption->hasFocus())
            m_caption->setCursorPosition(0);
    }
    if (m_author->text() != photo.author) {
        m_author->setText(photo.author);
        if (!m_author->hasFocus())
            m_author->setCursorPosition(0);
    }
    {
        const QSignalBlocker b6(m_date);
        m_date->setValue(photo.takenOn);
    }
    m_identifiable->setChecked(photo.identifiablePeople);
    m_authorization->setChecked(photo.authorizationOnFile);
    m_caption->setReadOnly(!editable);
    m_author->setReadOnly(!editable);
    m_date->setReadOnly(!editable);
    m_identifiableRow->setEnabled(editable);
    m_authorizationRow->setEnabled(editable);
    m_left->setEnabled(editable && index > 0);
    m_right->setEnabled(editable && index < count - 1);
    m_remove->setEnabled(editable);
    m_left->setVisible(editable);
    m_right->setVisible(editable);
    m_remove->setVisible(editable);
    QStringList info;
    if (photo.width > 0)
        info << tr("%1 × %2 px").arg(photo.width).arg(photo.height);
    if (photo.bytes > 0)
        info << tr("%1 KB").arg((photo.bytes + 1023) / 1024);
    m_info = info.join(QStringLiteral(" · "));
    setReviewNote(m_noteText);
}

void PhotoCard::setReviewNote(const QString &text)
{
    const bool changed = (text.isEmpty() != m_noteText.isEmpty());
    m_noteText = text;
    m_note->setText(text);
    m_note->setAccessibleName(tr("Note of the URS on photo %1").arg(m_number));
    m_note->setAccessibleDescription(text);
    m_note->setVisible(!text.isEmpty());
    m_image->setToolTip(text.isEmpty() ? m_info : m_info.isEmpty() ? text : text + QLatin1Char('\n') + m_info);
    m_title->setText(text.isEmpty() ? tr("Photo %1").arg(m_number) : tr("Photo %1 · URS note").arg(m_number));
    setAccessibleDescription(text);
    if (changed)
        setStyleSheet(cardStyle(!text.isEmpty()));
}

void PhotoCard::setThumbnail(const QPixmap &pixmap)
{
    if (pixmap.isNull()) {
        m_image->setText(tr("Preview unavailable"));
        return;
    }
    m_image->setPixmap(pixmap.scaled(kThumbWidth, kThumbHeight, Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

bool PhotoCard::hasThumbnail() const
{
    return !m_image->pixmap().isNull();
}

core::Photo PhotoCard::photo() const
{
    core::Photo p = m_photo;
    p.caption = m_caption->text();
    p.author = m_author->text();
    p.takenOn = m_date->value();
    p.identifiablePeople = m_identifiable->isChecked();
    p.authorizationOnFile = m_authorization->isChecked();
    return p;
}

void PhotoCard::focusPart(const QString &part)
{
    QWidget *target = m_caption;
    if (part == QLatin1String("author"))
        target = m_author;
    else if (part == QLatin1String("takenOn"))
        target = m_date;
    else if (part == QLatin1String("identifiablePeople"))
        target = m_identifiable;
    else if (part == QLatin1String("authorizationOnFile"))
        target = m_authorization;
    target->setFocus(Qt::OtherFocusReason);
}

} // namespace mobiliza::ui
