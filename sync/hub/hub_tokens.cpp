// TokenDesk: enrollment and tokens — one-time codes, authentication with idle
// expiry, the pre-flight, and rotation.
#include "sync/hub/hub_tokens.h"

#include "sync/hub/hub_secrets.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace mobiliza::hub {

using core::Error;
using core::Result;

Q_DECLARE_LOGGING_CATEGORY(lcHub)

namespace {
constexpr int kTouchIntervalSecs = 60; // last use is written at most once a minute per token
} // namespace

Refusal TokenDesk::tokenExpired() const
{
    return Hub::error(
        401, QStringLiteral("token_expired"),
        QCoreApplication::translate(
            "Hub", "This installation has not connected to the hub for more than %1 days, so its access "
                   "expired. Enroll it again with a new code from the regional office (URS); nothing in "
                   "its outbox is lost.")
            .arg(m_hub.options().tokenIdleDays));
}

// -------------------------------------------------------------- enrollment
Result<IssuedCode> TokenDesk::issueCode(const sync::Scope &scope, const QString &label)
{
    IssuedCode issued;
    issued.code = secrets::newEnrollmentCode();
    issued.scope = scope;
    issued.label = label.trimmed().left(120);
    const QDateTime now = m_hub.now();
    issued.expiresAt = now.addDays(m_hub.options().codeValidityDays);
    EnrollmentCodeRecord record;
    record.codeHash = secrets::enrollmentCodeHash(issued.code);
    record.scope = scope;
    record.label = issued.label;
    record.createdAt = now;
    record.expiresAt = issued.expiresAt;
    if (auto stored = m_hub.store().insertEnrollmentCode(record); !stored)
        return stored.error();
    return issued;
}

Outcome<sync::EnrollResponse> TokenDesk::enroll(const sync::EnrollRequest &request)
{
    const Refusal invalid = Hub::error(
        401, QStringLiteral("invalid_code"),
        QCoreApplication::translate(
            "Hub", "This enrollment code is not valid: it may be mistyped, already used or expired. Ask the "
                   "regional office (URS) for a new code."));
    const QString codeHash = secrets::enrollmentCodeHash(request.code);
    if (codeHash.isEmpty())
        return invalid;
    const QString installation = sync::isUuid(request.installation) ? request.installation : QString();
    for (int attempt = 0; attempt < 3; ++attempt) {
        const QString token = secrets::newToken();
        const QString hash = secrets::tokenHash(token);
        sync::Scope expected;
        expected.program = request.program;
        expected.uf = request.uf;
        auto redeemed = m_hub.store().redeemCode(codeHash, hash, secrets::tokenIdFromHash(hash), installation,
                                                 request.label.trimmed(), m_hub.now(), expected);
        if (redeemed) {
            sync::EnrollResponse response;
            response.token = token;
            response.scope = redeemed->scope;
            response.hub = m_hub.options().info;
            return response;
        }
        if (redeemed.error().code == QLatin1String("invalid_code"))
            return invalid;
        // An apoiador's code (HubStore::redeemCode): the code stays unused.
        if (redeemed.error().code == QLatin1String("installation_required"))
            return Hub::error(400, redeemed.error().code, redeemed.error().message);
        if (redeemed.error().code == QLatin1String("apoiador_elsewhere") ||
            redeemed.error().code == QLatin1String("apoiador_taken") ||
            redeemed.error().code == QLatin1String("wrong_program") ||
            redeemed.error().code == QLatin1String("wrong_uf"))
            return Hub::error(409, redeemed.error().code, redeemed.error().message);
        // Otherwise most likely two token ids starting alike: draw another token.
        qCWarning(lcHub) << "enroll attempt failed:" << redeemed.error().message;
    }
    return Hub::serverError(Error{QStringLiteral("database"), QStringLiteral("enroll")});
}

std::optional<TokenRecord> TokenCache::find(const QString &tokenHash, const QDateTime &now) const
{
    QMutexLocker lock(&m_mutex);
    if (const TokenRecord *kept = m_entries.find(tokenHash, now))
        return *kept;
    return std::nullopt;
}

void TokenCache::keep(const QString &tokenHash, const TokenRecord &record, const QDateTime &now)
{
    QMutexLocker lock(&m_mutex);
    m_entries.keep(tokenHash, record, now);
}

Outcome<TokenRecord> TokenDesk::authenticate(const QString &token)
{
    if (token.size() < 16 || token.size() > 512)
        return Hub::unauthorized();
    auto found = m_hub.store().activeToken(secrets::tokenHash(token));
    if (!found)
        return Hub::serverError(found.error());
    if (!found.value())
        return Hub::unauthorized();
    return admit(*found.value());
}

Outcome<TokenRecord> TokenDesk::authenticate(const QString &token, TokenCache &cache)
{
    if (token.size() < 16 || token.size() > 512)
        return Hub::unauthorized();
    const QString hash = secrets::tokenHash(token);
    const QDateTime now = m_hub.now();
    if (std::optional<TokenRecord> kept = cache.find(hash, now))
        return admit(*kept);
    auto found = m_hub.store().activeToken(hash);
    if (!found)
        return Hub::serverError(found.error());
    if (!found.value())
        return Hub::unauthorized();
    auto admitted = admit(*found.value());
    if (admitted)
        cache.keep(hash, admitted.value(), now);
    return admitted;
}

Outcome<TokenRecord> TokenDesk::admit(TokenRecord record)
{
    const QDateTime now = m_hub.now();
    // A rotated token works for the overlap only; an unused one expires.
    if (const QDateTime until = replacedUntil(record); until.isValid() && until <= now)
        return Hub::unauthorized();
    if (const QDateTime expiry = idleExpiry(record); expiry.isValid() && expiry <= now)
        return tokenExpired();
    // A rotated token's first use: the installation has its new token, so the one it
    // replaces starts its overlap now (not at the rotation, whose answer may have been lost).
    if (!record.rotatedFrom.isEmpty() && !record.lastSeen.isValid())
        if (core::Status marked = m_hub.store().markReplaced(record.rotatedFrom, now); !marked)
            return Hub::serverError(marked.error());
    if (m_touched->claim(record.id, now)) {
        if (!m_hub.store().touchToken(record.id, now))
            m_touched->forget(record.id);
        record.lastSeen = now;
    }
    return record;
}

bool TouchLedger::claim(const QString &tokenId, const QDateTime &now)
{
    QMutexLocker lock(&m_mutex);
    const QDateTime touched = m_written.value(tokenId);
    if (touched.isValid() && touched.secsTo(now) < kTouchIntervalSecs && touched <= now)
        return false;
    m_written.insert(tokenId, now);
    return true;
}

void TouchLedger::forget(const QString &tokenId)
{
    QMutexLocker lock(&m_mutex);
    m_written.remove(tokenId);
}

sync::Preflight TokenDesk::preflight(const TokenRecord &token) const
{
    sync::Preflight p;
    p.service = QString::fromLatin1(sync::kServiceName);
    p.protocol = sync::kProtocolVersion;
    p.hub = m_hub.options().info;
    p.scope = token.scope;
    p.limits = m_hub.options().limits;
    p.time = m_hub.now();
    p.tokenRenewAfter = renewAfter(token);
    p.features =
        QStringList{QStringLiteral("pull"),    QStringLiteral("review"),   QStringLiteral("batches"),
                    QStringLiteral("imports"), QStringLiteral("partners"), QStringLiteral("consolidation"),
                    QStringLiteral("targets")}; // §10, §10.7, §10.8
    if (m_hub.options().manifestBatch)
        p.features << QStringLiteral("manifest_batch"); // §10.2
    if (token.scope.programId() != core::ProgramDefinition::sesMgMobilizacaoId() &&
        token.scope.kind != sync::Scope::Kind::Municipality)
        p.features << QStringLiteral("units"); // §10.9: a COSEMS's, CONASEMS's
    // Which targets the hub holds (§10.8): a client fetches them only when this changed.
    // SES-MG's targets only (another program's levels get none).
    if (token.scope.programId() == core::ProgramDefinition::sesMgMobilizacaoId()) {
        if (auto revision = m_hub.store().targetsRevision(); revision)
            p.targetsRevision = revision.value();
        else
            qCWarning(lcHub) << "targets revision not read:" << revision.error().message;
    }
    return p;
}

QDateTime TokenDesk::idleExpiry(const TokenRecord &token) const
{
    if (m_hub.options().tokenIdleDays <= 0)
        return {};
    return token.lastUse().addDays(m_hub.options().tokenIdleDays);
}

QDateTime TokenDesk::replacedUntil(const TokenRecord &token) const
{
    if (!token.replacedAt.isValid())
        return {};
    return token.replacedAt.addSecs(qint64(qMax(0, m_hub.options().tokenOverlapHours)) * 3600);
}

QDateTime TokenDesk::renewAfter(const TokenRecord &token) const
{
    if (token.replacedAt.isValid()) // already replaced: its successor's answer was lost, renew now
        return token.replacedAt;
    if (m_hub.options().tokenRenewDays <= 0)
        return {};
    return token.createdAt.addDays(m_hub.options().tokenRenewDays);
}

QString TokenDesk::state(const TokenRecord &token) const
{
    const QDateTime now = m_hub.now();
    if (token.revoked())
        return QStringLiteral("revoked");
    if (const QDateTime until = replacedUntil(token); until.isValid() && until <= now)
        return QStringLiteral("replaced");
    if (const QDateTime expiry = idleExpiry(token); expiry.isValid() && expiry <= now)
        return QStringLiteral("expired");
    return QStringLiteral("active");
}

Outcome<RotatedToken> TokenDesk::rotate(const TokenRecord &token)
{
    const QDateTime now = m_hub.now();
    const qint64 age = token.createdAt.secsTo(now);
    if (age >= 0 && age < kRotateMinAgeSeconds) {
        Refusal e =
            Hub::error(429, QStringLiteral("rate_limited"),
                       QCoreApplication::translate(
                           "Hub", "This installation's access was renewed less than an hour ago; it is "
                                  "renewed again later."));
        e.retryAfterSeconds = int(kRotateMinAgeSeconds - age);
        return e;
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        const QString secret = secrets::newToken();
        const QString hash = secrets::tokenHash(secret);
        auto rotated = m_hub.store().rotateToken(token.id, hash, secrets::tokenIdFromHash(hash), now);
        if (rotated) {
            RotatedToken out;
            out.response.token = secret;
            out.response.scope = rotated->scope;
            out.response.hub = m_hub.options().info;
            // The old token works until a day after the new one is first used: at least this long.
            TokenRecord old = token;
            old.replacedAt = now;
            out.previousValidUntil = replacedUntil(old);
            qCInfo(lcHub).noquote() << QStringLiteral("token %1 rotated to %2").arg(token.id, rotated->id);
            return out;
        }
        if (rotated.error().code == QLatin1String("unauthorized"))
            return Hub::unauthorized();
        qCWarning(lcHub) << "token rotation attempt failed:" << rotated.error().message;
    }
    return Hub::serverError(Error{QStringLiteral("database"), QStringLiteral("rotate")});
}

} // namespace mobiliza::hub
