#include "app/ui/pages/page_header.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace mobiliza::ui {

QWidget *makePageHeader(const QString &title, const QString &description, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 8);
    layout->setSpacing(2);
    auto *t = new QLabel(title, box);
    QFont f = t->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    t->setFont(f);
    t->setObjectName(QStringLiteral("pageTitle"));
    auto *d = new QLabel(description, box);
    d->setWordWrap(true);
    d->setStyleSheet(QStringLiteral("color: #4a5a6a;"));
    layout->addWidget(t);
    layout->addWidget(d);
    return box;
}

void setUpListTable(QTableView *table)
{
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
}

QLabel *makeErrorLine(QWidget *parent)
{
    auto *error = new QLabel(parent);
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #a01818;"));
    error->hide();
    return error;
}

} // namespace mobiliza::ui
