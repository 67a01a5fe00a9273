#include "app/ui/editor/optional_date_edit.h"

#include <QCalendarWidget>
#include <QKeyEvent>
#include <QLineEdit>

namespace mobiliza::ui {

OptionalDateEdit::OptionalDateEdit(QWidget *parent) : QDateEdit(parent)
{
    setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    setCalendarPopup(true);
    setMinimumDate(QDate(1900, 1, 1));
    setMaximumDate(QDate(2100, 12, 31));
    setSpecialValueText(QStringLiteral(" "));
    setDate(minimumDate());
    setMinimumWidth(130);
    calendarWidget()->installEventFilter(this);
    //: Tooltip of an empty-able date field.
    setToolTip(tr("Type the date as dd/mm/yyyy or open the calendar (Alt+Down). Delete clears it."));
}

void OptionalDateEdit::setValue(const QDate &date)
{
    setDate(date.isValid() ? date : minimumDate());
}

bool OptionalDateEdit::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == calendarWidget() && event->type() == QEvent::Show && isEmpty() && m_suggested.isValid())
        calendarWidget()->setCurrentPage(m_suggested.year(), m_suggested.month());
    return QDateEdit::eventFilter(watched, event);
}

void OptionalDateEdit::keyPressEvent(QKeyEvent *event)
{
    // Delete/Backspace on the whole text clears the date.
    if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) &&
        event->modifiers() == Qt::NoModifier && !isEmpty() &&
        lineEdit()->selectedText().size() == lineEdit()->text().size()) {
        setValue({});
        event->accept();
        return;
    }
    // Typing into an empty date starts from the suggested month, so "15" is enough.
    if (isEmpty() && !event->text().isEmpty() && event->text().at(0).isDigit()) {
        const QDate start = m_suggested.isValid() ? m_suggested : QDate::currentDate();
        setDate(QDate(start.year(), start.month(), 1));
        setCurrentSection(QDateTimeEdit::DaySection);
        lineEdit()->setSelection(0, 2);
    }
    QDateEdit::keyPressEvent(event);
}

void OptionalDateEdit::focusInEvent(QFocusEvent *event)
{
    QDateEdit::focusInEvent(event);
    if (!isEmpty())
        setSelectedSection(QDateTimeEdit::DaySection);
}

} // namespace mobiliza::ui
