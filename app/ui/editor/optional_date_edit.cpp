#include "app/ui/editor/optional_date_edit.h"

#include <QAction>
#include <QCalendarWidget>
#include <QFrame>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QPainter>
#include <QScreen>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {

constexpr int kFieldLength[3] = {2, 2, 4}; // dd, mm, aaaa

// A small calendar drawn in the palette's text colour (no icon theme is assumed).
QIcon calendarIcon(const QColor &ink)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(ink, 2.5));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(QRectF(4, 7, 24, 21), 3, 3);
    p.setBrush(ink);
    p.drawRect(QRectF(4, 7, 24, 6));
    p.drawLine(QPointF(10, 3), QPointF(10, 9));
    p.drawLine(QPointF(22, 3), QPointF(22, 9));
    p.setPen(Qt::NoPen);
    for (int row = 0; row < 2; ++row)
        for (int col = 0; col < 3; ++col)
            p.drawRect(QRectF(8 + col * 6.5, 16 + row * 5.5, 3.5, 3.5));
    return QIcon(pixmap);
}

// Day, month and year as typed: digits only, a full part moves to the next, a '/'
// after one digit pads it ("1/" is "01/"). `next`: the part the next digit goes to.
struct Parts
{
    QString part[3];
    int next = 0;
};

Parts partsOf(const QString &text)
{
    Parts p;
    for (const QChar c : text) {
        if (c.isDigit()) {
            if (p.part[p.next].size() == kFieldLength[p.next]) {
                if (p.next == 2)
                    continue; // the year is full: no more digits
                ++p.next;
            }
            p.part[p.next] += c;
        } else if (c == QLatin1Char('/') && p.next < 2 && !p.part[p.next].isEmpty()) {
            if (p.part[p.next].size() == 1)
                p.part[p.next].prepend(QLatin1Char('0'));
            ++p.next;
        }
    }
    return p;
}

// dd/mm/aaaa as far as typed; `growing`: a part just filled gets its slash.
QString formatted(const Parts &p, bool growing)
{
    QString out = p.part[0];
    if (p.next >= 1 || (growing && p.part[0].size() == 2))
        out += QLatin1Char('/') + p.part[1];
    if (p.next >= 2 || (growing && p.part[1].size() == 2))
        out += QLatin1Char('/') + p.part[2];
    return out;
}

} // namespace

OptionalDateEdit::OptionalDateEdit(QWidget *parent) : QLineEdit(parent)
{
    //: Placeholder of a date field: the format to type (dia/mês/ano).
    setPlaceholderText(tr("dd/mm/yyyy"));
    setMaxLength(10);
    setInputMethodHints(Qt::ImhDigitsOnly);
    QAction *calendar = addAction(calendarIcon(palette().color(QPalette::Text)), QLineEdit::TrailingPosition);
    calendar->setObjectName(QStringLiteral("openCalendar"));
    //: Button at the end of a date field.
    calendar->setToolTip(tr("Choose on a calendar (Alt+Down)"));
    connect(calendar, &QAction::triggered, this, &OptionalDateEdit::openCalendar);
    setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("00/00/00000")) + 40);
    connect(this, &QLineEdit::textEdited, this, &OptionalDateEdit::onTextEdited);
    connect(this, &QLineEdit::editingFinished, this, &OptionalDateEdit::onEditingFinished);
    showState();
}

void OptionalDateEdit::setValue(const QDate &date)
{
    m_value = date.isValid() ? date : QDate();
    m_invalid = false;
    setText(m_value.isValid() ? m_value.toString(QStringLiteral("dd/MM/yyyy")) : QString());
    showState();
}

void OptionalDateEdit::setDate(const QDate &date)
{
    setText(date.isValid() ? date.toString(QStringLiteral("dd/MM/yyyy")) : QString());
    take(date.isValid() ? date : QDate(), false);
}

void OptionalDateEdit::onTextEdited(const QString &text)
{
    const int cursor = cursorPosition();
    const bool atEnd = cursor == text.size();
    QString shown;
    int at = 0; // the cursor in what is shown
    if (atEnd) {
        // Typing at the end: the slashes come by themselves, "1/" is "01/".
        shown = formatted(partsOf(text), text.size() > m_lastText.size());
        at = int(shown.size());
    } else {
        // An edit inside (a day selected and typed over, a digit deleted): only what is
        // not a digit or '/' goes; the parts are read when the person leaves.
        for (int i = 0; i < text.size(); ++i) {
            if (!text.at(i).isDigit() && text.at(i) != QLatin1Char('/'))
                continue;
            shown += text.at(i);
            if (i < cursor)
                ++at;
        }
    }
    if (shown != text) {
        setText(shown);
        setCursorPosition(at);
    }
    m_lastText = shown;
    if (shown.isEmpty()) {
        take(QDate(), false);
        return;
    }
    if (shown.size() == 10) {
        if (const QDate date = dateOf(shown); date.isValid()) {
            take(date, false);
            return;
        }
        m_invalid = true; // shown now; taken as no date when the person leaves
    } else {
        m_invalid = false;
    }
    showState();
}

QDate OptionalDateEdit::dateOf(const QString &text)
{
    // dd/mm/aaaa, a real day, between 1900 and 2100 (a pasted ISO date is not one).
    const QDate date = QDate::fromString(text, QStringLiteral("dd/MM/yyyy"));
    return date.isValid() && date.year() >= 1900 && date.year() <= 2100 ? date : QDate();
}

void OptionalDateEdit::commit()
{
    onEditingFinished();
}

void OptionalDateEdit::onEditingFinished()
{
    if (isReadOnly())
        return;
    const QString typed = text();
    if (typed.isEmpty()) {
        take(QDate(), false);
        return;
    }
    if (m_value.isValid() && typed == m_value.toString(QStringLiteral("dd/MM/yyyy"))) {
        take(m_value, false);
        return;
    }
    // The day alone, or day and month: the suggested month and year complete it; a
    // year of two digits is of this century.
    Parts parts = partsOf(typed);
    const QDate base = m_suggested.isValid() ? m_suggested : QDate::currentDate();
    if (parts.part[0].size() == 1)
        parts.part[0].prepend(QLatin1Char('0'));
    if (parts.part[1].isEmpty() && parts.part[2].isEmpty())
        parts.part[1] = QStringLiteral("%1").arg(base.month(), 2, 10, QLatin1Char('0'));
    else if (parts.part[1].size() == 1)
        parts.part[1].prepend(QLatin1Char('0'));
    if (parts.part[2].isEmpty())
        parts.part[2] = QString::number(base.year());
    else if (parts.part[2].size() == 2)
        parts.part[2].prepend(QStringLiteral("20"));
    parts.next = 2;
    const QString complete = formatted(parts, false);
    const QDate date = dateOf(complete);
    if (!date.isValid()) {
        take(QDate(), true);
        return;
    }
    if (complete != typed) {
        setText(complete);
        m_lastText = complete;
    }
    take(date, false);
}

void OptionalDateEdit::take(const QDate &date, bool invalidText)
{
    m_invalid = invalidText;
    showState();
    if (date == m_value)
        return;
    m_value = date;
    Q_EMIT dateChanged(m_value);
}

void OptionalDateEdit::showState()
{
    m_lastText = text();
    if (m_invalid != m_styledInvalid) { // a style sheet costs a re-polish: only on a change
        m_styledInvalid = m_invalid;
        setStyleSheet(m_invalid
                          ? QStringLiteral("QLineEdit { border: 1px solid #b3261e; background: #fdecea; }")
                          : QString());
    }
    if (m_invalid) {
        //: A date field holds something that is not a date (%1: what it holds).
        setToolTip(tr("\"%1\" is not a date: type day, month and year as dd/mm/yyyy, for example 14/10/2026.")
                       .arg(text()));
    } else {
        //: Tooltip of a date field.
        setToolTip(tr("Type the date as dd/mm/yyyy (the slashes come by themselves; the day alone takes the "
                      "report's month) or choose it on the calendar (Alt+Down). Delete empties it."));
    }
}

void OptionalDateEdit::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Down && event->modifiers() == Qt::AltModifier) ||
        (event->key() == Qt::Key_F4 && event->modifiers() == Qt::NoModifier)) {
        openCalendar();
        event->accept();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void OptionalDateEdit::openCalendar()
{
    if (isReadOnly() || !isEnabled())
        return;
    if (!m_popup) {
        m_popup = new QFrame(this, Qt::Popup);
        m_popup->setFrameShape(QFrame::StyledPanel);
        auto *layout = new QVBoxLayout(m_popup);
        layout->setContentsMargins(2, 2, 2, 2);
        m_calendar = new QCalendarWidget(m_popup);
        m_calendar->setObjectName(QStringLiteral("dateCalendar"));
        m_calendar->setGridVisible(true);
        layout->addWidget(m_calendar);
        const auto pick = [this](const QDate &date) {
            m_popup->hide();
            setDate(date);
            setFocus(Qt::PopupFocusReason);
        };
        connect(m_calendar, &QCalendarWidget::activated, this, pick);
        connect(m_calendar, &QCalendarWidget::clicked, this, pick);
    }
    const QDate shown =
        m_value.isValid() ? m_value : (m_suggested.isValid() ? m_suggested : QDate::currentDate());
    m_calendar->setSelectedDate(shown);
    m_calendar->setCurrentPage(shown.year(), shown.month());
    m_popup->adjustSize();
    QPoint at = mapToGlobal(QPoint(0, height()));
    if (const QScreen *screen = this->screen()) {
        const QRect room = screen->availableGeometry();
        if (at.y() + m_popup->height() > room.bottom())
            at.setY(mapToGlobal(QPoint(0, 0)).y() - m_popup->height());
        at.setX(std::clamp(at.x(), room.left(), std::max(room.left(), room.right() - m_popup->width())));
    }
    m_popup->move(at);
    m_popup->show();
    m_calendar->setFocus(Qt::PopupFocusReason);
}

} // namespace mobiliza::ui
