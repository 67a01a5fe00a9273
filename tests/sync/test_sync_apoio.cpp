// The apoio program (issue 11) against the REAL hub (`mobiliza-hub serve` as a child
// process): an apoiador enrolls with its state's code and sends its quadrimestres; its
// COSEMS (real mobiliza processes) pulls, returns, accepts the correction; another COSEMS
// sees nothing; CONASEMS pulls every state's.
#include "tests/sync/hub_process.h"

#include "core/demo/demo_data.h"
#include "core/program/program_definition.h"
#include "core/reference/brazil_reference.h"
#include "core/reference/reference_data.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"

#include <QFile>
#include <QMap>
#include <QNetworkAccessManager>
#include <QSet>

using namespace mobiliza;
using core::ReportEvent;
using core::ReportState;
using test::HubProcess;
#ifdef MOBILIZA_APP_EXE
using test::AppRun;
using test::runApp;
#endif

TEST_CASE("real hub: an apoiador enrolls with a code for its state and sends its concluded quadrimestres")
{
    test::TempDir hubDir;
    HubProcess hub(hubDir.path());
    hub.start();

    test::ApoiadorProfile apoiador;
    core::Services &services = *apoiador.services;
    const test::TempDir &dir = apoiador.dir;
    const core::FixedClock &clock = apoiador.clock;
    const QString unit = services.profile().reportingUnit();
    REQUIRE(core::isApoiadorId(unit));
    auto seeded = core::DemoData(services, core::ProgramDefinition::apoioCosems(),
                                 core::ReferenceData::embedded(), clock)
                      .seed();
    REQUIRE(seeded.ok());
    REQUIRE(seeded->reports == 4); // three quadrimestres concluded, the current one a draft

    QNetworkAccessManager network;
    sync::FileTokenStore tokens(dir.filePath(sync::FileTokenStore::defaultFileName()));
    sync::SyncController controller(services, &network, tokens, test::hubProcessSyncOptions());
    const auto code = [&hub](const QStringList &who) {
        return hub.cli(QStringList{QStringLiteral("enroll")} + who).trimmed().split(QLatin1Char('\n')).last();
    };

    // A code of another state, or of SES-MG, typed here: refused by the hub, and not spent.
    const QString pe =
        code({QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
              QStringLiteral("apoiador"), QStringLiteral("--uf"), QStringLiteral("PE")});
    auto wrongState = controller.enrollBlocking(hub.url(), pe);
    REQUIRE_FALSE(wrongState.ok());
    INFO(wrongState.error().message.toStdString());
    CHECK(wrongState.error().message.contains(QStringLiteral("PE")));
    CHECK(wrongState.error().message.contains(QStringLiteral("BA")));
    auto wrongProgram = controller.enrollBlocking(hub.url(), hub.enrollCode(QStringLiteral("3106200")));
    REQUIRE_FALSE(wrongProgram.ok());
    CHECK(wrongProgram.error().message.contains(core::ProgramDefinition::sesMgMobilizacao().name()));
    CHECK(wrongProgram.error().message.contains(core::ProgramDefinition::apoioCosems().name()));
    CHECK_FALSE(controller.isEnrolled());

    auto enrolled = controller.enrollBlocking(
        hub.url(),
        code({QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
              QStringLiteral("apoiador"), QStringLiteral("--uf"), QStringLiteral("BA")}));
    INFO((enrolled.ok() ? std::string() : enrolled.error().message.toStdString()));
    REQUIRE(enrolled.ok());
    CHECK(enrolled->scope.municipality == unit);
    CHECK(enrolled->scope.uf == QStringLiteral("BA"));

    const sync::PassReport pass = controller.runPassBlocking(120'000);
    INFO(pass.messages.join(QStringLiteral(" | ")).toStdString());
    CHECK(pass.online);
    CHECK(pass.sent == 3);
    CHECK(pass.allConfirmed);

    const QStringList bahia =
        hub.cli({QStringLiteral("reports"), QStringLiteral("--uf"), QStringLiteral("BA")})
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QStringList periods;
    for (const QString &line : bahia) {
        CHECK(line.split(QLatin1Char('\t')).value(1) == unit);
        periods << line.split(QLatin1Char('\t')).value(2);
    }
    periods.sort();
    CHECK(periods ==
          QStringList{QStringLiteral("2025-Q3"), QStringLiteral("2026-Q1"), QStringLiteral("2026-Q2")});
    CHECK(hub.cli({QStringLiteral("reports"), QStringLiteral("--uf"), QStringLiteral("PE")})
              .trimmed()
              .isEmpty());
    // The PE code was not spent: another installation may still use it.
    CHECK(hub.cli({QStringLiteral("tokens")}).count(QLatin1Char('\n')) == 1);
}

#ifdef MOBILIZA_APP_EXE

TEST_CASE("real hub: an apoiador's quadrimestre returned by its COSEMS, corrected and accepted, and another "
          "COSEMS sees nothing")
{
    test::TempDir hubDir;
    HubProcess hub(hubDir.path());
    hub.start();
    const auto code = [&hub](const QString &role, const QString &uf, const QString &label) {
        return hub
            .cli({QStringLiteral("enroll"), QStringLiteral("--program"), QStringLiteral("apoio_cosems"),
                  QStringLiteral("--role"), role, QStringLiteral("--uf"), uf, QStringLiteral("--label"),
                  label})
            .trimmed()
            .split(QLatin1Char('\n'))
            .last();
    };

    // The apoiador (this process): its demonstration year, sent.
    test::ApoiadorProfile apoiador;
    core::Services &services = *apoiador.services;
    REQUIRE(core::DemoData(services, core::ProgramDefinition::apoioCosems(), core::ReferenceData::embedded(),
                           apoiador.clock)
                .seed()
                .ok());
    QNetworkAccessManager network;
    sync::FileTokenStore tokens(apoiador.dir.filePath(sync::FileTokenStore::defaultFileName()));
    sync::SyncController controller(services, &network, tokens, test::hubProcessSyncOptions());
    REQUIRE(controller
                .enrollBlocking(hub.url(), code(QStringLiteral("apoiador"), QStringLiteral("BA"),
                                                QStringLiteral("Maria Souza")))
                .ok());
    REQUIRE(controller.runPassBlocking(120'000).sent == 3);
    auto q2 = services.reports().reportFor(core::ProgramDefinition::apoioCosemsId(),
                                           core::Period::fromKey(QStringLiteral("2026-Q2")));
    REQUIRE(q2.ok());
    const QString report = q2->uuid;

    // Another apoiadora of Bahia enrolls (a real installation) and sends nothing yet.
    test::TempDir ana;
    AppRun anaRun =
        runApp(ana.filePath(QStringLiteral("ana")),
               {QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
                QStringLiteral("apoiador"), QStringLiteral("--uf"), QStringLiteral("BA"),
                QStringLiteral("--hub"), hub.url(), QStringLiteral("--enroll"),
                code(QStringLiteral("apoiador"), QStringLiteral("BA"), QStringLiteral("Ana Prado"))});
    INFO(anaRun.err.toStdString());
    REQUIRE(anaRun.exitCode == 0);

    // The COSEMS of Bahia (another process): enrolls, pulls the three, sees the apoiador's name.
    test::TempDir cosems;
    const QString cos = cosems.filePath(QStringLiteral("cosems-ba"));
    AppRun run =
        runApp(cos, {QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
                     QStringLiteral("cosems"), QStringLiteral("--uf"), QStringLiteral("BA"),
                     QStringLiteral("--hub"), hub.url(), QStringLiteral("--enroll"),
                     code(QStringLiteral("cosems"), QStringLiteral("BA"), QStringLiteral("COSEMS-BA"))});
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    REQUIRE(runApp(cos, {QStringLiteral("--pull")}).exitCode == 0);
    run = runApp(cos, {QStringLiteral("--status")});
    QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    CHECK(lines.size() == 3);
    for (const QString &line : std::as_const(lines))
        CHECK(line.split(QLatin1Char('\t')).value(1) == services.profile().reportingUnit());
    CHECK(lines.filter(report).size() == 1);

    // Coverage of 2026-Q2 (§10.9): both apoiadoras of the hub's roster, Ana without a report;
    // then the municipalities of Bahia the quadrimestre's actions named, counted here from
    // the apoiadora's own store (not the COSEMS's copy).
    run = runApp(cos, {QStringLiteral("--coverage"), QStringLiteral("--month"), QStringLiteral("2026-Q2")});
    INFO(run.out.toStdString() << run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 3);
    // Ana joined after 2026-Q2 ended: no report of it is expected from her.
    CHECK(lines[0].section(QLatin1Char('\t'), 1) == QStringLiteral("Ana Prado\tnot_expected"));
    CHECK(lines[1].section(QLatin1Char('\t'), 0, 1) ==
          services.profile().reportingUnit() + QStringLiteral("\tMaria Souza"));
    CHECK(lines[1].section(QLatin1Char('\t'), 2) != QStringLiteral("missing"));
    QSet<QString> named;
    auto q2Report = services.reports().report(report);
    REQUIRE(q2Report.ok());
    for (const core::Action &a : q2Report->actions)
        for (const QJsonValue &v : a.values.value(QStringLiteral("municipalities")).toArray())
            if (core::BrazilReference::embedded().ufOf(v.toString()) == QLatin1String("BA"))
                named.insert(v.toString());
    REQUIRE_FALSE(named.isEmpty());
    CHECK(lines[2] == QStringLiteral("municipalities_reached\t%1\t417").arg(named.size()));
    // The quadrimestre under way: she is expected, and has not sent it.
    run = runApp(cos, {QStringLiteral("--coverage"), QStringLiteral("--month"),
                       core::ProgramDefinition::apoioCosems().periodOf(QDate::currentDate()).key()});
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.split(QLatin1Char('\n')).value(0).section(QLatin1Char('\t'), 1) ==
          QStringLiteral("Ana Prado\tmissing"));

    // It returns the 2026-Q2 report; the decision goes up with the next pull.
    run = runApp(cos, {QStringLiteral("--review"), report, QStringLiteral("--return"),
                       QStringLiteral("Descreva os resultados da oficina.")});
    INFO(run.out.toStdString() << run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.contains(QStringLiteral("Maria Souza"))); // named, not "ap-…"
    REQUIRE(runApp(cos, {QStringLiteral("--pull")}).exitCode == 0);

    // The apoiador hears it, corrects the text and sends revision 2.
    sync::PassReport pass = controller.runPassBlocking(120'000);
    CHECK(pass.reviewsApplied == 1);
    REQUIRE(services.reports().report(report)->state == ReportState::Returned);
    CHECK(services.reports().report(report)->reviewComment ==
          QStringLiteral("Descreva os resultados da oficina."));
    REQUIRE(services.reports().applyEvent(report, ReportEvent::Reopen).ok());
    const core::Action action = services.reports().report(report)->actions.first();
    QJsonObject values = action.values;
    values.insert(QStringLiteral("results"),
                  QStringLiteral("Plano de ação aprovado por 12 municípios da CIR."));
    REQUIRE(services.reports().updateAction(action.uuid, values).ok());
    REQUIRE(services.reports().conclude(report).ok());
    pass = controller.runPassBlocking(120'000);
    CHECK(pass.sent == 1);
    CHECK(services.reports().report(report)->revision == 2);

    // The COSEMS pulls revision 2 and accepts it; the apoiador sees it accepted.
    REQUIRE(runApp(cos, {QStringLiteral("--pull")}).exitCode == 0);
    lines = runApp(cos, {QStringLiteral("--status")}).out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList mine = lines.filter(report);
    REQUIRE(mine.size() == 1);
    CHECK(mine.first().split(QLatin1Char('\t')).value(2) == QStringLiteral("received"));
    CHECK(mine.first().split(QLatin1Char('\t')).value(3) == QStringLiteral("2"));
    REQUIRE(runApp(cos, {QStringLiteral("--review"), report, QStringLiteral("--accept")}).exitCode == 0);
    REQUIRE(runApp(cos, {QStringLiteral("--pull")}).exitCode == 0);
    controller.runPassBlocking(120'000);
    CHECK(services.reports().report(report)->state == ReportState::Accepted);
    CHECK(hub.reportLines().filter(report).filter(QStringLiteral("\taccepted")).size() == 1);

    // The COSEMS of Pernambuco pulls nothing of Bahia's apoiador.
    const QString pe = cosems.filePath(QStringLiteral("cosems-pe"));
    REQUIRE(runApp(pe, {QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
                        QStringLiteral("cosems"), QStringLiteral("--uf"), QStringLiteral("PE"),
                        QStringLiteral("--hub"), hub.url(), QStringLiteral("--enroll"),
                        code(QStringLiteral("cosems"), QStringLiteral("PE"), QStringLiteral("COSEMS-PE"))})
                .exitCode == 0);
    REQUIRE(runApp(pe, {QStringLiteral("--pull")}).exitCode == 0);
    CHECK(runApp(pe, {QStringLiteral("--status")}).out.trimmed().isEmpty());
    CHECK(runApp(pe, {QStringLiteral("--review"), report, QStringLiteral("--accept")}).exitCode != 0);
}

namespace {

// The apoiador's quadrimestres concluded (sent): period → its actions, from its own store.
QMap<QString, int> concludedActions(const QString &profileDir)
{
    core::FixedClock clock{QDateTime::currentDateTimeUtc()};
    auto opened = core::Services::open(profileDir, clock);
    REQUIRE(opened.ok());
    auto summaries = opened.value()->reports().summaries();
    REQUIRE(summaries.ok());
    QMap<QString, int> out;
    for (const core::ReportSummary &r : summaries.value())
        if (r.state != ReportState::Draft)
            out.insert(r.period.key(), r.actionCount);
    return out;
}

} // namespace

TEST_CASE(
    "real hub: CONASEMS pulls every state's apoio reports, and its panel counts what the COSEMS accepted")
{
    test::TempDir hubDir;
    HubProcess hub(hubDir.path());
    hub.start();
    const auto code = [&hub](const QString &role, const QString &uf, const QString &label) {
        QStringList args{QStringLiteral("enroll"),
                         QStringLiteral("--program"),
                         QStringLiteral("apoio_cosems"),
                         QStringLiteral("--role"),
                         role,
                         QStringLiteral("--label"),
                         label};
        if (!uf.isEmpty())
            args << QStringLiteral("--uf") << uf;
        return hub.cli(args).trimmed().split(QLatin1Char('\n')).last();
    };
    const auto ok = [](const AppRun &run) {
        INFO(run.out.toStdString() << run.err.toStdString());
        REQUIRE(run.exitCode == 0);
        return run.out;
    };

    // An apoiadora of Bahia and one of Pernambuco: each its demonstration year, sent.
    test::TempDir root;
    QMap<QString, QString> apoiadores{{QStringLiteral("BA"), root.filePath(QStringLiteral("ba"))},
                                      {QStringLiteral("PE"), root.filePath(QStringLiteral("pe"))}};
    for (auto it = apoiadores.cbegin(); it != apoiadores.cend(); ++it) {
        ok(runApp(it.value(), {QStringLiteral("--program"), QStringLiteral("apoio_cosems"),
                               QStringLiteral("--role"), QStringLiteral("apoiador"), QStringLiteral("--uf"),
                               it.key(), QStringLiteral("--demo-data"), QStringLiteral("--status")}));
        ok(runApp(it.value(),
                  {QStringLiteral("--hub"), hub.url(), QStringLiteral("--enroll"),
                   code(QStringLiteral("apoiador"), it.key(), QStringLiteral("Apoiadora ") + it.key())}));
        ok(runApp(it.value(), {QStringLiteral("--sync")}));
    }
    const QMap<QString, int> bahia = concludedActions(apoiadores.value(QStringLiteral("BA")));
    const QMap<QString, int> pernambuco = concludedActions(apoiadores.value(QStringLiteral("PE")));
    REQUIRE(bahia.size() == 3);
    REQUIRE(pernambuco.size() == 3);

    // The COSEMS of Bahia accepts two of its apoiadora's three and returns the newest; Pernambuco's
    // COSEMS has not looked yet.
    const QString cosems = root.filePath(QStringLiteral("cosems-ba"));
    ok(runApp(cosems, {QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
                       QStringLiteral("cosems"), QStringLiteral("--uf"), QStringLiteral("BA"),
                       QStringLiteral("--hub"), hub.url(), QStringLiteral("--enroll"),
                       code(QStringLiteral("cosems"), QStringLiteral("BA"), QStringLiteral("COSEMS-BA"))}));
    ok(runApp(cosems, {QStringLiteral("--pull")}));
    const QStringList received =
        ok(runApp(cosems, {QStringLiteral("--status")})).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(received.size() == 3);
    const QString returnedPeriod = bahia.lastKey();
    const QString comment = QStringLiteral("Descreva os municípios da CIR.");
    for (const QString &line : received)
        ok(runApp(cosems, line.section(QLatin1Char('\t'), 0, 0) == returnedPeriod
                              ? QStringList{QStringLiteral("--review"), line.section(QLatin1Char('\t'), 4, 4),
                                            QStringLiteral("--return"), comment}
                              : QStringList{QStringLiteral("--review"), line.section(QLatin1Char('\t'), 4, 4),
                                            QStringLiteral("--accept")}));
    ok(runApp(cosems, {QStringLiteral("--pull")})); // the decisions go up
    // The apoiadora's next --sync says what came back, and what was said.
    const QString heard = ok(runApp(apoiadores.value(QStringLiteral("BA")), {QStringLiteral("--sync")}));
    CHECK(heard.contains(QStringLiteral("Returned for correction: %1, revision 1 — “%2”.")
                             .arg(core::Period::fromKey(returnedPeriod).display(), comment)));
    CHECK(heard.count(QStringLiteral("Returned for correction:")) == 1);

    // CONASEMS (no state): enrolls, pulls both states' six reports with the decisions made.
    const QString conasems = root.filePath(QStringLiteral("conasems"));
    ok(runApp(conasems,
              {QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
               QStringLiteral("conasems"), QStringLiteral("--hub"), hub.url(), QStringLiteral("--enroll"),
               code(QStringLiteral("conasems"), QString(), QStringLiteral("CONASEMS"))}));
    ok(runApp(conasems, {QStringLiteral("--pull")}));
    const QStringList lines =
        ok(runApp(conasems, {QStringLiteral("--status")})).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 6);
    QMap<QString, int> byState;
    for (const QString &line : lines)
        ++byState[line.section(QLatin1Char('\t'), 2, 2)];
    CHECK(byState == QMap<QString, int>{{QStringLiteral("accepted"), 2},
                                        {QStringLiteral("returned"), 1},
                                        {QStringLiteral("received"), 3}});
    for (const QString &line : received)
        CHECK(lines.filter(line.section(QLatin1Char('\t'), 4, 4))
                  .filter(line.section(QLatin1Char('\t'), 0, 0) == returnedPeriod
                              ? QStringLiteral("\treturned\t")
                              : QStringLiteral("\taccepted\t"))
                  .size() == 1);

    // Its panel of the country: Bahia's accepted actions, by state; Pernambuco's wait for review.
    const QString from = bahia.firstKey(), to = bahia.lastKey();
    const QString csvPath = root.filePath(QStringLiteral("brasil.csv"));
    const QString summary =
        ok(runApp(conasems, {QStringLiteral("--panel"), QStringLiteral("--from"), from,
                             QStringLiteral("--to"), to, QStringLiteral("--out"), csvPath}));
    int bahiaActions = 0; // the accepted ones: the returned quadrimestre does not count
    for (auto it = bahia.cbegin(); it != bahia.cend(); ++it)
        if (it.key() != returnedPeriod)
            bahiaActions += it.value();
    CHECK(summary.startsWith(QStringLiteral("Panel of Brazil, ")));
    CHECK(summary.contains(QStringLiteral(": %1 actions,").arg(bahiaActions)));
    QFile csv(csvPath);
    REQUIRE(csv.open(QIODevice::ReadOnly));
    QMap<QString, int> actionsByState;
    for (const QString &row : QString::fromUtf8(csv.readAll()).split(QStringLiteral("\r\n")))
        if (row.section(QLatin1Char(';'), 0, 0) == QStringLiteral("Actions by state"))
            actionsByState.insert(row.section(QLatin1Char(';'), 1, 1),
                                  row.section(QLatin1Char(';'), 3, 3).toInt());
    CHECK(actionsByState == QMap<QString, int>{{QStringLiteral("BA"), bahiaActions}});
}
#endif
