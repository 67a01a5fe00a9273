#include "app/ui/panel/text_search_view.h"

#include "app/ui/dialogs.h"

#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace mobiliza::ui {

TextSearchView::TextSearchView(const AppContext &context, Dialogs &dialogs,
                               std::function<core::ProgramPanelFilter()> filter, bool opensReports,
                               QWidget *parent)
    : QWidget(parent), m_context(context), m_dialogs(dialogs), m_filter(std::move(filter)),
      m_opensReports(opensReports)
{
    connect(&m_watcher, &QFutureWatcher<core::Result<core::TextSearchResult>>::finished, this,
            &TextSearchView::onFinished);
    QStringList searched;
    for (const QString &id : m_context.program.panel().search)
        if (const auto f = m_context.program.field(id))
            searched << f->label.toLower();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    auto *bar = new QHBoxLayout;
    auto *label = new QLabel(tr("Sea&rch the texts:"), this);
    m_query = new QLineEdit(this);
    m_query->setObjectName(QStringLiteral("textSearchQuery"));
    m_query->setClearButtonEnabled(true);
    m_query->setPlaceholderText(tr("words in %1").arg(QLocale().createSeparatedList(searched)));
    m_query->setToolTip(
        tr("Accents and capitals do not matter: “reuniao” finds “Reunião”. The start of a word "
           "is enough: “pactu” finds “pactuação”. Every word typed must be in the passage."));
    label->setBuddy(m_query);
    auto *go = new QPushButton(tr("Search"), this);
    go->setObjectName(QStringLiteral("textSearchGo"));
    m_csv = new QPushButton(tr("Export found (CSV)…"), this);
    m_csv->setObjectName(QStringLiteral("textSearchCsv"));
    m_xlsx = new QPushButton(tr("Export found (XLSX)…"), this);
    m_xlsx->setObjectName(QStringLiteral("textSearchXlsx"));
    for (QPushButton *b : {m_csv, m_xlsx}) {
        b->setToolTip(tr("The actions found, one per row: who, when, where the words are, the passages, then "
                         "every field of the action, for qualitative analysis in a spreadsheet."));
        b->setEnabled(false);
    }
    bar->addWidget(label);
    bar->addWidget(m_query, 1);
    bar->addWidget(go);
    bar->addWidget(m_csv);
    bar->addWidget(m_xlsx);
    layout->addLayout(bar);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("textSearchSummary"));
    m_summary->setWordWrap(true);
    m_summary->setText(tr("Type words and press Enter. The search uses the panel's filters above."));
    layout->addWidget(m_summary);
    m_results = new QTextBrowser(this);
    m_results->setObjectName(QStringLiteral("textSearchResults"));
    m_results->setOpenLinks(false);
    m_results->setAccessibleName(tr("Passages found"));
    layout->addWidget(m_results, 1);

    connect(m_query, &QLineEdit::returnPressed, this, &TextSearchView::search);
    connect(go, &QPushButton::clicked, this, &TextSearchView::search);
    connect(m_csv, &QPushButton::clicked, this, [this] { exportMatches(false); });
    connect(m_xlsx, &QPushButton::clicked, this, [this] { exportMatches(true); });
    connect(m_results, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() == QLatin1String("report"))
            Q_EMIT openReportRequested(url.path());
    });
}

TextSearchView::~TextSearchView()
{
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void TextSearchView::refresh()
{
    if (isVisible() && m_result && !core::ftsExpression(m_query->text()).isEmpty())
        search();
}

void TextSearchView::search()
{
    if (core::ftsExpression(m_query->text()).isEmpty()) {
        m_summary->setText(tr("Type one or more words to search for."));
        return;
    }
    if (m_running) {
        m_pending = true;
        return;
    }
    start();
}

void TextSearchView::start()
{
    m_running = true;
    m_pending = false;
    m_summary->setText(tr("Searching…"));
    core::TextSearchFilter filter;
    filter.panel = m_filter();
    filter.query = m_query->text();
    m_watcher.setFuture(
        QtConcurrent::run([dataDir = m_context.dataDir, clock = m_context.clock, program = m_context.program,
                           filter] { return core::searchTextsIn(dataDir, *clock, program, filter); }));
}

void TextSearchView::onFinished()
{
    m_running = false;
    const core::Result<core::TextSearchResult> result = m_watcher.result();
    if (m_pending) { // new words or filters meanwhile
        start();
        return;
    }
    if (!result) {
        m_summary->setText(tr("The search could not be made: %1").arg(result.error().message));
        return;
    }
    show(result.value());
}

QString TextSearchView::passageHtml(const QString &passage)
{
    QString html;
    QString run;
    for (const QChar c : passage) {
        if (c == core::kMatchStart || c == core::kMatchEnd) {
            html += run.toHtmlEscaped();
            run.clear();
            html += c == core::kMatchStart
                        ? QStringLiteral("<span style='background:#ffe08a; font-weight:bold;'>")
                        : QStringLiteral("</span>");
        } else {
            run += c;
        }
    }
    return html + run.toHtmlEscaped();
}

void TextSearchView::show(const core::TextSearchResult &result)
{
    m_result = result;
    const QLocale locale;
    m_csv->setEnabled(result.total > 0);
    m_xlsx->setEnabled(result.total > 0);
    if (result.total == 0) {
        m_summary->setText(tr("Nothing found for “%1” with these filters.").arg(m_query->text().trimmed()));
        m_results->clear();
        Q_EMIT searched();
        return;
    }
    QString summary = tr("%n passage(s)", nullptr, result.total) + QStringLiteral(" ") +
                      tr("in %n action(s), best first.", nullptr, result.actions);
    if (result.matches.size() < result.total)
        summary += QLatin1Char(' ') + tr("The first %1 are shown; the export has them all.")
                                          .arg(locale.toString(result.matches.size()));
    m_summary->setText(summary);
    QString html;
    for (const core::TextMatch &m : result.matches) {
        const auto field = m_context.program.field(m.field);
        QString where = field ? field->label : m.field;
        if (m.entry >= 0)
            where += QStringLiteral(" %1").arg(m.entry + 1);
        const QString who = m.unitName.isEmpty() ? m.unit : m.unitName;
        html += QStringLiteral("<p style='margin-bottom:10px;'><b>%1</b> · %2 · %3 · <i>%4</i>")
                    .arg(who.toHtmlEscaped(), m.period.display().toHtmlEscaped(),
                         tr("%1 %2").arg(m_context.program.recordLabel()).arg(m.position + 1).toHtmlEscaped(),
                         where.toHtmlEscaped());
        if (m_opensReports)
            html += QStringLiteral(" · <a href='report:%1'>%2</a>").arg(m.report, tr("open the report"));
        html += QStringLiteral("<br>") + passageHtml(m.passage) + QStringLiteral("</p>");
    }
    m_results->setHtml(html);
    Q_EMIT searched();
}

bool TextSearchView::exportMatches(bool xlsx)
{
    if (!m_result || m_result->total == 0 || m_exporting)
        return false;
    const QString path =
        m_dialogs.saveFileName(this, tr("Export the actions found"),
                               QStringLiteral("busca-%1.%2")
                                   .arg(core::ftsExpression(m_query->text())
                                            .remove(QLatin1Char('"'))
                                            .remove(QLatin1Char('*'))
                                            .replace(QLatin1Char(' '), QLatin1Char('-')),
                                        xlsx ? QStringLiteral("xlsx") : QStringLiteral("csv")),
                               xlsx ? tr("Excel workbook (*.xlsx)") : tr("CSV file (*.csv)"));
    if (path.isEmpty())
        return false;
    m_exporting = true;
    // Every match, not only those shown: searched again without the limit, then written.
    core::TextSearchFilter filter;
    filter.panel = m_filter();
    filter.query = m_query->text();
    filter.limit = std::numeric_limits<int>::max();
    auto *watcher = new QFutureWatcher<core::Status>(this);
    connect(watcher, &QFutureWatcher<core::Status>::finished, this, [this, watcher, path] {
        const core::Status written = watcher->result();
        watcher->deleteLater();
        m_exporting = false;
        if (written)
            m_dialogs.inform(this, tr("Actions exported"),
                             tr("The actions found were written to %1.").arg(QDir::toNativeSeparators(path)));
        else
            m_dialogs.warn(this, tr("Actions not exported"),
                           tr("The actions found could not be written: %1").arg(written.error().message));
        Q_EMIT exported(written.ok());
    });
    watcher->setFuture(QtConcurrent::run(
        [dataDir = m_context.dataDir, clock = m_context.clock, program = m_context.program, filter, path] {
            auto all = core::searchTextsIn(dataDir, *clock, program, filter);
            if (!all)
                return core::Status(all.error());
            return core::writeTextMatches(all.value(), program, path);
        }));
    return true;
}

} // namespace mobiliza::ui
