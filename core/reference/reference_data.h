// The Minas Gerais reference table: municipalities, URS, regiões de saúde, macrorregiões
// and the catalogues (e-SUS code lists, mobilization themes). Built by
// scripts/build_reference.py; format described in docs/reference-data.md.
//
// An immutable value: copies share the same data (cheap to copy, safe to read from any
// thread). A default-constructed ReferenceData is empty (revision 0).
#pragma once

#include <QByteArray>
#include <QDate>
#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

#include "core/domain/types.h"
#include "core/util/result.h"

namespace mobiliza::core {

// Catalogue names of the file shipped with the application.
namespace catalogues {
inline constexpr QLatin1String EsusTipoAtividadeColetiva{"esus_tipo_atividade_coletiva"};
inline constexpr QLatin1String EsusTemasParaSaude{"esus_temas_para_saude"};
inline constexpr QLatin1String EsusPublicoAlvo{"esus_publico_alvo"};
inline constexpr QLatin1String EsusPraticasEmSaude{"esus_praticas_em_saude"};
inline constexpr QLatin1String EsusTemasParaReuniao{"esus_temas_para_reuniao"};
inline constexpr QLatin1String TemasMobilizacao{"temas_mobilizacao"};
} // namespace catalogues

class ReferenceData
{
public:
    static constexpr int SchemaVersion = 1;

    ReferenceData(); // empty

    // Parses and validates a reference file: schema 1, version/revision/published present,
    // non-empty lists, unique codes, every municipality's URS/região/macro resolving.
    // The error message (pt-BR) says what is wrong and what to do.
    static Result<ReferenceData> fromJson(const QByteArray &json);
    // The table built into the application (:/reference/mg_reference.json). Parsed once.
    // Aborts only when the build itself is broken (missing or invalid resource).
    static ReferenceData embedded();

    bool isEmpty() const;
    QString version() const;
    int revision() const;
    QDate published() const;

    // Sorted by name (pt-BR collation).
    const QList<Municipality> &municipalities() const;
    // By 7-digit IBGE code or by the 6-digit DATASUS code (IBGE code without its check digit).
    std::optional<Municipality> municipality(const QString &ibge) const;
    // Membership of a 7-digit IBGE code in the table (never by check digit).
    bool isValidMunicipalityCode(const QString &ibge) const;
    // Accent-, hyphen-, apostrophe- and case-insensitive; matches names, aliases (older
    // spellings) and IBGE code prefixes. Ranked: exact, prefix, word prefix, substring;
    // ties in alphabetical order. An empty query gives an empty list; limit <= 0: no limit.
    QList<Municipality> searchMunicipalities(const QString &query, int limit = 20) const;

    // Sorted by name (pt-BR collation).
    QList<Urs> urs() const;
    // By canonical name or alias ("Manhumirim" → Manhuaçu), accent- and case-insensitive.
    std::optional<Urs> ursByName(const QString &nameOrAlias) const;
    // Sorted by name; empty for an unknown URS.
    QList<Municipality> municipalitiesOfUrs(const QString &ursNameOrAlias) const;
    // The coverage target of a set of municipalities: each URS's target weighted by how
    // many of them it has (a URS's own, for its municipalities; the state's, for all).
    // 1 for an empty set or a municipality of no known URS.
    double coverageTarget(const QList<Municipality> &municipalities) const;

    // Sorted by code.
    QList<RegiaoSaude> regioes() const;
    std::optional<RegiaoSaude> regiao(const QString &code) const;
    QList<Macrorregiao> macrorregioes() const;
    std::optional<Macrorregiao> macrorregiao(const QString &code) const;

    // Sorted names; entries in the file's (display) order; empty list for an unknown name.
    QStringList catalogueNames() const;
    QList<CatalogueEntry> catalogue(const QString &name) const;

private:
    struct Impl;
    explicit ReferenceData(std::shared_ptr<const Impl> impl);
    std::shared_ptr<const Impl> d;
};

} // namespace mobiliza::core
