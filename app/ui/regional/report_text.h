// The report a URS reviews, as text: the header, and the actions in order with
// their fields labelled and formatted as the official PDF prints them
// (core/outputs/report_pdf_sections.cpp), as HTML for a QTextBrowser. Photos are
// links "photo:<index>" the view turns into "show this photo". Widget-free.
#pragma once

#include "core/domain/types.h"
#include "core/regional/revision_diff.h"
#include "core/program/program_definition.h"

#include <QList>
#include <QPair>
#include <QString>

namespace mobiliza::ui::regional {

// One photo of the report, numbered across it (Foto 1…N).
struct ReportPhoto
{
    int number = 0;       // Foto N
    int actionNumber = 0; // Ação N
    QString actionUuid;
    core::Photo photo;
};

QList<ReportPhoto> reportPhotos(const core::Report &report);

// A field's value as the PDF shows it (dates dd/mm/aaaa, catalogue labels, "1.234 (estimativa)").
QString fieldValue(const core::ProgramDefinition &program, const core::FieldDefinition &field,
                   const core::Action &action);

// Label / value lines, shown as a two-column block.
QString headerHtml(const QList<QPair<QString, QString>> &lines);
// The actions (or the "sem ações no mês" justification), then the month's totals.
QString actionsHtml(const core::Report &report, const core::ProgramDefinition &program);

// "What changed since revision N", side by side (before | now), for a correction.
QString diffHtml(const core::RevisionDiff &diff, const core::Report &before, const core::Report &after,
                 const core::ProgramDefinition &program);

} // namespace mobiliza::ui::regional
