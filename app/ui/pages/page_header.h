#pragma once

#include <QString>

class QLabel;
class QTableView;
class QWidget;
class QLayout;

namespace mobiliza::ui {

// A page title with a one-line explanation under it, the same on every page.
QWidget *makePageHeader(const QString &title, const QString &description, QWidget *parent);
// A red line under the header for what could not be read, hidden until it has something to say.
QLabel *makeErrorLine(QWidget *parent);
// A read-only list: whole rows, one at a time, never edited in place; alternating rows, no
// grid, no wrapping, no row numbers.
void setUpListTable(QTableView *table);

} // namespace mobiliza::ui
