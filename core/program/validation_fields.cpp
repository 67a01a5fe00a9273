// ValidationEngine: the checks of one field value against its definition (type, bounds, catalogue).
#include "core/program/validation_engine_p.h"

#include <QCoreApplication>
#include <QRegularExpression>

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

    if (f.isTextual()) {
        if (!v.isString()) {
            error(QStringLiteral("wrong_type"),
                  QCoreApplication::translate("ValidationEngine", "%1: “%2” must be text. Enter it again.")
                      .arg(ctx.record, label));
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
                      .arg(ctx.record, label)
                      .arg(length)
                      .arg(maxLength));
        } else if (f.minLength > 0 && length < f.minLength) {
            error(QStringLiteral("min_length"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” is too short (%3 characters). Write at least %4 "
                                              "characters.")
                      .arg(ctx.record, label)
                      .arg(length)
                      .arg(f.minLength));
        }
    } else if (f.type == field_type::Date) {
        if (!parseDate(v).isValid()) {
            error(QStringLiteral("invalid_date"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” is not a valid date. Enter it as dd/mm/yyyy.")
                      .arg(ctx.record, label));
        }
    } else if (f.type == field_type::Integer) {
        if (!v.isDouble() || !std::isfinite(v.toDouble())) {
            error(QStringLiteral("not_a_number"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” must be a whole number. Enter a number such as 25.")
                      .arg(ctx.record, label));
            return;
        }
        const double x = v.toDouble();
        if (std::floor(x) != x) {
            error(QStringLiteral("not_integer"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” must be a whole number, without decimals.")
                      .arg(ctx.record, label));
        } else if (f.min && x < *f.min) {
            error(QStringLiteral("min"),
                  QCoreApplication::translate("ValidationEngine", "%1: “%2” must be at least %3.")
                      .arg(ctx.record, label, number(*f.min)));
        } else if (f.max && x > *f.max) {
            error(QStringLiteral("max"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” must be at most %3. Check the value.")
                      .arg(ctx.record, label, number(*f.max)));
        }
    } else if (f.type == field_type::Boolean) {
        if (!v.isBool()) {
            error(
                QStringLiteral("wrong_type"),
                QCoreApplication::translate("ValidationEngine", "%1: “%2” must be yes or no. Mark it again.")
                    .arg(ctx.record, label));
        }
    } else if (f.hasCatalogue()) {
        const bool multiple = f.isMultiple();
        if ((multiple && !v.isArray()) || (!multiple && !v.isString())) {
            error(QStringLiteral("wrong_type"),
                  QCoreApplication::translate("ValidationEngine",
                                              "%1: “%2” has an invalid selection. Choose the option again.")
                      .arg(ctx.record, label));
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
                          .arg(ctx.record, label, code));
            } else if (!entry->active) {
                out << make(path, Severity::Warning, QStringLiteral("inactive_code"),
                            QCoreApplication::translate(
                                "ValidationEngine", "%1: the option “%3” in “%2” is no longer in use. Choose "
                                                    "a current option if possible.")
                                .arg(ctx.record, label, entry->label));
            }
        }
        if (multiple && f.minItems > 0 && items.size() < f.minItems) {
            error(QStringLiteral("min_items"),
                  QCoreApplication::translate("ValidationEngine", "%1: choose at least %3 options in “%2”.")
                      .arg(ctx.record, label)
                      .arg(f.minItems));
        } else if (multiple && f.maxItems > 0 && items.size() > f.maxItems) {
            error(QStringLiteral("max_items"),
                  QCoreApplication::translate("ValidationEngine", "%1: choose at most %3 options in “%2”.")
                      .arg(ctx.record, label)
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
                      .arg(ctx.record, label));
        }
    } else if (f.type == field_type::Municipality || f.type == field_type::HealthRegion) {
        const bool municipality = f.type == field_type::Municipality;
        static const QRegularExpression ibge(QStringLiteral("^\\d{7}$"));
        static const QRegularExpression regiao(QStringLiteral("^\\d{5}$"));
        const QString code = v.isString() ? v.toString().trimmed() : v.toVariant().toString();
        bool ok = v.isString() && (municipality ? ibge : regiao).match(code).hasMatch();
        const auto &lookup = municipality ? m_reference.isMunicipality : m_reference.isRegiaoSaude;
        if (ok && lookup)
            ok = lookup(code);
        if (!ok) {
            error(municipality ? QStringLiteral("unknown_municipality") : QStringLiteral("unknown_regiao"),
                  municipality
                      ? QCoreApplication::translate("ValidationEngine",
                                                    "%1: “%2” is not a known municipality code (%3). "
                                                    "Choose the municipality from the list.")
                            .arg(ctx.record, label, code)
                      : QCoreApplication::translate("ValidationEngine",
                                                    "%1: “%2” is not a known health region code (%3). "
                                                    "Choose the health region from the list.")
                            .arg(ctx.record, label, code));
        }
    }
}

} // namespace mobiliza::core
