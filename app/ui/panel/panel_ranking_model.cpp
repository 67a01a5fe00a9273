#include "app/ui/panel/panel_ranking_model.h"

#include <QLocale>

namespace mobiliza::ui {

void PanelRankingModel::setRanking(const QList<core::PanelRankRow> &rows, int months,
                                   const QHash<QString, QString> &names)
{
    beginResetModel();
    m_rows = rows;
    m_months = months;
    m_names.clear();
    for (const core::PanelRankRow &r : rows)
        m_names << names.value(r.municipality, r.municipality);
    endResetModel();
}

int PanelRankingModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PanelRankingModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PanelRankingModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const core::PanelRankRow &r = m_rows.at(index.row());
    if (role == IbgeRole)
        return r.municipality;
    if (role == SortRole) {
        switch (index.column()) {
        case Name:
            return m_names.at(index.row());
        case Actions:
            return r.actions;
        case People:
            return r.people;
        case Months:
            return r.monthsReported;
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Name)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case Name:
        return m_names.at(index.row());
    case Actions:
        return locale.toString(r.actions);
    case People:
        return locale.toString(r.people);
    case Months:
        return tr("%1 of %2").arg(r.monthsReported).arg(m_months);
    }
    return {};
}

QVariant PanelRankingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Municipality");
    case Actions:
        return tr("Actions");
    case People:
        return tr("People reached");
    case Months:
        return tr("Months reported");
    }
    return {};
}

} // namespace mobiliza::ui
