// The core the hub's desks share, independent of HTTP: the store, the blob
// store, the reference table and the scopes it gives (covers, municipalitiesOf),
// the clock, the options, the validation engines (the client's rules), the blob
// lifecycle lock and the error answers every route may give.
//
// Each resource is a small class of its own that holds a Hub& — TokenDesk
// (hub_tokens.h), BlobDesk (hub_blobs.h), RevisionDesk (hub_revisions.h), PullDesk
// (hub_pull.h), PartnerDesk (hub_partners.h), ReviewDesk (hub_reviews.h), ImportDesk
// (hub_imports.h), BatchDesk (hub_batches.h), RegionPartnersDesk
// (hub_partners_region.h) — behind the one dispatcher (hub_dispatch.h), which maps
// their outcomes to HTTP; the CLI (hub_cli*.cpp) prints them.
//
// Not thread-safe: one Hub on the thread that opened its HubStore.
#pragma once

#include "core/domain/clock.h"
#include "core/program/program_definition.h"
#include "core/program/validation_engine.h"
#include "core/reference/reference_data.h"
#include "core/services/blob_store.h"
#include "core/util/result.h"
#include "sync/hub/hub_store.h"
#include "sync/hub/hub_types.h"
#include "sync/protocol.h"
#include "sync/protocol_pull.h"

#include <QCoreApplication>
#include <QHash>
#include <QReadWriteLock>

#include <memory>
#include <optional>

namespace mobiliza::hub {

struct HubOptions
{
    sync::HubInfo info{QStringLiteral("mobiliza-hub"),
                       QStringLiteral("Hub do Mobiliza")}; // shown to users: pt-BR
    sync::Limits limits;
    int codeValidityDays = 14;
    int statusPageMax = 1000;
    // Per token: bytes of the photos it uploaded that no stored revision of a report
    // of its scope names yet ("unattached": what collection removes after its grace).
    // A photo a revision names counts toward nothing. 0: no quota (`serve --quota-mib`).
    qint64 quotaBytes = qint64(512) * 1024 * 1024;
    // A token unused this many days is refused (401 "token_expired"; 0: never;
    // `serve --token-idle-days`).
    int tokenIdleDays = 180;
    // The pre-flight asks an installation to rotate a token this many days old
    // (tokenRenewAfter; 0: never asked).
    int tokenRenewDays = 90;
    // A token replaced by a rotation keeps working this long (a lost answer does
    // not lock the installation out), then it is refused.
    int tokenOverlapHours = 24;
    // The body of PUT /api/v1/imports/<sha256> (§10.4): a whole report package file,
    // photos included, held in memory while it is verified. A bigger package goes
    // through `mobiliza-hub import` at the hub.
    qint64 maxImportBytes = qint64(32) * 1024 * 1024;
    // POST /api/v1/revisions/manifests and the pre-flight's "manifest_batch" (§10.2).
    // Off only to play an older hub in tests: a client then asks one manifest a request.
    bool manifestBatch = true;
    // Its answer holds manifests up to this many bytes (at least one).
    qint64 manifestBatchBytes = sync::kManifestBatchBytes;
};

class Hub
{
public:
    Hub(HubStore &store, core::BlobStore &blobs, core::ReferenceData reference, const core::Clock &clock,
        HubOptions options = {});

    const HubOptions &options() const { return m_options; }
    const core::ReferenceData &reference() const { return m_reference; }
    HubStore &store() { return m_store; }
    core::BlobStore &blobs() { return m_blobs; }
    QDateTime now() const { return m_clock.now(); }

    // ---- scopes (the CLI validates what the regional office typed)
    core::Result<sync::Scope> municipalityScope(const QString &ibge) const;
    core::Result<sync::Scope> ursScope(const QString &nameOrAlias) const;
    // A level of a program set up by state (the apoio register: `levelKey` "apoiador",
    // "cosems" or "conasems"; `uf` for the first two). An apoiador's code names its state
    // only: who reports is made from the installation that redeems it.
    core::Result<sync::Scope> levelScope(const QString &programId, const QString &levelKey,
                                         const QString &uf) const;
    // A 7-digit IBGE code of the reference table, as given (not trimmed).
    bool isMunicipality(const QString &code) const;
    // A reporting unit's program and region: an SES-MG municipality's by the reference
    // table (its URS), an apoiador's by its enrollment (its state); nullopt when unknown.
    std::optional<UnitPlace> placeOf(const QString &unit) const;
    // A unit's region (canonical URS name, or an apoiador's state); empty when unknown.
    QString ursOf(const QString &unit) const;
    // Whether the scope covers the unit: the same program, then sync::Scope::covers.
    bool covers(const sync::Scope &scope, const QString &unit) const;
    QString describe(const sync::Scope &scope) const; // "Barbacena (3105608)", "URS Manhuaçu", "central"
    // The units a scope covers (nullopt: all, the central level of the hub's only
    // program): the one rule of covers(), for the queries. The reference table gives
    // SES-MG's municipalities, the enrollments a program's apoiadores.
    std::optional<QStringList> municipalitiesOf(const sync::Scope &scope) const;

    // The program's validation engine (the client's rules), nullptr for a program
    // this hub does not know.
    std::shared_ptr<const core::ValidationEngine> engine(const QString &programId) const;

    // Errors every route may answer.
    static Refusal error(int status, const QString &code, const QString &message);
    static Refusal serverError(const core::Error &cause);
    static Refusal notFound();
    static Refusal unauthorized();

    // One per process: a push's "are its photos here?" and the insertion of its
    // revision hold it shared; the blob collection (BlobDesk::collect) holds it alone,
    // so it never deletes a photo that a push on another worker thread has just
    // counted as present.
    static QReadWriteLock &blobLifecycle();

private:
    HubStore &m_store;
    core::BlobStore &m_blobs;
    core::ReferenceData m_reference;
    const core::Clock &m_clock;
    HubOptions m_options;
    QHash<QString, std::shared_ptr<const core::ValidationEngine>> m_engines; // by program id
    QHash<QString, core::ProgramDefinition> m_programs;                      // by program id
};

} // namespace mobiliza::hub
