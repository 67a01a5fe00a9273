// A date field that can be empty, typed as the person writes a date: dd/mm/aaaa,
// digits only — the slashes come by themselves —, Tab leaves like any field, a
// letter is not taken, select-all and typing replaces it, Delete/Backspace empty
// it. The day alone (or day/month) is completed with the suggested month (the
// report's) when the person leaves the field. A calendar opens from the button at
// its end or with Alt+Down / F4, on the date or the suggested month. A date that
// does not exist (31/02) is not taken: the field turns red and says why.
#pragma once

#include <QDate>
#include <QLineEdit>

class QCalendarWidget;
class QFrame;

namespace mobiliza::ui {

class OptionalDateEdit : public QLineEdit
{
    Q_OBJECT

public:
    explicit OptionalDateEdit(QWidget *parent = nullptr);

    // The date taken (invalid: empty, or what was typed is not a date).
    QDate value() const { return m_value; }
    bool isEmpty() const { return !m_value.isValid(); }
    // Shows `date` (invalid: empty) without a signal: loading a stored value.
    void setValue(const QDate &date);
    // As the person choosing `date`: dateChanged when it differs.
    void setDate(const QDate &date);
    void setSuggestedDate(const QDate &date) { m_suggested = date; }
    // What was typed is not a date (shown in red, with the reason as tooltip).
    bool hasInvalidText() const { return m_invalid; }
    void openCalendar();
    // Takes what is typed now, as leaving the field does (a day alone is completed):
    // before the form is read with the focus still here (Ctrl+Enter, a new action).
    void commit();
    // `text` as a date: dd/mm/aaaa, a real day between 1900 and 2100; else invalid.
    static QDate dateOf(const QString &text);

Q_SIGNALS:
    void dateChanged(const QDate &date);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void onTextEdited(const QString &text);
    void onEditingFinished();
    void take(const QDate &date, bool invalidText);
    void showState();

    QDate m_value;
    QDate m_suggested;
    bool m_invalid = false;
    bool m_styledInvalid = false; // what the style sheet shows
    QString m_lastText; // the text before the person's last edit
    QFrame *m_popup = nullptr;
    QCalendarWidget *m_calendar = nullptr;
};

} // namespace mobiliza::ui
