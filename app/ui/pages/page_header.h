#pragma once

#include <QString>

class QWidget;
class QLayout;

namespace mobiliza::ui {

// A page title with a one-line explanation under it, the same on every page.
QWidget *makePageHeader(const QString &title, const QString &description, QWidget *parent);

} // namespace mobiliza::ui
