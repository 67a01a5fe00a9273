// Brazilian document, phone, CEP and date rules (BRIEF §6).
//
// Every parse* function accepts what people type (masks, spaces, missing mask) and returns
// the normalized value, or an Error whose `message` is translated (context "BrValidators")
// and says what is wrong and what to type instead. `code` is machine-readable.
#pragma once

#include <QDate>
#include <QString>

#include "core/domain/types.h"
#include "core/util/result.h"

namespace mobiliza::core::br {

// ------------------------------------------------------------------- CPF
// Digits only, with every other character removed ("529.982.247-25" → "52998224725").
QString cpfDigits(const QString &input);
// 11 digits, valid mod-11 check digits, not all the same digit. Mask characters ". - space"
// are accepted; any other character (letters…) makes it invalid.
Result<QString> parseCpf(const QString &input);
bool isValidCpf(const QString &input);
// "52998224725" (or a masked CPF) → "529.982.247-25"; input returned unchanged when it
// does not hold 11 digits.
QString formatCpf(const QString &cpf);

// ------------------------------------------------------------------ CNPJ
// Numeric CNPJ and the alphanumeric CNPJ (from July 2026): 12 characters [0-9A-Z]
// (root + order) and 2 numeric check digits. Value of a character = ASCII code − 48;
// classic weights (5…2, 9…2 then 6…2, 9…2), mod 11, remainder < 2 → 0.
// Mask characters ". / - space" removed, letters upper-cased ("12.abc.345/01de-35" →
// "12ABC34501DE35"); no other character is accepted.
QString cnpjNormalized(const QString &input);
Result<QString> parseCnpj(const QString &input);
bool isValidCnpj(const QString &input);
// What of a partner's document may leave the municipality (BRIEF §7): the CNPJ,
// normalized, when it is a valid one; empty for anything else (a CPF, masked or
// not, a typo): a person's number never travels, even in a group's record.
QString publicCnpj(const QString &document);
// The two check digits of 12 root/order characters, or an empty string when the input is
// not 12 characters of [0-9A-Z].
QString cnpjCheckDigits(const QString &first12);
// "12ABC34501DE35" → "12.ABC.345/01DE-35"; input returned unchanged when it is not 14
// characters once normalized.
QString formatCnpj(const QString &cnpj);

// A partner's document: CPF (11 digits once normalized) or CNPJ (14 characters). Returns
// the normalized value.
Result<QString> parseCpfOrCnpj(const QString &input);

// ----------------------------------------------------------------- phone
enum class PhoneKind
{
    Mobile,
    Landline
};

struct PhoneNumber
{
    QString e164;       // "+5531987654321"
    QString areaCode;   // "31"
    QString subscriber; // "987654321"
    PhoneKind kind = PhoneKind::Mobile;
};

// Every Brazilian area code (DDD) in use: 67 codes between 11 and 99.
bool isValidAreaCode(int ddd);
bool isValidAreaCode(const QString &ddd);
// Minas Gerais: 31, 32, 33, 34, 35, 37, 38.
bool isMinasGeraisAreaCode(int ddd);
bool isMinasGeraisAreaCode(const QString &ddd);

// Parses what people type into E.164 (+55 DDD number). Accepts "+55", "55" before a full
// number, spaces, dots, parentheses, hyphens, and the long-distance prefix "0" + 2-digit
// carrier code ("0 21 31 98765-4321"). A mobile number has 9 digits starting with 9; a
// landline has 8 digits starting with 2–5. When the number has no area code and
// `defaultAreaCode` is given (e.g. the municipality's), that one is used.
Result<PhoneNumber> parsePhone(const QString &input, const QString &defaultAreaCode = QString());
bool isValidPhone(const QString &input);
// "+5531987654321" → "(31) 98765-4321", "+553132611234" → "(31) 3261-1234". Anything that
// does not parse is returned unchanged.
QString formatPhone(const QString &e164);

// ------------------------------------------------------------------- CEP
// 8 digits, with or without the hyphen/dot ("30130-010", "30.130-010", "30130010").
Result<QString> parseCep(const QString &input);
bool isValidCep(const QString &input);
// "30130010" → "30130-010"; input returned unchanged when it does not hold 8 digits.
QString formatCep(const QString &cep);
// 30000-000 to 39999-999.
bool isMinasGeraisCep(const QString &cep);

// ----------------------------------------------------------------- dates
// Strict dd/mm/aaaa. Day and month may have one or two digits ("1/2/2026" is accepted:
// people type it and it is not ambiguous); the year must have four digits (two-digit
// years are refused) and lie in 1900–2100; the date must exist ("31/02/2026" is refused).
// Surrounding spaces are ignored; no other separator is accepted.
Result<QDate> parseDate(const QString &input);
// "dd/MM/yyyy", or an empty string for an invalid date.
QString formatDate(const QDate &date);
// True when the date is valid and falls inside the period's month.
bool dateInPeriod(const QDate &date, const Period &period);

// ------------------------------------------------------------------ IBGE
// IBGE municipality check digit of the first 6 digits (weights 1,2,1,2,1,2; products above
// 9 have their digits summed; digit = (10 − sum mod 10) mod 10). −1 when the input is not
// 6 digits. Informative only: a few real codes (3117836, 3152131) do not follow it, so a
// municipality code is valid by membership in the reference table.
int ibgeCheckDigit(const QString &sixDigits);
// True when a 7-digit code's last digit is ibgeCheckDigit() of the first six.
bool ibgeCheckDigitMatches(const QString &sevenDigits);

} // namespace mobiliza::core::br
