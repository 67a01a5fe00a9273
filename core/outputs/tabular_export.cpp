// The actions of a report and the partners register as tables (CSV, XLSX).
#include "core/outputs/output_format.h"
#include "core/outputs/report_document.h"
#include "core/outputs/table_export.h"
#include "core/validators/br_validators.h"

namespace mobiliza::core {

using namespace outputs;

namespace {

// Column widths (characters) of the actions table, in actionColumns() order.
const QList<double> kActionWidths = {11, 22, 12, 6, 11, 11, 36, 40, 24, 24, 18, 28, 11, 11,
                                     30, 16, 11, 10, 30, 30, 60, 6};

Table actionsTable(const ReportDocumentInput &in)
{
    // The SES-MG monthly report's fixed columns are made of its roles (the state's consolidation
    // reads them); a program without them (the apoio register) gets one column per field.
    if (in.program.fieldForRole(field_role::Title).isEmpty())
        return fieldsTable(in);
    Table table;
    table.sheetName = QStringLiteral("Ações");
    const QStringList headers = actionColumns();
    for (int i = 0; i < headers.size(); ++i) {
        const QString &h = headers.at(i);
        const bool wrap = h == QStringLiteral("Descrição e resultados") || h == QStringLiteral("Materiais");
        table.columns << Column{h, kActionWidths.value(i, 14), wrap};
    }
    const QString competencia = in.report.period.display();
    const QString municipalityCode = in.municipalityCode.isEmpty() ? in.report.municipality : in.municipalityCode;
    const QString semicolon = QStringLiteral("; ");
    const QString comma = QStringLiteral(", ");
    for (const ActionRow &r : actionRows(in)) {
        QList<Cell> row;
        row << Cell::code(municipalityCode) << Cell::text_(in.municipalityName) << Cell::code(competencia)
            << Cell::integer(r.number) << Cell::date_(r.date) << Cell::date_(r.endDate)
            << Cell::text_(r.title) << Cell::text_(r.themeLabels.join(semicolon))
            << Cell::code(r.themeCodes.join(comma)) << Cell::text_(r.formatLabel)
            << Cell::code(r.formatCode) << Cell::text_(r.place)
            << (r.latitude ? Cell::decimal(*r.latitude) : Cell{})
            << (r.longitude ? Cell::decimal(*r.longitude) : Cell{})
            << Cell::text_(r.audienceLabels.join(semicolon)) << Cell::code(r.audienceCodes.join(comma))
            << (r.peopleReached ? Cell::integer(*r.peopleReached) : Cell{})
            << (r.peopleReached ? Cell::text_(yesNo(r.estimate)) : Cell{})
            << Cell::text_(r.partnerNames.join(semicolon)) << Cell::text_(r.materials)
            << Cell::text_(r.description) << Cell::integer(r.photoCount);
        table.rows << row;
    }
    return table;
}

QString documentText(const QString &document)
{
    if (document.size() == 11)
        return br::formatCpf(document);
    if (document.size() == 14)
        return br::formatCnpj(document);
    return document;
}

Table partnersTable(const QList<Partner> &partners, const ProgramDefinition &program,
                    const ReferenceData &reference, PartnerExportOptions options)
{
    // The partners' sector catalogue of the program (see docs/programs.md).
    const QString sectorCatalogue = QStringLiteral("setores_parceiros");
    Table table;
    table.sheetName = QStringLiteral("Parceiros");
    table.columns = {{QStringLiteral("Nome"), 36},
                     {QStringLiteral("Tipo"), 18},
                     {QStringLiteral("Setor"), 20},
                     {QStringLiteral("Governamental"), 9},
                     {QStringLiteral("Formal"), 9},
                     {options.includeContacts ? QStringLiteral("CPF/CNPJ") : QStringLiteral("CNPJ"), 20},
                     {QStringLiteral("Município"), 22},
                     {QStringLiteral("Código IBGE"), 11},
                     {QStringLiteral("Etapa"), 16},
                     {QStringLiteral("Data da etapa"), 11},
                     {QStringLiteral("Aceita comunicações"), 11},
                     {QStringLiteral("Data do consentimento"), 11},
                     {QStringLiteral("Canal"), 14},
                     {QStringLiteral("Finalidade"), 30},
                     {QStringLiteral("Consentimento revogado em"), 11}};
    if (options.includeContacts) {
        table.columns << Column{QStringLiteral("Pessoa de contato"), 24}
                      << Column{QStringLiteral("Cargo"), 18} << Column{QStringLiteral("Telefones"), 22}
                      << Column{QStringLiteral("E-mail"), 28} << Column{QStringLiteral("Endereço"), 36}
                      << Column{QStringLiteral("CEP"), 10} << Column{QStringLiteral("Observações"), 40, true};
    }
    for (const Partner &p : partners) {
        QDate stageDate;
        for (const StageChange &change : p.stageHistory) {
            if (change.stage == p.stage && change.date.isValid())
                stageDate = change.date;
        }
        const auto sector = program.catalogueEntry(sectorCatalogue, p.sector);
        const auto municipality = reference.municipality(p.municipality);
        // An organization's CNPJ is public; a person's CPF only leaves with the contacts.
        const bool showDocument = options.includeContacts
            || (p.kind != PartnerKind::Person && p.document.size() == 14);
        const bool consentActive = p.consent.given && !p.consent.revokedOn.isValid();
        QList<Cell> row;
        row << Cell::text_(p.name) << Cell::text_(partnerKindLabel(p.kind))
            << Cell::text_(sector ? sector->label : p.sector) << Cell::text_(yesNo(p.governmental))
            << Cell::text_(yesNo(p.formal)) << Cell::code(showDocument ? documentText(p.document) : QString())
            << Cell::text_(municipality ? municipality->name : QString()) << Cell::code(p.municipality)
            << Cell::text_(partnerStageLabel(p.stage)) << Cell::date_(stageDate)
            << Cell::text_(yesNo(consentActive)) << Cell::date_(p.consent.date)
            << Cell::text_(p.consent.channel) << Cell::text_(p.consent.purpose)
            << Cell::date_(p.consent.revokedOn);
        if (options.includeContacts) {
            QStringList phones;
            for (const QString &phone : p.phones)
                phones << br::formatPhone(phone);
            row << Cell::text_(p.contactName) << Cell::text_(p.contactRole)
                << Cell::text_(phones.join(QStringLiteral("; "))) << Cell::text_(p.email)
                << Cell::text_(p.address) << Cell::code(p.cep.isEmpty() ? QString() : br::formatCep(p.cep))
                << Cell::text_(p.notes);
        }
        table.rows << row;
    }
    return table;
}

} // namespace

QByteArray actionsCsv(const ReportDocumentInput &in)
{
    return tableCsv(actionsTable(in));
}

Status writeActionsCsv(const ReportDocumentInput &in, const QString &path)
{
    return writeFileAtomically(path, actionsCsv(in));
}

Status writeActionsXlsx(const ReportDocumentInput &in, const QString &path)
{
    return writeTableXlsx(actionsTable(in), path);
}

QByteArray partnersCsv(const QList<Partner> &partners, const ProgramDefinition &program,
                       const ReferenceData &reference, PartnerExportOptions options)
{
    return tableCsv(partnersTable(partners, program, reference, options));
}

Status writePartnersCsv(const QList<Partner> &partners, const ProgramDefinition &program,
                        const ReferenceData &reference, const QString &path, PartnerExportOptions options)
{
    return writeFileAtomically(path, partnersCsv(partners, program, reference, options));
}

Status writePartnersXlsx(const QList<Partner> &partners, const ProgramDefinition &program,
                         const ReferenceData &reference, const QString &path, PartnerExportOptions options)
{
    return writeTableXlsx(partnersTable(partners, program, reference, options), path);
}

} // namespace mobiliza::core
