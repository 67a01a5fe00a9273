// HubStore: enrollment codes and access tokens.
#include "sync/hub/hub_store.h"

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

sync::Scope scopeFrom(const QString &kind, const QString &municipality, const QString &urs)
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
    return s;
}

const QString kTokenColumns = QStringLiteral("id, scope_kind, municipality, urs, label, installation, "
                                             "created_at, revoked_at, last_seen, rotated_from, replaced_at");

TokenRecord readToken(const QSqlQuery &q)
{
    TokenRecord t;
    t.id = q.value(0).toString();
    t.scope = scopeFrom(q.value(1).toString(), q.value(2).toString(), q.value(3).toString());
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
        auto done =
            execSql(db(),
                    QStringLiteral("INSERT INTO enrollment_codes (code_hash, scope_kind, municipality, urs, "
                                   "label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    {code.codeHash, scopeKindKey(code.scope), textArg(code.scope.municipality),
                     textArg(code.scope.urs), textArg(code.label), storeTime(code.createdAt),
                     storeTime(code.expiresAt)});
        if (!done)
            return done.error();
        return {};
    });
}

Result<TokenRecord> HubStore::redeemCode(const QString &codeHash, const QString &tokenHash,
                                         const QString &tokenId, const QString &installation,
                                         const QString &label, const QDateTime &now)
{
    return inTransaction([&]() -> Result<TokenRecord> {
        auto found =
            runSql(db(),
                   QStringLiteral("SELECT scope_kind, municipality, urs, label FROM enrollment_codes "
                                  "WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?"),
                   {codeHash, storeTime(now)});
        if (!found)
            return found.error();
        if (!found.value().next())
            return invalidCode();
        TokenRecord t;
        t.id = tokenId;
        t.scope = scopeFrom(found.value().value(0).toString(), found.value().value(1).toString(),
                            found.value().value(2).toString());
        const QString codeLabel = found.value().value(3).toString();
        found.value().finish();
        t.label = label.isEmpty() ? codeLabel
                                  : (codeLabel.isEmpty() ? label : codeLabel + QStringLiteral(" — ") + label);
        t.installation = installation;
        t.createdAt = now;
        auto used = execSql(db(),
                            QStringLiteral("UPDATE enrollment_codes SET used_at = ?, token_id = ? "
                                           "WHERE code_hash = ? AND used_at IS NULL"),
                            {storeTime(now), tokenId, codeHash});
        if (!used)
            return used.error();
        if (used.value() != 1)
            return invalidCode();
        auto inserted =
            execSql(db(),
                    QStringLiteral("INSERT INTO tokens (id, token_hash, scope_kind, municipality, urs, "
                                   "label, installation, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                    {t.id, tokenHash, scopeKindKey(t.scope), textArg(t.scope.municipality),
                     textArg(t.scope.urs), textArg(t.label), textArg(t.installation), storeTime(now)});
        if (!inserted)
            return inserted.error();
        return t;
    });
}

Result<std::optional<TokenRecord>> HubStore::activeToken(const QString &tokenHash) const
{
    auto q = runSql(db(),
                    QStringLiteral("SELECT ") + kTokenColumns +
                        QStringLiteral(" FROM tokens WHERE token_hash = ? AND revoked_at IS NULL"),
                    {tokenHash});
    if (!q)
        return q.error();
    if (!q.value().next())
        return std::optional<TokenRecord>();
    return std::optional<TokenRecord>(readToken(q.value()));
}

Status HubStore::touchToken(const QString &tokenId, const QDateTime &now)
{
    return inTransaction([&]() -> Status {
        auto done = execSql(db(), QStringLiteral("UPDATE tokens SET last_seen = ? WHERE id = ?"),
                            {storeTime(now), tokenId});
        if (!done)
            return done.error();
        return {};
    });
}

Status HubStore::markReplaced(const QString &tokenId, const QDateTime &now)
{
    return inTransaction([&]() -> Status {
        auto done = execSql(db(),
                            QStringLiteral("UPDATE tokens SET replaced_at = ? WHERE id = ? AND replaced_at IS NULL"),
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
        auto superseded = execSql(
            db(), QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE rotated_from = ? AND revoked_at IS NULL"),
            {storeTime(now), old.id});
        if (!superseded)
            return superseded.error();
        auto inserted = execSql(
            db(),
            QStringLiteral(
                "INSERT INTO tokens (id, token_hash, scope_kind, municipality, urs, label, installation, "
                "created_at, rotated_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {t.id, tokenHash, scopeKindKey(t.scope), textArg(t.scope.municipality), textArg(t.scope.urs),
             textArg(t.label), textArg(t.installation), storeTime(now), old.id});
        if (!inserted)
            return inserted.error();
        // The photos awaiting their report follow the installation: a rotation is no fresh quota,
        // and the new token knows what the old one sent.
        auto moved = execSql(db(), QStringLiteral("UPDATE blob_uploads SET token_id = ? WHERE token_id = ?"),
                             {t.id, old.id});
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
        return execSql(
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
        return execSql(db(),
                       QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE scope_kind = 'municipality' "
                                      "AND municipality = ? AND revoked_at IS NULL"),
                       {storeTime(now), ibge});
    });
}

} // namespace mobiliza::hub
