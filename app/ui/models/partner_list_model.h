// The partners register as a table; reloads on the notifier's partner signals.
#pragma once

#include "app/ui/app_context.h"
#include "core/domain/types.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace mobiliza::ui {

QString partnerKindLabel(core::PartnerKind kind);
QString partnerStageLabel(core::PartnerStage stage);

class PartnerListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Kind, Sector, Stage, Municipality, ColumnCount };
    enum Role { UuidRole = Qt::UserRole + 1, SearchTextRole };

    explicit PartnerListModel(const AppContext &context, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void reload();

private:
    QString sectorLabel(const QString &code) const;

    AppContext m_context;
    QList<core::Partner> m_rows;
    QStringList m_searchText; // folded once per reload
};

// Accent- and case-insensitive filter over name, contact, sector and municipality.
class PartnerFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setQuery(const QString &query);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_terms;
};

} // namespace mobiliza::ui
