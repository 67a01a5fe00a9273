// Glue between the store and the output writers: builds the value-only
// ReportDocumentInput from a profile, and runs one export by name. Used by the
// command line (--export) and by the UI (which runs the writers in an ExportJob).
#pragma once

#include "core/domain/types.h"
#include "core/outputs/report_document.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/util/result.h"

namespace mobiliza::core {

class Services;

// Everything the PDF/CSV/XLSX writers need about one report, read on the
// calling thread (the store's); the result can be handed to a worker thread.
Result<ReportDocumentInput> buildReportDocument(Services &services, const ProgramDefinition &program,
                                                const ReferenceData &reference, const QString &reportUuid);

// kind: pdf | csv | xlsx | package (of the month's report) or partners-csv | partners-xlsx.
// A package holds the latest concluded revision; a draft must be concluded first.
Status runExport(Services &services, const ProgramDefinition &program, const ReferenceData &reference,
                 const QString &kind, const Period &period, const QString &outPath);

} // namespace mobiliza::core
