// Trust II (issue 8), through the real hub over HTTP: only a municipality pushes its reports and
// writes or erases its partners; a partner's municipality is fixed at its first write; the
// status feed of a URS follows the current reference table, as its reads do; a value of the
// wrong JSON type is refused by the shared engine; a package is validated before anything of
// it is stored.
#include "core/package/manifest_codec.h"
#include "core/package/report_package.h"
#include "core/reference/reference_repository.h"
#include "core/services/services.h"
#include "tests/hub/hub_test_util.h"

#include <QSqlError>

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

QByteArray partnerBody(const QString &uuid, const QString &municipality, const QString &updatedAt,
                       const QString &name = QStringLiteral("Associação Bairro Vivo"))
{
    return compactJson(QJsonObject{{QStringLiteral("uuid"), uuid},
                                   {QStringLiteral("kind"), QStringLiteral("organization")},
                                   {QStringLiteral("governmental"), false},
                                   {QStringLiteral("formal"), true},
                                   {QStringLiteral("sector"), QStringLiteral("saude")},
                                   {QStringLiteral("name"), name},
                                   {QStringLiteral("municipality"), municipality},
                                   {QStringLiteral("stage"), QStringLiteral("active")},
                                   {QStringLiteral("stageHistory"), QJsonArray{}},
                                   {QStringLiteral("consent"), QJsonObject{{QStringLiteral("given"), false}}},
                                   {QStringLiteral("updatedAt"), updatedAt}});
}

QString partnerPath(const QString &uuid)
{
    return QStringLiteral("/api/v1/partners/") + uuid;
}

// Restarts the hub of `f` (same data folder and database) with another reference table, as
// `mobiliza-hub serve` does after a newer table was installed in its data folder.
void restartWith(HubFixture &f, const core::ReferenceData &reference)
{
    f.stop();
    auto opened = hub::HubStore::open(f.dir.path(), testDbUrl());
    REQUIRE(opened.ok());
    f.store = std::move(opened.value());
    f.blobs = std::make_unique<core::BlobStore>(f.dir.filePath(QStringLiteral("blobs")));
    hub::HubOptions options;
    options.info = sync::HubInfo{QStringLiteral("urs-teste"), QStringLiteral("URS Teste")};
    f.hub = std::make_unique<hub::Hub>(*f.store, *f.blobs, reference, f.clock, options);
    f.server = std::make_unique<hub::HubServer>(*f.hub, f.serverOptions);
    const quint16 port = f.server->listen(QHostAddress::LocalHost, 0);
    REQUIRE(port != 0);
    f.http = std::make_unique<HttpClient>(port);
}

// The built-in table with `ibge` moved to the URS `urs`, installed in the hub's data folder
// through ReferenceRepository (a newer revision), as SES-MG would publish a remapping.
core::ReferenceData remapped(const QString &dataDir, const QString &ibge, const QString &urs)
{
    QFile resource(QStringLiteral(":/reference/mg_reference.json"));
    REQUIRE(resource.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(resource.readAll()).object();
    QString from;
    QJsonArray municipalities = root.value(QStringLiteral("municipalities")).toArray();
    for (qsizetype i = 0; i < municipalities.size(); ++i) {
        QJsonObject m = municipalities.at(i).toObject();
        if (m.value(QStringLiteral("ibge")).toString() != ibge)
            continue;
        from = m.value(QStringLiteral("urs")).toString();
        m.insert(QStringLiteral("urs"), urs);
        municipalities.replace(i, m);
    }
    REQUIRE_FALSE(from.isEmpty());
    root.insert(QStringLiteral("municipalities"), municipalities);
    QJsonArray ursList = root.value(QStringLiteral("urs")).toArray();
    for (qsizetype i = 0; i < ursList.size(); ++i) {
        QJsonObject u = ursList.at(i).toObject();
        const QString name = u.value(QStringLiteral("name")).toString();
        const int count = u.value(QStringLiteral("municipalities")).toInt();
        if (name == from)
            u.insert(QStringLiteral("municipalities"), count - 1);
        else if (name == urs)
            u.insert(QStringLiteral("municipalities"), count + 1);
        ursList.replace(i, u);
    }
    root.insert(QStringLiteral("urs"), ursList);
    root.insert(QStringLiteral("revision"), root.value(QStringLiteral("revision")).toInt() + 1);
    core::ReferenceRepository repository(dataDir);
    const core::Status installed = repository.importJson(QJsonDocument(root).toJson());
    INFO((installed ? QString() : installed.error().message).toStdString());
    REQUIRE(installed.ok());
    REQUIRE(repository.usingImported());
    REQUIRE(repository.current().municipality(ibge)->urs == urs);
    return repository.current();
}

} // namespace

TEST_CASE("Only a municipality pushes its reports: a URS or central token gets 403 and nothing is stored")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString ursBelo = f.enrollUrs(QStringLiteral("Belo Horizonte"));
    const QString central = f.enrollCentral();
    const TestReport t = makeReport(kBelo);
    f.putBlobs(t, belo);

    for (const QString &token : {ursBelo, central}) {
        const HttpReply r = f.pushManifest(t, token);
        INFO(r.body.toStdString());
        CHECK(r.status == 403);
        CHECK(r.errorCode() == QStringLiteral("forbidden"));
        CHECK(r.isJsonError());
        CHECK(r.json()
                  .value(QStringLiteral("error"))
                  .toObject()
                  .value(QStringLiteral("message"))
                  .toString()
                  .contains(QStringLiteral("Only the municipality's own installation sends its reports")));
    }
    CHECK_FALSE(f.store->report(t.uuid()).value().has_value());
    CHECK(f.status(ursBelo).events.isEmpty());

    // The municipality itself pushes; the URS and the central level read it.
    f.push(t, belo);
    CHECK(f.http->get(QStringLiteral("/api/v1/reports/") + t.uuid(), ursBelo).status == 200);
    CHECK(f.http->get(QStringLiteral("/api/v1/reports/") + t.uuid(), central).status == 200);
    // Not even a repeat of a stored revision is answered to them as if they had sent it.
    CHECK(f.pushManifest(t, central).status == 403);
}

TEST_CASE("Only the municipality writes and erases its partners: a URS or central token gets 403")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString ursBelo = f.enrollUrs(QStringLiteral("Belo Horizonte"));
    const QString central = f.enrollCentral();
    const QString uuid = core::newUuid();
    REQUIRE(
        f.http->put(partnerPath(uuid), partnerBody(uuid, kBelo, QStringLiteral("2025-03-01T10:00:00Z")), belo)
            .status == 200);

    for (const QString &token : {ursBelo, central}) {
        const HttpReply put = f.http->put(
            partnerPath(uuid),
            partnerBody(uuid, kBelo, QStringLiteral("2025-03-09T10:00:00Z"), QStringLiteral("Outro nome")),
            token);
        CHECK(put.status == 403);
        CHECK(put.errorCode() == QStringLiteral("forbidden"));
        const HttpReply erase = f.http->send("DELETE", partnerPath(uuid), {}, token);
        CHECK(erase.status == 403);
        CHECK(erase.errorCode() == QStringLiteral("forbidden"));
        // A partner they never saw: no tombstone either.
        const QString unknown = core::newUuid();
        CHECK(f.http->send("DELETE", partnerPath(unknown), {}, token).status == 403);
        CHECK_FALSE(f.store->partner(unknown).value().has_value());
    }
    auto stored = f.store->partner(uuid);
    REQUIRE(stored.value().has_value());
    CHECK_FALSE(stored.value()->deleted);
    CHECK(stored.value()->json.contains("Associação Bairro Vivo"));

    const HttpReply erased = f.http->send("DELETE", partnerPath(uuid), {}, belo);
    CHECK(erased.status == 200);
    CHECK(f.store->partner(uuid).value().value().deleted);
}

TEST_CASE("A partner's municipality is fixed at its first write: another one is refused with 409, never "
          "re-assigned")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString neves = f.enrollMunicipality(kNeves);
    const QString uuid = core::newUuid();
    REQUIRE(
        f.http->put(partnerPath(uuid), partnerBody(uuid, kBelo, QStringLiteral("2025-03-01T10:00:00Z")), belo)
            .status == 200);

    // Its own installation naming another municipality, even with a newer change.
    const HttpReply moved = f.http->put(
        partnerPath(uuid),
        partnerBody(uuid, kNeves, QStringLiteral("2025-03-09T10:00:00Z"), QStringLiteral("Novo")), belo);
    INFO(moved.body.toStdString());
    CHECK(moved.status == 409);
    CHECK(moved.errorCode() == QStringLiteral("partner_mismatch"));
    CHECK(moved.isJsonError());
    // The other municipality cannot claim it either.
    CHECK(
        f.http
            ->put(partnerPath(uuid), partnerBody(uuid, kNeves, QStringLiteral("2025-03-09T10:00:00Z")), neves)
            .status == 403);
    auto stored = f.store->partner(uuid);
    REQUIRE(stored.value().has_value());
    CHECK(stored.value()->municipality == kBelo);
    CHECK_FALSE(stored.value()->json.contains("Novo"));
    CHECK(stored.value()->updatedAt == QDateTime(QDate(2025, 3, 1), QTime(10, 0), Qt::UTC));

    // The store refuses a re-assignment by itself (another hub instance, the same database).
    hub::PartnerRecord incoming{uuid, kNeves, QByteArray("{}"),
                                QDateTime(QDate(2025, 4, 1), QTime(0, 0), Qt::UTC), false};
    bool applied = true;
    auto refused = f.store->upsertPartner(incoming, hubNow(), &applied);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == QStringLiteral("partner_mismatch"));
    CHECK_FALSE(applied);
    CHECK(f.store->partner(uuid).value()->municipality == kBelo);

    // A tombstone keeps its municipality too: an erasure of a partner the hub never saw.
    const QString erasedUuid = core::newUuid();
    REQUIRE(f.http->send("DELETE", partnerPath(erasedUuid), {}, belo).status == 200);
    CHECK(f.store->partner(erasedUuid).value()->municipality == kBelo);
    CHECK(f.http
              ->put(partnerPath(erasedUuid),
                    partnerBody(erasedUuid, kNeves, QStringLiteral("2030-01-01T00:00:00Z")), neves)
              .status == 403);
    const HttpReply claimed =
        f.http->put(partnerPath(erasedUuid),
                    partnerBody(erasedUuid, kNeves, QStringLiteral("2030-01-01T00:00:00Z")), belo);
    CHECK(claimed.status == 409);
    CHECK(claimed.errorCode() == QStringLiteral("partner_mismatch"));
    incoming.uuid = erasedUuid;
    CHECK(f.store->upsertPartner(incoming, hubNow(), &applied).error().code ==
          QStringLiteral("partner_mismatch"));
    auto tombstone = f.store->partner(erasedUuid);
    CHECK(tombstone.value()->deleted);
    CHECK(tombstone.value()->municipality == kBelo);
}

TEST_CASE("A URS's status feed follows the current reference table, as its reads do, when a municipality is "
          "remapped")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString neves = f.enrollMunicipality(kNeves);
    const QString ursBelo = f.enrollUrs(QStringLiteral("Belo Horizonte"));
    const QString ursBarbacena = f.enrollUrs(QStringLiteral("Barbacena"));
    const TestReport a = makeReport(kBelo, 1);
    const TestReport b = makeReport(kNeves, 2);
    f.push(a, belo);
    f.push(b, neves);
    REQUIRE(hub::ReviewDesk(*f.hub)
                .review(b.uuid(), false, QStringLiteral("Falta a foto da ação 2."), QStringLiteral("urs"))
                .ok());
    CHECK(reportsIn(f.status(ursBelo)) == (QStringList{a.uuid(), b.uuid(), b.uuid()}));
    CHECK(reportsIn(f.status(ursBarbacena)).isEmpty());

    // SES-MG moves Ribeirão das Neves to URS Barbacena; the hub restarts with the new table.
    restartWith(f, remapped(f.dir.path(), kNeves, QStringLiteral("Barbacena")));
    auto readable = [&](const QString &report, const QString &token) {
        return f.http->get(QStringLiteral("/api/v1/reports/") + report, token).status == 200;
    };
    // One rule: a URS's feed has exactly the events of the reports it may read.
    CHECK_FALSE(readable(b.uuid(), ursBelo));
    CHECK(readable(b.uuid(), ursBarbacena));
    CHECK(readable(a.uuid(), ursBelo));
    CHECK_FALSE(readable(a.uuid(), ursBarbacena));
    CHECK(reportsIn(f.status(ursBelo)) == QStringList{a.uuid()});
    CHECK(reportsIn(f.status(ursBarbacena)) == (QStringList{b.uuid(), b.uuid()}));
    // A municipality's own feed does not change.
    CHECK(reportsIn(f.status(neves)) == (QStringList{b.uuid(), b.uuid()}));
    // New events follow the same rule.
    TestReport b2 = makeReport(kNeves, 3);
    f.push(b2, neves);
    CHECK(reportsIn(f.status(ursBarbacena)).constLast() == b2.uuid());
    CHECK_FALSE(reportsIn(f.status(ursBelo)).contains(b2.uuid()));
    // The CLI's listing per URS agrees.
    auto listed = hub::RevisionDesk(*f.hub).list(QString(), QStringLiteral("Barbacena"));
    REQUIRE(listed.ok());
    QStringList listedReports;
    for (const auto &l : listed.value())
        listedReports << l.report.uuid;
    listedReports.sort();
    QStringList expected{b.uuid(), b2.uuid()};
    expected.sort();
    CHECK(listedReports == expected);
}

TEST_CASE("A pushed revision with null, a list or an object in optional fields gets 422 with the findings")
{
    HubFixture f;
    const QString token = f.enrollMunicipality(kBelo);
    TestReport t = makeReport(kBelo);
    t.report.actions[0].values.insert(QStringLiteral("materials"), QJsonValue(QJsonValue::Null));
    t.report.actions[0].values.insert(QStringLiteral("people_reached_estimate"), QJsonArray{});
    t.report.actions[1].values.insert(QStringLiteral("themes_other"), QJsonObject{});
    t.encode();
    REQUIRE(core::decodeManifest(t.manifest).ok()); // well-formed: only the program's rules refuse it
    f.putBlobs(t, token);
    const HttpReply r = f.pushManifest(t, token);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 422);
    CHECK(r.errorCode() == QStringLiteral("validation_failed"));
    auto e = sync::decodeError(r.body);
    REQUIRE(e.ok());
    QStringList found;
    for (const auto &finding : e->findings) {
        CHECK(finding.severity == core::Severity::Error);
        CHECK_FALSE(finding.message.isEmpty());
        found << finding.path + QLatin1Char(' ') + finding.code;
    }
    found.sort();
    CHECK(found == (QStringList{QStringLiteral("actions[0].fields.materials wrong_type"),
                                QStringLiteral("actions[0].fields.people_reached_estimate wrong_type"),
                                QStringLiteral("actions[1].fields.themes_other wrong_type")}));
    CHECK_FALSE(f.store->report(t.uuid()).value().has_value());
}

TEST_CASE("The hub's package import validates before storing anything, and the month stays importable")
{
    // A municipality concludes a valid report and writes its package.
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
    const QByteArray bytes = QByteArray("\xFF\xD8\xFF pacote ") + QByteArray(3000, 'q');
    auto sha = services.blobs().put(bytes);
    REQUIRE(sha.ok());
    core::Photo photo;
    photo.sha256 = sha.value();
    photo.caption = QStringLiteral("Equipe na praça");
    photo.takenOn = QDate(2025, 3, 14);
    photo.author = QStringLiteral("Maria Souza");
    photo.bytes = bytes.size();
    REQUIRE(services.reports().addPhoto(action->uuid, photo).ok());
    REQUIRE(services.reports().conclude(report->uuid).ok());
    const QString good = profileDir.filePath(QStringLiteral("marco.mobiliza"));
    REQUIRE(core::package::writePackage(services, report->uuid, 1, good).ok());

    // The same revision as an older Mobiliza could have locked it: a description over the
    // program's 5,000 characters (the package itself is sound).
    const QByteArray locked = services.reports().revision(report->uuid, 1).value().snapshotJson;
    auto decoded = core::decodeManifest(locked);
    REQUIRE(decoded.ok());
    core::Report tampered = decoded->report;
    tampered.actions[0].values.insert(QStringLiteral("description"), QString(6000, QLatin1Char('x')));
    const QByteArray longManifest = core::ReportService::manifest(tampered, decoded->concludedAt);
    {
        QSqlQuery q(services.database().db());
        q.prepare(QStringLiteral("UPDATE report_revisions SET snapshot_json = ?, sha256 = ? "
                                 "WHERE report_uuid = ? AND revision = 1"));
        q.addBindValue(QString::fromUtf8(longManifest));
        q.addBindValue(core::BlobStore::sha256Hex(longManifest));
        q.addBindValue(report->uuid);
        INFO(q.lastError().text().toStdString());
        REQUIRE(q.exec());
    }
    const QString overLong = profileDir.filePath(QStringLiteral("marco-longo.mobiliza"));
    REQUIRE(core::package::writePackage(services, report->uuid, 1, overLong).ok());

    HubFixture f;
    auto refused = hub::RevisionDesk(*f.hub).importPackage(overLong);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().status == 422);
    CHECK(refused.error().body.code == QStringLiteral("validation_failed"));
    REQUIRE(refused.error().body.findings.size() == 1);
    CHECK(refused.error().body.findings[0].path == QStringLiteral("actions[0].fields.description"));
    CHECK(refused.error().body.findings[0].code == QStringLiteral("max_length"));
    CHECK_FALSE(f.store->report(report->uuid).value().has_value());
    CHECK_FALSE(f.blobs->has(sha.value())); // not even its photo

    auto imported = hub::RevisionDesk(*f.hub).importPackage(good);
    INFO((imported ? QString() : imported.error().body.message).toStdString());
    REQUIRE(imported.ok());
    CHECK(imported->push.created);
    CHECK(f.store->revision(report->uuid, 1).value()->manifest == locked);
    CHECK(f.blobs->has(sha.value()));
}
