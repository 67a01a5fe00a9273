// What the mobiliza-hub commands share between hub_cli.cpp and hub_cli_stats.cpp.
#pragma once

#include "sync/protocol.h"

#include <QString>

namespace mobiliza::hub {

class Hub;

namespace cli {

void out(const QString &line);                 // a line on standard output
void err(const QString &line);                 // a line on standard error
int failed(const QString &message);            // err(message), then the exit code of a failure
QString oneLine(QString s);                    // tabs and line breaks as spaces (one field of a line)
QString scopeValueOf(const sync::Scope &scope); // the municipality's IBGE, the URS' name, or empty
int printStats(Hub &hub, const QString &dataDir, int topCount);
// `import FILE`: a report package, or a batch file (hub_cli_batches.cpp), whose
// receipt file goes to `receiptPath` (empty: beside it, FILE.mobiliza-recibo).
int importFile(Hub &hub, const QString &path, const QString &receiptPath = {});
// `receipt --batch UUID`: the receipt file of a batch the hub holds, again (empty
// `outPath`: lote-<URS>-<month>.mobiliza-recibo here).
int issueReceipt(Hub &hub, const QString &uuid, const QString &outPath);
// `batches`: one tab-separated line per batch.
int printBatches(Hub &hub);

} // namespace cli
} // namespace mobiliza::hub
