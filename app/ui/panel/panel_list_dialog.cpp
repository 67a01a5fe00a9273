#include "app/ui/panel/panel_list_dialog.h"
#include "app/ui/screen_fit.h"

#include "app/ui/dialogs.h"
#include "app/ui/pages/page_header.h"
#include "app/ui/panel/panel_charts.h"
#include "app/ui/regional/regional_format.h"
#include "core/outputs/output_format.h"
#include "core/outputs/table_export.h"
#include "core/program/program_definition.h"

#include <QAbstractTableModel>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace mobiliza::ui {

// The columns of the lists (outside the anonymous namespace: PanelListModel,
// declared in the header, holds them).
enum class PanelListColumn
{
    Municipality,
    Urs,
    Ibge,
    Month,
    Date,
    Title,
    Themes,
    Format,
    People,
    ReviewState,
    Coverage,
    Sent
};

namespace {

using Col = PanelListColumn;

QList<Col> columnsOf(core::PanelListKind kind)
{
    switch (kind) {
    case core::PanelListKind::Reports:
        return {Col::Municipality, Col::Month, Col::Coverage, Col::Sent, Col::ReviewState};
    case core::PanelListKind::InactiveMunicipalities:
        return {Col::Municipality, Col::Urs, Col::Ibge};
    case core::PanelListKind::Actions:
    case core::PanelListKind::ActiveActions:
        break;
    }
    return {Col::Municipality, Col::Month, Col::Date,  Col::Title,
            Col::Themes,       Col::Format, Col::People, Col::ReviewState};
}

QString header(Col c)
{
    switch (c) {
    case Col::Municipality: return PanelListDialog::tr("Municipality");
    case Col::Urs: return PanelListDialog::tr("URS");
    case Col::Ibge: return PanelListDialog::tr("IBGE");
    case Col::Month: return PanelListDialog::tr("Month");
    case Col::Date: return PanelListDialog::tr("Date");
    case Col::Title: return PanelListDialog::tr("Action");
    case Col::Themes: return PanelListDialog::tr("Themes");
    case Col::Format: return PanelListDialog::tr("Format");
    case Col::People: return PanelListDialog::tr("People reached");
    case Col::ReviewState: return PanelListDialog::tr("Review");
    case Col::Coverage: return PanelListDialog::tr("Report");
    case Col::Sent: return PanelListDialog::tr("Sent on");
    }
    return {};
}

// A row's value in a column, typed: what the table shows and the CSV holds.
core::outputs::Cell cellOf(const core::PanelActionRow &r, Col c, const core::ProgramDefinition &program)
{
    using core::outputs::Cell;
    switch (c) {
    case Col::Municipality: return Cell::text_(r.name.isEmpty() ? r.municipality : r.name);
    case Col::Urs: return Cell::text_(r.urs);
    case Col::Ibge: return Cell::code(r.municipality);
    case Col::Month: return Cell::code(r.period.display());
    case Col::Date: return Cell::date_(r.date);
    case Col::Title:
        return Cell::text_(r.title.isEmpty()
                               ? QCoreApplication::translate("mobiliza::ui::PanelListDialog", "Action %1")
                                     .arg(r.position + 1)
                               : r.title);
    case Col::Themes: {
        QStringList labels;
        for (const QString &code : r.themes)
            labels << panelCodeLabel(program, core::field_role::Themes, code);
        return Cell::text_(labels.join(QStringLiteral("; ")));
    }
    case Col::Format:
        return Cell::text_(r.format.isEmpty() ? QString()
                                               : panelCodeLabel(program, core::field_role::Format, r.format));
    case Col::People: return Cell::integer(r.people);
    case Col::ReviewState: return Cell::text_(r.reviewState.isEmpty() ? QString() : regional::reviewStateLabel(r.reviewState));
    case Col::Coverage: return Cell::text_(core::coverageStateLabel(r.coverage));
    case Col::Sent: return Cell::date_(r.firstSent.isValid() ? core::brasiliaDate(r.firstSent) : QDate());
    }
    return {};
}

} // namespace

// The rows of one kind, replaced whole when computed.
class PanelListModel : public QAbstractTableModel
{
public:
    static constexpr int SortRole = Qt::UserRole + 1;
    static constexpr int ReportRole = PanelListDialog::ReportRole;

    PanelListModel(core::PanelListKind kind, core::ProgramDefinition program, QObject *parent)
        : QAbstractTableModel(parent), m_columns(columnsOf(kind)), m_program(std::move(program))
    {
    }

    void setRows(QList<core::PanelActionRow> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    const QList<Col> &columns() const { return m_columns; }
    core::outputs::Cell cell(int row, int column) const
    {
        return cellOf(m_rows.at(row), m_columns.at(column), m_program);
    }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_columns.size());
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
            return header(m_columns.at(section));
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid())
            return {};
        const core::PanelActionRow &r = m_rows.at(index.row());
        const Col col = m_columns.at(index.column());
        if (role == ReportRole)
            return r.report;
        const core::outputs::Cell c = cell(index.row(), index.column());
        switch (role) {
        case Qt::DisplayRole:
            if (c.kind == core::outputs::Cell::Date)
                return c.date.toString(QStringLiteral("dd/MM/yyyy"));
            if (c.kind == core::outputs::Cell::Integer)
                return QLocale().toString(qint64(c.number));
            return c.text;
        case Qt::ToolTipRole:
            return col == Col::Title || col == Col::Themes ? c.text : QVariant();
        case Qt::TextAlignmentRole:
            return c.kind == core::outputs::Cell::Integer ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                          : QVariant();
        case SortRole:
            if (col == Col::Month)
                return r.period.key();
            if (c.kind == core::outputs::Cell::Date)
                return c.date;
            if (c.kind == core::outputs::Cell::Integer)
                return qint64(c.number);
            return c.text;
        default:
            return {};
        }
    }

private:
    QList<Col> m_columns;
    core::ProgramDefinition m_program;
    QList<core::PanelActionRow> m_rows;
};

struct PanelListDialog::Tab
{
    core::PanelListKind kind;
    QLabel *count = nullptr;
    QTableView *view = nullptr;
    PanelListModel *model = nullptr;
    QSortFilterProxyModel *sorted = nullptr;
    QPushButton *csv = nullptr;
    bool done = false;
};

namespace {

QString tabTitle(core::PanelListKind kind)
{
    switch (kind) {
    case core::PanelListKind::Actions: return PanelListDialog::tr("Actions");
    case core::PanelListKind::Reports: return PanelListDialog::tr("Reports");
    case core::PanelListKind::ActiveActions: return PanelListDialog::tr("Actions of the last 3 months");
    case core::PanelListKind::InactiveMunicipalities:
        return PanelListDialog::tr("Municipalities without actions");
    }
    return {};
}

QString countText(core::PanelListKind kind, int n)
{
    switch (kind) {
    case core::PanelListKind::Reports: return PanelListDialog::tr("%Ln report(s)", "", n);
    case core::PanelListKind::InactiveMunicipalities:
        return PanelListDialog::tr("%Ln municipality(ies) without any counted action in the last 3 months",
                                   "", n);
    case core::PanelListKind::Actions:
    case core::PanelListKind::ActiveActions:
        break;
    }
    return PanelListDialog::tr("%Ln action(s)", "", n);
}

} // namespace

PanelListDialog::PanelListDialog(const AppContext &context, Dialogs &dialogs, const PanelListRequest &request,
                                 QWidget *parent)
    : QDialog(parent), m_context(context), m_dialogs(dialogs), m_request(request)
{
    setObjectName(QStringLiteral("panelListDialog"));
    setWindowTitle(request.title);
    auto *layout = new QVBoxLayout(this);
    auto *shown = new QLabel(request.shown, this);
    shown->setObjectName(QStringLiteral("panelListShown"));
    shown->setWordWrap(true);
    shown->setStyleSheet(QStringLiteral("color: #34495a;"));
    layout->addWidget(shown);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->tabBar()->setVisible(request.kinds.size() > 1);
    layout->addWidget(m_tabs, 1);
    for (const core::PanelListKind kind : request.kinds)
        addTab(kind);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    fitScreen(screen() ? screen()->availableGeometry().size() : QSize(1366, 768));
}

void PanelListDialog::fitScreen(const QSize &available)
{
    resize(withinRoom(QSize(1100, 640), available));
}

PanelListDialog::~PanelListDialog()
{
    qDeleteAll(m_tabList);
}

void PanelListDialog::addTab(core::PanelListKind kind)
{
    auto *tab = new Tab{kind};
    m_tabList << tab;
    auto *page = new QWidget(m_tabs);
    auto *l = new QVBoxLayout(page);
    l->setContentsMargins(0, 6, 0, 0);
    auto *bar = new QHBoxLayout;
    tab->count = new QLabel(tr("Counting…"), page);
    tab->count->setObjectName(QStringLiteral("panelListCount"));
    QFont bold = tab->count->font();
    bold.setBold(true);
    tab->count->setFont(bold);
    bar->addWidget(tab->count, 1);
    tab->csv = new QPushButton(tr("Export CSV…"), page);
    tab->csv->setObjectName(QStringLiteral("panelListCsv"));
    tab->csv->setToolTip(tr("These rows for Excel. No partner's personal data."));
    tab->csv->setEnabled(false);
    bar->addWidget(tab->csv);
    l->addLayout(bar);
    tab->model = new PanelListModel(kind, m_context.program, page);
    tab->sorted = new QSortFilterProxyModel(page);
    tab->sorted->setSourceModel(tab->model);
    tab->sorted->setSortRole(PanelListModel::SortRole);
    tab->sorted->setSortLocaleAware(true);
    tab->sorted->setSortCaseSensitivity(Qt::CaseInsensitive);
    tab->view = new QTableView(page);
    tab->view->setObjectName(QStringLiteral("panelListTable"));
    tab->view->setModel(tab->sorted);
    setUpListTable(tab->view);
    tab->view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // core's order until a click
    tab->view->setSortingEnabled(true);
    tab->view->setAccessibleName(tabTitle(kind));
    l->addWidget(tab->view, 1);
    const int index = int(m_tabList.size()) - 1;
    m_tabs->addTab(page, tabTitle(kind));
    connect(tab->csv, &QPushButton::clicked, this, [this, index] { exportCsv(index); });
    connect(tab->view, &QTableView::activated, this, [this](const QModelIndex &i) {
        if (const QString uuid = i.data(PanelListModel::ReportRole).toString(); !uuid.isEmpty())
            Q_EMIT openReportRequested(uuid);
    });
    if (kind != core::PanelListKind::InactiveMunicipalities)
        tab->view->setToolTip(tr("Double-click a row to open its report."));

    // Off the UI thread, through a connection of the worker's own.
    ++m_loading;
    auto *watcher = new QFutureWatcher<core::Result<QList<core::PanelActionRow>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, tab] {
        showRows(*tab, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([dataDir = m_context.dataDir, clock = m_context.clock,
                                          program = m_context.program, request = m_request, kind] {
        return core::panelActionRows(dataDir, *clock, program, request.scope, request.filter, kind);
    }));
}

void PanelListDialog::showRows(Tab &tab, const core::Result<QList<core::PanelActionRow>> &rows)
{
    tab.done = true;
    if (rows) {
        tab.model->setRows(rows.value());
        tab.count->setText(countText(tab.kind, int(rows.value().size())));
        tab.csv->setEnabled(!rows.value().isEmpty());
        QHeaderView *h = tab.view->horizontalHeader();
        h->resizeSections(QHeaderView::ResizeToContents);
        const QList<Col> &cols = tab.model->columns();
        // Some air between the columns; long titles and themes show whole in their tooltip.
        for (int c = 0; c < cols.size(); ++c)
            h->resizeSection(c, cols.at(c) == Col::Title || cols.at(c) == Col::Themes
                                    ? std::min(h->sectionSize(c) + 16, 260)
                                    : h->sectionSize(c) + 16);
        h->setStretchLastSection(true);
    } else {
        tab.count->setStyleSheet(QStringLiteral("color: #a01818;"));
        tab.count->setText(tr("The list could not be read: %1").arg(rows.error().message));
    }
    if (--m_loading == 0)
        Q_EMIT loaded();
}

int PanelListDialog::tabCount() const
{
    return int(m_tabList.size());
}

QTableView *PanelListDialog::table(int tab) const
{
    return m_tabList.value(tab) ? m_tabList.at(tab)->view : nullptr;
}

int PanelListDialog::rowCount(int tab) const
{
    return m_tabList.value(tab) ? m_tabList.at(tab)->model->rowCount() : 0;
}

bool PanelListDialog::exportCsv(int index)
{
    const Tab *tab = m_tabList.value(index);
    if (!tab || !tab->done || tab->model->rowCount() == 0)
        return false;
    const core::PanelFilter &f = m_request.filter;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = QDir(folder.isEmpty() ? QDir::homePath() : folder)
                                  .filePath(QStringLiteral("painel-lista-%1-a-%2.csv").arg(f.from.key(), f.to.key()));
    const QString path =
        m_dialogs.saveFileName(this, tr("Export the list (CSV)"), suggested, tr("CSV for Excel (*.csv)"));
    if (path.isEmpty())
        return false;
    // The rows in the order shown, typed (dates, numbers) as the panel's other tables.
    core::outputs::Table table;
    table.sheetName = tabTitle(tab->kind);
    for (const Col c : tab->model->columns())
        table.columns << core::outputs::Column{header(c)};
    for (int r = 0; r < tab->sorted->rowCount(); ++r) {
        const int source = tab->sorted->mapToSource(tab->sorted->index(r, 0)).row();
        QList<core::outputs::Cell> cells;
        for (int c = 0; c < tab->model->columnCount(); ++c)
            cells << tab->model->cell(source, c);
        table.rows << cells;
    }
    const core::Status written = core::outputs::writeFileAtomically(path, core::outputs::tableCsv(table));
    if (!written) {
        m_dialogs.warn(this, tr("List not exported"),
                       tr("The list could not be written: %1 Choose another folder and try again.")
                           .arg(written.error().message));
        return false;
    }
    m_dialogs.inform(this, tr("List exported"),
                     tr("The list was written to %1.").arg(QDir::toNativeSeparators(path)));
    return true;
}

} // namespace mobiliza::ui
