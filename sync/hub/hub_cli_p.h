// What the mobiliza-hub commands share between hub_cli.cpp and hub_cli_stats.cpp.
#pragma once

#include "sync/protocol.h"

#include <QCommandLineOption>
#include <QString>

class QCommandLineParser;

namespace mobiliza::hub {

class Hub;

namespace cli {

// Every option of the command line (hub_cli_options.cpp).
struct Options
{
    Options();
    // Describes the commands, adds the options and arguments; returns --help.
    QCommandLineOption setUp(QCommandLineParser &parser) const;

    QCommandLineOption listen;
    QCommandLineOption data;
    QCommandLineOption db;
    QCommandLineOption hubName;
    QCommandLineOption hubId;
    QCommandLineOption log;
    QCommandLineOption trustProxy;
    QCommandLineOption threads;
    QCommandLineOption idleTimeout;
    QCommandLineOption maxConnections;
    QCommandLineOption maxPerAddress;
    QCommandLineOption quotaMib;
    QCommandLineOption tokenIdleDays;
    QCommandLineOption top;
    QCommandLineOption municipality;
    QCommandLineOption urs;
    QCommandLineOption central;
    QCommandLineOption program;
    QCommandLineOption role;
    QCommandLineOption uf;
    QCommandLineOption label;
    QCommandLineOption tokenId;
    QCommandLineOption month;
    QCommandLineOption report;
    QCommandLineOption accept;
    QCommandLineOption returnWith;
    QCommandLineOption reviewer;
    QCommandLineOption batch;
    QCommandLineOption receiptFile;
    QCommandLineOption outFile;
};

void out(const QString &line);                  // a line on standard output
void err(const QString &line);                  // a line on standard error
int failed(const QString &message);             // err(message), then the exit code of a failure
QString oneLine(QString s);                     // tabs and line breaks as spaces (one field of a line)
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
