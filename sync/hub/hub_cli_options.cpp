// The mobiliza-hub command line: its commands, options and arguments (hub_cli.cpp runs them).
#include "sync/hub/hub_cli_p.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QList>
#include <QPair>

namespace mobiliza::hub::cli {

Options::Options()
    : listen(QStringLiteral("listen"),
             QCoreApplication::translate("HubCli", "Address and port to listen on (port 0: any free port)."),
             QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:8080")),
      data(QStringLiteral("data"), QCoreApplication::translate("HubCli", "The hub's data folder."),
           QStringLiteral("DIR")),
      db(QStringLiteral("db"),
         QCoreApplication::translate(
             "HubCli", "PostgreSQL database (postgresql://user:password@host:port/database) instead of "
                       "SQLite in the data folder; or set MOBILIZA_HUB_DB."),
         QStringLiteral("URL")),
      hubName(QStringLiteral("hub-name"),
              QCoreApplication::translate("HubCli", "The hub's name shown to installations."),
              QStringLiteral("NAME")),
      hubId(QStringLiteral("hub-id"),
            QCoreApplication::translate("HubCli", "The hub's identifier (default: from its name)."),
            QStringLiteral("ID")),
      log(QStringLiteral("log"),
          QCoreApplication::translate("HubCli",
                                      "Access log file, or - for standard error (default: DIR/access.log)."),
          QStringLiteral("FILE")),
      trustProxy(QStringLiteral("trust-proxy"),
                 QCoreApplication::translate(
                     "HubCli", "Take the client's address from X-Forwarded-For when the request comes "
                               "from a proxy on this machine.")),
      threads(QStringLiteral("threads"),
              QCoreApplication::translate("HubCli",
                                          "serve: worker threads, each with its own database connection."),
              QStringLiteral("N"), QStringLiteral("8")),
      idleTimeout(QStringLiteral("idle-timeout"),
                  QCoreApplication::translate("HubCli", "serve: seconds a silent connection is kept open."),
                  QStringLiteral("SECONDS"), QStringLiteral("30")),
      maxConnections(QStringLiteral("max-connections"),
                     QCoreApplication::translate(
                         "HubCli", "serve: open connections in all (default: as many as the system allows)."),
                     QStringLiteral("N"), QStringLiteral("0")),
      maxPerAddress(
          QStringLiteral("max-per-address"),
          QCoreApplication::translate(
              "HubCli", "serve: open connections from one address (0: no limit; with --trust-proxy, none)."),
          QStringLiteral("N"), QStringLiteral("128")),
      quotaMib(QStringLiteral("quota-mib"),
               QCoreApplication::translate(
                   "HubCli", "serve: MiB of photos one installation may have on the hub that no "
                             "report sent names yet (0: no limit)."),
               QStringLiteral("N"), QStringLiteral("512")),
      tokenIdleDays(
          QStringLiteral("token-idle-days"),
          QCoreApplication::translate("HubCli", "Days after which a token not used is refused (0: never)."),
          QStringLiteral("N"), QStringLiteral("180")),
      top(QStringLiteral("top"),
          QCoreApplication::translate("HubCli",
                                      "stats: how many tokens to list by photos awaiting a report."),
          QStringLiteral("N"), QStringLiteral("10")),
      municipality(QStringLiteral("municipality"),
                   QCoreApplication::translate("HubCli", "IBGE code of a municipality."),
                   QStringLiteral("IBGE")),
      urs(QStringLiteral("urs"),
          QCoreApplication::translate("HubCli", "Name of a URS (regional health office)."),
          QStringLiteral("NAME")),
      central(QStringLiteral("central"),
              QCoreApplication::translate("HubCli", "The central level (sees every municipality).")),
      program(QStringLiteral("program"),
              QCoreApplication::translate("HubCli",
                                          "enroll: the program of a --role (default: ses_mg_mobilizacao); "
                                          "reports: only this program."),
              QStringLiteral("ID")),
      role(QStringLiteral("role"),
           QCoreApplication::translate(
               "HubCli",
               "enroll: a level of a program set up by state, e.g. apoiador, cosems or conasems with "
               "--program apoio_cosems."),
           QStringLiteral("LEVEL")),
      uf(QStringLiteral("uf"),
         QCoreApplication::translate("HubCli", "enroll: the state of an apoiador or a COSEMS."),
         QStringLiteral("UF")),
      label(QStringLiteral("label"),
            QCoreApplication::translate("HubCli", "A note to recognize the enrollment later."),
            QStringLiteral("TEXT")),
      tokenId(QStringLiteral("token-id"),
              QCoreApplication::translate("HubCli", "The token's id (see “tokens”)."), QStringLiteral("ID")),
      month(QStringLiteral("month"), QCoreApplication::translate("HubCli", "Only this month."),
            QStringLiteral("YYYY-MM")),
      report(QStringLiteral("report"), QCoreApplication::translate("HubCli", "The report's id (UUID)."),
             QStringLiteral("ID")),
      accept(QStringLiteral("accept"), QCoreApplication::translate("HubCli", "Accept the latest revision.")),
      returnWith(QStringLiteral("return"),
                 QCoreApplication::translate("HubCli", "Return the latest revision with this comment."),
                 QStringLiteral("COMMENT")),
      reviewer(QStringLiteral("reviewer"),
               QCoreApplication::translate("HubCli", "Who reviews (default: the system user)."),
               QStringLiteral("NAME")),
      batch(QStringLiteral("batch"), QCoreApplication::translate("HubCli", "receipt: the batch's id (UUID)."),
            QStringLiteral("UUID")),
      receiptFile(QStringLiteral("receipt"),
                  QCoreApplication::translate(
                      "HubCli", "import: where the batch's receipt file goes (default: beside the batch "
                                "file, .mobiliza-recibo)."),
                  QStringLiteral("FILE")),
      outFile(QStringLiteral("out"),
              QCoreApplication::translate(
                  "HubCli", "receipt: the file to write (default: lote-URS-MONTH.mobiliza-recibo)."),
              QStringLiteral("FILE"))
{
}

QCommandLineOption Options::setUp(QCommandLineParser &parser) const
{
    const QList<QPair<const char *, QString>> commands{
        {"serve", QCoreApplication::translate("HubCli", "answer the installations (HTTP)")},
        {"enroll", QCoreApplication::translate("HubCli", "issue a one-time enrollment code")},
        {"revoke", QCoreApplication::translate("HubCli", "revoke tokens")},
        {"tokens", QCoreApplication::translate("HubCli", "list the tokens")},
        {"reports", QCoreApplication::translate("HubCli", "list the received revisions")},
        {"review", QCoreApplication::translate("HubCli", "accept or return the latest revision of a report")},
        {"import", QCoreApplication::translate("HubCli", "import a report package or a batch file")},
        {"batches", QCoreApplication::translate("HubCli", "list the batches sent to the central level")},
        {"receipt", QCoreApplication::translate("HubCli", "write a batch's receipt file for the URS again")},
        {"stats", QCoreApplication::translate("HubCli", "show the hub's disk use, tokens and reports")}};
    QString description =
        QCoreApplication::translate(
            "HubCli", "Mobiliza hub: receives the municipalities' reports, checks them and sends "
                      "the review back.") +
        QStringLiteral("\n\n") + QCoreApplication::translate("HubCli", "Commands:");
    for (const auto &c : commands)
        description += QStringLiteral("\n  %1 %2").arg(QLatin1String(c.first), -8).arg(c.second);
    parser.setApplicationDescription(description);
    const QCommandLineOption help = parser.addHelpOption();
    parser.addOptions({listen,
                       data,
                       db,
                       hubName,
                       hubId,
                       log,
                       trustProxy,
                       threads,
                       idleTimeout,
                       maxConnections,
                       maxPerAddress,
                       quotaMib,
                       tokenIdleDays,
                       top,
                       municipality,
                       urs,
                       central,
                       program,
                       role,
                       uf,
                       label,
                       tokenId,
                       month,
                       report,
                       accept,
                       returnWith,
                       reviewer,
                       batch,
                       receiptFile,
                       outFile});
    parser.addPositionalArgument(
        QStringLiteral("command"),
        QCoreApplication::translate(
            "HubCli", "serve, enroll, revoke, tokens, reports, review, import, batches, receipt or stats"));
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QCoreApplication::translate("HubCli", "import: the package or batch file"),
                                 QStringLiteral("[FILE]"));
    return help;
}

} // namespace mobiliza::hub::cli
