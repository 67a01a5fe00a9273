// ValidationEngine: the checks of one field value against its definition (type, bounds, catalogue).
#include "core/program/validation_engine_p.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace mobiliza::core {

using namespace validation_detail;

void ValidationEngine::validateField(const ActionContext &ctx, const FieldDefinition &f, Findings &out) const
{
    const QString path = ctx.fieldPath(f.id);
    const QString label = f.label;
    auto error = [&](const QString &code, const QString &message) {
        out << make(path, Severity::Error, code, message);
    };

    if (f.type == field_type::Partners) {
        if (f.required && nonEmpty(ctx.action.partnerUuids).isEmpty()) {
            error(QStringLiteral("required"),
                  QCoreApplication::translate("ValidationEngine", "%1: link at least one partner in “%2”.")
                      .arg(ctx.record, label));
        }
        return;
    }

    // Only a value of the field's own JSON type can be "empty": null, [] or {} where the program
    // says text, a number or a flag (or "" for a flag) is a wrong type, even in an optional field.
    const QJsonValue v = ctx.value(f.id);
    if (v.isUndefined() || (isEmptyValue(v) && hasFieldJsonType(f, v))) {
        if (!f.required)
            return;
        const bool choosing = f.hasCatalogue();
        error(QStringLiteral("required"),
              choosing ? QCoreApplication::translate("ValidationEngine", "%1: choose an option in “%2”.")
                             .arg(ctx.record, label)
                       : QCoreApplication::translate("ValidationEngine", "%1: fill in “%2”.")
                             .arg(ctx.record, label));
        return;
    }

    if (f.type == field_type::Municipalities)
        validatePlaces(ctx, f, v, out);
    else if (f.isList())
        validateList(ctx, f, v, out);
    else
        validateValue(f, v, path, ctx.record, out);
}

bool ValidationEngine::isKnownMunicipality(const QJsonValue &v) const
{
    static const QRegularExpression ibge(QStringLiteral("^\\d{7}$"));
    const QString code = v.toString().trimmed();
    return v.isString() && ibge.match(code).hasMatch() &&
           (!m_reference.isMunicipality || m_reference.isMunicipality(code));
}

QString ValidationEngine::municipalityName(const QString &ibge) const
{
    const QString name = m_reference.municipalityName ? m_reference.municipalityName(ibge) : QString();
    return name.isEmpty() ? ibge : QStringLiteral("%1 (%2)").arg(name, ibge);
}

bool ValidationEngine::isKnownRegiao(const QJsonValue &v) const
{
    static const QRegularExpression regiao(QStringLiteral("^\\d{5}$"));
    const QString code = v.toString().trimmed();
    return v.isString() && regiao.match(code).hasMatch() &&
           (!m_reference.isRegiaoSaude || m_reference.isRegiaoSaude(code));
}

void ValidationEngine::validateValue(const FieldDefinition &f, const QJsonValue &v, const QString &path,
                                     const QString &subject, Findings &out) const
{
    auto error = [&](const QString &code, const QString &message) {
        out << make(path, Severity::Error, code, message);
    };

    if (f.isTextual()) {
        if (!v.isString()) {
            error(QStringLiteral("wrong_type"),
                  QCoreApplication::translate("ValidationEngine", "%1: “%2” must be text. Enter it again.")
                      .arg(subject, f.label));
            return;
        }
        // Counted without the surrounding spaces, unless the raw text exceeds the format's limit.
        const auto raw = v.toString().size();
        const auto length = raw > kMaxTextLength ? raw : v.toString().trimmed().size();
        // Without a limit of its own, a text still fits the report format's (package-format.md).
        const qsizetype maxLength = f.maxLength > 0 ? f.maxLength : kMaxTextLength;
        if (length > maxLength) {
            error(QStringLiteral("max_length"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” has %3 characters; shorten it to at most %4.")
                      .arg(subject, f.label)
                      .arg(length)
                      .arg(maxLength));
        } else if (f.minLength > 0 && length < f.minLength) {
            error(QStringLiteral("min_length"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” is too short (%3 characters). Write at least %4 "
                                              "characters.")
                      .arg(subject, f.label)
                      .arg(length)
                      .arg(f.minLength));
        }
    } else if (f.type == field_type::Date) {
        if (!parseDate(v).isValid()) {
            error(QStringLiteral("invalid_date"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” is not a valid date. Enter it as dd/mm/yyyy.")
                      .arg(subject, f.label));
        }
    } else if (f.type == field_type::Integer) {
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            error(QStringLiteral("not_a_number"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” must be a whole number. Enter a number such as 25.")
                      .arg(subject, f.label));
            return;
        }
        const double x = v.toDouble();
        if (std::floor(x) != x) {
            error(QStringLiteral("not_integer"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” must be a whole number, without decimals.")
                      .arg(subject, f.label));
        } else if (f.min && x < *f.min) {
            error(QStringLiteral("min"),
                  QCoreApplication::translate("ValidationEngine", "%1: “%2” must be at least %3.")
                      .arg(subject, f.label, number(*f.min)));
        } else if (f.max && x > *f.max) {
            error(QStringLiteral("max"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” must be at most %3. Check the value.")
                      .arg(subject, f.label, number(*f.max)));
        }
    } else if (f.type == field_type::Boolean) {
        if (!v.isBool()) {
            error(
                QStringLiteral("wrong_type"),
                QCoreApplication::translate("ValidationEngine", "%1: “%2” must be yes or no. Mark it again.")
                    .arg(subject, f.label));
        }
    } else if (f.hasCatalogue()) {
        const bool multiple = f.isMultiple();
        if ((multiple && !v.isArray()) || (!multiple && !v.isString())) {
            error(QStringLiteral("wrong_type"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” has an invalid selection. Choose the option again.")
                      .arg(subject, f.label));
            return;
        }
        const QJsonArray items = multiple ? v.toArray() : QJsonArray{v};
        for (const auto &item : items) {
            const QString code = item.isString() ? item.toString() : item.toVariant().toString();
            const auto entry = item.isString() ? m_program.catalogueEntry(f.catalogue, code) : std::nullopt;
            if (!entry) {
                error(QStringLiteral("unknown_code"),
                      QCoreApplication::translate(
                          "ValidationEngine", "%1: “%2” has an option that does not exist in this program "
                                              "(code “%3”). Choose an option from the list.")
                          .arg(subject, f.label, code));
            } else if (!entry->active) {
                out << make(path, Severity::Warning, QStringLiteral("inactive_code"),
                            QCoreApplication::translate(
                                "ValidationEngine", "%1: the option “%3” in “%2” is no longer in use. Choose "
                                                    "a current option if possible.")
                                .arg(subject, f.label, entry->label));
            }
        }
        if (multiple && f.minItems > 0 && items.size() < f.minItems) {
            error(QStringLiteral("min_items"),
                  QCoreApplication::translate("ValidationEngine", "%1: choose at least %3 options in “%2”.")
                      .arg(subject, f.label)
                      .arg(f.minItems));
        } else if (multiple && f.maxItems > 0 && items.size() > f.maxItems) {
            error(QStringLiteral("max_items"),
                  QCoreApplication::translate("ValidationEngine", "%1: choose at most %3 options in “%2”.")
                      .arg(subject, f.label)
                      .arg(f.maxItems));
        }
    } else if (f.type == field_type::Coordinates) {
        const QJsonObject o = v.toObject();
        const QJsonValue lat = o.value(QStringLiteral("lat"));
        const QJsonValue lon = o.value(QStringLiteral("lon"));
        const bool ok = v.isObject() && lat.isDouble() && lon.isDouble() &&
                        std::abs(lat.toDouble()) <= 90.0 && std::abs(lon.toDouble()) <= 180.0;
        if (!ok) {
            error(QStringLiteral("invalid_coordinates"),
                  QCoreApplication::translate(
                      "ValidationEngine", "%1: “%2” are not valid coordinates. Enter the latitude (-90 to "
                                          "90) and the longitude (-180 to 180) again, or leave them empty.")
                      .arg(subject, f.label));
        }
    } else if (f.type == field_type::Municipality || f.type == field_type::HealthRegion) {
        const bool municipality = f.type == field_type::Municipality;
        const QString code = v.isString() ? v.toString().trimmed() : v.toVariant().toString();
        if (!(municipality ? isKnownMunicipality(v) : isKnownRegiao(v))) {
            error(municipality ? QStringLiteral("unknown_municipality") : QStringLiteral("unknown_regiao"),
                  municipality
                      ? QCoreApplication::translate("ValidationEngine",
                                                    "%1: “%2” is not a known municipality code (%3). "
                                                    "Choose the municipality from the list.")
                            .arg(subject, f.label, code)
                      : QCoreApplication::translate("ValidationEngine",
                                                    "%1: “%2” is not a known health region code (%3). "
                                                    "Choose the health region from the list.")
                            .arg(subject, f.label, code));
        }
    } else if (f.type == field_type::Uf) {
        static const QRegularExpression uf(QStringLiteral("^[A-Z]{2}$"));
        const QString code = v.isString() ? v.toString().trimmed() : v.toVariant().toString();
        bool ok = v.isString() && uf.match(code).hasMatch();
        if (ok && m_reference.isUf)
            ok = m_reference.isUf(code);
        if (!ok) {
            error(QStringLiteral("unknown_uf"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” is not a Brazilian state (%3). Choose the state from "
                                              "the list.")
                      .arg(subject, f.label, code));
        }
    }
}

// A list of municipalities: each a known code, none twice, as many as the field allows.
void ValidationEngine::validatePlaces(const ActionContext &ctx, const FieldDefinition &f, const QJsonValue &v,
                                      Findings &out) const
{
    const QString path = ctx.fieldPath(f.id);
    auto error = [&](const QString &code, const QString &message) {
        out << make(path, Severity::Error, code, message);
    };
    if (!v.isArray()) {
        error(QStringLiteral("wrong_type"),
              QCoreApplication::translate(
                  "ValidationEngine", "%1: “%2” has an invalid selection. Choose the municipalities again.")
                  .arg(ctx.record, f.label));
        return;
    }
    const QJsonArray items = v.toArray();
    // Beyond the field's maximum (or 1,000) nothing more is checked: a hostile package's
    // list is not walked whole, and the maximum is said below.
    const qsizetype checked = std::min<qsizetype>(items.size(), f.maxItems > 0 ? f.maxItems : 1000);
    QSet<QString> seen;
    QSet<QString> repeated;
    for (qsizetype i = 0; i < checked; ++i) {
        const QJsonValue item = items.at(i);
        const QString code = item.isString() ? item.toString().trimmed() : item.toVariant().toString();
        if (!isKnownMunicipality(item)) {
            error(QStringLiteral("unknown_municipality"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” is not a known municipality code (%3). "
                                              "Choose the municipality from the list.")
                      .arg(ctx.record, f.label, code));
        } else if (seen.contains(code) && !repeated.contains(code)) {
            repeated.insert(code);
            error(QStringLiteral("duplicate"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” lists %3 more than once. Keep it once.")
                      .arg(ctx.record, f.label, municipalityName(code)));
        }
        seen.insert(code);
    }
    if (f.minItems > 0 && items.size() < f.minItems) {
        error(
            QStringLiteral("min_items"),
            QCoreApplication::translate("ValidationEngine", "%1: choose at least %3 municipalities in “%2”.")
                .arg(ctx.record, f.label)
                .arg(f.minItems));
    } else if (f.maxItems > 0 && items.size() > f.maxItems) {
        error(QStringLiteral("max_items"),
              QCoreApplication::translate("ValidationEngine", "%1: choose at most %3 municipalities in “%2”.")
                  .arg(ctx.record, f.label)
                  .arg(f.maxItems));
    }
}

// A list field: entries (objects) whose values are checked against the "item" fields.
// Paths: actions[i].fields.<list>[k].<field>.
void ValidationEngine::validateList(const ActionContext &ctx, const FieldDefinition &f, const QJsonValue &v,
                                    Findings &out) const
{
    const QString path = ctx.fieldPath(f.id);
    if (!v.isArray()) {
        out << make(path, Severity::Error, QStringLiteral("wrong_type"),
                    QCoreApplication::translate("ValidationEngine",
                                                "%1: “%2” is not a valid list. Enter its entries again.")
                        .arg(ctx.record, f.label));
        return;
    }
    const QJsonArray entries = v.toArray();
    if (f.minItems > 0 && entries.size() < f.minItems) {
        out << make(path, Severity::Error, QStringLiteral("min_items"),
                    QCoreApplication::translate("ValidationEngine", "%1: add at least %3 entries in “%2”.")
                        .arg(ctx.record, f.label)
                        .arg(f.minItems));
    } else if (f.maxItems > 0 && entries.size() > f.maxItems) {
        out << make(
            path, Severity::Error, QStringLiteral("max_items"),
            QCoreApplication::translate("ValidationEngine", "%1: “%2” has %3 entries; the maximum is %4.")
                .arg(ctx.record, f.label)
                .arg(entries.size())
                .arg(f.maxItems));
    }
    const qsizetype checked = std::min<qsizetype>(entries.size(), f.maxItems > 0 ? f.maxItems : 1000);
    for (qsizetype k = 0; k < checked; ++k) {
        //: A list entry in a message: "Ação 1, “Encaminhamentos” item 2"
        const QString subject = QCoreApplication::translate("ValidationEngine", "%1, “%2” item %3")
                                    .arg(ctx.record, f.label)
                                    .arg(k + 1);
        const QString at = path + QStringLiteral("[%1]").arg(k);
        if (!entries.at(k).isObject()) {
            out << make(at, Severity::Error, QStringLiteral("wrong_type"),
                        QCoreApplication::translate("ValidationEngine", "%1 is not valid. Enter it again.")
                            .arg(subject));
            continue;
        }
        const QJsonObject entry = entries.at(k).toObject();
        for (const auto &sub : f.itemFields) {
            const QJsonValue sv = entry.value(sub.id);
            const QString subPath = at + QLatin1Char('.') + sub.id;
            if (sv.isUndefined() || (isEmptyValue(sv) && hasFieldJsonType(sub, sv))) {
                if (sub.required) {
                    out << make(subPath, Severity::Error, QStringLiteral("required"),
                                (sub.hasCatalogue()
                                     ? QCoreApplication::translate("ValidationEngine",
                                                                   "%1: choose an option in “%2”.")
                                     : QCoreApplication::translate("ValidationEngine", "%1: fill in “%2”."))
                                    .arg(subject, sub.label));
                }
                continue;
            }
            validateValue(sub, sv, subPath, subject, out);
        }
    }
}

} // namespace mobiliza::core
