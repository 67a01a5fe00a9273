// The hub's rules (docs/protocol.md), independent of HTTP: enrollment and
// tokens, scopes, blobs, revisions (validated with the same ValidationEngine
// as the client), review, the status feed, partners and package import.
// HubServer maps these outcomes to HTTP; the CLI prints them. A push
// (pushRevision: municipalities only) and an import go through the same checks
// (storeRevision).
//
// Not thread-safe: one Hub on the thread that opened its HubStore.
#pragma once

#include "core/domain/clock.h"
#include "core/program/validation_engine.h"
#include "core/reference/reference_data.h"
#include "core/services/blob_collector.h"
#include "core/services/blob_store.h"
#include "core/util/result.h"
#include "sync/hub/hub_store.h"
#include "sync/hub/hub_types.h"
#include "sync/protocol.h"

#include <QCoreApplication>
#include <QHash>
#include <QReadWriteLock>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>

namespace mobiliza::hub {

struct HubOptions
{
    sync::HubInfo info{QStringLiteral("mobiliza-hub"), QStringLiteral("Mobiliza hub")};
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
};

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

struct ReviewOutcome
{
    ReportRecord report;
    RevisionRecord revision;
};

struct ImportResult
{
    PushOutcome push;
    ReportRecord report;
    int blobCount = 0;
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
    // A 7-digit IBGE code of the reference table, as given (not trimmed).
    bool isMunicipality(const QString &code) const;
    QString ursOf(const QString &ibge) const; // canonical URS name, empty when unknown
    bool covers(const sync::Scope &scope, const QString &municipality) const;
    QString describe(const sync::Scope &scope) const; // "Barbacena (3105608)", "URS Manhuaçu", "central"
    // The municipalities a scope covers by the current reference table (nullopt:
    // all, the central level): the one rule of covers(), for the queries.
    std::optional<QStringList> municipalitiesOf(const sync::Scope &scope) const;

    // ---- revisions (the push and the package import)
    // The push (PUT reports/{uuid}/revisions/{n}): only a municipality sends its
    // own reports; a URS or central scope is refused with 403 "forbidden".
    Outcome<PushOutcome> pushRevision(const sync::Scope &scope, const QString &reportUuid, int revision,
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
    Outcome<ImportResult> importPackage(const QString &path, const sync::Scope &scope, const Provenance &provenance);
    // Stores one verified revision of a package or batch file on the central
    // level's behalf with `provenance`: its photos (from `readBlob`, each checked
    // against its name by the reader), then the revision through the push's checks.
    // The program's rules must have passed (validationError) before.
    Outcome<PushOutcome> storeImported(const core::Report &report, const QByteArray &manifest,
                                       const QStringList &blobs,
                                       const std::function<core::Result<QByteArray>(const QString &)> &readBlob,
                                       const Provenance &provenance, int *blobCount = nullptr);
    // 422 "validation_failed" with the findings when the program's rules (or the
    // reference table) refuse the report; 422 "unknown_program"; nullopt when it passes.
    std::optional<Refusal> validationError(const core::Report &report) const;

    // ---- review (the CLI's): accept or return the latest revision of the report, on
    // the central level's behalf, through the same path as PUT /api/v1/reviews/<uuid>
    // (ReviewDesk, hub_reviews.h; a decision uuid made here). Errors "comment_required",
    // "not_found", "invalid_transition" (already decided).
    core::Result<ReviewOutcome> review(const QString &reportUuid, bool accept, const QString &comment,
                                       const QString &reviewer);
    // month "YYYY-MM" or empty; urs name/alias or empty.
    core::Result<QList<ListedRevision>> listRevisions(const QString &month, const QString &urs) const;

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
    // The push's checks and storage for any scope that covers the report's
    // municipality: pushRevision (municipalities) and importPackage (central).
    Outcome<PushOutcome> storeRevision(const sync::Scope &scope, const QString &reportUuid, int revision,
                                       const QByteArray &manifest, const Provenance &provenance = {});
    sync::Receipt receiptOf(const RevisionRecord &revision) const;
    Outcome<PushOutcome> existingRevisionOutcome(const QString &reportUuid, int revision,
                                                 const QString &sha256, bool *decided) const;

    HubStore &m_store;
    core::BlobStore &m_blobs;
    core::ReferenceData m_reference;
    const core::Clock &m_clock;
    HubOptions m_options;
    QHash<QString, std::shared_ptr<const core::ValidationEngine>> m_engines; // by program id
};

} // namespace mobiliza::hub
