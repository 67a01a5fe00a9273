#include "app/ui/sync/keychain_token_store.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QLoggingCategory>
#include <QTimer>

namespace mobiliza::ui {

Q_LOGGING_CATEGORY(lcKeychain, "mobiliza.sync.keychain")

KeychainTokenStore::KeychainTokenStore(QString service, QString key, QString fallbackPath, int timeoutMs)
    : m_service(std::move(service)), m_key(std::move(key)), m_timeoutMs(timeoutMs),
      m_file(std::move(fallbackPath))
{
}

bool KeychainTokenStore::run(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    job.setKey(m_key);
    job.setInsecureFallback(false); // our own fallback, visible to the user
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(m_timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    if (!finished) {
        qCInfo(lcKeychain) << "the system keychain did not answer in time";
        return false;
    }
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        qCInfo(lcKeychain) << "system keychain unavailable:" << job.errorString();
    return job.error() == QKeychain::NoError;
}

core::Result<QString> KeychainTokenStore::read()
{
    QKeychain::ReadPasswordJob job(m_service);
    if (run(job) && !job.textData().isEmpty()) {
        m_usingFallback = false;
        return job.textData();
    }
    auto fromFile = m_file.read();
    if (!fromFile)
        return fromFile;
    m_usingFallback = !fromFile.value().isEmpty();
    return fromFile;
}

core::Status KeychainTokenStore::write(const QString &token)
{
    QKeychain::WritePasswordJob job(m_service);
    job.setTextData(token);
    if (run(job)) {
        m_usingFallback = false;
        m_file.clear(); // an older fallback copy must not linger
        return {};
    }
    if (core::Status s = m_file.write(token); !s)
        return s;
    m_usingFallback = true;
    return {};
}

core::Status KeychainTokenStore::clear()
{
    QKeychain::DeletePasswordJob job(m_service);
    run(job);
    m_usingFallback = false;
    return m_file.clear();
}

} // namespace mobiliza::ui
