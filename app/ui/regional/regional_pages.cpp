#include "app/ui/pages/role_pages.h"

#include "app/ui/main_window.h"
#include "app/ui/pages/settings_page.h"
#include "app/ui/pages/sync_page.h"
#include "app/ui/panel/panel_dashboard.h"
#include "app/ui/panel/program_panel_page.h"
#include "app/ui/regional/batches_page.h"
#include "app/ui/regional/coverage_page.h"
#include "app/ui/regional/inbox_page.h"
#include "app/ui/regional/partners_region_page.h"
#include "app/ui/regional/regional_format.h"

#include <QApplication>
#include <QStyle>

#include <functional>

namespace mobiliza::ui {

QStringList regionalPageNames()
{
    return {QStringLiteral("inbox"),    QStringLiteral("coverage"), QStringLiteral("batches"),
            QStringLiteral("partners"), QStringLiteral("panel"),    QStringLiteral("sync"),
            QStringLiteral("settings")};
}

namespace {

// A coverage cell, or a row of a list behind the Painel's numbers, opens its report in
// the inbox's report view: the main window (the pages' parent) shows the inbox first.
std::function<void(const QString &)> opensInInbox(InboxPage *inbox, QWidget *parent)
{
    return [inbox, parent](const QString &uuid) {
        if (auto *window = qobject_cast<MainWindow *>(parent))
            window->showPage(QStringLiteral("inbox"));
        inbox->openReport(uuid);
    };
}

} // namespace

QList<RolePage> regionalPages(const AppContext &context, QWidget *parent, Dialogs &dialogs)
{
    const QStyle *st = QApplication::style();
    // The apoio program's COSEMS reviews its apoiadores, follows who reported and where the
    // apoio reached, and sees its state's panel; CONASEMS sees the country's panel. Neither
    // has batches, partners or SES-MG's Painel.
    if (regional::reviewsPeople(context.program)) {
        QList<RolePage> pages;
        auto *panel = new ProgramPanelPage(context, dialogs, parent);
        if (context.role != core::Role::Central) {
            auto *inbox = new InboxPage(context, dialogs, parent);
            auto *coverage = new CoveragePage(context, dialogs, parent);
            QObject::connect(coverage, &CoveragePage::openReportRequested, inbox,
                             opensInInbox(inbox, parent));
            QObject::connect(panel, &ProgramPanelPage::openReportRequested, inbox,
                             opensInInbox(inbox, parent));
            pages << RolePage{QStringLiteral("inbox"), QCoreApplication::translate("RegionalPages", "Inbox"),
                              st->standardIcon(QStyle::SP_FileDialogDetailedView), inbox}
                  << RolePage{QStringLiteral("coverage"),
                              QCoreApplication::translate("RegionalPages", "Coverage"),
                              st->standardIcon(QStyle::SP_FileDialogListView), coverage};
        }
        pages << RolePage{QStringLiteral("panel"), QCoreApplication::translate("MainWindow", "Panel"),
                          st->standardIcon(QStyle::SP_FileDialogContentsView), panel};
        pages << RolePage{QStringLiteral("sync"),
                          QCoreApplication::translate("MainWindow", "Synchronization"),
                          st->standardIcon(QStyle::SP_BrowserReload), new SyncPage(context, parent)}
              << RolePage{QStringLiteral("settings"), QCoreApplication::translate("MainWindow", "Settings"),
                          st->standardIcon(QStyle::SP_FileDialogInfoView), new SettingsPage(context, parent)};
        return pages;
    }
    auto *inbox = new InboxPage(context, dialogs, parent);
    auto *coverage = new CoveragePage(context, dialogs, parent);
    const auto openInInbox = opensInInbox(inbox, parent);
    QObject::connect(coverage, &CoveragePage::openReportRequested, inbox, openInInbox);
    auto *panel = new PanelDashboard(context, dialogs, parent);
    QObject::connect(panel, &PanelDashboard::openReportRequested, inbox, openInInbox);
    // A coverage bar of the Painel opens that month's column of the coverage grid.
    QObject::connect(panel, &PanelDashboard::openCoverageRequested, coverage,
                     [coverage, parent](const core::Period &period) {
                         if (auto *window = qobject_cast<MainWindow *>(parent))
                             window->showPage(QStringLiteral("coverage"));
                         coverage->selectPeriod(period);
                     });
    // The central level consolidates what the URS forwarded: it makes no batches, and its
    // inbox is the forwarded reports (app/ui/regional/regional_format.h: isCentralDesk).
    const bool central = context.role == core::Role::Central;
    QList<RolePage> pages{
        {QStringLiteral("inbox"),
         central ? QCoreApplication::translate("RegionalPages", "Forwarded")
                 : QCoreApplication::translate("RegionalPages", "Inbox"),
         st->standardIcon(QStyle::SP_FileDialogDetailedView), inbox},
        {QStringLiteral("coverage"), QCoreApplication::translate("RegionalPages", "Coverage"),
         st->standardIcon(QStyle::SP_FileDialogListView), coverage},
    };
    if (!central)
        pages << RolePage{QStringLiteral("batches"), QCoreApplication::translate("RegionalPages", "Batches"),
                          st->standardIcon(QStyle::SP_ArrowForward),
                          new BatchesPage(context, dialogs, parent)};
    pages << QList<RolePage>{
        {QStringLiteral("partners"),
         central ? QCoreApplication::translate("RegionalPages", "Partners of the state")
                 : QCoreApplication::translate("RegionalPages", "Partners of the region"),
         st->standardIcon(QStyle::SP_DirHomeIcon), new PartnersRegionPage(context, dialogs, parent)},
        {QStringLiteral("panel"), QCoreApplication::translate("MainWindow", "Panel"),
         st->standardIcon(QStyle::SP_FileDialogContentsView), panel},
        {QStringLiteral("sync"), QCoreApplication::translate("MainWindow", "Synchronization"),
         st->standardIcon(QStyle::SP_BrowserReload), new SyncPage(context, parent)},
        {QStringLiteral("settings"), QCoreApplication::translate("MainWindow", "Settings"),
         st->standardIcon(QStyle::SP_FileDialogInfoView), new SettingsPage(context, parent)},
    };
    return pages;
}

} // namespace mobiliza::ui
