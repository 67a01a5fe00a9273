// Internals of ValidationEngine shared by validation_engine.cpp (report, rules, photos) and
// validation_fields.cpp (per-field checks).
#pragma once

#include "core/program/validation_engine.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace mobiliza::core {

namespace validation_detail {

// Characters of one text value in the report format (package-format.md, "Limits"; the
// manifest codec's ManifestLimits::kMaxTextLength): the limit of a text field without its own.
inline constexpr qsizetype kMaxTextLength = 100000;

inline QString displayDate(const QDate &date)
{
    return date.toString(QStringLiteral("dd/MM/yyyy"));
}

// Dates travel as "yyyy-MM-dd" strings; anything else is an invalid date.
inline QDate parseDate(const QJsonValue &v)
{
    if (!v.isString())
        return {};
    return QDate::fromString(v.toString(), QStringLiteral("yyyy-MM-dd"));
}

inline QString number(double x)
{
    return QString::number(x, 'f', std::floor(x) == x ? 0 : 2);
}

inline bool isEmptyValue(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return true;
    case QJsonValue::String:
        return v.toString().trimmed().isEmpty();
    case QJsonValue::Array:
        return v.toArray().isEmpty();
    case QJsonValue::Object:
        return v.toObject().isEmpty();
    default:
        return false;
    }
}

// Whether `v` has the JSON type the field's type takes (a field type the engine does not know
// takes any).
inline bool hasFieldJsonType(const FieldDefinition &f, const QJsonValue &v)
{
    if (f.isTextual() || f.type == field_type::Date || f.type == field_type::Choice ||
        f.type == field_type::Municipality || f.type == field_type::HealthRegion || f.type == field_type::Uf)
        return v.isString();
    if (f.type == field_type::Integer)
        return v.isDouble();
    if (f.type == field_type::Boolean)
        return v.isBool();
    if (f.type == field_type::MultiChoice || f.type == field_type::Municipalities ||
        f.type == field_type::List)
        return v.isArray();
    if (f.type == field_type::Coordinates)
        return v.isObject();
    return true;
}

inline QStringList nonEmpty(const QStringList &list)
{
    QStringList out;
    for (const auto &s : list)
        if (!s.trimmed().isEmpty())
            out << s;
    return out;
}

inline Finding make(const QString &path, Severity severity, const QString &code, const QString &message)
{
    return Finding{path, severity, code, message};
}

} // namespace validation_detail

struct ValidationEngine::ActionContext
{
    const Report &report;
    const Action &action;
    QString record;      // "Ação 3"
    QString prefix;      // "actions[2]"
    int photoOffset = 0; // photos of the previous actions (report-wide numbering)

    QString fieldPath(const QString &id) const { return prefix + QStringLiteral(".fields.") + id; }
    QJsonValue value(const QString &id) const { return action.values.value(id); }
};

} // namespace mobiliza::core
