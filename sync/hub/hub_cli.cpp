#include "sync/hub/hub_cli.h"
#include "sync/hub/hub_cli_p.h"

#include "core/reference/reference_repository.h"
#include "core/util/text.h"
#include "sync/hub/hub.h"
#include "sync/hub/hub_blobs.h"
#include "sync/hub/hub_reviews.h"
#include "sync/hub/hub_revisions.h"
#include "sync/hub/hub_server.h"
#include "sync/hub/hub_store.h"
#include "sync/hub/hub_tokens.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QHostAddress>
#include <QPair>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace mobiliza::hub {

namespace {
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
} // namespace

// Shared with hub_cli_stats.cpp (hub_cli_p.h).
namespace cli {

void out(const QString &line)
{
    QTextStream s(stdout);
    s << line << '\n';
    s.flush();
}

void err(const QString &line)
{
    QTextStream s(stderr);
    s << line << '\n';
    s.flush();
}

int failed(const QString &message)
{
    err(message);
    return kExitFailed;
}

QString oneLine(QString s)
{
    s.replace(QLatin1Char('\t'), QLatin1Char(' '));
    s.replace(QLatin1Char('\r'), QLatin1Char(' '));
    s.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return s;
}

QString scopeValueOf(const sync::Scope &scope)
{
    QString value = scope.kind == sync::Scope::Kind::Municipality ? scope.municipality
                    : scope.kind == sync::Scope::Kind::Urs        ? scope.region()
                                                                  : QString();
    // Another program than SES-MG's: its id, and an apoiador's state.
    if (!scope.program.isEmpty()) {
        if (scope.kind == sync::Scope::Kind::Municipality && !scope.uf.isEmpty())
            value += QLatin1Char(' ') + scope.uf;
        value = QString(value + QLatin1Char(' ') + scope.program).trimmed();
    }
    return value;
}

} // namespace cli

using namespace cli;

namespace {

int usage(const QString &message)
{
    err(message);
    err(QCoreApplication::translate("HubCli",
                                    "Run “mobiliza-hub --help” to see the commands and their options."));
    return kExitUsage;
}

QString slug(const QString &name)
{
    QString s = core::foldForSearch(name);
    s.replace(QLatin1Char(' '), QLatin1Char('-'));
    return s.isEmpty() ? QStringLiteral("mobiliza-hub") : s;
}

// Everything a command needs, opened from --data / --db.
struct Opened
{
    std::unique_ptr<HubStore> store;
    std::unique_ptr<core::BlobStore> blobs;
    core::SystemClock clock;
    std::unique_ptr<Hub> hub;
};

core::Result<std::unique_ptr<Opened>> openHub(const QString &dataDir, const QString &dbUrl,
                                              HubOptions options)
{
    auto store = HubStore::open(dataDir, dbUrl);
    if (!store)
        return store.error();
    auto opened = std::make_unique<Opened>();
    opened->store = std::move(store.value());
    opened->blobs = std::make_unique<core::BlobStore>(QDir(dataDir).filePath(QStringLiteral("blobs")));
    const core::ReferenceRepository reference(dataDir);
    opened->hub = std::make_unique<Hub>(*opened->store, *opened->blobs, reference.current(), opened->clock,
                                        std::move(options));
    return opened;
}

#ifdef Q_OS_UNIX
int g_signalFds[2] = {-1, -1}; // the self-pipe of the signal handler (async-signal-safe)

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}
#endif

// Quits the event loop on SIGTERM / SIGINT.
void installStopSignals(QObject *parent)
{
#ifdef Q_OS_UNIX
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalFds[1], QSocketNotifier::Read, parent);
    QObject::connect(notifier, &QSocketNotifier::activated, parent, [notifier] {
        notifier->setEnabled(false);
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(g_signalFds[1], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
#else
    Q_UNUSED(parent)
#endif
}

bool parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535)
        return false;
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    if (!address->setAddress(host))
        return false;
    *port = quint16(p);
    return true;
}

} // namespace

int runCli(const QStringList &arguments)
{
    QCommandLineParser parser;
    const cli::Options flags;
    const QCommandLineOption help = flags.setUp(parser);
    const QCommandLineOption &listen = flags.listen;
    const QCommandLineOption &data = flags.data;
    const QCommandLineOption &db = flags.db;
    const QCommandLineOption &hubName = flags.hubName;
    const QCommandLineOption &hubId = flags.hubId;
    const QCommandLineOption &log = flags.log;
    const QCommandLineOption &trustProxy = flags.trustProxy;
    const QCommandLineOption &threads = flags.threads;
    const QCommandLineOption &idleTimeout = flags.idleTimeout;
    const QCommandLineOption &maxConnections = flags.maxConnections;
    const QCommandLineOption &maxPerAddress = flags.maxPerAddress;
    const QCommandLineOption &quotaMib = flags.quotaMib;
    const QCommandLineOption &tokenIdleDays = flags.tokenIdleDays;
    const QCommandLineOption &top = flags.top;
    const QCommandLineOption &municipality = flags.municipality;
    const QCommandLineOption &urs = flags.urs;
    const QCommandLineOption &central = flags.central;
    const QCommandLineOption &program = flags.program;
    const QCommandLineOption &role = flags.role;
    const QCommandLineOption &uf = flags.uf;
    const QCommandLineOption &label = flags.label;
    const QCommandLineOption &tokenId = flags.tokenId;
    const QCommandLineOption &month = flags.month;
    const QCommandLineOption &report = flags.report;
    const QCommandLineOption &accept = flags.accept;
    const QCommandLineOption &returnWith = flags.returnWith;
    const QCommandLineOption &reviewer = flags.reviewer;
    const QCommandLineOption &batch = flags.batch;
    const QCommandLineOption &receiptFile = flags.receiptFile;
    const QCommandLineOption &outFile = flags.outFile;

    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        out(parser.helpText());
        return kExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usage(QCoreApplication::translate("HubCli", "Say which command to run."));
    const QString command = positional.first();
    const QStringList known{QStringLiteral("serve"),  QStringLiteral("enroll"),  QStringLiteral("revoke"),
                            QStringLiteral("tokens"), QStringLiteral("reports"), QStringLiteral("review"),
                            QStringLiteral("import"), QStringLiteral("batches"), QStringLiteral("receipt"),
                            QStringLiteral("stats")};
    if (!known.contains(command))
        return usage(QCoreApplication::translate("HubCli", "Unknown command “%1”.").arg(command));
    if (positional.size() > (command == QLatin1String("import") ? 2 : 1))
        return usage(
            QCoreApplication::translate("HubCli", "Unexpected argument “%1”.").arg(positional.constLast()));
    if (!parser.isSet(data) || parser.value(data).isEmpty())
        return usage(
            QCoreApplication::translate("HubCli", "Say where the hub's data folder is with --data DIR."));
    const QString dataDir = QDir(parser.value(data)).absolutePath();
    const QString dbUrl = parser.isSet(db) ? parser.value(db) : qEnvironmentVariable("MOBILIZA_HUB_DB");

    HubOptions options;
    if (parser.isSet(hubName))
        options.info.name = parser.value(hubName);
    options.info.id = parser.isSet(hubId) ? parser.value(hubId) : slug(options.info.name);

    // Check the arguments before anything is opened.
    if (command == QLatin1String("enroll") && int(parser.isSet(municipality)) + int(parser.isSet(urs)) +
                                                      int(parser.isSet(central)) + int(parser.isSet(role)) !=
                                                  1)
        return usage(QCoreApplication::translate(
            "HubCli", "Say who the code is for: --municipality IBGE, --urs NAME, --central, or --role LEVEL "
                      "(with --program and, for a level of one state, --uf) — one of them."));
    if (command == QLatin1String("enroll") && !parser.isSet(role) &&
        (parser.isSet(program) || parser.isSet(uf)))
        return usage(QCoreApplication::translate(
            "HubCli",
            "--program and --uf go with --role, e.g. --program apoio_cosems --role apoiador --uf BA."));
    if (command == QLatin1String("revoke") &&
        int(parser.isSet(tokenId)) + int(parser.isSet(municipality)) != 1)
        return usage(QCoreApplication::translate(
            "HubCli", "Say what to revoke: --token-id ID or --municipality IBGE (one of them)."));
    if (command == QLatin1String("review") &&
        (!parser.isSet(report) || int(parser.isSet(accept)) + int(parser.isSet(returnWith)) != 1))
        return usage(QCoreApplication::translate(
            "HubCli", "Say which report (--report ID) and the decision: --accept or --return COMMENT."));
    if (command == QLatin1String("import") && positional.size() != 2)
        return usage(QCoreApplication::translate("HubCli", "Say which package file to import."));
    if (command == QLatin1String("receipt") && parser.value(batch).trimmed().isEmpty())
        return usage(
            QCoreApplication::translate("HubCli", "Say which batch with --batch UUID (see “batches”)."));
    if ((parser.isSet(receiptFile) && command != QLatin1String("import")) ||
        ((parser.isSet(outFile) || parser.isSet(batch)) && command != QLatin1String("receipt")))
        return usage(QCoreApplication::translate("HubCli",
                                                 "--receipt FILE goes with import; --batch UUID and --out "
                                                 "FILE go with receipt."));
    QHostAddress address;
    quint16 port = 0;
    if (command == QLatin1String("serve") && !parseListen(parser.value(listen), &address, &port))
        return usage(
            QCoreApplication::translate("HubCli", "“%1” is not an address and port. Use e.g. 127.0.0.1:8080.")
                .arg(parser.value(listen)));

    ServerOptions serverOptions;
    int quotaMibValue = 0;
    int topCount = 0;
    const QList<QPair<const QCommandLineOption *, int *>> counts{
        {&threads, &serverOptions.threads},
        {&idleTimeout, &serverOptions.idleTimeoutSeconds},
        {&maxConnections, &serverOptions.maxConnections},
        {&maxPerAddress, &serverOptions.maxConnectionsPerAddress},
        {&quotaMib, &quotaMibValue},
        {&tokenIdleDays, &options.tokenIdleDays},
        {&top, &topCount}};
    for (const auto &c : counts) {
        bool ok = false;
        const int n = parser.value(*c.first).toInt(&ok);
        const bool positive = c.first == &threads || c.first == &idleTimeout;
        if (!ok || n < (positive ? 1 : 0) || n > 1000000)
            return usage(QCoreApplication::translate("HubCli", "--%1 takes a whole number (e.g. %2).")
                             .arg(c.first->names().constFirst(), c.first->defaultValues().constFirst()));
        *c.second = n;
    }
    options.quotaBytes = qint64(quotaMibValue) * 1024 * 1024;

    // X-Forwarded-For is only believed from a proxy on this machine, and the per-address
    // connection limit is off behind it: a hub that trusts a proxy listens on loopback only.
    if (command == QLatin1String("serve") && parser.isSet(trustProxy) && !address.isLoopback())
        return usage(QCoreApplication::translate(
            "HubCli", "--trust-proxy is for a hub behind nginx on the same machine: listen on 127.0.0.1 "
                      "(e.g. --listen 127.0.0.1:8080)."));

    auto opened = openHub(dataDir, dbUrl, options);
    if (!opened)
        return failed(opened.error().message);
    Hub &hub = *opened.value()->hub;

    if (command == QLatin1String("serve")) {
        const QString logTarget = parser.value(log);
        serverOptions.accessLogToStderr = logTarget == QLatin1String("-");
        if (!serverOptions.accessLogToStderr)
            serverOptions.accessLogPath =
                logTarget.isEmpty() ? QDir(dataDir).filePath(QStringLiteral("access.log")) : logTarget;
        serverOptions.trustProxy = parser.isSet(trustProxy);
        HubServer server(hub, serverOptions);
        const quint16 bound = server.listen(address, port);
        if (bound == 0)
            return failed(
                QCoreApplication::translate(
                    "HubCli",
                    "The hub could not listen on %1 (%2). Check that no other program uses that port and "
                    "that the address belongs to this machine.")
                    .arg(parser.value(listen), server.errorString()));
        const QString shown = address.protocol() == QAbstractSocket::IPv6Protocol
                                  ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                                  : address.toString();
        // Unreferenced blobs and a crashed writer's `.part` files: at start (before
        // "listening on", so whoever waits for that line finds the folder tidy) and
        // once a day.
        const auto tidy = [&hub] {
            if (auto c = BlobDesk(hub).collect(); !c)
                err(QCoreApplication::translate("HubCli", "Unreferenced photo files could not be deleted: %1")
                        .arg(c.error().message));
        };
        tidy();
        out(QStringLiteral("listening on %1:%2").arg(shown).arg(bound));
        installStopSignals(&server);
        QTimer daily;
        QObject::connect(&daily, &QTimer::timeout, &daily, tidy);
        daily.start(24 * 3600 * 1000);
        QCoreApplication::exec();
        return kExitOk;
    }

    if (command == QLatin1String("enroll")) {
        core::Result<sync::Scope> scope = sync::Scope{};
        if (parser.isSet(municipality))
            scope = hub.municipalityScope(parser.value(municipality));
        else if (parser.isSet(urs))
            scope = hub.ursScope(parser.value(urs));
        else if (parser.isSet(role))
            scope = hub.levelScope(parser.isSet(program) ? parser.value(program)
                                                         : core::ProgramDefinition::sesMgMobilizacaoId(),
                                   parser.value(role), parser.value(uf));
        else
            scope.value().kind = sync::Scope::Kind::Central;
        if (!scope)
            return failed(scope.error().message);
        auto issued = TokenDesk(hub).issueCode(scope.value(), parser.value(label));
        if (!issued)
            return failed(issued.error().message);
        out(QCoreApplication::translate("HubCli", "One-time enrollment code for %1, valid until %2. Type it "
                                                  "in Mobiliza (Sincronização); it works once:")
                .arg(hub.describe(issued->scope),
                     issued->expiresAt.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"))));
        out(issued->code);
        return kExitOk;
    }

    if (command == QLatin1String("revoke")) {
        const QDateTime now = hub.now();
        core::Result<int> revoked = 0;
        if (parser.isSet(tokenId)) {
            revoked = hub.store().revokeToken(parser.value(tokenId).trimmed().toLower(), now);
        } else if (const QString apoiador = parser.value(municipality).trimmed();
                   core::isApoiadorId(apoiador)) {
            revoked = hub.store().revokeMunicipality(apoiador, now); // an apoiador's id (ap-…, see tokens)
        } else {
            auto scope = hub.municipalityScope(parser.value(municipality));
            if (!scope)
                return failed(scope.error().message);
            revoked = hub.store().revokeMunicipality(scope->municipality, now);
        }
        if (!revoked)
            return failed(revoked.error().message);
        if (revoked.value() == 0)
            return failed(QCoreApplication::translate(
                "HubCli",
                "No active token matched; nothing was revoked. See the tokens with “mobiliza-hub tokens”."));
        out(QCoreApplication::translate(
                "HubCli", "Tokens revoked: %1. Those installations must be enrolled again with a new code.")
                .arg(revoked.value()));
        return kExitOk;
    }

    if (command == QLatin1String("tokens")) {
        auto tokens = hub.store().tokens();
        if (!tokens)
            return failed(tokens.error().message);
        // id, scope, label, created, last use, state, until when it works, rotation.
        const TokenDesk desk(hub);
        for (const TokenRecord &t : tokens.value()) {
            const QString state = desk.state(t);
            QString stateText = state;
            QString until = QStringLiteral("-");
            if (state == QLatin1String("revoked")) {
                stateText += QLatin1Char(' ') + sync::utcTimestamp(t.revokedAt);
            } else if (state == QLatin1String("replaced")) {
                stateText += QLatin1Char(' ') + sync::utcTimestamp(desk.replacedUntil(t));
            } else if (state == QLatin1String("expired")) {
                stateText += QLatin1Char(' ') + sync::utcTimestamp(desk.idleExpiry(t));
            } else if (t.replacedAt.isValid()) {
                until = sync::utcTimestamp(desk.replacedUntil(t)); // rotated: works for the overlap
            } else if (desk.idleExpiry(t).isValid()) {
                until = sync::utcTimestamp(desk.idleExpiry(t)); // if it stays unused
            }
            out(QStringList{t.id, sync::scopeKindKey(t.scope.kind), scopeValueOf(t.scope), oneLine(t.label),
                            sync::utcTimestamp(t.createdAt),
                            t.lastSeen.isValid() ? sync::utcTimestamp(t.lastSeen) : QStringLiteral("-"),
                            stateText, until,
                            t.rotatedFrom.isEmpty() ? QStringLiteral("-")
                                                    : QStringLiteral("rotated-from %1").arg(t.rotatedFrom)}
                    .join(QLatin1Char('\t')));
        }
        return kExitOk;
    }

    if (command == QLatin1String("stats"))
        return printStats(hub, dataDir, topCount);

    if (command == QLatin1String("reports")) {
        auto listed = RevisionDesk(hub).list(parser.value(month), parser.value(urs), parser.value(program),
                                             parser.value(uf));
        if (!listed)
            return failed(listed.error().message);
        for (const ListedRevision &l : listed.value())
            out(QStringList{l.report.uuid, l.report.municipality, l.report.period,
                            QString::number(l.revision.revision), l.revision.state, l.revision.hubId,
                            sync::utcTimestamp(l.revision.receivedAt), oneLine(l.revision.comment)}
                    .join(QLatin1Char('\t')));
        return kExitOk;
    }

    if (command == QLatin1String("review")) {
        const QString who = parser.isSet(reviewer) ? parser.value(reviewer) : qEnvironmentVariable("USER");
        auto reviewed =
            ReviewDesk(hub).review(parser.value(report), parser.isSet(accept), parser.value(returnWith), who);
        if (!reviewed)
            return failed(reviewed.error().message);
        out(QCoreApplication::translate("HubCli", "Report %1 (%2, %3), revision %4: %5.")
                .arg(reviewed->report.uuid, reviewed->report.municipality, reviewed->report.period)
                .arg(reviewed->revision.revision)
                .arg(reviewed->revision.state));
        return kExitOk;
    }

    if (command == QLatin1String("batches"))
        return printBatches(hub);
    if (command == QLatin1String("receipt"))
        return issueReceipt(hub, parser.value(batch), parser.value(outFile));

    return importFile(hub, positional.at(1), parser.value(receiptFile)); // import
}

} // namespace mobiliza::hub
