#include "app/ui/column_fit.h"

#include <QAbstractItemModel>
#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

#include <algorithm>

namespace mobiliza::ui {

ColumnFit::ColumnFit(QTableView *view, int mainColumn, int minimum)
    : QObject(view), m_view(view), m_main(mainColumn), m_minimum(minimum)
{
    QHeaderView *h = view->horizontalHeader();
    h->setStretchLastSection(false);
    h->setSectionResizeMode(QHeaderView::Interactive);
    // Measuring the first 200 rows (and those in view), not thousands, at every refit.
    h->setResizeContentsPrecision(200);
    view->verticalHeader()->setResizeContentsPrecision(200);
    view->viewport()->installEventFilter(this);
    if (QAbstractItemModel *model = view->model()) {
        connect(model, &QAbstractItemModel::modelReset, this, &ColumnFit::schedule);
        connect(model, &QAbstractItemModel::layoutChanged, this, &ColumnFit::schedule);
        connect(model, &QAbstractItemModel::rowsInserted, this, &ColumnFit::schedule);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &ColumnFit::schedule);
        connect(model, &QAbstractItemModel::dataChanged, this, &ColumnFit::schedule);
    }
    schedule();
}

bool ColumnFit::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize)
        fit(); // at once: the columns follow the width in the same frame
    return QObject::eventFilter(watched, event);
}

void ColumnFit::schedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, [this] {
        m_scheduled = false;
        fit();
    });
}

void ColumnFit::fit()
{
    QHeaderView *h = m_view->horizontalHeader();
    const int count = h->count();
    if (count == 0 || m_main >= count)
        return;
    const int available = m_view->viewport()->width();
    if (available <= 0)
        return;
    // What each column needs: its widest cell, never less than its header's words.
    QList<int> wanted(count, 0);
    QList<int> least(count, 0);
    int others = 0;
    for (int c = 0; c < count; ++c) {
        if (h->isSectionHidden(c))
            continue;
        least[c] = h->sectionSizeHint(c);
        wanted[c] = std::max(least[c], static_cast<const QAbstractItemView *>(m_view)->sizeHintForColumn(c));
        if (c != m_main)
            others += wanted[c];
    }
    const int mainWanted = wanted[m_main];
    const int mainFloor = std::min(mainWanted, m_minimum);
    QList<int> width = wanted;
    if (others + mainFloor > available) {
        // Not enough room: the widest give way first (every column capped at one width,
        // the largest that fits, never below its header's words), so a phone number or a
        // stage stays whole while a long sector is elided.
        const int budget = available - mainFloor;
        const auto total = [&](int cap) {
            int sum = 0;
            for (int c = 0; c < count; ++c)
                if (c != m_main && !h->isSectionHidden(c))
                    sum += std::max(least[c], std::min(wanted[c], cap));
            return sum;
        };
        int low = 0, high = *std::max_element(wanted.cbegin(), wanted.cend());
        while (low < high) {
            const int mid = (low + high + 1) / 2;
            if (total(mid) <= budget)
                low = mid;
            else
                high = mid - 1;
        }
        for (int c = 0; c < count; ++c)
            if (c != m_main && !h->isSectionHidden(c))
                width[c] = std::max(least[c], std::min(wanted[c], low));
    }
    int used = 0;
    for (int c = 0; c < count; ++c)
        if (c != m_main && !h->isSectionHidden(c))
            used += width[c];
    width[m_main] = std::max(least[m_main], available - used); // the rest, when there is more
    for (int c = 0; c < count; ++c)
        if (!h->isSectionHidden(c) && h->sectionSize(c) != width[c])
            h->resizeSection(c, width[c]);
}

} // namespace mobiliza::ui
