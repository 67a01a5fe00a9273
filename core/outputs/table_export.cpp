#include "core/outputs/table_export.h"

#include "core/outputs/output_format.h"

#include <QBuffer>
#include <QDateTime>
#include <QHash>
#include <QXmlStreamWriter>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

namespace mobiliza::core::outputs {

namespace {

QString normalizeNewlines(QString s)
{
    s.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    s.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return s;
}

// Excel's cell limit.
constexpr int kMaxCellText = 32767;

QString csvCell(const Cell &cell)
{
    switch (cell.kind) {
    case Cell::Empty: return {};
    case Cell::Text: return csvText(cell.text);
    case Cell::Code: return csvCode(cell.text);
    case Cell::Date: return dateBr(cell.date);
    case Cell::Integer: return QString::number(qint64(cell.number));
    case Cell::Decimal: return decimalBr(cell.number, 6);
    }
    return {};
}

} // namespace

QString csvEscape(const QString &field)
{
    static const QString special = QStringLiteral(";\"\r\n");
    bool needsQuotes = false;
    for (const QChar c : field) {
        if (special.contains(c)) {
            needsQuotes = true;
            break;
        }
    }
    if (!needsQuotes)
        return field;
    QString quoted = field;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvText(const QString &userText)
{
    QString s = normalizeNewlines(userText);
    if (!s.isEmpty()) {
        const QChar first = s.front();
        if (first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('-')
            || first == QLatin1Char('@') || first == QLatin1Char('\t') || first == QLatin1Char('\n'))
            s.prepend(QLatin1Char('\''));
    }
    return csvEscape(s);
}

// A code is written as it is: a formula (="0123") would keep Excel's leading zeros, but Power BI,
// pandas, R and Python's csv module read it as the literal text ="0123". Codes are ours (digits,
// letters, masks), so the neutralization of csvText leaves them as they are; it is there for the
// codes that fall back to user input.
QString csvCode(const QString &code)
{
    return csvText(code);
}

QByteArray tableCsv(const Table &table)
{
    QString out;
    QStringList cells;
    for (const Column &c : table.columns)
        cells << csvEscape(c.header);
    out += cells.join(QLatin1Char(';')) + QStringLiteral("\r\n");
    for (const QList<Cell> &row : table.rows) {
        cells.clear();
        for (const Cell &cell : row)
            cells << csvCell(cell);
        out += cells.join(QLatin1Char(';')) + QStringLiteral("\r\n");
    }
    return QByteArray("\xEF\xBB\xBF") + out.toUtf8();
}

// ------------------------------------------------------------------------ XLSX
// SpreadsheetML written by hand and zipped with QuaZip. (libxlsxwriter cannot be used here: it
// calls the system minizip, whose unversioned zipOpen3… symbols are interposed by QuaZip's
// bundled copy in the same process, and crashes.)
namespace {

QString columnName(int column)
{
    QString name;
    for (int c = column + 1; c > 0; c = (c - 1) / 26)
        name.prepend(QChar(u'A' + (c - 1) % 26));
    return name;
}

// XML 1.0 forbids most control characters; Excel also refuses them.
QString xmlSafe(const QString &s)
{
    QString out;
    out.reserve(s.size());
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u >= 0x20 || u == u'\t' || u == u'\n')
            out += c;
    }
    return out;
}

// Styles (cellXfs indexes) of styles.xml below.
enum Style { StyleDefault = 0, StyleHeader = 1, StyleDate = 2, StyleTop = 3, StyleWrap = 4 };

const char kContentTypes[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
    "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
    "<Override PartName=\"/xl/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    "<Override PartName=\"/xl/sharedStrings.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "<Override PartName=\"/docProps/app.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    "</Types>";

const char kRootRels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
    "Target=\"docProps/core.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
    "Target=\"docProps/app.xml\"/>"
    "</Relationships>";

const char kWorkbookRels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId3\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/>"
    "</Relationships>";

const char kStyles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/></numFmts>"
    "<fonts count=\"2\">"
    "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
    "</fonts>"
    "<fills count=\"3\">"
    "<fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill>"
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFDDE4EE\"/><bgColor indexed=\"64\"/></patternFill></fill>"
    "</fills>"
    "<borders count=\"2\">"
    "<border><left/><right/><top/><bottom/><diagonal/></border>"
    "<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border>"
    "</borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"5\">"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" "
    "applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>"
    "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\" "
    "applyAlignment=\"1\"><alignment horizontal=\"left\" vertical=\"top\"/></xf>"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
    "<alignment vertical=\"top\"/></xf>"
    "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
    "<alignment vertical=\"top\" wrapText=\"1\"/></xf>"
    "</cellXfs>"
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
    "</styleSheet>";

const char kApp[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
    "<Application>Mobiliza</Application></Properties>";

const QString kMain = QStringLiteral("http://schemas.openxmlformats.org/spreadsheetml/2006/main");

QByteArray workbookXml(const QString &sheetName)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument(QStringLiteral("1.0"), true);
    w.writeStartElement(QStringLiteral("workbook"));
    w.writeDefaultNamespace(kMain);
    w.writeNamespace(QStringLiteral("http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
                     QStringLiteral("r"));
    w.writeStartElement(QStringLiteral("bookViews"));
    w.writeEmptyElement(QStringLiteral("workbookView"));
    w.writeEndElement();
    w.writeStartElement(QStringLiteral("sheets"));
    w.writeEmptyElement(QStringLiteral("sheet"));
    w.writeAttribute(QStringLiteral("name"), sheetName);
    w.writeAttribute(QStringLiteral("sheetId"), QStringLiteral("1"));
    w.writeAttribute(QStringLiteral("r:id"), QStringLiteral("rId1"));
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

QByteArray coreXml(const QString &title)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument(QStringLiteral("1.0"), true);
    w.writeStartElement(QStringLiteral("cp:coreProperties"));
    w.writeNamespace(QStringLiteral("http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
                     QStringLiteral("cp"));
    w.writeNamespace(QStringLiteral("http://purl.org/dc/elements/1.1/"), QStringLiteral("dc"));
    w.writeTextElement(QStringLiteral("dc:title"), xmlSafe(title));
    w.writeTextElement(QStringLiteral("dc:creator"), QStringLiteral("Mobiliza"));
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

class SharedStrings
{
public:
    int index(const QString &s)
    {
        ++m_count;
        const auto it = m_index.constFind(s);
        if (it != m_index.constEnd())
            return *it;
        const int i = int(m_strings.size());
        m_strings << s;
        m_index.insert(s, i);
        return i;
    }

    QByteArray xml() const
    {
        QByteArray out;
        QXmlStreamWriter w(&out);
        w.writeStartDocument(QStringLiteral("1.0"), true);
        w.writeStartElement(QStringLiteral("sst"));
        w.writeDefaultNamespace(kMain);
        w.writeAttribute(QStringLiteral("count"), QString::number(m_count));
        w.writeAttribute(QStringLiteral("uniqueCount"), QString::number(m_strings.size()));
        for (const QString &s : m_strings) {
            w.writeStartElement(QStringLiteral("si"));
            w.writeStartElement(QStringLiteral("t"));
            if (!s.isEmpty() && (s.front().isSpace() || s.back().isSpace()))
                w.writeAttribute(QStringLiteral("xml:space"), QStringLiteral("preserve"));
            w.writeCharacters(s);
            w.writeEndElement();
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndDocument();
        return out;
    }

private:
    QStringList m_strings;
    QHash<QString, int> m_index;
    int m_count = 0;
};

QByteArray sheetXml(const Table &table, SharedStrings &strings)
{
    const int columnCount = int(table.columns.size());
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument(QStringLiteral("1.0"), true);
    w.writeStartElement(QStringLiteral("worksheet"));
    w.writeDefaultNamespace(kMain);
    if (columnCount > 0) {
        w.writeEmptyElement(QStringLiteral("dimension"));
        w.writeAttribute(QStringLiteral("ref"), QStringLiteral("A1:%1%2").arg(columnName(columnCount - 1))
                                                    .arg(table.rows.size() + 1));
    }
    // Header frozen: the pane below row 1.
    w.writeStartElement(QStringLiteral("sheetViews"));
    w.writeStartElement(QStringLiteral("sheetView"));
    w.writeAttribute(QStringLiteral("tabSelected"), QStringLiteral("1"));
    w.writeAttribute(QStringLiteral("workbookViewId"), QStringLiteral("0"));
    w.writeEmptyElement(QStringLiteral("pane"));
    w.writeAttribute(QStringLiteral("ySplit"), QStringLiteral("1"));
    w.writeAttribute(QStringLiteral("topLeftCell"), QStringLiteral("A2"));
    w.writeAttribute(QStringLiteral("activePane"), QStringLiteral("bottomLeft"));
    w.writeAttribute(QStringLiteral("state"), QStringLiteral("frozen"));
    w.writeEmptyElement(QStringLiteral("selection"));
    w.writeAttribute(QStringLiteral("pane"), QStringLiteral("bottomLeft"));
    w.writeEndElement();
    w.writeEndElement();
    w.writeEmptyElement(QStringLiteral("sheetFormatPr"));
    w.writeAttribute(QStringLiteral("defaultRowHeight"), QStringLiteral("15"));
    if (columnCount > 0) {
        w.writeStartElement(QStringLiteral("cols"));
        for (int c = 0; c < columnCount; ++c) {
            const Column &column = table.columns.at(c);
            w.writeEmptyElement(QStringLiteral("col"));
            w.writeAttribute(QStringLiteral("min"), QString::number(c + 1));
            w.writeAttribute(QStringLiteral("max"), QString::number(c + 1));
            w.writeAttribute(QStringLiteral("width"), QString::number(column.width + 0.71, 'f', 2));
            w.writeAttribute(QStringLiteral("style"), QString::number(column.wrap ? StyleWrap : StyleTop));
            w.writeAttribute(QStringLiteral("customWidth"), QStringLiteral("1"));
        }
        w.writeEndElement();
    }
    w.writeStartElement(QStringLiteral("sheetData"));
    const auto stringCell = [&](const QString &ref, const QString &text, int style) {
        w.writeStartElement(QStringLiteral("c"));
        w.writeAttribute(QStringLiteral("r"), ref);
        w.writeAttribute(QStringLiteral("s"), QString::number(style));
        w.writeAttribute(QStringLiteral("t"), QStringLiteral("s"));
        w.writeTextElement(QStringLiteral("v"), QString::number(strings.index(text)));
        w.writeEndElement();
    };
    const auto numberCell = [&](const QString &ref, const QString &value, int style) {
        w.writeStartElement(QStringLiteral("c"));
        w.writeAttribute(QStringLiteral("r"), ref);
        w.writeAttribute(QStringLiteral("s"), QString::number(style));
        w.writeTextElement(QStringLiteral("v"), value);
        w.writeEndElement();
    };
    w.writeStartElement(QStringLiteral("row"));
    w.writeAttribute(QStringLiteral("r"), QStringLiteral("1"));
    for (int c = 0; c < columnCount; ++c)
        stringCell(columnName(c) + QLatin1Char('1'), xmlSafe(table.columns.at(c).header), StyleHeader);
    w.writeEndElement();
    static const QDate excelEpoch(1899, 12, 30);
    for (int r = 0; r < table.rows.size(); ++r) {
        const QString rowNumber = QString::number(r + 2);
        w.writeStartElement(QStringLiteral("row"));
        w.writeAttribute(QStringLiteral("r"), rowNumber);
        const QList<Cell> &row = table.rows.at(r);
        for (int c = 0; c < row.size() && c < columnCount; ++c) {
            const Cell &cell = row.at(c);
            const QString ref = columnName(c) + rowNumber;
            const int style = table.columns.at(c).wrap ? StyleWrap : StyleTop;
            switch (cell.kind) {
            case Cell::Empty: break;
            case Cell::Text:
            case Cell::Code:
                // Strings are never formulas in XLSX: no neutralization needed.
                stringCell(ref, xmlSafe(normalizeNewlines(cell.text)).left(kMaxCellText), style);
                break;
            case Cell::Date: numberCell(ref, QString::number(excelEpoch.daysTo(cell.date)), StyleDate); break;
            case Cell::Integer: numberCell(ref, QString::number(qint64(cell.number)), style); break;
            case Cell::Decimal: numberCell(ref, QString::number(cell.number, 'g', 15), style); break;
            }
        }
        w.writeEndElement();
    }
    w.writeEndElement(); // sheetData
    if (columnCount > 0) {
        w.writeEmptyElement(QStringLiteral("autoFilter"));
        w.writeAttribute(QStringLiteral("ref"), QStringLiteral("A1:%1%2").arg(columnName(columnCount - 1))
                                                    .arg(table.rows.size() + 1));
    }
    w.writeEmptyElement(QStringLiteral("pageMargins"));
    w.writeAttribute(QStringLiteral("left"), QStringLiteral("0.7"));
    w.writeAttribute(QStringLiteral("right"), QStringLiteral("0.7"));
    w.writeAttribute(QStringLiteral("top"), QStringLiteral("0.75"));
    w.writeAttribute(QStringLiteral("bottom"), QStringLiteral("0.75"));
    w.writeAttribute(QStringLiteral("header"), QStringLiteral("0.3"));
    w.writeAttribute(QStringLiteral("footer"), QStringLiteral("0.3"));
    w.writeEndElement(); // worksheet
    w.writeEndDocument();
    return out;
}

} // namespace

QByteArray tableXlsx(const Table &table)
{
    SharedStrings strings;
    const QByteArray sheet = sheetXml(table, strings);
    const QList<std::pair<QString, QByteArray>> parts = {
        {QStringLiteral("[Content_Types].xml"), QByteArray(kContentTypes)},
        {QStringLiteral("_rels/.rels"), QByteArray(kRootRels)},
        {QStringLiteral("docProps/app.xml"), QByteArray(kApp)},
        {QStringLiteral("docProps/core.xml"), coreXml(table.sheetName)},
        {QStringLiteral("xl/workbook.xml"), workbookXml(xmlSafe(table.sheetName).left(31))},
        {QStringLiteral("xl/_rels/workbook.xml.rels"), QByteArray(kWorkbookRels)},
        {QStringLiteral("xl/styles.xml"), QByteArray(kStyles)},
        {QStringLiteral("xl/sharedStrings.xml"), strings.xml()},
        {QStringLiteral("xl/worksheets/sheet1.xml"), sheet},
    };
    QByteArray zipped;
    QBuffer buffer(&zipped);
    QuaZip zip(&buffer);
    if (!zip.open(QuaZip::mdCreate))
        return {};
    const QDateTime stamp(QDate(2000, 1, 1), QTime(0, 0));
    for (const auto &[name, bytes] : parts) {
        QuaZipFile file(&zip);
        QuaZipNewInfo info(name);
        info.dateTime = stamp;
        if (!file.open(QIODevice::WriteOnly, info) || file.write(bytes) != bytes.size())
            return {};
        file.close();
        if (file.getZipError() != 0)
            return {};
    }
    zip.close();
    if (zip.getZipError() != 0)
        return {};
    return zipped;
}

Status writeTableXlsx(const Table &table, const QString &path)
{
    const QByteArray bytes = tableXlsx(table);
    if (bytes.isEmpty())
        return ioError(path, QStringLiteral("zip"));
    return writeFileAtomically(path, bytes);
}

} // namespace mobiliza::core::outputs
