// The main window only assembles: a header, the navigation and one page per
// section. Each page is its own class (ARCHITECTURE.md rule 7).
#pragma once

#include "app/ui/app_context.h"

#include <QMainWindow>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace mobiliza::ui {

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(const AppContext &context, QWidget *parent = nullptr);

    // Stable page names (used by --page and tests): reports, partners, sync, panel, settings.
    bool showPage(const QString &name);
    QString currentPageName() const;
    QWidget *page(const QString &name) const;
    QListWidget *navigation() const { return m_nav; }

private:
    void addPage(const QString &name, const QString &title, const QIcon &icon, QWidget *page);
    void updateHeader();

    AppContext m_context;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_demoBadge = nullptr;
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    QStringList m_pageNames;
};

} // namespace mobiliza::ui
