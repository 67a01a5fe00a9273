// The hub's batches to the central level (docs/protocol.md §10.5): a URS sends
// the month's accepted revisions of its municipalities as one batch (PUT
// /api/v1/batches/<uuid>); they become `forwarded` (a status event each, so the
// municipalities see "Encaminhado ao nível central"); GET /api/v1/batches/<uuid>
// answers its receipt and state. A batch file (core/package/batch_file.h) goes
// through the same path at the hub (`mobiliza-hub import FILE`, importFile).
//
// A batch, its revisions' new state and their events are one transaction; a batch
// is idempotent by its client-made uuid (a re-send is compared by its canonical
// encoding). One resource of the hub behind the one dispatcher: made per request.
#pragma once

#include "core/package/batch_receipt.h"
#include "sync/hub/hub.h"
#include "sync/protocol_batch.h"

namespace mobiliza::hub {

struct BatchOutcome
{
    BatchRecord record;
    bool created = false; // false: the same batch was already here (200, the same receipt)
    int imported = 0;     // importFile: revisions of the file stored now (the others were here)
};

class BatchDesk
{
public:
    explicit BatchDesk(Hub &hub) : m_hub(hub) {}

    // PUT /api/v1/batches/<uuid>: a URS's token (a municipality's → 403 forbidden); a
    // uuid that is not one or a body that does not decode → 400 bad_request, a body
    // naming another uuid → 400 path_mismatch, another URS → 403 forbidden; then
    // apply(). The central level's token sends a URS's batch file on that URS's behalf
    // (via "file", as importFile; a URS the reference table does not know → 422
    // unknown_urs).
    Outcome<BatchOutcome> put(const TokenRecord &token, const QString &uuid, const QByteArray &body);

    // The checks, in order: the uuid already stored → 200 with its receipt when the
    // batch is the same (by its canonical encoding), else 409 batch_conflict; every
    // revision in the scope, of the batch's month, with that manifest hash and
    // `accepted` (or `received` when it reached the hub as an import: the URS reviewed
    // it on its own hub) → otherwise 409 batch_refused with the refused list, nothing
    // stored. Otherwise 201 and the revisions are `forwarded`.
    Outcome<BatchOutcome> apply(const sync::Scope &scope, const sync::Batch &batch, const QString &installation,
                                const QString &tokenId, const QString &via);

    // GET /api/v1/batches/<uuid>: the URS's own batch, or any to the central level;
    // a municipality's token → 403; another URS's batch, or an unknown one → 404.
    Outcome<BatchRecord> get(const TokenRecord &token, const QString &uuid) const;

    // `mobiliza-hub import FILE` of a batch file, on the central level's behalf:
    // verifies the file ("not_a_batch" when it is none), checks its URS against the
    // reference table and every report against that URS (409 batch_refused) and the
    // program's rules (422), imports each revision (via "import", received by the
    // URS), then records the batch as if that URS had sent it (apply()).
    Outcome<BatchOutcome> importFile(const QString &path);

    // The receipt file of a recorded batch, for the URS (docs/package-format.md
    // "Receipt file"): issued by this hub (its id and name); the same batch always
    // gives the same receipt.
    core::package::BatchReceipt receiptOf(const BatchRecord &record) const;

private:
    // The revisions of `batch` that may not be forwarded now, and why.
    Outcome<QList<sync::BatchRefusal>> refusals(const sync::Scope &scope, const sync::Batch &batch,
                                                QHash<QString, ReportRecord> *reports) const;
    Refusal refusedError(const QList<sync::BatchRefusal> &refused) const;

    Hub &m_hub;
};

} // namespace mobiliza::hub
