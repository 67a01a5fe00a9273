// HubStore: enrollment codes and access tokens.
#include "sync/hub/hub_store.h"

#include "core/program/program_definition.h"
#include "core/store/sql.h"
#include "sync/hub/hub_store_p.h"

#include <QCoreApplication>
#include <QSqlQuery>

namespace mobiliza::hub {

using core::Error;
using core::Result;
using core::Status;
using core::textArg;
using namespace store_detail;

namespace {

Error invalidCode()
{
    return Error{QStringLiteral("invalid_code"),
                 QCoreApplication::translate(
                     "HubStore", "This enrollment code is not valid: it may be mistyped, already "
                                 "used or expired. Ask the regional office (URS) for a new code.")};
}

QString scopeKindKey(const sync::Scope &s)
{
    return sync::scopeKindKey(s.kind);
}

sync::Scope scopeFrom(const QString &kind, const QString &municipality, const QString &urs,
                      const QString &program, const QString &uf)
{
    sync::Scope s;
    if (kind == QLatin1String("urs"))
        s.kind = sync::Scope::Kind::Urs;
    else if (kind == QLatin1String("central"))
        s.kind = sync::Scope::Kind::Central;
    else
        s.kind = sync::Scope::Kind::Municipality;
    s.municipality = municipality;
    s.urs = urs;
    // SES-MG's, the only program before schema 9, stays implicit (an empty Scope::program).
    s.program = program == core::ProgramDefinition::sesMgMobilizacaoId() ? QString() : program;
    s.uf = uf;
    return s;
}

// A program as people read it, or its id when this build does not ship it.
QVariant programArg(const sync::Scope &s)
{
    return textArg(s.programId());
}

const QString kTokenColumns = QStringLiteral("id, scope_kind, municipality, urs, label, installation, "
                                             "created_at, revoked_at, last_seen, rotated_from, replaced_at, "
                                             "program, uf");

// A row of kTokenColumns: a query on it, or the row's values (anything with value(int)).
template <typename Row> TokenRecord readToken(const Row &q)
{
    TokenRecord t;
    t.id = q.value(0).toString();
    t.scope = scopeFrom(q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                        q.value(11).toString(), q.value(12).toString());
    t.label = q.value(4).toString();
    t.installation = q.value(5).toString();
    t.createdAt = parseStoreTime(q.value(6));
    t.revokedAt = parseStoreTime(q.value(7));
    t.lastSeen = parseStoreTime(q.value(8));
    t.rotatedFrom = q.value(9).toString();
    t.replacedAt = parseStoreTime(q.value(10));
    return t;
}

} // namespace

Status HubStore::insertEnrollmentCode(const EnrollmentCodeRecord &code)
{
    return inTransaction([&]() -> Status {
        auto done = m_statements.exec(
            db(),
            QStringLiteral("INSERT INTO enrollment_codes (code_hash, scope_kind, municipality, urs, "
                           "label, created_at, expires_at, program, uf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {code.codeHash, scopeKindKey(code.scope), textArg(code.scope.municipality),
             textArg(code.scope.urs), textArg(code.label), storeTime(code.createdAt),
             storeTime(code.expiresAt), programArg(code.scope), textArg(code.scope.uf)});
        if (!done)
            return done.error();
        return {};
    });
}

Result<TokenRecord> HubStore::redeemCode(const QString &codeHash, const QString &tokenHash,
                                         const QString &tokenId, const QString &installation,
                                         const QString &label, const QDateTime &now,
                                         const sync::Scope &expected)
{
    return inTransaction([&]() -> Result<TokenRecord> {
        auto found = runSql(
            db(),
            QStringLiteral("SELECT scope_kind, municipality, urs, label, program, uf FROM enrollment_codes "
                           "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?"),
            {codeHash, storeTime(now)});
        if (!found)
            return found.error();
        if (!found.value().next())
            return invalidCode();
        TokenRecord t;
        t.id = tokenId;
        t.scope = scopeFrom(found.value().value(0).toString(), found.value().value(1).toString(),
                            found.value().value(2).toString(), found.value().value(4).toString(),
                            found.value().value(5).toString());
        const QString codeLabel = found.value().value(3).toString();
        found.value().finish();
        if (!expected.program.isEmpty() && expected.program != t.scope.programId())
            return Error{QStringLiteral("wrong_program"),
                         QCoreApplication::translate(
                             "HubStore", "This code is for the program “%1”, and this installation keeps the "
                                         "reports of “%2”. The code was not used: type it in the right "
                                         "installation, or ask for a code of your program.")
                             .arg(core::ProgramDefinition::embeddedNameOf(t.scope.programId()),
                                  core::ProgramDefinition::embeddedNameOf(expected.program))};
        if (!expected.uf.isEmpty() && !t.scope.uf.isEmpty() && expected.uf != t.scope.uf)
            return Error{QStringLiteral("wrong_uf"),
                         QCoreApplication::translate(
                             "HubStore", "This code is for the state %1, and this installation is of %2. The "
                                         "code was not used: ask for a code for %2.")
                             .arg(t.scope.uf, expected.uf)};
        t.label = label.isEmpty() ? codeLabel
                                  : (codeLabel.isEmpty() ? label : codeLabel + QStringLiteral(" — ") + label);
        t.installation = installation;
        t.createdAt = now;
        // An apoiador's code names its state, not who reports: that is the apoiador's id,
        // made from the installation's (as its profile makes it, core::apoiadorIdFor).
        if (t.scope.kind == sync::Scope::Kind::Municipality && t.scope.municipality.isEmpty()) {
            t.scope.municipality = core::apoiadorIdFor(installation);
            if (t.scope.municipality.isEmpty())
                return Error{QStringLiteral("installation_required"),
                             QCoreApplication::translate(
                                 "HubStore",
                                 "This code enrolls an apoiador, and the request did not say which "
                                 "installation it is. Update Mobiliza and enroll again.")};
            // An apoiador's id is its installation's, in one state and one program, for good
            // (revoked tokens included): its reports are found by them, and the id (shown in
            // the window) names no one else's installation — the whole uuid must match.
            auto earlier = runSql(db(),
                                  QStringLiteral("SELECT uf, program, installation FROM tokens "
                                                 "WHERE municipality = ? AND scope_kind = 'municipality'"),
                                  {t.scope.municipality});
            if (!earlier)
                return earlier.error();
            while (earlier.value().next()) {
                if (earlier.value().value(2).toString() != installation)
                    return Error{QStringLiteral("apoiador_taken"),
                                 QCoreApplication::translate(
                                     "HubStore",
                                     "Another installation already reports as this apoiador (%1). "
                                     "Enroll from the installation that made it, or ask the hub's "
                                     "administrator.")
                                     .arg(t.scope.municipality)};
                if (earlier.value().value(0).toString() != t.scope.uf ||
                    earlier.value().value(1).toString() != t.scope.programId())
                    return Error{QStringLiteral("apoiador_elsewhere"),
                                 QCoreApplication::translate(
                                     "HubStore",
                                     "This installation is already enrolled as an apoiador of another "
                                     "state (%1), and its reports stay there. An apoiador of %2 uses a "
                                     "new installation (another data folder).")
                                     .arg(earlier.value().value(0).toString(), t.scope.uf)};
            }
            earlier.value().finish();
        }
        auto used = m_statements.exec(db(),
                                      QStringLiteral("UPDATE enrollment_codes SET used_at = ?, token_id = ? "
                                                     "WHERE code_hash = ? AND used_at IS NULL"),
                                      {storeTime(now), tokenId, codeHash});
        if (!used)
            return used.error();
        if (used.value() != 1)
            return invalidCode();
        auto inserted = m_statements.exec(
            db(),
            QStringLiteral("INSERT INTO tokens (id, token_hash, scope_kind, municipality, urs, "
                           "label, installation, created_at, program, uf) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {t.id, tokenHash, scopeKindKey(t.scope), textArg(t.scope.municipality), textArg(t.scope.urs),
             textArg(t.label), textArg(t.installation), storeTime(now), programArg(t.scope),
             textArg(t.scope.uf)});
        if (!inserted)
            return inserted.error();
        return t;
    });
}

Result<std::optional<TokenRecord>> HubStore::activeToken(const QString &tokenHash) const
{
    // Every request's first statement: kept prepared.
    auto rows =
        m_statements.rows(db(),
                          QStringLiteral("SELECT ") + kTokenColumns +
                              QStringLiteral(" FROM tokens WHERE token_hash = ? AND revoked_at IS NULL"),
                          {tokenHash});
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return std::optional<TokenRecord>();
    return std::optional<TokenRecord>(readToken(rows->constFirst()));
}

Status HubStore::touchToken(const QString &tokenId, const QDateTime &now)
{
    return inTransaction([&]() -> Status {
        auto done = m_statements.exec(db(), QStringLiteral("UPDATE tokens SET last_seen = ? WHERE id = ?"),
                                      {storeTime(now), tokenId});
        if (!done)
            return done.error();
        return {};
    });
}

Status HubStore::markReplaced(const QString &tokenId, const QDateTime &now)
{
    return inTransaction([&]() -> Status {
        auto done = m_statements.exec(
            db(), QStringLiteral("UPDATE tokens SET replaced_at = ? WHERE id = ? AND replaced_at IS NULL"),
            {storeTime(now), tokenId});
        if (!done)
            return done.error();
        return {};
    });
}

Result<QList<TokenRecord>> HubStore::tokens() const
{
    auto q = runSql(db(), QStringLiteral("SELECT ") + kTokenColumns +
                              QStringLiteral(" FROM tokens ORDER BY created_at, id"));
    if (!q)
        return q.error();
    QList<TokenRecord> out;
    while (q.value().next())
        out << readToken(q.value());
    return out;
}

Result<std::optional<UnitPlace>> HubStore::enrolledUnit(const QString &unit) const
{
    auto q = runSql(db(),
                    QStringLiteral("SELECT program, uf FROM tokens WHERE scope_kind = 'municipality' AND "
                                   "municipality = ? AND program <> ? ORDER BY created_at, id LIMIT 1"),
                    {unit, core::ProgramDefinition::sesMgMobilizacaoId()});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<UnitPlace>();
    return std::optional<UnitPlace>(UnitPlace{q.value().value(0).toString(), q.value().value(1).toString()});
}

Result<QString> HubStore::unitName(const QString &unit) const
{
    // The label of the code it was last enrolled with (the COSEMS may correct a name by
    // issuing a new code). Only what the coordination typed names a person: a renewed
    // token has no code, and an installation's own label is a computer's name.
    auto q =
        runSql(db(),
               QStringLiteral("SELECT c.label FROM tokens t JOIN enrollment_codes c ON c.token_id = t.id "
                              "WHERE t.scope_kind = 'municipality' AND t.municipality = ? "
                              "AND t.rotated_from = '' AND c.label <> '' "
                              "ORDER BY t.created_at DESC, t.id DESC LIMIT 1"),
               {unit});
    if (!q)
        return q.error();
    if (!q.value().next())
        return QString();
    return q.value().value(0).toString().trimmed().left(120);
}

Result<QStringList> HubStore::enrolledUnits(const QString &program, const QString &uf) const
{
    return m_statements.strings(
        db(),
        QStringLiteral("SELECT DISTINCT municipality FROM tokens WHERE scope_kind = 'municipality' "
                       "AND municipality <> '' AND program = ? AND (? = '' OR uf = ?) "
                       "ORDER BY municipality"),
        {textArg(program), textArg(uf), textArg(uf)});
}

Result<QList<sync::RosterUnit>> HubStore::unitRoster(const QString &program, const QString &uf) const
{
    // The name as unitName() gives it, for every unit in one query.
    auto q = runSql(
        db(),
        QStringLiteral(
            "SELECT t.municipality, MAX(t.uf), MIN(t.created_at), MAX(CASE WHEN t.revoked_at IS NULL THEN 1 "
            "ELSE 0 END), MAX(t.revoked_at), "
            "(SELECT c.label FROM tokens n JOIN enrollment_codes c ON c.token_id = n.id "
            " WHERE n.scope_kind = 'municipality' AND n.municipality = t.municipality "
            " AND n.rotated_from = '' AND c.label <> '' ORDER BY n.created_at DESC, n.id DESC LIMIT 1) "
            "FROM tokens t WHERE t.scope_kind = 'municipality' AND t.municipality <> '' AND t.program = ? "
            "AND (? = '' OR t.uf = ?) GROUP BY t.municipality ORDER BY t.municipality"),
        {textArg(program), textArg(uf), textArg(uf)});
    if (!q)
        return q.error();
    QList<sync::RosterUnit> out;
    while (q.value().next()) {
        sync::RosterUnit u;
        u.unit = q.value().value(0).toString();
        u.uf = q.value().value(1).toString();
        u.since = parseStoreTime(q.value().value(2));
        u.active = q.value().value(3).toInt() == 1;
        u.until = u.active ? QDateTime() : parseStoreTime(q.value().value(4));
        u.name = q.value().value(5).toString().trimmed().left(120);
        out << u;
    }
    return out;
}

Result<bool> HubStore::hasTokensOutside(const QString &program) const
{
    auto q =
        runSql(db(), QStringLiteral("SELECT 1 FROM tokens WHERE program <> ? LIMIT 1"), {textArg(program)});
    if (!q)
        return q.error();
    return q.value().next();
}

Result<TokenRecord> HubStore::rotateToken(const QString &oldId, const QString &tokenHash,
                                          const QString &tokenId, const QDateTime &now)
{
    return inTransaction([&]() -> Result<TokenRecord> {
        auto found = runSql(db(),
                            QStringLiteral("SELECT ") + kTokenColumns +
                                QStringLiteral(" FROM tokens WHERE id = ? AND revoked_at IS NULL"),
                            {oldId});
        if (!found)
            return found.error();
        if (!found.value().next())
            return Error{QStringLiteral("unauthorized"), QStringLiteral("token %1 is not active").arg(oldId)};
        const TokenRecord old = readToken(found.value());
        found.value().finish();
        // Its successor is in use: this token is on its way out and makes no other.
        if (old.replacedAt.isValid())
            return Error{QStringLiteral("unauthorized"), QStringLiteral("token %1 was replaced").arg(oldId)};
        TokenRecord t;
        t.id = tokenId;
        t.scope = old.scope;
        t.label = old.label;
        t.installation = old.installation;
        t.createdAt = now;
        t.rotatedFrom = old.id;
        // A successor issued earlier was never used (its answer was lost): one live successor at most.
        auto superseded = m_statements.exec(
            db(),
            QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE rotated_from = ? AND revoked_at IS NULL"),
            {storeTime(now), old.id});
        if (!superseded)
            return superseded.error();
        auto inserted = m_statements.exec(
            db(),
            QStringLiteral(
                "INSERT INTO tokens (id, token_hash, scope_kind, municipality, urs, label, installation, "
                "created_at, rotated_from, program, uf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {t.id, tokenHash, scopeKindKey(t.scope), textArg(t.scope.municipality), textArg(t.scope.urs),
             textArg(t.label), textArg(t.installation), storeTime(now), old.id, programArg(t.scope),
             textArg(t.scope.uf)});
        if (!inserted)
            return inserted.error();
        // The photos awaiting their report follow the installation: a rotation is no fresh quota,
        // and the new token knows what the old one sent.
        auto moved = m_statements.exec(
            db(), QStringLiteral("UPDATE blob_uploads SET token_id = ? WHERE token_id = ?"), {t.id, old.id});
        if (!moved)
            return moved.error();
        return t;
    });
}

Result<int> HubStore::revokeToken(const QString &tokenId, const QDateTime &now)
{
    // The whole rotation chain of that installation: the tokens it replaced (still in their
    // overlap) and those that replaced it (the installation may have renewed since its id was noted).
    return inTransaction([&]() -> Result<int> {
        return m_statements.exec(
            db(),
            QStringLiteral(
                "WITH RECURSIVE later(id) AS (SELECT CAST(? AS TEXT) UNION SELECT t.id FROM tokens t "
                "JOIN later l ON t.rotated_from = l.id), "
                "earlier(id) AS (SELECT CAST(? AS TEXT) UNION SELECT t.rotated_from FROM tokens t "
                "JOIN earlier e ON t.id = e.id WHERE t.rotated_from IS NOT NULL) "
                "UPDATE tokens SET revoked_at = ? WHERE (id IN (SELECT id FROM later) OR id IN "
                "(SELECT id FROM earlier)) AND revoked_at IS NULL"),
            {tokenId, tokenId, storeTime(now)});
    });
}

Result<int> HubStore::revokeMunicipality(const QString &ibge, const QDateTime &now)
{
    return inTransaction([&]() -> Result<int> {
        return m_statements.exec(
            db(),
            QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE scope_kind = 'municipality' "
                           "AND municipality = ? AND revoked_at IS NULL"),
            {storeTime(now), ibge});
    });
}

} // namespace mobiliza::hub
