#include <catch2/catch.hpp>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>

#include "core/reference/reference_data.h"
#include "core/util/text.h"
#include "core/validators/br_validators.h"
#include "tests/core/reference/reference_fixtures.h"
#include "tests/support/temp_dir.h"

using namespace mobiliza::core;
using mobiliza::test::editedReference;
using mobiliza::test::embeddedReferenceJson;

namespace {

QStringList names(const QList<Municipality> &list)
{
    QStringList out;
    for (const Municipality &m : list)
        out.append(m.name);
    return out;
}

QString firstName(const QList<Municipality> &list)
{
    return list.isEmpty() ? QString() : list.first().name;
}

} // namespace

TEST_CASE("Built-in table: counts and version")
{
    const ReferenceData ref = ReferenceData::embedded();
    CHECK(ref.municipalities().size() == 853);
    CHECK(ref.urs().size() == 28);
    CHECK(ref.regioes().size() == 89);
    CHECK(ref.macrorregioes().size() == 16);
    CHECK_FALSE(ref.version().isEmpty());
    CHECK(ref.revision() > 0);
    CHECK(ref.published().isValid());
    CHECK(ref.regioes().first().code == QStringLiteral("31001"));
    CHECK(ref.regioes().last().code == QStringLiteral("31102"));
    CHECK(ref.macrorregioes().first().code == QStringLiteral("3101"));
    CHECK(ref.macrorregioes().last().code == QStringLiteral("3116"));
}

TEST_CASE("Built-in table: every municipality's URS, regiao and macrorregiao resolve")
{
    const ReferenceData ref = ReferenceData::embedded();
    int uncertain = 0;
    QSet<QString> codes;
    for (const Municipality &m : ref.municipalities()) {
        INFO(m.ibge.toStdString() << " " << m.name.toStdString());
        codes.insert(m.ibge);
        const auto urs = ref.ursByName(m.urs);
        REQUIRE(urs.has_value());
        CHECK(urs->name == m.urs);
        const auto regiao = ref.regiao(m.regiaoCode);
        REQUIRE(regiao.has_value());
        CHECK(regiao->macroCode == m.macroCode);
        CHECK(regiao->urs == m.urs);
        CHECK(ref.macrorregiao(m.macroCode).has_value());
        CHECK(m.ibge.startsWith(QStringLiteral("31")));
        uncertain += m.ursUncertain ? 1 : 0;
    }
    CHECK(codes.size() == 853);
    CHECK(uncertain == 13);
    CHECK(ref.municipality(QStringLiteral("3166303"))->ursUncertain); // Sericita
    CHECK_FALSE(ref.municipality(QStringLiteral("3106200"))->ursUncertain);

    int total = 0;
    for (const Urs &u : ref.urs()) {
        CHECK(u.municipalityCount > 0);
        CHECK(ref.municipalitiesOfUrs(u.name).size() == u.municipalityCount);
        total += u.municipalityCount;
    }
    CHECK(total == 853);
    for (const RegiaoSaude &r : ref.regioes())
        CHECK(ref.macrorregiao(r.macroCode).has_value());
}

TEST_CASE("Built-in table: municipality codes are valid by membership, not check digit")
{
    const ReferenceData ref = ReferenceData::embedded();
    for (const char *code : {"3117836", "3152131"}) {
        const QString ibge = QString::fromLatin1(code);
        CHECK_FALSE(br::ibgeCheckDigitMatches(ibge));
        CHECK(ref.isValidMunicipalityCode(ibge));
    }
    CHECK(ref.municipality(QStringLiteral("3117836"))->name == QStringLiteral("Cônego Marinho"));
    CHECK(ref.municipality(QStringLiteral("3152131"))->name == QStringLiteral("Ponto Chique"));

    int passing = 0;
    for (const Municipality &m : ref.municipalities())
        passing += br::ibgeCheckDigitMatches(m.ibge) ? 1 : 0;
    CHECK(passing == 851);

    CHECK_FALSE(ref.isValidMunicipalityCode(QStringLiteral("3550308"))); // São Paulo: valid digit, not MG
    CHECK_FALSE(ref.isValidMunicipalityCode(QStringLiteral("3106201")));
    CHECK_FALSE(ref.isValidMunicipalityCode(QStringLiteral("310620"))); // 6 digits: not an IBGE code
    CHECK_FALSE(ref.isValidMunicipalityCode(QString()));
}

TEST_CASE("Built-in table: lookup by the 6-digit DATASUS code")
{
    const ReferenceData ref = ReferenceData::embedded();
    const auto bh = ref.municipality(QStringLiteral("310620"));
    REQUIRE(bh.has_value());
    CHECK(bh->ibge == QStringLiteral("3106200"));
    CHECK(bh->name == QStringLiteral("Belo Horizonte"));
    CHECK(ref.municipality(QStringLiteral("311783"))->ibge == QStringLiteral("3117836"));
    CHECK(ref.municipality(QStringLiteral(" 3106200 "))->name == QStringLiteral("Belo Horizonte"));
    CHECK_FALSE(ref.municipality(QStringLiteral("355030")).has_value());
    CHECK_FALSE(ref.municipality(QStringLiteral("31062")).has_value());
}

TEST_CASE("Search: older spellings through aliases")
{
    const ReferenceData ref = ReferenceData::embedded();
    CHECK(firstName(ref.searchMunicipalities(QStringLiteral("brasopolis"))) == QStringLiteral("Brazópolis"));
    CHECK(firstName(ref.searchMunicipalities(QStringLiteral("Brasópolis"))) == QStringLiteral("Brazópolis"));
    CHECK(firstName(ref.searchMunicipalities(QStringLiteral("sao joao del-rei"))) ==
          QStringLiteral("São João del Rei"));
    CHECK(firstName(ref.searchMunicipalities(QStringLiteral("SAO THOME"))) ==
          QStringLiteral("São Thomé das Letras"));
    CHECK(firstName(ref.searchMunicipalities(QStringLiteral("São Tomé das Letras"))) ==
          QStringLiteral("São Thomé das Letras"));
    CHECK(firstName(ref.searchMunicipalities(QStringLiteral("dona euzebia"))) ==
          QStringLiteral("Dona Eusébia"));
    CHECK(ref.municipality(QStringLiteral("3108909"))->aliases == QStringList{QStringLiteral("Brasópolis")});
}

TEST_CASE("Search: accent-, hyphen-, apostrophe- and case-insensitive")
{
    const ReferenceData ref = ReferenceData::embedded();
    CHECK(firstName(ref.searchMunicipalities(QStringLiteral("conego marinho"))) ==
          QStringLiteral("Cônego Marinho"));
    const auto accented = ref.searchMunicipalities(QStringLiteral("pará de minas"));
    const auto plain = ref.searchMunicipalities(QStringLiteral("para de minas"));
    const auto shouting = ref.searchMunicipalities(QStringLiteral("PARA-DE-MINAS"));
    REQUIRE_FALSE(accented.isEmpty());
    CHECK(accented.first().name == QStringLiteral("Pará de Minas"));
    CHECK(names(accented) == names(plain));
    CHECK(names(accented) == names(shouting));
    CHECK(firstName(ref.searchMunicipalities(QStringLiteral("pingo d'agua"))) ==
          QStringLiteral("Pingo-d'Água"));
    CHECK(firstName(ref.searchMunicipalities(QStringLiteral("pingo dagua"))) ==
          QStringLiteral("Pingo-d'Água"));
    CHECK(firstName(ref.searchMunicipalities(QStringLiteral("guarda mor"))) == QStringLiteral("Guarda-Mor"));
    CHECK(ref.searchMunicipalities(QStringLiteral("xyzzy")).isEmpty());
    CHECK(ref.searchMunicipalities(QStringLiteral("  -  ")).isEmpty());
}

TEST_CASE("Search: ranking is exact, prefix, word prefix, substring, then alphabetical")
{
    const ReferenceData ref = ReferenceData::embedded();
    const QStringList all = names(ref.searchMunicipalities(QStringLiteral("para"), 0));
    REQUIRE(all.size() > 5);
    // Names starting with "Para…" come first, alphabetically.
    qsizetype prefixEnd = 0;
    while (prefixEnd < all.size() && foldForSearch(all.at(prefixEnd)).startsWith(QStringLiteral("para")))
        ++prefixEnd;
    REQUIRE(prefixEnd >= 3);
    CHECK(all.first() == QStringLiteral("Pará de Minas"));
    for (qsizetype i = prefixEnd; i < all.size(); ++i)
        CHECK_FALSE(foldForSearch(all.at(i)).startsWith(QStringLiteral("para")));
    // Word prefix ("Além Paraíba") before substring ("Japaraíba").
    const qsizetype alem = all.indexOf(QStringLiteral("Além Paraíba"));
    const qsizetype japaraiba = all.indexOf(QStringLiteral("Japaraíba"));
    REQUIRE(alem >= prefixEnd);
    REQUIRE(japaraiba >= 0);
    CHECK(alem < japaraiba);

    // Exact before prefix: "Ubá" before "Ubaí", "Ubaporanga".
    const QStringList uba = names(ref.searchMunicipalities(QStringLiteral("uba")));
    REQUIRE(uba.size() >= 3);
    CHECK(uba.first() == QStringLiteral("Ubá"));
    CHECK(uba.indexOf(QStringLiteral("Ubaí")) > 0);
    CHECK(uba.indexOf(QStringLiteral("Ubaí")) < uba.indexOf(QStringLiteral("Ubaporanga")));

    CHECK(ref.searchMunicipalities(QStringLiteral("sa"), 5).size() == 5);
    CHECK(ref.searchMunicipalities(QStringLiteral("sa"), 0).size() > 20);
    CHECK(ref.searchMunicipalities(QStringLiteral("sa")).size() == 20);
}

TEST_CASE("Search: by IBGE code prefix")
{
    const ReferenceData ref = ReferenceData::embedded();
    const auto exact = ref.searchMunicipalities(QStringLiteral("3106200"));
    REQUIRE(exact.size() == 1);
    CHECK(exact.first().name == QStringLiteral("Belo Horizonte"));
    CHECK(firstName(ref.searchMunicipalities(QStringLiteral("310620"))) == QStringLiteral("Belo Horizonte"));
    const auto prefix = ref.searchMunicipalities(QStringLiteral("3106"), 0);
    REQUIRE(prefix.size() > 1);
    for (const Municipality &m : prefix)
        CHECK(m.ibge.startsWith(QStringLiteral("3106")));
    CHECK(ref.searchMunicipalities(QStringLiteral("3199999")).isEmpty());
}

TEST_CASE("URS: aliases and accent-insensitive lookup")
{
    const ReferenceData ref = ReferenceData::embedded();
    const auto manhumirim = ref.ursByName(QStringLiteral("manhumirim"));
    REQUIRE(manhumirim.has_value());
    CHECK(manhumirim->name == QStringLiteral("Manhuaçu"));
    CHECK(manhumirim->aliases.contains(QStringLiteral("Manhumirim")));
    CHECK(ref.ursByName(QStringLiteral("MANHUACU"))->name == QStringLiteral("Manhuaçu"));
    CHECK(ref.ursByName(QStringLiteral("sao joao del rei"))->name == QStringLiteral("São João del-Rei"));
    CHECK(ref.ursByName(QStringLiteral("Teofilo Otoni"))->municipalityCount == 32);
    CHECK_FALSE(ref.ursByName(QStringLiteral("Atlantida")).has_value());

    const auto viaAlias = ref.municipalitiesOfUrs(QStringLiteral("Manhumirim"));
    CHECK(viaAlias.size() == 34);
    CHECK(names(viaAlias) == names(ref.municipalitiesOfUrs(QStringLiteral("Manhuaçu"))));
    for (const Municipality &m : viaAlias)
        CHECK(m.urs == QStringLiteral("Manhuaçu"));
    CHECK(ref.municipalitiesOfUrs(QStringLiteral("nowhere")).isEmpty());
}

TEST_CASE("Catalogues: e-SUS code lists and mobilization themes")
{
    const ReferenceData ref = ReferenceData::embedded();
    const QStringList expected{catalogues::EsusPraticasEmSaude,       catalogues::EsusPublicoAlvo,
                               catalogues::EsusTemasParaReuniao,      catalogues::EsusTemasParaSaude,
                               catalogues::EsusTipoAtividadeColetiva, catalogues::TemasMobilizacao};
    CHECK(ref.catalogueNames() == expected);

    const auto tipos = ref.catalogue(catalogues::EsusTipoAtividadeColetiva);
    REQUIRE(tipos.size() == 7);
    CHECK(tipos.at(6).code == QStringLiteral("7"));
    CHECK(tipos.at(6).label == QStringLiteral("Mobilização social"));
    CHECK(tipos.at(6).esusCode == QStringLiteral("7"));
    CHECK(ref.catalogue(catalogues::EsusPublicoAlvo).size() == 17);
    CHECK(ref.catalogue(catalogues::EsusTemasParaSaude).size() == 18);

    const auto temas = ref.catalogue(catalogues::TemasMobilizacao);
    REQUIRE(temas.size() == 24);
    QSet<QString> codes;
    for (const CatalogueEntry &e : temas) {
        codes.insert(e.code);
        CHECK(e.active);
        CHECK_FALSE(e.label.isEmpty());
    }
    CHECK(codes.size() == 24);
    CHECK(temas.first().code == QStringLiteral("arboviroses"));
    CHECK(temas.first().esusCode == QStringLiteral("29"));
    CHECK(temas.last().code == QStringLiteral("outros"));
    CHECK(ref.catalogue(QStringLiteral("unknown")).isEmpty());
}

TEST_CASE("ReferenceData copies share their data")
{
    const ReferenceData a = ReferenceData::embedded();
    const ReferenceData b = a; // NOLINT(performance-unnecessary-copy-initialization)
    CHECK(&a.municipalities() == &b.municipalities());
    const ReferenceData empty;
    CHECK(empty.isEmpty());
    CHECK(empty.revision() == 0);
    CHECK(empty.municipalities().isEmpty());
    CHECK_FALSE(empty.municipality(QStringLiteral("3106200")).has_value());
}

TEST_CASE("fromJson refuses invalid files with a clear error")
{
    REQUIRE(ReferenceData::fromJson(embeddedReferenceJson()).ok());

    const QByteArray full = embeddedReferenceJson();
    const auto truncated = ReferenceData::fromJson(full.left(full.size() / 2));
    REQUIRE_FALSE(truncated.ok());
    CHECK(truncated.error().code == QStringLiteral("invalid_json"));
    CHECK_FALSE(truncated.error().message.isEmpty());
    CHECK(ReferenceData::fromJson(QByteArray("[1, 2]")).error().code == QStringLiteral("invalid_json"));
    CHECK(ReferenceData::fromJson(QByteArray()).error().code == QStringLiteral("invalid_json"));

    const auto schema2 = ReferenceData::fromJson(
        editedReference([](QJsonObject &root) { root.insert(QStringLiteral("schema"), 2); }));
    CHECK(schema2.error().code == QStringLiteral("unsupported_schema"));

    const auto noRevision = ReferenceData::fromJson(
        editedReference([](QJsonObject &root) { root.remove(QStringLiteral("revision")); }));
    CHECK(noRevision.error().code == QStringLiteral("invalid_reference"));

    const auto noMunicipalities = ReferenceData::fromJson(editedReference(
        [](QJsonObject &root) { root.insert(QStringLiteral("municipalities"), QJsonArray()); }));
    REQUIRE_FALSE(noMunicipalities.ok());
    CHECK(noMunicipalities.error().message.contains(QStringLiteral("municipalities")));

    const auto duplicateIbge = ReferenceData::fromJson(editedReference([](QJsonObject &root) {
        QJsonArray list = root.value(QStringLiteral("municipalities")).toArray();
        list.append(list.first());
        root.insert(QStringLiteral("municipalities"), list);
    }));
    REQUIRE_FALSE(duplicateIbge.ok());
    CHECK(duplicateIbge.error().message.contains(QStringLiteral("3100104")));

    const auto unknownUrs = ReferenceData::fromJson(editedReference([](QJsonObject &root) {
        QJsonArray list = root.value(QStringLiteral("municipalities")).toArray();
        QJsonObject first = list.first().toObject();
        first.insert(QStringLiteral("urs"), QStringLiteral("Atlântida"));
        list.replace(0, first);
        root.insert(QStringLiteral("municipalities"), list);
    }));
    REQUIRE_FALSE(unknownUrs.ok());
    CHECK(unknownUrs.error().message.contains(QStringLiteral("3100104")));

    const auto badCode = ReferenceData::fromJson(editedReference([](QJsonObject &root) {
        QJsonArray list = root.value(QStringLiteral("municipalities")).toArray();
        QJsonObject first = list.first().toObject();
        first.insert(QStringLiteral("ibge"), QStringLiteral("31001"));
        list.replace(0, first);
        root.insert(QStringLiteral("municipalities"), list);
    }));
    CHECK(badCode.error().code == QStringLiteral("invalid_reference"));

    const auto duplicateTheme = ReferenceData::fromJson(editedReference([](QJsonObject &root) {
        QJsonObject cats = root.value(QStringLiteral("catalogues")).toObject();
        QJsonArray temas = cats.value(QStringLiteral("temas_mobilizacao")).toArray();
        temas.append(temas.first());
        cats.insert(QStringLiteral("temas_mobilizacao"), temas);
        root.insert(QStringLiteral("catalogues"), cats);
    }));
    REQUIRE_FALSE(duplicateTheme.ok());
    CHECK(duplicateTheme.error().message.contains(QStringLiteral("arboviroses")));
}

TEST_CASE("The committed mg_reference.json is what build_reference.py generates")
{
    // The inputs are committed (resources/reference/inputs) and python3 is installed by
    // scripts/setup.sh: this check always runs, and fails when either is missing.
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    const QString script = mobiliza::test::sourcePath(QStringLiteral("scripts/build_reference.py"));
    const QString dataDir = mobiliza::test::sourcePath(QStringLiteral("resources/reference/inputs"));
    INFO("python3 is needed (scripts/setup.sh installs it)");
    REQUIRE_FALSE(python.isEmpty());
    for (const char *input : {"mg_municipios.csv", "mg_regionais.csv", "mg_regioes_saude.csv", "mg_urs.csv",
                              "esus_atividade_coletiva_dicionario.csv", "mobilizacao_temas_sugeridos.csv"}) {
        INFO("missing input " << input << ": run scripts/refresh_reference_inputs.sh");
        REQUIRE(QFile::exists(dataDir + QLatin1Char('/') + QLatin1String(input)));
    }
    mobiliza::test::TempDir tmp;
    const QString out = tmp.filePath(QStringLiteral("mg_reference.json"));
    QProcess process;
    process.start(python, {script, QStringLiteral("--data-dir"), dataDir, QStringLiteral("--output"), out});
    REQUIRE(process.waitForFinished(60000));
    INFO(QString::fromUtf8(process.readAllStandardError()).toStdString());
    REQUIRE(process.exitStatus() == QProcess::NormalExit);
    REQUIRE(process.exitCode() == 0);

    QFile generated(out);
    QFile committed(mobiliza::test::sourcePath(QStringLiteral("resources/reference/mg_reference.json")));
    REQUIRE(generated.open(QIODevice::ReadOnly));
    REQUIRE(committed.open(QIODevice::ReadOnly));
    const QByteArray committedBytes = committed.readAll();
    INFO("Run: python3 scripts/build_reference.py and commit resources/reference/mg_reference.json");
    CHECK(generated.readAll() == committedBytes);
    // The resource compiled into the library is the committed file.
    CHECK(embeddedReferenceJson() == committedBytes);
}

TEST_CASE(
    "The coverage target is data of the reference table: per URS, weighted for a set, refused out of range")
{
    const auto withTarget = [](const QJsonValue &target) {
        return editedReference([&](QJsonObject &root) {
            QJsonArray urs = root.value(QStringLiteral("urs")).toArray();
            for (qsizetype i = 0; i < urs.size(); ++i) {
                QJsonObject u = urs.at(i).toObject();
                if (u.value(QStringLiteral("name")).toString() == QStringLiteral("Barbacena")) {
                    u.insert(QStringLiteral("coverageTarget"), target);
                    urs.replace(i, u);
                }
            }
            root.insert(QStringLiteral("urs"), urs);
        });
    };
    auto table = ReferenceData::fromJson(withTarget(0.8));
    REQUIRE(table);
    const ReferenceData &ref = table.value();
    CHECK(ref.ursByName(QStringLiteral("Barbacena"))->coverageTarget == Approx(0.8));
    CHECK(ref.ursByName(QStringLiteral("Juiz de Fora"))->coverageTarget == Approx(1.0)); // not said: 100 %
    const QList<Municipality> barbacena = ref.municipalitiesOfUrs(QStringLiteral("Barbacena"));
    const QList<Municipality> juizDeFora = ref.municipalitiesOfUrs(QStringLiteral("Juiz de Fora"));
    CHECK(ref.coverageTarget(barbacena) == Approx(0.8));
    CHECK(ref.coverageTarget(juizDeFora) == Approx(1.0));
    // Both URS together: each municipality expected as its URS says.
    const double n = double(barbacena.size() + juizDeFora.size());
    CHECK(ref.coverageTarget(barbacena + juizDeFora) ==
          Approx((0.8 * double(barbacena.size()) + double(juizDeFora.size())) / n));
    CHECK(ref.coverageTarget({}) == Approx(1.0));
    // The embedded table says nothing: 100 % everywhere.
    CHECK(ReferenceData::embedded().coverageTarget(barbacena) == Approx(1.0));
    for (const QJsonValue &wrong :
         {QJsonValue(1.5), QJsonValue(0.0), QJsonValue(-0.2), QJsonValue(QStringLiteral("80 %"))}) {
        auto refused = ReferenceData::fromJson(withTarget(wrong));
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == QStringLiteral("invalid_reference"));
        CHECK(refused.error().message.contains(QStringLiteral("Barbacena")));
    }
}
