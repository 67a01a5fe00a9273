#include "app/ui/models/partner_list_model.h"

#include "core/services/services.h"
#include "core/util/text.h"
#include "core/validators/br_validators.h"

#include <QCoreApplication>

#include <algorithm>

namespace mobiliza::ui {

QString partnerKindLabel(core::PartnerKind kind)
{
    switch (kind) {
    case core::PartnerKind::Person: return QCoreApplication::translate("Partner", "Individual");
    case core::PartnerKind::Organization: return QCoreApplication::translate("Partner", "Organization");
    case core::PartnerKind::InformalGroup: return QCoreApplication::translate("Partner", "Informal group");
    }
    return {};
}

QString partnerStageLabel(core::PartnerStage stage)
{
    switch (stage) {
    case core::PartnerStage::Mapped: return QCoreApplication::translate("Partner", "Mapped");
    case core::PartnerStage::Sensitized: return QCoreApplication::translate("Partner", "Sensitized");
    case core::PartnerStage::Active: return QCoreApplication::translate("Partner", "Active partnership");
    case core::PartnerStage::Inactive: return QCoreApplication::translate("Partner", "Inactive");
    }
    return {};
}

bool partnerConsentInForce(const core::Partner &partner)
{
    return partner.consent.given && !partner.consent.revokedOn.isValid();
}

PartnerListModel::PartnerListModel(const AppContext &context, QObject *parent)
    : QAbstractTableModel(parent), m_context(context)
{
    auto &notifier = m_context.services->notifier();
    connect(&notifier, &core::Notifier::partnerChanged, this, &PartnerListModel::reload);
    reload();
}

QString PartnerListModel::sectorLabel(const QString &code) const
{
    if (code.isEmpty())
        return {};
    if (const auto entry = m_context.program.catalogueEntry(QStringLiteral("setores_parceiros"), code))
        return entry->label;
    return code;
}

QString PartnerListModel::municipalityName(const QString &ibge) const
{
    if (ibge.isEmpty())
        return {};
    const auto m = m_context.reference.municipality(ibge);
    return m ? m->name : ibge;
}

void PartnerListModel::reload()
{
    beginResetModel();
    m_rows = m_context.services->partners().partners();
    std::sort(m_rows.begin(), m_rows.end(), [](const core::Partner &a, const core::Partner &b) {
        return QString::localeAwareCompare(a.name, b.name) < 0;
    });
    m_searchText.clear();
    for (const auto &p : m_rows) {
        m_searchText << core::foldForSearch(QStringList{p.name, p.contactName, sectorLabel(p.sector),
                                                        municipalityName(p.municipality)}
                                                .join(QLatin1Char(' ')));
    }
    endResetModel();
}

int PartnerListModel::rowOf(const QString &uuid) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).uuid == uuid)
            return i;
    return -1;
}

int PartnerListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PartnerListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PartnerListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto &p = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return p.name;
        case Kind: return partnerKindLabel(p.kind);
        case Sector: return sectorLabel(p.sector);
        case Stage: return partnerStageLabel(p.stage);
        case Municipality: return municipalityName(p.municipality);
        case Phone:
            if (p.phones.isEmpty())
                return QString();
            return p.phones.size() == 1
                       ? core::br::formatPhone(p.phones.first())
                       : tr("%1 (+%2)").arg(core::br::formatPhone(p.phones.first())).arg(p.phones.size() - 1);
        case Consent: return partnerConsentInForce(p) ? tr("Yes") : tr("No");
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Phone && p.phones.size() > 1) {
            QStringList all;
            for (const auto &phone : p.phones)
                all << core::br::formatPhone(phone);
            return all.join(QLatin1Char('\n'));
        }
        if (index.column() == Consent && p.consent.revokedOn.isValid())
            return tr("Consent revoked on %1").arg(core::br::formatDate(p.consent.revokedOn));
        return {};
    case UuidRole: return p.uuid;
    case SearchTextRole: return m_searchText.value(index.row());
    case KindRole: return core::partnerKindKey(p.kind);
    case SectorRole: return p.sector;
    case StageRole: return core::partnerStageKey(p.stage);
    case MunicipalityRole: return p.municipality;
    case ConsentRole: return partnerConsentInForce(p);
    }
    return {};
}

QVariant PartnerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Name");
    case Kind: return tr("Kind");
    case Sector: return tr("Sector");
    case Stage: return tr("Stage");
    case Municipality: return tr("Municipality");
    case Phone: return tr("Phone");
    case Consent: return tr("Consent");
    }
    return {};
}

void PartnerFilterModel::setQuery(const QString &query)
{
    m_terms = core::foldForSearch(query).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

void PartnerFilterModel::setExact(QString &slot, const QString &value)
{
    if (slot == value)
        return;
    slot = value;
    invalidateFilter();
}

void PartnerFilterModel::setKindFilter(const QString &kindKey)
{
    setExact(m_kind, kindKey);
}

void PartnerFilterModel::setSectorFilter(const QString &sectorCode)
{
    setExact(m_sector, sectorCode);
}

void PartnerFilterModel::setStageFilter(const QString &stageKey)
{
    setExact(m_stage, stageKey);
}

void PartnerFilterModel::setMunicipalityFilter(const QString &ibge)
{
    setExact(m_municipality, ibge);
}

bool PartnerFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const auto differs = [&index](const QString &wanted, int role) {
        return !wanted.isEmpty() && index.data(role).toString() != wanted;
    };
    if (differs(m_kind, PartnerListModel::KindRole) || differs(m_sector, PartnerListModel::SectorRole) ||
        differs(m_stage, PartnerListModel::StageRole) ||
        differs(m_municipality, PartnerListModel::MunicipalityRole))
        return false;
    if (m_terms.isEmpty())
        return true;
    const QString text = index.data(PartnerListModel::SearchTextRole).toString();
    for (const auto &t : m_terms)
        if (!text.contains(t))
            return false;
    return true;
}

} // namespace mobiliza::ui
