#include "app/ui/panel/panel_dashboard.h"

#include "app/ui/pages/page_header.h"
#include "app/ui/panel/panel_areas.h"
#include "app/ui/panel/panel_charts.h"
#include "app/ui/panel/panel_controls.h"
#include "app/ui/panel/panel_map.h"
#include "app/ui/panel/panel_ranking_model.h"
#include "app/ui/panel/panel_tiles.h"
#include "app/ui/panel/targets_dialog.h"
#include "core/panel/panel_job.h"
#include "core/panel/panel_style.h"
#include "core/services/services.h"

#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QScatterSeries>
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
#include <QSortFilterProxyModel>
#include <QStackedBarSeries>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace mobiliza::ui {

namespace {

constexpr int kMonthChoices = 36;      // the period combos offer three years at least,
constexpr int kMostMonthChoices = 240; // back to the replica's oldest month, at most 20 years
constexpr int kDefaultMonths = 12;

QLabel *filterLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

} // namespace

PanelDashboard::PanelDashboard(const AppContext &context, Dialogs &dialogs, QWidget *parent)
    : QWidget(parent), m_context(context), m_dialogs(dialogs)
{
    m_job = new core::PanelJob(m_context.dataDir, *m_context.clock, this);
    connect(m_job, &core::PanelJob::ready, this, &PanelDashboard::showFigures);
    connect(m_job, &core::PanelJob::failed, this, [this](const QString &message) {
        m_status->setStyleSheet(QStringLiteral("color: #a01818;"));
        m_status->setText(tr("The panel could not be computed: %1").arg(message));
        m_status->show();
        Q_EMIT computeFailed(message);
    });

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(20, 16, 20, 8);
    const QString who = m_context.role == core::Role::Central
                            ? tr("the state's municipalities")
                            : tr("the municipalities of URS %1").arg(m_context.services->profile().urs());
    outer->addWidget(makePageHeader(
        tr("Panel"),
        tr("Actions, people reached and coverage of %1, from this computer's copy: it works offline.")
            .arg(who),
        this));
    buildFilters();
    auto *filters = new QGridLayout;
    filters->setHorizontalSpacing(8);
    filters->setVerticalSpacing(4);
    filters->addWidget(filterLabel(tr("&From:"), m_from, this), 0, 0);
    filters->addWidget(m_from, 0, 1);
    filters->addWidget(filterLabel(tr("&To:"), m_to, this), 0, 2);
    filters->addWidget(m_to, 0, 3);
    filters->addWidget(filterLabel(tr("&Area:"), m_area, this), 0, 4);
    filters->addWidget(m_area, 0, 5);
    filters->addWidget(m_clear, 0, 6);
    auto *targets = new QPushButton(tr("Tar&gets…"), this);
    targets->setObjectName(QStringLiteral("panelTargets"));
    targets->setToolTip(
        m_context.role == core::Role::Central
            ? tr("The coverage and action targets every level measures against: edit and publish")
            : tr("The coverage and action targets the central level published"));
    connect(targets, &QPushButton::clicked, this, [this] { openTargets(); });
    filters->addWidget(targets, 1, 6);
    filters->addWidget(filterLabel(tr("T&heme:"), m_theme, this), 1, 0);
    filters->addWidget(m_theme, 1, 1, 1, 3);
    filters->addWidget(filterLabel(tr("&Municipality:"), m_municipality, this), 1, 4);
    filters->addWidget(m_municipality, 1, 5);
    filters->addWidget(filterLabel(tr("F&ormat:"), m_format, this), 2, 0);
    filters->addWidget(m_format, 2, 1, 1, 3);
    filters->addWidget(m_includeReceived, 2, 4, 1, 3);
    filters->setColumnStretch(5, 1);
    outer->addLayout(filters);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("panelStatus"));
    m_status->setWordWrap(true);
    m_status->hide();
    outer->addWidget(m_status);

    auto *content = new QWidget(this);
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(0, 0, 4, 0);
    // What the figures are (states, period, narrowing), above them and scrolling with them.
    m_shown = new QLabel(content);
    m_shown->setObjectName(QStringLiteral("panelShown"));
    m_shown->setWordWrap(true);
    m_shown->setStyleSheet(QStringLiteral("color: #34495a;"));
    m_shown->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    // A word-wrapped label gets the height of one line in a scroll area that fits its widget: ask for three.
    m_shown->setMinimumHeight(m_shown->fontMetrics().lineSpacing() * 3 + 4);
    grid->addWidget(m_shown, 0, 0, 1, 2);
    auto *tiles = new QHBoxLayout;
    m_actions = new PanelTile(QStringLiteral("tileActions"), tr("actions"), content);
    m_people = new PanelTile(QStringLiteral("tilePeople"), tr("people reached"), content);
    m_reporting =
        new PanelTile(QStringLiteral("tileReporting"), tr("municipalities reported the last month"), content);
    m_onTime = new PanelTile(QStringLiteral("tileOnTime"), tr("of the reports sent on time"), content);
    m_active = new PanelTile(QStringLiteral("tileActive"),
                             tr("active núcleos (an action in the last 3 months)"), content);
    for (PanelTile *t : {m_actions, m_people, m_reporting, m_onTime, m_active})
        tiles->addWidget(t, 1);
    grid->addLayout(tiles, 1, 0, 1, 2);
    m_themeView = newChartView(QStringLiteral("chartThemes"), content, 290);
    m_peopleView = newChartView(QStringLiteral("chartPeople"), content, 230);
    m_coverageView = newChartView(QStringLiteral("chartCoverage"), content, 230);
    m_formatView = newChartView(QStringLiteral("chartFormats"), content, 280);
    m_audienceView = newChartView(QStringLiteral("chartAudiences"), content, 280);
    m_groupView = newChartView(QStringLiteral("chartGroups"), content, 220);
    grid->addWidget(m_themeView, 2, 0, 1, 2);
    grid->addWidget(m_peopleView, 3, 0, 1, 2);
    grid->addWidget(m_coverageView, 4, 0, 1, 2);
    grid->addWidget(m_groupView, 5, 0, 1, 2); // its height grows with the number of areas
    // The dot map keeps Minas Gerais' proportions: a fixed size, centred, with what colours it.
    m_mapView = newChartView(QStringLiteral("chartMap"), content, 470);
    m_mapView->setFixedSize(600, 500);
    m_mapColour = new QComboBox(content);
    m_mapColour->setObjectName(QStringLiteral("panelMapColour"));
    m_mapColour->addItem(tr("Actions in the period"), int(MapColour::Actions));
    m_mapColour->addItem(tr("Months reported"), int(MapColour::Reporting));
    auto *mapColourLabel = new QLabel(tr("&Colour the map by:"), content);
    mapColourLabel->setBuddy(m_mapColour);
    // What colours it above the map, not beside: a 1024 px screen has no room for both.
    auto *mapSide = new QHBoxLayout;
    mapSide->addWidget(mapColourLabel);
    mapSide->addWidget(m_mapColour);
    auto *mapHint = new QLabel(tr("Each dot is a municipality's seat. Click one to see only it."), content);
    mapHint->setWordWrap(true);
    mapHint->setStyleSheet(QStringLiteral("color: #4a5a68;"));
    mapSide->addWidget(mapHint, 1);
    auto *mapColumn = new QVBoxLayout;
    mapColumn->addLayout(mapSide);
    mapColumn->addWidget(m_mapView, 0, Qt::AlignHCenter);
    grid->addLayout(mapColumn, 6, 0, 1, 2);
    connect(m_mapColour, &QComboBox::currentIndexChanged, this, [this] {
        if (m_data)
            showChart(m_mapView, makeMapChart(*m_data, MapColour(m_mapColour->currentData().toInt())));
    });
    grid->addWidget(m_formatView, 7, 0);
    grid->addWidget(m_audienceView, 7, 1);

    auto *rankingTitle = new QLabel(
        tr("<b>Municipalities</b> — most actions first. Double-click a name to see only it, its "
           "actions to list them."),
        content);
    auto *rankingBar = new QHBoxLayout;
    rankingTitle->setWordWrap(true); // beside three buttons on a 1024 px screen
    rankingBar->addWidget(rankingTitle, 1);
    auto *csv = new QPushButton(tr("Export data (CSV)…"), content);
    csv->setObjectName(QStringLiteral("panelExportCsv"));
    csv->setToolTip(tr("One row per municipality and month of the selection, for Excel: whether it reported, "
                       "actions and people reached. No partner's personal data."));
    auto *xlsx = new QPushButton(tr("Export data (XLSX)…"), content);
    xlsx->setObjectName(QStringLiteral("panelExportXlsx"));
    xlsx->setToolTip(csv->toolTip());
    auto *balanco = new QPushButton(tr("Balanço mensal (PDF)…"), content);
    balanco->setObjectName(QStringLiteral("panelBalanco"));
    balanco->setToolTip(
        tr("The figures and charts shown, the tables behind them and the active and new núcleos "
           "per URS, as a PDF to print or send."));
    rankingBar->addWidget(balanco);
    rankingBar->addWidget(csv);
    rankingBar->addWidget(xlsx);
    connect(balanco, &QPushButton::clicked, this, [this] { exportBalanco(); });
    connect(csv, &QPushButton::clicked, this, [this] { exportData(false); });
    connect(xlsx, &QPushButton::clicked, this, [this] { exportData(true); });
    grid->addLayout(rankingBar, 8, 0, 1, 2);
    m_rankingModel = new PanelRankingModel(this);
    m_rankingSorted = new QSortFilterProxyModel(this);
    m_rankingSorted->setSourceModel(m_rankingModel);
    m_rankingSorted->setSortRole(PanelRankingModel::SortRole);
    m_rankingSorted->setSortLocaleAware(true); // "Águas Vermelhas" among the A's
    m_rankingSorted->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_ranking = new QTableView(content);
    m_ranking->setObjectName(QStringLiteral("panelRanking"));
    m_ranking->setModel(m_rankingSorted);
    setUpListTable(m_ranking);
    // Most actions first (the order computePanel gives) until a click on a header sorts by it.
    m_ranking->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_ranking->setSortingEnabled(true);
    m_ranking->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < PanelRankingModel::ColumnCount; ++c)
        m_ranking->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_ranking->setMinimumHeight(260);
    m_ranking->setAccessibleName(tr("Municipalities by actions"));
    grid->addWidget(m_ranking, 9, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("panelScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    for (QChartView *view : chartViews())
        view->setChart(new QChart); // empty until the first answer
    wireLists();
    wireChartExport();

    // A pull stores its manifests one by one, each a change of the replica: the
    // figures are computed again once the changes pause, not once per manifest.
    m_refresh = new QTimer(this);
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(800);
    connect(m_refresh, &QTimer::timeout, this, &PanelDashboard::requestFigures);
    auto changed = [this] {
        m_monthsStale = true;
        if (isVisible())
            m_refresh->start();
        else
            m_dirty = true;
    };
    // What the last computations read is of no use once the replica changes.
    connect(&m_context.services->notifier(), &core::Notifier::replicaChanged, m_job,
            &core::PanelJob::invalidate);
    connect(&m_context.services->notifier(), &core::Notifier::replicaChanged, this, changed);
    connect(&m_context.services->notifier(), &core::Notifier::targetsChanged, this, changed);
}

PanelDashboard::~PanelDashboard() = default;

void PanelDashboard::buildFilters()
{
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

    m_area = new QComboBox(this);
    m_area->setObjectName(QStringLiteral("panelArea"));
    m_area->addItem(m_context.role == core::Role::Central ? tr("The whole state") : tr("The whole URS"),
                    QString());
    for (const PanelArea &a : panelAreas(m_context.reference, scope()))
        m_area->addItem(a.label, a.key);
    m_area->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_area->setMinimumContentsLength(18);
    m_municipality = new QComboBox(this);
    m_municipality->setObjectName(QStringLiteral("panelMunicipality"));
    m_municipality->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_municipality->setMinimumContentsLength(18);
    fillMunicipalities();

    m_includeReceived = new QCheckBox(tr("Include reports not yet accepted"), this);
    m_includeReceived->setObjectName(QStringLiteral("panelIncludeReceived"));
    m_includeReceived->setToolTip(
        tr("Also count the actions of reports received or in review. Returned reports "
           "never count."));
    m_clear = new QPushButton(tr("Clear filters"), this);
    m_clear->setObjectName(QStringLiteral("panelClear"));
    connect(m_clear, &QPushButton::clicked, this, &PanelDashboard::clearFilters);

    keepRange(
        m_from, m_to, this, [this] { return m_building; }, [this] { requestFigures(); });
    for (QComboBox *combo : {m_theme, m_format, m_municipality})
        connect(combo, &QComboBox::currentIndexChanged, this, &PanelDashboard::requestFigures);
    // Another area: its municipalities in the list (one request, not two).
    connect(m_area, &QComboBox::currentIndexChanged, this, [this] {
        const bool building = m_building;
        m_building = true;
        fillMunicipalities();
        m_building = building;
        requestFigures();
    });
    connect(m_includeReceived, &QCheckBox::toggled, this, &PanelDashboard::requestFigures);
    m_building = false;
}

// Up to the month being reported now (or the replica's newest), back three years or
// to the replica's oldest month (any range is then counted from memory:
// PanelRequest::offeredFrom); refilled as fillRangeMonths says.
void PanelDashboard::fillMonths()
{
    const core::ReplicaService &replica = m_context.services->replica();
    core::Period last = core::Period::fromDate(m_context.clock->today()).previous();
    if (const core::Period newest = replica.newestPeriod(); newest.isValid() && last < newest)
        last = newest;
    int choices = kMonthChoices;
    if (const core::Period oldest = replica.oldestPeriod(); oldest.isValid() && oldest < last)
        choices = std::clamp((last.year - oldest.year) * 12 + last.month - oldest.month + 1, kMonthChoices,
                             kMostMonthChoices);
    const bool building = m_building;
    m_building = true; // no request per item
    fillRangeMonths(m_from, m_to, last, choices, kDefaultMonths);
    m_building = building;
}

QList<core::Municipality> PanelDashboard::scope() const
{
    if (m_context.role == core::Role::Central)
        return m_context.reference.municipalities();
    return m_context.reference.municipalitiesOfUrs(m_context.services->profile().urs());
}

void PanelDashboard::fillMunicipalities()
{
    const QString keep = m_municipality->currentData().toString();
    QList<core::Municipality> sorted = municipalitiesOfArea(scope(), m_area->currentData().toString());
    std::sort(sorted.begin(), sorted.end(), [](const core::Municipality &a, const core::Municipality &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    const QSignalBlocker hold(m_municipality);
    m_municipality->clear();
    m_municipality->addItem(tr("Every municipality (%1)").arg(sorted.size()), QString());
    for (const core::Municipality &m : std::as_const(sorted))
        m_municipality->addItem(m.name, m.ibge);
    m_municipality->setCurrentIndex(std::max(0, m_municipality->findData(keep)));
}

QString PanelDashboard::municipalityName(const QString &ibge) const
{
    const auto m = m_context.reference.municipality(ibge);
    return m ? m->name : ibge;
}

core::PanelFilter PanelDashboard::filter() const
{
    core::PanelFilter f;
    f.from = core::Period::fromKey(m_from->currentData().toString());
    f.to = core::Period::fromKey(m_to->currentData().toString());
    f.theme = m_theme->currentData().toString();
    f.format = m_format->currentData().toString();
    if (const QString ibge = m_municipality->currentData().toString(); !ibge.isEmpty()) {
        f.municipalities = {ibge};
    } else if (const QString area = m_area->currentData().toString(); !area.isEmpty()) {
        for (const core::Municipality &m : municipalitiesOfArea(scope(), area))
            f.municipalities << m.ibge;
    }
    f.areaKey = m_area->currentData().toString();
    f.includeReceived = m_includeReceived->isChecked();
    // The targets of what is shown (published by the central level, else the reference
    // table's coverage, per URS: a URS's own, the state's weighted).
    QList<core::Municipality> shown;
    for (const core::Municipality &m : scope())
        if (f.municipalities.isEmpty() || f.municipalities.contains(m.ibge))
            shown << m;
    const core::Targets targets = m_context.services->targets().current();
    f.target = targets.coverageTarget(m_context.reference, shown);
    // The action targets count every action: none is drawn for one theme's or one format's.
    if (f.theme.isEmpty() && f.format.isEmpty())
        f.actionTarget = targets.actionsIn(m_context.reference, shown, f.from, f.to).value_or(-1.0);
    return f;
}

TargetsDialog *PanelDashboard::openTargets()
{
    const core::Period to = core::Period::fromKey(m_to->currentData().toString());
    const int year = to.isValid() ? to.year : m_context.clock->now().date().year();
    auto *dialog = new TargetsDialog(m_context, m_dialogs, year, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

bool PanelDashboard::isComputing() const
{
    return m_job->isBusy();
}

void PanelDashboard::setMunicipality(const QString &ibge)
{
    const int i = m_municipality->findData(ibge);
    if (i >= 0)
        m_municipality->setCurrentIndex(i);
}

void PanelDashboard::setArea(const QString &key)
{
    const int i = m_area->findData(key);
    if (i >= 0)
        m_area->setCurrentIndex(i);
}

void PanelDashboard::setTheme(const QString &code)
{
    const int i = m_theme->findData(code);
    if (i >= 0)
        m_theme->setCurrentIndex(i);
}

void PanelDashboard::setFormat(const QString &code)
{
    const int i = m_format->findData(code);
    if (i >= 0)
        m_format->setCurrentIndex(i);
}

void PanelDashboard::clearFilters()
{
    m_building = true;
    m_theme->setCurrentIndex(0);
    m_format->setCurrentIndex(0);
    m_area->setCurrentIndex(0);
    fillMunicipalities();
    m_municipality->setCurrentIndex(0);
    m_includeReceived->setChecked(false);
    m_to->setCurrentIndex(0);
    m_from->setCurrentIndex(kDefaultMonths - 1);
    m_building = false;
    requestFigures();
}

void PanelDashboard::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        requestFigures();
}

void PanelDashboard::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitThemeLegend();
}

void PanelDashboard::fitThemeLegend()
{
    // The themes' names need ~240 px beside the bars; on a 1024 px screen the months need them.
    if (QChart *chart = m_themeView->chart(); chart && chart->legend()->isVisible())
        chart->legend()->setAlignment(width() >= 1000 ? Qt::AlignRight
                                                      : Qt::AlignBottom); // the page's: laid out first
}

void PanelDashboard::requestFigures()
{
    if (m_building)
        return;
    if (!isVisible()) { // a hidden page does no work
        m_dirty = true;
        return;
    }
    m_dirty = false;
    if (m_monthsStale) { // the replica changed: its months may have too
        m_monthsStale = false;
        fillMonths();
    }
    m_status->setStyleSheet(QStringLiteral("color: #4a5a68;"));
    m_status->setText(tr("Updating the figures…"));
    m_status->show();
    core::PanelRequest request{m_context.program, filter(), scope()};
    request.offeredFrom = core::Period::fromKey(m_from->itemData(m_from->count() - 1).toString());
    request.offeredTo = core::Period::fromKey(m_to->itemData(0).toString());
    m_job->request(request);
}

void PanelDashboard::showChart(QChartView *view, QChart *chart)
{
    replaceChart(view, chart);
    wireChart(view);
}

void PanelDashboard::wireChart(QChartView *view)
{
    for (QAbstractSeries *series : view->chart()->series()) {
        if (view == m_themeView) {
            if (auto *stacked = qobject_cast<QStackedBarSeries *>(series))
                connect(stacked, &QStackedBarSeries::clicked, this, [this](int, QBarSet *set) {
                    const QString code = set->property("code").toString();
                    if (!code.isEmpty())
                        setTheme(code);
                });
        } else if (view == m_formatView) {
            if (auto *bars = qobject_cast<QHorizontalBarSeries *>(series))
                connect(bars, &QHorizontalBarSeries::clicked, this, [this](int index, QBarSet *set) {
                    const QString code = set->property("codes").toStringList().value(index);
                    if (code != QStringLiteral("*"))
                        setFormat(code);
                });
        } else if (view == m_groupView) {
            if (auto *bars = qobject_cast<QHorizontalBarSeries *>(series))
                connect(bars, &QHorizontalBarSeries::clicked, this, [this](int index, QBarSet *set) {
                    const QString key = set->property("codes").toStringList().value(index);
                    if (key.startsWith(QLatin1String("municipality:")))
                        setMunicipality(key.mid(13));
                    else
                        setArea(key);
                });
        } else if (view == m_mapView) {
            if (auto *dots = qobject_cast<QScatterSeries *>(series))
                connect(dots, &QScatterSeries::clicked, this, [this, dots](const QPointF &point) {
                    const QList<QPointF> points = dots->points();
                    const QStringList ibges = dots->property("ibges").toStringList();
                    for (qsizetype i = 0; i < points.size() && i < ibges.size(); ++i)
                        if (points.at(i) == point) {
                            setMunicipality(ibges.at(i));
                            return;
                        }
                });
        } else if (view == m_coverageView) {
            if (auto *bars = qobject_cast<QBarSeries *>(series))
                connect(bars, &QBarSeries::clicked, this, [this](int index, QBarSet *) {
                    if (m_data && index >= 0 && index < m_data->periods.size())
                        Q_EMIT openCoverageRequested(m_data->periods.at(index));
                });
        }
    }
}

void PanelDashboard::showFigures(const core::PanelData &data)
{
    m_status->hide();
    if (m_data && *m_data == data) { // a pull that moved nothing here: nothing drawn again
        Q_EMIT refreshed();
        return;
    }
    ++m_chartBuilds;
    m_data = data;
    const core::PanelFilter &f = data.filter;
    const core::Period prevTo = f.from.previous();
    core::Period prevFrom = f.from;
    for (int i = 0; i < f.months(); ++i)
        prevFrom = prevFrom.previous();
    const QString states =
        f.includeReceived
            ? tr("Actions of reports received, in review, accepted, forwarded to the central level or "
                 "consolidated")
            : tr("Actions of reports accepted, forwarded to the central level or consolidated (those not yet "
                 "accepted are left out)");
    QStringList narrowed = panelNarrowing(m_context.program, f);
    if (f.municipalities.size() == 1)
        narrowed << municipalityName(f.municipalities.first());
    else if (const int area = m_area->findData(f.areaKey); area > 0)
        narrowed << m_area->itemText(area);
    m_shown->setText(
        tr("%1, %2 to %3%4. Changes (▲▼) against %5 to %6. Coverage counts every report sent, "
           "whatever its review.")
            .arg(states, f.from.display(), f.to.display(),
                 narrowed.isEmpty() ? QString() : QStringLiteral(" — ") + narrowed.join(QStringLiteral(", ")),
                 prevFrom.display(), prevTo.display()));

    m_actions->setCount(data.tiles.actions, data.previous.actions);
    m_actions->setTarget(data.tiles.actions, f.actionTarget);
    m_people->setCount(data.tiles.people, data.previous.people);
    m_reporting->setOfTotal(data.tiles.reporting, data.tiles.expected, data.previous.reporting,
                            panelMonthTick(prevTo));
    m_onTime->setRate(data.tiles.onTimeRate(), data.previous.onTimeRate());
    m_active->setCount(data.tiles.activeNuclei, data.previous.activeNuclei);

    showChart(m_themeView, makeThemeChart(data, m_context.program));
    fitThemeLegend();
    showChart(m_peopleView, makePeopleChart(data));
    showChart(m_coverageView, makeCoverageChart(data));
    showChart(m_formatView, makeCountsChart(tr("Actions by format"), data.byFormat, m_context.program,
                                            core::field_role::Format, 8));
    showChart(m_audienceView, makeCountsChart(tr("Actions by target audience"), data.byAudience,
                                              m_context.program, core::field_role::Audience, 8));
    QString level;
    const QList<PanelGroup> groups =
        coverageGroups(data, m_context.reference, m_context.role, data.filter.areaKey, &level);
    m_groupView->setMinimumHeight(std::clamp(90 + 22 * int(groups.size()), 200, 760));
    showChart(m_groupView, makeGroupCoverageChart(groups, level, data.target, data));
    showChart(m_mapView, makeMapChart(data, MapColour(m_mapColour->currentData().toInt())));
    showRanking(data);
    Q_EMIT refreshed();
}

} // namespace mobiliza::ui
