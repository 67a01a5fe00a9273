// The apoio register on the hub (issue 11, docs/protocol.md §3): codes by program, level and
// state; an apoiador's id made from its installation at enrollment; its reports reach its own
// COSEMS and CONASEMS and never SES-MG's levels, and SES-MG's never reach them; schema 9 keeps
// every code and token of an older hub as SES-MG's. The real HubServer in-process, and the CLI.
#include "core/program/program_definition.h"
#include "sync/hub/hub_secrets.h"
#include "sync/protocol_pull.h"
#include "tests/hub/hub_test_util.h"

#include <QHash>

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

const QString kApoio = QStringLiteral("apoio_cosems");

// One complete apoio action in `uf`, inside the first quadrimestre of 2025 (the fixture's
// clock is 02/04/2025), without photos (the program asks none).
QJsonObject apoioValues(const QString &uf, const QJsonArray &municipalities)
{
    return QJsonObject{
        {QStringLiteral("date"), QStringLiteral("2025-03-10")},
        {QStringLiteral("end_date"), QStringLiteral("2025-03-11")},
        {QStringLiteral("uf"), uf},
        {QStringLiteral("scope"), QStringLiteral("municipios")},
        {QStringLiteral("municipalities"), municipalities},
        {QStringLiteral("support_type"), QStringLiteral("visita_tecnica")},
        {QStringLiteral("modality"), QStringLiteral("presencial")},
        {QStringLiteral("learning_mode"), QStringLiteral("pratica")},
        {QStringLiteral("participants"), 12},
        {QStringLiteral("participants_gestores"), 4},
        {QStringLiteral("participants_tecnicos"), 6},
        {QStringLiteral("participants_apoiadores"), 2},
        {QStringLiteral("topics"), QJsonArray{QStringLiteral("atencao_primaria")}},
        {QStringLiteral("activities"), QStringLiteral("Reunião da Comissão Intergestores Regional.")},
        {QStringLiteral("results"), QStringLiteral("Plano regional revisto.")},
        {QStringLiteral("referrals"), QJsonArray{}},
    };
}

TestReport apoioReport(const QString &unit, const QString &uf = QStringLiteral("BA"))
{
    TestReport t;
    t.report.uuid = core::newUuid();
    t.report.programId = kApoio;
    t.report.municipality = unit;
    t.report.period = core::Period::quadrimesterOf(2025, 1);
    t.report.revision = 1;
    core::Action a;
    a.uuid = core::newUuid();
    a.values = uf == QLatin1String("BA")
                   ? apoioValues(uf, QJsonArray{QStringLiteral("2927408"), QStringLiteral("2910800")})
                   : apoioValues(uf, QJsonArray{QStringLiteral("2611606")}); // Recife
    t.report.actions << a;
    t.encode();
    return t;
}

sync::Scope levelScope(HubFixture &f, const QString &level, const QString &uf = {})
{
    auto scope = f.hub->levelScope(kApoio, level, uf);
    INFO((scope ? QString() : scope.error().message).toStdString());
    REQUIRE(scope.ok());
    return scope.value();
}

QString issue(HubFixture &f, const sync::Scope &scope)
{
    auto issued = hub::TokenDesk(*f.hub).issueCode(scope, QStringLiteral("teste"));
    REQUIRE(issued.ok());
    return issued->code;
}

HttpReply enrollWith(HubFixture &f, const QString &code, const QString &installation)
{
    return f.http->post(QStringLiteral("/api/v1/enroll"),
                        sync::encode(sync::EnrollRequest{code, installation, QStringLiteral("notebook")}));
}

struct Enrolled
{
    QString token;
    sync::Scope scope;
};

Enrolled enrollApoiador(HubFixture &f, const QString &uf, const QString &installation = core::newUuid())
{
    const HttpReply r = enrollWith(f, issue(f, levelScope(f, QStringLiteral("apoiador"), uf)), installation);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 201);
    auto decoded = sync::decodeEnrollResponse(r.body);
    REQUIRE(decoded.ok());
    return {decoded->token, decoded->scope};
}

} // namespace

TEST_CASE(
    "Apoio on the hub: an apoiador enrolled by state is named by its installation, and its preflight says so")
{
    HubFixture f;
    const QString installation = core::newUuid();
    const Enrolled ba = enrollApoiador(f, QStringLiteral("BA"), installation);
    CHECK(ba.scope.kind == sync::Scope::Kind::Municipality);
    CHECK(ba.scope.program == kApoio);
    CHECK(ba.scope.uf == QStringLiteral("BA"));
    CHECK(ba.scope.municipality == QStringLiteral("ap-") + installation.left(8) + installation.mid(9, 4));
    CHECK(ba.scope.municipality == core::apoiadorIdFor(installation));

    const HttpReply pre = f.http->get(kPreflight, ba.token);
    REQUIRE(pre.status == 200);
    auto preflight = sync::decodePreflight(pre.body);
    REQUIRE(preflight.ok());
    CHECK(preflight->scope.program == kApoio);
    CHECK(preflight->scope.uf == QStringLiteral("BA"));
    CHECK(preflight->scope.municipality == ba.scope.municipality);

    // A COSEMS's code names its state, CONASEMS's none; both decode as they were issued.
    const HttpReply cosems = enrollWith(
        f, issue(f, levelScope(f, QStringLiteral("cosems"), QStringLiteral("ba"))), core::newUuid());
    REQUIRE(cosems.status == 201);
    auto cosemsScope = sync::decodeEnrollResponse(cosems.body);
    REQUIRE(cosemsScope.ok());
    CHECK(cosemsScope->scope.kind == sync::Scope::Kind::Urs);
    CHECK(cosemsScope->scope.uf == QStringLiteral("BA"));
    CHECK(cosemsScope->scope.urs.isEmpty());
    CHECK(cosemsScope->scope.program == kApoio);

    // Levels and states the program does not have are refused in words.
    auto noState = f.hub->levelScope(kApoio, QStringLiteral("cosems"), QString());
    REQUIRE_FALSE(noState.ok());
    CHECK(noState.error().message.contains(QStringLiteral("--uf")));
    auto badState = f.hub->levelScope(kApoio, QStringLiteral("apoiador"), QStringLiteral("XX"));
    REQUIRE_FALSE(badState.ok());
    CHECK(badState.error().code == QStringLiteral("invalid_uf"));
    auto stateless = f.hub->levelScope(kApoio, QStringLiteral("conasems"), QStringLiteral("BA"));
    REQUIRE_FALSE(stateless.ok());
    CHECK(stateless.error().message.contains(QStringLiteral("leave out --uf")));
    auto unknown = f.hub->levelScope(kApoio, QStringLiteral("urs"), QStringLiteral("BA"));
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.contains(QStringLiteral("apoiador, cosems, conasems")));
    auto sesLevel =
        f.hub->levelScope(QStringLiteral("ses_mg_mobilizacao"), QStringLiteral("municipality"), {});
    REQUIRE_FALSE(sesLevel.ok());
    CHECK(sesLevel.error().message.contains(QStringLiteral("--municipality")));
}

TEST_CASE("Apoio on the hub: an apoiador's code needs the installation, and one installation is an apoiador "
          "of one state")
{
    HubFixture f;
    const QString code = issue(f, levelScope(f, QStringLiteral("apoiador"), QStringLiteral("BA")));
    const HttpReply anonymous = enrollWith(f, code, QString());
    INFO(anonymous.body.toStdString());
    CHECK(anonymous.status == 400);
    CHECK(anonymous.errorCode() == QStringLiteral("installation_required"));
    CHECK(anonymous.isJsonError());

    // The code was not spent by the refusal.
    const QString installation = core::newUuid();
    const HttpReply ok = enrollWith(f, code, installation);
    CHECK(ok.status == 201);

    // The same installation as an apoiador of Pernambuco: refused, the code stays unused.
    const QString pe = issue(f, levelScope(f, QStringLiteral("apoiador"), QStringLiteral("PE")));
    const HttpReply elsewhere = enrollWith(f, pe, installation);
    INFO(elsewhere.body.toStdString());
    CHECK(elsewhere.status == 409);
    CHECK(elsewhere.errorCode() == QStringLiteral("apoiador_elsewhere"));
    CHECK(elsewhere.json()
              .value(QStringLiteral("error"))
              .toObject()
              .value(QStringLiteral("message"))
              .toString()
              .contains(QStringLiteral("BA")));
    CHECK(enrollWith(f, pe, core::newUuid()).status == 201);

    // Enrolled again in its own state (a new code after a lost token): fine.
    CHECK(
        enrollWith(f, issue(f, levelScope(f, QStringLiteral("apoiador"), QStringLiteral("BA"))), installation)
            .status == 201);

    // An installation that says what it is: a code of another state or program is refused
    // before it is used, so the right installation can still redeem it.
    const QString ce = issue(f, levelScope(f, QStringLiteral("apoiador"), QStringLiteral("CE")));
    const HttpReply wrongUf = f.http->post(
        kEnroll, sync::encode(sync::EnrollRequest{ce, core::newUuid(), {}, kApoio, QStringLiteral("BA")}));
    CHECK(wrongUf.status == 409);
    CHECK(wrongUf.errorCode() == QStringLiteral("wrong_uf"));
    CHECK(wrongUf.body.contains("CE"));
    const QString ses = issue(f, sync::Scope{sync::Scope::Kind::Municipality, kBarbacena, {}});
    const HttpReply wrongProgram = f.http->post(
        kEnroll, sync::encode(sync::EnrollRequest{ses, core::newUuid(), {}, kApoio, QStringLiteral("BA")}));
    CHECK(wrongProgram.status == 409);
    CHECK(wrongProgram.errorCode() == QStringLiteral("wrong_program"));
    CHECK(enrollWith(f, ce, core::newUuid()).status == 201);
    CHECK(enrollWith(f, ses, core::newUuid()).status == 201);
}

TEST_CASE("Apoio on the hub: an apoiador's id is its installation's for good, in its state")
{
    HubFixture f;
    const QString installation = core::newUuid();
    REQUIRE(
        enrollWith(f, issue(f, levelScope(f, QStringLiteral("apoiador"), QStringLiteral("BA"))), installation)
            .status == 201);
    // An apoiador's id is its installation's for good: revoked, it is still of BA, and an
    // installation whose uuid only starts alike (the twelve digits shown in the window) is
    // another one, whatever code it brings.
    auto revoked = f.store->revokeMunicipality(core::apoiadorIdFor(installation), hubNow());
    REQUIRE(revoked.ok());
    CHECK(revoked.value() == 1);
    const HttpReply moved = enrollWith(
        f, issue(f, levelScope(f, QStringLiteral("apoiador"), QStringLiteral("PE"))), installation);
    CHECK(moved.status == 409);
    CHECK(moved.errorCode() == QStringLiteral("apoiador_elsewhere"));
    CHECK(f.hub->placeOf(core::apoiadorIdFor(installation))->region == QStringLiteral("BA"));
    QString lookalike = installation;
    lookalike.replace(lookalike.size() - 4, 4,
                      lookalike.endsWith(QLatin1String("0000")) ? QStringLiteral("1111")
                                                                : QStringLiteral("0000"));
    REQUIRE(core::apoiadorIdFor(lookalike) == core::apoiadorIdFor(installation));
    const HttpReply taken =
        enrollWith(f, issue(f, levelScope(f, QStringLiteral("apoiador"), QStringLiteral("BA"))), lookalike);
    INFO(taken.body.toStdString());
    CHECK(taken.status == 409);
    CHECK(taken.errorCode() == QStringLiteral("apoiador_taken"));
    // The installation itself enrolls again in its own state after the revocation.
    CHECK(
        enrollWith(f, issue(f, levelScope(f, QStringLiteral("apoiador"), QStringLiteral("BA"))), installation)
            .status == 201);
}

TEST_CASE("Apoio on the hub: an apoiador's reports reach its COSEMS and CONASEMS, never another state or "
          "SES-MG's levels")
{
    HubFixture f;
    const Enrolled ba = enrollApoiador(f, QStringLiteral("BA"));
    const Enrolled ba2 = enrollApoiador(f, QStringLiteral("BA"));
    const Enrolled pe = enrollApoiador(f, QStringLiteral("PE"));

    const TestReport mine = apoioReport(ba.scope.municipality);
    const sync::Receipt receipt = f.push(mine, ba.token);
    CHECK(receipt.report == mine.uuid());
    CHECK(receipt.state == QStringLiteral("received"));
    const TestReport second = apoioReport(ba2.scope.municipality);
    f.push(second, ba2.token);
    const TestReport recife = apoioReport(pe.scope.municipality, QStringLiteral("PE"));
    f.push(recife, pe.token);
    const TestReport ses = makeReport(kBarbacena, 31);
    const QString barbacena = f.enrollMunicipality(kBarbacena);
    f.push(ses, barbacena);

    // Nobody sends a report of another reporting unit.
    const TestReport forged = apoioReport(ba.scope.municipality);
    CHECK(f.pushManifest(forged, ba2.token).status == 403);
    CHECK(f.pushManifest(forged, barbacena).status == 403);
    CHECK(f.pushManifest(makeReport(kBarbacena, 32), ba.token).status == 403);
    // A report of the SES-MG program from an apoiador's own id: not its program.
    TestReport wrongProgram = makeReport(kBarbacena, 33);
    wrongProgram.report.municipality = ba.scope.municipality;
    wrongProgram.encode();
    f.putBlobs(wrongProgram, ba.token);
    const HttpReply refused = f.pushManifest(wrongProgram, ba.token);
    INFO(refused.body.toStdString());
    CHECK(refused.status == 403);
    CHECK(refused.errorCode() == QStringLiteral("wrong_program"));

    const QString cosemsBa = f.enroll(levelScope(f, QStringLiteral("cosems"), QStringLiteral("BA")));
    const QString cosemsPe = f.enroll(levelScope(f, QStringLiteral("cosems"), QStringLiteral("PE")));
    const QString conasems = f.enroll(levelScope(f, QStringLiteral("conasems")));
    const QString central = f.enrollCentral();
    const QString urs = f.enrollUrs(QStringLiteral("Barbacena"));

    const QStringList seenByBa = reportsIn(f.status(cosemsBa));
    CHECK(seenByBa.contains(mine.uuid()));
    CHECK(seenByBa.contains(second.uuid()));
    CHECK_FALSE(seenByBa.contains(recife.uuid()));
    CHECK_FALSE(seenByBa.contains(ses.uuid()));
    CHECK(reportsIn(f.status(cosemsPe)) == QStringList{recife.uuid()});
    const QStringList national = reportsIn(f.status(conasems));
    CHECK(national.size() == 3);
    CHECK_FALSE(national.contains(ses.uuid()));
    CHECK(reportsIn(f.status(central)) == QStringList{ses.uuid()});
    CHECK(reportsIn(f.status(urs)) == QStringList{ses.uuid()});
    CHECK(reportsIn(f.status(ba.token)) == QStringList{mine.uuid()});

    // A report's manifest: its COSEMS reads it; another state's and SES-MG's central level get 404.
    const QString manifestPath = QStringLiteral("/api/v1/reports/%1/revisions/1").arg(mine.uuid());
    const HttpReply read = f.http->get(manifestPath, cosemsBa);
    INFO(read.body.left(300).toStdString());
    CHECK(read.status == 200);
    CHECK(read.body == mine.manifest);
    CHECK(f.http->get(manifestPath, cosemsPe).status == 404);
    CHECK(f.http->get(manifestPath, central).status == 404);
    CHECK(f.http->get(manifestPath, conasems).status == 200);

    // SES-MG's own routes stay SES-MG's: CONASEMS neither publishes nor reads its targets
    // nor sends its batches, and an apoiador's pre-flight announces no targets.
    const QByteArray targets = R"({"revision":1,"targets":[]})";
    CHECK(f.http->put(QStringLiteral("/api/v1/targets"), targets, conasems).status == 403);
    CHECK(f.http->get(QStringLiteral("/api/v1/targets"), conasems).status == 404);
    const QString batch = core::newUuid();
    const HttpReply batchPut = f.http->put(
        QStringLiteral("/api/v1/batches/") + batch,
        QStringLiteral(R"({"batch":"%1","urs":"Barbacena","revisions":[]})").arg(batch).toUtf8(), conasems);
    CHECK(batchPut.status == 403);
    CHECK(f.http->get(QStringLiteral("/api/v1/batches/") + batch, conasems).status == 404);
    CHECK_FALSE(f.http->get(kPreflight, ba.token).body.contains("targetsRevision"));
}

TEST_CASE("Schema 9: codes and tokens of an older hub stay SES-MG's and keep working")
{
    HubFixture f;
    f.wipeDatabase();
    const QString code = hub::secrets::newEnrollmentCode();
    const QString token = hub::secrets::newToken();
    {
        auto old = hub::HubStore::openAtVersion(f.dir.path(), testDbUrl(), 8);
        INFO((old ? QString() : old.error().message).toStdString());
        REQUIRE(old.ok());
        REQUIRE(old.value()->schemaVersion() == 8);
        QSqlQuery q(old.value()->db());
        q.prepare(
            QStringLiteral("INSERT INTO enrollment_codes (code_hash, scope_kind, municipality, urs, label, "
                           "created_at, expires_at) VALUES (?, 'urs', '', 'Barbacena', '', ?, ?)"));
        q.addBindValue(hub::secrets::enrollmentCodeHash(code));
        q.addBindValue(QStringLiteral("2025-04-01T00:00:00.000Z"));
        q.addBindValue(QStringLiteral("2025-04-30T00:00:00.000Z"));
        REQUIRE(q.exec());
        const QString hash = hub::secrets::tokenHash(token);
        q.prepare(
            QStringLiteral("INSERT INTO tokens (id, token_hash, scope_kind, municipality, urs, label, "
                           "installation, created_at) VALUES (?, ?, 'municipality', ?, '', '', '', ?)"));
        q.addBindValue(hub::secrets::tokenIdFromHash(hash));
        q.addBindValue(hash);
        q.addBindValue(kBarbacena);
        q.addBindValue(QStringLiteral("2025-04-01T00:00:00.000Z"));
        REQUIRE(q.exec());
    }
    f.start();
    CHECK(f.store->schemaVersion() == hub::HubStore::latestSchemaVersion());
    const HttpReply pre = f.http->get(kPreflight, token);
    INFO(pre.body.toStdString());
    REQUIRE(pre.status == 200);
    CHECK_FALSE(pre.body.contains("program")); // an SES-MG scope reads as before
    auto preflight = sync::decodePreflight(pre.body);
    REQUIRE(preflight.ok());
    CHECK(preflight->scope.programId() == QStringLiteral("ses_mg_mobilizacao"));
    CHECK(preflight->scope.municipality == kBarbacena);
    f.push(makeReport(kBarbacena, 41), token);

    const HttpReply enrolled = enrollWith(f, code, core::newUuid());
    INFO(enrolled.body.toStdString());
    REQUIRE(enrolled.status == 201);
    auto scope = sync::decodeEnrollResponse(enrolled.body);
    REQUIRE(scope.ok());
    CHECK(scope->scope.kind == sync::Scope::Kind::Urs);
    CHECK(scope->scope.urs == QStringLiteral("Barbacena"));
    CHECK(scope->scope.program.isEmpty());
    CHECK(reportsIn(f.status(scope->token)).size() == 1);
}

TEST_CASE("CLI: enroll by program, level and state, and reports of one state")
{
    HubFixture f;
    const Enrolled ba = enrollApoiador(f, QStringLiteral("BA"));
    const TestReport mine = apoioReport(ba.scope.municipality);
    f.push(mine, ba.token);
    f.push(makeReport(kBarbacena, 51), f.enrollMunicipality(kBarbacena));
    f.stop(); // the CLI opens the same data folder

    const auto hubCli = [&f](QStringList args) {
        args << QStringLiteral("--data") << f.dir.path();
        if (!testDbUrl().isEmpty())
            args << QStringLiteral("--db") << testDbUrl();
        return runHub(args);
    };
    const CliRun apoiador =
        hubCli({QStringLiteral("enroll"), QStringLiteral("--program"), kApoio, QStringLiteral("--role"),
                QStringLiteral("apoiador"), QStringLiteral("--uf"), QStringLiteral("PE")});
    INFO(apoiador.err.toStdString());
    CHECK(apoiador.exitCode == 0);
    CHECK(apoiador.out.contains(QStringLiteral("Pernambuco")));
    CHECK(apoiador.lines().size() == 2);

    const CliRun noState = hubCli({QStringLiteral("enroll"), QStringLiteral("--program"), kApoio,
                                   QStringLiteral("--role"), QStringLiteral("cosems")});
    CHECK(noState.exitCode != 0);
    CHECK(noState.err.contains(QStringLiteral("--uf")));
    const CliRun stray = hubCli({QStringLiteral("enroll"), QStringLiteral("--municipality"), kBarbacena,
                                 QStringLiteral("--uf"), QStringLiteral("BA")});
    CHECK(stray.exitCode != 0);
    CHECK(stray.err.contains(QStringLiteral("--role")));

    const CliRun bahia = hubCli({QStringLiteral("reports"), QStringLiteral("--uf"), QStringLiteral("BA")});
    CHECK(bahia.exitCode == 0);
    REQUIRE(bahia.lines().size() == 1);
    const QStringList cols = bahia.lines().constFirst().split(QLatin1Char('\t'));
    CHECK(cols.value(0) == mine.uuid());
    CHECK(cols.value(1) == ba.scope.municipality);
    CHECK(cols.value(2) == QStringLiteral("2025-Q1"));
    const CliRun pernambuco =
        hubCli({QStringLiteral("reports"), QStringLiteral("--uf"), QStringLiteral("PE")});
    CHECK(pernambuco.exitCode == 0);
    CHECK(pernambuco.lines().isEmpty());
    CHECK(hubCli({QStringLiteral("reports")}).lines().size() == 2);
    const CliRun mixed = hubCli({QStringLiteral("reports"), QStringLiteral("--urs"),
                                 QStringLiteral("Barbacena"), QStringLiteral("--uf"), QStringLiteral("BA")});
    CHECK(mixed.exitCode != 0);
    CHECK(mixed.err.contains(QStringLiteral("--urs")));

    // The hub's operator reviews an apoiador's report as the central level of its program.
    const CliRun returned =
        hubCli({QStringLiteral("review"), QStringLiteral("--report"), mine.uuid(), QStringLiteral("--return"),
                QStringLiteral("Faltam os participantes por função.")});
    INFO(returned.err.toStdString());
    CHECK(returned.exitCode == 0);
    CHECK(hubCli({QStringLiteral("reports"), QStringLiteral("--uf"), QStringLiteral("BA")})
              .out.contains(QStringLiteral("\treturned\t")));

    const CliRun tokens = hubCli({QStringLiteral("tokens")});
    CHECK(tokens.out.contains(ba.scope.municipality + QStringLiteral(" BA apoio_cosems")));

    // An apoiador's tokens are revoked by its id.
    const CliRun revoke =
        hubCli({QStringLiteral("revoke"), QStringLiteral("--municipality"), ba.scope.municipality});
    INFO(revoke.err.toStdString());
    CHECK(revoke.exitCode == 0);
    CHECK(revoke.out.contains(QStringLiteral("1")));
    f.start();
    CHECK(f.preflightStatus(ba.token) == 401);
}

TEST_CASE(
    "Apoio on the hub: the COSEMS's pull names an apoiador by its code's label, renewed or not, never by "
    "its computer")
{
    HubFixture f;
    const Enrolled ba = enrollApoiador(f, QStringLiteral("BA")); // code "teste", installation "notebook"
    const TestReport mine = apoioReport(ba.scope.municipality);
    f.push(mine, ba.token);
    // A code issued without a label: its apoiador has no name (not its computer's).
    const HttpReply unnamed =
        enrollWith(f,
                   hub::TokenDesk(*f.hub)
                       .issueCode(levelScope(f, QStringLiteral("apoiador"), QStringLiteral("BA")), {})
                       ->code,
                   core::newUuid());
    REQUIRE(unnamed.status == 201);
    const sync::Scope other = sync::decodeEnrollResponse(unnamed.body)->scope;
    f.push(apoioReport(other.municipality), sync::decodeEnrollResponse(unnamed.body)->token);
    const QString cosems = f.enroll(levelScope(f, QStringLiteral("cosems"), QStringLiteral("BA")));
    const QString ses = f.enrollMunicipality(kBarbacena);
    f.push(makeReport(kBarbacena, 40), ses);
    const QString central = f.enrollCentral();

    const auto names = [&f](const QString &token) {
        const HttpReply r = f.http->get(QStringLiteral("/api/v1/revisions?since=0"), token);
        INFO(r.body.left(300).toStdString());
        REQUIRE(r.status == 200);
        CHECK_FALSE(r.body.contains("notebook"));
        auto page = sync::decodePullPage(r.body);
        REQUIRE(page.ok());
        QHash<QString, QString> out;
        for (const sync::PulledEntry &e : page->revisions)
            out.insert(e.municipality, e.unitName);
        return out;
    };
    QHash<QString, QString> seen = names(cosems);
    REQUIRE(seen.size() == 2);
    CHECK(seen.value(ba.scope.municipality) == QStringLiteral("teste"));
    CHECK(seen.value(other.municipality).isEmpty());

    // The apoiador's token renewed: the same name.
    f.clock.advanceSecs(90 * 24 * 3600);
    REQUIRE(f.http->post(QStringLiteral("/api/v1/token"), {}, ba.token).status == 201);
    CHECK(names(cosems).value(ba.scope.municipality) == QStringLiteral("teste"));
    // A municipality is named by the reference table, not by the hub.
    const HttpReply r = f.http->get(QStringLiteral("/api/v1/revisions?since=0"), central);
    REQUIRE(r.status == 200);
    CHECK_FALSE(r.body.contains("unitName"));
}

TEST_CASE("Apoio on the hub: GET /units lists a COSEMS's apoiadores, also those who sent nothing, and "
          "nobody else's")
{
    HubFixture f;
    const Enrolled sent = enrollApoiador(f, QStringLiteral("BA"));
    f.push(apoioReport(sent.scope.municipality), sent.token);
    const Enrolled silent = enrollApoiador(f, QStringLiteral("BA")); // enrolled, never sent
    const Enrolled left = enrollApoiador(f, QStringLiteral("BA"));
    REQUIRE(f.store->revokeMunicipality(left.scope.municipality, f.clock.now()).value() == 1);
    const Enrolled pe = enrollApoiador(f, QStringLiteral("PE"));
    const QString cosemsBa = f.enroll(levelScope(f, QStringLiteral("cosems"), QStringLiteral("BA")));
    const QString conasems = f.enroll(levelScope(f, QStringLiteral("conasems")));

    const auto roster = [&f](const QString &token) {
        const HttpReply r = f.http->get(QStringLiteral("/api/v1/units"), token);
        INFO(r.body.left(300).toStdString());
        REQUIRE(r.status == 200);
        auto units = sync::decodeRoster(r.body);
        REQUIRE(units.ok());
        QHash<QString, sync::RosterUnit> out;
        for (const sync::RosterUnit &u : units.value())
            out.insert(u.unit, u);
        return out;
    };
    const auto ba = roster(cosemsBa);
    REQUIRE(ba.size() == 3);
    CHECK(ba.contains(sent.scope.municipality));
    CHECK(ba.contains(silent.scope.municipality));
    CHECK_FALSE(ba.contains(pe.scope.municipality));
    CHECK(ba.value(silent.scope.municipality).name == QStringLiteral("teste")); // its code's label
    CHECK(ba.value(silent.scope.municipality).uf == QStringLiteral("BA"));
    CHECK(ba.value(silent.scope.municipality).active);
    CHECK(ba.value(silent.scope.municipality).since == f.clock.now());
    CHECK_FALSE(ba.value(left.scope.municipality).active); // its only token revoked, now
    CHECK(ba.value(left.scope.municipality).until == f.clock.now());
    CHECK_FALSE(ba.value(silent.scope.municipality).until.isValid());
    const auto all = roster(conasems);
    CHECK(all.size() == 4);
    CHECK(all.value(pe.scope.municipality).uf == QStringLiteral("PE"));

    // The pre-flight offers it to the apoio program's coordinations only.
    const auto features = [&f](const QString &token) {
        const HttpReply r = f.http->get(QStringLiteral("/api/v1/preflight"), token);
        REQUIRE(r.status == 200);
        return sync::decodePreflight(r.body)->features;
    };
    CHECK(features(cosemsBa).contains(QStringLiteral("units")));
    CHECK(features(conasems).contains(QStringLiteral("units")));
    CHECK_FALSE(features(sent.token).contains(QStringLiteral("units")));
    const QString urs = f.enrollUrs(kBeloUrs);
    CHECK_FALSE(features(urs).contains(QStringLiteral("units")));
    // An apoiador sends; it does not list its colleagues. SES-MG's URS has the reference table.
    CHECK(f.http->get(QStringLiteral("/api/v1/units"), sent.token).status == 403);
    const HttpReply ses = f.http->get(QStringLiteral("/api/v1/units"), urs);
    CHECK(ses.status == 404);
    CHECK(ses.body.contains("reference table"));
    CHECK(f.http->post(QStringLiteral("/api/v1/units"), {}, cosemsBa).status == 405);
    CHECK(f.http->get(QStringLiteral("/api/v1/units")).status == 401);
}
