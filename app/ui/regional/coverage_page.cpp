#include "app/ui/regional/coverage_page.h"

#include "app/ui/dialogs.h"
#include "app/ui/pages/page_header.h"
#include "app/ui/regional/coverage_model.h"
#include "app/ui/regional/regional_format.h"
#include "core/outputs/output_format.h"
#include "core/outputs/table_export.h"
#include "core/services/services.h"

#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace mobiliza::ui {

namespace {

// One legend entry: the cell as it looks, then what it means (kept on one line).
QString legendChip(core::CoverageState state, bool people)
{
    const auto keep = [](const QString &s) { return s.toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;")); };
    return QStringLiteral("<span style='background:%1; color:%2;'>&nbsp;%3&nbsp;</span>&nbsp;%4")
        .arg(CoverageModel::fill(state).name(), CoverageModel::ink(state).name(),
             keep(CoverageModel::shortText(state)),
             keep(people && state == core::CoverageState::NoActions
                      ? CoveragePage::tr("No actions in the period (justified)")
                      : core::coverageStateLabel(state)));
}

} // namespace

CoveragePage::CoveragePage(const AppContext &context, Dialogs &dialogs, QWidget *parent)
    : QWidget(parent), m_context(context), m_dialogs(dialogs),
      m_people(regional::reviewsPeople(context.program))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->addWidget(makePageHeader(
        tr("Coverage"),
        m_people
            ? tr("Which apoiador reported which period, over the last two years, and which municipalities of "
                 "the state the period's apoio reached. A period counts as reported when its report was sent "
                 "on time, late, or without actions (justified). Double-click a cell to open its report.")
            : tr("Which municipality reported which month, over the last 12 months. A month counts as "
                 "reported when it was sent on time, late, or without actions (justified). Double-click a "
                 "cell to open its report."),
        this));

    QStringList chips;
    for (core::CoverageState s : {core::CoverageState::OnTime, core::CoverageState::Late,
                                  core::CoverageState::NoActions, core::CoverageState::Returned,
                                  core::CoverageState::Missing})
        chips << legendChip(s, m_people);
    auto *legend = new QLabel(chips.join(QStringLiteral(" &nbsp;&nbsp;&nbsp; ")), this);
    legend->setObjectName(QStringLiteral("coverageLegend"));
    legend->setWordWrap(true); // two lines on a small screen
    layout->addWidget(legend);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #a01818;"));
    m_error->hide();
    layout->addWidget(m_error);

    m_model = new CoverageModel(m_context.program, this);
    m_model->setPeople(m_people);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("coverageTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new CoverageDelegate(m_table));
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setAccessibleName(m_people ? tr("Coverage by apoiador and period")
                                        : tr("Coverage by municipality and month"));
    // The months share the width (fitColumns); below 72 px each the grid scrolls sideways, the names stay.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setDefaultSectionSize(72);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    m_table->horizontalHeader()->setHighlightSections(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(m_table, 1);

    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("coverageDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextFormat(Qt::PlainText);
    m_detail->setMinimumHeight(m_detail->fontMetrics().height() * 2 + 12);
    m_detail->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_detail->setStyleSheet(QStringLiteral("QLabel { background: #f4f7fa; border: 1px solid #d5dee7; "
                                           "border-radius: 4px; padding: 4px 8px; color: #1d2a36; }"));
    auto *detailRow = new QHBoxLayout;
    detailRow->addWidget(m_detail, 1);
    m_open = new QPushButton(tr("Open the report"), this);
    m_open->setObjectName(QStringLiteral("coverageOpen"));
    detailRow->addWidget(m_open);
    layout->addLayout(detailRow);

    auto *bar = new QHBoxLayout;
    m_monthLabel = new QLabel(this);
    m_monthLabel->setObjectName(QStringLiteral("coverageMonth"));
    m_monthLabel->setWordWrap(true);
    bar->addWidget(m_monthLabel, 1);
    m_export = new QPushButton(tr("Export not reported (CSV)…"), this);
    m_export->setObjectName(QStringLiteral("exportNotReported"));
    m_export->setToolTip(m_people
                             ? tr("A spreadsheet (Excel) of the selected period's apoiadores that did not "
                                  "report.")
                             : tr("A spreadsheet (Excel) of the selected month's municipalities that did "
                                  "not report."));
    m_copy = new QPushButton(tr("Copy list"), this);
    m_copy->setObjectName(QStringLiteral("copyNotReported"));
    m_copy->setToolTip(tr("Copies the names, one per line, to paste in an e-mail or a message."));
    bar->addWidget(m_export);
    bar->addWidget(m_copy);
    layout->addLayout(bar);

    // The second question of a coordination of people: where the apoio did not reach.
    auto *reachRow = new QHBoxLayout;
    m_reach = new QLabel(this);
    m_reach->setObjectName(QStringLiteral("coverageReach"));
    m_reach->setWordWrap(true);
    m_reach->setTextFormat(Qt::PlainText);
    reachRow->addWidget(m_reach, 1);
    m_copyReach = new QPushButton(tr("Copy municipalities without apoio"), this);
    m_copyReach->setObjectName(QStringLiteral("copyNotReached"));
    m_copyReach->setToolTip(tr("Copies the names of the state's municipalities that no action of the period "
                               "reached, one per line."));
    reachRow->addWidget(m_copyReach);
    layout->addLayout(reachRow);
    m_reach->setVisible(m_people);
    m_copyReach->setVisible(m_people);
    connect(m_copyReach, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(notReachedText());
        m_reach->setText(m_reach->text() + QLatin1Char(' ') + tr("List copied."));
    });

    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showCell(current); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString report = index.data(CoverageModel::ReportRole).toString();
        if (!report.isEmpty())
            Q_EMIT openReportRequested(report);
    });
    connect(m_table->horizontalHeader(), &QHeaderView::sectionClicked, this, &CoveragePage::selectColumn);
    connect(m_export, &QPushButton::clicked, this, &CoveragePage::exportCsv);
    connect(m_copy, &QPushButton::clicked, this, &CoveragePage::copyList);
    connect(m_open, &QPushButton::clicked, this, &CoveragePage::openCurrent);
    auto changed = [this] {
        if (isVisible())
            reload();
        else
            m_dirty = true;
    };
    connect(&m_context.services->notifier(), &core::Notifier::replicaChanged, this, changed);
    connect(&m_context.services->notifier(), &core::Notifier::targetsChanged, this, changed);
    showCell({});
}

void CoveragePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        reload();
    // Once laid out: the selected month (the newest by default) in view, not cut by the scroll bar.
    QTimer::singleShot(0, this, [this] {
        if (m_table->currentIndex().isValid())
            m_table->scrollTo(m_table->currentIndex());
    });
}

void CoveragePage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

void CoveragePage::fitColumns()
{
    const int columns = std::max(1, m_model->columnCount());
    const int room = m_table->width() - m_table->verticalHeader()->width() - 2 * m_table->frameWidth()
                     - m_table->verticalScrollBar()->sizeHint().width();
    // Wide enough for the header's "815 de 853" (the whole state at the central level).
    int header = 0;
    QFont bold = m_table->horizontalHeader()->font(); // the current month's header is drawn bold
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    for (int c = 0; c < m_model->columnCount(); ++c)
        for (const QString &line : m_model->headerData(c, Qt::Horizontal).toString().split(QLatin1Char('\n')))
            header = std::max(header, metrics.horizontalAdvance(line) + 14);
    m_table->horizontalHeader()->setDefaultSectionSize(std::max({72, header, room / columns}));
}

int CoveragePage::periodCount() const
{
    return m_context.program.periodMonths() == 4 ? 6 : kMonths;
}

void CoveragePage::reload()
{
    m_dirty = false;
    m_reachData = {}; // the replica changed: the reach is read again
    core::Services &services = *m_context.services;
    QList<core::Municipality> municipalities;
    if (m_people) {
        auto people = regional::scopePeople(services);
        if (!people) {
            m_error->setText(tr("The coverage could not be computed: %1").arg(people.error().message));
            m_error->show();
            m_model->setGrid({});
            return;
        }
        municipalities = people.value();
    } else {
        municipalities = regional::scopeMunicipalities(m_context.reference, services);
    }
    // The period being reported now (the previous one) unless a newer one already arrived.
    core::Period last = m_context.program.periodOf(m_context.clock->today()).previous();
    if (const core::Period newest = services.replica().newestPeriod(); newest.isValid() && last < newest)
        last = newest;
    auto grid = core::computeCoverage(services.database(), m_context.program, municipalities, last,
                                      periodCount(), services.reviews().localStates());
    m_error->setVisible(!grid);
    if (!grid) {
        m_error->setText(tr("The coverage could not be computed: %1").arg(grid.error().message));
        m_model->setGrid({});
        return;
    }
    // Data: the central level's published targets, else the reference table's (SES-MG's
    // only: a coordination of people expects a report from each of its apoiadores, from
    // the period in which each one joined).
    if (!m_people)
        grid.value().target =
            services.targets().current().coverageTarget(m_context.reference, municipalities);
    else
        core::excludeUnexpected(grid.value(), regional::rosterExpectations(services));
    const QModelIndex was = m_table->currentIndex();
    m_model->setGrid(grid.value());
    m_table->verticalHeader()->setMinimumWidth(150);
    fitColumns();
    if (municipalities.isEmpty()) {
        m_error->setText(m_people ? tr("No apoiador is known yet: the list arrives from the hub at the next "
                                       "synchronization, with the reports.")
                                  : tr("This profile's URS has no municipality in the reference table."));
        m_error->show();
    }
    const int column = m_column >= 0 && m_column < m_model->columnCount() ? m_column : m_model->columnCount() - 1;
    if (was.isValid() && was.row() < m_model->rowCount() && was.column() < m_model->columnCount())
        m_table->setCurrentIndex(m_model->index(was.row(), was.column()));
    else
        selectColumn(column);
    updateMonth();
}

void CoveragePage::selectPeriod(const core::Period &period)
{
    if (m_dirty)
        reload();
    selectColumn(int(m_model->grid().periods.indexOf(period)));
}

void CoveragePage::selectColumn(int column)
{
    if (column < 0 || column >= m_model->columnCount())
        return;
    m_column = column;
    const int row = std::max(0, m_table->currentIndex().row());
    if (m_model->rowCount() > 0)
        m_table->setCurrentIndex(m_model->index(std::min(row, m_model->rowCount() - 1), column));
    updateMonth();
}

void CoveragePage::showCell(const QModelIndex &index)
{
    if (!index.isValid()) {
        m_detail->setText(tr("Select a cell to see what it means."));
        m_open->setEnabled(false);
        return;
    }
    if (index.column() != m_column) {
        m_column = index.column();
        updateMonth();
    }
    m_detail->setText(m_model->describe(index.row(), index.column()));
    m_open->setEnabled(!index.data(CoverageModel::ReportRole).toString().isEmpty());
}

void CoveragePage::updateMonth()
{
    const core::CoverageGrid &g = m_model->grid();
    if (m_column < 0 || m_column >= g.periods.size()) {
        m_monthLabel->clear();
        m_export->setEnabled(false);
        m_copy->setEnabled(false);
        return;
    }
    const int missing = int(g.notReported(m_column).size());
    m_monthLabel->setText(tr("%1: %2 reported · %n did not report (not sent or returned).", nullptr, missing)
                              .arg(g.periods.at(m_column).display(), m_model->totalText(m_column)));
    m_export->setEnabled(missing > 0);
    m_copy->setEnabled(missing > 0);
    updateReach();
}

void CoveragePage::updateReach()
{
    const core::CoverageGrid &g = m_model->grid();
    const QString uf = m_context.services->profile().uf();
    if (!m_people || uf.isEmpty() || m_column < 0 || m_column >= g.periods.size()) {
        m_reachData = {};
        m_reach->clear();
        m_copyReach->setEnabled(false);
        return;
    }
    const core::Period period = g.periods.at(m_column);
    if (m_reachData.period == period && m_reachData.uf == uf && !m_reach->text().isEmpty())
        return;
    auto reach = core::territoryReach(m_context.services->replica(), m_context.program,
                                      core::BrazilReference::embedded(), period, uf);
    if (!reach) {
        m_reachData = {};
        m_reach->setText(tr("Where the apoio reached could not be read: %1").arg(reach.error().message));
        m_copyReach->setEnabled(false);
        return;
    }
    m_reachData = reach.value();
    const int all = m_reachData.stateMunicipalities();
    const int reached = int(m_reachData.reached.size());
    const QLocale locale;
    QString text = tr("%1 in %2: %3 of %4 municipalities had apoio (%5%) · %n without apoio.", nullptr,
                      int(m_reachData.notReached.size()))
                       .arg(uf, period.display(), locale.toString(reached), locale.toString(all),
                            locale.toString(all > 0 ? 100.0 * reached / all : 0.0, 'f', 1));
    if (m_reachData.withoutMunicipalities > 0)
        text += QLatin1Char(' ') + tr("%n action(s) named a região de saúde, not municipalities.", nullptr,
                                      m_reachData.withoutMunicipalities);
    if (m_reachData.reportsWaiting > 0)
        text += QLatin1Char(' ') + tr("%n report(s) of the period still arriving: the count may grow.",
                                      nullptr, m_reachData.reportsWaiting);
    m_reach->setText(text);
    m_copyReach->setEnabled(!m_reachData.notReached.isEmpty());
}

QString CoveragePage::notReachedText() const
{
    if (!m_reachData.period.isValid())
        return {};
    QStringList lines;
    for (const core::BrMunicipality &m : m_reachData.notReached)
        lines << m.name;
    return tr("Municipalities of %1 without apoio in %2 (%3 of %4):")
               .arg(m_reachData.uf, m_reachData.period.display())
               .arg(lines.size())
               .arg(m_reachData.stateMunicipalities()) +
           QLatin1Char('\n') + lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void CoveragePage::openCurrent()
{
    const QString report = m_table->currentIndex().data(CoverageModel::ReportRole).toString();
    if (!report.isEmpty())
        Q_EMIT openReportRequested(report);
}

QByteArray CoveragePage::notReportedCsv() const
{
    namespace out = core::outputs;
    const core::CoverageGrid &g = m_model->grid();
    if (m_column < 0 || m_column >= g.periods.size())
        return {};
    const core::Period period = g.periods.at(m_column);
    out::Table table;
    table.sheetName = QStringLiteral("Não enviados");
    // The file is a document for SES-MG (or the COSEMS): its headers are in Portuguese, like the other
    // exports.
    table.columns =
        m_people ? QList<out::Column>{{QStringLiteral("Identificador")},
                                      {QStringLiteral("Apoiador(a)")},
                                      {QStringLiteral("UF")},
                                      {QStringLiteral("Período")},
                                      {QStringLiteral("Situação")},
                                      {QStringLiteral("Prazo")},
                                      {QStringLiteral("Primeiro envio")}}
                 : QList<out::Column>{{QStringLiteral("Código IBGE")},   {QStringLiteral("Município")},
                                      {QStringLiteral("URS")},           {QStringLiteral("Competência")},
                                      {QStringLiteral("Situação")},      {QStringLiteral("Prazo")},
                                      {QStringLiteral("Primeiro envio")}};
    const QDate deadline = m_context.program.deadline(period);
    for (const core::CoverageRow &row : g.rows) {
        const core::CoverageCell &cell = row.cells.at(m_column);
        if (core::coverageCounts(cell.state) || !cell.expected)
            continue;
        table.rows << QList<out::Cell>{out::Cell::code(row.municipality.ibge),
                                       out::Cell::text_(row.municipality.name),
                                       out::Cell::text_(row.municipality.urs),
                                       out::Cell::code(period.display()),
                                       out::Cell::text_(cell.state == core::CoverageState::Returned
                                                            ? QStringLiteral("Devolvido para correção")
                                                            : QStringLiteral("Não enviado")),
                                       out::Cell::date_(deadline),
                                       out::Cell::date_(core::brasiliaDate(cell.firstSentAt))};
    }
    return out::tableCsv(table);
}

QString CoveragePage::notReportedText() const
{
    const core::CoverageGrid &g = m_model->grid();
    if (m_column < 0 || m_column >= g.periods.size())
        return {};
    QStringList lines;
    for (const core::CoverageRow &row : g.rows) {
        if (!row.cells.at(m_column).expected)
            continue;
        const core::CoverageState s = row.cells.at(m_column).state;
        if (s == core::CoverageState::Missing)
            lines << row.municipality.name;
        else if (s == core::CoverageState::Returned)
            lines << tr("%1 (returned for correction)").arg(row.municipality.name);
    }
    const QString heading =
        m_people ? tr("Apoiadores that did not report %1 (%2 of %3):").arg(g.periods.at(m_column).display())
        : regional::isCentralDesk(*m_context.services)
            ? tr("Municipalities of the state that did not report %1 (%2 of %3):")
                  .arg(g.periods.at(m_column).display())
            : tr("Municipalities of the URS %1 that did not report %2 (%3 of %4):")
                  .arg(m_context.services->profile().urs(), g.periods.at(m_column).display());
    return heading.arg(lines.size()).arg(g.expected(m_column)) + QLatin1Char('\n') +
           lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void CoveragePage::exportCsv()
{
    const core::CoverageGrid &g = m_model->grid();
    if (m_column < 0 || m_column >= g.periods.size())
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder).filePath(
        QStringLiteral("nao-enviados-%1.csv").arg(g.periods.at(m_column).key()));
    const QString path = m_dialogs.saveFileName(this, tr("Export not reported (CSV)"), suggested,
                                                tr("CSV for Excel (*.csv)"));
    if (path.isEmpty())
        return;
    if (core::Status written = core::outputs::writeFileAtomically(path, notReportedCsv()); !written) {
        m_dialogs.warn(this, tr("Export not reported (CSV)"),
                       tr("The file was not written: %1").arg(written.error().message));
        return;
    }
    m_dialogs.inform(this, tr("Export not reported (CSV)"),
                     tr("Saved: %1").arg(QDir::toNativeSeparators(path)));
}

void CoveragePage::copyList()
{
    QGuiApplication::clipboard()->setText(notReportedText());
    m_monthLabel->setText(m_monthLabel->text() + QLatin1Char(' ') + tr("List copied."));
}

} // namespace mobiliza::ui
