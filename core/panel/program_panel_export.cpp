#include "core/panel/program_panel_export.h"

#include "core/outputs/output_format.h"
#include "core/outputs/table_export.h"
#include "core/panel/program_panel.h"
#include "core/program/program_definition.h"
#include "core/reference/brazil_reference.h"
#include "core/regional/region_partners.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <optional>

namespace mobiliza::core {

namespace {

QString labelOfCode(const ProgramDefinition &program, const QString &fieldId, const QString &code)
{
    if (code.isEmpty())
        return QCoreApplication::translate("ProgramPanelExport", "Not said");
    if (const auto f = program.field(fieldId))
        if (const auto entry = program.catalogueEntry(f->catalogue, code))
            return entry->label;
    return code;
}

QString fieldLabel(const ProgramDefinition &program, const QString &fieldId)
{
    const auto f = program.field(fieldId);
    return f ? f->label : fieldId;
}

} // namespace

outputs::Table programPanelTable(const ProgramPanelData &data, const ProgramDefinition &official,
                                 const BrazilReference &brazil)
{
    using outputs::Cell;
    const ProgramDefinition program = official.official();
    outputs::Table t;
    t.sheetName = QCoreApplication::translate("ProgramPanelExport", "Painel");
    t.columns = {{QCoreApplication::translate("ProgramPanelExport", "Figure"), 30},
                 {QCoreApplication::translate("ProgramPanelExport", "Code"), 18},
                 {QCoreApplication::translate("ProgramPanelExport", "Description"), 36},
                 {QCoreApplication::translate("ProgramPanelExport", "Value"), 10},
                 {QCoreApplication::translate("ProgramPanelExport", "Share (%)"), 10},
                 {QCoreApplication::translate("ProgramPanelExport", "Reference (%)"), 12}};
    const auto row = [&t](const QString &figure, const QString &code, const QString &description,
                          qint64 value, std::optional<double> share = {}, std::optional<int> reference = {}) {
        t.rows << QList<Cell>{Cell::text_(figure),
                              Cell::code(code),
                              Cell::text_(description),
                              Cell::integer(value),
                              share ? Cell::decimal(std::round(*share * 10) / 10) : Cell{},
                              reference ? Cell::integer(*reference) : Cell{}};
    };
    const QString place = data.filter.uf.isEmpty()
                              ? QCoreApplication::translate("ProgramPanelExport", "Brazil")
                              : data.filter.uf;
    const QString range = data.filter.from == data.filter.to
                              ? data.filter.from.display()
                              : QCoreApplication::translate("ProgramPanelExport", "%1 to %2")
                                    .arg(data.filter.from.display(), data.filter.to.display());
    const QString period = QStringLiteral("%1 · %2").arg(place, range);
    row(QCoreApplication::translate("ProgramPanelExport", "Actions"), QString(), period, data.actions);
    row(QCoreApplication::translate("ProgramPanelExport", "Participants"), QString(), period,
        data.participants);
    row(QCoreApplication::translate("ProgramPanelExport", "Reports counted"), QString(), period,
        data.reports);
    row(QCoreApplication::translate("ProgramPanelExport", "Reporting units with reports"), QString(), period,
        data.units);
    row(QCoreApplication::translate("ProgramPanelExport", "Reports whose content has not arrived"), QString(),
        period, data.reportsWaiting);
    row(QCoreApplication::translate("ProgramPanelExport", "Municipalities supported"), QString(),
        QCoreApplication::translate("ProgramPanelExport", "of %1").arg(data.territoryMunicipalities),
        data.municipalities.size(),
        data.territoryMunicipalities > 0
            ? std::optional<double>(100.0 * double(data.municipalities.size()) / data.territoryMunicipalities)
            : std::nullopt);
    row(QCoreApplication::translate("ProgramPanelExport", "Actions naming no municipality"), QString(),
        QString(), data.withoutMunicipalities);
    for (qsizetype i = 0; i < data.periods.size(); ++i)
        row(QCoreApplication::translate("ProgramPanelExport", "Actions in the period"),
            data.periods.at(i).key(), data.periods.at(i).display(), data.actionsByPeriod.at(i));
    for (const ProgramPanelBreakdown &b : data.breakdowns)
        for (const PanelCount &c : b.counts)
            row(fieldLabel(program, b.field), c.code, labelOfCode(program, b.field, c.code), c.count,
                data.actions > 0 ? std::optional<double>(100.0 * double(c.count) / double(data.actions))
                                 : std::nullopt);
    for (const ProgramPanelMix &m : data.mixes)
        for (qsizetype i = 0; i < m.counts.size(); ++i)
            row(QCoreApplication::translate("ProgramPanelExport", "%1 against the reference")
                    .arg(fieldLabel(program, m.field)),
                m.counts.at(i).code, labelOfCode(program, m.field, m.counts.at(i).code), m.counts.at(i).count,
                m.percent(i), m.shares.at(i).second);
    for (const PanelCount &c : data.byUf) {
        const auto unit = brazil.unit(c.code);
        row(QCoreApplication::translate("ProgramPanelExport", "Actions by state"), c.code,
            unit ? unit->name : QCoreApplication::translate("ProgramPanelExport", "Not said"), c.count);
    }
    for (const PanelCount &c : data.participantsByPart)
        row(QCoreApplication::translate("ProgramPanelExport", "Participants by role"), c.code,
            c.code.isEmpty() ? QCoreApplication::translate("ProgramPanelExport", "Not broken down")
                             : fieldLabel(program, c.code),
            c.count);
    row(QCoreApplication::translate("ProgramPanelExport", "Follow-ups"), QStringLiteral("open"),
        QCoreApplication::translate("ProgramPanelExport", "Open, within the date"), data.referralsOpen);
    row(QCoreApplication::translate("ProgramPanelExport", "Follow-ups"), QStringLiteral("done"),
        QCoreApplication::translate("ProgramPanelExport", "Done"), data.referralsDone);
    row(QCoreApplication::translate("ProgramPanelExport", "Follow-ups"), QStringLiteral("late"),
        QCoreApplication::translate("ProgramPanelExport", "Late (not done, date passed)"),
        data.referralsLate);
    QList<BrMunicipality> reached;
    for (auto it = data.municipalities.cbegin(); it != data.municipalities.cend(); ++it)
        if (const auto m = brazil.municipality(it.key()))
            reached << *m;
    std::sort(reached.begin(), reached.end(), [&](const BrMunicipality &a, const BrMunicipality &b) {
        const qint64 x = data.municipalities.value(a.ibge), y = data.municipalities.value(b.ibge);
        return x != y ? x > y : a.ibge < b.ibge;
    });
    for (const BrMunicipality &m : reached)
        row(QCoreApplication::translate("ProgramPanelExport", "Municipality supported"), m.ibge,
            QStringLiteral("%1 (%2)").arg(m.name, m.uf), data.municipalities.value(m.ibge));
    return t;
}

Status writeProgramPanelTable(const ProgramPanelData &data, const ProgramDefinition &program,
                              const BrazilReference &brazil, const QString &path)
{
    const outputs::Table table = programPanelTable(data, program, brazil);
    if (isXlsxPath(path))
        return outputs::writeTableXlsx(table, path);
    return outputs::writeFileAtomically(path, outputs::tableCsv(table));
}

} // namespace mobiliza::core
