#include "core/services/services.h"

#include <QDir>

namespace mobiliza::core {

Services::Services(std::unique_ptr<Database> database, const QString &dataDir, const Clock &clock)
    : m_database(std::move(database)), m_clock(clock),
      m_blobs(QDir(dataDir).filePath(QStringLiteral("blobs"))), m_audit(*m_database, clock),
      m_profile(*m_database, m_notifier, clock, m_audit),
      m_reports(*m_database, m_notifier, clock, m_audit, m_blobs),
      m_partners(*m_database, m_notifier, clock, m_audit)
{
}

Result<std::unique_ptr<Services>> Services::open(const QString &dataDir, const Clock &clock)
{
    auto database = Database::open(dataDir);
    if (!database)
        return database.error();
    std::unique_ptr<Services> services(new Services(std::move(database.value()), dataDir, clock));
    if (Status initialized = services->m_profile.initialize(); !initialized)
        return initialized.error();
    return services;
}

} // namespace mobiliza::core
