// "Parceiros da região": the URS's copy of its municipalities' partners as a
// table — municipality, name, kind, sector, stage, consent (with its date) and
// the partner's last change. Rows come already filtered and ordered from
// core::RegionPartners::list(); a proxy sorts by the clicked column.
#pragma once

#include "core/regional/region_partners.h"

#include <QAbstractTableModel>

namespace mobiliza::ui {

class PartnersRegionModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Municipality, Name, Kind, Sector, Stage, Consent, Updated, ColumnCount };
    enum Role {
        UuidRole = Qt::UserRole + 1,
        SortRole, // what the column sorts by (dates as dates; the municipality by the rows' order)
    };

    // `names`: the copy's labels (municipality names, sector labels).
    explicit PartnersRegionModel(const core::RegionPartners &names, QObject *parent = nullptr);

    void setPartners(QList<core::RegionPartner> partners);
    const QList<core::RegionPartner> &partners() const { return m_rows; }
    int rowOf(const QString &uuid) const; // -1 when absent

    // "Sim (09/03/2026)" — since when consent is in force — or "Não".
    static QString consentText(const core::RegionPartner &partner);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const core::RegionPartners &m_names;
    QList<core::RegionPartner> m_rows;
    QStringList m_municipalities; // by row, resolved once per setPartners
    QStringList m_sectors;
};

} // namespace mobiliza::ui
