#include <catch2/catch.hpp>

#include "core/util/text.h"
#include "core/validators/br_validators.h"

using namespace mobiliza::core;
using namespace mobiliza::core::br;

namespace {

// The error code of a failed parse ("" when it succeeded).
template <typename T> QString errorCode(const Result<T> &r)
{
    return r.ok() ? QString() : r.error().code;
}

} // namespace

TEST_CASE("CPF: valid numbers, with and without mask")
{
    for (const char *cpf :
         {"529.982.247-25", "52998224725", " 529 982 247 25 ", "111.444.777-35", "123.456.789-09"}) {
        INFO(cpf);
        CHECK(isValidCpf(QString::fromLatin1(cpf)));
    }
    const auto r = parseCpf(QStringLiteral("529.982.247-25"));
    REQUIRE(r.ok());
    CHECK(r.value() == QStringLiteral("52998224725"));
    CHECK(cpfDigits(QStringLiteral("529.982.247-25")) == QStringLiteral("52998224725"));
    CHECK(formatCpf(QStringLiteral("52998224725")) == QStringLiteral("529.982.247-25"));
    CHECK(formatCpf(QStringLiteral("529.982.247-25")) == QStringLiteral("529.982.247-25"));
    CHECK(formatCpf(QStringLiteral("1234")) == QStringLiteral("1234")); // not a CPF: unchanged
}

TEST_CASE("CPF: invalid numbers are refused with the reason")
{
    CHECK(errorCode(parseCpf(QStringLiteral("111.111.111-11"))) == QStringLiteral("repeated_digits"));
    CHECK(errorCode(parseCpf(QStringLiteral("00000000000"))) == QStringLiteral("repeated_digits"));
    CHECK(errorCode(parseCpf(QStringLiteral("529.982.247-26"))) == QStringLiteral("check_digit"));
    CHECK(errorCode(parseCpf(QStringLiteral("529.982.247-35"))) == QStringLiteral("check_digit"));
    CHECK(errorCode(parseCpf(QStringLiteral("5299822472"))) == QStringLiteral("wrong_length"));
    CHECK(errorCode(parseCpf(QStringLiteral("529982247251"))) == QStringLiteral("wrong_length"));
    CHECK(errorCode(parseCpf(QStringLiteral("529.982.247-2A"))) == QStringLiteral("invalid_characters"));
    CHECK(errorCode(parseCpf(QStringLiteral("   "))) == QStringLiteral("required"));

    const auto r = parseCpf(QStringLiteral("5299822472"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(QStringLiteral("11")));
    CHECK(r.error().message.contains(QStringLiteral("10")));
}

TEST_CASE("CNPJ: classic numeric vectors")
{
    for (const char *cnpj : {"11.222.333/0001-81", "11222333000181", "04.252.011/0001-10", "33000167000101",
                             "00.000.000/0001-91"}) {
        INFO(cnpj);
        CHECK(isValidCnpj(QString::fromLatin1(cnpj)));
    }
    CHECK(cnpjCheckDigits(QStringLiteral("112223330001")) == QStringLiteral("81"));
    CHECK(formatCnpj(QStringLiteral("11222333000181")) == QStringLiteral("11.222.333/0001-81"));
}

TEST_CASE("CNPJ: alphanumeric format (Receita Federal example)")
{
    const auto r = parseCnpj(QStringLiteral("12.ABC.345/01DE-35"));
    REQUIRE(r.ok());
    CHECK(r.value() == QStringLiteral("12ABC34501DE35"));
    CHECK(isValidCnpj(QStringLiteral("12ABC34501DE35")));
    // Lower case is normalized to upper case.
    const auto lower = parseCnpj(QStringLiteral("12.abc.345/01de-35"));
    REQUIRE(lower.ok());
    CHECK(lower.value() == QStringLiteral("12ABC34501DE35"));
    CHECK(cnpjCheckDigits(QStringLiteral("12ABC34501DE")) == QStringLiteral("35"));
    CHECK(cnpjCheckDigits(QStringLiteral("12ABC34501D")).isEmpty());
    CHECK(cnpjCheckDigits(QStringLiteral("12ABC34501D*")).isEmpty());
    CHECK(formatCnpj(QStringLiteral("12abc34501de35")) == QStringLiteral("12.ABC.345/01DE-35"));
    CHECK(formatCnpj(QStringLiteral("123")) == QStringLiteral("123"));
}

TEST_CASE("CNPJ: invalid values are refused with the reason")
{
    CHECK(errorCode(parseCnpj(QStringLiteral("12ABC34501DE36"))) == QStringLiteral("check_digit"));
    CHECK(errorCode(parseCnpj(QStringLiteral("11.222.333/0001-82"))) == QStringLiteral("check_digit"));
    CHECK(errorCode(parseCnpj(QStringLiteral("11111111111111"))) == QStringLiteral("repeated_digits"));
    CHECK(errorCode(parseCnpj(QStringLiteral("00.000.000/0000-00"))) == QStringLiteral("repeated_digits"));
    CHECK(errorCode(parseCnpj(QStringLiteral("1122233300018"))) == QStringLiteral("wrong_length"));
    CHECK(errorCode(parseCnpj(QStringLiteral("12ABC34501DEA5"))) == QStringLiteral("invalid_characters"));
    CHECK(errorCode(parseCnpj(QStringLiteral("12ABC34501DE3!"))) == QStringLiteral("invalid_characters"));
    CHECK(errorCode(parseCnpj(QStringLiteral("12ÁBC34501DE35"))) == QStringLiteral("invalid_characters"));
    CHECK(errorCode(parseCnpj(QString())) == QStringLiteral("required"));
}

TEST_CASE("CPF or CNPJ picks the rule by length")
{
    CHECK(parseCpfOrCnpj(QStringLiteral("529.982.247-25")).value() == QStringLiteral("52998224725"));
    CHECK(parseCpfOrCnpj(QStringLiteral("12.ABC.345/01DE-35")).value() == QStringLiteral("12ABC34501DE35"));
    CHECK(errorCode(parseCpfOrCnpj(QStringLiteral("529.982.247-26"))) == QStringLiteral("check_digit"));
    CHECK(errorCode(parseCpfOrCnpj(QStringLiteral("123456"))) == QStringLiteral("wrong_length"));
}

TEST_CASE("Phone: accepted inputs become E.164")
{
    struct Case
    {
        const char *input;
        const char *e164;
        PhoneKind kind;
    };
    const Case cases[] = {
        {"(31) 98765-4321", "+5531987654321", PhoneKind::Mobile},
        {"31987654321", "+5531987654321", PhoneKind::Mobile},
        {"+55 (31) 9 8765-4321", "+5531987654321", PhoneKind::Mobile},
        {"55 31 98765 4321", "+5531987654321", PhoneKind::Mobile},
        {"0055 31 98765-4321", "+5531987654321", PhoneKind::Mobile},
        {"031 98765-4321", "+5531987654321", PhoneKind::Mobile},
        {"0 21 31 98765-4321", "+5531987654321", PhoneKind::Mobile}, // carrier code 21
        {"(31) 3261-1234", "+553132611234", PhoneKind::Landline},
        {"+55 31 3261.1234", "+553132611234", PhoneKind::Landline},
        {"0 15 31 3261-1234", "+553132611234", PhoneKind::Landline},
        {"(55) 98765-4321", "+5555987654321", PhoneKind::Mobile}, // DDD 55 (RS), no country code
        {"(11) 2345-6789", "+551123456789", PhoneKind::Landline},
    };
    for (const Case &c : cases) {
        INFO(c.input);
        const auto r = parsePhone(QString::fromLatin1(c.input));
        REQUIRE(r.ok());
        CHECK(r->e164 == QString::fromLatin1(c.e164));
        CHECK(r->kind == c.kind);
    }
    const auto r = parsePhone(QStringLiteral("(31) 98765-4321"));
    CHECK(r->areaCode == QStringLiteral("31"));
    CHECK(r->subscriber == QStringLiteral("987654321"));
}

TEST_CASE("Phone: a number without area code uses the default one when given")
{
    CHECK(errorCode(parsePhone(QStringLiteral("98765-4321"))) == QStringLiteral("missing_area_code"));
    const auto r = parsePhone(QStringLiteral("98765-4321"), QStringLiteral("38"));
    REQUIRE(r.ok());
    CHECK(r->e164 == QStringLiteral("+5538987654321"));
    CHECK(errorCode(parsePhone(QStringLiteral("3261-1234"), QStringLiteral("20"))) ==
          QStringLiteral("missing_area_code"));
}

TEST_CASE("Phone: invalid numbers are refused with what to do")
{
    CHECK(errorCode(parsePhone(QStringLiteral("(20) 98765-4321"))) == QStringLiteral("invalid_area_code"));
    CHECK(errorCode(parsePhone(QStringLiteral("(36) 3261-1234"))) == QStringLiteral("invalid_area_code"));
    CHECK(errorCode(parsePhone(QStringLiteral("(31) 8765-4321"))) == QStringLiteral("mobile_without_nine"));
    CHECK(errorCode(parsePhone(QStringLiteral("(31) 88765-4321"))) == QStringLiteral("invalid_number"));
    CHECK(errorCode(parsePhone(QStringLiteral("(31) 1234-5678"))) == QStringLiteral("invalid_number"));
    CHECK(errorCode(parsePhone(QStringLiteral("(31) 98765-43210"))) == QStringLiteral("wrong_length"));
    CHECK(errorCode(parsePhone(QStringLiteral("12345"))) == QStringLiteral("wrong_length"));
    CHECK(errorCode(parsePhone(QStringLiteral("+1 555 123 4567"))) == QStringLiteral("not_brazilian"));
    CHECK(errorCode(parsePhone(QStringLiteral("(31) 9876S-4321"))) == QStringLiteral("invalid_characters"));
    CHECK(errorCode(parsePhone(QString())) == QStringLiteral("required"));
    CHECK_FALSE(isValidPhone(QStringLiteral("(31) 8765-4321")));

    const auto r = parsePhone(QStringLiteral("(31) 8765-4321"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(QStringLiteral("(31) 98765-4321"))); // suggests the fix
}

TEST_CASE("Phone: display format")
{
    CHECK(formatPhone(QStringLiteral("+5531987654321")) == QStringLiteral("(31) 98765-4321"));
    CHECK(formatPhone(QStringLiteral("+553132611234")) == QStringLiteral("(31) 3261-1234"));
    CHECK(formatPhone(QStringLiteral("not a phone")) == QStringLiteral("not a phone"));
}

TEST_CASE("Area codes: every Brazilian DDD, and the Minas Gerais ones")
{
    int valid = 0;
    for (int ddd = 0; ddd <= 100; ++ddd)
        valid += isValidAreaCode(ddd) ? 1 : 0;
    CHECK(valid == 67);
    for (int ddd : {11, 21, 27, 31, 61, 69, 79, 99})
        CHECK(isValidAreaCode(ddd));
    for (int ddd : {10, 20, 23, 25, 26, 29, 30, 36, 39, 40, 50, 52, 56, 60, 70, 72, 76, 78, 80, 90})
        CHECK_FALSE(isValidAreaCode(ddd));

    QList<int> mg;
    for (int ddd = 0; ddd <= 100; ++ddd) {
        if (isMinasGeraisAreaCode(ddd))
            mg.append(ddd);
    }
    CHECK(mg == QList<int>{31, 32, 33, 34, 35, 37, 38});
    CHECK(isMinasGeraisAreaCode(QStringLiteral("37")));
    CHECK_FALSE(isMinasGeraisAreaCode(QStringLiteral("36")));
    CHECK_FALSE(isMinasGeraisAreaCode(QStringLiteral("3")));
    CHECK_FALSE(isValidAreaCode(QStringLiteral("3a")));
}

TEST_CASE("CEP: parse, format and the Minas Gerais range")
{
    CHECK(parseCep(QStringLiteral("30130-010")).value() == QStringLiteral("30130010"));
    CHECK(parseCep(QStringLiteral("30.130-010")).value() == QStringLiteral("30130010"));
    CHECK(parseCep(QStringLiteral("30130010")).value() == QStringLiteral("30130010"));
    CHECK(formatCep(QStringLiteral("30130010")) == QStringLiteral("30130-010"));
    CHECK(formatCep(QStringLiteral("301")) == QStringLiteral("301"));

    CHECK(isMinasGeraisCep(QStringLiteral("30000-000")));
    CHECK(isMinasGeraisCep(QStringLiteral("39999-999")));
    CHECK(isMinasGeraisCep(QStringLiteral("36010-000")));
    CHECK_FALSE(isMinasGeraisCep(QStringLiteral("29999-999")));
    CHECK_FALSE(isMinasGeraisCep(QStringLiteral("40000-000")));
    CHECK_FALSE(isMinasGeraisCep(QStringLiteral("01310-100")));
    CHECK_FALSE(isMinasGeraisCep(QStringLiteral("3013001")));

    CHECK(errorCode(parseCep(QStringLiteral("3013001"))) == QStringLiteral("wrong_length"));
    CHECK(errorCode(parseCep(QStringLiteral("301300100"))) == QStringLiteral("wrong_length"));
    CHECK(errorCode(parseCep(QStringLiteral("3013O-010"))) == QStringLiteral("invalid_characters"));
    CHECK(errorCode(parseCep(QStringLiteral("00000-000"))) == QStringLiteral("invalid_cep"));
    CHECK(errorCode(parseCep(QString())) == QStringLiteral("required"));
    CHECK_FALSE(isValidCep(QStringLiteral("3013001")));
}

TEST_CASE("Dates: strict dd/mm/aaaa")
{
    CHECK(parseDate(QStringLiteral("05/03/2026")).value() == QDate(2026, 3, 5));
    CHECK(parseDate(QStringLiteral(" 31/12/2025 ")).value() == QDate(2025, 12, 31));
    CHECK(parseDate(QStringLiteral("1/2/2026")).value() == QDate(2026, 2, 1)); // documented: accepted
    CHECK(parseDate(QStringLiteral("29/02/2024")).value() == QDate(2024, 2, 29));

    CHECK(errorCode(parseDate(QStringLiteral("31/02/2026"))) == QStringLiteral("invalid_date"));
    CHECK(errorCode(parseDate(QStringLiteral("29/02/2026"))) == QStringLiteral("invalid_date"));
    CHECK(errorCode(parseDate(QStringLiteral("31/04/2026"))) == QStringLiteral("invalid_date"));
    CHECK(errorCode(parseDate(QStringLiteral("00/01/2026"))) == QStringLiteral("invalid_date"));
    CHECK(errorCode(parseDate(QStringLiteral("10/13/2026"))) == QStringLiteral("invalid_date"));
    CHECK(errorCode(parseDate(QStringLiteral("2026-02-01"))) == QStringLiteral("invalid_format"));
    CHECK(errorCode(parseDate(QStringLiteral("01/02/26"))) == QStringLiteral("invalid_format"));
    CHECK(errorCode(parseDate(QStringLiteral("01-02-2026"))) == QStringLiteral("invalid_format"));
    CHECK(errorCode(parseDate(QStringLiteral("001/02/2026"))) == QStringLiteral("invalid_format"));
    CHECK(errorCode(parseDate(QStringLiteral("01/02/1850"))) == QStringLiteral("out_of_range"));
    CHECK(errorCode(parseDate(QString())) == QStringLiteral("required"));

    const auto r = parseDate(QStringLiteral("31/02/2026"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(QStringLiteral("28")));

    CHECK(formatDate(QDate(2026, 3, 5)) == QStringLiteral("05/03/2026"));
    CHECK(formatDate(QDate()).isEmpty());
}

TEST_CASE("Dates: inside a reporting period")
{
    const Period march{2026, 3};
    CHECK(dateInPeriod(QDate(2026, 3, 1), march));
    CHECK(dateInPeriod(QDate(2026, 3, 31), march));
    CHECK_FALSE(dateInPeriod(QDate(2026, 2, 28), march));
    CHECK_FALSE(dateInPeriod(QDate(2026, 4, 1), march));
    CHECK_FALSE(dateInPeriod(QDate(2025, 3, 15), march));
    CHECK_FALSE(dateInPeriod(QDate(), march));
    CHECK_FALSE(dateInPeriod(QDate(2026, 3, 1), Period{2026, 13}));
}

TEST_CASE("IBGE check digit")
{
    CHECK(ibgeCheckDigit(QStringLiteral("310620")) == 0); // Belo Horizonte 3106200
    CHECK(ibgeCheckDigitMatches(QStringLiteral("3106200")));
    CHECK(ibgeCheckDigitMatches(QStringLiteral("3550308"))); // São Paulo
    CHECK_FALSE(ibgeCheckDigitMatches(QStringLiteral("3106201")));
    // Real municipalities that do not follow the rule.
    CHECK_FALSE(ibgeCheckDigitMatches(QStringLiteral("3117836")));
    CHECK_FALSE(ibgeCheckDigitMatches(QStringLiteral("3152131")));
    CHECK(ibgeCheckDigit(QStringLiteral("31062")) == -1);
    CHECK(ibgeCheckDigit(QStringLiteral("31062a")) == -1);
    CHECK_FALSE(ibgeCheckDigitMatches(QStringLiteral("310620")));
}

TEST_CASE("Search folding")
{
    CHECK(foldForSearch(QStringLiteral("São João del-Rei")) == QStringLiteral("sao joao del rei"));
    CHECK(foldForSearch(QStringLiteral("Pingo-d'Água")) == QStringLiteral("pingo d agua"));
    CHECK(foldForSearch(QStringLiteral("  PARÁ   de  Minas ")) == QStringLiteral("para de minas"));
    CHECK(foldForSearch(QStringLiteral("Cônego Marinho")) == QStringLiteral("conego marinho"));
    CHECK(foldForSearch(QStringLiteral("Açaí, ÇÃO; ü")) == QStringLiteral("acai cao u"));
    CHECK(foldForSearch(QStringLiteral("-'.")).isEmpty());
    CHECK(foldCompact(QStringLiteral("Olhos d'Água")) == QStringLiteral("olhosdagua"));
}
