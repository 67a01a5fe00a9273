// What went wrong talking to the hub, typed so the sync engine can decide
// (retry later, set the item aside, stop the pass, enroll again) and worded so
// a user can act on it: never a raw "413", "connection refused" or
// "Host not found", and never a token.
#pragma once

#include "core/program/finding.h"
#include "core/util/result.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

namespace mobiliza::sync {

struct HubError
{
    enum class Kind
    {
        Offline,      // no network, name not resolved
        Unreachable,  // refused, reset, cut mid-transfer
        Timeout,      // 30 s to connect, 60 s without progress
        Tls,          // certificate / handshake
        Insecure,     // plain http:// to another computer: refused, nothing sent
        NotHub,       // a 200 that is not the hub's JSON (captive portal, proxy page, redirect)
        Unauthorized, // 401 on an authenticated route: token unknown or revoked
        InvalidCode,  // 401 on enroll
        Forbidden,    // 403
        NotFound,     // 404
        Conflict,     // 409 revision_conflict | stale_revision
        MissingBlobs, // 409 missing_blobs (internal: upload again)
        TooLarge,     // 413
        Rejected,     // 422 validation_failed (with findings) or 400 (bad manifest)
        RateLimited,  // 429 (retryAfterSeconds)
        ServerError,  // 5xx
        Local,        // a photo missing on this computer, a store error
        Aborted,      // the pass was stopped
    };

    Kind kind = Kind::Unreachable;
    int httpStatus = 0;        // 0 when no HTTP answer
    QString code;              // the hub's error code, or our own key (kindKey)
    QString message;           // pt-BR, what happened and what to do
    core::Findings findings;   // 422
    QStringList missing;       // 409 missing_blobs
    int retryAfterSeconds = 0; // 429 / 503
    QString currentState;      // 409 state_changed: what the revision is now

    // Worth retrying later with the same data (backoff); false: set aside.
    bool isRetryable() const;
    // The hub cannot be reached or trusted right now: stop the pass.
    bool stopsPass() const;

    static QString kindKey(Kind kind);
    // The default wording for a kind (host: the hub's host name, may be empty).
    static QString messageFor(Kind kind, const QString &host = {});
    static HubError make(Kind kind, const QString &host = {}, int httpStatus = 0);
};

// A value or a HubError: the project's one result type (core/util/result.h).
template <typename T> using HubResult = core::Result<T, HubError>;

} // namespace mobiliza::sync
