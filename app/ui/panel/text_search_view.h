// The apoio panel's "Textos" tab (issue 11, quali): words typed, searched on a worker thread in
// what was done, results, difficulties and encaminhamentos (core/panel/text_search.h) with the
// panel's filters, each passage found shown with its words highlighted, who wrote it and when;
// a link opens the report (at the COSEMS); the matching records go to CSV/XLSX.
#pragma once

#include "app/ui/app_context.h"
#include "core/panel/text_search.h"

#include <QFutureWatcher>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;

namespace mobiliza::ui {

class Dialogs;

class TextSearchView : public QWidget
{
    Q_OBJECT

public:
    // `filter`: the panel's filters now (periods, state, review states counted).
    TextSearchView(const AppContext &context, Dialogs &dialogs,
                   std::function<core::ProgramPanelFilter()> filter, bool opensReports,
                   QWidget *parent = nullptr);
    ~TextSearchView() override; // waits for a search under way

    QLineEdit *queryEdit() const { return m_query; }
    QTextBrowser *results() const { return m_results; }
    QLabel *summary() const { return m_summary; }
    const std::optional<core::TextSearchResult> &result() const { return m_result; }
    bool isSearching() const { return m_running; }

    // The filters or the copy changed: the words typed are searched again (when shown).
    void refresh();
    void search();
    bool exportMatches(bool xlsx); // asks where; false when cancelled or nothing found

    // The passage as HTML: escaped, the words found highlighted.
    static QString passageHtml(const QString &passage);

Q_SIGNALS:
    void searched(); // results shown
    void exported(bool ok);
    void openReportRequested(const QString &uuid);

private:
    void start();
    void onFinished();
    void show(const core::TextSearchResult &result);

    AppContext m_context;
    Dialogs &m_dialogs;
    std::function<core::ProgramPanelFilter()> m_filter;
    bool m_opensReports = false;
    QLineEdit *m_query = nullptr;
    QPushButton *m_csv = nullptr;
    QPushButton *m_xlsx = nullptr;
    QLabel *m_summary = nullptr;
    QTextBrowser *m_results = nullptr;
    QFutureWatcher<core::Result<core::TextSearchResult>> m_watcher;
    std::optional<core::TextSearchResult> m_result;
    bool m_running = false;
    bool m_pending = false;
    bool m_exporting = false;
};

} // namespace mobiliza::ui
