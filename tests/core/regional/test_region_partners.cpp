// "Parceiros da região" in a URS profile (core/regional/region_partners.h): the
// copy applies the hub's pages in one transaction (an erased partner removed, an
// older listing never over a newer one, the cursor never back), filters like the
// municipal register, and exports CSV / XLSX with the municipality's name and no
// personal contact — checked on the bytes. It holds only the URS's municipalities by
// the profile's reference table (a remapping takes a municipality's partners out and
// brings those of one that joined), and an erasure reaches the pre-migration backups.
#include "core/demo/regional_demo.h"
#include "core/domain/clock.h"
#include "core/regional/region_partners.h"
#include "core/services/services.h"
#include "tests/core/outputs/outputs_fixture.h"
#include "sync/protocol.h"
#include "tests/core/regional/remapped_reference.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <tuple>

using namespace mobiliza;
using namespace mobiliza::core;

namespace {

const QString kBarbacena = QStringLiteral("3105608");
const QString kLafaiete = QStringLiteral("3118304"); // Conselheiro Lafaiete, of the URS Barbacena too
const QString kBeloHorizonte = QStringLiteral("3106200"); // of the URS Belo Horizonte
const QString kCnpj = QStringLiteral("11222333000181");

struct Profile
{
    test::TempDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<Services> services;
    int changes = 0; // regionPartnersChanged signals
    Profile()
    {
        open();
        REQUIRE(services->profile().setRole(Role::Urs, QStringLiteral("Barbacena")));
    }
    // Opens the profile (again: it reads its reference table then).
    void open()
    {
        services.reset();
        auto opened = Services::open(dir.path(), clock);
        REQUIRE(opened);
        services = std::move(opened.value());
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
    RegionPartner radio = entry(QStringLiteral("Rádio Esperança FM"), kLafaiete, 2);
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
    RegionPartner radio = entry(QStringLiteral("Rádio Comunitária Esperança FM"), kLafaiete, 1,
                                PartnerKind::Organization, QStringLiteral("imprensa_midia"));
    radio.cnpj = kCnpj;
    REQUIRE(copy.applyPulled({entry(QStringLiteral("Escola Estadual Central"), kBarbacena, 2),
                              radio,
                              entry(QStringLiteral("Clube de Mães"), kBarbacena, 3, PartnerKind::InformalGroup,
                                    QStringLiteral("assistencia_social"), PartnerStage::Mapped),
                              entry(QStringLiteral("Maria Aparecida Souza"), kLafaiete, 4, PartnerKind::Person,
                                    QStringLiteral("saude"), PartnerStage::Sensitized)},
                             4));
    CHECK(p.names({QStringLiteral("RADIO comunitaria")}) == QStringList{radio.name});
    CHECK(p.names({QStringLiteral("conselheiro lafaiete")}).size() == 2); // the municipality's name
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

TEST_CASE("Region partners: the copy holds the URS's municipalities, a newer table that moves one away takes its partners out, and one that joined comes whole")
{
    Profile p;
    RegionPartners copy = p.copy();
    // No set recorded yet (a new profile, or the first pass after an update): the copy starts over.
    REQUIRE(copy.reconcileScope().value());
    CHECK_FALSE(copy.reconcileScope().value()); // the same municipalities: nothing to do
    const RegionPartner school = entry(QStringLiteral("Escola Estadual Central"), kBarbacena, 1);
    const RegionPartner radio = entry(QStringLiteral("Rádio Esperança FM"), kLafaiete, 2);
    const RegionPartner clinic = entry(QStringLiteral("Clínica da Família"), kBeloHorizonte, 3);
    // The hub lists by its own table, which may already say Belo Horizonte is the URS's.
    const QList<RegionPartner> listing{school, radio, clinic};
    REQUIRE(copy.applyPulled(listing, 3));
    CHECK(p.names() == QStringList{school.name, radio.name});
    CHECK(copy.cursor() == 3);

    // SES-MG moves Conselheiro Lafaiete to the URS Juiz de Fora and Belo Horizonte to Barbacena.
    test::installRemappedReference(p.dir.path(), {{kLafaiete, QStringLiteral("Juiz de Fora")},
                                                  {kBeloHorizonte, QStringLiteral("Barbacena")}});
    p.open();
    p.changes = 0;
    RegionPartners remapped = p.copy();
    REQUIRE(remapped.reconcileScope().value());
    CHECK(p.names() == QStringList{school.name}); // the municipality that left takes its partners along
    CHECK(p.changes == 1);
    QSqlQuery left(p.services->database().db());
    REQUIRE(left.exec(QStringLiteral("SELECT COUNT(*) FROM region_partners WHERE municipality = '%1'").arg(kLafaiete)));
    REQUIRE(left.next());
    CHECK(left.value(0).toInt() == 0);
    // The next pull starts from the beginning, so the municipality that joined comes whole.
    CHECK(remapped.cursor() == 0);
    REQUIRE(remapped.applyPulled(listing, 3));
    CHECK(p.names() == QStringList{school.name, clinic.name});
    CHECK_FALSE(remapped.reconcileScope().value());
    CHECK(remapped.cursor() == 3);
}

namespace {

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

} // namespace

TEST_CASE("Region partners: a pulled erasure reaches the pre-migration backups too, with an audit entry", "[lgpd]")
{
    test::TempDir dir;
    const QString erased = newUuid();
    const QString kept = newUuid();
    // A URS profile of schema 7 whose copy holds two partners…
    {
        Database::Options v7;
        v7.targetVersion = 7;
        auto old = Database::open(dir.path(), v7);
        REQUIRE(old);
        QSqlQuery insert(old.value()->db());
        REQUIRE(insert.prepare(QStringLiteral(
            "INSERT INTO region_partners (uuid, municipality, name, kind, stage, updated_at, cursor, pulled_at) "
            "VALUES (?, '3105608', ?, 'informal_group', 'active', '2026-11-01T10:00:00.000Z', ?, "
            "'2026-11-01T10:00:00.000Z')")));
        for (const auto &[uuid, name, cursor] : {std::tuple{erased, QStringLiteral("Grupo de Mães Quintanilha"), 1},
                                                 std::tuple{kept, QStringLiteral("Escola Estadual Central"), 2}}) {
            insert.addBindValue(uuid);
            insert.addBindValue(name);
            insert.addBindValue(cursor);
            INFO(insert.lastError().text().toStdString());
            REQUIRE(insert.exec());
        }
    }
    // …opened by this version: migrated, with a backup copy of schema 7.
    FixedClock clock{QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC)};
    auto opened = Services::open(dir.path(), clock);
    REQUIRE(opened);
    std::unique_ptr<Services> services = std::move(opened.value());
    REQUIRE(services->profile().setRole(Role::Urs, QStringLiteral("Barbacena")));
    const QStringList backups = services->database().backupFiles();
    REQUIRE(backups.size() == 1);
    REQUIRE(fileBytes(backups.first()).contains("Quintanilha")); // so the checks below mean something

    RegionPartner tomb;
    tomb.uuid = erased;
    tomb.municipality = kBarbacena;
    tomb.deleted = true;
    tomb.cursor = 9;
    REQUIRE(RegionPartners(*services).applyPulled({tomb}, 9));

    // Not in any file of the profile: the database, its WAL, the backup.
    QDirIterator files(dir.path(), {QStringLiteral("*.sqlite*")}, QDir::Files, QDirIterator::Subdirectories);
    int read = 0;
    while (files.hasNext()) {
        const QString path = files.next();
        INFO(path.toStdString());
        CHECK_FALSE(fileBytes(path).contains("Quintanilha"));
        ++read;
    }
    CHECK(read >= 2);
    // The backup stays, as a backup, with the other partner.
    REQUIRE(services->database().backupFiles() == backups);
    CHECK(fileBytes(backups.first()).contains("Escola Estadual Central"));
    const auto audit = services->audit().entries(QStringLiteral("region_partner"), erased);
    REQUIRE(audit.size() == 1);
    CHECK(audit[0].action == QStringLiteral("erase_backups"));
    CHECK(audit[0].detail.value(QStringLiteral("backupsChanged")).toInt() == 1);
    CHECK(audit[0].detail.value(QStringLiteral("backupsDeleted")).toInt() == 0);
    CHECK(services->audit().entries(QStringLiteral("region_partner"), kept).isEmpty());
}

TEST_CASE("Region partners: a backup older than the partners of the region is left alone by an erasure", "[lgpd]")
{
    test::TempDir dir;
    {
        Database::Options v6;
        v6.targetVersion = 6; // before region_partners existed
        REQUIRE(Database::open(dir.path(), v6));
    }
    FixedClock clock{QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC)};
    auto opened = Services::open(dir.path(), clock);
    REQUIRE(opened);
    std::unique_ptr<Services> services = std::move(opened.value());
    REQUIRE(services->profile().setRole(Role::Urs, QStringLiteral("Barbacena")));
    const QStringList backups = services->database().backupFiles();
    REQUIRE(backups.size() == 1);
    const QByteArray before = fileBytes(backups.first());

    RegionPartner tomb;
    tomb.uuid = newUuid();
    tomb.municipality = kBarbacena;
    tomb.deleted = true;
    tomb.cursor = 3;
    REQUIRE(RegionPartners(*services).applyPulled({tomb}, 3));
    // Kept, untouched: it could not hold the partner, and deleting it would lose the safety net.
    REQUIRE(services->database().backupFiles() == backups);
    CHECK(fileBytes(backups.first()) == before);
    CHECK(services->audit().entries(QStringLiteral("region_partner"), tomb.uuid).isEmpty());
}
