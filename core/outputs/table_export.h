// A typed table written as CSV (plain values, for any reader) or as XLSX (typed cells); internal to
// core/outputs.
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace mobiliza::core::outputs {

struct Cell
{
    enum Kind { Empty, Text, Code, Date, Integer, Decimal };
    Kind kind = Empty;
    QString text; // Text, Code
    QDate date;   // Date
    double number = 0; // Integer, Decimal

    static Cell text_(const QString &s) { return s.isEmpty() ? Cell{} : Cell{Text, s, {}, 0}; }
    static Cell code(const QString &s) { return s.isEmpty() ? Cell{} : Cell{Code, s, {}, 0}; }
    static Cell date_(const QDate &d) { return d.isValid() ? Cell{Date, {}, d, 0} : Cell{}; }
    static Cell integer(qint64 n) { return Cell{Integer, {}, {}, double(n)}; }
    static Cell decimal(double n) { return Cell{Decimal, {}, {}, n}; }
};

struct Column
{
    QString header;
    double width = 12; // characters (XLSX)
    bool wrap = false; // long text (XLSX)
};

struct Table
{
    QString sheetName;
    QList<Column> columns;
    QList<QList<Cell>> rows;
};

// CSV cell encodings, exposed for the tests.
QString csvEscape(const QString &field); // quotes when the field holds ; " CR or LF
QString csvText(const QString &userText); // neutralizes = + - @ TAB CR at the start, then escapes
QString csvCode(const QString &code);     // as written, never a formula (="…" reaches pandas as text)

// UTF-8 with BOM, ';', CRLF, header row first. Plain values, as any CSV reader takes them: codes
// as written (leading zeros kept), dates dd/mm/aaaa, decimals with a comma; never a formula.
QByteArray tableCsv(const Table &table);
// One sheet, bold frozen header, autofilter, dates as date cells (dd/mm/yyyy), numbers as numbers,
// codes and text as strings (never formulas). Empty on failure.
QByteArray tableXlsx(const Table &table);
Status writeTableXlsx(const Table &table, const QString &path);

} // namespace mobiliza::core::outputs
