#include "core/panel/panel_export.h"

#include "core/outputs/output_format.h"
#include "core/outputs/table_export.h"
#include "core/reference/reference_data.h"
#include "core/regional/coverage.h"
#include "core/regional/region_partners.h"

#include <QCoreApplication>

namespace mobiliza::core {

namespace {

QString coverageLabel(const QString &key)
{
    for (CoverageState s : {CoverageState::OnTime, CoverageState::Late, CoverageState::NoActions,
                            CoverageState::Returned, CoverageState::Missing})
        if (coverageStateKey(s) == key)
            return coverageStateLabel(s);
    return key;
}

} // namespace

outputs::Table panelTable(const PanelData &data, const ReferenceData &reference)
{
    using outputs::Cell;
    outputs::Table t;
    t.sheetName = QCoreApplication::translate("PanelExport", "Painel");
    t.columns = {{QCoreApplication::translate("PanelExport", "IBGE"), 10},
                 {QCoreApplication::translate("PanelExport", "Municipality"), 28},
                 {QCoreApplication::translate("PanelExport", "URS"), 20},
                 {QCoreApplication::translate("PanelExport", "Health region"), 24},
                 {QCoreApplication::translate("PanelExport", "Macro-region"), 20},
                 {QCoreApplication::translate("PanelExport", "Month"), 10},
                 {QCoreApplication::translate("PanelExport", "Report"), 22},
                 {QCoreApplication::translate("PanelExport", "Actions"), 10},
                 {QCoreApplication::translate("PanelExport", "People reached"), 16}};
    for (const PanelCell &c : data.cells) {
        const auto m = reference.municipality(c.municipality);
        const auto regiao = m ? reference.regiao(m->regiaoCode) : std::nullopt;
        const auto macro = m ? reference.macrorregiao(m->macroCode) : std::nullopt;
        t.rows << QList<Cell>{Cell::code(c.municipality),
                              Cell::text_(m ? m->name : QString()),
                              Cell::text_(m ? m->urs : QString()),
                              Cell::text_(regiao ? regiao->name : QString()),
                              Cell::text_(macro ? macro->name : QString()),
                              Cell::code(c.period.display()),
                              Cell::text_(coverageLabel(c.coverage)),
                              Cell::integer(c.actions),
                              Cell::integer(c.people)};
    }
    return t;
}

Status writePanelTable(const PanelData &data, const ReferenceData &reference, const QString &path)
{
    const outputs::Table table = panelTable(data, reference);
    if (isXlsxPath(path))
        return outputs::writeTableXlsx(table, path);
    return outputs::writeFileAtomically(path, outputs::tableCsv(table));
}

} // namespace mobiliza::core
