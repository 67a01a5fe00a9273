// Internals of the program-definition loader (ProgramDefinition::fromJson), shared by
// program_loader.cpp (catalogues, fields) and program_rules_loader.cpp (rules, photos, report).
#pragma once

#include "core/program/program_definition_p.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QPair>

#include <cmath>
#include <optional>

namespace mobiliza::core::program_loader {

const QStringList &knownTypes();
const QList<QPair<QString, QStringList>> &knownRoles(); // role → the field types it accepts
const QStringList &knownRuleKinds();
bool isIdentifier(const QString &s);
QString quoted(const QStringList &list);

enum class Kind
{
    String,
    Integer,
    Number,
    Bool,
    Array,
    Object
};

QString kindName(Kind kind);

class Loader
{
public:
    QStringList problems;
    const QString top = QCoreApplication::translate("ProgramDefinition", "program"); // where: the root object

    void problem(const QString &message) { problems << message; }

    void loadTranslations(const QJsonObject &root, ProgramDefinition::Data &d);

    void checkKeys(const QJsonObject &o, const QStringList &allowed, const QString &where)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString key = it.key();
            if (key.startsWith(QLatin1Char('$')) || allowed.contains(key))
                continue; // "$comment" and friends are ignored
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: unknown key “%2”. Remove it or check its spelling.")
                        .arg(where, key));
        }
    }

    // Returns the value when present and of the right kind; records a problem otherwise.
    std::optional<QJsonValue> get(const QJsonObject &o, const QString &key, Kind kind, const QString &where,
                                  bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                problem(
                    QCoreApplication::translate("ProgramDefinition", "%1: the required key “%2” is missing.")
                        .arg(where, key));
            return std::nullopt;
        }
        bool ok = false;
        switch (kind) {
        case Kind::String:
            ok = v.isString();
            break;
        case Kind::Integer:
            ok = v.isDouble() && std::floor(v.toDouble()) == v.toDouble();
            break;
        case Kind::Number:
            ok = v.isDouble();
            break;
        case Kind::Bool:
            ok = v.isBool();
            break;
        case Kind::Array:
            ok = v.isArray();
            break;
        case Kind::Object:
            ok = v.isObject();
            break;
        }
        if (!ok) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: “%2” has the wrong type; it must be %3.")
                        .arg(where, key, kindName(kind)));
            return std::nullopt;
        }
        return v;
    }

    QString string(const QJsonObject &o, const QString &key, const QString &where, bool required)
    {
        const auto v = get(o, key, Kind::String, where, required);
        const QString s = v ? v->toString().trimmed() : QString();
        if (v && required && s.isEmpty())
            problem(QCoreApplication::translate("ProgramDefinition", "%1: the required key “%2” is missing.")
                        .arg(where, key));
        return s;
    }

    int integer(const QJsonObject &o, const QString &key, const QString &where, bool required, int lo, int hi,
                int fallback)
    {
        const auto v = get(o, key, Kind::Integer, where, required);
        if (!v)
            return fallback;
        const double x = v->toDouble();
        if (x < lo || x > hi) {
            problem(QCoreApplication::translate("ProgramDefinition", "%1: “%2” must be between %3 and %4.")
                        .arg(where, key)
                        .arg(lo)
                        .arg(hi));
            return fallback;
        }
        return static_cast<int>(x);
    }

    bool boolean(const QJsonObject &o, const QString &key, const QString &where, bool fallback)
    {
        const auto v = get(o, key, Kind::Bool, where, false);
        return v ? v->toBool() : fallback;
    }

    QString oneOf(const QJsonObject &o, const QString &key, const QString &where, const QStringList &allowed)
    {
        const QString s = string(o, key, where, true);
        if (!s.isEmpty() && !allowed.contains(s)) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: “%2” has the invalid value “%3”. Use one of: %4.")
                        .arg(where, key, s, quoted(allowed)));
            return {};
        }
        return s;
    }

    void loadCatalogues(const QJsonObject &root, ProgramDefinition::Data &d);
    void loadFields(const QJsonObject &root, ProgramDefinition::Data &d);
    FieldDefinition loadField(const QJsonObject &o, QString where, ProgramDefinition::Data &d,
                              const FieldDefinition *owner);
    void loadListItem(const QJsonObject &o, const QString &where, FieldDefinition &list,
                      ProgramDefinition::Data &d);
    void linkFields(ProgramDefinition::Data &d);
    void loadRules(const QJsonObject &root, ProgramDefinition::Data &d);
    void loadPhotosAndReport(const QJsonObject &root, ProgramDefinition::Data &d);
    void loadLevels(const QJsonObject &root, ProgramDefinition::Data &d);
    void loadPanel(const QJsonObject &root, ProgramDefinition::Data &d);

private:
    // the field `id` exists and has one of `types` (any type when empty)
    bool refersToField(const ProgramDefinition::Data &d, const QString &owner, const QString &id,
                       const QStringList &types)
    {
        const auto it = d.fieldIndex.constFind(id);
        if (it != d.fieldIndex.constEnd() && (types.isEmpty() || types.contains(d.fields.at(*it).type)))
            return true;
        problem(QCoreApplication::translate("ProgramDefinition",
                                            "%1: the field “%2” does not exist or is not of type %3. Add "
                                            "the field or fix the reference.")
                    .arg(owner, id, types.isEmpty() ? QStringLiteral("*") : quoted(types)));
        return false;
    }
};

} // namespace mobiliza::core::program_loader
