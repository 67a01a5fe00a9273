// ProgramDefinition::fromJson: the strict loader of program definitions (docs/programs.md).
#include "core/program/program_definition.h"

#include "core/program/program_loader_p.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace mobiliza::core {

namespace program_loader {

constexpr int kFormatVersion = 1;

const QStringList &knownTypes()
{
    static const QStringList types = {
        field_type::Text,           field_type::LongText,     field_type::Date,         field_type::Integer,
        field_type::Boolean,        field_type::Choice,       field_type::MultiChoice,  field_type::Partners,
        field_type::Coordinates,    field_type::Municipality, field_type::HealthRegion, field_type::Uf,
        field_type::Municipalities, field_type::List};
    return types;
}

// role → the field types it accepts
const QList<QPair<QString, QStringList>> &knownRoles()
{
    static const QStringList textual = {field_type::Text, field_type::LongText};
    static const QStringList choices = {field_type::Choice, field_type::MultiChoice};
    static const QList<QPair<QString, QStringList>> roles = {
        {field_role::Title, textual},
        {field_role::Date, {field_type::Date}},
        {field_role::EndDate, {field_type::Date}},
        {field_role::Description, textual},
        {field_role::PeopleReached, {field_type::Integer}},
        {field_role::Themes, choices},
        {field_role::Format, choices},
        {field_role::Place, textual},
        {field_role::Coordinates, {field_type::Coordinates}},
        {field_role::Partners, {field_type::Partners}},
        {field_role::Audience, choices},
        {field_role::Materials, textual},
        {field_role::Uf, {field_type::Uf}},
        {field_role::Municipalities, {field_type::Municipality, field_type::Municipalities}},
        {field_role::Referrals, {field_type::List}},
    };
    return roles;
}

const QStringList &knownRuleKinds()
{
    static const QStringList kinds = {
        QStringLiteral("date_in_period"), QStringLiteral("end_after_start"),
        QStringLiteral("required_if"),    QStringLiteral("photo_authorization"),
        QStringLiteral("parts_sum"),      QStringLiteral("municipalities_in_uf")};
    return kinds;
}

bool isIdentifier(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z0-9_]*$"));
    return re.match(s).hasMatch();
}

QString quoted(const QStringList &list)
{
    QStringList out;
    for (const auto &s : list)
        out << (QStringLiteral("“") + s + QStringLiteral("”"));
    return out.join(QStringLiteral(", "));
}

QString kindName(Kind kind)
{
    switch (kind) {
    case Kind::String:
        return QCoreApplication::translate("ProgramDefinition", "text");
    case Kind::Integer:
        return QCoreApplication::translate("ProgramDefinition", "a whole number");
    case Kind::Number:
        return QCoreApplication::translate("ProgramDefinition", "a number");
    case Kind::Bool:
        return QCoreApplication::translate("ProgramDefinition", "true or false");
    case Kind::Array:
        return QCoreApplication::translate("ProgramDefinition", "a list");
    case Kind::Object:
        return QCoreApplication::translate("ProgramDefinition", "an object");
    }
    return {};
}

void Loader::loadCatalogues(const QJsonObject &root, ProgramDefinition::Data &d)
{
    const auto catalogues = get(root, QStringLiteral("catalogues"), Kind::Object, top, false);
    if (!catalogues)
        return;
    const QJsonObject all = catalogues->toObject();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const QString name = it.key();
        const QString where = QStringLiteral("catalogues.") + name;
        if (name.startsWith(QLatin1Char('$')))
            continue;
        if (!isIdentifier(name)) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: the name “%2” is not valid. Use lower-case letters, "
                                                "digits and underscores, starting with a letter.")
                        .arg(name, QStringLiteral("catalogues")));
            continue;
        }
        if (!it.value().isArray()) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: “%2” has the wrong type; it must be %3.")
                        .arg(QStringLiteral("catalogues"), name, kindName(Kind::Array)));
            continue;
        }
        const QJsonArray entries = it.value().toArray();
        if (entries.isEmpty()) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "The catalogue “%1” is empty. Add at least one entry.")
                        .arg(name));
            continue;
        }
        QList<CatalogueEntry> list;
        QSet<QString> codes;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const QString at = where + QStringLiteral("[%1]").arg(i);
            if (!entries.at(i).isObject()) {
                problem(QCoreApplication::translate("ProgramDefinition",
                                                    "%1: “%2” has the wrong type; it must be %3.")
                            .arg(where, QStringLiteral("[%1]").arg(i), kindName(Kind::Object)));
                continue;
            }
            const QJsonObject e = entries.at(i).toObject();
            checkKeys(e,
                      {QStringLiteral("code"), QStringLiteral("label"), QStringLiteral("esus"),
                       QStringLiteral("active"), QStringLiteral("note")},
                      at);
            CatalogueEntry entry;
            entry.code = string(e, QStringLiteral("code"), at, true);
            entry.label = string(e, QStringLiteral("label"), at, true);
            entry.esusCode = string(e, QStringLiteral("esus"), at, false);
            entry.active = boolean(e, QStringLiteral("active"), at, true);
            string(e, QStringLiteral("note"), at, false);
            if (entry.code.isEmpty())
                continue;
            if (codes.contains(entry.code)) {
                problem(QCoreApplication::translate("ProgramDefinition",
                                                    "The catalogue “%1” has the code “%2” more than once. "
                                                    "Each entry needs its own code.")
                            .arg(name, entry.code));
                continue;
            }
            codes.insert(entry.code);
            list << entry;
        }
        d.catalogueNames << name;
        d.catalogues.insert(name, list);
    }
}

// One field of `fields` (or of a list field's `item`, when `owner` is that list): its keys,
// type, bounds and catalogue, checked; the caller checks ids across fields.
FieldDefinition Loader::loadField(const QJsonObject &o, QString where, ProgramDefinition::Data &d,
                                  const FieldDefinition *owner)
{
    const QStringList allowedKeys = {
        QStringLiteral("id"),        QStringLiteral("label"),     QStringLiteral("type"),
        QStringLiteral("required"),  QStringLiteral("help"),      QStringLiteral("catalogue"),
        QStringLiteral("role"),      QStringLiteral("min"),       QStringLiteral("max"),
        QStringLiteral("minLength"), QStringLiteral("maxLength"), QStringLiteral("minItems"),
        QStringLiteral("maxItems"),  QStringLiteral("other"),     QStringLiteral("estimateField"),
        QStringLiteral("item")};
    FieldDefinition f;
    f.id = string(o, QStringLiteral("id"), where, true);
    if (!f.id.isEmpty())
        where += QStringLiteral(" (“") + f.id + QStringLiteral("”)");
    checkKeys(o, allowedKeys, where);
    if (!f.id.isEmpty() && !isIdentifier(f.id)) {
        problem(QCoreApplication::translate("ProgramDefinition",
                                            "%1: the name “%2” is not valid. Use lower-case letters, "
                                            "digits and underscores, starting with a letter.")
                    .arg(where, f.id));
    }
    f.label = string(o, QStringLiteral("label"), where, true);
    f.type = string(o, QStringLiteral("type"), where, true);
    const bool typeKnown = knownTypes().contains(f.type);
    if (!f.type.isEmpty() && !typeKnown) {
        problem(QCoreApplication::translate("ProgramDefinition",
                                            "The field “%1” has the unknown type “%2”. Use one of: %3.")
                    .arg(f.id, f.type, quoted(knownTypes())));
    }
    f.required = boolean(o, QStringLiteral("required"), where, false);
    f.help = string(o, QStringLiteral("help"), where, false);
    f.role = string(o, QStringLiteral("role"), where, false);

    // keys that only apply to some types
    auto onlyFor = [&](const QString &key, const QStringList &types) {
        if (o.contains(key) && typeKnown && !types.contains(f.type)) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: “%2” does not apply to fields of type “%3”. Remove it.")
                        .arg(where, key, f.type));
            return false;
        }
        return true;
    };
    const QStringList textual = {field_type::Text, field_type::LongText};
    const QStringList choices = {field_type::Choice, field_type::MultiChoice};

    if (onlyFor(QStringLiteral("min"), {field_type::Integer})) {
        if (const auto v = get(o, QStringLiteral("min"), Kind::Number, where, false))
            f.min = v->toDouble();
    }
    if (onlyFor(QStringLiteral("max"), {field_type::Integer})) {
        if (const auto v = get(o, QStringLiteral("max"), Kind::Number, where, false))
            f.max = v->toDouble();
    }
    if (f.min && f.max && *f.min > *f.max) {
        problem(QCoreApplication::translate(
                    "ProgramDefinition", "The field “%1” has a minimum (%2) greater than its maximum (%3).")
                    .arg(f.id)
                    .arg(*f.min)
                    .arg(*f.max));
    }
    if (onlyFor(QStringLiteral("minLength"), textual))
        f.minLength = integer(o, QStringLiteral("minLength"), where, false, 0, 100000, 0);
    if (onlyFor(QStringLiteral("maxLength"), textual))
        f.maxLength = integer(o, QStringLiteral("maxLength"), where, false, 0, 100000, 0);
    const QStringList lists = {field_type::MultiChoice, field_type::Municipalities, field_type::List};
    if (onlyFor(QStringLiteral("minItems"), lists))
        f.minItems = integer(o, QStringLiteral("minItems"), where, false, 0, 1000, 0);
    if (onlyFor(QStringLiteral("maxItems"), lists))
        f.maxItems = integer(o, QStringLiteral("maxItems"), where, false, 0, 1000, 0);
    if (onlyFor(QStringLiteral("estimateField"), {field_type::Integer}))
        f.estimateField = string(o, QStringLiteral("estimateField"), where, false);
    if (onlyFor(QStringLiteral("other"), choices)) {
        if (const auto v = get(o, QStringLiteral("other"), Kind::Object, where, false)) {
            const QJsonObject other = v->toObject();
            const QString at = where + QStringLiteral(".other");
            checkKeys(other, {QStringLiteral("value"), QStringLiteral("field")}, at);
            f.otherValue = string(other, QStringLiteral("value"), at, true);
            f.otherField = string(other, QStringLiteral("field"), at, true);
        }
    }

    f.catalogue = string(o, QStringLiteral("catalogue"), where, false);
    if (!typeKnown) {
        // already reported; the other checks would only add noise
    } else if (choices.contains(f.type) && f.catalogue.isEmpty()) {
        problem(QCoreApplication::translate("ProgramDefinition",
                                            "The field “%1” of type “%2” needs a catalogue. Add “catalogue”.")
                    .arg(f.id, f.type));
    } else if (!f.catalogue.isEmpty() && !choices.contains(f.type)) {
        problem(QCoreApplication::translate("ProgramDefinition",
                                            "%1: “%2” does not apply to fields of type “%3”. Remove it.")
                    .arg(where, QStringLiteral("catalogue"), f.type));
    } else if (!f.catalogue.isEmpty() && !d.catalogues.contains(f.catalogue)) {
        problem(QCoreApplication::translate("ProgramDefinition",
                                            "The field “%1” refers to the catalogue “%2”, which the program "
                                            "does not define. Add the catalogue or fix the name.")
                    .arg(f.id, f.catalogue));
    } else if (!f.otherValue.isEmpty()) {
        bool found = false;
        for (const auto &entry : d.catalogues.value(f.catalogue))
            found = found || entry.code == f.otherValue;
        if (!found) {
            problem(QCoreApplication::translate(
                        "ProgramDefinition", "The “other” value “%1” of the field “%2” is not a code of the "
                                             "catalogue “%3”.")
                        .arg(f.otherValue, f.id, f.catalogue));
        }
    }

    if (f.type == field_type::List && owner) {
        problem(QCoreApplication::translate("ProgramDefinition",
                                            "%1: a list field cannot hold another list. Use a field of "
                                            "another type.")
                    .arg(where));
    } else if (f.type == field_type::List) {
        loadListItem(o, where, f, d);
    } else if (o.contains(QStringLiteral("item"))) {
        problem(QCoreApplication::translate("ProgramDefinition",
                                            "%1: “%2” does not apply to fields of type “%3”. Remove it.")
                    .arg(where, QStringLiteral("item"), f.type));
    }
    if (owner && !f.role.isEmpty()) {
        problem(QCoreApplication::translate("ProgramDefinition",
                                            "%1: a field inside the list “%2” cannot have a role. Remove "
                                            "“role”.")
                    .arg(where, owner->id));
        f.role.clear();
    }
    return f;
}

void Loader::loadFields(const QJsonObject &root, ProgramDefinition::Data &d)
{
    const auto fieldsValue = get(root, QStringLiteral("fields"), Kind::Array, top, true);
    if (!fieldsValue)
        return;
    const QJsonArray fields = fieldsValue->toArray();
    if (fields.isEmpty()) {
        problem(QCoreApplication::translate("ProgramDefinition",
                                            "The program has no fields. Add at least one field."));
        return;
    }
    for (qsizetype i = 0; i < fields.size(); ++i) {
        QString where = QStringLiteral("fields[%1]").arg(i);
        if (!fields.at(i).isObject()) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: “%2” has the wrong type; it must be %3.")
                        .arg(QStringLiteral("fields"), where, kindName(Kind::Object)));
            continue;
        }
        FieldDefinition f = loadField(fields.at(i).toObject(), where, d, nullptr);
        if (f.id.isEmpty())
            continue;
        if (d.fieldIndex.contains(f.id)) {
            problem(QCoreApplication::translate(
                        "ProgramDefinition", "The field id “%1” is used more than once. Each field needs its "
                                             "own id.")
                        .arg(f.id));
            continue;
        }
        d.fieldIndex.insert(f.id, d.fields.size());
        d.fields << f;
    }
}

void Loader::linkFields(ProgramDefinition::Data &d)
{
    const QStringList textual = {field_type::Text, field_type::LongText};
    for (auto &f : d.fields) {
        const QString owner = QStringLiteral("fields “") + f.id + QStringLiteral("”");
        if (!f.otherField.isEmpty() && refersToField(d, owner, f.otherField, textual))
            d.fields[d.fieldIndex.value(f.otherField)].companionOf = f.id;
        if (!f.estimateField.isEmpty() && refersToField(d, owner, f.estimateField, {field_type::Boolean}))
            d.fields[d.fieldIndex.value(f.estimateField)].companionOf = f.id;

        if (f.role.isEmpty())
            continue;
        QStringList roleNames;
        const QStringList *types = nullptr;
        for (const auto &role : knownRoles()) {
            roleNames << role.first;
            if (role.first == f.role)
                types = &role.second;
        }
        if (!types) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "The field “%1” has the unknown role “%2”. Use one of: %3.")
                        .arg(f.id, f.role, quoted(roleNames)));
        } else if (!types->contains(f.type)) {
            problem(QCoreApplication::translate(
                        "ProgramDefinition",
                        "The field “%1” cannot have the role “%2”: that role needs a field "
                        "of type %3.")
                        .arg(f.id, f.role, quoted(*types)));
        } else if (d.roleToField.contains(f.role)) {
            problem(QCoreApplication::translate(
                        "ProgramDefinition", "The role “%1” is given to more than one field (“%2” and “%3”). "
                                             "Keep it on one field.")
                        .arg(f.role, d.roleToField.value(f.role), f.id));
        } else {
            d.roleToField.insert(f.role, f.id);
        }
    }
}

// "translations": { "en": { name, description, recordLabel, recordLabelPlural,
// fields: { id: { label, help } }, catalogues: { name: { code: label } } } }: every
// field, catalogue and code named must exist, every value is text.
void Loader::loadTranslations(const QJsonObject &root, ProgramDefinition::Data &d)
{
    const QJsonValue all = root.value(QStringLiteral("translations"));
    if (all.isUndefined())
        return;
    const auto mustBeObject = [this](const QJsonValue &v, const QString &where) {
        if (v.isObject())
            return true;
        problem(QCoreApplication::translate("ProgramDefinition", "%1: must be an object ({…}).").arg(where));
        return false;
    };
    if (!mustBeObject(all, QStringLiteral("translations")))
        return;
    const QJsonObject languages = all.toObject();
    for (auto lang = languages.begin(); lang != languages.end(); ++lang) {
        const QString where = QStringLiteral("translations.") + lang.key();
        if (!mustBeObject(lang.value(), where))
            continue;
        const QJsonObject t = lang.value().toObject();
        checkKeys(t,
                  {QStringLiteral("name"), QStringLiteral("description"), QStringLiteral("recordLabel"),
                   QStringLiteral("recordLabelPlural"), QStringLiteral("fields"),
                   QStringLiteral("catalogues"), QStringLiteral("levels")},
                  where);
        const QJsonObject levels = t.value(QStringLiteral("levels")).toObject();
        for (auto l = levels.begin(); l != levels.end(); ++l) {
            if (!d.levels.contains(l.key()))
                problem(
                    QCoreApplication::translate("ProgramDefinition", "%1: the program names no level “%2”.")
                        .arg(where, l.key()));
            else if (l.value().isObject()) // {label, about}
                checkKeys(l.value().toObject(), {QStringLiteral("label"), QStringLiteral("about")},
                          where + QStringLiteral(".levels.") + l.key());
            else // its label only
                string(levels, l.key(), where + QStringLiteral(".levels"), true);
        }
        for (const char *key : {"name", "description", "recordLabel", "recordLabelPlural"})
            string(t, QLatin1String(key), where, false);
        const QJsonObject fields = t.value(QStringLiteral("fields")).toObject();
        for (auto f = fields.begin(); f != fields.end(); ++f) {
            const QString at = where + QStringLiteral(".fields.") + f.key();
            const QString listId = f.key().section(QLatin1Char('.'), 0, 0);
            const QString subId = f.key().section(QLatin1Char('.'), 1);
            const bool known =
                subId.isEmpty()
                    ? d.fieldIndex.contains(f.key())
                    : d.fieldIndex.contains(listId) &&
                          std::any_of(d.fields.at(d.fieldIndex.value(listId)).itemFields.begin(),
                                      d.fields.at(d.fieldIndex.value(listId)).itemFields.end(),
                                      [&subId](const FieldDefinition &x) { return x.id == subId; });
            if (!known)
                problem(QCoreApplication::translate("ProgramDefinition", "%1: there is no field “%2”.")
                            .arg(where, f.key()));
            else if (mustBeObject(f.value(), at)) {
                checkKeys(f.value().toObject(), {QStringLiteral("label"), QStringLiteral("help")}, at);
                string(f.value().toObject(), QStringLiteral("label"), at, false);
                string(f.value().toObject(), QStringLiteral("help"), at, false);
            }
        }
        const QJsonObject catalogues = t.value(QStringLiteral("catalogues")).toObject();
        for (auto c = catalogues.begin(); c != catalogues.end(); ++c) {
            const QString at = where + QStringLiteral(".catalogues.") + c.key();
            if (!d.catalogues.contains(c.key())) {
                problem(QCoreApplication::translate("ProgramDefinition", "%1: there is no catalogue “%2”.")
                            .arg(where, c.key()));
                continue;
            }
            if (!mustBeObject(c.value(), at))
                continue;
            const QList<CatalogueEntry> &entries = d.catalogues.value(c.key());
            const QJsonObject labels = c.value().toObject();
            for (auto e = labels.begin(); e != labels.end(); ++e) {
                const bool known = std::any_of(entries.begin(), entries.end(),
                                               [&e](const CatalogueEntry &x) { return x.code == e.key(); });
                if (!known)
                    problem(QCoreApplication::translate("ProgramDefinition", "%1: there is no code “%2”.")
                                .arg(at, e.key()));
                else
                    string(labels, e.key(), at, true);
            }
        }
        d.translations.insert(lang.key(), t);
    }
}

} // namespace program_loader

using program_loader::isIdentifier;
using program_loader::kFormatVersion;
using program_loader::Loader;

Result<ProgramDefinition> ProgramDefinition::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error{QStringLiteral("invalid_json"),
                     QCoreApplication::translate(
                         "ProgramDefinition", "The program definition is not valid JSON (%1 at position %2). "
                                              "Fix the file or ask for a corrected program definition.")
                         .arg(parseError.errorString())
                         .arg(parseError.offset)};
    }
    if (!doc.isObject()) {
        return Error{QStringLiteral("invalid_json"),
                     QCoreApplication::translate(
                         "ProgramDefinition", "The program definition must be a JSON object. Fix the file or "
                                              "ask for a corrected program definition.")};
    }
    const QJsonObject root = doc.object();
    Loader l;
    const QString top = l.top;
    auto d = std::make_shared<Data>();
    d->source = json;

    l.checkKeys(root,
                {QStringLiteral("formatVersion"), QStringLiteral("id"), QStringLiteral("name"),
                 QStringLiteral("description"), QStringLiteral("version"), QStringLiteral("reportingUnit"),
                 QStringLiteral("period"), QStringLiteral("deadlineDay"), QStringLiteral("recordLabel"),
                 QStringLiteral("recordLabelPlural"), QStringLiteral("report"), QStringLiteral("photos"),
                 QStringLiteral("catalogues"), QStringLiteral("fields"), QStringLiteral("rules"),
                 QStringLiteral("translations"), QStringLiteral("territory"), QStringLiteral("levels"),
                 QStringLiteral("panel")},
                top);
    const int format = l.integer(root, QStringLiteral("formatVersion"), top, true, 1, 1000, 0);
    if (format > kFormatVersion) {
        return Error{
            QStringLiteral("unsupported_program"),
            QCoreApplication::translate("ProgramDefinition",
                                        "The program definition uses format version %1, but this version "
                                        "of Mobiliza reads only up to version %2. Update Mobiliza.")
                .arg(format)
                .arg(kFormatVersion)};
    }
    d->id = l.string(root, QStringLiteral("id"), top, true);
    if (!d->id.isEmpty() && !isIdentifier(d->id)) {
        l.problem(QCoreApplication::translate("ProgramDefinition",
                                              "%1: the name “%2” is not valid. Use lower-case letters, "
                                              "digits and underscores, starting with a letter.")
                      .arg(QStringLiteral("id"), d->id));
    }
    d->name = l.string(root, QStringLiteral("name"), top, true);
    d->description = l.string(root, QStringLiteral("description"), top, false);
    d->version = l.integer(root, QStringLiteral("version"), top, true, 1, 1000000, 0);
    d->reportingUnit = l.oneOf(root, QStringLiteral("reportingUnit"), top,
                               {QStringLiteral("municipality"), QStringLiteral("apoiador")});
    d->period = l.oneOf(root, QStringLiteral("period"), top,
                        {QStringLiteral("monthly"), QStringLiteral("quadrimestral")});
    if (root.contains(QStringLiteral("territory")))
        d->territory = l.oneOf(root, QStringLiteral("territory"), top,
                               {QStringLiteral("state"), QStringLiteral("national")});
    d->deadlineDay = l.integer(root, QStringLiteral("deadlineDay"), top, true, 1, 31, 0);
    d->recordLabel = l.string(root, QStringLiteral("recordLabel"), top, true);
    d->recordLabelPlural = l.string(root, QStringLiteral("recordLabelPlural"), top, false);
    if (d->recordLabelPlural.isEmpty())
        d->recordLabelPlural = d->recordLabel;

    l.loadCatalogues(root, *d);
    l.loadFields(root, *d);
    l.linkFields(*d);
    l.loadRules(root, *d);
    l.loadPhotosAndReport(root, *d);
    l.loadLevels(root, *d);
    l.loadPanel(root, *d);
    l.loadTranslations(root, *d);

    if (!l.problems.isEmpty()) {
        const QString head =
            d->id.isEmpty()
                ? QCoreApplication::translate("ProgramDefinition",
                                              "The program definition is not valid. Fix these problems:")
                : QCoreApplication::translate("ProgramDefinition",
                                              "The program definition “%1” is not valid. Fix these problems:")
                      .arg(d->id);
        return Error{QStringLiteral("invalid_program"),
                     head + QLatin1Char('\n') + l.problems.join(QLatin1Char('\n'))};
    }
    return ProgramDefinition(std::move(d));
}

} // namespace mobiliza::core
