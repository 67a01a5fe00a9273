// The partners of the region on the hub (docs/protocol.md §10.6): GET
// /api/v1/partners by a URS lists its municipalities' partners — never another
// region's — with a cursor, with only what BRIEF §7 lets travel (no contact
// person, phone, e-mail or CPF even when the hub holds them), erased partners as
// tombstones; a municipality's token gets 403 and no token 401, never data; and
// schema 6 numbers the partners an older hub already held.
#include "tests/hub/hub_test_util.h"

#include "sync/protocol_partners_region.h"

using namespace mobiliza;
using namespace mobiliza::test;

namespace {

const QString kCnpj = QStringLiteral("11222333000181");
const QString kCpf = QStringLiteral("52998224725");
const QString kEmail = QStringLiteral("joana.contato@example.org");
const QString kPhone = QStringLiteral("+5531988887777");
const QString kContact = QStringLiteral("Joana Contato");

core::Partner partner(const QString &municipality, const QString &name, const QDateTime &updatedAt)
{
    core::Partner p;
    p.uuid = core::newUuid();
    p.municipality = municipality;
    p.name = name;
    p.kind = core::PartnerKind::Organization;
    p.sector = QStringLiteral("educacao");
    p.stage = core::PartnerStage::Active;
    p.updatedAt = updatedAt;
    return p;
}

// Consented contacts: the municipality shares them with the hub (§7).
core::Partner withContacts(core::Partner p)
{
    p.document = kCnpj;
    p.contactName = kContact;
    p.contactRole = QStringLiteral("Diretora");
    p.phones = {kPhone};
    p.email = kEmail;
    p.consent.given = true;
    p.consent.date = QDate(2025, 2, 10);
    p.consent.channel = QStringLiteral("WhatsApp");
    p.consent.purpose = QStringLiteral("Campanhas de saúde");
    return p;
}

void putPartner(HubFixture &f, const core::Partner &p, const QString &token)
{
    const HttpReply r = f.http->put(QStringLiteral("/api/v1/partners/") + p.uuid,
                                    QJsonDocument(sync::partnerToWire(p)).toJson(QJsonDocument::Compact), token);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 200);
}

HttpReply listRaw(HubFixture &f, const QString &token, qint64 since = 0, int limit = 200)
{
    return f.http->get(QStringLiteral("/api/v1/partners?since=%1&limit=%2").arg(since).arg(limit), token);
}

sync::RegionPartnerPage list(HubFixture &f, const QString &token, qint64 since = 0, int limit = 200)
{
    const HttpReply r = listRaw(f, token, since, limit);
    INFO(r.body.toStdString());
    REQUIRE(r.status == 200);
    auto page = sync::decodeRegionPartnerPage(r.body);
    INFO((page ? QString() : page.error().message).toStdString());
    REQUIRE(page.ok());
    CHECK(page.value().unreadable == 0); // the client skips what it cannot read: the hub sends none
    return page.value();
}

QStringList namesIn(const sync::RegionPartnerPage &page)
{
    QStringList names;
    for (const core::RegionPartner &p : page.partners)
        names << p.name;
    names.sort();
    return names;
}

QDateTime at(int minutes)
{
    return hubNow().addSecs(-3600 + 60 * minutes);
}

} // namespace

TEST_CASE("Partners of the region: a URS sees only its municipalities' partners, a municipality gets 403 and no token 401")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString neves = f.enrollMunicipality(kNeves);
    const QString barbacena = f.enrollMunicipality(kBarbacena);
    putPartner(f, partner(kBelo, QStringLiteral("Escola Estadual Central"), at(1)), belo);
    putPartner(f, partner(kNeves, QStringLiteral("Rádio Comunitária Neves FM"), at(2)), neves);
    putPartner(f, partner(kBarbacena, QStringLiteral("Paróquia de Barbacena"), at(3)), barbacena);

    const QString ursBelo = f.enrollUrs(kBeloUrs);
    const QString ursBarbacena = f.enrollUrs(QStringLiteral("Barbacena"));
    const auto preflight = sync::decodePreflight(f.http->get(QStringLiteral("/api/v1/preflight"), ursBelo).body);
    REQUIRE(preflight.ok());
    CHECK(preflight->features.contains(QStringLiteral("partners")));

    const sync::RegionPartnerPage a = list(f, ursBelo);
    CHECK(namesIn(a) == QStringList{QStringLiteral("Escola Estadual Central"), QStringLiteral("Rádio Comunitária Neves FM")});
    for (const core::RegionPartner &p : a.partners)
        CHECK((p.municipality == kBelo || p.municipality == kNeves));
    CHECK(namesIn(list(f, ursBarbacena)) == QStringList{QStringLiteral("Paróquia de Barbacena")});
    CHECK(list(f, f.enrollCentral()).partners.size() == 3);

    // A municipality's token — even for its own partners — and no token: refused, nothing listed.
    const HttpReply mine = listRaw(f, belo);
    CHECK(mine.status == 403);
    CHECK(mine.errorCode() == QStringLiteral("forbidden"));
    CHECK_FALSE(mine.body.contains("Escola"));
    const HttpReply anonymous = listRaw(f, QString());
    CHECK(anonymous.status == 401);
    CHECK(anonymous.errorCode() == QStringLiteral("unauthorized"));
    CHECK_FALSE(anonymous.body.contains("Escola"));
    CHECK(f.http->send("PUT", QStringLiteral("/api/v1/partners"), "{}", ursBelo).status == 405);
    CHECK(listRaw(f, ursBelo, -1).status == 400);
    CHECK(f.http->get(QStringLiteral("/api/v1/partners?limit=0"), ursBelo).status == 400);
}

TEST_CASE("Partners of the region: no contact person, phone, e-mail or CPF ever leaves, even when the hub holds them")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const core::Partner school = withContacts(partner(kBelo, QStringLiteral("Escola Estadual Central"), at(1)));
    putPartner(f, school, belo);
    core::Partner person = withContacts(partner(kBelo, QStringLiteral("Maria Aparecida Souza"), at(2)));
    person.kind = core::PartnerKind::Person;
    person.document = kCpf;
    putPartner(f, person, belo);
    // The hub holds the consented contacts (the municipal hub's copy, §7)...
    auto stored = f.store->partner(school.uuid);
    REQUIRE(stored.ok());
    REQUIRE(stored.value().has_value());
    REQUIRE(stored.value()->json.contains(kEmail.toUtf8()));
    // ...and even a CPF written by some older or broken writer stays on the hub.
    QSqlQuery q(f.store->db());
    REQUIRE(q.prepare(QStringLiteral("UPDATE partners SET json = ? WHERE uuid = ?")));
    QJsonObject leaky = sync::partnerToWire(person);
    leaky.insert(QStringLiteral("document"), kCpf);
    leaky.insert(QStringLiteral("cpf"), kCpf);
    q.addBindValue(QString::fromUtf8(QJsonDocument(leaky).toJson(QJsonDocument::Compact)));
    q.addBindValue(person.uuid);
    REQUIRE(q.exec());

    const QString urs = f.enrollUrs(kBeloUrs);
    const HttpReply r = listRaw(f, urs);
    REQUIRE(r.status == 200);
    for (const QString &secret : {kEmail, kPhone, kContact, QStringLiteral("Diretora"), kCpf,
                                  QStringLiteral("WhatsApp"), QStringLiteral("Campanhas de saúde")}) {
        INFO(secret.toStdString());
        CHECK_FALSE(r.body.contains(secret.toUtf8()));
    }
    for (const char *member : {"contactName", "contactRole", "phones", "email", "document", "address"}) {
        INFO(member);
        CHECK_FALSE(r.body.contains(QByteArray(QByteArray("\"") + member + '"')));
    }
    const sync::RegionPartnerPage page = sync::decodeRegionPartnerPage(r.body).value();
    CHECK(page.unreadable == 0);
    REQUIRE(page.partners.size() == 2);
    for (const core::RegionPartner &p : page.partners) {
        CHECK(p.consent);
        CHECK(p.consentDate == QDate(2025, 2, 10));
        CHECK(p.cnpj == (p.uuid == school.uuid ? kCnpj : QString())); // a CNPJ is public, a CPF never
    }
}

TEST_CASE("Partners of the region: a change lists the partner again, an erasure as a tombstone, pages by the cursor")
{
    HubFixture f;
    const QString belo = f.enrollMunicipality(kBelo);
    const QString urs = f.enrollUrs(kBeloUrs);
    QList<core::Partner> partners;
    for (int i = 0; i < 5; ++i) {
        partners << partner(kBelo, QStringLiteral("Parceiro %1").arg(i + 1), at(i));
        putPartner(f, partners.last(), belo);
    }

    // Pages of two, oldest change first; each `next` is where the following one starts.
    QStringList seen;
    qint64 since = 0;
    qint64 previous = 0;
    int pages = 0;
    for (;;) {
        const sync::RegionPartnerPage page = list(f, urs, since, 2);
        for (const core::RegionPartner &p : page.partners) {
            CHECK(p.cursor > previous);
            previous = p.cursor;
            seen << p.name;
        }
        if (page.partners.isEmpty()) {
            CHECK(page.next == since); // nothing new: the cursor stays
            break;
        }
        since = page.next;
        ++pages;
    }
    CHECK(pages == 3);
    CHECK(seen == QStringList{QStringLiteral("Parceiro 1"), QStringLiteral("Parceiro 2"), QStringLiteral("Parceiro 3"),
                              QStringLiteral("Parceiro 4"), QStringLiteral("Parceiro 5")});

    // A newer version comes again with a new cursor; an older one changes nothing.
    core::Partner renamed = partners[1];
    renamed.name = QStringLiteral("Parceiro 2 (renomeado)");
    renamed.stage = core::PartnerStage::Inactive;
    renamed.updatedAt = at(30);
    putPartner(f, renamed, belo);
    core::Partner stale = partners[2];
    stale.name = QStringLiteral("Versão antiga");
    stale.updatedAt = at(-30);
    putPartner(f, stale, belo);
    sync::RegionPartnerPage changed = list(f, urs, since);
    REQUIRE(changed.partners.size() == 1);
    CHECK(changed.partners[0].uuid == renamed.uuid);
    CHECK(changed.partners[0].name == renamed.name);
    CHECK(changed.partners[0].stage == core::PartnerStage::Inactive);
    CHECK(changed.partners[0].cursor > since);
    since = changed.next;

    // LGPD erasure: a tombstone, with nothing of the partner but its uuid and municipality.
    const HttpReply erased = f.http->send("DELETE", QStringLiteral("/api/v1/partners/") + partners[0].uuid, {}, belo);
    REQUIRE(erased.status == 200);
    const HttpReply r = listRaw(f, urs, since);
    REQUIRE(r.status == 200);
    CHECK_FALSE(r.body.contains("Parceiro 1"));
    const sync::RegionPartnerPage tomb = sync::decodeRegionPartnerPage(r.body).value();
    REQUIRE(tomb.partners.size() == 1);
    CHECK(tomb.partners[0].uuid == partners[0].uuid);
    CHECK(tomb.partners[0].deleted);
    CHECK(tomb.partners[0].municipality == kBelo);
    CHECK(tomb.partners[0].name.isEmpty());
    // Erased again: no change, no new cursor.
    REQUIRE(f.http->send("DELETE", QStringLiteral("/api/v1/partners/") + partners[0].uuid, {}, belo).status == 200);
    CHECK(list(f, urs, tomb.next).partners.isEmpty());
    // From the beginning, every partner once, at its latest change: four and the tombstone.
    const sync::RegionPartnerPage all = list(f, urs);
    CHECK(all.partners.size() == 5);
    CHECK(all.partners.last().deleted);
}

TEST_CASE("Partners of the region: schema 6 numbers the partners an older hub holds, in the order they came")
{
    HubFixture f;
    f.wipeDatabase();
    const core::Partner first = partner(kBelo, QStringLiteral("Primeiro"), at(5));
    const core::Partner second = partner(kNeves, QStringLiteral("Segundo"), at(1));
    {
        auto old = hub::HubStore::openAtVersion(f.dir.path(), testDbUrl(), 5);
        INFO((old ? QString() : old.error().message).toStdString());
        REQUIRE(old.ok());
        REQUIRE(old.value()->schemaVersion() == 5);
        QSqlQuery q(old.value()->db());
        int n = 0;
        for (const core::Partner *p : {&first, &second}) {
            REQUIRE(q.prepare(QStringLiteral("INSERT INTO partners (uuid, municipality, json, updated_at, deleted, "
                                             "received_at) VALUES (?, ?, ?, ?, 0, ?)")));
            q.addBindValue(p->uuid);
            q.addBindValue(p->municipality);
            q.addBindValue(QString::fromUtf8(QJsonDocument(sync::partnerToWire(*p)).toJson(QJsonDocument::Compact)));
            q.addBindValue(hub::storeTime(p->updatedAt));
            q.addBindValue(hub::storeTime(hubNow().addSecs(++n)));
            REQUIRE(q.exec());
        }
    }
    f.start();
    CHECK(f.store->schemaVersion() == hub::HubStore::latestSchemaVersion());
    const QString urs = f.enrollUrs(kBeloUrs);
    const sync::RegionPartnerPage page = list(f, urs);
    REQUIRE(page.partners.size() == 2);
    CHECK(page.partners[0].name == QStringLiteral("Primeiro"));
    CHECK(page.partners[0].cursor == 1);
    CHECK(page.partners[1].cursor == 2);
    // New writes go on after them.
    putPartner(f, partner(kBelo, QStringLiteral("Terceiro"), at(9)), f.enrollMunicipality(kBelo));
    const sync::RegionPartnerPage more = list(f, urs, page.next);
    REQUIRE(more.partners.size() == 1);
    CHECK(more.partners[0].cursor == 3);
}
