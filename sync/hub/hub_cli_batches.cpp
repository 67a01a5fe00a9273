// mobiliza-hub import (a report package or a batch file, whose receipt file for
// the URS it writes), mobiliza-hub receipt and mobiliza-hub batches (split from
// hub_cli.cpp by feature).
#include "sync/hub/hub.h"
#include "sync/hub/hub_batches.h"
#include "sync/hub/hub_cli_p.h"
#include "sync/hub/hub_revisions.h"

#include <QCoreApplication>
#include <QDir>

namespace mobiliza::hub::cli {

namespace {

void printHubError(const Refusal &e)
{
    err(e.body.message);
    for (const core::Finding &f : e.body.findings)
        err(QStringLiteral("  %1: %2").arg(f.path, f.message));
    for (const QString &sha : e.body.missing)
        err(QStringLiteral("  %1").arg(sha));
    for (const sync::BatchRefusal &r : sync::decodeBatchRefused(sync::encode(e.body)))
        err(QStringLiteral("  %1/%2: %3 (%4)").arg(r.report).arg(r.revision).arg(r.state, r.reason));
}

// Writes the batch's receipt file and says where; false (and why) when it could not.
bool writeReceipt(Hub &hub, const BatchRecord &batch, const QString &path)
{
    if (core::Status written = core::package::writeBatchReceipt(BatchDesk(hub).receiptOf(batch), path); !written) {
        err(written.error().message);
        err(QCoreApplication::translate("HubCli", "The batch is recorded here; write its receipt again with "
                                                  "“mobiliza-hub receipt --batch %1 --out FILE”.")
                .arg(batch.batch.uuid));
        return false;
    }
    out(QCoreApplication::translate("HubCli", "Receipt for the URS written to %1: take it back to the URS "
                                              "(Batches page, “Import receipt…”).")
            .arg(QDir::toNativeSeparators(QDir(path).absolutePath())));
    return true;
}

} // namespace

int importFile(Hub &hub, const QString &path, const QString &receiptPath)
{
    // A URS's batch file first: anything else (a report package too) is "not_a_batch".
    auto batch = BatchDesk(hub).importFile(path);
    if (!batch && batch.error().body.code != QLatin1String("not_a_batch")) {
        printHubError(batch.error());
        return 1;
    }
    if (batch) {
        const BatchRecord &b = batch->record;
        out((batch->created
                 ? QCoreApplication::translate("HubCli", "Received batch %1 of URS %2 (%3): %4 reports forwarded, "
                                                         "%5 imported now, as %6.")
                 : QCoreApplication::translate("HubCli", "Batch %1 of URS %2 (%3), %4 reports, was already here "
                                                         "as %6 (%5 imported now)."))
                .arg(b.batch.uuid, b.batch.urs, b.batch.period)
                .arg(b.batch.revisions.size())
                .arg(batch->imported)
                .arg(b.hubId));
        return writeReceipt(hub, b, receiptPath.isEmpty() ? core::package::receiptPathFor(path) : receiptPath) ? 0 : 1;
    }
    auto imported = RevisionDesk(hub).importPackage(path);
    if (!imported) {
        printHubError(imported.error());
        return 1;
    }
    out((imported->push.created
             ? QCoreApplication::translate("HubCli", "Imported report %1 (%2, %3), revision %4, as %5.")
             : QCoreApplication::translate("HubCli",
                                           "Report %1 (%2, %3), revision %4, was already here as %5."))
            .arg(imported->report.uuid, imported->report.municipality, imported->report.period)
            .arg(imported->push.receipt.revision)
            .arg(imported->push.receipt.hubId));
    return 0;
}

int issueReceipt(Hub &hub, const QString &uuid, const QString &outPath)
{
    auto batch = hub.store().batch(uuid.trimmed().toLower());
    if (!batch)
        return failed(batch.error().message);
    if (!batch.value())
        return failed(QCoreApplication::translate("HubCli", "This hub has no batch %1. See the batches it has with "
                                                            "“mobiliza-hub batches”.")
                          .arg(uuid));
    const BatchRecord &b = *batch.value();
    const QString path = outPath.isEmpty() ? core::package::batchFileBaseName(b.batch.urs, b.batch.period) +
                                                 QLatin1String(core::package::kReceiptExtension)
                                           : outPath;
    return writeReceipt(hub, b, path) ? 0 : 1;
}

int printBatches(Hub &hub)
{
    auto batches = hub.store().batches();
    if (!batches)
        return failed(batches.error().message);
    // batch id, URS, month, reports, state; then the hub's id and when it arrived.
    for (const BatchRecord &b : batches.value())
        out(QStringList{b.batch.uuid, oneLine(b.batch.urs), b.batch.period, QString::number(b.batch.revisions.size()),
                        b.state, b.hubId, sync::utcTimestamp(b.receivedAt)}
                .join(QLatin1Char('\t')));
    return 0;
}

} // namespace mobiliza::hub::cli
