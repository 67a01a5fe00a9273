// The partners register as a table; reloads on the notifier's partner signals.
#pragma once

#include "app/ui/app_context.h"
#include "core/domain/types.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace mobiliza::ui {

QString partnerKindLabel(core::PartnerKind kind);
QString partnerStageLabel(core::PartnerStage stage);
// Consent in force: given and not revoked.
bool partnerConsentInForce(const core::Partner &partner);

class PartnerListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Kind, Sector, Stage, Municipality, Phone, Consent, ColumnCount };
    enum Role {
        UuidRole = Qt::UserRole + 1,
        SearchTextRole, // folded name, contact, sector and municipality
        KindRole,       // core::partnerKindKey()
        SectorRole,     // sector code
        StageRole,      // core::partnerStageKey()
        MunicipalityRole, // IBGE code
        ConsentRole     // bool: consent in force
    };

    explicit PartnerListModel(const AppContext &context, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void reload();

    const core::Partner &partnerAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString &uuid) const; // -1 when absent
    QString sectorLabel(const QString &code) const;
    QString municipalityName(const QString &ibge) const; // the code itself when unknown

private:
    AppContext m_context;
    QList<core::Partner> m_rows;
    QStringList m_searchText; // folded once per reload
};

// Accent- and case-insensitive search over name, contact, sector and municipality,
// plus exact filters on kind, sector, stage and municipality (empty = any).
class PartnerFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setQuery(const QString &query);
    void setKindFilter(const QString &kindKey);
    void setSectorFilter(const QString &sectorCode);
    void setStageFilter(const QString &stageKey);
    void setMunicipalityFilter(const QString &ibge);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    void setExact(QString &slot, const QString &value);

    QStringList m_terms;
    QString m_kind;
    QString m_sector;
    QString m_stage;
    QString m_municipality;
};

} // namespace mobiliza::ui
