// ProgramDefinition loader, second half: declarative rules, photo rule and report rule.
#include "core/program/program_loader_p.h"

#include <QSet>

namespace mobiliza::core::program_loader {

void Loader::loadRules(const QJsonObject &root, ProgramDefinition::Data &d)
{
    const auto rulesValue = get(root, QStringLiteral("rules"), Kind::Array, top, false);
    if (!rulesValue)
        return;
    const QJsonArray rules = rulesValue->toArray();
    const QStringList dateType = {field_type::Date};
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QString where = QStringLiteral("rules[%1]").arg(i);
        if (!rules.at(i).isObject()) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: “%2” has the wrong type; it must be %3.")
                        .arg(QStringLiteral("rules"), where, kindName(Kind::Object)));
            continue;
        }
        const QJsonObject o = rules.at(i).toObject();
        checkKeys(o,
                  {QStringLiteral("rule"), QStringLiteral("severity"), QStringLiteral("field"),
                   QStringLiteral("start"), QStringLiteral("end"), QStringLiteral("when"),
                   QStringLiteral("parts"), QStringLiteral("total"), QStringLiteral("uf")},
                  where);
        RuleDefinition r;
        r.kind = oneOf(o, QStringLiteral("rule"), where, knownRuleKinds());
        if (r.kind.isEmpty())
            continue;
        const bool defaultWarning = r.kind == QLatin1String("photo_authorization");
        QString severity = string(o, QStringLiteral("severity"), where, false);
        if (severity.isEmpty())
            severity = defaultWarning ? QStringLiteral("warning") : QStringLiteral("error");
        if (severity != QLatin1String("error") && severity != QLatin1String("warning")) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: “%2” has the invalid value “%3”. Use one of: %4.")
                        .arg(where, QStringLiteral("severity"), severity,
                             quoted({QStringLiteral("error"), QStringLiteral("warning")})));
        }
        r.severity = severity == QLatin1String("warning") ? Severity::Warning : Severity::Error;
        bool ok = true;
        if (r.kind == QLatin1String("date_in_period")) {
            r.field = string(o, QStringLiteral("field"), where, true);
            ok = !r.field.isEmpty() && refersToField(d, where, r.field, dateType);
        } else if (r.kind == QLatin1String("end_after_start")) {
            r.startField = string(o, QStringLiteral("start"), where, true);
            r.endField = string(o, QStringLiteral("end"), where, true);
            ok = !r.startField.isEmpty() && !r.endField.isEmpty() &&
                 refersToField(d, where, r.startField, dateType) &&
                 refersToField(d, where, r.endField, dateType);
        } else if (r.kind == QLatin1String("parts_sum")) {
            r.field = string(o, QStringLiteral("total"), where, true);
            ok = !r.field.isEmpty() && refersToField(d, where, r.field, {field_type::Integer});
            const auto parts = get(o, QStringLiteral("parts"), Kind::Array, where, true);
            if (!parts || parts->toArray().size() < 2) {
                if (parts)
                    problem(QCoreApplication::translate("ProgramDefinition",
                                                        "%1: “parts” needs at least two fields.")
                                .arg(where));
                ok = false;
            } else {
                for (const auto &part : parts->toArray()) {
                    const QString id = part.toString();
                    ok = refersToField(d, where, id, {field_type::Integer}) && ok;
                    if (id == r.field || r.parts.contains(id)) {
                        problem(QCoreApplication::translate("ProgramDefinition",
                                                            "%1: the field “%2” appears twice in the sum.")
                                    .arg(where, id));
                        ok = false;
                    }
                    r.parts << id;
                }
            }
        } else if (r.kind == QLatin1String("municipalities_in_uf")) {
            r.field = string(o, QStringLiteral("field"), where, true);
            r.ufField = string(o, QStringLiteral("uf"), where, true);
            ok = !r.field.isEmpty() && !r.ufField.isEmpty() &&
                 refersToField(d, where, r.field, {field_type::Municipality, field_type::Municipalities}) &&
                 refersToField(d, where, r.ufField, {field_type::Uf});
            if (ok && d.territory != QLatin1String("national")) {
                problem(QCoreApplication::translate("ProgramDefinition",
                                                    "%1: this rule needs the national table. Add "
                                                    "\"territory\": \"national\" or remove the rule.")
                            .arg(where));
                ok = false;
            }
        } else if (r.kind == QLatin1String("required_if")) {
            r.field = string(o, QStringLiteral("field"), where, true);
            ok = !r.field.isEmpty() && refersToField(d, where, r.field, {});
            const auto when = get(o, QStringLiteral("when"), Kind::Object, where, true);
            if (!when) {
                ok = false;
            } else {
                const QJsonObject w = when->toObject();
                const QString at = where + QStringLiteral(".when");
                const QStringList ops = {QStringLiteral("equals"), QStringLiteral("in"),
                                         QStringLiteral("contains"), QStringLiteral("filled")};
                checkKeys(w, QStringList{QStringLiteral("field")} + ops, at);
                r.when.field = string(w, QStringLiteral("field"), at, true);
                ok = ok && !r.when.field.isEmpty() && refersToField(d, at, r.when.field, {});
                QStringList present;
                for (const auto &op : ops)
                    if (w.contains(op))
                        present << op;
                if (present.size() != 1) {
                    problem(QCoreApplication::translate("ProgramDefinition",
                                                        "%1: give exactly one condition among %2.")
                                .arg(at, quoted(ops)));
                    ok = false;
                } else {
                    r.when.op = present.constFirst();
                    r.when.value = w.value(r.when.op);
                    if (r.when.op == QLatin1String("in") && !r.when.value.isArray()) {
                        problem(QCoreApplication::translate("ProgramDefinition",
                                                            "%1: “%2” has the wrong type; it must be %3.")
                                    .arg(at, r.when.op, kindName(Kind::Array)));
                        ok = false;
                    } else if (r.when.op == QLatin1String("filled") && !r.when.value.isBool()) {
                        problem(QCoreApplication::translate("ProgramDefinition",
                                                            "%1: “%2” has the wrong type; it must be %3.")
                                    .arg(at, r.when.op, kindName(Kind::Bool)));
                        ok = false;
                    } else if (ok) {
                        // codes compared against a catalogue field must exist in its catalogue
                        const auto &target = d.fields.at(d.fieldIndex.value(r.when.field));
                        const QJsonArray values =
                            r.when.value.isArray() ? r.when.value.toArray() : QJsonArray{r.when.value};
                        if (target.hasCatalogue() && r.when.op != QLatin1String("filled")) {
                            for (const auto &v : values) {
                                bool found = false;
                                for (const auto &entry : d.catalogues.value(target.catalogue))
                                    found = found || (v.isString() && entry.code == v.toString());
                                if (!found) {
                                    problem(
                                        QCoreApplication::translate(
                                            "ProgramDefinition", "%1: the field “%2” is compared with “%3”, "
                                                                 "which is not a code of the catalogue "
                                                                 "“%4”.")
                                            .arg(at, target.id, v.toVariant().toString(), target.catalogue));
                                    ok = false;
                                }
                            }
                        }
                    }
                }
            }
        }
        if (ok)
            d.rules << r;
    }
}

void Loader::loadPhotosAndReport(const QJsonObject &root, ProgramDefinition::Data &d)
{
    if (const auto photos = get(root, QStringLiteral("photos"), Kind::Object, top, false)) {
        const QJsonObject o = photos->toObject();
        const QString where = QStringLiteral("photos");
        checkKeys(o,
                  {QStringLiteral("minPerRecord"), QStringLiteral("maxPerRecord"),
                   QStringLiteral("captionRequired"), QStringLiteral("captionMaxLength"),
                   QStringLiteral("authorRequired"), QStringLiteral("lgpdFlags")},
                  where);
        d.photos.minPerRecord = integer(o, QStringLiteral("minPerRecord"), where, false, 0, 100, 0);
        d.photos.maxPerRecord = integer(o, QStringLiteral("maxPerRecord"), where, false, 0, 1000, 0);
        if (d.photos.maxPerRecord > 0 && d.photos.maxPerRecord < d.photos.minPerRecord) {
            problem(QCoreApplication::translate("ProgramDefinition", "%1: “%2” must be between %3 and %4.")
                        .arg(where, QStringLiteral("maxPerRecord"))
                        .arg(d.photos.minPerRecord)
                        .arg(1000));
        }
        d.photos.captionRequired = boolean(o, QStringLiteral("captionRequired"), where, false);
        d.photos.captionMaxLength =
            integer(o, QStringLiteral("captionMaxLength"), where, false, 0, 100000, 0);
        d.photos.authorRequired = boolean(o, QStringLiteral("authorRequired"), where, false);
        d.photos.lgpdFlags = boolean(o, QStringLiteral("lgpdFlags"), where, true);
    }
    if (const auto report = get(root, QStringLiteral("report"), Kind::Object, top, false)) {
        const QJsonObject o = report->toObject();
        const QString where = QStringLiteral("report");
        checkKeys(o, {QStringLiteral("minRecords"), QStringLiteral("noActions")}, where);
        d.report.minRecords = integer(o, QStringLiteral("minRecords"), where, false, 0, 1000, 1);
        if (const auto no = get(o, QStringLiteral("noActions"), Kind::Object, where, false)) {
            const QJsonObject n = no->toObject();
            const QString at = QStringLiteral("report.noActions");
            checkKeys(n, {QStringLiteral("allowed"), QStringLiteral("justificationMinLength")}, at);
            d.report.allowNoActions = boolean(n, QStringLiteral("allowed"), at, true);
            d.report.noActionsJustificationMinLength =
                integer(n, QStringLiteral("justificationMinLength"), at, false, 0, 10000, 20);
        }
    }
}

// "levels": { "municipality": {key, label, place}, "urs": {…}, "central": {…} }: the
// program's names for the three tiers; a tier left out keeps its default.
void Loader::loadLevels(const QJsonObject &root, ProgramDefinition::Data &d)
{
    const auto levels = get(root, QStringLiteral("levels"), Kind::Object, top, false);
    if (!levels)
        return;
    const QJsonObject all = levels->toObject();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const QString where = QStringLiteral("levels.") + it.key();
        const auto role = core::roleFromKey(it.key());
        if (!role) {
            problem(
                QCoreApplication::translate("ProgramDefinition", "%1: “%2” is not a level. Use one of: %3.")
                    .arg(QStringLiteral("levels"), it.key(),
                         quoted({QStringLiteral("municipality"), QStringLiteral("urs"),
                                 QStringLiteral("central")})));
            continue;
        }
        if (!it.value().isObject()) {
            problem(
                QCoreApplication::translate("ProgramDefinition", "%1: must be an object ({…}).").arg(where));
            continue;
        }
        const QJsonObject o = it.value().toObject();
        checkKeys(o,
                  {QStringLiteral("key"), QStringLiteral("label"), QStringLiteral("place"),
                   QStringLiteral("about")},
                  where);
        ProgramLevel level{*role, string(o, QStringLiteral("key"), where, true),
                           string(o, QStringLiteral("label"), where, true),
                           oneOf(o, QStringLiteral("place"), where,
                                 {QStringLiteral("municipality"), QStringLiteral("urs"), QStringLiteral("uf"),
                                  QStringLiteral("none")}),
                           string(o, QStringLiteral("about"), where, false)};
        if (!level.key.isEmpty() && !isIdentifier(level.key)) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: the name “%2” is not valid. Use lower-case letters, "
                                                "digits and underscores, starting with a letter.")
                        .arg(where, level.key));
            continue;
        }
        // What each tier can be set up with: who reports, a municipality or a state; who
        // reviews, a URS or a state; who consolidates, nothing or a state.
        const QStringList places =
            *role == Role::Municipality ? QStringList{QStringLiteral("municipality"), QStringLiteral("uf")}
            : *role == Role::Urs        ? QStringList{QStringLiteral("urs"), QStringLiteral("uf")}
                                        : QStringList{QStringLiteral("none"), QStringLiteral("uf")};
        if (!level.place.isEmpty() && !places.contains(level.place)) {
            problem(QCoreApplication::translate(
                        "ProgramDefinition", "%1: the level “%2” cannot be set up with “%3”. Use one of: %4.")
                        .arg(where, it.key(), level.place, quoted(places)));
            continue;
        }
        if (level.key.isEmpty() || level.label.isEmpty() || level.place.isEmpty())
            continue;
        d.levels.insert(it.key(), level);
    }
    // Keys are unique across the three levels, the default ones included.
    QHash<QString, QString> byKey;
    for (const QString &tier :
         {QStringLiteral("municipality"), QStringLiteral("urs"), QStringLiteral("central")}) {
        const QString key = d.levels.contains(tier) ? d.levels.value(tier).key : tier;
        if (byKey.contains(key))
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: the key “%2” names another level too. Each level needs "
                                                "its own key.")
                        .arg(QStringLiteral("levels.") + tier, key));
        byKey.insert(key, tier);
    }
    // Who reports is a municipality exactly when the program says so.
    const QString reportingPlace = d.levels.contains(QStringLiteral("municipality"))
                                       ? d.levels.value(QStringLiteral("municipality")).place
                                       : QStringLiteral("municipality");
    if (!d.reportingUnit.isEmpty() && (d.reportingUnit == QLatin1String("municipality")) !=
                                          (reportingPlace == QLatin1String("municipality")))
        problem(QCoreApplication::translate(
                    "ProgramDefinition", "levels.municipality: the program reports by “%1” but its reporting "
                                         "level is set up with “%2”. Make them agree.")
                    .arg(d.reportingUnit, reportingPlace));
}

// "panel": { "breakdowns": [choice or multichoice field ids], "references": [{ "field":
// a choice field, "shares": { code: % } }] }: what the coordination's panel counts the records
// by, and a mix to measure one choice against (shares of its catalogue's codes adding to 100).
void Loader::loadPanel(const QJsonObject &root, ProgramDefinition::Data &d)
{
    const auto panel = get(root, QStringLiteral("panel"), Kind::Object, top, false);
    if (!panel)
        return;
    const QJsonObject o = panel->toObject();
    const QString where = QStringLiteral("panel");
    checkKeys(o, {QStringLiteral("breakdowns"), QStringLiteral("references"), QStringLiteral("search")},
              where);
    // A list of field ids of `types`, each once.
    const auto fieldList = [&](const QString &key, const QStringList &types, QStringList &out) {
        const auto list = get(o, key, Kind::Array, where, false);
        if (!list)
            return;
        const QString at = where + QLatin1Char('.') + key;
        for (const QJsonValue &v : list->toArray()) {
            const QString id = v.toString();
            if (!v.isString() || !refersToField(d, at, id, types))
                continue;
            if (out.contains(id)) {
                problem(QCoreApplication::translate("ProgramDefinition",
                                                    "%1: the field “%2” is there more than once. Name each "
                                                    "field once.")
                            .arg(at, id));
                continue;
            }
            out << id;
        }
    };
    fieldList(QStringLiteral("breakdowns"), {field_type::Choice, field_type::MultiChoice},
              d.panel.breakdowns);
    fieldList(QStringLiteral("search"), {field_type::Text, field_type::LongText, field_type::List},
              d.panel.search);
    const auto references = get(o, QStringLiteral("references"), Kind::Array, where, false);
    if (!references)
        return;
    const QJsonArray list = references->toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString at = QStringLiteral("panel.references[%1]").arg(i);
        if (!list.at(i).isObject()) {
            problem(QCoreApplication::translate("ProgramDefinition", "%1: must be an object ({…}).").arg(at));
            continue;
        }
        const QJsonObject r = list.at(i).toObject();
        checkKeys(r, {QStringLiteral("field"), QStringLiteral("shares")}, at);
        PanelReference reference;
        reference.field = string(r, QStringLiteral("field"), at, true);
        const auto shares = get(r, QStringLiteral("shares"), Kind::Object, at, true);
        if (reference.field.isEmpty() || !shares ||
            !refersToField(d, at, reference.field, {QString(field_type::Choice)}))
            continue;
        const QString catalogue = d.fields.at(d.fieldIndex.value(reference.field)).catalogue;
        QSet<QString> codes;
        for (const CatalogueEntry &e : d.catalogues.value(catalogue))
            codes.insert(e.code);
        int sum = 0;
        bool valid = true;
        const QJsonObject byCode = shares->toObject();
        for (auto it = byCode.begin(); it != byCode.end(); ++it) {
            if (!codes.contains(it.key())) {
                problem(QCoreApplication::translate("ProgramDefinition",
                                                    "%1: “%2” is not a code of the catalogue “%3”.")
                            .arg(at, it.key(), catalogue));
                valid = false;
                continue;
            }
            const int share = integer(byCode, it.key(), at + QStringLiteral(".shares"), true, 0, 100, 0);
            sum += share;
            reference.shares << qMakePair(it.key(), share);
        }
        if (valid && sum != 100) {
            problem(QCoreApplication::translate("ProgramDefinition",
                                                "%1: the shares add up to %2; they must add up to 100.")
                        .arg(at)
                        .arg(sum));
            continue;
        }
        if (!valid)
            continue;
        // In the catalogue's order, as the panel draws them.
        QList<QPair<QString, int>> ordered;
        for (const CatalogueEntry &e : d.catalogues.value(catalogue))
            for (const auto &share : std::as_const(reference.shares))
                if (share.first == e.code)
                    ordered << share;
        reference.shares = ordered;
        d.panel.references << reference;
    }
}

} // namespace mobiliza::core::program_loader
