// The hub's report revisions (docs/protocol.md §5, §6): the push (PUT
// /api/v1/reports/<uuid>/revisions/<n>), a report's revisions (GET
// /api/v1/reports/<uuid>), the status feed (GET /api/v1/status), and the package
// import (`mobiliza-hub import`, and ImportDesk's PUT /api/v1/imports/<sha256>) and
// a batch file's revisions (BatchDesk::importFile), which store "exactly as if
// pushed": every revision goes through the push's checks (storeRevision), validated
// with the same ValidationEngine as the client. Also the CLI's `reports` listing.
//
// One resource of the hub behind the one dispatcher (hub_dispatch): it holds only
// the Hub (store, blob store, scopes, clock, options, validation engines), so it is
// made per request. A push holds the Hub's blob lifecycle lock shared from "are its
// photos here?" until its revision is stored.
#pragma once

#include "sync/hub/hub.h"

#include <functional>
#include <optional>

namespace mobiliza::hub {

struct PushOutcome
{
    sync::Receipt receipt;
    bool created = false; // false: the same revision was already here (same receipt)
};

struct ReportView
{
    ReportRecord report;
    QList<RevisionRecord> revisions;
};

struct ImportResult
{
    PushOutcome push;
    ReportRecord report;
    int blobCount = 0;
};

class RevisionDesk
{
public:
    explicit RevisionDesk(Hub &hub) : m_hub(hub) {}

    // The push (PUT reports/{uuid}/revisions/{n}): only a municipality sends its
    // own reports; a URS or central scope is refused with 403 "forbidden".
    Outcome<PushOutcome> push(const sync::Scope &scope, const QString &reportUuid, int revision,
                              const QByteArray &manifest);
    Outcome<ReportView> reportView(const sync::Scope &scope, const QString &reportUuid) const;
    Outcome<sync::StatusPage> status(const sync::Scope &scope, qint64 since, int limit) const;
    // Verifies the package file and validates its report with the program's
    // rules (422 with the findings, nothing stored), then stores its blobs and
    // its revision through the same checks as a push, on the central level's
    // behalf (the CLI's `import`), as an import by the hub itself.
    Outcome<ImportResult> importPackage(const QString &path);
    // The same for a scope (PUT /api/v1/imports/<sha256> by a URS or the central
    // level, hub_imports.h): a report outside the scope → 404 not_found (nothing
    // stored); the revision is stored with `provenance` (via "import", receivedBy).
    // `anyProgram`: the hub's own operator, the central level of whichever program.
    Outcome<ImportResult> importPackage(const QString &path, const sync::Scope &scope,
                                        const Provenance &provenance, bool anyProgram = false);
    // Stores one verified revision of a package or batch file on the central
    // level's behalf with `provenance`: its photos (from `readBlob`, each checked
    // against its name by the reader), then the revision through the push's checks.
    // The program's rules must have passed (validationError) before.
    Outcome<PushOutcome>
    storeImported(const core::Report &report, const QByteArray &manifest, const QStringList &blobs,
                  const std::function<core::Result<QByteArray>(const QString &)> &readBlob,
                  const Provenance &provenance, int *blobCount = nullptr);
    // 422 "validation_failed" with the findings when the program's rules (or the
    // reference table) refuse the report; 422 "unknown_program"; nullopt when it passes.
    std::optional<Refusal> validationError(const core::Report &report) const;

    // The CLI's `reports`: month "YYYY-MM" (or a quadrimestre, "2026-Q2") or empty; urs
    // name/alias or empty; or a program's reports (apoio_cosems when only `uf` is given),
    // of one state when `uf` is given.
    core::Result<QList<ListedRevision>> list(const QString &month, const QString &urs,
                                             const QString &program = {}, const QString &uf = {}) const;

private:
    // The push's checks and storage for any scope that covers the report's
    // municipality: push (municipalities) and importPackage (central, a URS).
    Outcome<PushOutcome> storeRevision(const sync::Scope &scope, const QString &reportUuid, int revision,
                                       const QByteArray &manifest, const Provenance &provenance = {});
    Outcome<PushOutcome> existingRevisionOutcome(const QString &reportUuid, int revision,
                                                 const QString &sha256, bool *decided) const;

    Hub &m_hub;
};

} // namespace mobiliza::hub
