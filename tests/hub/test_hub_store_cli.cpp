// The hub's store (durability, migrations), its secrets and rate limiter, and
// the mobiliza-hub command line (run as a real subprocess).
#include "core/package/report_package.h"
#include "core/services/services.h"
#include "core/store/sql.h"
#include "sync/hub/hub_secrets.h"
#include "sync/hub/rate_limiter.h"
#include "tests/hub/hub_test_util.h"

#include <QRegularExpression>
#include <QSet>

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

const QRegularExpression
    kCodePattern(QStringLiteral("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"));

} // namespace

TEST_CASE("Secrets: tokens and enrollment codes are random, codes are forgiving to type")
{
    QSet<QString> tokens;
    QSet<QString> codes;
    for (int i = 0; i < 50; ++i) {
        const QString token = hub::secrets::newToken();
        CHECK(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}$")).match(token).hasMatch());
        tokens.insert(token);
        const QString code = hub::secrets::newEnrollmentCode();
        CHECK(kCodePattern.match(code).hasMatch());
        codes.insert(code);
    }
    CHECK(tokens.size() == 50);
    CHECK(codes.size() == 50);
    CHECK(hub::secrets::tokenHash(QStringLiteral("abc")) ==
          QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));

    const QString hash = hub::secrets::enrollmentCodeHash(QStringLiteral("K7QF-2M9X-P14D"));
    CHECK_FALSE(hash.isEmpty());
    CHECK(hub::secrets::enrollmentCodeHash(QStringLiteral(" k7qf 2m9x pl4d ")) == hash); // l → 1
    CHECK(hub::secrets::enrollmentCodeHash(QStringLiteral("K7QF2M9XPI4D")) == hash);     // I → 1
    CHECK(hub::secrets::normalizeEnrollmentCode(QStringLiteral("OOOO-0000-0000")) ==
          QStringLiteral("000000000000"));
    CHECK(hub::secrets::enrollmentCodeHash(QStringLiteral("K7QF-2M9X-P14")).isEmpty()); // too short
    CHECK(hub::secrets::enrollmentCodeHash(QStringLiteral("K7QF-2M9X-P14U"))
              .isEmpty()); // U is not in the alphabet
    CHECK(hub::secrets::enrollmentCodeHash(QStringLiteral("K7QF-2M9X-P14Ç")).isEmpty());
}

TEST_CASE("The rate limiter refills at its rate and tells when to come back")
{
    qint64 now = 0;
    hub::RateLimiter limiter(2.0, 3.0, [&now] { return now; });
    int retry = 0;
    CHECK(limiter.take(QStringLiteral("a")));
    CHECK(limiter.take(QStringLiteral("a")));
    CHECK(limiter.take(QStringLiteral("a")));
    CHECK_FALSE(limiter.take(QStringLiteral("a"), &retry));
    CHECK(retry == 1);
    CHECK(limiter.take(QStringLiteral("b")));
    now += 500; // one token back
    CHECK(limiter.take(QStringLiteral("a")));
    CHECK_FALSE(limiter.take(QStringLiteral("a")));
    now += 60000; // never more than the burst
    for (int i = 0; i < 3; ++i)
        CHECK(limiter.take(QStringLiteral("a")));
    CHECK_FALSE(limiter.take(QStringLiteral("a")));
}

TEST_CASE("The store keeps everything across a restart on the same data folder")
{
    HubFixture f;
    const QString token = f.enrollMunicipality(kBelo);
    const TestReport t = makeReport(kBelo);
    const sync::Receipt receipt = f.push(t, token);
    REQUIRE(hub::ReviewDesk(*f.hub)
                .review(t.uuid(), false, QStringLiteral("Corrigir a data."), QStringLiteral("ana"))
                .ok());
    const QString partner = core::newUuid();
    REQUIRE(f.http
                ->put(QStringLiteral("/api/v1/partners/") + partner,
                      QJsonDocument(
                          QJsonObject{{QStringLiteral("uuid"), partner},
                                      {QStringLiteral("kind"), QStringLiteral("organization")},
                                      {QStringLiteral("name"), QStringLiteral("Escola Estadual")},
                                      {QStringLiteral("municipality"), kBelo},
                                      {QStringLiteral("stage"), QStringLiteral("mapped")},
                                      {QStringLiteral("updatedAt"), QStringLiteral("2025-03-01T00:00:00Z")}})
                          .toJson(),
                      token)
                .status == 200);
    const sync::StatusPage before = f.status(token);
    REQUIRE(before.events.size() == 2);

    f.stop();
    f.start();

    CHECK(f.store->schemaVersion() == hub::HubStore::latestSchemaVersion());
    CHECK(f.preflightStatus(token) == 200);
    const HttpReply repeat = f.pushManifest(t, token);
    CHECK(repeat.status == 200);
    CHECK(repeat.body == sync::encode(receipt));
    const sync::StatusPage after = f.status(token);
    REQUIRE(after.events.size() == 2);
    CHECK(after.next == before.next);
    CHECK(after.events[1].comment == QStringLiteral("Corrigir a data."));
    for (const QString &sha : t.blobs())
        CHECK(f.blobs->read(sha).ok());
    CHECK(f.store->partner(partner).value().has_value());
    // Hub ids keep counting after the restart.
    CHECK(f.push(makeReport(kBelo, 5), token).hubId == QStringLiteral("r-000002"));
}

TEST_CASE("The store refuses a database written by a newer hub, untouched")
{
    TempDir dir;
    {
        auto store = hub::HubStore::open(dir.path());
        REQUIRE(store.ok());
        CHECK(store.value()->schemaVersion() == hub::HubStore::latestSchemaVersion());
        CHECK_FALSE(store.value()->isPostgres());
        REQUIRE(
            core::execSql(store.value()->db(),
                          QStringLiteral("INSERT INTO hub_schema (version, applied_at) VALUES (999, 'x')"))
                .ok());
    }
    auto reopened = hub::HubStore::open(dir.path());
    REQUIRE_FALSE(reopened.ok());
    CHECK(reopened.error().code == QStringLiteral("schema_too_new"));

    auto badUrl = hub::HubStore::open(dir.path(), QStringLiteral("mysql://x@y/z"));
    REQUIRE_FALSE(badUrl.ok());
    CHECK(badUrl.error().code == QStringLiteral("bad_db_url"));
}

TEST_CASE("CLI: enroll prints the code last, tokens lists ids, revoke closes the door")
{
    HubFixture f;
    CliRun enroll = runHub(QStringList{QStringLiteral("enroll")} + hubDataArgs(f) +
                           QStringList{QStringLiteral("--urs"), QStringLiteral("Manhumirim"),
                                       QStringLiteral("--label"), QStringLiteral("Regional")});
    INFO(enroll.err.toStdString());
    REQUIRE(enroll.exitCode == 0);
    const QString code = enroll.lines().constLast();
    CHECK(kCodePattern.match(code).hasMatch());
    const HttpReply enrolled =
        f.http->post(QStringLiteral("/api/v1/enroll"), sync::encode(sync::EnrollRequest{code, {}, {}}));
    REQUIRE(enrolled.status == 201);
    auto response = sync::decodeEnrollResponse(enrolled.body);
    REQUIRE(response.ok());
    CHECK(response->scope.kind == sync::Scope::Kind::Urs);
    CHECK(response->scope.urs == QStringLiteral("Manhuaçu")); // the alias resolves to the canonical URS

    const CliRun bad = runHub(QStringList{QStringLiteral("enroll")} + hubDataArgs(f) +
                              QStringList{QStringLiteral("--municipality"), QStringLiteral("9999999")});
    CHECK(bad.exitCode != 0);
    CHECK(bad.err.contains(QStringLiteral("9999999")));
    CHECK(runHub(QStringList{QStringLiteral("enroll")} + hubDataArgs(f)).exitCode == 2);
    CHECK(runHub(QStringList{QStringLiteral("frobnicate")} + hubDataArgs(f)).exitCode == 2);

    const CliRun tokens = runHub(QStringList{QStringLiteral("tokens")} + hubDataArgs(f));
    REQUIRE(tokens.exitCode == 0);
    REQUIRE(tokens.lines().size() == 1);
    const QStringList fields = tokens.lines().first().split(QLatin1Char('\t'));
    const QString id = hub::secrets::tokenHash(response->token).left(8);
    CHECK(fields.value(0) == id);
    CHECK(fields.value(1) == QStringLiteral("urs"));
    CHECK(fields.value(2) == QStringLiteral("Manhuaçu"));
    CHECK(fields.value(3) == QStringLiteral("Regional"));
    CHECK_FALSE(tokens.out.contains(response->token));

    const CliRun revoke = runHub(QStringList{QStringLiteral("revoke")} + hubDataArgs(f) +
                                 QStringList{QStringLiteral("--token-id"), id});
    INFO(revoke.err.toStdString());
    REQUIRE(revoke.exitCode == 0);
    CHECK(f.preflightStatus(response->token) == 401);
    CHECK(runHub(QStringList{QStringLiteral("revoke")} + hubDataArgs(f) +
                 QStringList{QStringLiteral("--token-id"), id})
              .exitCode == 1);

    // Revoking a municipality revokes every token of it.
    const QString a = f.enrollMunicipality(kBarbacena);
    const QString b = f.enrollMunicipality(kBarbacena);
    const QString other = f.enrollMunicipality(kBelo);
    REQUIRE(runHub(QStringList{QStringLiteral("revoke")} + hubDataArgs(f) +
                   QStringList{QStringLiteral("--municipality"), kBarbacena})
                .exitCode == 0);
    CHECK(f.preflightStatus(a) == 401);
    CHECK(f.preflightStatus(b) == 401);
    CHECK(f.preflightStatus(other) == 200);
}

TEST_CASE("CLI: reports lists one tab-separated line per revision, and review returns with a comment")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString barbacena = f.enrollMunicipality(kBarbacena);
    const TestReport a = makeReport(kBelo, 1);
    const TestReport c = makeReport(kBarbacena, 2);
    f.push(a, belo);
    f.push(c, barbacena);
    TestReport april = makeReport(kBelo, 3);
    april.report.period = core::Period{2025, 4};
    for (auto &action : april.report.actions)
        action.values.insert(QStringLiteral("date"), QStringLiteral("2025-04-01"));
    april.encode();
    f.push(april, belo);

    const CliRun all = runHub(QStringList{QStringLiteral("reports")} + hubDataArgs(f));
    REQUIRE(all.exitCode == 0);
    CHECK(all.lines().size() == 3);
    const CliRun march = runHub(QStringList{QStringLiteral("reports")} + hubDataArgs(f) +
                                QStringList{QStringLiteral("--month"), QStringLiteral("2025-03")});
    REQUIRE(march.exitCode == 0);
    REQUIRE(march.lines().size() == 2);
    const QStringList first = march.lines().first().split(QLatin1Char('\t'));
    // Ordered by month, then municipality code: Barbacena (3105608) before Belo Horizonte (3106200).
    REQUIRE(first.size() >= 5);
    CHECK(first.mid(0, 5) == (QStringList{c.uuid(), kBarbacena, QStringLiteral("2025-03"),
                                          QStringLiteral("1"), QStringLiteral("received")}));
    const CliRun urs = runHub(QStringList{QStringLiteral("reports")} + hubDataArgs(f) +
                              QStringList{QStringLiteral("--month"), QStringLiteral("2025-03"),
                                          QStringLiteral("--urs"), QStringLiteral("Belo Horizonte")});
    REQUIRE(urs.exitCode == 0);
    REQUIRE(urs.lines().size() == 1);
    CHECK(urs.lines().first().startsWith(a.uuid() + QLatin1Char('\t') + kBelo +
                                         QStringLiteral("\t2025-03\t1\treceived\t")));
    CHECK(runHub(QStringList{QStringLiteral("reports")} + hubDataArgs(f) +
                 QStringList{QStringLiteral("--month"), QStringLiteral("março")})
              .exitCode == 1);

    // Review through the CLI, while the server runs: the feed shows it.
    const qint64 cursor = f.status(belo).next;
    const CliRun returned =
        runHub(QStringList{QStringLiteral("review")} + hubDataArgs(f) +
               QStringList{QStringLiteral("--report"), a.uuid(), QStringLiteral("--return"),
                           QStringLiteral("Falta a foto da ação 2.")});
    INFO(returned.err.toStdString());
    REQUIRE(returned.exitCode == 0);
    const sync::StatusPage page = f.status(belo, cursor);
    REQUIRE(page.events.size() == 1);
    CHECK(page.events[0].state == QStringLiteral("returned"));
    CHECK(page.events[0].comment == QStringLiteral("Falta a foto da ação 2."));
    CHECK(page.next > cursor);

    const CliRun illegal =
        runHub(QStringList{QStringLiteral("review")} + hubDataArgs(f) +
               QStringList{QStringLiteral("--report"), a.uuid(), QStringLiteral("--accept")});
    CHECK(illegal.exitCode == 1);
    CHECK_FALSE(illegal.err.trimmed().isEmpty());
    CHECK(f.status(belo, page.next).events.isEmpty());

    const CliRun listed = runHub(QStringList{QStringLiteral("reports")} + hubDataArgs(f) +
                                 QStringList{QStringLiteral("--month"), QStringLiteral("2025-03"),
                                             QStringLiteral("--urs"), QStringLiteral("Belo Horizonte")});
    const QStringList fields = listed.lines().value(0).split(QLatin1Char('\t'));
    CHECK(fields.value(4) == QStringLiteral("returned"));
    CHECK(fields.value(5) == QStringLiteral("r-000001"));
    CHECK(fields.value(7) == QStringLiteral("Falta a foto da ação 2."));
}

TEST_CASE("CLI: serve runs as a subprocess, prints where it listens and stops on SIGTERM")
{
    TempDir dir;
    QProcess p;
    p.start(hubExecutable(), {QStringLiteral("serve"), QStringLiteral("--listen"),
                              QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"), dir.path(),
                              QStringLiteral("--hub-name"), QStringLiteral("URS Barbacena")});
    REQUIRE(p.waitForStarted(10000));
    QByteArray line;
    while (!line.contains('\n') && p.waitForReadyRead(10000))
        line += p.readAllStandardOutput();
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("^listening on 127\\.0\\.0\\.1:(\\d+)\n$"))
            .match(QString::fromUtf8(line));
    INFO(line.toStdString() << p.readAllStandardError().toStdString());
    REQUIRE(m.hasMatch());
    HttpClient http(quint16(m.captured(1).toUInt()));
    const HttpReply anonymous = http.get(QStringLiteral("/api/v1/preflight"));
    CHECK(anonymous.status == 401);
    CHECK(anonymous.errorCode() == QStringLiteral("unauthorized"));

    const CliRun enroll = runHub({QStringLiteral("enroll"), QStringLiteral("--data"), dir.path(),
                                  QStringLiteral("--municipality"), kBarbacena});
    REQUIRE(enroll.exitCode == 0);
    const HttpReply enrolled =
        http.post(QStringLiteral("/api/v1/enroll"),
                  sync::encode(sync::EnrollRequest{enroll.lines().constLast(), {}, {}}));
    REQUIRE(enrolled.status == 201);
    const HttpReply preflight = http.get(QStringLiteral("/api/v1/preflight"),
                                         sync::decodeEnrollResponse(enrolled.body).value().token);
    REQUIRE(preflight.status == 200);
    auto decoded = sync::decodePreflight(preflight.body);
    REQUIRE(decoded.ok());
    CHECK(decoded->hub.name == QStringLiteral("URS Barbacena"));
    CHECK(decoded->hub.id == QStringLiteral("urs-barbacena"));

    p.terminate(); // SIGTERM
    REQUIRE(p.waitForFinished(10000));
    CHECK(p.exitStatus() == QProcess::NormalExit);
    CHECK(p.exitCode() == 0);
    CHECK(readFile(QDir(dir.path()).filePath(QStringLiteral("access.log"))).count('\n') == 3);
}

TEST_CASE("CLI: import takes a report package through the same path as a push")
{
    // A municipality's installation concludes a valid report and writes its package.
    TempDir profileDir;
    core::FixedClock profileClock(QDateTime(QDate(2025, 3, 20), QTime(12, 0), Qt::UTC));
    auto opened = core::Services::open(profileDir.path(), profileClock);
    REQUIRE(opened.ok());
    core::Services &services = *opened.value();
    REQUIRE(services.profile().setMunicipality(kBelo).ok());
    auto report =
        services.reports().createReport(QStringLiteral("ses_mg_mobilizacao"), core::Period{2025, 3});
    REQUIRE(report.ok());
    auto action = services.reports().addAction(report->uuid, validValues());
    REQUIRE(action.ok());
    const QByteArray bytes = QByteArray("\xFF\xD8\xFF pacote ") + QByteArray(3000, 'p');
    auto sha = services.blobs().put(bytes);
    REQUIRE(sha.ok());
    core::Photo photo;
    photo.sha256 = sha.value();
    photo.caption = QStringLiteral("Equipe na praça");
    photo.takenOn = QDate(2025, 3, 14);
    photo.width = 1600;
    photo.height = 1200;
    photo.bytes = bytes.size();
    REQUIRE(services.reports().addPhoto(action->uuid, photo).ok());
    REQUIRE(services.reports().conclude(report->uuid).ok());
    const QString file = profileDir.filePath(QStringLiteral("marco.mobiliza"));
    REQUIRE(core::package::writePackage(services, report->uuid, 1, file).ok());
    const QByteArray locked = services.reports().revision(report->uuid, 1).value().snapshotJson;

    HubFixture f;
    const CliRun imported =
        runHub(QStringList{QStringLiteral("import")} + hubDataArgs(f) + QStringList{file});
    INFO(imported.err.toStdString());
    REQUIRE(imported.exitCode == 0);
    CHECK(imported.out.contains(QStringLiteral("r-000001")));
    auto stored = f.store->revision(report->uuid, 1);
    REQUIRE(stored.ok());
    REQUIRE(stored.value().has_value());
    CHECK(stored.value()->manifest == locked);
    CHECK(f.blobs->read(sha.value()).ok());

    // The same package again is the same revision; the municipality sees it like a push.
    const CliRun again = runHub(QStringList{QStringLiteral("import")} + hubDataArgs(f) + QStringList{file});
    CHECK(again.exitCode == 0);
    CHECK(f.store->revisions(report->uuid).value().size() == 1);
    const QString token = f.enrollMunicipality(kBelo);
    REQUIRE(f.status(token).events.size() == 1);
    const HttpReply push =
        f.http->put(QStringLiteral("/api/v1/reports/%1/revisions/1").arg(report->uuid), locked, token);
    CHECK(push.status == 200);
    CHECK(sync::decodeReceipt(push.body).value().hubId == QStringLiteral("r-000001"));

    // Not a package: refused with a message, nothing stored.
    const QString junk = profileDir.filePath(QStringLiteral("junk.mobiliza"));
    {
        QFile out(junk);
        REQUIRE(out.open(QIODevice::WriteOnly));
        out.write("not a zip");
    }
    const CliRun refused = runHub(QStringList{QStringLiteral("import")} + hubDataArgs(f) + QStringList{junk});
    CHECK(refused.exitCode == 1);
    CHECK_FALSE(refused.err.trimmed().isEmpty());
}
