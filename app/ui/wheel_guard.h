// Fields that change their value under the mouse wheel — combo boxes, spin boxes,
// date fields, sliders — take the wheel only once the person clicked or tabbed into
// them; otherwise the wheel scrolls the page under them, as the person meant. (A
// wheel turned over a form used to change "Formato" and photo dates, and autosave
// kept it.) One filter on the application, installed by the main window.
#pragma once

#include <QObject>

namespace mobiliza::ui {

class WheelGuard : public QObject
{
    Q_OBJECT

public:
    // Installs the guard on the application once (later calls do nothing).
    static void install();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
};

} // namespace mobiliza::ui
