// The pages of a role, assembled in one place: the main window adds what the
// profile's role gets (ARCHITECTURE.md: the app by role). The municipal pages
// live in app/ui/pages and app/ui/editor; the regional desk's in app/ui/regional.
#pragma once

#include "app/ui/app_context.h"

#include <QIcon>
#include <QList>
#include <QString>

class QWidget;

namespace mobiliza::ui {

class Dialogs;

struct RolePage
{
    QString name;  // stable, for --page and tests
    QString title; // translated, in the navigation
    QIcon icon;
    QWidget *widget = nullptr;
};

// A URS's (and, until issue 10, the central level's) pages, in navigation order.
QList<RolePage> regionalPages(const AppContext &context, QWidget *parent, Dialogs &dialogs);
// Their stable names (for --page): the first is the role's home page.
QStringList regionalPageNames();

} // namespace mobiliza::ui
