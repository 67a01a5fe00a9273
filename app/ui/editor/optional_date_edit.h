// A QDateEdit that can be empty: dd/MM/yyyy, calendar popup, and the minimum
// date shown as blank standing for "no date". The popup of an empty one opens
// on a suggested month (the report's) instead of the minimum.
#pragma once

#include <QDate>
#include <QDateEdit>

namespace mobiliza::ui {

class OptionalDateEdit : public QDateEdit
{
    Q_OBJECT

public:
    explicit OptionalDateEdit(QWidget *parent = nullptr);

    QDate value() const { return isEmpty() ? QDate() : date(); }
    void setValue(const QDate &date);
    bool isEmpty() const { return date() == minimumDate(); }
    void setSuggestedDate(const QDate &date) { m_suggested = date; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;

private:
    QDate m_suggested;
};

} // namespace mobiliza::ui
