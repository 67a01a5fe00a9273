// The hub's enrollment and tokens (docs/protocol.md §2, §3): one-time codes
// (`mobiliza-hub enroll`), their redemption (POST /api/v1/enroll), authentication
// with idle expiry, the pre-flight and rotation (POST /api/v1/token), and a
// token's state for `mobiliza-hub tokens` and `stats`.
//
// One resource of the hub behind the one dispatcher (hub_dispatch). Unlike the
// other desks it keeps something between requests: when it last wrote each
// token's last use (at most once a minute per token, in a TouchLedger the
// server's threads share), so the dispatcher holds one for its life (one per
// thread, like its Hub); the CLI makes one per command.
#pragma once

#include "sync/hub/hub.h"
#include "sync/hub/windowed_map.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>

#include <memory>
#include <optional>

namespace mobiliza::hub {

struct RotatedToken
{
    sync::EnrollResponse response; // the new token, the scope and the hub
    QDateTime previousValidUntil;  // the replaced token works until then
};

struct IssuedCode
{
    QString code; // shown once, never stored
    sync::Scope scope;
    QString label;
    QDateTime expiresAt;
};

// The token lookup's answers kept a few seconds for photo uploads only, shared by
// one process's threads: a month's 20 photos read the token once, not 20 times.
// A token revoked (in the database, by any instance or the CLI) can therefore
// still store photos for up to window() — stored and counted in its quota, never
// published: the manifest that would name them, and every other request, read
// the database (docs/protocol.md §1). Time is the hub's clock (Hub::now).
class TokenCache
{
public:
    explicit TokenCache(qint64 windowMs = 5000, qsizetype capacity = 4096) : m_entries(windowMs, capacity) {}
    // The record kept for `tokenHash` less than window() ago (not in the future).
    std::optional<TokenRecord> find(const QString &tokenHash, const QDateTime &now) const;
    void keep(const QString &tokenHash, const TokenRecord &record, const QDateTime &now);
    qint64 window() const { return m_entries.window(); }

private:
    mutable QMutex m_mutex;
    WindowedMap<TokenRecord> m_entries;
};

// When each token's last use was last written (tokens.last_seen), shared by a
// process's threads: written at most once a minute per token and process, not
// once per thread (a server's 8 threads each wrote it).
class TouchLedger
{
public:
    // True when `tokenId`'s last use is due to be written at `now`; it is then
    // noted as written (another thread asking meanwhile is told no).
    bool claim(const QString &tokenId, const QDateTime &now);
    // The write failed: due again.
    void forget(const QString &tokenId);

private:
    QMutex m_mutex;
    QHash<QString, QDateTime> m_written; // token id → last_seen written
};

class TokenDesk
{
public:
    // `ledger`: shared with the process's other desks (the server's threads); by
    // default the desk keeps its own.
    explicit TokenDesk(Hub &hub, std::shared_ptr<TouchLedger> ledger = {})
        : m_hub(hub), m_touched(ledger ? std::move(ledger) : std::make_shared<TouchLedger>())
    {
    }

    // A code for `scope`, valid HubOptions::codeValidityDays; only its hash is stored.
    core::Result<IssuedCode> issueCode(const sync::Scope &scope, const QString &label);
    // 401 "invalid_code" for a mistyped, used or expired code.
    Outcome<sync::EnrollResponse> enroll(const sync::EnrollRequest &request);
    // 401 "unauthorized" for an unknown or revoked token (or a replaced one past its
    // overlap), 401 "token_expired" for one unused too long.
    Outcome<TokenRecord> authenticate(const QString &token);
    // The same, reading the token from `cache` when it holds it (a photo upload).
    Outcome<TokenRecord> authenticate(const QString &token, TokenCache &cache);
    sync::Preflight preflight(const TokenRecord &token) const;
    // POST /api/v1/token: a new token for the same installation and scope; the
    // presented one keeps working for tokenOverlapHours. A token younger than an
    // hour is not rotated (429 "rate_limited").
    Outcome<RotatedToken> rotate(const TokenRecord &token);
    // When an unused token stops working (invalid: never), when a replaced one
    // does (invalid: not replaced), and from when it should be rotated.
    QDateTime idleExpiry(const TokenRecord &token) const;
    QDateTime replacedUntil(const TokenRecord &token) const;
    QDateTime renewAfter(const TokenRecord &token) const;
    // "active", "revoked", "expired" (unused too long) or "replaced" (rotated, past the overlap).
    QString state(const TokenRecord &token) const;
    static constexpr qint64 kRotateMinAgeSeconds = 3600;

private:
    Refusal tokenExpired() const;
    Outcome<TokenRecord> admit(TokenRecord record);

    Hub &m_hub;
    std::shared_ptr<TouchLedger> m_touched;
};

} // namespace mobiliza::hub
