// Driving the regional pages like a person: find a row, click it, wait for a
// condition with a bounded loop (no sleeps).
#pragma once

#include <catch2/catch.hpp>

#include "app/ui/main_window.h"
#include "app/ui/regional/coverage_page.h"
#include "app/ui/regional/inbox_model.h"
#include "app/ui/regional/inbox_page.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QListWidget>
#include <QSize>
#include <QTableView>
#include <QTest>
#include <QTranslator>

#include <functional>

namespace mobiliza::test {

inline bool waitUntil(const std::function<bool()> &condition, int msecs = 5000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > msecs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

// Clicks the main window's navigation entry titled `title`; false when there is none.
inline bool clickNavigation(ui::MainWindow &window, const QString &title)
{
    QListWidget *nav = window.navigation();
    for (int i = 0; i < nav->count(); ++i)
        if (nav->item(i)->text() == title) {
            QTest::mouseClick(nav->viewport(), Qt::LeftButton, {},
                              nav->visualItemRect(nav->item(i)).center());
            return true;
        }
    return false;
}

// The regional offices' two screens, in pt-BR (when its translation is built in):
// `render(size, folder)` once per size; pictures go to MOBILIZA_SCREENSHOT_DIR, else to
// `scratch` (a temporary folder of the caller).
inline void atOfficeScreens(const QString &scratch, const std::function<void(QSize, const QString &)> &render)
{
    QString folder = qEnvironmentVariable("MOBILIZA_SCREENSHOT_DIR");
    if (folder.isEmpty())
        folder = scratch;
    REQUIRE(QDir().mkpath(folder));
    QTranslator translator;
    const bool portuguese = translator.load(QStringLiteral(":/i18n/mobiliza_pt_BR.qm"));
    if (portuguese)
        QCoreApplication::installTranslator(&translator);
    for (const QSize size : {QSize(1366, 768), QSize(1024, 600)})
        render(size, folder);
    if (portuguese)
        QCoreApplication::removeTranslator(&translator);
}

inline ui::InboxPage *inboxOf(const ui::MainWindow &w)
{
    return qobject_cast<ui::InboxPage *>(w.page(QStringLiteral("inbox")));
}

inline ui::CoveragePage *coverageOf(const ui::MainWindow &w)
{
    return qobject_cast<ui::CoveragePage *>(w.page(QStringLiteral("coverage")));
}

// The table row (view order) of a report; -1 when not shown.
inline int rowOfReport(const QTableView *table, const QString &uuid)
{
    const QAbstractItemModel *m = table->model();
    for (int row = 0; row < m->rowCount(); ++row)
        if (m->index(row, 0).data(ui::InboxModel::ReportRole).toString() == uuid)
            return row;
    return -1;
}

inline QString cellText(const QTableView *table, int row, int column)
{
    return table->model()->index(row, column).data().toString();
}

inline void clickRow(QTableView *table, int row, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    const QModelIndex idx = table->model()->index(row, ui::InboxModel::Municipality);
    table->scrollTo(idx);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, table->visualRect(idx).center());
}

} // namespace mobiliza::test
