// The national table: the 27 federative units (26 states and the Distrito Federal) and every
// Brazilian municipality (5,571, IBGE codes, coordinates), for programs that cover the whole
// country (the CONASEMS–COSEMS apoio program). Embedded from resources/reference/br_*.csv
// (public inputs, origin in resources/reference/inputs/README.md); read once, immutable.
#pragma once

#include <QList>
#include <QString>

#include <memory>
#include <optional>

#include "core/program/validation_engine.h"

namespace mobiliza::core {

struct FederativeUnit
{
    QString code;   // 2-digit IBGE code of the state ("31")
    QString uf;     // abbreviation ("MG")
    QString name;   // "Minas Gerais"
    QString region; // "Sudeste"
    double latitude = 0;
    double longitude = 0;
};

struct BrMunicipality
{
    QString ibge; // 7 digits
    QString name;
    QString uf;
    double latitude = 0;
    double longitude = 0;
    bool capital = false;
};

class BrazilReference
{
public:
    // The embedded table, parsed on first use (thread-safe). Aborts only when the build
    // itself is broken (a missing or malformed resource: the tests read it).
    static const BrazilReference &embedded();
    // Parses the two CSV files (header lines as in resources/reference); nullopt on any
    // malformed line, unknown state or repeated code.
    static std::optional<BrazilReference> fromCsv(const QByteArray &states, const QByteArray &municipalities);

    QList<FederativeUnit> units() const; // by name (pt-BR collation)
    std::optional<FederativeUnit> unit(const QString &uf) const;
    bool isUf(const QString &uf) const;

    qsizetype municipalityCount() const;
    std::optional<BrMunicipality> municipality(const QString &ibge) const;
    QString ufOf(const QString &ibge) const;                         // "" for an unknown code
    QList<BrMunicipality> municipalitiesOf(const QString &uf) const; // by name (pt-BR collation)
    // Accent-, hyphen-, apostrophe- and case-insensitive, within one state when `uf` is
    // given: exact name, prefix, word prefix, substring; IBGE code prefixes. Empty query:
    // nothing. limit <= 0: no limit.
    QList<BrMunicipality> search(const QString &query, const QString &uf = {}, int limit = 20) const;

    // Membership checks for a program of national territory.
    ReferenceChecks checks() const;

    struct Impl;

private:
    explicit BrazilReference(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> d;
};

} // namespace mobiliza::core
