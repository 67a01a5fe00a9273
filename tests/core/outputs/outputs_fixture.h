// A small report with generated JPEG photos, and helpers to look inside PDF / XLSX files.
#pragma once

#include "core/outputs/report_document.h"
#include "tests/support/temp_dir.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace mobiliza::test {

// Writes a JPEG (gradient, a big label, optional noise) and returns its path.
QString writeTestJpeg(const QString &path, int width, int height, const QString &label, bool noise = false);

// A report of `photosPerAction.size()` actions (SES-MG program), photos stored as JPEG files in
// `dir` and resolved by photoPath. Action i is "Ação i+1".
core::ReportDocumentInput sampleReport(const QString &dir, const QList<int> &photosPerAction,
                                       int photoWidth = 800, int photoHeight = 600);

struct ProcessOutput
{
    bool started = false;
    int exitCode = -1;
    QByteArray out;
};
ProcessOutput runTool(const QString &program, const QStringList &arguments);

QString pdfText(const QString &pdf);   // pdftotext -enc UTF-8 <pdf> -
int pdfPageCount(const QString &pdf);  // pdfinfo
int pdfImageCount(const QString &pdf); // rows of pdfimages -list
QByteArray zipEntry(const QString &zip, const QString &entry); // unzip -p, or python3 zipfile
QStringList zipEntries(const QString &zip);

} // namespace mobiliza::test
