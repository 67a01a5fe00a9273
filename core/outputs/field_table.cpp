// A program's fields as document text and as table columns, for the programs whose
// documents are not the SES-MG monthly report's fixed columns (the apoio program): one
// column per field, in the program's order, with the catalogue codes beside the labels
// and the municipalities' IBGE codes beside their names, for analysis in a spreadsheet.
#include "core/outputs/output_format.h"
#include "core/outputs/table_export.h"
#include "core/reference/brazil_reference.h"

#include <QJsonArray>
#include <QJsonObject>

namespace mobiliza::core::outputs {

namespace {

QStringList municipalityCodes(const QJsonValue &v)
{
    QStringList codes;
    for (const QJsonValue &code : v.toArray())
        if (code.isString())
            codes << code.toString();
    return codes;
}

QString municipalityNames(const QJsonValue &v)
{
    const auto &brazil = BrazilReference::embedded();
    QStringList names;
    for (const QString &code : municipalityCodes(v)) {
        const auto m = brazil.municipality(code);
        names << (m ? m->name : code);
    }
    return names.join(QStringLiteral("; "));
}

} // namespace

QString ufText(const QString &uf)
{
    const auto unit = BrazilReference::embedded().unit(uf);
    return unit ? QStringLiteral("%1 (%2)").arg(unit->name, unit->uf) : uf;
}

QString fieldText(const ProgramDefinition &program, const FieldDefinition &field, const QJsonObject &values,
                  const QString &entrySeparator)
{
    const QJsonValue v = values.value(field.id);
    if (field.type == field_type::Date)
        return dateBr(QDate::fromString(v.toString(), Qt::ISODate));
    if (field.type == field_type::Choice || field.type == field_type::MultiChoice) {
        // A list entry's choice is not a top-level field: its catalogue is read directly.
        if (program.field(field.id))
            return choiceLabels(program, field.id, values).join(QStringLiteral("; "));
        const auto entry = program.catalogueEntry(field.catalogue, v.toString());
        return entry ? entry->label : v.toString();
    }
    if (field.type == field_type::Integer)
        return v.isDouble() ? integerBr(qint64(v.toDouble())) : QString();
    if (field.type == field_type::Boolean)
        return v.isBool() ? yesNo(v.toBool()) : QString();
    if (field.type == field_type::Uf)
        return v.isString() ? ufText(v.toString()) : QString();
    if (field.type == field_type::Municipalities)
        return municipalityNames(v);
    if (field.type == field_type::List) {
        // "1. <first text> — Label: value; Label: value" per entry; an unticked box says nothing.
        QStringList entries;
        const QJsonArray items = v.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QJsonObject item = items.at(i).toObject();
            QString lead;
            QStringList parts;
            for (const FieldDefinition &sub : field.itemFields) {
                if (sub.type == field_type::Boolean && !item.value(sub.id).toBool())
                    continue;
                const QString text = fieldText(program, sub, item, entrySeparator);
                if (text.isEmpty())
                    continue;
                if (lead.isEmpty() && parts.isEmpty() && sub.type == field_type::Text)
                    lead = text;
                else
                    parts << QStringLiteral("%1: %2").arg(sub.label, text);
            }
            QString line = QStringLiteral("%1.").arg(i + 1);
            if (!lead.isEmpty())
                line += QLatin1Char(' ') + lead;
            if (!parts.isEmpty())
                line += (lead.isEmpty() ? QStringLiteral(" ") : QStringLiteral(" — ")) +
                        parts.join(QStringLiteral("; "));
            entries << line;
        }
        return entries.join(entrySeparator);
    }
    if (v.isString())
        return v.toString().trimmed();
    if (v.isDouble())
        return decimalBr(v.toDouble(), 6);
    return {};
}

Table fieldsTable(const ReportDocumentInput &in)
{
    Table table;
    table.sheetName = in.program.recordLabelPlural().left(31);
    const ProgramDefinition &program = in.program;
    const QString periodLabel =
        in.report.period.isQuadrimester() ? QStringLiteral("Quadrimestre") : QStringLiteral("Competência");
    table.columns << Column{QStringLiteral("Unidade que registra"), 16, false}
                  << Column{periodLabel, 12, false} << Column{program.recordLabel(), 6, false};
    for (const FieldDefinition &f : program.fields()) {
        if (f.type == field_type::Partners)
            continue;
        const bool wide = f.type == field_type::LongText || f.type == field_type::List;
        table.columns << Column{f.label, wide ? 60.0 : (f.type == field_type::Municipalities ? 40.0 : 18.0),
                                wide};
        if (f.type == field_type::Choice || f.type == field_type::MultiChoice)
            table.columns << Column{QStringLiteral("%1 (código)").arg(f.label), 14, false};
        if (f.type == field_type::Municipalities)
            table.columns << Column{QStringLiteral("%1 (IBGE)").arg(f.label), 24, false};
    }
    table.columns << Column{QStringLiteral("Fotos"), 6, false};

    for (const Action &a : in.report.actions) {
        QList<Cell> row;
        row << Cell::code(in.report.municipality) << Cell::code(in.report.period.key())
            << Cell::integer(a.position + 1);
        for (const FieldDefinition &f : program.fields()) {
            if (f.type == field_type::Partners)
                continue;
            const QJsonValue v = a.values.value(f.id);
            if (f.type == field_type::Date)
                row << Cell::date_(QDate::fromString(v.toString(), Qt::ISODate));
            else if (f.type == field_type::Integer)
                row << (v.isDouble() ? Cell::integer(qint64(v.toDouble())) : Cell{});
            else if (f.type == field_type::Uf)
                row << Cell::code(v.toString());
            else
                row << Cell::text_(fieldText(program, f, a.values, QStringLiteral("\n")));
            if (f.type == field_type::Choice || f.type == field_type::MultiChoice) {
                QStringList codes;
                choiceLabels(program, f.id, a.values, &codes);
                row << Cell::code(codes.join(QStringLiteral(", ")));
            }
            if (f.type == field_type::Municipalities)
                row << Cell::code(municipalityCodes(v).join(QStringLiteral(", ")));
        }
        row << Cell::integer(a.photos.size());
        table.rows << row;
    }
    return table;
}

} // namespace mobiliza::core::outputs
