#include "core/regional/region_partners.h"

#include "core/domain/clock.h"
#include "core/outputs/report_document.h"
#include "core/services/audit.h"
#include "core/services/services.h"
#include "core/store/sql.h"
#include "core/store/transaction.h"
#include "core/util/text.h"
#include "core/validators/br_validators.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace mobiliza::core {

Q_LOGGING_CATEGORY(lcRegionPartners, "mobiliza.regional.partners")

namespace {

const QString kCursorKey = QStringLiteral("region_partners_cursor");
const QString kScopeKey = QStringLiteral("region_partners_scope"); // the fingerprint of the set pulled for
const QString kSectors = QStringLiteral("setores_parceiros");

const QString kRegionPartnerColumns =
    QStringLiteral("uuid, municipality, name, kind, governmental, formal, sector, stage, cnpj, "
                   "consent, consent_date, updated_at, cursor");

RegionPartner fromRow(const QSqlQuery &q)
{
    RegionPartner p;
    p.uuid = q.value(0).toString();
    p.municipality = q.value(1).toString();
    p.name = q.value(2).toString();
    partnerKindFromKey(q.value(3).toString(), &p.kind);
    p.governmental = q.value(4).toInt() != 0;
    p.formal = q.value(5).toInt() != 0;
    p.sector = q.value(6).toString();
    partnerStageFromKey(q.value(7).toString(), &p.stage);
    p.cnpj = q.value(8).toString();
    p.consent = q.value(9).toInt() != 0;
    p.consentDate = QDate::fromString(q.value(10).toString(), Qt::ISODate);
    p.updatedAt = parseStoreTimestamp(q.value(11).toString());
    p.cursor = q.value(12).toLongLong();
    return p;
}

Result<QString> setting(const QSqlDatabase &db, const QString &key)
{
    auto v = scalarSql(db, QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key});
    if (!v)
        return v.error();
    return v.value().toString();
}

Status putSetting(const QSqlDatabase &db, const QString &key, const QString &value)
{
    auto saved = execSql(db,
                         QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
                         {key, value});
    if (!saved)
        return saved.error();
    return {};
}

// "(?, ?, ?)" for n values.
QString marks(qsizetype n)
{
    return QLatin1Char('(') + QStringList(n, QStringLiteral("?")).join(QStringLiteral(", ")) + QLatin1Char(')');
}

QVariantList asArgs(const QStringList &values)
{
    return QVariantList(values.cbegin(), values.cend());
}

} // namespace

RegionPartner regionPartnerOf(const Partner &partner)
{
    RegionPartner p;
    p.uuid = partner.uuid;
    p.municipality = partner.municipality;
    p.name = partner.name;
    p.kind = partner.kind;
    p.governmental = partner.governmental;
    p.formal = partner.formal;
    p.sector = partner.sector;
    p.stage = partner.stage;
    // A CNPJ identifies an organization and is public; a person's CPF never leaves the municipality.
    if (partner.kind != PartnerKind::Person)
        p.cnpj = br::publicCnpj(partner.document);
    p.consent = partner.consent.given && !partner.consent.revokedOn.isValid();
    if (p.consent)
        p.consentDate = partner.consent.date;
    p.updatedAt = partner.updatedAt;
    return p;
}

QList<Partner> asPartners(const QList<RegionPartner> &partners)
{
    QList<Partner> out;
    out.reserve(partners.size());
    for (const RegionPartner &r : partners) {
        Partner p;
        p.uuid = r.uuid;
        p.municipality = r.municipality;
        p.name = r.name;
        p.kind = r.kind;
        p.governmental = r.governmental;
        p.formal = r.formal;
        p.sector = r.sector;
        p.stage = r.stage;
        p.document = r.cnpj;
        p.consent.given = r.consent;
        p.consent.date = r.consentDate;
        p.updatedAt = r.updatedAt;
        out << p;
    }
    return out;
}

RegionPartners::RegionPartners(Services &services, ProgramDefinition program)
    : m_services(services), m_program(std::move(program))
{
}

qint64 RegionPartners::cursor() const
{
    auto v = setting(m_services.database().db(), kCursorKey);
    return v ? v.value().toLongLong() : 0;
}

std::optional<QStringList> RegionPartners::scope() const
{
    if (m_services.profile().role() != Role::Urs)
        return std::nullopt;
    QStringList codes;
    for (const Municipality &m : m_services.reference().municipalitiesOfUrs(m_services.profile().urs()))
        codes << m.ibge;
    codes.sort();
    return codes;
}

Result<bool> RegionPartners::reconcileScope()
{
    const std::optional<QStringList> codes = scope();
    if (!codes)
        return false;
    const QString fingerprint = QString::fromLatin1(
        QCryptographicHash::hash(codes->join(QLatin1Char(',')).toUtf8(), QCryptographicHash::Sha256).toHex());
    const QSqlDatabase db = m_services.database().db();
    auto pulledFor = setting(db, kScopeKey);
    if (!pulledFor)
        return pulledFor.error();
    if (pulledFor.value() == fingerprint)
        return false;
    int removed = 0;
    Status done = inTransaction(db, [&]() -> Status {
        QString sql = QStringLiteral("DELETE FROM region_partners");
        if (!codes->isEmpty())
            sql += QStringLiteral(" WHERE municipality NOT IN ") + marks(codes->size());
        auto gone = execSql(db, sql, asArgs(*codes));
        if (!gone)
            return gone.error();
        removed = gone.value();
        if (Status reset = putSetting(db, kCursorKey, QStringLiteral("0")); !reset)
            return reset;
        return putSetting(db, kScopeKey, fingerprint);
    });
    if (!done)
        return done.error();
    // A first pass after an update has no fingerprint yet: it pulls the copy once more, whole.
    qCInfo(lcRegionPartners) << "the URS's municipalities are not those the copy was pulled for:" << removed
                             << "partners of other municipalities removed, the next pull starts from the beginning";
    if (removed > 0)
        Q_EMIT m_services.notifier().regionPartnersChanged();
    return true;
}

Status RegionPartners::applyPulled(const QList<RegionPartner> &entries, qint64 next)
{
    const QSqlDatabase db = m_services.database().db();
    const qint64 stored = cursor();
    const std::optional<QStringList> codes = scope();
    const QSet<QString> ours = codes ? QSet<QString>(codes->cbegin(), codes->cend()) : QSet<QString>();
    QStringList erased;
    Status done = inTransaction(db, [&]() -> Status {
        for (const RegionPartner &e : entries) {
            // A page older than the copy (an earlier pass's answer arriving late) never
            // brings back a partner erased since: only newer live entries are applied.
            if (!e.deleted && e.cursor <= stored)
                continue;
            if (e.deleted) {
                // LGPD erasure reaches the copy: nothing of the partner stays here.
                if (auto gone = execSql(db, QStringLiteral("DELETE FROM region_partners WHERE uuid = ?"), {e.uuid});
                    !gone)
                    return gone.error();
                erased << e.uuid;
                continue;
            }
            // The hub lists by its own reference table, which may be newer or older than
            // this profile's: only this URS's municipalities (by this profile's table) are
            // kept; reconcileScope() brings the others when they become the URS's here.
            if (codes && !ours.contains(e.municipality))
                continue;
            auto put = execSql(
                db,
                QStringLiteral("INSERT INTO region_partners (") + kRegionPartnerColumns +
                    QStringLiteral(
                        ", pulled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (uuid) DO UPDATE SET municipality = excluded.municipality, "
                        "name = excluded.name, kind = excluded.kind, governmental = excluded.governmental, "
                        "formal = excluded.formal, sector = excluded.sector, stage = excluded.stage, "
                        "cnpj = excluded.cnpj, consent = excluded.consent, "
                        "consent_date = excluded.consent_date, updated_at = excluded.updated_at, "
                        "cursor = excluded.cursor, pulled_at = excluded.pulled_at "
                        "WHERE excluded.cursor >= region_partners.cursor"),
                {e.uuid, e.municipality, e.name, partnerKindKey(e.kind), int(e.governmental), int(e.formal),
                 textArg(e.sector), partnerStageKey(e.stage), textArg(e.cnpj), int(e.consent),
                 e.consentDate.isValid() ? QVariant(e.consentDate.toString(Qt::ISODate)) : QVariant(),
                 storeTimestamp(e.updatedAt), e.cursor, storeTimestamp(m_services.clock().now())});
            if (!put)
                return put.error();
        }
        return putSetting(db, kCursorKey, QString::number(std::max(next, stored)));
    });
    if (!done)
        return done;
    if (!erased.isEmpty()) {
        // An erasure leaves no copy in the -wal file either (secure_delete zeroed the rows).
        if (Status flushed = m_services.database().checkpoint(); !flushed)
            qCWarning(lcRegionPartners) << "checkpoint after an erasure incomplete:" << flushed.error().code;
    }
    if (!entries.isEmpty())
        Q_EMIT m_services.notifier().regionPartnersChanged();
    return eraseFromBackups(erased);
}

Status RegionPartners::eraseFromBackups(const QStringList &erased)
{
    // Every erasure of the page, held here or not: a backup is the copy as it was, and
    // the first pass after an update lists again the erasures an older version never
    // took to the backups (its cursor starts over, reconcileScope()). A backup older
    // than schema 7 has no region_partners table and never held one: it is left alone.
    if (erased.isEmpty())
        return {};
    Database &database = m_services.database();
    constexpr int kRegionPartnersSchema = 7; // resources/migrations/0007_region_partners.sql
    auto scrubbed = database.scrubBackups(
        {QStringLiteral("DELETE FROM region_partners WHERE uuid IN ") + marks(erased.size())}, asArgs(erased),
        kRegionPartnersSchema);
    if (scrubbed && (scrubbed->changed > 0 || scrubbed->deleted > 0)) {
        const Status recorded = inTransaction(database.db(), [&]() -> Status {
            for (const QString &uuid : erased)
                if (Status s = m_services.audit().record(
                        QStringLiteral("region_partner"), uuid, QStringLiteral("erase_backups"),
                        QJsonObject{{QStringLiteral("backupsChanged"), scrubbed->changed},
                                    {QStringLiteral("backupsDeleted"), scrubbed->deleted}});
                    !s)
                    return s;
            return {};
        });
        if (!recorded)
            qCWarning(lcRegionPartners) << "audit of the backups' erasure not written:" << recorded.error().code;
    }
    if (!scrubbed) // the copy is stored; a backup copy still needs the person's hand
        return scrubbed.error();
    return {};
}

QString RegionPartners::municipalityName(const QString &ibge) const
{
    const auto m = m_services.reference().municipality(ibge);
    return m ? m->name : ibge;
}

QString RegionPartners::sectorLabel(const QString &code) const
{
    if (const auto entry = m_program.catalogueEntry(kSectors, code))
        return entry->label;
    return code;
}

RegionPartnerIndex::RegionPartnerIndex(QList<RegionPartner> partners, const RegionPartners &names)
{
    QList<std::pair<QString, RegionPartner>> rows; // municipality name, partner
    rows.reserve(partners.size());
    for (RegionPartner &p : partners) {
        QString municipality = names.municipalityName(p.municipality);
        rows.append({std::move(municipality), std::move(p)});
    }
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
        if (const int c = QString::localeAwareCompare(a.first, b.first); c != 0)
            return c < 0;
        return QString::localeAwareCompare(a.second.name, b.second.name) < 0;
    });
    m_rows.reserve(rows.size());
    m_text.reserve(rows.size());
    for (auto &[municipality, p] : rows) {
        m_text << foldForSearch(
            QStringList{p.name, municipality, names.sectorLabel(p.sector), p.cnpj}.join(QLatin1Char(' ')));
        m_rows << std::move(p);
    }
}

QList<RegionPartner> RegionPartnerIndex::filter(const RegionPartnerFilter &filter) const
{
    const QStringList terms = foldForSearch(filter.text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const auto differs = [](const QString &wanted, const QString &value) {
        return !wanted.isEmpty() && value != wanted;
    };
    QList<RegionPartner> out;
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const RegionPartner &p = m_rows.at(i);
        if (differs(filter.municipality, p.municipality) || differs(filter.kind, partnerKindKey(p.kind))
            || differs(filter.sector, p.sector) || differs(filter.stage, partnerStageKey(p.stage)))
            continue;
        const QString &text = m_text.at(i);
        if (std::all_of(terms.cbegin(), terms.cend(), [&text](const QString &t) { return text.contains(t); }))
            out << p;
    }
    return out;
}

Result<RegionPartnerIndex> RegionPartners::index() const
{
    auto q = runSql(m_services.database().db(), QStringLiteral("SELECT ") + kRegionPartnerColumns +
                                                    QStringLiteral(" FROM region_partners"));
    if (!q)
        return q.error();
    QList<RegionPartner> all;
    while (q.value().next())
        all << fromRow(q.value());
    return RegionPartnerIndex(std::move(all), *this);
}

Result<QList<RegionPartner>> RegionPartners::list(const RegionPartnerFilter &filter) const
{
    auto indexed = index();
    if (!indexed)
        return indexed.error();
    return indexed->filter(filter);
}

QString regionPartnersSummary(const QList<RegionPartner> &partners)
{
    QSet<QString> municipalities;
    for (const RegionPartner &p : partners)
        municipalities.insert(p.municipality);
    if (partners.isEmpty())
        return QCoreApplication::translate("RegionPartners", "No partners");
    const QString count = QCoreApplication::translate("RegionPartners", "%n partner(s)", nullptr, int(partners.size()));
    return QCoreApplication::translate("RegionPartners", "%1 in %n municipality(ies)", nullptr,
                                       int(municipalities.size()))
        .arg(count);
}

bool isXlsxPath(const QString &path)
{
    return path.endsWith(QStringLiteral(".xlsx"), Qt::CaseInsensitive);
}

Status writeRegionPartners(const QList<RegionPartner> &partners, const ProgramDefinition &program,
                           const ReferenceData &reference, const QString &path)
{
    // The municipal register's writers, without contacts (PartnerExportOptions' default).
    const QList<Partner> rows = asPartners(partners);
    return isXlsxPath(path) ? writePartnersXlsx(rows, program, reference, path)
                            : writePartnersCsv(rows, program, reference, path);
}

} // namespace mobiliza::core
