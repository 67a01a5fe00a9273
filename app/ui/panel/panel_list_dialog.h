// The list behind a number of the Painel (core/panel/panel_rows.h): the actions,
// the reports or the municipalities without actions that the tile or the ranking
// counts, computed off the UI thread, sortable, with the filter they are of, their
// count and an export to CSV (Excel pt-BR). A report's row opens it (double-click
// or Enter). Several kinds are tabs of one dialog (the active núcleos: their
// actions and the municipalities without any). No partner's personal data.
#pragma once

#include "app/ui/app_context.h"
#include "core/panel/panel_rows.h"

#include <QDialog>

class QLabel;
class QTabWidget;
class QTableView;

namespace mobiliza::ui {

class Dialogs;
class PanelListModel;

struct PanelListRequest
{
    core::PanelFilter filter;           // the figures' (PanelData::filter)
    QList<core::PanelListKind> kinds;   // one tab each
    QList<core::Municipality> scope;    // the page's
    QString title;                      // the window's
    QString shown;                      // what the figures are (the page's line)
};

class PanelListDialog : public QDialog
{
    Q_OBJECT

public:
    static constexpr int ReportRole = Qt::UserRole + 2; // a row's report uuid (empty: none)

    PanelListDialog(const AppContext &context, Dialogs &dialogs, const PanelListRequest &request,
                    QWidget *parent = nullptr);
    ~PanelListDialog() override;

    const PanelListRequest &request() const { return m_request; }
    int tabCount() const;
    QTableView *table(int tab = 0) const;
    // The rows of a tab once computed (empty before), in the table's order.
    int rowCount(int tab = 0) const;
    bool isLoading() const { return m_loading > 0; }
    // Writes a tab's rows to a file the person picks (the dialogs seam); false when nothing was written.
    bool exportCsv(int tab = 0);
    // Sized for a screen of `available` room (a laptop's 1366 × 768, a netbook's 1024 × 600).
    void fitScreen(const QSize &available);

Q_SIGNALS:
    void loaded(); // every tab has its rows (or says why not)
    void openReportRequested(const QString &reportUuid);

private:
    struct Tab;
    void addTab(core::PanelListKind kind);
    void showRows(Tab &tab, const core::Result<QList<core::PanelActionRow>> &rows);

    AppContext m_context;
    Dialogs &m_dialogs;
    PanelListRequest m_request;
    QTabWidget *m_tabs = nullptr;
    QList<Tab *> m_tabList;
    int m_loading = 0;
};

} // namespace mobiliza::ui
