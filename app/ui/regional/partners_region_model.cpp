#include "app/ui/regional/partners_region_model.h"

#include "app/ui/models/partner_list_model.h"
#include "core/validators/br_validators.h"

namespace mobiliza::ui {

PartnersRegionModel::PartnersRegionModel(const core::RegionPartners &names, QObject *parent)
    : QAbstractTableModel(parent), m_names(names)
{
}

void PartnersRegionModel::setPartners(QList<core::RegionPartner> partners)
{
    beginResetModel();
    m_rows = std::move(partners);
    m_municipalities.clear();
    m_sectors.clear();
    for (const core::RegionPartner &p : std::as_const(m_rows)) {
        m_municipalities << m_names.municipalityName(p.municipality);
        m_sectors << m_names.sectorLabel(p.sector);
    }
    endResetModel();
}

int PartnersRegionModel::rowOf(const QString &uuid) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).uuid == uuid)
            return i;
    return -1;
}

QString PartnersRegionModel::consentText(const core::RegionPartner &partner)
{
    if (!partner.consent)
        return tr("No");
    return partner.consentDate.isValid() ? tr("Yes (%1)").arg(core::br::formatDate(partner.consentDate))
                                         : tr("Yes");
}

int PartnersRegionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PartnersRegionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PartnersRegionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const core::RegionPartner &p = m_rows.at(index.row());
    if (role == UuidRole)
        return p.uuid;
    if (role == Qt::ToolTipRole) // the whole text of a cell elided on a small screen
        return index.column() == Name && !p.cnpj.isEmpty()
                   ? tr("%1 — CNPJ %2").arg(p.name, core::br::formatCnpj(p.cnpj))
                   : data(index, Qt::DisplayRole);
    if (role == SortRole) {
        switch (index.column()) {
        // The rows come by municipality, then name (collated once): their order is the sort.
        case Municipality: return index.row();
        case Consent: return p.consent ? QVariant(p.consentDate) : QVariant(QDate());
        case Updated: return p.updatedAt;
        default: return data(index, Qt::DisplayRole);
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Municipality: return m_municipalities.value(index.row());
    case Name: return p.name;
    case Kind: return partnerKindLabel(p.kind);
    case Sector: return m_sectors.value(index.row());
    case Stage: return partnerStageLabel(p.stage);
    case Consent: return consentText(p);
    case Updated: return core::br::formatDate(p.updatedAt.toLocalTime().date());
    }
    return {};
}

QVariant PartnersRegionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Municipality: return tr("Municipality");
    case Name: return tr("Name");
    case Kind: return tr("Kind");
    case Sector: return tr("Sector");
    case Stage: return tr("Stage");
    case Consent: return tr("Consent");
    case Updated: return tr("Updated");
    }
    return {};
}

} // namespace mobiliza::ui
