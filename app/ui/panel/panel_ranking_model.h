// The Painel's ranking of municipalities as a table model: replaced whole on each
// answer (one reset, not one signal per cell), sortable by any column.
#pragma once

#include "core/panel/panel_query.h"

#include <QAbstractTableModel>
#include <QHash>

namespace mobiliza::ui {

class PanelRankingModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Actions, People, Months, ColumnCount };
    static constexpr int IbgeRole = Qt::UserRole + 1;
    static constexpr int SortRole = Qt::UserRole + 2;

    using QAbstractTableModel::QAbstractTableModel;

    // `names`: IBGE → municipality name.
    void setRanking(const QList<core::PanelRankRow> &rows, int months, const QHash<QString, QString> &names);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<core::PanelRankRow> m_rows;
    QStringList m_names; // per row
    int m_months = 0;
};

} // namespace mobiliza::ui
