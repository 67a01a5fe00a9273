#include "core/services/services.h"

#include "core/reference/reference_repository.h"

#include <QDir>
#include <QLoggingCategory>

namespace mobiliza::core {

namespace {

Q_LOGGING_CATEGORY(lcServices, "mobiliza.services")

ReferenceChecks checksOf(const ReferenceData &reference)
{
    return ReferenceChecks{[reference](const QString &c) { return reference.isValidMunicipalityCode(c); },
                           [reference](const QString &c) { return reference.regiao(c).has_value(); }};
}

} // namespace

Services::Services(std::unique_ptr<Database> database, const QString &dataDir, const Clock &clock)
    : m_database(std::move(database)), m_clock(clock),
      m_blobs(QDir(dataDir).filePath(QStringLiteral("blobs"))), m_audit(*m_database, clock),
      m_reference(ReferenceRepository(dataDir).current()), m_programs(checksOf(m_reference)),
      m_profile(*m_database, m_notifier, clock, m_audit),
      m_reports(*m_database, m_notifier, clock, m_audit, m_blobs, m_programs),
      m_partners(*m_database, m_notifier, clock, m_audit),
      m_replica(*m_database, m_notifier, m_blobs, clock, &m_programs),
      m_reviews(*m_database, m_notifier, clock, m_replica),
      m_targets(*m_database, m_notifier, clock, m_audit, m_profile)
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
    // A profile holds one program: the others shipped are unknown to it (a package of
    // another program is refused), and follow the profile when its program is chosen.
    Services *raw = services.get();
    raw->m_programs.restrictTo(raw->m_profile.program());
    QObject::connect(&raw->m_notifier, &Notifier::profileChanged, &raw->m_notifier,
                     [raw] { raw->m_programs.restrictTo(raw->m_profile.program()); });
    // A replica stored before schema 8: the Painel's facts of its manifests, once. Derived
    // data: a failure leaves the panel short (said in the log), never the profile closed;
    // the next opening tries again.
    if (auto facts = services->m_replica.backfillFacts(); !facts)
        qCWarning(lcServices) << "the panel's facts of the replica could not be written:" << facts.error().code
                              << facts.error().message;
    return services;
}

} // namespace mobiliza::core
