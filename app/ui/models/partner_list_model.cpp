#include "app/ui/models/partner_list_model.h"

#include "core/services/services.h"
#include "core/util/text.h"

#include <QCoreApplication>

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

PartnerListModel::PartnerListModel(const AppContext &context, QObject *parent)
    : QAbstractTableModel(parent), m_context(context)
{
    auto &notifier = m_context.services->notifier();
    connect(&notifier, &core::Notifier::partnerChanged, this, &PartnerListModel::reload);
    reload();
}

QString PartnerListModel::sectorLabel(const QString &code) const
{
    for (const auto &e : m_context.program.catalogue(QStringLiteral("setores_parceiros")))
        if (e.code == code)
            return e.label;
    return code;
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
        const auto m = m_context.reference.municipality(p.municipality);
        m_searchText << core::foldForSearch(QStringList{p.name, p.contactName, sectorLabel(p.sector),
                                                        m ? m->name : QString()}
                                                .join(QLatin1Char(' ')));
    }
    endResetModel();
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
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return p.name;
        case Kind: return partnerKindLabel(p.kind);
        case Sector: return sectorLabel(p.sector);
        case Stage: return partnerStageLabel(p.stage);
        case Municipality: {
            const auto m = m_context.reference.municipality(p.municipality);
            return m ? m->name : p.municipality;
        }
        }
    } else if (role == UuidRole) {
        return p.uuid;
    } else if (role == SearchTextRole) {
        return m_searchText.value(index.row());
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
    }
    return {};
}

void PartnerFilterModel::setQuery(const QString &query)
{
    m_terms = core::foldForSearch(query).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool PartnerFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_terms.isEmpty())
        return true;
    const QString text =
        sourceModel()->index(sourceRow, 0, sourceParent).data(PartnerListModel::SearchTextRole).toString();
    for (const auto &t : m_terms)
        if (!text.contains(t))
            return false;
    return true;
}

} // namespace mobiliza::ui
