#include "app/ui/pages/panel_page.h"
#include "app/ui/style_sheet.h"

#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/page_header.h"
#include "app/ui/panel/panel_charts.h"
#include "app/ui/panel/panel_controls.h"
#include "app/ui/panel/panel_files.h"
#include "app/ui/panel/panel_tiles.h"
#include "core/panel/panel_job.h"
#include "core/regional/coverage.h"
#include "core/services/services.h"

#include <QBarSet>
#include <QBrush>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedBarSeries>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {

constexpr int kPeriodRole = Qt::UserRole + 1; // a month row's period key ("2026-10")

constexpr int kMonthChoices = 36; // three years, or back to the oldest report
constexpr int kDefaultMonths = 12;

QString coverageLabel(const QString &key)
{
    using core::CoverageState;
    for (CoverageState s : {CoverageState::OnTime, CoverageState::Late, CoverageState::NoActions,
                            CoverageState::Returned, CoverageState::Missing})
        if (core::coverageStateKey(s) == key)
            return core::coverageStateLabel(s);
    return key;
}

} // namespace

PanelPage::PanelPage(const AppContext &context, Dialogs &dialogs, QWidget *parent)
    : QWidget(parent), m_context(context), m_dialogs(dialogs)
{
    m_municipality = m_context.reference.municipality(m_context.services->profile().municipality());
    m_job = new core::PanelJob(m_context.dataDir, *m_context.clock, this);
    connect(m_job, &core::PanelJob::ready, this, &PanelPage::showFigures);
    connect(m_job, &core::PanelJob::failed, this, [this](const QString &message) {
        m_error->setStyleSheet(QStringLiteral("color: #a01818; padding: 8px;"));
        m_error->setText(tr("The panel could not be computed: %1").arg(message));
        m_error->show();
        Q_EMIT computeFailed(message);
    });

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(20, 16, 20, 8);
    outer->addWidget(makePageHeader(
        tr("Panel"),
        tr("Actions, people reached and months sent of %1, from the reports on this computer: it works "
           "offline.")
            .arg(m_municipality ? m_municipality->name : tr("this municipality")),
        this));

    m_building = true;
    m_from = new QComboBox(this);
    m_from->setObjectName(QStringLiteral("panelFrom"));
    m_to = new QComboBox(this);
    m_to->setObjectName(QStringLiteral("panelTo"));
    fillMonths();
    m_theme = newCatalogueFilter(this, m_context.program, QStringLiteral("panelTheme"), tr("Every theme"),
                                 core::field_role::Themes);
    m_format = newCatalogueFilter(this, m_context.program, QStringLiteral("panelFormat"), tr("Every format"),
                                  core::field_role::Format);
    m_includeUnaccepted = new QCheckBox(tr("Include reports not yet accepted by the URS (drafts too)"), this);
    m_includeUnaccepted->setObjectName(QStringLiteral("panelIncludeReceived"));
    m_includeUnaccepted->setToolTip(
        tr("Unticked, only the reports the URS accepted count — what the URS and the state see."));
    m_includeUnaccepted->setChecked(true);

    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, this);
        l->setBuddy(buddy);
        return l;
    };
    auto *filters = new QGridLayout;
    filters->setHorizontalSpacing(8);
    filters->setVerticalSpacing(4);
    filters->addWidget(label(tr("&From:"), m_from), 0, 0);
    filters->addWidget(m_from, 0, 1);
    filters->addWidget(label(tr("&To:"), m_to), 0, 2);
    filters->addWidget(m_to, 0, 3);
    filters->addWidget(m_includeUnaccepted, 0, 4, 1, 2);
    filters->addWidget(label(tr("T&heme:"), m_theme), 1, 0);
    filters->addWidget(m_theme, 1, 1, 1, 3);
    filters->addWidget(label(tr("F&ormat:"), m_format), 1, 4);
    filters->addWidget(m_format, 1, 5);
    filters->setColumnStretch(5, 1);
    outer->addLayout(filters);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("panelStatus"));
    m_error->setWordWrap(true);
    m_error->hide();
    outer->addWidget(m_error);

    auto *content = new QWidget(this);
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(0, 0, 4, 0);
    m_shown = new QLabel(content);
    m_shown->setObjectName(QStringLiteral("panelShown"));
    m_shown->setWordWrap(true);
    m_shown->setStyleSheet(QStringLiteral("color: #34495a;"));
    m_shown->setMinimumHeight(m_shown->fontMetrics().lineSpacing() * 2 + 4);
    grid->addWidget(m_shown, 0, 0, 1, 2);
    auto *tiles = new QHBoxLayout;
    m_actions = new PanelTile(QStringLiteral("tileActions"), tr("actions"), content);
    m_people = new PanelTile(QStringLiteral("tilePeople"), tr("people reached"), content);
    m_reporting =
        new PanelTile(QStringLiteral("tileReporting"), tr("months of the period sent to the URS"), content);
    m_onTime = new PanelTile(QStringLiteral("tileOnTime"), tr("of the reports sent on time"), content);
    for (PanelTile *t : {m_actions, m_people, m_reporting, m_onTime}) {
        // The months below are the list behind these figures: the tiles are not buttons here.
        t->setCursor(Qt::ArrowCursor);
        t->setFocusPolicy(Qt::NoFocus);
        t->setToolTip(QString());
        tiles->addWidget(t, 1);
    }
    grid->addLayout(tiles, 1, 0, 1, 2);

    m_months = new QTableWidget(content);
    m_months->setObjectName(QStringLiteral("panelMonths"));
    m_months->setColumnCount(5);
    m_months->setHorizontalHeaderLabels(
        {tr("Month"), tr("Report"), tr("Sent to the URS"), tr("Actions"), tr("People reached")});
    m_months->verticalHeader()->hide();
    m_months->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_months->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_months->setAlternatingRowColors(true);
    m_months->setShowGrid(false);
    m_months->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_months->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_months->setSelectionMode(QAbstractItemView::SingleSelection);
    m_months->setMinimumHeight(260);
    m_months->setAccessibleName(tr("The months of the period"));
    m_months->setToolTip(tr("Double-click a month (or press Enter) to open its report, or to start it."));
    const auto openRow = [this](int row) {
        const QTableWidgetItem *item = m_months->item(row, 0);
        if (!item)
            return;
        if (const QString report = item->data(Qt::UserRole).toString(); !report.isEmpty())
            Q_EMIT openReportRequested(report);
        else // never started: the person is asked, then it opens in the editor
            Q_EMIT startMonthRequested(item->data(kPeriodRole).toString());
    };
    // Activated: a double-click, or Enter (once each, whatever the style).
    connect(m_months, &QTableWidget::cellActivated, this, [openRow](int row, int) { openRow(row); });
    auto *monthsTitle = new QLabel(
        tr("<b>Month by month</b> — newest first. Double-click a month to open its report (or to start "
           "one not started yet)."),
        content);
    monthsTitle->setWordWrap(true);
    auto *monthsBar = new QHBoxLayout;
    monthsBar->addWidget(monthsTitle, 1);
    auto *csv = new QPushButton(tr("Export data (CSV)…"), content);
    csv->setObjectName(QStringLiteral("panelExportCsv"));
    csv->setToolTip(
        tr("One row per month of the selection, for Excel: whether it reached the URS, actions and "
           "people reached. No partner's personal data."));
    auto *xlsx = new QPushButton(tr("Export data (XLSX)…"), content);
    xlsx->setObjectName(QStringLiteral("panelExportXlsx"));
    xlsx->setToolTip(csv->toolTip());
    connect(csv, &QPushButton::clicked, this, [this] { exportData(false); });
    connect(xlsx, &QPushButton::clicked, this, [this] { exportData(true); });
    monthsBar->addWidget(csv);
    monthsBar->addWidget(xlsx);
    grid->addLayout(monthsBar, 2, 0, 1, 2);
    grid->addWidget(m_months, 3, 0, 1, 2);

    m_themeView =
        newChartView(QStringLiteral("chartThemes"), content, 290, new QChart); // empty until the first answer
    m_peopleView = newChartView(QStringLiteral("chartPeople"), content, 230, new QChart);
    m_formatView = newChartView(QStringLiteral("chartFormats"), content, 280, new QChart);
    m_audienceView = newChartView(QStringLiteral("chartAudiences"), content, 280, new QChart);
    grid->addWidget(m_themeView, 4, 0, 1, 2);
    grid->addWidget(m_peopleView, 5, 0, 1, 2);
    grid->addWidget(m_formatView, 6, 0);
    grid->addWidget(m_audienceView, 6, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    for (QChartView *view : chartViews())
        addChartSaveActions(view, this, [this](QChartView *v, bool svg) {
            if (m_data)
                saveChartFile(this, m_dialogs, v, m_data->filter, m_shown->text(), svg);
        });

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("panelScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    keepRange(
        m_from, m_to, this, [this] { return m_building; }, [this] { requestFigures(); });
    for (QComboBox *combo : {m_theme, m_format})
        connect(combo, &QComboBox::currentIndexChanged, this, &PanelPage::requestFigures);
    connect(m_includeUnaccepted, &QCheckBox::toggled, this, &PanelPage::requestFigures);
    m_building = false;

    // Typing in the editor saves every few seconds: the figures follow once the changes pause.
    m_refresh = new QTimer(this);
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(800);
    connect(m_refresh, &QTimer::timeout, this, &PanelPage::requestFigures);
    const auto changed = [this] {
        if (isVisible())
            m_refresh->start();
        else
            m_dirty = true;
    };
    auto &notifier = m_context.services->notifier();
    connect(&notifier, &core::Notifier::reportChanged, this, changed);
    connect(&notifier, &core::Notifier::reportsReset, this, changed);
    connect(&notifier, &core::Notifier::targetsChanged, this, changed);
}

PanelPage::~PanelPage() = default;

// Newest month first, ending with the month being recorded now (Brasília); back three
// years, or to the oldest report when it is older. Filled again when either end moved
// (a new month began, an older report came in), keeping the months chosen.
void PanelPage::fillMonths()
{
    const core::Period last = core::Period::fromDate(core::brasiliaDate(m_context.clock->now()));
    core::Period oldest = last;
    for (int i = 1; i < kMonthChoices; ++i)
        oldest = oldest.previous();
    if (const auto stored = m_context.services->reports().oldestPeriod(m_context.program.id());
        stored && stored.value().isValid() && stored.value() < oldest)
        oldest = stored.value();
    if (m_monthsFrom == oldest && m_monthsTo == last)
        return;
    const bool first = !m_monthsTo.isValid();
    const QString from = m_from->currentData().toString(), to = m_to->currentData().toString();
    m_monthsFrom = oldest;
    m_monthsTo = last;
    const bool building = m_building;
    m_building = true;
    m_from->clear();
    m_to->clear();
    for (core::Period p = last; !(p < oldest); p = p.previous()) {
        m_from->addItem(p.display(), p.key());
        m_to->addItem(p.display(), p.key());
    }
    const int kept = first ? -1 : m_to->findData(to);
    m_to->setCurrentIndex(std::max(0, kept));
    m_from->setCurrentIndex(first || m_from->findData(from) < 0
                                ? std::min(kDefaultMonths, int(m_from->count())) - 1
                                : m_from->findData(from));
    m_building = building;
}

core::PanelFilter PanelPage::filter() const
{
    core::PanelFilter f;
    f.from = core::Period::fromKey(m_from->currentData().toString());
    f.to = core::Period::fromKey(m_to->currentData().toString());
    f.theme = m_theme->currentData().toString();
    f.format = m_format->currentData().toString();
    if (m_municipality)
        f.municipalities = {m_municipality->ibge};
    f.includeReceived = m_includeUnaccepted->isChecked();
    // The action target the central level published for this municipality (or its
    // share of its URS's), in proportion to the months shown; none for one theme or format.
    if (m_municipality && f.theme.isEmpty() && f.format.isEmpty())
        f.actionTarget = m_context.services->targets()
                             .current()
                             .actionsIn(m_context.reference, {*m_municipality}, f.from, f.to)
                             .value_or(-1.0);
    return f;
}

bool PanelPage::isComputing() const
{
    return m_job->isBusy();
}

QList<QChartView *> PanelPage::chartViews() const
{
    return {m_themeView, m_peopleView, m_formatView, m_audienceView};
}

void PanelPage::setTheme(const QString &code)
{
    if (const int i = m_theme->findData(code); i >= 0)
        m_theme->setCurrentIndex(i);
}

void PanelPage::setFormat(const QString &code)
{
    if (const int i = m_format->findData(code); i >= 0)
        m_format->setCurrentIndex(i);
}

bool PanelPage::exportData(bool xlsx)
{
    if (!m_data || m_exporting)
        return false;
    m_exporting = exportPanelTable(this, m_dialogs, *m_data, m_context.reference, xlsx, [this](bool ok) {
        m_exporting = false;
        Q_EMIT exported(ok);
    });
    return m_exporting;
}

void PanelPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    const core::Period from = m_monthsFrom, to = m_monthsTo;
    fillMonths();
    m_dirty = m_dirty || !(from == m_monthsFrom) || !(to == m_monthsTo);
    if (m_dirty)
        requestFigures();
}

void PanelPage::requestFigures()
{
    if (m_building)
        return;
    if (!isVisible()) { // a hidden page does no work
        m_dirty = true;
        return;
    }
    if (!m_municipality) {
        setStyleIfChanged(m_error, QStringLiteral("color: #a01818; padding: 8px;"));
        m_error->setText(
            tr("This profile has no municipality yet: close Mobiliza and open it again to choose it."));
        m_error->show();
        return;
    }
    m_dirty = false;
    if (!m_data) {
        // The first figures only: a refresh changes what is on screen in place (a line
        // shown and hidden at each change laid the whole window out twice).
        setStyleIfChanged(m_error, QStringLiteral("color: #4a5a68; padding: 8px;"));
        m_error->setText(tr("Updating the figures…"));
        m_error->show();
    }
    core::PanelRequest request{m_context.program, filter(), {*m_municipality}};
    request.own = *m_municipality;
    ++m_requests;
    m_job->request(request);
}

void PanelPage::showChart(QChartView *view, QChart *chart)
{
    replaceChart(view, chart);
    // A theme's or a format's bar narrows the figures to it.
    for (QAbstractSeries *series : chart->series()) {
        if (auto *stacked = qobject_cast<QStackedBarSeries *>(series); stacked && view == m_themeView)
            connect(stacked, &QStackedBarSeries::clicked, this, [this](int, QBarSet *set) {
                if (const QString code = set->property("code").toString(); !code.isEmpty())
                    setTheme(code);
            });
        if (auto *bars = qobject_cast<QHorizontalBarSeries *>(series); bars && view == m_formatView)
            connect(bars, &QHorizontalBarSeries::clicked, this, [this](int index, QBarSet *set) {
                const QString code = set->property("codes").toStringList().value(index);
                if (code != QStringLiteral("*"))
                    setFormat(code);
            });
    }
}

void PanelPage::showFigures(const core::PanelData &data)
{
    // A sync or an autosave often changes nothing drawn (a receipt moves a month's row,
    // not the accepted actions): four charts rebuilt stall the window for ~35 ms.
    const bool sameCharts = m_data && m_data->sameActionCharts(data);
    const bool sameMonths = m_data && m_data->cells == data.cells;
    m_data = data;
    m_error->hide();
    const core::PanelFilter &f = data.filter;
    const core::Period prevTo = f.from.previous();
    core::Period prevFrom = f.from;
    for (int i = 0; i < f.months(); ++i)
        prevFrom = prevFrom.previous();
    const QStringList narrowed = panelNarrowing(m_context.program, f);
    m_shown->setText(
        tr("%1, %2 to %3%4. Changes (▲▼) against %5 to %6.")
            .arg(f.includeReceived ? tr("Every action recorded, drafts and reports not yet accepted included")
                                   : tr("Actions of the reports the URS accepted (as the URS and the state "
                                        "count them)"),
                 f.from.display(), f.to.display(),
                 narrowed.isEmpty() ? QString() : QStringLiteral(" — ") + narrowed.join(QStringLiteral(", ")),
                 prevFrom.display(), prevTo.display()));

    m_actions->setCount(data.tiles.actions, data.previous.actions);
    m_actions->setTarget(data.tiles.actions, f.actionTarget);
    m_people->setCount(data.tiles.people, data.previous.people);
    m_reporting->setOfTotal(data.tiles.reporting, data.tiles.expected, data.previous.reporting);
    m_onTime->setRate(data.tiles.onTimeRate(), data.previous.onTimeRate());
    if (!sameCharts) {
        ++m_chartBuilds;
        showChart(m_themeView, makeThemeChart(data, m_context.program));
        if (QChart *chart = m_themeView->chart(); chart->legend()->isVisible())
            chart->legend()->setAlignment(Qt::AlignBottom);
        showChart(m_peopleView, makePeopleChart(data));
        showChart(m_formatView, makeCountsChart(tr("Actions by format"), data.byFormat, m_context.program,
                                                core::field_role::Format, 8));
        showChart(m_audienceView, makeCountsChart(tr("Actions by target audience"), data.byAudience,
                                                  m_context.program, core::field_role::Audience, 8));
    }
    if (!sameMonths)
        showMonths(data);
    Q_EMIT refreshed();
}

void PanelPage::showMonths(const core::PanelData &data)
{
    const QLocale locale;
    const QDate today = core::brasiliaDate(m_context.clock->now()); // as the deadlines are counted
    m_months->setRowCount(int(data.cells.size()));
    int row = 0;
    for (auto it = data.cells.crbegin(); it != data.cells.crend(); ++it, ++row) { // newest first
        const core::PanelCell &cell = *it;
        core::ReportState state{};
        const bool hasReport = core::reportStateFromKey(cell.reportState, &state);
        const QDate due = m_context.program.deadline(cell.period);
        QString sent = coverageLabel(cell.coverage);
        // Not at the URS and past its deadline: late, in red, with the date it was due.
        const bool overdue =
            (cell.coverage == QLatin1String("missing") || cell.coverage == QLatin1String("returned")) &&
            due.isValid() && today > due;
        if (cell.coverage == QLatin1String("missing") && due.isValid())
            sent = overdue
                       ? tr("Not sent — due %1, late").arg(locale.toString(due, QStringLiteral("dd/MM/yyyy")))
                       : tr("Not sent yet — due %1").arg(locale.toString(due, QStringLiteral("dd/MM/yyyy")));
        const QStringList texts{monthTitle(cell.period),
                                hasReport ? core::reportStateLabel(state) : tr("not started"), sent,
                                hasReport ? locale.toString(cell.actions) : QStringLiteral("—"),
                                hasReport ? locale.toString(cell.people) : QStringLiteral("—")};
        // Rewritten in place, only what changed: a sync moves one month's row at a time.
        for (int c = 0; c < texts.size(); ++c) {
            QTableWidgetItem *item = m_months->item(row, c);
            if (!item) {
                item = new QTableWidgetItem;
                if (c >= 3)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_months->setItem(row, c, item);
            }
            if (item->text() != texts.at(c))
                item->setText(texts.at(c));
            const QBrush colour = overdue ? QBrush(QColor(0xa0, 0x18, 0x18)) : QBrush();
            if (item->foreground() != colour)
                item->setForeground(colour);
        }
        QTableWidgetItem *first = m_months->item(row, 0);
        if (first->data(Qt::UserRole).toString() != cell.report)
            first->setData(Qt::UserRole, cell.report);
        if (first->data(kPeriodRole).toString() != cell.period.key())
            first->setData(kPeriodRole, cell.period.key());
        const QString tip =
            hasReport ? QString() : tr("Not started: double-click to start this month's report.");
        if (first->toolTip() != tip)
            first->setToolTip(tip);
    }
}

} // namespace mobiliza::ui
