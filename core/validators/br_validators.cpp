#include "core/validators/br_validators.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <array>

namespace mobiliza::core::br {

namespace {

Error fail(const char *code, const QString &message)
{
    return Error{QString::fromLatin1(code), message};
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

bool isAsciiUpperOrDigit(QChar c)
{
    return isAsciiDigit(c) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

bool allSame(const QString &s)
{
    for (const QChar c : s) {
        if (c != s.front())
            return false;
    }
    return true;
}

int digitValue(QChar c)
{
    return c.unicode() - '0';
}

// Keeps the digits; reports whether anything other than the allowed separators was found.
QString digitsOnly(const QString &input, QStringView separators, bool *clean)
{
    QString out;
    out.reserve(input.size());
    *clean = true;
    for (const QChar c : input) {
        if (isAsciiDigit(c))
            out.append(c);
        else if (!c.isSpace() && !separators.contains(c))
            *clean = false;
    }
    return out;
}

} // namespace

// ------------------------------------------------------------------- CPF

QString cpfDigits(const QString &input)
{
    QString out;
    for (const QChar c : input) {
        if (isAsciiDigit(c))
            out.append(c);
    }
    return out;
}

Result<QString> parseCpf(const QString &input)
{
    if (input.trimmed().isEmpty())
        return fail("required", QCoreApplication::translate("BrValidators", "Type the CPF (11 digits)."));
    bool clean = false;
    const QString d = digitsOnly(input, u".-", &clean);
    if (!clean)
        return fail("invalid_characters",
                    QCoreApplication::translate(
                        "BrValidators",
                        "A CPF has only digits. Remove the letters or symbols and type the 11 digits."));
    if (d.size() != 11)
        return fail(
            "wrong_length",
            QCoreApplication::translate(
                "BrValidators", "A CPF has 11 digits; you typed %1. Check the number and type all 11 digits.")
                .arg(d.size()));
    if (allSame(d))
        return fail("repeated_digits",
                    QCoreApplication::translate(
                        "BrValidators",
                        "This CPF is not valid: all its digits are the same. Type the person's real CPF."));
    for (int pos = 9; pos <= 10; ++pos) {
        int sum = 0;
        for (int i = 0; i < pos; ++i)
            sum += digitValue(d.at(i)) * (pos + 1 - i);
        const int rest = (sum * 10) % 11;
        if ((rest == 10 ? 0 : rest) != digitValue(d.at(pos)))
            return fail("check_digit",
                        QCoreApplication::translate(
                            "BrValidators",
                            "This CPF is not valid: its last two digits (check digits) do not match. "
                            "Check for a typo."));
    }
    return d;
}

bool isValidCpf(const QString &input)
{
    return parseCpf(input).ok();
}

QString formatCpf(const QString &cpf)
{
    bool clean = false;
    const QString d = digitsOnly(cpf, u".-", &clean);
    if (!clean || d.size() != 11)
        return cpf;
    return d.left(3) % QLatin1Char('.') % d.mid(3, 3) % QLatin1Char('.') % d.mid(6, 3) % QLatin1Char('-') %
           d.mid(9, 2);
}

// ------------------------------------------------------------------ CNPJ

QString cnpjNormalized(const QString &input)
{
    QString out;
    out.reserve(14);
    for (const QChar c : input) {
        if (c.isSpace() || c == QLatin1Char('.') || c == QLatin1Char('/') || c == QLatin1Char('-'))
            continue;
        out.append(c.toUpper());
    }
    return out;
}

QString cnpjCheckDigits(const QString &first12)
{
    if (first12.size() != 12)
        return {};
    for (const QChar c : first12) {
        if (!isAsciiUpperOrDigit(c))
            return {};
    }
    static constexpr std::array<int, 13> weights{6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2};
    QString body = first12;
    for (int round = 0; round < 2; ++round) {
        const int n = int(body.size()); // 12, then 13
        const int offset = int(weights.size()) - n;
        int sum = 0;
        for (int i = 0; i < n; ++i)
            sum += digitValue(body.at(i)) * weights[std::size_t(offset + i)];
        const int rest = sum % 11;
        body.append(QChar(u'0' + (rest < 2 ? 0 : 11 - rest)));
    }
    return body.right(2);
}

Result<QString> parseCnpj(const QString &input)
{
    if (input.trimmed().isEmpty())
        return fail("required",
                    QCoreApplication::translate("BrValidators", "Type the CNPJ (14 characters)."));
    const QString n = cnpjNormalized(input);
    for (const QChar c : n) {
        if (!isAsciiUpperOrDigit(c))
            return fail("invalid_characters",
                        QCoreApplication::translate(
                            "BrValidators",
                            "A CNPJ has only digits and letters. Remove the other characters and type "
                            "the 14 characters."));
    }
    if (n.size() != 14)
        return fail(
            "wrong_length",
            QCoreApplication::translate(
                "BrValidators", "A CNPJ has 14 characters; you typed %1. Check the number and type all 14.")
                .arg(n.size()));
    if (!isAsciiDigit(n.at(12)) || !isAsciiDigit(n.at(13)))
        return fail("invalid_characters",
                    QCoreApplication::translate(
                        "BrValidators",
                        "The last two characters of a CNPJ (check digits) are always digits. Check the "
                        "number."));
    if (allSame(n))
        return fail("repeated_digits",
                    QCoreApplication::translate(
                        "BrValidators", "This CNPJ is not valid: all its characters are the same. Type the "
                                        "organization's real CNPJ."));
    if (cnpjCheckDigits(n.left(12)) != n.right(2))
        return fail("check_digit",
                    QCoreApplication::translate(
                        "BrValidators",
                        "This CNPJ is not valid: its last two digits (check digits) do not match. "
                        "Check for a typo."));
    return n;
}

bool isValidCnpj(const QString &input)
{
    return parseCnpj(input).ok();
}

QString publicCnpj(const QString &document)
{
    auto parsed = parseCnpj(document);
    return parsed ? parsed.value() : QString();
}

QString formatCnpj(const QString &cnpj)
{
    const QString n = cnpjNormalized(cnpj);
    if (n.size() != 14)
        return cnpj;
    return n.left(2) % QLatin1Char('.') % n.mid(2, 3) % QLatin1Char('.') % n.mid(5, 3) % QLatin1Char('/') %
           n.mid(8, 4) % QLatin1Char('-') % n.mid(12, 2);
}

Result<QString> parseCpfOrCnpj(const QString &input)
{
    if (input.trimmed().isEmpty())
        return fail("required", QCoreApplication::translate(
                                    "BrValidators", "Type the CPF (11 digits) or the CNPJ (14 characters)."));
    const QString n = cnpjNormalized(input);
    if (n.size() == 11)
        return parseCpf(input);
    if (n.size() == 14)
        return parseCnpj(input);
    return fail(
        "wrong_length",
        QCoreApplication::translate(
            "BrValidators", "Type a CPF (11 digits) or a CNPJ (14 characters); you typed %1 characters.")
            .arg(n.size()));
}

// ----------------------------------------------------------------- phone

bool isValidAreaCode(int ddd)
{
    static constexpr std::array<int, 67> codes{
        11, 12, 13, 14, 15, 16, 17, 18, 19, // SP
        21, 22, 24, 27, 28,                 // RJ, ES
        31, 32, 33, 34, 35, 37, 38,         // MG
        41, 42, 43, 44, 45, 46, 47, 48, 49, // PR, SC
        51, 53, 54, 55,                     // RS
        61, 62, 63, 64, 65, 66, 67, 68, 69, // DF, GO, TO, MT, MS, AC, RO
        71, 73, 74, 75, 77, 79,             // BA, SE
        81, 82, 83, 84, 85, 86, 87, 88, 89, // PE, AL, PB, RN, CE, PI
        91, 92, 93, 94, 95, 96, 97, 98, 99, // PA, AM, RR, AP, MA
    };
    return std::find(codes.begin(), codes.end(), ddd) != codes.end();
}

bool isValidAreaCode(const QString &ddd)
{
    return ddd.size() == 2 && isAsciiDigit(ddd.at(0)) && isAsciiDigit(ddd.at(1)) &&
           isValidAreaCode(ddd.toInt());
}

bool isMinasGeraisAreaCode(int ddd)
{
    return (ddd >= 31 && ddd <= 35) || ddd == 37 || ddd == 38;
}

bool isMinasGeraisAreaCode(const QString &ddd)
{
    return isValidAreaCode(ddd) && isMinasGeraisAreaCode(ddd.toInt());
}

Result<PhoneNumber> parsePhone(const QString &input, const QString &defaultAreaCode)
{
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return fail("required", QCoreApplication::translate(
                                    "BrValidators",
                                    "Type the phone number with the area code (DDD), e.g. (31) 98765-4321."));
    const bool plus = trimmed.startsWith(QLatin1Char('+'));
    bool clean = false;
    QString d = digitsOnly(plus ? trimmed.mid(1) : trimmed, u"().-/", &clean);
    if (!clean)
        return fail("invalid_characters",
                    QCoreApplication::translate(
                        "BrValidators",
                        "A phone number has only digits. Remove the letters or symbols and type it like "
                        "(31) 98765-4321."));
    const auto foreign = [] {
        return fail("not_brazilian",
                    QCoreApplication::translate(
                        "BrValidators",
                        "Only Brazilian numbers (+55) are accepted. Type the number with the area code "
                        "(DDD), e.g. (31) 98765-4321."));
    };
    if (plus) {
        if (!d.startsWith(QLatin1String("55")))
            return foreign();
        d = d.mid(2);
    } else if (d.startsWith(QLatin1String("00"))) { // international prefix
        d = d.mid(2);
        if (!d.startsWith(QLatin1String("55")))
            return foreign();
        d = d.mid(2);
    } else if (d.startsWith(QLatin1Char('0'))) { // long-distance prefix, optional carrier code
        d = d.mid(1);
        if (d.size() == 12 || d.size() == 13)
            d = d.mid(2);
    } else if ((d.size() == 12 || d.size() == 13) && d.startsWith(QLatin1String("55"))) {
        d = d.mid(2);
    }
    if (d.size() == 8 || d.size() == 9) {
        if (!isValidAreaCode(defaultAreaCode))
            return fail(
                "missing_area_code",
                QCoreApplication::translate(
                    "BrValidators", "Add the area code (DDD) before the number, e.g. (31) 98765-4321."));
        d = defaultAreaCode + d;
    }
    if (d.size() != 10 && d.size() != 11)
        return fail("wrong_length",
                    QCoreApplication::translate(
                        "BrValidators",
                        "This phone number has %1 digits. Type the area code (DDD) and the number: "
                        "10 digits for a landline, 11 for a mobile.")
                        .arg(d.size()));
    PhoneNumber phone;
    phone.areaCode = d.left(2);
    phone.subscriber = d.mid(2);
    if (!isValidAreaCode(phone.areaCode))
        return fail("invalid_area_code",
                    QCoreApplication::translate(
                        "BrValidators",
                        "%1 is not a Brazilian area code (DDD). Check the first two digits; in Minas "
                        "Gerais they are 31 to 35, 37 or 38.")
                        .arg(phone.areaCode));
    const QChar first = phone.subscriber.front();
    if (phone.subscriber.size() == 9) {
        if (first != QLatin1Char('9'))
            return fail(
                "invalid_number",
                QCoreApplication::translate(
                    "BrValidators", "A mobile number has 9 digits and starts with 9. Check the number."));
        phone.kind = PhoneKind::Mobile;
    } else if (first >= QLatin1Char('2') && first <= QLatin1Char('5')) {
        phone.kind = PhoneKind::Landline;
    } else if (first >= QLatin1Char('6')) {
        const QString suggestion = QLatin1Char('(') % phone.areaCode % QLatin1String(") 9") %
                                   phone.subscriber.left(4) % QLatin1Char('-') % phone.subscriber.mid(4);
        return fail("mobile_without_nine",
                    QCoreApplication::translate(
                        "BrValidators", "Mobile numbers have 9 digits starting with 9. Add a 9 in front: %1.")
                        .arg(suggestion));
    } else {
        return fail("invalid_number",
                    QCoreApplication::translate(
                        "BrValidators", "A landline number starts with 2, 3, 4 or 5. Check the number."));
    }
    phone.e164 = QLatin1String("+55") % phone.areaCode % phone.subscriber;
    return phone;
}

bool isValidPhone(const QString &input)
{
    return parsePhone(input).ok();
}

QString formatPhone(const QString &e164)
{
    const auto phone = parsePhone(e164);
    if (!phone)
        return e164;
    const QString &s = phone->subscriber;
    const qsizetype split = s.size() - 4;
    return QLatin1Char('(') % phone->areaCode % QLatin1String(") ") % s.left(split) % QLatin1Char('-') %
           s.mid(split);
}

// ------------------------------------------------------------------- CEP

Result<QString> parseCep(const QString &input)
{
    if (input.trimmed().isEmpty())
        return fail("required",
                    QCoreApplication::translate("BrValidators", "Type the CEP (8 digits), e.g. 30130-010."));
    bool clean = false;
    const QString d = digitsOnly(input, u".-", &clean);
    if (!clean)
        return fail(
            "invalid_characters",
            QCoreApplication::translate("BrValidators", "A CEP has only digits. Type it like 30130-010."));
    if (d.size() != 8)
        return fail("wrong_length",
                    QCoreApplication::translate("BrValidators",
                                                "A CEP has 8 digits; you typed %1. Type it like 30130-010.")
                        .arg(d.size()));
    if (d == QLatin1String("00000000"))
        return fail("invalid_cep",
                    QCoreApplication::translate(
                        "BrValidators", "00000-000 is not a valid CEP. Type the CEP of the address."));
    return d;
}

bool isValidCep(const QString &input)
{
    return parseCep(input).ok();
}

QString formatCep(const QString &cep)
{
    bool clean = false;
    const QString d = digitsOnly(cep, u".-", &clean);
    if (!clean || d.size() != 8)
        return cep;
    return d.left(5) % QLatin1Char('-') % d.mid(5);
}

bool isMinasGeraisCep(const QString &cep)
{
    const auto d = parseCep(cep);
    return d && d->front() == QLatin1Char('3');
}

// ----------------------------------------------------------------- dates

Result<QDate> parseDate(const QString &input)
{
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return fail("required", QCoreApplication::translate("BrValidators",
                                                            "Type the date as dd/mm/aaaa, e.g. 05/03/2026."));
    static const QRegularExpression re(QStringLiteral("^(\\d{1,2})/(\\d{1,2})/(\\d{4})$"));
    const auto m = re.match(trimmed);
    if (!m.hasMatch())
        return fail("invalid_format",
                    QCoreApplication::translate(
                        "BrValidators",
                        "Type the date as dd/mm/aaaa (day, month and the year with 4 digits), e.g. "
                        "05/03/2026."));
    const int day = m.captured(1).toInt();
    const int month = m.captured(2).toInt();
    const int year = m.captured(3).toInt();
    if (year < 1900 || year > 2100)
        return fail("out_of_range",
                    QCoreApplication::translate(
                        "BrValidators", "The year %1 is out of range. Type a year between 1900 and 2100.")
                        .arg(year));
    if (month < 1 || month > 12)
        return fail("invalid_date",
                    QCoreApplication::translate(
                        "BrValidators",
                        "Month %1 does not exist. Type the date as dd/mm/aaaa with a month from 01 to 12.")
                        .arg(month));
    const int days = QDate(year, month, 1).daysInMonth();
    if (day < 1 || day > days)
        return fail(
            "invalid_date",
            QCoreApplication::translate(
                "BrValidators", "Day %1 does not exist in %2/%3 (that month has %4 days). Check the date.")
                .arg(day)
                .arg(month, 2, 10, QLatin1Char('0'))
                .arg(year)
                .arg(days));
    return QDate(year, month, day);
}

QString formatDate(const QDate &date)
{
    return date.isValid() ? date.toString(QStringLiteral("dd/MM/yyyy")) : QString();
}

bool dateInPeriod(const QDate &date, const Period &period)
{
    return date.isValid() && period.isValid() && date.year() == period.year && date.month() == period.month;
}

// ------------------------------------------------------------------ IBGE

int ibgeCheckDigit(const QString &sixDigits)
{
    if (sixDigits.size() != 6)
        return -1;
    int sum = 0;
    for (int i = 0; i < 6; ++i) {
        const QChar c = sixDigits.at(i);
        if (!isAsciiDigit(c))
            return -1;
        int p = digitValue(c) * (i % 2 == 0 ? 1 : 2);
        if (p > 9)
            p -= 9; // sum of the two digits of p (10..18)
        sum += p;
    }
    return (10 - sum % 10) % 10;
}

bool ibgeCheckDigitMatches(const QString &sevenDigits)
{
    if (sevenDigits.size() != 7 || !isAsciiDigit(sevenDigits.at(6)))
        return false;
    const int digit = ibgeCheckDigit(sevenDigits.left(6));
    return digit >= 0 && digit == digitValue(sevenDigits.at(6));
}

} // namespace mobiliza::core::br
