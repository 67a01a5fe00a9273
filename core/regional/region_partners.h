// "Parceiros da região": the URS's read-only copy of its municipalities'
// partners (docs/protocol.md §10.6), pulled with a cursor during its sync pass
// and kept in the profile (table region_partners, schema 7) so the regional desk
// works from it without the hub.
//
// Only what BRIEF §7 lets travel to the regional level is ever held here: name,
// kind, governmental/formal, sector, stage, municipality, an organization's CNPJ
// (public), whether consent to communications is in force and its date. Never a
// contact person, phone, e-mail, address or CPF. A partner a municipality erased
// (LGPD) reaches the copy as a tombstone and its row is removed — from the
// pre-migration backups too (Database::scrubBackups).
//
// A URS's copy holds only its municipalities, by the profile's reference table
// (ReferenceData::municipalitiesOfUrs): a newer table that moves a municipality to
// another URS takes its partners out of the copy (reconcileScope()).
//
// Every change is one transaction and emits Notifier::regionPartnersChanged().
#pragma once

#include "core/domain/types.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/util/result.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace mobiliza::core {

class Services;

// One partner as the regional level receives it (and keeps it).
struct RegionPartner
{
    QString uuid;
    QString municipality; // IBGE
    bool deleted = false; // erased by its municipality: uuid, municipality, updatedAt and cursor only
    QString name;
    PartnerKind kind = PartnerKind::Organization;
    bool governmental = false;
    bool formal = true;
    QString sector; // code of the program's sector catalogue
    PartnerStage stage = PartnerStage::Mapped;
    QString cnpj;         // 14 characters, only an organization's or a group's; never a person's CPF
    bool consent = false; // consent to receive communications given and not revoked
    QDate consentDate;    // only with consent
    QDateTime updatedAt;
    qint64 cursor = 0; // the hub's (§10.6)
};

// What of a municipality's partner travels to the regional level (the one rule,
// for the hub's answer and the tests).
RegionPartner regionPartnerOf(const Partner &partner);
// As register entries for the table writers (core/outputs): no contacts to omit.
QList<Partner> asPartners(const QList<RegionPartner> &partners);

struct RegionPartnerFilter
{
    QString text;         // accent- and case-insensitive: name, municipality, sector, CNPJ
    QString municipality; // IBGE; empty = every municipality
    QString kind;         // partnerKindKey(); empty = any
    QString sector;       // sector code; empty = any
    QString stage;        // partnerStageKey(); empty = any
};

class RegionPartners;

// The copy in memory, in the list's order, with each partner's search text folded
// once: filtering it again as a person types is a scan, not a read and a fold per row.
class RegionPartnerIndex
{
public:
    RegionPartnerIndex() = default;
    RegionPartnerIndex(QList<RegionPartner> partners, const RegionPartners &names);

    // The partners that pass the filter, in the index's order.
    QList<RegionPartner> filter(const RegionPartnerFilter &filter) const;
    const QList<RegionPartner> &all() const { return m_rows; }
    int size() const { return int(m_rows.size()); }

private:
    QList<RegionPartner> m_rows; // by municipality name, then name
    QStringList m_text;          // folded name, municipality, sector label and CNPJ, by row
};

class RegionPartners
{
public:
    // `program` names the sectors for the text filter (a null program: codes only).
    explicit RegionPartners(Services &services, ProgramDefinition program = {});

    // The cursor the next pull starts from (0: from the beginning).
    qint64 cursor() const;
    // Before a pull: when the URS's municipalities (by the profile's reference table)
    // are not the set the copy was pulled for (a fingerprint in settings), the partners
    // of the municipalities no longer the URS's are removed and the cursor goes back to
    // 0, so those of the municipalities that joined come whole with the pull — one
    // transaction. True when it did so (also the first time, with no fingerprint yet).
    // The central level's copy holds every municipality: nothing to do.
    Result<bool> reconcileScope();
    // One page of the hub's listing, in one transaction: each partner of the URS's
    // municipalities inserted or replaced (a listing older than the row here changes
    // nothing; another municipality's is not kept), each erased one removed, and `next`
    // stored as the cursor. After the commit, the erased partners leave the
    // pre-migration backups too, with an audit entry (best effort, as
    // PartnerService::erase): an Error then (code "backup_not_erased") names the copy
    // that still holds them — the page itself is stored.
    Status applyPulled(const QList<RegionPartner> &entries, qint64 next);

    // Every partner held, indexed for filtering.
    Result<RegionPartnerIndex> index() const;
    // The partners that pass the filter, by municipality name, then name.
    Result<QList<RegionPartner>> list(const RegionPartnerFilter &filter = {}) const;

    QString municipalityName(const QString &ibge) const; // the code itself when unknown
    QString sectorLabel(const QString &code) const;      // the code itself when unknown

private:
    // The URS's municipalities (IBGE, sorted) by the profile's table; nullopt when the
    // profile is not a URS's (the central level's copy holds every municipality).
    std::optional<QStringList> scope() const;
    Status eraseFromBackups(const QStringList &erased);

    Services &m_services;
    ProgramDefinition m_program;
};

// "37 parceiros em 12 municípios" (translated).
QString regionPartnersSummary(const QList<RegionPartner> &partners);

// The partners register's CSV (Excel pt-BR) or XLSX, by the file's suffix
// (.xlsx, otherwise CSV), without contacts: the writers of core/outputs.
Status writeRegionPartners(const QList<RegionPartner> &partners, const ProgramDefinition &program,
                           const ReferenceData &reference, const QString &path);
bool isXlsxPath(const QString &path);

} // namespace mobiliza::core
