// ValidationEngine: report-level checks, cross-field rules and photos (per-field checks:
// validation_fields.cpp).
#include "core/program/validation_engine_p.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>

namespace mobiliza::core {

using namespace validation_detail;

ValidationEngine::ValidationEngine(ProgramDefinition program, ReferenceChecks reference)
    : m_program(std::move(program)), m_reference(std::move(reference))
{
}

Findings ValidationEngine::validate(const Report &report) const
{
    Findings out;
    const ReportRule rule = m_program.reportRule();
    if (!report.programId.isEmpty() && report.programId != m_program.id()) {
        out << make(QStringLiteral("report"), Severity::Error, QStringLiteral("wrong_program"),
                    QCoreApplication::translate(
                        "ValidationEngine", "This report belongs to the program “%1”, not to “%2”. Open it "
                                            "with the right program.")
                        .arg(report.programId, m_program.name()));
    }
    if (!report.period.isValid()) {
        out << make(QStringLiteral("report.period"), Severity::Error, QStringLiteral("invalid_period"),
                    QCoreApplication::translate(
                        "ValidationEngine", "The report has no valid month (competência). Choose the month "
                                            "of the report."));
    } else if (!m_program.isPeriodOf(report.period)) {
        out << make(QStringLiteral("report.period"), Severity::Error, QStringLiteral("invalid_period"),
                    m_program.periodMonths() == 4
                        ? QCoreApplication::translate("ValidationEngine",
                                                      "The period %1 is a month, but this program reports "
                                                      "by four-month period. Choose the four-month period "
                                                      "of the report.")
                              .arg(report.period.display())
                        : QCoreApplication::translate("ValidationEngine",
                                                      "The period %1 is a four-month period, but this "
                                                      "program reports by month. Choose the month of the "
                                                      "report.")
                              .arg(report.period.display()));
    }

    const auto actionCount = report.actions.size();
    if (report.noActions) {
        if (!rule.allowNoActions) {
            out << make(QStringLiteral("report.actions"), Severity::Error,
                        QStringLiteral("no_actions_not_allowed"),
                        QCoreApplication::translate(
                            "ValidationEngine", "This program does not accept a report without actions. Add "
                                                "at least one action."));
        } else if (actionCount > 0) {
            out << make(QStringLiteral("report.actions"), Severity::Error,
                        QStringLiteral("no_actions_with_actions"),
                        QCoreApplication::translate("ValidationEngine",
                                                    "The report is marked “No actions this month” but has %1 "
                                                    "actions. Remove the actions or unmark the option.")
                            .arg(actionCount));
        }
        const auto length = report.noActionsJustification.trimmed().size();
        const int minLength = rule.noActionsJustificationMinLength;
        if (rule.allowNoActions && (length == 0 || length < minLength)) {
            const QString message =
                length == 0
                    ? QCoreApplication::translate("ValidationEngine",
                                                  "Explain why there were no actions this month (at least "
                                                  "%1 characters).")
                          .arg(minLength)
                    : QCoreApplication::translate("ValidationEngine",
                                                  "The justification for no actions this month is too "
                                                  "short (%1 characters). Explain the reason in at least "
                                                  "%2 characters.")
                          .arg(length)
                          .arg(minLength);
            out << make(QStringLiteral("report.noActionsJustification"), Severity::Error,
                        QStringLiteral("justification_too_short"), message);
        }
    } else if (actionCount == 0 && rule.minRecords > 0) {
        out << make(
            QStringLiteral("report.actions"), Severity::Error, QStringLiteral("no_actions"),
            rule.allowNoActions
                ? QCoreApplication::translate("ValidationEngine",
                                              "The report has no actions. Add at least one action, or mark "
                                              "“No actions this month” and explain why.")
                : QCoreApplication::translate("ValidationEngine",
                                              "This program does not accept a report without actions. Add "
                                              "at least one action."));
    } else if (actionCount < rule.minRecords) {
        out << make(
            QStringLiteral("report.actions"), Severity::Error, QStringLiteral("too_few_records"),
            QCoreApplication::translate("ValidationEngine",
                                        "The report has %1 actions; the program asks for at least %2. Add "
                                        "the missing actions.")
                .arg(actionCount)
                .arg(rule.minRecords));
    }

    int photoOffset = 0;
    for (qsizetype i = 0; i < actionCount; ++i) {
        validateActionAt(report, report.actions.at(i), i, photoOffset, out);
        photoOffset += static_cast<int>(report.actions.at(i).photos.size());
    }
    return out;
}

Findings ValidationEngine::validateAction(const Report &report, const Action &action) const
{
    qsizetype index = -1;
    for (qsizetype i = 0; i < report.actions.size() && index < 0; ++i)
        if (!action.uuid.isEmpty() && report.actions.at(i).uuid == action.uuid)
            index = i;
    if (index < 0) // a new action, not in the report yet
        index = action.position >= 0 ? action.position : report.actions.size();
    int photoOffset = 0;
    for (qsizetype i = 0; i < std::min(index, report.actions.size()); ++i)
        photoOffset += static_cast<int>(report.actions.at(i).photos.size());
    Findings out;
    validateActionAt(report, action, index, photoOffset, out);
    return out;
}

void ValidationEngine::validateActionAt(const Report &report, const Action &action, qsizetype index,
                                        int photoOffset, Findings &out) const
{
    const ActionContext ctx{report, action,
                            QStringLiteral("%1 %2").arg(m_program.recordLabel()).arg(index + 1),
                            QStringLiteral("actions[%1]").arg(index), photoOffset};
    Findings found;
    const auto fields = m_program.fields();
    for (const auto &field : fields) {
        validateField(ctx, field, found);
        validateOther(ctx, field, found);
    }
    validateRules(ctx, found);
    validatePhotos(ctx, found);

    // Present the findings in form order (fields as the program lists them, then photos), so the
    // editor's list reads top to bottom whichever check produced them.
    const QString fieldsPrefix = ctx.prefix + QStringLiteral(".fields.");
    auto rank = [&](const Finding &f) -> qsizetype {
        if (f.path.startsWith(fieldsPrefix)) {
            QString id = f.path.mid(fieldsPrefix.size());
            static const QRegularExpression entry(QStringLiteral("[.\\[]")); // a list entry's field
            if (const auto cut = id.indexOf(entry); cut >= 0)
                id.truncate(cut);
            for (qsizetype i = 0; i < fields.size(); ++i)
                if (fields.at(i).id == id)
                    return i;
        }
        return fields.size();
    };
    // Each finding ranked once (a hostile package may bring many).
    QList<QPair<qsizetype, qsizetype>> order; // (rank, index)
    order.reserve(found.size());
    for (qsizetype i = 0; i < found.size(); ++i)
        order.append({rank(found.at(i)), i});
    std::stable_sort(order.begin(), order.end(),
                     [](const auto &x, const auto &y) { return x.first < y.first; });
    for (const auto &o : std::as_const(order))
        out << found.at(o.second);
}

// A choice "Outro" makes its companion text field required.
void ValidationEngine::validateOther(const ActionContext &ctx, const FieldDefinition &f, Findings &out) const
{
    if (f.otherValue.isEmpty() || f.otherField.isEmpty())
        return;
    const QJsonValue v = ctx.value(f.id);
    const QJsonArray items = v.isArray() ? v.toArray() : QJsonArray{v};
    bool chosen = false;
    for (const auto &item : items)
        chosen = chosen || (item.isString() && item.toString() == f.otherValue);
    const QJsonValue other = ctx.value(f.otherField);
    if (!chosen || !isEmptyValue(other))
        return;
    const auto otherField = m_program.field(f.otherField);
    if (otherField && !other.isUndefined() && !hasFieldJsonType(*otherField, other))
        return; // already reported as a value of the wrong type
    const auto entry = m_program.catalogueEntry(f.catalogue, f.otherValue);
    out << make(
        ctx.fieldPath(f.otherField), Severity::Error, QStringLiteral("other_required"),
        QCoreApplication::translate("ValidationEngine", "%1: you chose “%3” in “%2”. Describe it in “%4”.")
            .arg(ctx.record, f.label, entry ? entry->label : f.otherValue,
                 otherField ? otherField->label : f.otherField));
}

void ValidationEngine::validateRules(const ActionContext &ctx, Findings &out) const
{
    for (const auto &rule : m_program.rules()) {
        if (rule.kind == QLatin1String("date_in_period")) {
            const QDate date = parseDate(ctx.value(rule.field));
            const Period p = ctx.report.period;
            if (!date.isValid() || !p.isValid() || (date >= p.firstDay() && date <= p.lastDay()))
                continue;
            const auto field = m_program.field(rule.field);
            const QString message =
                p.isQuadrimester()
                    ? QCoreApplication::translate(
                          "ValidationEngine", "%1: the date %3 in “%2” is outside the period of the report "
                                              "(%4). Use a date from %5 to %6, or record it in the report "
                                              "of its own period.")
                    : QCoreApplication::translate(
                          "ValidationEngine", "%1: the date %3 in “%2” is outside the month of the report "
                                              "(%4). Use a date from %5 to %6, or record the action in the "
                                              "report of its own month.");
            out << make(ctx.fieldPath(rule.field), rule.severity, QStringLiteral("date_outside_period"),
                        message.arg(ctx.record, field ? field->label : rule.field, displayDate(date),
                                    p.display(), displayDate(p.firstDay()), displayDate(p.lastDay())));
        } else if (rule.kind == QLatin1String("end_after_start")) {
            const QDate start = parseDate(ctx.value(rule.startField));
            const QDate end = parseDate(ctx.value(rule.endField));
            if (!start.isValid() || !end.isValid() || end >= start)
                continue;
            const auto startField = m_program.field(rule.startField);
            const auto endField = m_program.field(rule.endField);
            out << make(
                ctx.fieldPath(rule.endField), rule.severity, QStringLiteral("end_before_start"),
                QCoreApplication::translate("ValidationEngine",
                                            "%1: “%2” (%3) is before “%4” (%5). Correct one of the dates.")
                    .arg(ctx.record, endField ? endField->label : rule.endField, displayDate(end),
                         startField ? startField->label : rule.startField, displayDate(start)));
        } else if (rule.kind == QLatin1String("required_if")) {
            const QJsonValue when = ctx.value(rule.when.field);
            bool holds = false;
            if (rule.when.op == QLatin1String("filled")) {
                holds = isEmptyValue(when) != rule.when.value.toBool();
            } else if (rule.when.op == QLatin1String("equals")) {
                holds = when == rule.when.value;
            } else if (rule.when.op == QLatin1String("in")) {
                holds = rule.when.value.toArray().contains(when);
            } else if (rule.when.op == QLatin1String("contains")) {
                holds = when.isArray() && when.toArray().contains(rule.when.value);
            }
            const QJsonValue target = ctx.value(rule.field);
            if (!holds || !isEmptyValue(target))
                continue;
            const auto field = m_program.field(rule.field);
            const auto whenField = m_program.field(rule.when.field);
            if (field && field->required)
                continue; // already reported as "required"
            if (field && !target.isUndefined() && !hasFieldJsonType(*field, target))
                continue; // already reported as a value of the wrong type
            out << make(ctx.fieldPath(rule.field), rule.severity, QStringLiteral("required"),
                        QCoreApplication::translate("ValidationEngine",
                                                    "%1: fill in “%2”; it is required by the answer given in "
                                                    "“%3”.")
                            .arg(ctx.record, field ? field->label : rule.field,
                                 whenField ? whenField->label : rule.when.field));
        } else if (rule.kind == QLatin1String("parts_sum")) {
            // Only whole numbers are summed; a part of the wrong type is reported on its own field.
            const QJsonValue total = ctx.value(rule.field);
            double sum = 0;
            bool anyPart = false;
            bool allNumbers = true;
            QStringList labels;
            for (const auto &part : rule.parts) {
                const QJsonValue v = ctx.value(part);
                const auto field = m_program.field(part);
                labels << (field ? field->label : part);
                if (v.isUndefined() || v.isNull())
                    continue;
                anyPart = true;
                allNumbers = allNumbers && v.isDouble();
                sum += v.toDouble();
            }
            if (!anyPart || !allNumbers || !total.isDouble() || sum == total.toDouble())
                continue;
            const auto totalField = m_program.field(rule.field);
            out << make(ctx.fieldPath(rule.parts.constLast()), rule.severity, QStringLiteral("parts_sum"),
                        QCoreApplication::translate(
                            "ValidationEngine", "%1: %2 add up to %3, but “%4” is %5. Correct the numbers "
                                                "so that they add up to the total, or leave them all blank.")
                            .arg(ctx.record, labels.join(QStringLiteral(" + ")), number(sum),
                                 totalField ? totalField->label : rule.field, number(total.toDouble())));
        } else if (rule.kind == QLatin1String("municipalities_in_uf")) {
            const QJsonValue uf = ctx.value(rule.ufField);
            const QJsonValue places = ctx.value(rule.field);
            const QString chosen = uf.toString().trimmed();
            if (!m_reference.ufOfMunicipality || !uf.isString() || chosen.isEmpty())
                continue;
            const QJsonArray codes = places.isArray() ? places.toArray() : QJsonArray{places};
            const auto field = m_program.field(rule.field);
            const auto ufField = m_program.field(rule.ufField);
            // As many as the field checks (validatePlaces): a hostile list is not walked whole.
            const qsizetype checked =
                std::min<qsizetype>(codes.size(), field && field->maxItems > 0 ? field->maxItems : 1000);
            for (qsizetype i = 0; i < checked; ++i) {
                const QJsonValue code = codes.at(i);
                if (!code.isString())
                    continue;
                const QString ibge = code.toString().trimmed();
                const QString state = m_reference.ufOfMunicipality(ibge);
                if (state.isEmpty() || state == chosen)
                    continue; // an unknown code is reported on the field itself
                out << make(
                    ctx.fieldPath(rule.field), rule.severity, QStringLiteral("outside_uf"),
                    QCoreApplication::translate("ValidationEngine",
                                                "%1: the municipality %3 in “%2” is in %4, not in the state "
                                                "chosen in “%5” (%6). Choose a municipality of %6, or change "
                                                "the state.")
                        .arg(ctx.record, field ? field->label : rule.field, municipalityName(ibge), state,
                             ufField ? ufField->label : rule.ufField, chosen));
            }
        } else if (rule.kind == QLatin1String("photo_authorization")) {
            const auto &photos = ctx.action.photos;
            for (qsizetype j = 0; j < photos.size(); ++j) {
                if (!photos.at(j).identifiablePeople || photos.at(j).authorizationOnFile)
                    continue;
                out << make(ctx.prefix + QStringLiteral(".photos[%1].authorizationOnFile").arg(j),
                            rule.severity, QStringLiteral("photo_authorization"),
                            QCoreApplication::translate(
                                "ValidationEngine", "%1, photo %2: it shows identifiable people, but no "
                                                    "image-use authorization is on file. File the signed "
                                                    "authorization (a guardian's for children) or replace "
                                                    "the photo.")
                                .arg(ctx.record)
                                .arg(ctx.photoOffset + j + 1));
            }
        }
    }
}

void ValidationEngine::validatePhotos(const ActionContext &ctx, Findings &out) const
{
    const PhotoRule rule = m_program.photoRule();
    const auto &photos = ctx.action.photos;
    const QString path = ctx.prefix + QStringLiteral(".photos");
    const auto count = photos.size();
    if (count < rule.minPerRecord) {
        out << make(path, Severity::Error, QStringLiteral("min_photos"),
                    count == 0 && rule.minPerRecord == 1
                        ? QCoreApplication::translate(
                              "ValidationEngine", "%1 has no photo. Add at least one photo as proof of the "
                                                  "action.")
                              .arg(ctx.record)
                        : QCoreApplication::translate(
                              "ValidationEngine", "%1 has %2 photos; add at least %3 as proof of the action.")
                              .arg(ctx.record)
                              .arg(count)
                              .arg(rule.minPerRecord));
    } else if (rule.maxPerRecord > 0 && count > rule.maxPerRecord) {
        out << make(path, Severity::Error, QStringLiteral("max_photos"),
                    QCoreApplication::translate(
                        "ValidationEngine", "%1 has %2 photos; the maximum is %3. Remove the extra photos.")
                        .arg(ctx.record)
                        .arg(count)
                        .arg(rule.maxPerRecord));
    }
    for (qsizetype j = 0; j < count; ++j) {
        const Photo &photo = photos.at(j);
        const QString at = path + QStringLiteral("[%1].").arg(j);
        const int number = ctx.photoOffset + static_cast<int>(j) + 1;
        if (photo.sha256.trimmed().isEmpty()) {
            out << make(
                at + QStringLiteral("file"), Severity::Error, QStringLiteral("photo_file_missing"),
                QCoreApplication::translate("ValidationEngine",
                                            "%1, photo %2: the photo file is missing. Remove the photo and "
                                            "add it again.")
                    .arg(ctx.record)
                    .arg(number));
        }
        const auto captionLength = photo.caption.trimmed().size();
        if (rule.captionRequired && captionLength == 0) {
            out << make(at + QStringLiteral("caption"), Severity::Error, QStringLiteral("required"),
                        QCoreApplication::translate("ValidationEngine",
                                                    "%1, photo %2: write a caption that describes the photo.")
                            .arg(ctx.record)
                            .arg(number));
        } else if (rule.captionMaxLength > 0 && captionLength > rule.captionMaxLength) {
            out << make(at + QStringLiteral("caption"), Severity::Error, QStringLiteral("max_length"),
                        QCoreApplication::translate(
                            "ValidationEngine", "%1, photo %2: the caption has %3 characters; shorten it to "
                                                "at most %4.")
                            .arg(ctx.record)
                            .arg(number)
                            .arg(captionLength)
                            .arg(rule.captionMaxLength));
        }
        if (rule.authorRequired && photo.author.trimmed().isEmpty()) {
            out << make(
                at + QStringLiteral("author"), Severity::Error, QStringLiteral("required"),
                QCoreApplication::translate("ValidationEngine", "%1, photo %2: fill in the photo's author.")
                    .arg(ctx.record)
                    .arg(number));
        }
    }
}

} // namespace mobiliza::core
