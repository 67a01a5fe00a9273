// A URS's batch file (.mobiliza-lote, docs/package-format.md "Batch file") taken
// in at the central level (`mobiliza --import-batch FILE`): verified whole; its
// URS must be one of the reference table's and every report that URS's, each
// passing the program's rules — or nothing is kept. Then, "as if the URS had sent
// it over the network": each revision enters the replica at once and is queued as
// an import (a report package made from the file, PackageIntake, PUT
// /api/v1/imports), and the batch is queued to go on the URS's behalf (PUT
// /api/v1/batches, which the hub takes from the central level's token, §10.5)
// once the hub holds every revision. When the hub has received it, receiptOf()
// gives the receipt file the URS records (--import-receipt).
#pragma once

#include "core/package/batch_receipt.h"
#include "core/package/report_package.h"
#include "core/reference/reference_data.h"
#include "core/regional/batch_service.h"
#include "core/util/result.h"

namespace mobiliza::core {

class Services;

// Profile settings: the id and name of the hub this installation talks to (its
// pre-flight's "hub"), kept by the sync engine at each contact; a receipt names them.
inline constexpr char kHubIdSetting[] = "hub_id";
inline constexpr char kHubNameSetting[] = "hub_name";

struct BatchIntakeOutcome
{
    BatchRecord batch;        // as recorded here now
    int revisions = 0;        // in the file
    int newHere = 0;          // revisions the replica did not hold (now queued as imports)
    bool alreadyHere = false; // this batch was taken in before: nothing changed
};

class BatchIntake
{
public:
    BatchIntake(Services &services, ReferenceData reference);

    // Errors, nothing kept: a profile that is not the central level's
    // ("not_central"), the file's own (not_a_batch, corrupt_package…), a URS the
    // reference table does not know ("unknown_urs"), a report of another URS
    // ("another_urs"), the program's rules ("validation_failed"), a revision the
    // replica holds with another content ("revision_conflict"). Progress over the
    // photo bytes verified; return false to cancel ("cancelled").
    Result<BatchIntakeOutcome> receive(const QString &path, const package::ProgressFn &progress = {});

    // The receipt file of a batch the hub received (state "received"), issued by
    // that hub (its id and name, as the pre-flight gave them: hubIssuer()).
    static package::BatchReceipt receiptOf(const BatchRecord &batch, const QString &issuedBy,
                                           const QString &issuedByName);

    // The receipt of a batch the hub received, issued by the hub named in the
    // profile's settings, written beside `batchFilePath` (package::receiptPathFor)
    // or at `receiptPath`; returns the path written. "not_received" (nothing written)
    // while the hub has not received the batch.
    Result<QString> writeReceipt(const BatchRecord &batch, const QString &batchFilePath,
                                 const QString &receiptPath = {}) const;

private:
    Services &m_services;
    ReferenceData m_reference;
};

} // namespace mobiliza::core
