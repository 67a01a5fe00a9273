// CSV for Excel pt-BR (exact bytes) and XLSX (zip content) of the actions and of the partners.
#include <catch2/catch.hpp>

#include "tests/support/catch_qt.h"

#include "core/outputs/report_document.h"
#include "core/outputs/table_export.h"
#include "tests/core/outputs/outputs_fixture.h"
#include "tests/support/temp_dir.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

using namespace mobiliza::core;
using namespace mobiliza::test;

namespace {

ReportDocumentInput csvReport()
{
    ReportDocumentInput in;
    in.program = ProgramDefinition::sesMgMobilizacao();
    in.municipalityName = QStringLiteral("Manhuaçu");
    in.municipalityCode = QStringLiteral("3139409");
    in.partnerNames.insert(QStringLiteral("p-escola"), QStringLiteral("Escola Estadual Tiradentes"));
    in.report.municipality = in.municipalityCode;
    in.report.period = Period{2025, 3};

    Action a1;
    a1.position = 0;
    a1.values = QJsonObject{
        {QStringLiteral("title"), QStringLiteral("Palestra \"Saúde; já\"")},
        {QStringLiteral("date"), QStringLiteral("2025-03-05")},
        {QStringLiteral("end_date"), QStringLiteral("2025-03-07")},
        {QStringLiteral("themes"), QJsonArray{QStringLiteral("arboviroses"), QStringLiteral("outro")}},
        {QStringLiteral("themes_other"), QStringLiteral("Chás caseiros")},
        {QStringLiteral("format"), QStringLiteral("palestra")},
        {QStringLiteral("place"), QStringLiteral("Escola Municipal Ágata")},
        {QStringLiteral("coordinates"), QJsonObject{{QStringLiteral("lat"), -19.5}, {QStringLiteral("lon"), -42.25}}},
        {QStringLiteral("audience"), QJsonArray{QStringLiteral("1"), QStringLiteral("17")}},
        {QStringLiteral("people_reached"), 1200},
        {QStringLiteral("people_reached_estimate"), true},
        {QStringLiteral("description"), QStringLiteral("Linha 1\r\nLinha 2")},
    };
    a1.partnerUuids = {QStringLiteral("p-escola")};
    a1.photos = {Photo{}, Photo{}};
    Action a2;
    a2.position = 1;
    a2.values = QJsonObject{
        {QStringLiteral("title"), QStringLiteral("=HYPERLINK(\"http://x\";\"clique\")")},
        {QStringLiteral("date"), QStringLiteral("2025-03-20")},
        {QStringLiteral("themes"), QJsonArray{QStringLiteral("vacinacao")}},
        {QStringLiteral("format"), QStringLiteral("outro")},
        {QStringLiteral("format_other"), QStringLiteral("Cinema")},
        {QStringLiteral("place"), QStringLiteral("@Praça")},
        {QStringLiteral("audience"), QJsonArray{QStringLiteral("5")}},
        {QStringLiteral("people_reached"), 0},
        {QStringLiteral("materials"), QStringLiteral("+ folhetos")},
        {QStringLiteral("description"), QStringLiteral("-5 kg de lixo recolhido")},
    };
    in.report.actions = {a1, a2};
    return in;
}

const char kHeader[] =
    "C\xC3\xB3" "digo IBGE;Munic\xC3\xADpio;Compet\xC3\xAAncia;A\xC3\xA7\xC3\xA3o;Data;Data de t\xC3\xA9rmino;"
    "T\xC3\xADtulo;Temas;C\xC3\xB3" "digos dos temas;Formato;C\xC3\xB3" "digo do formato;Local;Latitude;Longitude;"
    "P\xC3\xBA" "blico-alvo;C\xC3\xB3" "digos do p\xC3\xBA" "blico-alvo;Pessoas alcan\xC3\xA7" "adas;Estimativa;"
    "Parceiros;Materiais;Descri\xC3\xA7\xC3\xA3o e resultados;Fotos\r\n";

QList<Partner> samplePartners()
{
    Partner person;
    person.uuid = QStringLiteral("p1");
    person.kind = PartnerKind::Person;
    person.formal = false;
    person.sector = QStringLiteral("saude");
    person.name = QStringLiteral("Ana Souza");
    person.document = QStringLiteral("52998224725");
    person.phones = {QStringLiteral("+5531999990000")};
    person.email = QStringLiteral("ana@example.org");
    person.address = QStringLiteral("Rua das Flores, 10");
    person.cep = QStringLiteral("36900000");
    person.municipality = QStringLiteral("3139409");
    person.stage = PartnerStage::Active;
    person.stageHistory = {{PartnerStage::Mapped, QDate(2025, 1, 10)}, {PartnerStage::Active, QDate(2025, 2, 1)}};
    person.consent = PartnerConsent{true, QDate(2025, 2, 1), QStringLiteral("WhatsApp"),
                                    QStringLiteral("Receber campanhas"), QDate()};
    person.notes = QStringLiteral("Liga à tarde");

    Partner school;
    school.uuid = QStringLiteral("p2");
    school.kind = PartnerKind::Organization;
    school.governmental = true;
    school.sector = QStringLiteral("educacao");
    school.name = QStringLiteral("Escola Estadual Tiradentes");
    school.document = QStringLiteral("11222333000181");
    school.contactName = QStringLiteral("Diretora Joana");
    school.phones = {QStringLiteral("+553133334444")};
    school.email = QStringLiteral("escola@example.org");
    school.municipality = QStringLiteral("3139409");
    school.stage = PartnerStage::Sensitized;
    return {person, school};
}

// Strings that must not leave the machine unless contacts are asked for.
const QStringList kContactData = {QStringLiteral("529.982.247-25"), QStringLiteral("52998224725"),
                                  QStringLiteral("ana@example.org"), QStringLiteral("escola@example.org"),
                                  QStringLiteral("99999"), QStringLiteral("3333"),
                                  QStringLiteral("Rua das Flores"), QStringLiteral("36900"),
                                  QStringLiteral("Joana"), QStringLiteral("Liga à tarde")};

} // namespace

TEST_CASE("CSV cells: quoting, plain codes and formula neutralization")
{
    using namespace mobiliza::core::outputs;
    CHECK(csvEscape(QStringLiteral("simples")) == QStringLiteral("simples"));
    CHECK(csvEscape(QStringLiteral("a;b")) == QStringLiteral("\"a;b\""));
    CHECK(csvEscape(QStringLiteral("diz \"oi\"")) == QStringLiteral("\"diz \"\"oi\"\"\""));
    CHECK(csvEscape(QStringLiteral("a\nb")) == QStringLiteral("\"a\nb\""));
    // Codes as written, never ="…": pandas, R, Power BI and Python's csv read them as they are.
    CHECK(csvCode(QStringLiteral("0123")) == QStringLiteral("0123"));
    CHECK(csvCode(QStringLiteral("3106200")) == QStringLiteral("3106200"));
    CHECK(csvCode(QStringLiteral("10/2026")) == QStringLiteral("10/2026"));
    CHECK(csvCode(QStringLiteral("1, 17")) == QStringLiteral("1, 17"));
    CHECK(csvCode(QStringLiteral("arboviroses")) == QStringLiteral("arboviroses"));
    CHECK(csvText(QStringLiteral("=1+1")) == QStringLiteral("'=1+1"));
    CHECK(csvText(QStringLiteral("+55 31")) == QStringLiteral("'+55 31"));
    CHECK(csvText(QStringLiteral("-2")) == QStringLiteral("'-2"));
    CHECK(csvText(QStringLiteral("@SUM(A1)")) == QStringLiteral("'@SUM(A1)"));
    CHECK(csvText(QStringLiteral("\tx")) == QStringLiteral("'\tx"));
    CHECK(csvText(QStringLiteral("a = b")) == QStringLiteral("a = b"));
}

TEST_CASE("CSV of the actions: exact bytes for Excel pt-BR")
{
    const QByteArray csv = actionsCsv(csvReport());
    const QByteArray expected =
        QByteArray("\xEF\xBB\xBF") + kHeader +
        QByteArray("3139409;Manhua\xC3\xA7u;03/2025;1;05/03/2025;07/03/2025;"
                   "\"Palestra \"\"Sa\xC3\xBA"
                   "de; j\xC3\xA1\"\"\";"
                   "\"Arboviroses e combate ao Aedes aegypti (dengue, zika, chikungunya, febre amarela); "
                   "Outro: Ch\xC3\xA1s caseiros\";arboviroses, outro;Palestra;palestra;"
                   "Escola Municipal \xC3\x81gata;-19,5;-42,25;"
                   "\"Comunidade em geral; Profissional da educa\xC3\xA7\xC3\xA3o\";1, 17;1200;Sim;"
                   "Escola Estadual Tiradentes;;\"Linha 1\nLinha 2\";2\r\n") +
        QByteArray("3139409;Manhua\xC3\xA7u;03/2025;2;20/03/2025;;"
                   "\"'=HYPERLINK(\"\"http://x\"\";\"\"clique\"\")\";Vacina\xC3\xA7\xC3\xA3o;vacinacao;"
                   "Outro: Cinema;outro;'@Pra\xC3\xA7"
                   "a;;;Adolescente;5;0;N\xC3\xA3o;;"
                   "'+ folhetos;'-5 kg de lixo recolhido;0\r\n");
    CHECK(csv == expected);
    CHECK(!csv.contains("sep="));
}

TEST_CASE("CSV of a report without actions is the header only")
{
    ReportDocumentInput in = csvReport();
    in.report.actions.clear();
    in.report.noActions = true;
    CHECK(actionsCsv(in) == QByteArray("\xEF\xBB\xBF") + kHeader);
}

TEST_CASE("CSV file is written atomically and a bad folder is an io error")
{
    TempDir dir;
    const QString path = dir.filePath(QStringLiteral("acoes.csv"));
    REQUIRE(writeActionsCsv(csvReport(), path).ok());
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(f.readAll() == actionsCsv(csvReport()));
    const Status bad = writeActionsCsv(csvReport(), dir.filePath(QStringLiteral("falta/acoes.csv")));
    REQUIRE(!bad.ok());
    CHECK(bad.error().code == QStringLiteral("io"));
}

TEST_CASE("XLSX of the actions: one sheet with a bold frozen header and typed cells")
{
    TempDir dir;
    const QString path = dir.filePath(QStringLiteral("acoes.xlsx"));
    REQUIRE(writeActionsXlsx(csvReport(), path).ok());
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    REQUIRE(f.read(2) == QByteArray("PK"));
    f.close();

    const QStringList entries = zipEntries(path);
    CHECK(entries.contains(QStringLiteral("xl/worksheets/sheet1.xml")));
    CHECK(entries.contains(QStringLiteral("xl/sharedStrings.xml")));

    const QString strings = QString::fromUtf8(zipEntry(path, QStringLiteral("xl/sharedStrings.xml")));
    for (const QString &s : {QStringLiteral("Código IBGE"), QStringLiteral("Título"),
                             QStringLiteral("Descrição e resultados"), QStringLiteral("Escola Municipal Ágata"),
                             QStringLiteral("Outro: Chás caseiros"), QStringLiteral("3139409"),
                             QStringLiteral("03/2025"), QStringLiteral("=HYPERLINK(")}) {
        INFO(s.toStdString());
        CHECK(strings.contains(s));
    }
    const QString sheet = QString::fromUtf8(zipEntry(path, QStringLiteral("xl/worksheets/sheet1.xml")));
    CHECK(sheet.contains(QStringLiteral("ySplit=\"1\"")));             // frozen header
    CHECK(!sheet.contains(QStringLiteral("<f>")));                     // no formulas, ever
    CHECK(sheet.contains(QRegularExpression(QStringLiteral("<c r=\"A2\"[^>]*t=\"s\"")))); // code as text
    const qint64 serial = QDate(1899, 12, 30).daysTo(QDate(2025, 3, 5));
    CHECK(sheet.contains(QRegularExpression(QStringLiteral("<c r=\"E2\"[^>]*><v>%1</v>").arg(serial))));
    CHECK(sheet.contains(QRegularExpression(QStringLiteral("<c r=\"Q2\"[^>]*><v>1200</v>"))));
    CHECK(sheet.contains(QRegularExpression(QStringLiteral("<c r=\"M2\"[^>]*><v>-19.5</v>"))));
    const QString styles = QString::fromUtf8(zipEntry(path, QStringLiteral("xl/styles.xml")));
    CHECK(styles.contains(QStringLiteral("dd/mm/yyyy")));
    CHECK(styles.contains(QStringLiteral("<b/>")));
    const QString workbook = QString::fromUtf8(zipEntry(path, QStringLiteral("xl/workbook.xml")));
    CHECK(workbook.contains(QStringLiteral("name=\"Ações\"")));
}

TEST_CASE("XLSX export into a missing folder is an io error")
{
    TempDir dir;
    const Status bad = writeActionsXlsx(csvReport(), dir.filePath(QStringLiteral("falta/acoes.xlsx")));
    REQUIRE(!bad.ok());
    CHECK(bad.error().code == QStringLiteral("io"));
}

TEST_CASE("Partners export omits contacts and the CPF of persons by default")
{
    const QList<Partner> partners = samplePartners();
    const ProgramDefinition program = ProgramDefinition::sesMgMobilizacao();
    const ReferenceData reference = ReferenceData::embedded();

    const QByteArray bytes = partnersCsv(partners, program, reference);
    CHECK(bytes.startsWith("\xEF\xBB\xBFNome;Tipo;Setor;"));
    const QString csv = QString::fromUtf8(bytes);
    CHECK(csv.contains(
        QStringLiteral("Ana Souza;Pessoa física;Saúde;Não;Não;;Manhuaçu;3139409;"
                       "Parceria ativa;01/02/2025;Sim;01/02/2025;WhatsApp;Receber campanhas;\r\n")));
    CHECK(csv.contains(QStringLiteral("Escola Estadual Tiradentes;Pessoa jurídica;Educação;Sim;Sim;"
                                      "11.222.333/0001-81;")));
    for (const QString &s : kContactData) {
        INFO(s.toStdString());
        CHECK(!csv.contains(s));
    }

    TempDir dir;
    const QString xlsx = dir.filePath(QStringLiteral("parceiros.xlsx"));
    REQUIRE(writePartnersXlsx(partners, program, reference, xlsx).ok());
    const QString strings = QString::fromUtf8(zipEntry(xlsx, QStringLiteral("xl/sharedStrings.xml")));
    const QString sheet = QString::fromUtf8(zipEntry(xlsx, QStringLiteral("xl/worksheets/sheet1.xml")));
    CHECK(strings.contains(QStringLiteral("Ana Souza")));
    CHECK(strings.contains(QStringLiteral("11.222.333/0001-81")));
    for (const QString &s : kContactData) {
        INFO(s.toStdString());
        CHECK(!strings.contains(s));
        CHECK(!sheet.contains(s));
    }
}

TEST_CASE("Partners export with contacts when asked for")
{
    const QList<Partner> partners = samplePartners();
    const ProgramDefinition program = ProgramDefinition::sesMgMobilizacao();
    const ReferenceData reference = ReferenceData::embedded();
    const QString csv = QString::fromUtf8(partnersCsv(partners, program, reference, {true}));
    CHECK(csv.contains(QStringLiteral("CPF/CNPJ")));
    CHECK(csv.contains(QStringLiteral("529.982.247-25")));
    CHECK(csv.contains(QStringLiteral("ana@example.org")));
    CHECK(csv.contains(QStringLiteral("99999")));
    CHECK(csv.contains(QStringLiteral("\"Rua das Flores, 10\"")) == false); // no ; or quote: not quoted
    CHECK(csv.contains(QStringLiteral("Rua das Flores, 10")));
    CHECK(csv.contains(QStringLiteral("36900-000")));
    CHECK(csv.contains(QStringLiteral("Diretora Joana")));

    TempDir dir;
    const QString xlsx = dir.filePath(QStringLiteral("parceiros.xlsx"));
    REQUIRE(writePartnersXlsx(partners, program, reference, xlsx, {true}).ok());
    const QString strings = QString::fromUtf8(zipEntry(xlsx, QStringLiteral("xl/sharedStrings.xml")));
    CHECK(strings.contains(QStringLiteral("ana@example.org")));
    CHECK(strings.contains(QStringLiteral("529.982.247-25")));
}
