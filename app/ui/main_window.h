// The main window only assembles: a header, the navigation and one page per
// section. Each page is its own class (ARCHITECTURE.md rule 7).
#pragma once

#include "app/ui/app_context.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QListWidget;
class QStackedWidget;

namespace mobiliza::ui {

class Dialogs;
class ReportEditorPage;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `dialogs`: the message/file dialog seam (tests pass a fake); nullptr uses real dialogs.
    explicit MainWindow(const AppContext &context, QWidget *parent = nullptr, Dialogs *dialogs = nullptr);
    ~MainWindow() override;

    // Stable page names (used by --page and tests): reports, partners, sync, panel, settings,
    // and editor (reached from reports; with no report chosen it opens the most recent draft,
    // else the newest report).
    bool showPage(const QString &name);
    void openReport(const QString &uuid); // the editor on that report
    ReportEditorPage *editor() const { return m_editor; }
    QString currentPageName() const;
    QWidget *page(const QString &name) const;
    // Package files opened with the app (or handed over by a second start): imported on
    // the municipality's Relatórios page, or the URS's / central level's inbox.
    bool importFiles(const QStringList &files);
    QListWidget *navigation() const { return m_nav; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showRow(int row);
    void addMunicipalPages(Dialogs &dialogs);
    void placeOnScreen();
    void addPage(const QString &name, const QString &title, const QIcon &icon, QWidget *page);
    void updateHeader();

    AppContext m_context;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_demoBadge = nullptr;
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_stack = nullptr;
    QStringList m_pageNames;
    std::unique_ptr<Dialogs> m_ownDialogs;
    ReportEditorPage *m_editor = nullptr;
};

} // namespace mobiliza::ui
