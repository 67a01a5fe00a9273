#include "app/ui/panel/program_panel_page.h"

#include "app/ui/dialogs.h"
#include "app/ui/pages/page_header.h"
#include "app/ui/panel/panel_charts.h"
#include "app/ui/panel/panel_controls.h"
#include "app/ui/panel/panel_map.h"
#include "app/ui/panel/panel_tiles.h"
#include "app/ui/panel/text_search_view.h"
#include "core/panel/program_panel_export.h"
#include "core/reference/brazil_reference.h"
#include "core/regional/replica_service.h"
#include "core/services/notifier.h"
#include "core/services/services.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace mobiliza::ui {

namespace {

constexpr int kOfferedPeriods = 6; // two years of quadrimestres
constexpr int kDefaultPeriods = 3; // one year

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

// Every municipality of the state, or of the country (by state, then name).
QList<core::BrMunicipality> territoryOf(const QString &uf)
{
    const core::BrazilReference &brazil = core::BrazilReference::embedded();
    if (!uf.isEmpty())
        return brazil.municipalitiesOf(uf);
    QList<core::BrMunicipality> all;
    for (const core::FederativeUnit &u : brazil.units())
        all << brazil.municipalitiesOf(u.uf);
    return all;
}

} // namespace

ProgramPanelPage::ProgramPanelPage(const AppContext &context, Dialogs &dialogs, QWidget *parent)
    : QWidget(parent), m_context(context), m_dialogs(dialogs),
      m_fixedUf(context.role == core::Role::Central ? QString() : context.services->profile().uf())
{
    connect(&m_watcher, &QFutureWatcher<core::Result<core::ProgramPanelAnswer>>::finished, this,
            &ProgramPanelPage::onFinished);
    const core::BrazilReference &brazil = core::BrazilReference::embedded();

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(20, 16, 20, 8);
    outer->addWidget(makePageHeader(
        tr("Panel"),
        m_fixedUf.isEmpty()
            ? tr("The apoio actions of every COSEMS, from this computer's copy: it works offline. Choose a "
                 "state to see only its actions and its map.")
            : tr("The apoio actions of the apoiadores of %1, from this computer's copy: it works offline.")
                  .arg(placeText(m_fixedUf)),
        this));

    m_from = new QComboBox(this);
    m_from->setObjectName(QStringLiteral("programPanelFrom"));
    m_to = new QComboBox(this);
    m_to->setObjectName(QStringLiteral("programPanelTo"));
    m_includeReceived = new QCheckBox(tr("Also count the reports not reviewed yet"), this);
    m_includeReceived->setObjectName(QStringLiteral("programPanelIncludeReceived"));
    m_includeReceived->setToolTip(tr(
        "Without this, only the reports the coordination accepted count. A returned report never counts."));
    auto *filters = new QGridLayout;
    filters->setHorizontalSpacing(8);
    filters->addWidget(buddyLabel(tr("&From:"), m_from, this), 0, 0);
    filters->addWidget(m_from, 0, 1);
    filters->addWidget(buddyLabel(tr("&To:"), m_to, this), 0, 2);
    filters->addWidget(m_to, 0, 3);
    if (m_fixedUf.isEmpty()) {
        m_uf = new QComboBox(this);
        m_uf->setObjectName(QStringLiteral("programPanelUf"));
        m_uf->addItem(tr("Every state"), QString());
        for (const core::FederativeUnit &u : brazil.units())
            m_uf->addItem(QStringLiteral("%1 (%2)").arg(u.name, u.uf), u.uf);
        filters->addWidget(buddyLabel(tr("&State:"), m_uf, this), 0, 4);
        filters->addWidget(m_uf, 0, 5);
        connect(m_uf, &QComboBox::currentIndexChanged, this, [this] { request(); });
    }
    filters->addWidget(m_includeReceived, 1, 0, 1, 4);
    m_csv = new QPushButton(tr("Export data (CSV)…"), this);
    m_csv->setObjectName(QStringLiteral("programPanelCsv"));
    m_xlsx = new QPushButton(tr("Export data (XLSX)…"), this);
    m_xlsx->setObjectName(QStringLiteral("programPanelXlsx"));
    for (QPushButton *b : {m_csv, m_xlsx}) {
        b->setToolTip(
            tr("Every figure of the panel as a row, with the program's labels beside the codes, and "
               "each municipality supported. No one's personal data."));
        b->setEnabled(false);
    }
    connect(m_csv, &QPushButton::clicked, this, [this] { exportData(false); });
    connect(m_xlsx, &QPushButton::clicked, this, [this] { exportData(true); });
    auto *exports = new QHBoxLayout;
    exports->addStretch(1);
    exports->addWidget(m_csv);
    exports->addWidget(m_xlsx);
    filters->addLayout(exports, 1, 4, 1, 2);
    filters->setColumnStretch(5, 1);
    outer->addLayout(filters);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("programPanelStatus"));
    m_status->setWordWrap(true);
    m_status->hide(); // shown when it has something to say
    outer->addWidget(m_status);

    auto *content = new QWidget(this);
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(0, 0, 4, 0);
    m_shown = new QLabel(content);
    m_shown->setObjectName(QStringLiteral("programPanelShown"));
    m_shown->setWordWrap(true);
    m_shown->setStyleSheet(QStringLiteral("color: #34495a;"));
    m_shown->setMinimumHeight(m_shown->fontMetrics().lineSpacing() * 2 + 4);
    grid->addWidget(m_shown, 0, 0, 1, 2);
    auto *tiles = new QHBoxLayout;
    m_actions = new PanelTile(QStringLiteral("tileActions"), tr("apoio actions"), content);
    m_participants = new PanelTile(QStringLiteral("tileParticipants"), tr("participants"), content);
    m_reached = new PanelTile(QStringLiteral("tileReached"), tr("municipalities supported"), content);
    m_units = new PanelTile(QStringLiteral("tileUnits"), tr("apoiadores with actions counted"), content);
    m_late = new PanelTile(QStringLiteral("tileLate"), tr("follow-ups late"), content);
    for (PanelTile *t : {m_actions, m_participants, m_reached, m_units, m_late})
        tiles->addWidget(t, 1);
    grid->addLayout(tiles, 1, 0, 1, 2);

    int row = 2;
    const auto addView = [&](const QString &name, int minHeight, int column, int span) {
        QChartView *view = newChartView(name, content, minHeight, new QChart);
        m_views.insert(name, view);
        grid->addWidget(view, row, column, 1, span);
        if (column + span >= 2)
            ++row;
        return view;
    };
    addView(QStringLiteral("chartPeriods"), 220, 0, 1);
    addView(QStringLiteral("chartReferrals"), 220, 1, 1);
    const core::PanelDefinition panel = m_context.program.panel();
    int column = 0;
    for (const QString &field : panel.breakdowns) {
        // A bar per code (and "not said"): tall enough that no label is cut.
        const auto f = m_context.program.field(field);
        const int bars = f ? int(m_context.program.catalogue(f->catalogue).size()) + 1 : 4;
        addView(QStringLiteral("chartBreakdown_") + field, std::max(230, 80 + 26 * bars), column, 1);
        column = 1 - column;
    }
    for (const core::PanelReference &r : panel.references) {
        addView(QStringLiteral("chartMix_") + r.field, 250, column, 1);
        column = 1 - column;
    }
    addView(QStringLiteral("chartParticipants"), 250, column, 1);
    if (column == 0)
        ++row;
    if (m_fixedUf.isEmpty())
        addView(QStringLiteral("chartStates"), 420, 0, 2);
    QChartView *map = newChartView(QStringLiteral("chartMap"), content, 470, new QChart);
    map->setFixedSize(600, 500);
    m_views.insert(QStringLiteral("chartMap"), map);
    grid->addWidget(map, row, 0, 1, 2, Qt::AlignHCenter);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("programPanelScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    // Figures (quanti) and texts (quali), under the same filters.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("programPanelTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(scroll, tr("Fi&gures"));
    m_search = new TextSearchView(
        m_context, m_dialogs, [this] { return filter(); }, context.role != core::Role::Central, this);
    connect(m_search, &TextSearchView::openReportRequested, this, &ProgramPanelPage::openReportRequested);
    if (!m_context.program.panel().search.isEmpty())
        m_tabs->addTab(m_search, tr("Te&xts"));
    else
        m_search->hide();
    outer->addWidget(m_tabs, 1);
    // The figures' export buttons belong to the figures (the texts tab has its own).
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        const bool figures = m_tabs->currentWidget() != m_search;
        m_csv->setVisible(figures);
        m_xlsx->setVisible(figures);
    });

    fillPeriods();
    keepRange(
        m_from, m_to, this, [this] { return m_filling; }, [this] { request(); });
    connect(m_includeReceived, &QCheckBox::toggled, this, [this] { request(); });
    // A pull stores manifests one by one: computed again once the changes pause.
    auto *refresh = new QTimer(this);
    refresh->setSingleShot(true);
    refresh->setInterval(800);
    connect(refresh, &QTimer::timeout, this, [this] { request(); });
    connect(&m_context.services->notifier(), &core::Notifier::replicaChanged, this, [this, refresh] {
        m_dirty = true;
        if (isVisible())
            refresh->start();
    });
}

ProgramPanelPage::~ProgramPanelPage()
{
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

QChartView *ProgramPanelPage::chartView(const QString &objectName) const
{
    return m_views.value(objectName);
}

QString ProgramPanelPage::placeText(const QString &uf) const
{
    if (uf.isEmpty())
        return tr("Brazil");
    const auto unit = core::BrazilReference::embedded().unit(uf);
    return unit ? unit->name : uf;
}

void ProgramPanelPage::fillPeriods()
{
    m_filling = true;
    const core::Period current = m_context.program.periodOf(m_context.clock->today());
    // The newest period with a report in the copy, as the default end: the one under way has
    // few reports reviewed yet.
    core::Period newest = m_context.services->replica().newestPeriod();
    if (!m_context.program.isPeriodOf(newest) || current < newest)
        newest = current;
    core::Period p = current;
    for (int i = 0; i < kOfferedPeriods; ++i, p = p.previous()) {
        m_from->addItem(p.display(), p.key());
        m_to->addItem(p.display(), p.key());
    }
    const int end = std::max(0, m_to->findData(newest.key()));
    m_to->setCurrentIndex(end);
    m_from->setCurrentIndex(std::min(m_from->count() - 1, end + kDefaultPeriods - 1));
    m_filling = false;
}

core::ProgramPanelFilter ProgramPanelPage::filter() const
{
    core::ProgramPanelFilter f;
    f.from = core::Period::fromKey(m_from->currentData().toString());
    f.to = core::Period::fromKey(m_to->currentData().toString());
    f.uf = m_uf ? m_uf->currentData().toString() : m_fixedUf;
    f.includeReceived = m_includeReceived->isChecked();
    f.today = m_context.clock->today();
    return f;
}

void ProgramPanelPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        request();
}

void ProgramPanelPage::showTexts()
{
    m_tabs->setCurrentWidget(m_search);
}

void ProgramPanelPage::request()
{
    m_search->refresh(); // the words typed, under the new filters (when that tab is shown)
    if (!isVisible()) { // a page not shown does no work: computed when it is
        m_dirty = true;
        return;
    }
    m_dirty = false;
    if (m_running) {
        m_pending = true;
        return;
    }
    start();
}

void ProgramPanelPage::start()
{
    m_running = true;
    m_pending = false;
    m_status->setStyleSheet(QStringLiteral("color: #4a5a68;"));
    m_status->setText(tr("Counting…"));
    m_status->show();
    m_watcher.setFuture(QtConcurrent::run([dataDir = m_context.dataDir, clock = m_context.clock,
                                           program = m_context.program, f = filter()] {
        return core::computeProgramPanelIn(dataDir, *clock, program, core::BrazilReference::embedded(), f);
    }));
}

void ProgramPanelPage::onFinished()
{
    m_running = false;
    const core::Result<core::ProgramPanelAnswer> result = m_watcher.result();
    if (m_pending) { // the filter or the copy changed meanwhile: this answer is old
        start();
        return;
    }
    if (!result) {
        m_status->setStyleSheet(QStringLiteral("color: #a01818;"));
        m_status->setText(tr("The panel could not be computed: %1").arg(result.error().message));
        m_status->show();
        Q_EMIT computeFailed(result.error().message);
        return;
    }
    show(result.value());
}

QString ProgramPanelPage::codeLabel(const QString &field, const QString &code) const
{
    if (code.isEmpty())
        return tr("Not said");
    if (const auto f = m_context.program.field(field))
        if (const auto entry = m_context.program.catalogueEntry(f->catalogue, code))
            return entry->label;
    return code;
}

void ProgramPanelPage::show(const core::ProgramPanelAnswer &answer)
{
    const bool same =
        m_answer && m_answer->current == answer.current && m_answer->previous == answer.previous;
    m_answer = answer;
    const core::ProgramPanelData &d = answer.current;
    const core::ProgramPanelData &p = answer.previous;
    const QLocale locale;
    m_status->setStyleSheet(QStringLiteral("color: #4a5a68;"));
    m_status->setText(
        d.reportsWaiting > 0
            ? tr("%n report(s) of the period have not arrived whole yet: the figures may grow at the next "
                 "synchronization.",
                 nullptr, d.reportsWaiting)
            : QString());
    m_status->setVisible(d.reportsWaiting > 0);
    m_csv->setEnabled(true);
    m_xlsx->setEnabled(true);
    if (same) { // a refresh that moved nothing redraws nothing
        Q_EMIT computed();
        return;
    }
    const QString range = d.filter.from == d.filter.to
                              ? d.filter.from.display()
                              : tr("%1 to %2").arg(d.filter.from.display(), d.filter.to.display());
    m_shown->setText(
        tr("%1, %2: %3. Changes against the %n quadrimestre(s) before.", nullptr, int(d.periods.size()))
            .arg(placeText(d.filter.uf), range,
                 d.filter.includeReceived ? tr("reports accepted and those still to review")
                                          : tr("reports accepted by the coordination")));
    m_actions->setCount(d.actions, p.actions);
    m_participants->setCount(d.participants, p.participants);
    m_reached->setOfTotal(int(d.municipalities.size()), d.territoryMunicipalities,
                          int(p.municipalities.size()));
    m_units->setCount(d.units, p.units);
    m_late->setOfTotal(d.referralsLate, d.referralsLate + d.referralsOpen + d.referralsDone, p.referralsLate);

    const auto fieldLabel = [this](const QString &id) {
        const auto f = m_context.program.field(id);
        return f ? f->label : id;
    };
    replaceChart(m_views.value(QStringLiteral("chartPeriods")),
                 makePeriodBarsChart(tr("Apoio actions per quadrimestre"), d.periods, d.actionsByPeriod));
    const QList<core::PanelCount> referrals{{QStringLiteral("open"), d.referralsOpen},
                                            {QStringLiteral("done"), d.referralsDone},
                                            {QStringLiteral("late"), d.referralsLate}};
    replaceChart(m_views.value(QStringLiteral("chartReferrals")),
                 makeCountsChart(
                     tr("Follow-ups (encaminhamentos)"), referrals,
                     [](const QString &code) {
                         return code == QLatin1String("open")   ? tr("Open, within the date")
                                : code == QLatin1String("done") ? tr("Done")
                                                                : tr("Late");
                     },
                     3));
    for (const core::ProgramPanelBreakdown &b : d.breakdowns)
        replaceChart(m_views.value(QStringLiteral("chartBreakdown_") + b.field),
                     makeCountsChart(
                         tr("Actions by %1").arg(fieldLabel(b.field).toLower()), b.counts,
                         [this, field = b.field](const QString &code) { return codeLabel(field, code); },
                         int(b.counts.size())));
    for (const core::ProgramPanelMix &m : d.mixes)
        replaceChart(
            m_views.value(QStringLiteral("chartMix_") + m.field),
            makeMixChart(tr("%1 against the reference").arg(fieldLabel(m.field)), m.counts, m.shares,
                         [this, field = m.field](const QString &code) { return codeLabel(field, code); }));
    replaceChart(m_views.value(QStringLiteral("chartParticipants")),
                 makeCountsChart(
                     tr("Participants by role (%1 in all)").arg(locale.toString(d.participants)),
                     d.participantsByPart,
                     [fieldLabel](const QString &code) {
                         return code.isEmpty() ? tr("Not broken down") : fieldLabel(code);
                     },
                     int(d.participantsByPart.size())));
    if (QChartView *states = m_views.value(QStringLiteral("chartStates"))) {
        const QList<core::PanelCount> byUf = d.filter.uf.isEmpty() ? d.byUf : QList<core::PanelCount>();
        replaceChart(states,
                     makeCountsChart(
                         tr("Actions by state"), byUf,
                         [this](const QString &uf) { return uf.isEmpty() ? tr("Not said") : placeText(uf); },
                         std::max<int>(1, int(byUf.size()))));
        states->setVisible(d.filter.uf.isEmpty());
    }
    replaceChart(m_views.value(QStringLiteral("chartMap")),
                 makeReachMapChart(tr("Municipalities supported — %1: %2 of %3")
                                       .arg(placeText(d.filter.uf), locale.toString(d.municipalities.size()),
                                            locale.toString(d.territoryMunicipalities)),
                                   territoryOf(d.filter.uf), d.municipalities));
    Q_EMIT computed();
}

bool ProgramPanelPage::exportData(bool xlsx)
{
    if (!m_answer || m_exporting)
        return false;
    const core::ProgramPanelData data = m_answer->current;
    const QString suffix = xlsx ? QStringLiteral("xlsx") : QStringLiteral("csv");
    const QString suggested = QStringLiteral("painel-apoio-%1-%2-%3.%4")
                                  .arg(data.filter.uf.isEmpty() ? QStringLiteral("BR") : data.filter.uf,
                                       data.filter.from.key(), data.filter.to.key(), suffix);
    const QString path =
        m_dialogs.saveFileName(this, tr("Export the panel's data"), suggested,
                               xlsx ? tr("Excel workbook (*.xlsx)") : tr("CSV file (*.csv)"));
    if (path.isEmpty())
        return false;
    m_exporting = true;
    auto *watcher = new QFutureWatcher<core::Status>(this);
    connect(watcher, &QFutureWatcher<core::Status>::finished, this, [this, watcher, path] {
        const core::Status written = watcher->result();
        watcher->deleteLater();
        m_exporting = false;
        if (written)
            m_dialogs.inform(this, tr("Data exported"),
                             tr("The panel's data was written to %1.").arg(QDir::toNativeSeparators(path)));
        else
            m_dialogs.warn(this, tr("Data not exported"),
                           tr("The panel's data could not be written: %1").arg(written.error().message));
        Q_EMIT exported(written.ok());
    });
    watcher->setFuture(QtConcurrent::run([data, program = m_context.program, path] {
        return core::writeProgramPanelTable(data, program, core::BrazilReference::embedded(), path);
    }));
    return true;
}

} // namespace mobiliza::ui
