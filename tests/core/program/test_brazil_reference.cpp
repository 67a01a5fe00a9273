// The national table the apoio program checks against (core/reference/brazil_reference.h).
#include <catch2/catch.hpp>

#include "core/reference/brazil_reference.h"
#include "core/reference/reference_data.h"

#include <QSet>

using namespace mobiliza::core;

TEST_CASE("The national table holds every state and municipality, the same MG as the state table")
{
    const BrazilReference &br = BrazilReference::embedded();
    CHECK(br.units().size() == 27);
    CHECK(br.municipalityCount() == 5571);
    REQUIRE(br.unit(QStringLiteral("mg")));
    CHECK(br.unit(QStringLiteral("MG"))->name == QStringLiteral("Minas Gerais"));
    CHECK(br.units().first().name == QStringLiteral("Acre")); // by name
    CHECK(br.isUf(QStringLiteral("DF")));
    CHECK_FALSE(br.isUf(QStringLiteral("XX")));

    // Every municipality of the MG table is in the national one, in MG, and no other is.
    const ReferenceData mg = ReferenceData::embedded();
    QSet<QString> mgCodes;
    for (const auto &m : mg.municipalities())
        mgCodes.insert(m.ibge);
    QSet<QString> nationalMg;
    for (const auto &m : br.municipalitiesOf(QStringLiteral("MG")))
        nationalMg.insert(m.ibge);
    CHECK(nationalMg == mgCodes);
    CHECK(br.ufOf(QStringLiteral("2927408")) == QStringLiteral("BA"));
    CHECK(br.ufOf(QStringLiteral("1234567")).isEmpty());
    CHECK(br.municipality(QStringLiteral("5300108"))->capital);
    // Boa Esperança do Norte (MT), installed in 2025, is there.
    CHECK(br.municipality(QStringLiteral("5101837"))->uf == QStringLiteral("MT"));
}

TEST_CASE("National search ignores accents, case and hyphens, within a state when asked")
{
    const BrazilReference &br = BrazilReference::embedded();
    const auto joao = br.search(QStringLiteral("sao joao del rei"));
    REQUIRE_FALSE(joao.isEmpty());
    CHECK(joao.first().ibge == QStringLiteral("3162500"));
    const auto feira = br.search(QStringLiteral("FEIRA"), QStringLiteral("BA"), 0);
    REQUIRE_FALSE(feira.isEmpty());
    CHECK(feira.first().name == QStringLiteral("Feira da Mata")); // prefix matches, by name
    for (const auto &m : feira)
        CHECK(m.uf == QStringLiteral("BA"));
    const auto byCode = br.search(QStringLiteral("29274"));
    REQUIRE(byCode.size() == 1);
    CHECK(byCode.first().name == QStringLiteral("Salvador"));
    CHECK(br.search(QStringLiteral("   ")).isEmpty());
    CHECK(br.search(QStringLiteral("a"), {}, 5).size() == 5);
}

TEST_CASE("A malformed national table is refused, not half read")
{
    const QByteArray states =
        "codigo_uf,uf,nome,latitude,longitude,regiao\n29,BA,Bahia,-13.29,-41.71,Nordeste\n";
    const QByteArray one =
        "ibge_code,name,codigo_uf,latitude,longitude,capital\n2927408,Salvador,29,-12.97,-38.50,1\n";
    REQUIRE(BrazilReference::fromCsv(states, one));
    CHECK(BrazilReference::fromCsv(states, one)->municipalityCount() == 1);
    // a municipality of a state the table does not have
    CHECK_FALSE(BrazilReference::fromCsv(
        states,
        "ibge_code,name,codigo_uf,latitude,longitude,capital\n3106200,Belo Horizonte,31,-19.9,-43.9,1\n"));
    // a code repeated, a cell missing, a bad coordinate, a code of another state's prefix
    CHECK_FALSE(BrazilReference::fromCsv(states, one + "2927408,Salvador,29,-12.97,-38.50,1\n"));
    CHECK_FALSE(BrazilReference::fromCsv(states, one + "2910800,Feira de Santana,29,-12.26\n"));
    CHECK_FALSE(BrazilReference::fromCsv(states, one + "2910800,Feira de Santana,29,norte,-38.96,0\n"));
    CHECK_FALSE(BrazilReference::fromCsv(states, one + "3110800,Feira de Santana,29,-12.26,-38.96,0\n"));
    CHECK_FALSE(BrazilReference::fromCsv(QByteArray(), one));
}
