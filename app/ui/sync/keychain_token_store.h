// The hub token in the system keychain (QtKeychain: Secret Service / KWallet
// on Linux, Credential Manager on Windows), falling back to an owner-only file
// in the profile when no keychain answers. usingFallback() tells the
// Synchronization page to show its warning.
#pragma once

#include "sync/client/token_store.h"

#include <QString>

namespace QKeychain {
class Job;
}

namespace mobiliza::ui {

class KeychainTokenStore final : public sync::TokenStore
{
public:
    // `key` names this profile's entry (e.g. "hub-token-<installation id>");
    // the fallback file is `fallbackPath`. A keychain that does not answer
    // within timeoutMs counts as failed.
    KeychainTokenStore(QString service, QString key, QString fallbackPath, int timeoutMs = 5000);

    core::Result<QString> read() override;
    core::Status write(const QString &token) override;
    core::Status clear() override;
    bool usingFallback() const override { return m_usingFallback; }

    QString fallbackPath() const { return m_file.path(); }

private:
    // Runs the job to completion (local event loop); true when it succeeded.
    bool run(QKeychain::Job &job);

    QString m_service;
    QString m_key;
    int m_timeoutMs;
    sync::FileTokenStore m_file;
    bool m_usingFallback = false;
};

} // namespace mobiliza::ui
