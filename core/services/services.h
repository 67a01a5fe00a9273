// Everything one open profile needs: the store, the notifier, the blob store,
// the audit trail and the services. The app opens one per data folder.
#pragma once

#include "core/program/program_registry.h"
#include "core/reference/reference_data.h"
#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/audit.h"
#include "core/services/blob_store.h"
#include "core/services/notifier.h"
#include "core/services/partner_service.h"
#include "core/services/profile_service.h"
#include "core/services/report_service.h"
#include "core/services/targets_service.h"
#include "core/store/database.h"
#include "core/util/result.h"

#include <memory>

namespace mobiliza::core {

class Clock;

class Services
{
public:
    // Opens (creating or migrating) <dataDir>/mobiliza.sqlite and <dataDir>/blobs,
    // and makes sure the installation id exists. The reference table is the
    // profile's (ReferenceRepository: the built-in one or a newer imported one);
    // the programs are the embedded ones, validated against that table.
    static Result<std::unique_ptr<Services>> open(const QString &dataDir, const Clock &clock);

    Services(const Services &) = delete;
    Services &operator=(const Services &) = delete;

    Database &database() { return *m_database; }
    Notifier &notifier() { return m_notifier; }
    BlobStore &blobs() { return m_blobs; }
    AuditTrail &audit() { return m_audit; }
    ProfileService &profile() { return m_profile; }
    ReportService &reports() { return m_reports; }
    PartnerService &partners() { return m_partners; }
    // The regional desk (a URS profile; empty tables elsewhere).
    ReplicaService &replica() { return m_replica; }
    ReviewOutbox &reviews() { return m_reviews; }
    // The coverage and action targets (edited centrally, published down by the hub).
    TargetsService &targets() { return m_targets; }
    const ReferenceData &reference() const { return m_reference; }
    // Add a program here (e.g. a test fixture) before concluding its reports.
    ProgramRegistry &programs() { return m_programs; }
    const Clock &clock() const { return m_clock; }

private:
    Services(std::unique_ptr<Database> database, const QString &dataDir, const Clock &clock);

    std::unique_ptr<Database> m_database;
    const Clock &m_clock;
    Notifier m_notifier;
    BlobStore m_blobs;
    AuditTrail m_audit;
    ReferenceData m_reference;
    ProgramRegistry m_programs;
    ProfileService m_profile;
    ReportService m_reports;
    PartnerService m_partners;
    ReplicaService m_replica;
    ReviewOutbox m_reviews;
    TargetsService m_targets;
};

} // namespace mobiliza::core
