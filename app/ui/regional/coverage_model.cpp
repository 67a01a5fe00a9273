#include "app/ui/regional/coverage_model.h"

#include "app/ui/regional/regional_format.h"

#include <QPainter>

#include <cmath>

namespace mobiliza::ui {

CoverageModel::CoverageModel(const core::ProgramDefinition &program, QObject *parent)
    : QAbstractTableModel(parent), m_program(program)
{
}

void CoverageModel::setGrid(const core::CoverageGrid &grid)
{
    beginResetModel();
    m_grid = grid;
    endResetModel();
}

QColor CoverageModel::fill(core::CoverageState state)
{
    switch (state) {
    case core::CoverageState::OnTime:
        return QColor(0x7c, 0xc4, 0x84); // green
    case core::CoverageState::Late:
        return QColor(0xf4, 0xbf, 0x4f); // amber
    case core::CoverageState::NoActions:
        return QColor(0xa7, 0xb8, 0xc6); // blue-grey
    case core::CoverageState::Returned:
        return QColor(0xe0, 0x5d, 0x38); // orange-red
    case core::CoverageState::Missing:
        return QColor(0xee, 0xf0, 0xf2); // light grey
    }
    return Qt::white;
}

QColor CoverageModel::ink(core::CoverageState state)
{
    switch (state) {
    case core::CoverageState::Returned:
        return Qt::white;
    case core::CoverageState::Missing:
        return QColor(0x7a, 0x86, 0x92);
    default:
        return QColor(0x17, 0x22, 0x2c);
    }
}

QString CoverageModel::shortText(core::CoverageState state)
{
    switch (state) {
    case core::CoverageState::OnTime:
        return QStringLiteral("✓");
    case core::CoverageState::Late:
        return tr("late");
    case core::CoverageState::NoActions:
        return tr("no actions");
    case core::CoverageState::Returned:
        return tr("returned");
    case core::CoverageState::Missing:
        return QStringLiteral("—");
    }
    return {};
}

QString CoverageModel::totalText(int column) const
{
    const int n = m_grid.expected(column);
    if (n == 0)
        return QStringLiteral("—"); // nobody was expected (a coordination's people were not in the program)
    const int x = m_grid.covered(column);
    const int pct = n > 0 ? int(std::lround(100.0 * x / n)) : 0;
    return tr("%1 of %2 (%3%)").arg(x).arg(n).arg(pct);
}

QString CoverageModel::describe(int row, int column) const
{
    if (row < 0 || row >= m_grid.rows.size() || column < 0 || column >= m_grid.periods.size())
        return {};
    const core::CoverageRow &r = m_grid.rows.at(row);
    const core::CoverageCell &cell = r.cells.at(column);
    const core::Period &period = m_grid.periods.at(column);
    const QString name = r.municipality.name;
    const QString deadline = m_program.deadline(period).toString(QStringLiteral("dd/MM/yyyy"));
    const QString sent = regional::brasiliaDateTime(cell.firstSentAt);
    if (!cell.expected)
        return tr("%1 was not in the program in %2 (joined later, or has left): no report is expected.")
            .arg(name, period.display());
    switch (cell.state) {
    case core::CoverageState::Missing:
        return tr("%1 has not sent the report of %2; deadline: %3.").arg(name, period.display(), deadline);
    case core::CoverageState::Returned:
        return tr("%1: the report of %2 was returned for correction; the corrected revision has not arrived yet.")
            .arg(name, period.display());
    case core::CoverageState::NoActions:
        return tr("%1 reported no actions in %2 (justified); sent on %3.").arg(name, period.display(), sent);
    case core::CoverageState::Late:
        return tr("%1 sent the report of %2 late, on %3 (deadline: %4).").arg(name, period.display(), sent, deadline);
    case core::CoverageState::OnTime:
        return tr("%1 sent the report of %2 on time, on %3 (deadline: %4).")
            .arg(name, period.display(), sent, deadline);
    }
    return {};
}

int CoverageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_grid.rows.size());
}

int CoverageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_grid.periods.size());
}

QVariant CoverageModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_grid.rows.size() || index.column() >= m_grid.periods.size())
        return {};
    const core::CoverageCell &cell = m_grid.rows.at(index.row()).cells.at(index.column());
    if (!cell.expected) { // a person not in the program then: an empty, pale cell
        switch (role) {
        case Qt::ToolTipRole:
        case Qt::AccessibleTextRole:
            return describe(index.row(), index.column());
        case StateKeyRole:
            return QStringLiteral("not_expected");
        case FillRole:
            return QColor(0xfa, 0xfb, 0xfc);
        case Qt::TextAlignmentRole:
            return int(Qt::AlignCenter);
        }
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return shortText(cell.state);
    case Qt::ToolTipRole:
        return QString(core::coverageStateLabel(cell.state) + QStringLiteral("\n") + describe(index.row(), index.column()));
    case Qt::AccessibleTextRole:
        return describe(index.row(), index.column());
    case StateRole:
        return int(cell.state);
    case StateKeyRole:
        return core::coverageStateKey(cell.state);
    case ReportRole:
        return cell.report;
    case FillRole:
        return fill(cell.state);
    case Qt::ForegroundRole:
        return ink(cell.state);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    }
    return {};
}

QVariant CoverageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= m_grid.rows.size())
            return {};
        if (role == Qt::DisplayRole)
            return m_grid.rows.at(section).municipality.name;
        if (role == Qt::ToolTipRole)
            return m_people ? tr("Apoiador(a) %1 (%2)")
                                  .arg(m_grid.rows.at(section).municipality.ibge,
                                       m_grid.rows.at(section).municipality.urs)
                            : tr("IBGE %1").arg(m_grid.rows.at(section).municipality.ibge);
        return {};
    }
    if (section < 0 || section >= m_grid.periods.size())
        return {};
    const int n = m_grid.expected(section);
    const bool belowTarget = n > 0 && m_grid.covered(section) < std::ceil(m_grid.target * n - 1e-9);
    switch (role) {
    case Qt::DisplayRole: {
        const core::Period &p = m_grid.periods.at(section);
        // A quadrimestre's name on two lines: six of them fit a small screen's width.
        const QString name =
            p.isQuadrimester() ? tr("4-month period %1\n%2").arg(p.quadrimester()).arg(p.year) : p.display();
        return QString(name + QLatin1Char('\n') +
                       totalText(section).replace(QStringLiteral(" ("), QStringLiteral("\n(")));
    }
    case Qt::ToolTipRole:
        return (m_people ? tr("%1: %2 reported (on time, late or without actions); target: %3% of the "
                              "apoiadores.")
                         : tr("%1: %2 reported (on time, late or without actions); target: %3% of the "
                              "municipalities."))
            .arg(m_grid.periods.at(section).display(), totalText(section))
            .arg(qRound(m_grid.target * 100));
    case Qt::ForegroundRole:
        return n == 0        ? QColor(0x6b, 0x77, 0x85)
               : belowTarget ? QColor(0x9a, 0x2a, 0x10)
                             : QColor(0x1e, 0x6b, 0x34);
    }
    return {};
}

void CoverageDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    painter->save();
    const QRect r = option.rect.adjusted(1, 1, -1, -1);
    painter->fillRect(option.rect, Qt::white);
    painter->fillRect(r, index.data(CoverageModel::FillRole).value<QColor>());
    if (option.state & QStyle::State_HasFocus || option.state & QStyle::State_Selected) {
        painter->setPen(QPen(QColor(0x0b, 0x2a, 0x44), 2));
        painter->drawRect(r.adjusted(1, 1, -1, -1));
    }
    painter->setPen(index.data(Qt::ForegroundRole).value<QColor>());
    painter->setFont(option.font);
    painter->drawText(r, Qt::AlignCenter, index.data(Qt::DisplayRole).toString());
    painter->restore();
}

} // namespace mobiliza::ui
