// ProgramDefinition loader: the entries of a list field ("item"), beside program_loader.cpp's
// fields.
#include "core/program/program_loader_p.h"

#include <QSet>

namespace mobiliza::core::program_loader {

// "item" of a list field: the fields of one entry, of the simple types, without roles,
// "other" texts or estimate flags (they would name fields outside the entry).
void Loader::loadListItem(const QJsonObject &o, const QString &where, FieldDefinition &list,
                          ProgramDefinition::Data &d)
{
    const auto item = get(o, QStringLiteral("item"), Kind::Array, where, true);
    if (!item)
        return;
    const QJsonArray fields = item->toArray();
    if (fields.isEmpty()) {
        problem(QCoreApplication::translate("ProgramDefinition",
                                            "%1: the list has no fields in “item”. Add at least one field.")
                    .arg(where));
        return;
    }
    static const QStringList itemTypes = {field_type::Text,    field_type::LongText, field_type::Date,
                                          field_type::Integer, field_type::Boolean,  field_type::Choice};
    QSet<QString> ids;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QString at = where + QStringLiteral(".item[%1]").arg(i);
        if (!fields.at(i).isObject()) {
            problem(QCoreApplication::translate("ProgramDefinition", "%1: must be an object ({…}).").arg(at));
            continue;
        }
        const QJsonObject fo = fields.at(i).toObject();
        FieldDefinition f = loadField(fo, at, d, &list);
        for (const char *key : {"other", "estimateField"}) {
            if (fo.contains(QLatin1String(key)))
                problem(QCoreApplication::translate("ProgramDefinition",
                                                    "%1: “%2” is not available inside a list. Remove it.")
                            .arg(at, QLatin1String(key)));
        }
        if (!f.type.isEmpty() && knownTypes().contains(f.type) && !itemTypes.contains(f.type)) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: a field of type “%2” cannot be inside a list. Use one "
                                                "of: %3.")
                        .arg(at, f.type, quoted(itemTypes)));
            continue;
        }
        if (f.id.isEmpty())
            continue;
        if (ids.contains(f.id)) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: the field id “%2” is used more than once in the list.")
                        .arg(at, f.id));
            continue;
        }
        ids.insert(f.id);
        list.itemFields.push_back(f);
    }
}

} // namespace mobiliza::core::program_loader
