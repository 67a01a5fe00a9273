// Glue between the store and the output writers: builds the value-only
// ReportDocumentInput from a profile, and runs one export by name. Used by the
// command line (--export) and by the UI (which runs the writers in an ExportJob).
#pragma once

#include "core/domain/types.h"
#include "core/outputs/report_document.h"
#include "core/package/report_package.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/util/result.h"

namespace mobiliza::core {

class Services;

// Everything the PDF/CSV/XLSX writers need about one report, read on the
// calling thread (the store's); the result can be handed to a worker thread.
Result<ReportDocumentInput> buildReportDocument(Services &services, const ProgramDefinition &program,
                                                const ReferenceData &reference, const QString &reportUuid);

// The newest concluded revision of a report, ready to be written as a package
// file (package::writePreparedPackage, on any thread); "not_concluded" when the
// report was never concluded (a package carries a concluded revision).
Result<package::PreparedPackage> prepareLatestPackage(Services &services, const QString &reportUuid);

// The name offered for a report's file: "relatorio-Belo-Horizonte-2026-11.pdf",
// "acoes-…-2026-11.csv" / ".xlsx", "pacote-…-2026-11.mobiliza". kind as runExport's.
QString suggestedFileName(const QString &kind, const QString &municipalityName, const Period &period);

// kind: pdf | csv | xlsx | package (of the month's report) or partners-csv | partners-xlsx.
// A package holds the latest concluded revision; a draft must be concluded first.
Status runExport(Services &services, const ProgramDefinition &program, const ReferenceData &reference,
                 const QString &kind, const Period &period, const QString &outPath);

} // namespace mobiliza::core
