// The outputs of a monthly report (BRIEF §5): the official PDF, and the CSV / XLSX of its
// actions and of the partners register.
//
// Everything here works on values only (no Services, no Database), so it can run on a
// worker thread (see export_job.h). The documents themselves are in Portuguese whatever the
// language of the interface: they are official SES-MG paperwork, like the catalogue labels
// they print. Error messages go through translation as usual.
//
// Every file is written atomically: a cancelled or failed export leaves no file behind and
// never replaces a previous good file.
#pragma once

#include "core/domain/types.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QImage>
#include <QList>
#include <QString>

#include <functional>

namespace mobiliza::core {

struct ReportDocumentInput
{
    Report report;             // with its actions, their photos (ordered) and partnerUuids
    ProgramDefinition program; // labels, catalogues and roles (fieldForRole)
    QString municipalityName;
    QString municipalityCode; // IBGE
    QString ursName;
    QString regiaoName;
    QString uf;          // the apoio program's state ("BA"): its report names the state, not a municipality
    QString responsible; // "responsável"; empty → a blank line to fill by hand
    QDateTime generatedAt;
    std::function<QString(const QString &sha256)> photoPath; // file of a stored photo (BlobStore::path)
    QHash<QString, QString> partnerNames; // uuid → name (no other personal data in the report)
    bool demo = false; // print a visible "DEMONSTRAÇÃO" mark
};

// Called with the work done so far; return false to cancel.
using ProgressFn = std::function<bool(int done, int total)>;

// ------------------------------------------------------------------------ PDF
// A4, DejaVu fonts. Needs a QGuiApplication (the "offscreen" platform is enough).
// Error codes: "cancelled", "photo_missing", "photo_unreadable", "io", "no_gui".
Status writeReportPdf(const ReportDocumentInput &in, const QString &path, const ProgressFn &progress = {});

// The same pages as images, for a preview of what the URS will see: drawn by the PDF's layout at
// the PDF's resolution, so they break where the PDF's pages break, then reduced to pageWidthPx
// wide (A4 proportions, white paper, Format_RGB32). Preconditions, progress steps and errors are
// writeReportPdf's, except "io"; also "invalid_argument" (pageWidthPx < 1) and "no_memory".
// Runs on any thread; about 35 MB at a time besides the images returned.
Result<QList<QImage>> renderReportPages(const ReportDocumentInput &in, int pageWidthPx,
                                        const ProgressFn &progress = {});

// Longest side of a photo embedded in the PDF, in pixels: a photo is printed 81 mm wide (two per
// row), so 800 px is ~250 dpi. Keeps a 60-photo report near 5 MB.
inline constexpr int kPdfPhotoMaxPixels = 800;

// ---------------------------------------------------------------- CSV / XLSX
// CSV for Excel pt-BR: ';' separator, UTF-8 with BOM, CRLF, dd/mm/aaaa, decimal comma; codes are
// written as ="…" so Excel keeps them as text; user text starting with = + - @ (or a tab / CR)
// is prefixed with an apostrophe against formula injection. See docs/outputs.md.
QByteArray actionsCsv(const ReportDocumentInput &in);
Status writeActionsCsv(const ReportDocumentInput &in, const QString &path);
Status writeActionsXlsx(const ReportDocumentInput &in, const QString &path);

// BRIEF §7: by default the partners export omits the CPF of persons, contact people, phones,
// e-mail, address, CEP and notes (an organization's CNPJ stays: it is public).
struct PartnerExportOptions
{
    bool includeContacts = false;
};

QByteArray partnersCsv(const QList<Partner> &partners, const ProgramDefinition &program,
                       const ReferenceData &reference, PartnerExportOptions options = {});
Status writePartnersCsv(const QList<Partner> &partners, const ProgramDefinition &program,
                        const ReferenceData &reference, const QString &path,
                        PartnerExportOptions options = {});
Status writePartnersXlsx(const QList<Partner> &partners, const ProgramDefinition &program,
                         const ReferenceData &reference, const QString &path,
                         PartnerExportOptions options = {});

} // namespace mobiliza::core
