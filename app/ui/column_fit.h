// A table whose one column matters most (a partner's name) keeps that column
// readable on a small screen. QHeaderView's modes cannot say it: with the other
// columns "as wide as their content" and the main one "stretching", the main one
// gets what is left — at 1024×600 thirty pixels, names cut to two letters. Here
// the other columns take their content's width while there is room; when there is
// not, the widest give way first (their text elided, the header still whole)
// so that the main column keeps `minimum` pixels (or its content's width, if less).
// Refitted when the view is resized and when its rows change.
#pragma once

#include <QObject>

class QTableView;

namespace mobiliza::ui {

class ColumnFit : public QObject
{
public:
    ColumnFit(QTableView *view, int mainColumn, int minimum);
    void fit();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void schedule();

    QTableView *m_view;
    int m_main;
    int m_minimum;
    bool m_scheduled = false;
};

} // namespace mobiliza::ui
