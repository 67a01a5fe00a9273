// Setting a widget's style sheet, even to the text it already has, polishes it
// again and lays the whole window out (every wrapped label of every page measured
// again: 10–40 ms on a large profile). Code that runs at each change — an autosave,
// a reload, a sync step — sets it only when it changes.
#pragma once

#include <QString>
#include <QWidget>

namespace mobiliza::ui {

inline void setStyleIfChanged(QWidget *widget, const QString &styleSheet)
{
    if (widget->styleSheet() != styleSheet)
        widget->setStyleSheet(styleSheet);
}

} // namespace mobiliza::ui
