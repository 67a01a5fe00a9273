// What does not fit a screen in a page or dialog as it is laid out now: a scroll
// area scrolling sideways, a label that does not wrap, a button, a check box, a tab
// bar or a table column narrower than its words. Shared by test_small_screen.cpp
// (the municipality's window) and test_regional_screens.cpp (URS and central).
#pragma once

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QHeaderView>
#include <QLabel>
#include <QScrollBar>
#include <QStringList>
#include <QTabBar>
#include <QWidget>

namespace mobiliza::test {

inline QString where(const QString &page, const QWidget *w)
{
    return page + QStringLiteral(" › ") + QString::fromLatin1(w->metaObject()->className()) +
           QLatin1Char('#') + w->objectName();
}

// What does not fit in `root` (a page or a dialog) as it is laid out now.
inline QStringList problemsIn(const QString &page, QWidget *root)
{
    QStringList problems;
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : std::as_const(widgets)) {
        if (!w->isVisibleTo(root->window()) || w->width() <= 0)
            continue;
        const QString place = where(page, w);
        if (auto *h = qobject_cast<QHeaderView *>(w)) {
            // A column narrower than its header's words ("Nome" shown as "om").
            if (h->orientation() == Qt::Horizontal && h->model())
                for (int c = 0; c < h->count(); ++c)
                    if (!h->isSectionHidden(c) && h->sectionSize(c) + 1 < h->sectionSizeHint(c))
                        problems << place + QStringLiteral(": column \"%1\" cut (%2 of %3 px)")
                                                .arg(h->model()->headerData(c, Qt::Horizontal).toString())
                                                .arg(h->sectionSize(c))
                                                .arg(h->sectionSizeHint(c));
        } else if (auto *area = qobject_cast<QAbstractScrollArea *>(w)) {
            if (area->horizontalScrollBar()->isVisible())
                problems << place + QStringLiteral(": scrolls sideways (%1 steps)")
                                        .arg(area->horizontalScrollBar()->maximum());
        } else if (auto *label = qobject_cast<QLabel *>(w)) {
            if (!label->wordWrap() && !label->text().isEmpty() && label->pixmap().isNull() &&
                label->width() + 1 < label->sizeHint().width())
                problems << place + QStringLiteral(": \"%1\" cut (%2 of %3 px)")
                                        .arg(label->text().left(60))
                                        .arg(label->width())
                                        .arg(label->sizeHint().width());
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            if (!button->text().isEmpty() && button->width() + 1 < button->sizeHint().width())
                problems << place + QStringLiteral(": \"%1\" cut (%2 of %3 px)")
                                        .arg(button->text())
                                        .arg(button->width())
                                        .arg(button->sizeHint().width());
        } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            if (tabs->width() + 1 < tabs->sizeHint().width())
                problems << place + QStringLiteral(": tabs cut (%1 of %2 px)")
                                        .arg(tabs->width())
                                        .arg(tabs->sizeHint().width());
        }
    }
    return problems;
}

} // namespace mobiliza::test
