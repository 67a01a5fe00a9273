// The Balanço's tables: the figures behind each chart (per month, by theme, by
// format, by público-alvo), the ranking of the municipalities and the núcleos
// per URS. Numbers in pt-BR (1.234; 12,5 %), months mm/aaaa.
#include "core/outputs/output_format.h"
#include "core/panel/balanco_pdf_p.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"

#include <QLocale>
#include <QSet>

namespace mobiliza::core::balanco_detail {

using outputs::integerBr;

namespace {

QString share(qint64 part, qint64 whole)
{
    static const QLocale ptBr(QLocale::Portuguese, QLocale::Brazil);
    return whole > 0 ? ptBr.toString(100.0 * double(part) / double(whole), 'f', 1) + QStringLiteral(" %")
                     : QStringLiteral("—");
}

// One row per code, with its share of the actions, most first (as computed).
QList<QStringList> countRows(const QList<PanelCount> &counts, const ProgramDefinition &program,
                             const QString &role, qint64 actions)
{
    QList<QStringList> rows;
    for (const PanelCount &c : counts)
        rows << QStringList{codeLabel(program, role, c.code), integerBr(c.count), share(c.count, actions)};
    return rows;
}

void months(Sheet &sheet, const PanelData &data)
{
    sheet.heading(QStringLiteral("Por mês"), pt(40));
    QList<QStringList> rows;
    for (int i = 0; i < data.periods.size(); ++i)
        rows << QStringList{data.periods.at(i).display(), integerBr(data.actions.value(i)),
                            integerBr(data.people.value(i)),
                            QStringLiteral("%1 de %2")
                                .arg(integerBr(data.reporting.value(i)), integerBr(data.tiles.expected))};
    rows << QStringList{QStringLiteral("Total"), integerBr(data.tiles.actions), integerBr(data.tiles.people),
                        QString()};
    sheet.table({{QStringLiteral("Mês"), 1, false},
                 {QStringLiteral("Ações"), 1},
                 {QStringLiteral("Pessoas alcançadas"), 1.3},
                 {QStringLiteral("Municípios que enviaram"), 1.5}},
                rows, {int(rows.size()) - 1});
}

void breakdowns(Sheet &sheet, const PanelData &data, const ProgramDefinition &program)
{
    const qint64 actions = data.tiles.actions;
    sheet.heading(QStringLiteral("Por tema (o primeiro de cada ação)"), pt(40));
    sheet.table({{QStringLiteral("Tema"), 4, false},
                 {QStringLiteral("Ações"), 1},
                 {QStringLiteral("% das ações"), 1}},
                countRows(data.stackThemes, program, field_role::Themes, actions));

    sheet.heading(QStringLiteral("Por formato"), pt(40));
    sheet.table({{QStringLiteral("Formato"), 4, false},
                 {QStringLiteral("Ações"), 1},
                 {QStringLiteral("% das ações"), 1}},
                countRows(data.byFormat, program, field_role::Format, actions));

    sheet.heading(QStringLiteral("Por público-alvo"), pt(40));
    sheet.paragraph(
        QStringLiteral("Uma ação conta uma vez em cada um dos seus públicos: as porcentagens somam mais "
                       "de 100 %."),
        makeFont(8), kMuted);
    sheet.advance(pt(4));
    sheet.table({{QStringLiteral("Público-alvo"), 4, false},
                 {QStringLiteral("Ações"), 1},
                 {QStringLiteral("% das ações"), 1}},
                countRows(data.byAudience, program, field_role::Audience, actions));
}

void ranking(Sheet &sheet, const PanelData &data, const ReferenceData &reference)
{
    sheet.heading(QStringLiteral("Municípios, da maior à menor quantidade de ações"), pt(40));
    QSet<QString> urs;
    for (const PanelRankRow &r : data.ranking)
        if (const auto m = reference.municipality(r.municipality))
            urs.insert(m->urs);
    const bool withUrs = urs.size() > 1;
    QList<Sheet::Column> columns{{QStringLiteral("Nº"), 0.5}, {QStringLiteral("Município"), 3, false}};
    if (withUrs)
        columns << Sheet::Column{QStringLiteral("URS"), 2, false};
    columns << Sheet::Column{QStringLiteral("Ações"), 1}
            << Sheet::Column{QStringLiteral("Pessoas alcançadas"), 1.4}
            << Sheet::Column{QStringLiteral("Meses enviados"), 1.2};
    QList<QStringList> rows;
    const QString months = integerBr(data.filter.months());
    for (int i = 0; i < data.ranking.size(); ++i) {
        const PanelRankRow &r = data.ranking.at(i);
        const auto m = reference.municipality(r.municipality);
        QStringList row{integerBr(i + 1), m ? m->name : r.municipality};
        if (withUrs)
            row << (m ? m->urs : QString());
        row << integerBr(r.actions) << integerBr(r.people)
            << QStringLiteral("%1 de %2").arg(integerBr(r.monthsReported), months);
        rows << row;
    }
    sheet.table(columns, rows);
}

void nucleiTable(Sheet &sheet, const PanelData &data, const QList<UrsNuclei> &nuclei)
{
    sheet.heading(QStringLiteral("Núcleos municipais por URS"), pt(40));
    sheet.paragraph(
        QStringLiteral("Ativos: municípios com ao menos uma ação contada nos 3 meses até %1. Novos: "
                       "municípios cuja primeira ação contada (desde o início dos dados desta "
                       "instalação) está entre %2.")
            .arg(data.filter.to.display(), periodRange(data.filter.from, data.filter.to)),
        makeFont(8), kMuted);
    sheet.advance(pt(4));
    QList<QStringList> rows;
    UrsNuclei total;
    for (const UrsNuclei &n : nuclei) {
        rows << QStringList{n.urs, integerBr(n.municipalities), integerBr(n.active), integerBr(n.fresh)};
        total.municipalities += n.municipalities;
        total.active += n.active;
        total.fresh += n.fresh;
    }
    QList<int> bold;
    if (nuclei.size() > 1) {
        bold << int(rows.size());
        rows << QStringList{QStringLiteral("Total"), integerBr(total.municipalities), integerBr(total.active),
                            integerBr(total.fresh)};
    }
    sheet.table({{QStringLiteral("URS"), 3, false},
                 {QStringLiteral("Municípios"), 1},
                 {QStringLiteral("Núcleos ativos"), 1.2},
                 {QStringLiteral("Núcleos novos"), 1.2}},
                rows, bold);
}

} // namespace

void writeTables(Sheet &sheet, const PanelData &data, const QList<UrsNuclei> &nuclei,
                 const ProgramDefinition &program, const ReferenceData &reference)
{
    months(sheet, data);
    nucleiTable(sheet, data, nuclei);
    breakdowns(sheet, data, program);
    ranking(sheet, data, reference);
}

} // namespace mobiliza::core::balanco_detail
