// Where the hub token lives. The token is a secret: it never goes into the
// database, settings, logs, audit rows or error messages.
//
// The desktop app uses the system keychain (app/ui/sync/keychain_token_store)
// and falls back to FileTokenStore when no keychain works; the page then
// warns that the token is kept in a file.
#pragma once

#include "core/util/result.h"

#include <QString>

namespace mobiliza::sync {

class TokenStore
{
public:
    virtual ~TokenStore() = default;
    // The token, or an empty string when none is stored.
    virtual core::Result<QString> read() = 0;
    virtual core::Status write(const QString &token) = 0;
    virtual core::Status clear() = 0;
    // True when the token sits in a plain file (readable by this user only)
    // instead of the system keychain: the Synchronization page shows a warning.
    virtual bool usingFallback() const = 0;
};

// A file only its owner can read or write (0600 on Unix), written atomically
// (temporary file created 0600, flushed to disk, renamed over the old one).
class FileTokenStore final : public TokenStore
{
public:
    explicit FileTokenStore(QString path) : m_path(std::move(path)) {}
    static QString defaultFileName() { return QStringLiteral("hub-token"); }

    QString path() const { return m_path; }
    core::Result<QString> read() override;
    core::Status write(const QString &token) override;
    core::Status clear() override;
    bool usingFallback() const override { return true; }

private:
    QString m_path;
};

// In memory only (tests, one-off command-line runs).
class MemoryTokenStore final : public TokenStore
{
public:
    core::Result<QString> read() override { return m_token; }
    core::Status write(const QString &token) override
    {
        m_token = token;
        return {};
    }
    core::Status clear() override
    {
        m_token.clear();
        return {};
    }
    bool usingFallback() const override { return false; }

private:
    QString m_token;
};

} // namespace mobiliza::sync
