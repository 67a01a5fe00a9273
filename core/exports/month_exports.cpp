#include "core/exports/month_exports.h"

#include "core/domain/clock.h"

#include "core/package/report_package.h"
#include "core/services/services.h"
#include "core/util/text.h"

#include <QCoreApplication>
#include <QDir>

namespace mobiliza::core {

Result<ReportDocumentInput> buildReportDocument(Services &services, const ProgramDefinition &program,
                                                const ReferenceData &reference, const QString &reportUuid)
{
    auto report = services.reports().report(reportUuid);
    if (!report)
        return report.error();
    ReportDocumentInput in;
    in.report = report.value();
    in.program = program.official(); // the official document, whatever the window's language
    in.municipalityCode = in.report.municipality;
    if (const auto m = reference.municipality(in.municipalityCode)) {
        in.municipalityName = m->name;
        in.ursName = m->urs;
        if (const auto r = reference.regiao(m->regiaoCode))
            in.regiaoName = r->name;
    } else if (program.reportingUnit() == QLatin1String("apoiador")) {
        // The apoiador reports under its own id; the files are named by the state's COSEMS.
        in.municipalityName = QStringLiteral("Apoio COSEMS-%1").arg(services.profile().uf());
    } else {
        in.municipalityName = in.municipalityCode;
    }
    in.uf = services.profile().uf();
    in.responsible = services.profile().userName();
    in.generatedAt = services.clock().now();
    const BlobStore *blobs = &services.blobs();
    in.photoPath = [blobs](const QString &sha) { return blobs->path(sha); };
    for (const auto &action : in.report.actions)
        for (const auto &uuid : action.partnerUuids)
            if (!in.partnerNames.contains(uuid))
                if (const auto p = services.partners().partner(uuid))
                    in.partnerNames.insert(uuid, p.value().name);
    in.demo = services.profile().isDemo();
    return in;
}

Result<package::PreparedPackage> prepareLatestPackage(Services &services, const QString &reportUuid)
{
    const auto revisions = services.reports().revisions(reportUuid);
    if (revisions.isEmpty()) {
        const auto report = services.reports().report(reportUuid);
        if (!report)
            return report.error();
        return Error{QStringLiteral("not_concluded"),
                     QCoreApplication::translate("MonthExports",
                                                 "The report of %1 is still a draft. Conclude it first: a "
                                                 "package carries a concluded revision.")
                         .arg(report->period.display())};
    }
    return package::preparePackage(services, reportUuid, revisions.constLast().revision);
}

QString suggestedFileName(const QString &kind, const QString &municipalityName, const Period &period)
{
    const QString stem = fileNamePart(municipalityName) + QLatin1Char('-') + period.key();
    if (kind == QLatin1String("package"))
        return QStringLiteral("pacote-") + stem + QLatin1String(package::kExtension);
    if (kind == QLatin1String("csv") || kind == QLatin1String("xlsx"))
        return QStringLiteral("acoes-%1.%2").arg(stem, kind);
    return QStringLiteral("relatorio-%1.pdf").arg(stem);
}

Status runExport(Services &services, const ProgramDefinition &program, const ReferenceData &reference,
                 const QString &kind, const Period &period, const QString &outPath)
{
    const QString out = QDir::cleanPath(outPath);
    if (kind == QLatin1String("partners-csv"))
        return writePartnersCsv(services.partners().partners(), program, reference, out);
    if (kind == QLatin1String("partners-xlsx"))
        return writePartnersXlsx(services.partners().partners(), program, reference, out);

    const auto report = services.reports().reportFor(program.id(), period);
    if (!report)
        return Error{QStringLiteral("not_found"),
                     QCoreApplication::translate("MonthExports",
                                                 "There is no report for %1 in this profile. Check the month "
                                                 "(YYYY-MM) or create the report first.")
                         .arg(period.display())};
    if (kind == QLatin1String("package")) {
        const auto prepared = prepareLatestPackage(services, report.value().uuid);
        if (!prepared)
            return prepared.error();
        return package::writePreparedPackage(prepared.value(), out);
    }
    const auto doc = buildReportDocument(services, program, reference, report.value().uuid);
    if (!doc)
        return doc.error();
    if (kind == QLatin1String("pdf"))
        return writeReportPdf(doc.value(), out);
    if (kind == QLatin1String("csv"))
        return writeActionsCsv(doc.value(), out);
    if (kind == QLatin1String("xlsx"))
        return writeActionsXlsx(doc.value(), out);
    return Error{QStringLiteral("unknown_export"),
                 QCoreApplication::translate("MonthExports", "Unknown export \"%1\".").arg(kind)};
}

} // namespace mobiliza::core
