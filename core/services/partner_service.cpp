#include "core/services/partner_service.h"

#include "core/domain/clock.h"
#include "core/services/audit.h"
#include "core/services/notifier.h"
#include "core/services/service_errors.h"
#include "core/store/database.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

namespace mobiliza::core {

Q_LOGGING_CATEGORY(lcPartners, "mobiliza.services.partners")

namespace {

const QString kPartnerColumns = QStringLiteral(
    "uuid, kind, governmental, formal, sector, name, document, contact_name, contact_role, phones_json, "
    "email, address, cep, municipality, stage, consent_given, consent_date, consent_channel, "
    "consent_purpose, consent_revoked_on, notes, updated_at");

QDate parseDate(const QVariant &v)
{
    return QDate::fromString(v.toString(), Qt::ISODate);
}

Partner partnerFromRow(const QSqlQuery &q)
{
    Partner p;
    p.uuid = q.value(0).toString();
    partnerKindFromKey(q.value(1).toString(), &p.kind);
    p.governmental = q.value(2).toInt() != 0;
    p.formal = q.value(3).toInt() != 0;
    p.sector = q.value(4).toString();
    p.name = q.value(5).toString();
    p.document = q.value(6).toString();
    p.contactName = q.value(7).toString();
    p.contactRole = q.value(8).toString();
    for (const QJsonValue &phone : QJsonDocument::fromJson(q.value(9).toString().toUtf8()).array())
        p.phones << phone.toString();
    p.email = q.value(10).toString();
    p.address = q.value(11).toString();
    p.cep = q.value(12).toString();
    p.municipality = q.value(13).toString();
    partnerStageFromKey(q.value(14).toString(), &p.stage);
    p.consent.given = q.value(15).toInt() != 0;
    p.consent.date = parseDate(q.value(16));
    p.consent.channel = q.value(17).toString();
    p.consent.purpose = q.value(18).toString();
    p.consent.revokedOn = parseDate(q.value(19));
    p.notes = q.value(20).toString();
    p.updatedAt = parseStoreTimestamp(q.value(21).toString());
    return p;
}

// Column name → value, in table order (one list for INSERT and UPDATE).
QList<QPair<QString, QVariant>> columnValues(const Partner &p)
{
    return {
        {QStringLiteral("kind"), partnerKindKey(p.kind)},
        {QStringLiteral("governmental"), p.governmental ? 1 : 0},
        {QStringLiteral("formal"), p.formal ? 1 : 0},
        {QStringLiteral("sector"), textArg(p.sector)},
        {QStringLiteral("name"), textArg(p.name)},
        {QStringLiteral("document"), textArg(p.document)},
        {QStringLiteral("contact_name"), textArg(p.contactName)},
        {QStringLiteral("contact_role"), textArg(p.contactRole)},
        {QStringLiteral("phones_json"),
         QString::fromUtf8(
             QJsonDocument(QJsonArray::fromStringList(p.phones)).toJson(QJsonDocument::Compact))},
        {QStringLiteral("email"), textArg(p.email)},
        {QStringLiteral("address"), textArg(p.address)},
        {QStringLiteral("cep"), textArg(p.cep)},
        {QStringLiteral("municipality"), textArg(p.municipality)},
        {QStringLiteral("stage"), partnerStageKey(p.stage)},
        {QStringLiteral("consent_given"), p.consent.given ? 1 : 0},
        {QStringLiteral("consent_date"), dateArg(p.consent.date)},
        {QStringLiteral("consent_channel"), textArg(p.consent.channel)},
        {QStringLiteral("consent_purpose"), textArg(p.consent.purpose)},
        {QStringLiteral("consent_revoked_on"), dateArg(p.consent.revokedOn)},
        {QStringLiteral("notes"), textArg(p.notes)},
    };
}

// The database column names whose values differ (for the audit trail).
QJsonArray changedColumns(const Partner &before, const Partner &after)
{
    const auto a = columnValues(before);
    const auto b = columnValues(after);
    QJsonArray changed;
    for (qsizetype i = 0; i < a.size(); ++i)
        if (a.at(i).second.toString() != b.at(i).second.toString())
            changed.append(a.at(i).first);
    return changed;
}

Result<Partner> loadPartner(const QSqlDatabase &db, const QString &uuid)
{
    auto q = runSql(
        db, QStringLiteral("SELECT ") + kPartnerColumns + QStringLiteral(" FROM partners WHERE uuid = ?"),
        {uuid});
    if (!q)
        return q.error();
    if (!q.value().next())
        return service_errors::partnerNotFound();
    Partner p = partnerFromRow(q.value());
    q.value().finish();
    auto history = runSql(db,
                          QStringLiteral("SELECT stage, date FROM partner_stage_history "
                                         "WHERE partner_uuid = ? ORDER BY id"),
                          {uuid});
    if (!history)
        return history.error();
    while (history.value().next()) {
        StageChange change;
        partnerStageFromKey(history.value().value(0).toString(), &change.stage);
        change.date = parseDate(history.value().value(1));
        p.stageHistory << change;
    }
    return p;
}

} // namespace

PartnerService::PartnerService(Database &database, Notifier &notifier, const Clock &clock, AuditTrail &audit)
    : m_database(database), m_notifier(notifier), m_clock(clock), m_audit(audit)
{
}

Result<Partner> PartnerService::save(const Partner &input)
{
    if (input.name.trimmed().isEmpty())
        return Error{QStringLiteral("invalid_argument"),
                     QCoreApplication::translate("PartnerService",
                                                 "The partner has no name. Type the name and save again.")};
    const QSqlDatabase db = m_database.db();
    Partner partner = input;
    if (partner.uuid.isEmpty())
        partner.uuid = newUuid();

    Result<Partner> saved = inTransaction(db, [&]() -> Result<Partner> {
        const QString now = storeTimestamp(m_clock.now());
        auto existing = loadPartner(db, partner.uuid);
        const bool isNew = !existing && existing.error().code == QLatin1String("not_found");
        if (!existing && !isNew)
            return existing.error();

        const auto columns = columnValues(partner);
        QStringList names;
        QVariantList values;
        for (const auto &[name, value] : columns) {
            names << name;
            values << value;
        }
        QJsonObject detail;
        if (isNew) {
            QStringList marks(names.size() + 3, QStringLiteral("?"));
            auto inserted =
                execSql(db,
                        QStringLiteral("INSERT INTO partners (uuid, ") + names.join(QStringLiteral(", ")) +
                            QStringLiteral(", created_at, updated_at) VALUES (") +
                            marks.join(QStringLiteral(", ")) + QStringLiteral(")"),
                        QVariantList{partner.uuid} + values + QVariantList{now, now});
            if (!inserted)
                return inserted.error();
            detail.insert(QStringLiteral("stage"), partnerStageKey(partner.stage));
        } else {
            QStringList sets;
            for (const QString &name : names)
                sets << name + QStringLiteral(" = ?");
            auto updated = execSql(db,
                                   QStringLiteral("UPDATE partners SET ") + sets.join(QStringLiteral(", ")) +
                                       QStringLiteral(", updated_at = ? WHERE uuid = ?"),
                                   values + QVariantList{now, partner.uuid});
            if (!updated)
                return updated.error();
            detail.insert(QStringLiteral("fields"), changedColumns(existing.value(), partner));
        }
        if (isNew || existing.value().stage != partner.stage) {
            auto history =
                execSql(db,
                        QStringLiteral("INSERT INTO partner_stage_history (partner_uuid, stage, date, "
                                       "recorded_at) VALUES (?, ?, ?, ?)"),
                        {partner.uuid, partnerStageKey(partner.stage),
                         m_clock.now().toLocalTime().date().toString(Qt::ISODate), now});
            if (!history)
                return history.error();
            detail.insert(QStringLiteral("stage"), partnerStageKey(partner.stage));
        }
        if (Status s = m_audit.record(QStringLiteral("partner"), partner.uuid,
                                      isNew ? QStringLiteral("create") : QStringLiteral("update"), detail);
            !s)
            return s.error();
        return loadPartner(db, partner.uuid);
    });
    if (saved)
        Q_EMIT m_notifier.partnerChanged(partner.uuid);
    return saved;
}

Result<Partner> PartnerService::partner(const QString &uuid) const
{
    return loadPartner(m_database.db(), uuid);
}

QList<Partner> PartnerService::partners() const
{
    QList<Partner> list;
    const QSqlDatabase db = m_database.db();
    auto q = runSql(db, QStringLiteral("SELECT ") + kPartnerColumns +
                            QStringLiteral(" FROM partners ORDER BY name, uuid"));
    if (!q)
        return list;
    QHash<QString, qsizetype> indexOf;
    while (q.value().next()) {
        indexOf.insert(q.value().value(0).toString(), list.size());
        list << partnerFromRow(q.value());
    }
    q.value().finish();
    auto history =
        runSql(db, QStringLiteral("SELECT partner_uuid, stage, date FROM partner_stage_history ORDER BY id"));
    if (!history)
        return list;
    while (history.value().next()) {
        const auto it = indexOf.constFind(history.value().value(0).toString());
        if (it == indexOf.constEnd())
            continue;
        StageChange change;
        partnerStageFromKey(history.value().value(1).toString(), &change.stage);
        change.date = parseDate(history.value().value(2));
        list[*it].stageHistory << change;
    }
    return list;
}

namespace {
const char *const kEraseStatements[] = {"DELETE FROM action_partners WHERE partner_uuid = ?",
                                        "DELETE FROM partner_stage_history WHERE partner_uuid = ?",
                                        "DELETE FROM partners WHERE uuid = ?"};
} // namespace

Status PartnerService::erase(const QString &uuid)
{
    const QSqlDatabase db = m_database.db();
    int links = 0;
    Status done = inTransaction(db, [&]() -> Status {
        auto exists = scalarSql(db, QStringLiteral("SELECT 1 FROM partners WHERE uuid = ?"), {uuid});
        if (!exists)
            return exists.error();
        if (!exists.value().isValid())
            return service_errors::partnerNotFound();
        auto linked = scalarSql(
            db, QStringLiteral("SELECT count(*) FROM action_partners WHERE partner_uuid = ?"), {uuid});
        if (!linked)
            return linked.error();
        links = linked.value().toInt();
        // Explicit deletes (not only ON DELETE CASCADE): the erasure does not depend
        // on the connection's foreign_keys setting.
        for (const char *sql : kEraseStatements) {
            if (auto d = execSql(db, QString::fromLatin1(sql), {uuid}); !d)
                return d.error();
        }
        return m_audit.record(QStringLiteral("partner"), uuid, QStringLiteral("erase"),
                              QJsonObject{{QStringLiteral("linksRemoved"), links}});
    });
    if (!done)
        return done;
    // Best effort: another reader may hold old WAL frames a little longer.
    if (Status flushed = m_database.checkpoint(); !flushed)
        qCWarning(lcPartners) << "checkpoint after erasure incomplete:" << flushed.error().code;
    // The pre-migration backups hold the partner too: the erasure reaches them
    // (the backups stay, without the partner, as the safety net they are).
    QStringList erasing;
    for (const char *sql : kEraseStatements)
        erasing << QString::fromLatin1(sql);
    auto scrubbed = m_database.scrubBackups(erasing, {uuid});
    if (scrubbed && (scrubbed->changed > 0 || scrubbed->deleted > 0)) {
        const Status recorded = inTransaction(db, [&]() -> Status {
            return m_audit.record(QStringLiteral("partner"), uuid, QStringLiteral("erase_backups"),
                                  QJsonObject{{QStringLiteral("backupsChanged"), scrubbed->changed},
                                              {QStringLiteral("backupsDeleted"), scrubbed->deleted}});
        });
        if (!recorded)
            qCWarning(lcPartners) << "audit of the backups' erasure not written:" << recorded.error().code;
    }
    Q_EMIT m_notifier.partnerChanged(uuid);
    if (links > 0)
        Q_EMIT m_notifier.reportsReset();
    if (!scrubbed) // erased from the profile; a backup copy still needs the person's hand
        return scrubbed.error();
    return {};
}

QList<QString> PartnerService::actionsOfPartner(const QString &uuid) const
{
    QList<QString> list;
    auto q = runSql(m_database.db(),
                    QStringLiteral("SELECT a.uuid FROM action_partners l "
                                   "JOIN actions a ON a.uuid = l.action_uuid "
                                   "JOIN reports r ON r.uuid = a.report_uuid "
                                   "WHERE l.partner_uuid = ? ORDER BY r.period, r.program_id, a.position"),
                    {uuid});
    if (!q)
        return list;
    while (q.value().next())
        list << q.value().value(0).toString();
    return list;
}

} // namespace mobiliza::core
