// "Parceiros da região" in a URS profile (core/regional/region_partners.h): the
// copy applies the hub's pages in one transaction (an erased partner removed, an
// older listing never over a newer one, the cursor never back), filters like the
// municipal register, and exports CSV / XLSX with the municipality's name and no
// personal contact — checked on the bytes.
#include "core/demo/regional_demo.h"
#include "core/domain/clock.h"
#include "core/regional/region_partners.h"
#include "core/services/services.h"
#include "tests/core/outputs/outputs_fixture.h"
#include "sync/protocol.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

using namespace mobiliza;
using namespace mobiliza::core;

namespace {

const QString kBarbacena = QStringLiteral("3105608");
const QString kSantosDumont = QStringLiteral("3160702");
const QString kCnpj = QStringLiteral("11222333000181");

struct Profile
{
    test::TempDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<Services> services;
    int changes = 0; // regionPartnersChanged signals
    Profile()
    {
        auto opened = Services::open(dir.path(), clock);
        REQUIRE(opened);
        services = std::move(opened.value());
        REQUIRE(services->profile().setRole(Role::Urs, QStringLiteral("Barbacena")));
        QObject::connect(&services->notifier(), &Notifier::regionPartnersChanged, [this] { ++changes; });
    }
    RegionPartners copy() { return RegionPartners(*services, ProgramDefinition::sesMgMobilizacao()); }
    QStringList names(const RegionPartnerFilter &filter = {})
    {
        auto listed = copy().list(filter);
        REQUIRE(listed);
        QStringList out;
        for (const RegionPartner &p : listed.value())
            out << p.name;
        return out;
    }
};

RegionPartner entry(const QString &name, const QString &municipality, qint64 cursor,
                    PartnerKind kind = PartnerKind::Organization, const QString &sector = QStringLiteral("educacao"),
                    PartnerStage stage = PartnerStage::Active)
{
    RegionPartner p;
    p.uuid = newUuid();
    p.name = name;
    p.municipality = municipality;
    p.kind = kind;
    p.sector = sector;
    p.stage = stage;
    p.updatedAt = QDateTime(QDate(2026, 11, 1), QTime(10, 0), Qt::UTC).addSecs(cursor);
    p.cursor = cursor;
    return p;
}

// A municipality's partner with everything the register holds, contacts and consent included.
Partner fullPartner()
{
    Partner p;
    p.uuid = newUuid();
    p.kind = PartnerKind::Organization;
    p.name = QStringLiteral("Escola Estadual Padre Anchieta");
    p.document = kCnpj;
    p.sector = QStringLiteral("educacao");
    p.municipality = kBarbacena;
    p.stage = PartnerStage::Active;
    p.contactName = QStringLiteral("Joana Contato");
    p.contactRole = QStringLiteral("Diretora");
    p.phones = {QStringLiteral("+5532988887777")};
    p.email = QStringLiteral("joana.contato@example.org");
    p.address = QStringLiteral("Rua das Flores, 100");
    p.cep = QStringLiteral("36200000");
    p.notes = QStringLiteral("Prefere ligações pela manhã");
    p.consent.given = true;
    p.consent.date = QDate(2026, 3, 9);
    p.consent.channel = QStringLiteral("WhatsApp");
    p.consent.purpose = QStringLiteral("Campanhas de saúde");
    p.updatedAt = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
    return p;
}

const QStringList kPersonal{QStringLiteral("Joana Contato"), QStringLiteral("Diretora"),
                            QStringLiteral("988887777"), QStringLiteral("98888-7777"),
                            QStringLiteral("joana.contato@example.org"), QStringLiteral("Rua das Flores"),
                            QStringLiteral("36200"), QStringLiteral("Prefere ligações"),
                            QStringLiteral("529.982.247-25"), QStringLiteral("52998224725"),
                            QStringLiteral("WhatsApp"), QStringLiteral("Campanhas de saúde")};

} // namespace

TEST_CASE("Region partners: a page is applied whole, an erased partner removed, the cursor never goes back")
{
    Profile p;
    RegionPartners copy = p.copy();
    CHECK(copy.cursor() == 0);
    RegionPartner school = entry(QStringLiteral("Escola Estadual Central"), kBarbacena, 1);
    RegionPartner radio = entry(QStringLiteral("Rádio Esperança FM"), kSantosDumont, 2);
    RegionPartner group = entry(QStringLiteral("Grupo de Caminhada"), kBarbacena, 3, PartnerKind::InformalGroup);
    REQUIRE(copy.applyPulled({school, radio, group}, 3));
    CHECK(p.changes == 1);
    CHECK(copy.cursor() == 3);
    // By municipality name, then name: Barbacena's first.
    CHECK(p.names() == QStringList{QStringLiteral("Escola Estadual Central"), QStringLiteral("Grupo de Caminhada"),
                                   QStringLiteral("Rádio Esperança FM")});

    // A newer version replaces the row; a listing older than the row changes nothing.
    RegionPartner renamed = school;
    renamed.name = QStringLiteral("Escola Estadual Central (nova sede)");
    renamed.stage = PartnerStage::Inactive;
    renamed.cursor = 4;
    RegionPartner older = radio;
    older.name = QStringLiteral("Nome antigo");
    older.cursor = 1;
    REQUIRE(copy.applyPulled({renamed, older}, 4));
    CHECK(p.names().contains(renamed.name));
    CHECK(p.names().contains(radio.name));
    CHECK_FALSE(p.names().contains(older.name));

    // Erased by its municipality: nothing of it stays in the copy.
    RegionPartner tomb;
    tomb.uuid = group.uuid;
    tomb.municipality = kBarbacena;
    tomb.deleted = true;
    tomb.cursor = 5;
    REQUIRE(copy.applyPulled({tomb}, 5));
    CHECK(p.names() == QStringList{renamed.name, radio.name});
    CHECK(copy.index()->size() == 2);
    QSqlQuery left(p.services->database().db());
    REQUIRE(left.exec(QStringLiteral("SELECT COUNT(*) FROM region_partners WHERE uuid = '%1'").arg(group.uuid)));
    REQUIRE(left.next());
    CHECK(left.value(0).toInt() == 0);

    // The cursor never goes back; an empty page changes nothing and says nothing.
    REQUIRE(copy.applyPulled({}, 2));
    CHECK(copy.cursor() == 5);
    CHECK(p.changes == 3);

    // A page that cannot be stored leaves the copy and the cursor as they were (one transaction).
    RegionPartner broken = entry(QStringLiteral("Sem identificador"), kBarbacena, 7);
    broken.uuid = QString();
    const Status failed = copy.applyPulled({entry(QStringLiteral("Novo parceiro"), kBarbacena, 6), broken}, 7);
    CHECK_FALSE(failed);
    CHECK(copy.cursor() == 5);
    CHECK_FALSE(p.names().contains(QStringLiteral("Novo parceiro")));
    CHECK(p.changes == 3);
}

TEST_CASE("Region partners: filters by text (accents and case aside), municipality, kind, sector and stage")
{
    Profile p;
    RegionPartners copy = p.copy();
    RegionPartner radio = entry(QStringLiteral("Rádio Comunitária Esperança FM"), kSantosDumont, 1,
                                PartnerKind::Organization, QStringLiteral("imprensa_midia"));
    radio.cnpj = kCnpj;
    REQUIRE(copy.applyPulled({entry(QStringLiteral("Escola Estadual Central"), kBarbacena, 2),
                              radio,
                              entry(QStringLiteral("Clube de Mães"), kBarbacena, 3, PartnerKind::InformalGroup,
                                    QStringLiteral("assistencia_social"), PartnerStage::Mapped),
                              entry(QStringLiteral("Maria Aparecida Souza"), kSantosDumont, 4, PartnerKind::Person,
                                    QStringLiteral("saude"), PartnerStage::Sensitized)},
                             4));
    CHECK(p.names({QStringLiteral("RADIO comunitaria")}) == QStringList{radio.name});
    CHECK(p.names({QStringLiteral("santos dumont")}).size() == 2); // the municipality's name
    CHECK(p.names({QStringLiteral("midia")}) == QStringList{radio.name});        // the sector's label
    CHECK(p.names({QStringLiteral("11222333")}) == QStringList{radio.name});     // the CNPJ
    CHECK(p.names({QStringLiteral("escola barbacena")}) == QStringList{QStringLiteral("Escola Estadual Central")});
    CHECK(p.names({QStringLiteral("nada disso")}).isEmpty());
    RegionPartnerFilter only;
    only.municipality = kBarbacena;
    CHECK(p.names(only) == QStringList{QStringLiteral("Clube de Mães"), QStringLiteral("Escola Estadual Central")});
    only.kind = partnerKindKey(PartnerKind::InformalGroup);
    CHECK(p.names(only) == QStringList{QStringLiteral("Clube de Mães")});
    RegionPartnerFilter sector;
    sector.sector = QStringLiteral("saude");
    CHECK(p.names(sector) == QStringList{QStringLiteral("Maria Aparecida Souza")});
    RegionPartnerFilter stage;
    stage.stage = partnerStageKey(PartnerStage::Active);
    CHECK(p.names(stage).size() == 2);

    const QString summary = regionPartnersSummary(copy.list().value());
    CHECK(summary.contains(QStringLiteral("4")));
    CHECK(summary.contains(QStringLiteral("2")));
    CHECK(regionPartnersSummary(copy.list(only).value()).contains(QStringLiteral("1")));
}

TEST_CASE("Region partners: what travels has no contact, and the CSV / XLSX hold none either, with the municipality")
{
    // The one rule: of a partner with every contact and consent, only the shareable part.
    const Partner full = fullPartner();
    const RegionPartner shared = regionPartnerOf(full);
    CHECK(shared.name == full.name);
    CHECK(shared.cnpj == kCnpj);
    CHECK(shared.consent);
    CHECK(shared.consentDate == QDate(2026, 3, 9));
    Partner person = fullPartner();
    person.kind = PartnerKind::Person;
    person.name = QStringLiteral("Maria Aparecida Souza");
    person.document = QStringLiteral("52998224725");
    person.consent.revokedOn = QDate(2026, 6, 1);
    const RegionPartner sharedPerson = regionPartnerOf(person);
    CHECK(sharedPerson.cnpj.isEmpty()); // a CPF never
    CHECK_FALSE(sharedPerson.consent);  // revoked: not in force
    CHECK_FALSE(sharedPerson.consentDate.isValid());

    Profile p;
    RegionPartners copy = p.copy();
    RegionPartner a = shared;
    a.cursor = 1;
    RegionPartner b = sharedPerson;
    b.uuid = newUuid();
    b.cursor = 2;
    REQUIRE(copy.applyPulled({a, b}, 2));
    const QList<RegionPartner> all = copy.list().value();
    const ProgramDefinition program = ProgramDefinition::sesMgMobilizacao();
    const ReferenceData reference = ReferenceData::embedded();

    const QString csvPath = p.dir.filePath(QStringLiteral("parceiros-da-regiao.csv"));
    REQUIRE(writeRegionPartners(all, program, reference, csvPath));
    QFile file(csvPath);
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    CHECK(bytes.startsWith("\xEF\xBB\xBF"));                 // UTF-8 with BOM (Excel pt-BR)
    const QString text = QString::fromUtf8(bytes.mid(3));
    const QString header = text.section(QStringLiteral("\r\n"), 0, 0);
    CHECK(header.startsWith(QStringLiteral("Nome;Tipo;Setor;")));
    CHECK(header.contains(QStringLiteral(";Município;")));
    CHECK(header.contains(QStringLiteral(";CNPJ;")));
    for (const QString &column : {QStringLiteral("CPF"), QStringLiteral("Telefones"), QStringLiteral("E-mail"),
                                  QStringLiteral("Pessoa de contato"), QStringLiteral("Endereço")}) {
        INFO(column.toStdString());
        CHECK_FALSE(header.split(QLatin1Char(';')).contains(column));
    }
    CHECK(text.contains(QStringLiteral("Escola Estadual Padre Anchieta;")));
    CHECK(text.contains(QStringLiteral(";Barbacena;")));  // the municipality's name
    CHECK(text.contains(QStringLiteral("09/03/2026")));    // dd/mm/aaaa
    CHECK(text.contains(QStringLiteral("11.222.333/0001-81")));
    for (const QString &secret : kPersonal) {
        INFO(secret.toStdString());
        CHECK_FALSE(text.contains(secret));
    }

    const QString xlsxPath = p.dir.filePath(QStringLiteral("parceiros-da-regiao.xlsx"));
    REQUIRE(writeRegionPartners(all, program, reference, xlsxPath));
    const QString strings = QString::fromUtf8(test::zipEntry(xlsxPath, QStringLiteral("xl/sharedStrings.xml")));
    CHECK(strings.contains(QStringLiteral("Barbacena")));
    CHECK(strings.contains(QStringLiteral("Escola Estadual Padre Anchieta")));
    for (const QString &secret : kPersonal) {
        INFO(secret.toStdString());
        CHECK_FALSE(strings.contains(secret));
    }
    const QByteArray sheet = test::zipEntry(xlsxPath, QStringLiteral("xl/worksheets/sheet1.xml"));
    CHECK_FALSE(sheet.contains("joana"));
    CHECK_FALSE(sheet.contains("52998224725"));
}

TEST_CASE("Region partners: the URS demonstration data brings partners of its own municipalities, in every stage")
{
    Profile p;
    const ReferenceData reference = ReferenceData::embedded();
    auto seeded = RegionalDemo(*p.services, ProgramDefinition::sesMgMobilizacao(), reference, p.clock).seed();
    REQUIRE(seeded);
    const QList<RegionPartner> all = p.copy().list().value();
    CHECK(seeded->partners == int(all.size()));
    QSet<QString> ours;
    for (const Municipality &m : reference.municipalitiesOfUrs(QStringLiteral("Barbacena")))
        ours.insert(m.ibge);
    QSet<QString> municipalities;
    QSet<PartnerStage> stages;
    for (const RegionPartner &r : all) {
        CHECK(ours.contains(r.municipality));
        municipalities.insert(r.municipality);
        stages.insert(r.stage);
        CHECK((r.cnpj.isEmpty() || r.kind != PartnerKind::Person));
        if (r.consent)
            CHECK(r.consentDate <= r.updatedAt.date());
    }
    CHECK(municipalities.size() == ours.size()); // 3 to 10 each
    CHECK(stages.size() == 4);
    CHECK(all.size() >= 3 * ours.size());
}

TEST_CASE("Region partners: a group's document that is not a valid CNPJ never travels, and a late page never brings back an erased partner")
{
    // An informal group registered with a person's CPF, masked (14 characters like a CNPJ),
    // or a CNPJ with a typo: neither leaves the municipality, on the wire or in the copy.
    Partner group = fullPartner();
    group.kind = PartnerKind::InformalGroup;
    for (const QString &document : {QStringLiteral("529.982.247-25"), QStringLiteral("11222333000182")}) {
        group.document = document;
        CHECK(regionPartnerOf(group).cnpj.isEmpty());
        const QByteArray wire = QJsonDocument(sync::partnerToWire(group)).toJson(QJsonDocument::Compact);
        CHECK_FALSE(wire.contains("document"));
        CHECK_FALSE(wire.contains(document.toUtf8()));
        const QByteArray withDocument = QByteArray("\"document\":\"") + document.toUtf8() + QByteArray("\",\"kind\"");
        auto back = sync::partnerFromWire(QByteArray(wire).replace(QByteArray("\"kind\""), withDocument));
        REQUIRE(back);
        CHECK(back->document.isEmpty()); // the hub keeps none of it either
    }
    // A masked valid CNPJ travels normalized.
    group.document = QStringLiteral("11.222.333/0001-81");
    CHECK(regionPartnerOf(group).cnpj == kCnpj);

    // A page of an earlier pass that arrives after the erasure changes nothing.
    Profile p;
    RegionPartners copy = p.copy();
    RegionPartner school = entry(QStringLiteral("Escola Municipal"), kBarbacena, 5);
    REQUIRE(copy.applyPulled({school}, 5));
    RegionPartner tomb;
    tomb.uuid = school.uuid;
    tomb.municipality = kBarbacena;
    tomb.deleted = true;
    tomb.cursor = 9;
    REQUIRE(copy.applyPulled({tomb}, 9));
    REQUIRE(p.names().isEmpty());
    RegionPartner late = school;
    late.cursor = 5;
    REQUIRE(copy.applyPulled({late}, 5));
    CHECK(p.names().isEmpty());
    CHECK(copy.cursor() == 9);
}
