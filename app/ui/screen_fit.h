// A dialog's size within its screen: what it wants, never more than the screen's free
// room (less a margin for the window's frame and a panel), so that its buttons stay
// reachable on a 1024×600 netbook.
#pragma once

#include <QScreen>
#include <QSize>
#include <QWidget>

#include <algorithm>

namespace mobiliza::ui {

// `wanted` within `room` (a screen's free size), less the frame's and a panel's margin.
inline QSize withinRoom(QSize wanted, QSize room)
{
    return wanted.boundedTo(QSize(std::max(320, room.width() - 40), std::max(240, room.height() - 60)));
}

inline QSize withinScreen(const QWidget *widget, QSize wanted)
{
    const QScreen *screen = widget->screen();
    return withinRoom(wanted, screen ? screen->availableGeometry().size() : QSize(1024, 600));
}

inline void resizeWithinScreen(QWidget *widget, QSize wanted)
{
    widget->resize(withinScreen(widget, wanted));
}

} // namespace mobiliza::ui
