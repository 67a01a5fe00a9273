#include "app/ui/pages/role_pages.h"

#include "app/ui/pages/settings_page.h"
#include "app/ui/pages/sync_page.h"

#include <QApplication>
#include <QStyle>

namespace mobiliza::ui {

QStringList regionalPageNames()
{
    return {QStringLiteral("inbox"), QStringLiteral("coverage"), QStringLiteral("sync"), QStringLiteral("settings")};
}

QList<RolePage> regionalPages(const AppContext &context, QWidget *parent, Dialogs &dialogs)
{
    Q_UNUSED(dialogs);
    const QStyle *st = QApplication::style();
    return {
        {QStringLiteral("sync"), QCoreApplication::translate("MainWindow", "Synchronization"),
         st->standardIcon(QStyle::SP_BrowserReload), new SyncPage(context, parent)},
        {QStringLiteral("settings"), QCoreApplication::translate("MainWindow", "Settings"),
         st->standardIcon(QStyle::SP_FileDialogInfoView), new SettingsPage(context, parent)},
    };
}

} // namespace mobiliza::ui
