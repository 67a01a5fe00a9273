// "Parceiros da região" end to end (docs/protocol.md §10.6): a municipality's
// partners — one with consented contacts, a person with a CPF, one erased later —
// go up with its passes; the URS's passes against the real hub in-process bring
// its copy, and the erased one leaves it. No contact byte is anywhere in the URS
// profile's database files. An older hub (no "partners" feature) is skipped. The
// copy follows the URS's municipalities by the profile's reference table; the step
// pages until nothing is new, whatever it could not read (counted, said).
#include "tests/sync/real_hub_fixture.h"

#include "core/regional/region_partners.h"
#include "sync/client/regional_partners_step.h"
#include "sync/client/regional_steps.h"
#include "sync/protocol_partners_region.h"
#include "tests/core/regional/remapped_reference.h"

#include <QDirIterator>
#include <QUrlQuery>

using namespace mobiliza;
using test::SyncProfile;

using mobiliza::test::kBh;
using mobiliza::test::kUrs;

namespace {

const QString kEmail = QStringLiteral("joana.contato@example.org");
const QString kPhone = QStringLiteral("+5531988887777");
const QString kContact = QStringLiteral("Joana Contato");
const QString kCpf = QStringLiteral("52998224725");

struct UrsProfile : test::UrsSyncProfile
{
    UrsProfile() : UrsSyncProfile(kUrs) {}
    // Opens the profile again (it reads its reference table then).
    void reopen()
    {
        services.reset();
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
    }
    QStringList names()
    {
        const auto listed = core::RegionPartners(*services).list();
        REQUIRE(listed.ok());
        QStringList out;
        for (const core::RegionPartner &p : listed.value())
            out << p.name;
        return out;
    }
};

core::Partner newPartner(const QString &name, core::PartnerKind kind = core::PartnerKind::Organization)
{
    core::Partner p;
    p.name = name;
    p.kind = kind;
    p.sector = QStringLiteral("educacao");
    p.municipality = kBh;
    p.stage = core::PartnerStage::Active;
    return p;
}

// Every byte of the profile's database files (the main file, its WAL and backups).
QByteArray databaseBytes(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, {QStringLiteral("*.sqlite*")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        REQUIRE(f.open(QIODevice::ReadOnly));
        all += f.readAll();
    }
    REQUIRE_FALSE(all.isEmpty());
    return all;
}

} // namespace

TEST_CASE("real hub: a URS pass copies its municipalities' partners without contacts, and an erasure reaches the copy")
{
    test::InProcessHub h;
    SyncProfile bh(kBh);
    test::SyncClient bhClient(*bh.services, bh.dir);
    REQUIRE(bhClient.controller.enrollBlocking(h.url(), h.code(kBh)).ok());
    auto &partners = bh.services->partners();
    core::Partner school = newPartner(QStringLiteral("Escola Estadual Central"));
    school.document = QStringLiteral("11222333000181");
    school.contactName = kContact;
    school.phones = {kPhone};
    school.email = kEmail;
    school.consent.given = true; // the contacts go to the hub (§7)
    school.consent.date = QDate(2026, 3, 9);
    school = partners.save(school).value();
    core::Partner person = newPartner(QStringLiteral("Maria Aparecida Souza"), core::PartnerKind::Person);
    person.document = kCpf;
    person.phones = {QStringLiteral("+5531977776666")};
    person = partners.save(person).value();
    const core::Partner radio = partners.save(newPartner(QStringLiteral("Rádio Comunitária Esperança FM"))).value();
    const sync::PassReport up = bhClient.controller.runPassBlocking(30'000);
    INFO((up.error ? up.error->message : QString()).toStdString());
    REQUIRE(up.allConfirmed);
    REQUIRE(up.partnersSent == 3);

    UrsProfile urs;
    test::SyncClient ursClient(*urs.services, urs.dir);
    REQUIRE(ursClient.controller.enrollBlocking(h.url(), h.code({}, kUrs)).ok());
    int changes = 0;
    QObject::connect(&urs.services->notifier(), &core::Notifier::regionPartnersChanged, [&changes] { ++changes; });
    const sync::PassReport first = ursClient.controller.runPassBlocking(30'000);
    INFO((first.error ? first.error->message : QString()).toStdString());
    CHECK(first.allConfirmed);
    CHECK(first.replicaUpToDate);
    CHECK(urs.names() == QStringList{QStringLiteral("Escola Estadual Central"), QStringLiteral("Maria Aparecida Souza"),
                                     QStringLiteral("Rádio Comunitária Esperança FM")});
    CHECK(changes == 1);
    const QList<core::RegionPartner> copy = core::RegionPartners(*urs.services).list().value();
    for (const core::RegionPartner &p : copy) {
        CHECK(p.municipality == kBh);
        if (p.uuid == school.uuid) {
            CHECK(p.cnpj == school.document);
            CHECK(p.consent);
            CHECK(p.consentDate == QDate(2026, 3, 9));
        } else {
            CHECK(p.cnpj.isEmpty());
        }
    }
    const qint64 cursor = core::RegionPartners(*urs.services).cursor();
    CHECK(cursor > 0);

    // A second pass brings nothing new and changes nothing.
    REQUIRE(ursClient.controller.runPassBlocking(30'000).allConfirmed);
    CHECK(changes == 1);
    CHECK(core::RegionPartners(*urs.services).cursor() == cursor);

    // The municipality erases the radio (LGPD) and renames the school: the next URS pass follows.
    bh.clock.advanceSecs(3600);
    REQUIRE(partners.erase(radio.uuid).ok());
    school.name = QStringLiteral("Escola Estadual Central (nova sede)");
    REQUIRE(partners.save(school).ok());
    REQUIRE(bhClient.controller.runPassBlocking(30'000).allConfirmed);
    const sync::PassReport second = ursClient.controller.runPassBlocking(30'000);
    CHECK(second.allConfirmed);
    CHECK(urs.names() == QStringList{QStringLiteral("Escola Estadual Central (nova sede)"),
                                     QStringLiteral("Maria Aparecida Souza")});
    CHECK(changes == 2);

    // Nothing personal anywhere in the URS profile's database files.
    const QByteArray bytes = databaseBytes(urs.dir.path());
    for (const QString &secret : {kEmail, kPhone, kContact, kCpf, QStringLiteral("5531977776666"),
                                  QStringLiteral("Rádio Comunitária")}) {
        INFO(secret.toStdString());
        CHECK_FALSE(bytes.contains(secret.toUtf8()));
    }
    CHECK(bytes.contains("Maria Aparecida Souza")); // the copy is there
}

TEST_CASE("the partners step skips a hub whose pre-flight does not offer \"partners\", asking nothing")
{
    UrsProfile urs;
    QNetworkAccessManager network;
    sync::HubClient client(&network);
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:9")));
    client.setToken(QStringLiteral("token"));
    sync::RegionalSteps steps(*urs.services, client);
    REQUIRE_FALSE(client.hubFeatures().contains(QStringLiteral("partners")));
    bool done = false;
    sync::RegionalPartnersStep::run(steps, *urs.services, client,
                                    [&done](std::optional<sync::HubError> e, const QString &problem) {
                                        CHECK_FALSE(e.has_value());
                                        CHECK(problem.isEmpty());
                                        done = true;
                                    });
    CHECK(done); // at once: no request was made
    CHECK(client.callsInFlight() == 0);
    CHECK(core::RegionPartners(*urs.services).cursor() == 0);
}

TEST_CASE("the partners page decoder reads entry by entry: one not as §10.6 says is left out and counted, an erasure needs only its uuid, a page that is not a listing keeps nothing")
{
    const QByteArray entry = R"({"cursor":3,"partner":"0b7f6c1e-3a52-4b8e-9d7a-2f1c5e8a9b10","municipality":"3106200",)"
                             R"("updatedAt":"2026-11-20T13:05:00Z","name":"Escola Estadual Central","kind":"organization",)"
                             R"("governmental":true,"formal":true,"sector":"educacao","stage":"active",)"
                             R"("cnpj":"11222333000181","consent":{"given":true,"date":"2026-03-09"}})";
    const QByteArray tomb = R"({"cursor":4,"partner":"1b7f6c1e-3a52-4b8e-9d7a-2f1c5e8a9b10","municipality":"3154606",)"
                            R"("deleted":true,"updatedAt":"2026-11-21T09:00:00Z"})";
    const auto page = [](const QByteArray &entries, const QByteArray &next = "4") -> QByteArray {
        return QByteArray("{\"partners\":[") + entries + "],\"next\":" + next + "}";
    };
    auto good = sync::decodeRegionPartnerPage(page(entry + ',' + tomb));
    REQUIRE(good.ok());
    REQUIRE(good->partners.size() == 2);
    CHECK(good->unreadable == 0);
    CHECK(good->partners[0].cnpj == QStringLiteral("11222333000181"));
    CHECK(good->partners[0].consentDate == QDate(2026, 3, 9));
    CHECK(good->partners[1].deleted);
    CHECK(good->next == 4);
    // What decodes encodes to the same page.
    auto again = sync::decodeRegionPartnerPage(sync::encode(good.value()));
    REQUIRE(again.ok());
    CHECK(again->partners[0].name == good->partners[0].name);
    CHECK(again->partners[1].deleted);
    // Unknown members are ignored (and nothing could hold them).
    QByteArray extra = entry;
    extra.replace("\"cursor\":3,", "\"cursor\":3,\"email\":\"x@example.org\",\"phones\":[\"+5531988887777\"],");
    CHECK(sync::decodeRegionPartnerPage(page(extra)).ok());

    // An entry that is not as §10.6 says is left out, counted; the rest of the page stands.
    const QList<std::pair<QByteArray, QByteArray>> broken{
        {"0b7f6c1e-3a52-4b8e-9d7a-2f1c5e8a9b10", "not-a-uuid"},
        {"\"3106200\"", "\"310620\""},
        {"\"updatedAt\":\"2026-11-20T13:05:00Z\"", "\"updatedAt\":\"ontem\""},
        {"\"organization\"", "\"person\""}, // a CNPJ never comes with a person
        {"\"11222333000181\"", "\"1122233300018\""},
        {"\"11222333000181\"", "\"11222333000l81\""},
        {"\"given\":true", "\"given\":false"}, // a date only with consent
        {"\"given\":true", "\"given\":\"sim\""},
        {"\"name\":\"Escola Estadual Central\"", "\"name\":\"   \""},
        {"\"kind\":\"organization\"", "\"kind\":\"empresa\""},
        {"\"stage\":\"active\"", "\"stage\":\"ativo\""},
        {"\"governmental\":true", "\"governmental\":1"},
        {"\"cursor\":3", "\"cursor\":-3"},
        {"\"cursor\":3", "\"cursor\":1e300"},
        {"\"cursor\":3,", ""},
    };
    for (const auto &[from, to] : broken) {
        QByteArray bad = entry;
        bad.replace(from, to);
        INFO(bad.toStdString());
        auto decoded = sync::decodeRegionPartnerPage(page(bad + ',' + tomb));
        REQUIRE(decoded.ok());
        CHECK(decoded->unreadable == 1);
        REQUIRE(decoded->partners.size() == 1);
        CHECK(decoded->partners[0].deleted);
        CHECK(decoded->next == 4);
    }
    QByteArray notTomb = tomb;
    CHECK(sync::decodeRegionPartnerPage(page(notTomb.replace("\"deleted\":true", "\"deleted\":\"yes\"")))->unreadable
          == 1);
    CHECK(sync::decodeRegionPartnerPage(page("1," + entry))->unreadable == 1);
    // An erasure needs only its uuid: whatever else it carries or lacks, the copy removes the partner.
    QByteArray oddTomb = tomb;
    oddTomb.replace("\"3154606\"", "\"?\"").replace("2026-11-21T09:00:00Z", "ontem").replace("\"cursor\":4,", "");
    auto erasure = sync::decodeRegionPartnerPage(page(entry + ',' + oddTomb));
    REQUIRE(erasure.ok());
    CHECK(erasure->unreadable == 0);
    REQUIRE(erasure->partners.size() == 2);
    CHECK(erasure->partners[1].deleted);
    CHECK(erasure->partners[1].uuid == QStringLiteral("1b7f6c1e-3a52-4b8e-9d7a-2f1c5e8a9b10"));
    auto reencoded = sync::decodeRegionPartnerPage(sync::encode(erasure.value())); // as the fuzzer checks
    REQUIRE(reencoded.ok());
    CHECK(reencoded->partners.size() == 2);
    QByteArray noUuid = tomb;
    CHECK(sync::decodeRegionPartnerPage(page(noUuid.replace("1b7f6c1e-", "")))->unreadable == 1);

    // A page that is not a listing keeps nothing ("not the hub").
    CHECK_FALSE(sync::decodeRegionPartnerPage(page(tomb + ',' + entry)).ok()); // a cursor going back
    CHECK_FALSE(sync::decodeRegionPartnerPage(page(entry + ',' + tomb, "3")).ok()); // next before the last
    CHECK_FALSE(sync::decodeRegionPartnerPage("<html><body>Login</body></html>").ok());
    CHECK_FALSE(sync::decodeRegionPartnerPage(R"({"partners":{},"next":0})").ok());
    CHECK_FALSE(sync::decodeRegionPartnerPage(R"({"partners":[],"next":-1})").ok());
    CHECK(sync::decodeRegionPartnerPage(R"({"partners":[],"next":0})").ok());
}

namespace {

// One partner of Belo Horizonte as the hub lists it (§10.6).
QByteArray listed(int cursor, const QString &name, const QString &kind = QStringLiteral("organization"))
{
    return QStringLiteral(R"({"cursor":%1,"partner":"%2","municipality":"3106200","updatedAt":"2026-11-20T13:05:00Z",)"
                          R"("name":"%3","kind":"%4","governmental":false,"formal":true,"sector":"educacao",)"
                          R"("stage":"active","consent":{"given":false}})")
        .arg(cursor)
        .arg(core::newUuid(), name, kind)
        .toUtf8();
}

} // namespace

TEST_CASE("the partners step reads until a page brings nothing new: an entry it cannot read, or one the hub left out, ends no pass early, and the pass says how many were left out")
{
    UrsProfile urs;
    // Pages of 2 by `since`. The first has a kind this version does not know (a newer
    // hub's); the second is short because the hub left out cursor 3 (a row it could not list).
    const QHash<QString, QByteArray> pages{
        {QStringLiteral("0"), "{\"partners\":[" + listed(1, QStringLiteral("Escola A")) + ','
                                  + listed(2, QStringLiteral("Cooperativa B"), QStringLiteral("cooperative"))
                                  + "],\"next\":2}"},
        {QStringLiteral("2"), "{\"partners\":[" + listed(4, QStringLiteral("Rádio C")) + "],\"next\":4}"},
        {QStringLiteral("4"), "{\"partners\":[" + listed(5, QStringLiteral("Clube D")) + ','
                                  + listed(6, QStringLiteral("Grupo E"), QStringLiteral("informal_group"))
                                  + "],\"next\":6}"},
        {QStringLiteral("6"), R"({"partners":[],"next":6})"},
    };
    sync::Preflight preflight;
    preflight.service = QString::fromLatin1(sync::kServiceName);
    preflight.protocol = sync::kProtocolVersion;
    preflight.hub = {QStringLiteral("urs-bh"), QStringLiteral("URS Belo Horizonte")};
    preflight.scope.kind = sync::Scope::Kind::Urs;
    preflight.scope.urs = kUrs;
    preflight.time = QDateTime::currentDateTimeUtc();
    preflight.features = {QString::fromLatin1(sync::RegionalPartnersStep::kFeature)};
    QStringList asked; // the `since` of every page asked for
    test::FakeHttpServer server([&](const test::SeenRequest &r) {
        const QUrl url(QString::fromUtf8(r.path));
        if (url.path() == QLatin1String("/api/v1/preflight"))
            return test::CannedResponse::http(200, sync::encode(preflight));
        const QString since = QUrlQuery(url).queryItemValue(QStringLiteral("since"));
        asked << (since.isEmpty() ? QStringLiteral("0") : since);
        if (url.path() == QLatin1String("/api/v1/partners") && pages.contains(asked.last()))
            return test::CannedResponse::http(200, pages.value(asked.last()));
        return test::CannedResponse::http(404, R"({"error":"not_found","message":"-"})");
    });
    QNetworkAccessManager network;
    sync::HubClient client(&network);
    client.setBaseUrl(QUrl(server.url()));
    client.setToken(QStringLiteral("token"));
    bool ready = false;
    client.preflight([&ready](sync::HubResult<sync::Preflight> r) { ready = r.ok(); });
    REQUIRE(test::waitFor([&ready] { return ready; }));

    sync::RegionalSteps steps(*urs.services, client);
    steps.setPageSize(2);
    bool done = false;
    std::optional<sync::HubError> stopped;
    QString problem;
    sync::RegionalPartnersStep::run(steps, *urs.services, client,
                                    [&](std::optional<sync::HubError> e, const QString &p) {
                                        stopped = std::move(e);
                                        problem = p;
                                        done = true;
                                    });
    REQUIRE(test::waitFor([&done] { return done; }));
    INFO((stopped ? stopped->message : QString()).toStdString());
    CHECK_FALSE(stopped.has_value());
    CHECK(asked == QStringList{QStringLiteral("0"), QStringLiteral("2"), QStringLiteral("4"), QStringLiteral("6")});
    CHECK(urs.names() == QStringList{QStringLiteral("Clube D"), QStringLiteral("Escola A"), QStringLiteral("Grupo E"),
                                     QStringLiteral("Rádio C")});
    CHECK(core::RegionPartners(*urs.services).cursor() == 6);
    // Never silently: the pass's messages say how many the hub sent that could not be read.
    CHECK(problem.startsWith(QStringLiteral("1 partner")));
    CHECK(problem.contains(QStringLiteral("Update Mobiliza")));
}

TEST_CASE("real hub: a URS's copy follows its reference table: a municipality moved to another URS leaves it, one that joined comes whole")
{
    test::InProcessHub h; // its table: Belo Horizonte, Betim and Brumadinho are the URS Belo Horizonte's
    const QString betim = QStringLiteral("3106705");
    const QString brumadinho = QStringLiteral("3109006");
    const QList<std::pair<QString, QString>> partnersOf{{kBh, QStringLiteral("Clínica da Família")},
                                                        {betim, QStringLiteral("Escola Municipal de Betim")},
                                                        {brumadinho, QStringLiteral("Rádio Brumadinho FM")}};
    for (const auto &[ibge, name] : partnersOf) {
        SyncProfile municipality(ibge);
        test::SyncClient client(*municipality.services, municipality.dir);
        REQUIRE(client.controller.enrollBlocking(h.url(), h.code(ibge)).ok());
        core::Partner p = newPartner(name);
        p.municipality = ibge;
        REQUIRE(municipality.services->partners().save(p).ok());
        REQUIRE(client.controller.runPassBlocking(30'000).allConfirmed);
    }

    // This computer's table is newer than the hub's: Betim is the URS Barbacena's.
    UrsProfile urs;
    test::installRemappedReference(urs.dir.path(), {{betim, QStringLiteral("Barbacena")}});
    urs.reopen();
    {
        test::SyncClient client(*urs.services, urs.dir);
        REQUIRE(client.controller.enrollBlocking(h.url(), h.code({}, kUrs)).ok());
        const sync::PassReport pass = client.controller.runPassBlocking(30'000);
        INFO((pass.error ? pass.error->message : QString()).toStdString());
        CHECK(pass.allConfirmed);
    }
    CHECK(urs.names() == QStringList{QStringLiteral("Clínica da Família"), QStringLiteral("Rádio Brumadinho FM")});

    // A newer one still: Betim back with Belo Horizonte, Brumadinho to Barbacena.
    test::installRemappedReference(urs.dir.path(), {{brumadinho, QStringLiteral("Barbacena")}});
    urs.reopen();
    {
        test::SyncClient client(*urs.services, urs.dir);
        const sync::PassReport pass = client.controller.runPassBlocking(30'000);
        INFO((pass.error ? pass.error->message : QString()).toStdString());
        CHECK(pass.allConfirmed);
        CHECK(pass.replicaUpToDate);
    }
    CHECK(urs.names() == QStringList{QStringLiteral("Clínica da Família"), QStringLiteral("Escola Municipal de Betim")});
}
