#include "app/ui/wheel_guard.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QScrollBar>
#include <QWheelEvent>

namespace mobiliza::ui {

namespace {

bool turnsValue(const QObject *o)
{
    return qobject_cast<const QComboBox *>(o) || qobject_cast<const QAbstractSpinBox *>(o) ||
           (qobject_cast<const QAbstractSlider *>(o) && !qobject_cast<const QScrollBar *>(o));
}

} // namespace

void WheelGuard::install()
{
    if (!qApp || qApp->findChild<WheelGuard *>(QString(), Qt::FindDirectChildrenOnly))
        return;
    qApp->installEventFilter(new WheelGuard(qApp));
}

bool WheelGuard::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Polish:
        // The wheel would first give such a field the focus, and then the value.
        if (turnsValue(watched)) {
            auto *w = static_cast<QWidget *>(watched);
            if (w->focusPolicy() == Qt::WheelFocus)
                w->setFocusPolicy(Qt::StrongFocus);
        }
        break;
    case QEvent::Wheel:
        // Not focused: not for it. The scroll area the field is in gets it (sent to its
        // viewport, where the wheel scrolls it: a forwarded event goes no further).
        if (auto *w = static_cast<QWidget *>(watched); turnsValue(watched) && !w->hasFocus()) {
            const auto *wheel = static_cast<QWheelEvent *>(event);
            for (QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
                if (auto *area = qobject_cast<QAbstractScrollArea *>(p)) {
                    QWidget *viewport = area->viewport();
                    QWheelEvent forwarded(viewport->mapFromGlobal(wheel->globalPosition()),
                                          wheel->globalPosition(), wheel->pixelDelta(), wheel->angleDelta(),
                                          wheel->buttons(), wheel->modifiers(), wheel->phase(),
                                          wheel->inverted(), wheel->source());
                    QCoreApplication::sendEvent(viewport, &forwarded);
                    break;
                }
            }
            return true;
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace mobiliza::ui
