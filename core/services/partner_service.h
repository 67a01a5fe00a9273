// The partners register (Parceiros da Saúde), including LGPD erasure.
//
// Field validation (CPF/CNPJ, phones, CEP) is the validators' job before
// save(); this service stores what it gets. The audit trail records ids and
// the names of the changed fields, never the partner's personal data.
#pragma once

#include "core/domain/types.h"
#include "core/util/result.h"

#include <QList>
#include <QString>

namespace mobiliza::core {

class AuditTrail;
class Clock;
class Database;
class Notifier;

class PartnerService
{
public:
    PartnerService(Database &database, Notifier &notifier, const Clock &clock, AuditTrail &audit);

    // Insert (empty or unknown uuid) or update. A stage change (and the first
    // save) adds a stage-history row dated today.
    Result<Partner> save(const Partner &partner);
    Result<Partner> partner(const QString &uuid) const;
    QList<Partner> partners() const; // by name

    // LGPD erasure: removes the partner's row, stage history and action links,
    // then checkpoints the WAL so no copy stays in the -wal file (deleted
    // content is zeroed: secure_delete). The same deletes then run on every
    // pre-migration backup copy (a copy that cannot be changed is deleted;
    // Error "backup_not_erased" when one can be neither). The audit rows say
    // only that an erasure happened and how many backups it reached.
    Status erase(const QString &uuid);

    // The actions the partner took part in (oldest period first).
    QList<QString> actionsOfPartner(const QString &uuid) const;

private:
    Database &m_database;
    Notifier &m_notifier;
    const Clock &m_clock;
    AuditTrail &m_audit;
};

} // namespace mobiliza::core
