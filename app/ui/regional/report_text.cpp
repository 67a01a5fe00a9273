#include "app/ui/regional/report_text.h"

#include "app/ui/regional/regional_format.h"
#include "core/outputs/output_format.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace mobiliza::ui::regional {

namespace out = core::outputs;

namespace {

struct RegionalReportText
{
    Q_DECLARE_TR_FUNCTIONS(RegionalReportText)
};

} // namespace

QList<ReportPhoto> reportPhotos(const core::Report &report)
{
    QList<ReportPhoto> photos;
    int number = 0;
    for (const core::Action &action : report.actions)
        for (const core::Photo &photo : action.photos)
            photos << ReportPhoto{++number, action.position + 1, action.uuid, photo};
    return photos;
}

QString fieldValue(const core::ProgramDefinition &program, const core::FieldDefinition &field,
                   const core::Action &action)
{
    const QJsonValue v = action.values.value(field.id);
    if (field.type == core::field_type::Date)
        return out::dateBr(QDate::fromString(v.toString(), Qt::ISODate));
    if (field.type == core::field_type::Choice || field.type == core::field_type::MultiChoice)
        return out::choiceLabels(program, field.id, action.values).join(QStringLiteral("; "));
    if (field.type == core::field_type::Integer) {
        if (!v.isDouble())
            return {};
        QString s = out::integerBr(qint64(v.toDouble()));
        if (!field.estimateField.isEmpty() && action.values.value(field.estimateField).toBool())
            s += QStringLiteral(" (estimativa)");
        return s;
    }
    if (field.type == core::field_type::Boolean)
        return v.isBool() ? out::yesNo(v.toBool()) : QString();
    if (field.type == core::field_type::Partners) {
        // The URS does not hold the municipality's register: the count is what it can say.
        if (action.partnerUuids.isEmpty())
            return {};
        return RegionalReportText::tr("%n partner(s) of the municipality's register", nullptr,
                                      int(action.partnerUuids.size()));
    }
    if (field.type == core::field_type::Coordinates) {
        const QJsonObject c = v.toObject();
        if (!c.value(QStringLiteral("lat")).isDouble() || !c.value(QStringLiteral("lon")).isDouble())
            return {};
        return QStringLiteral("%1; %2").arg(out::decimalBr(c.value(QStringLiteral("lat")).toDouble(), 6),
                                            out::decimalBr(c.value(QStringLiteral("lon")).toDouble(), 6));
    }
    // A state "Bahia (BA)", municipalities by name, a list's entries (the apoio program's
    // encaminhamentos): as the PDF writes them, one entry a line.
    if (field.type == core::field_type::Uf || field.type == core::field_type::Municipalities ||
        field.type == core::field_type::List)
        return out::fieldText(program, field, action.values, QStringLiteral("\n"));
    if (v.isString())
        return v.toString().trimmed();
    if (v.isDouble())
        return out::decimalBr(v.toDouble(), 6);
    return {};
}

QString headerHtml(const QList<QPair<QString, QString>> &lines)
{
    QString html = QStringLiteral("<table cellspacing='0' cellpadding='3' width='100%' "
                                  "style='background:#eef3f8; border:1px solid #cfd8e3;'>");
    for (int i = 0; i < lines.size(); i += 2) {
        html += QStringLiteral("<tr>");
        for (int j = i; j < i + 2; ++j) {
            if (j < lines.size())
                html +=
                    QStringLiteral("<td width='50%'><span style='color:#4a5a6a;'>%1:</span> <b>%2</b></td>")
                        .arg(htmlLines(lines.at(j).first), htmlLines(lines.at(j).second));
            else
                html += QStringLiteral("<td></td>");
        }
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

QString actionsHtml(const core::Report &report, const core::ProgramDefinition &program)
{
    QString html;
    const QString label = program.isNull() ? QStringLiteral("Ação") : program.recordLabel();
    const QString plural = program.isNull() ? QStringLiteral("Ações") : program.recordLabelPlural();
    // A program of more than a month (the apoio program's quadrimestres) is reported by people.
    const bool monthly = program.isNull() || program.periodMonths() <= 1;
    if (report.noActions) {
        html += QStringLiteral("<h3 style='color:#1f4e79;'>%1</h3>")
                    .arg(htmlLines(monthly ? RegionalReportText::tr("No actions in the month")
                                           : RegionalReportText::tr("No actions in the period")));
        html += QStringLiteral("<p>%1</p>")
                    .arg(htmlLines(
                        (monthly ? RegionalReportText::tr("The municipality reported no %1 in this month.")
                                 : RegionalReportText::tr("The apoiador reported no %1 in this period."))
                            .arg(plural.toLower())));
        html += QStringLiteral("<p><span style='color:#4a5a6a;'>%1:</span><br>%2</p>")
                    .arg(htmlLines(RegionalReportText::tr("Justification")),
                         htmlLines(report.noActionsJustification));
        return html;
    }
    if (report.actions.isEmpty())
        return QStringLiteral("<p><i>%1</i></p>")
            .arg(htmlLines(monthly ? RegionalReportText::tr("No action recorded in this month.")
                                   : RegionalReportText::tr("No action recorded in this period.")));

    const QString titleField = program.fieldForRole(core::field_role::Title);
    const QString peopleField = program.fieldForRole(core::field_role::PeopleReached);
    int photoIndex = 0;
    qint64 people = 0;
    int photoTotal = 0;
    for (const core::Action &action : report.actions) {
        const int number = action.position + 1;
        const QString title = action.values.value(titleField).toString().trimmed();
        html += QStringLiteral("<a name='action-%1'></a>").arg(number);
        html +=
            QStringLiteral("<h3 style='background:#e8eef5; color:#1f4e79; margin-top:14px;'>&nbsp;%1</h3>")
                .arg(htmlLines(title.isEmpty()
                                   ? QStringLiteral("%1 %2").arg(label).arg(number)
                                   : QStringLiteral("%1 %2 — %3").arg(label).arg(number).arg(title)));
        html += QStringLiteral("<table cellspacing='0' cellpadding='2'>");
        QString longTexts;
        for (const core::FieldDefinition &field : program.fields()) {
            if (field.id == titleField || !field.companionOf.isEmpty())
                continue;
            const QString value = fieldValue(program, field, action);
            if (field.type == core::field_type::LongText) {
                longTexts +=
                    QStringLiteral(
                        "<p style='margin-top:6px;'><span style='color:#4a5a6a;'>%1:</span><br>%2</p>")
                        .arg(htmlLines(field.label),
                             value.isEmpty() ? QStringLiteral("—") : htmlLines(value));
                continue;
            }
            html +=
                QStringLiteral("<tr><td style='color:#4a5a6a; padding-right:10px;'>%1:</td><td>%2</td></tr>")
                    .arg(htmlLines(field.label), value.isEmpty() ? QStringLiteral("—") : htmlLines(value));
        }
        html += QStringLiteral("</table>") + longTexts;
        people += qint64(action.values.value(peopleField).toDouble());
        if (!action.photos.isEmpty()) {
            html += QStringLiteral("<p style='margin-top:6px;'><span style='color:#4a5a6a;'>%1:</span><br>")
                        .arg(htmlLines(RegionalReportText::tr("Photos")));
            for (const core::Photo &photo : action.photos) {
                const int n = photoIndex + 1;
                const QString caption = photo.caption.trimmed();
                html += QStringLiteral("<a href='photo:%1'>Foto %2</a>%3<br>")
                            .arg(photoIndex)
                            .arg(n)
                            .arg(caption.isEmpty() ? QString() : QStringLiteral(" — ") + htmlLines(caption));
                ++photoIndex;
            }
            html += QStringLiteral("</p>");
            photoTotal += int(action.photos.size());
        }
    }
    html += QStringLiteral("<h3 style='color:#1f4e79; margin-top:16px;'>%1</h3>")
                .arg(htmlLines(RegionalReportText::tr("Totals of the month")));
    html += QStringLiteral("<p>%1: <b>%2</b> · %3: <b>%4</b> · %5: <b>%6</b></p>")
                .arg(htmlLines(plural), QString::number(report.actions.size()),
                     htmlLines(RegionalReportText::tr("People reached")), out::integerBr(people),
                     htmlLines(RegionalReportText::tr("Photos")), QString::number(photoTotal));
    return html;
}

QString diffHtml(const core::RevisionDiff &diff, const core::Report &before, const core::Report &after,
                 const core::ProgramDefinition &program)
{
    QString html =
        QStringLiteral("<a name='changes'></a><h3 style='color:#7a4a00; margin-top:14px;'>%1</h3>")
            .arg(htmlLines(RegionalReportText::tr("What changed since revision %1").arg(diff.from)));
    if (diff.isEmpty())
        return html +
               QStringLiteral("<p>%1</p>")
                   .arg(htmlLines(RegionalReportText::tr(
                       "Nothing in the actions, fields or photos changed: only the report was sent again.")));
    const QString label = program.isNull() ? QStringLiteral("Ação") : program.recordLabel();
    const QString titleField = program.fieldForRole(core::field_role::Title);
    auto find = [](const core::Report &r, const QString &uuid) -> const core::Action * {
        for (const core::Action &a : r.actions)
            if (a.uuid == uuid)
                return &a;
        return nullptr;
    };
    html += QStringLiteral(
                "<table cellspacing='0' cellpadding='4' width='100%' style='border:1px solid #e0c9a0;'>"
                "<tr style='background:#fbf3e4;'><th align='left'>%1</th><th align='left'>%2</th>"
                "<th align='left'>%3</th></tr>")
                .arg(htmlLines(RegionalReportText::tr("What")),
                     htmlLines(RegionalReportText::tr("Revision %1").arg(diff.from)),
                     htmlLines(RegionalReportText::tr("Revision %1").arg(diff.to)));
    auto row = [&](const QString &what, const QString &was, const QString &now) {
        html += QStringLiteral("<tr><td valign='top'>%1</td><td valign='top' style='color:#8a2b1b;'>%2</td>"
                               "<td valign='top' style='color:#1d6b35;'>%3</td></tr>")
                    .arg(htmlLines(what), was.isEmpty() ? QStringLiteral("—") : htmlLines(was),
                         now.isEmpty() ? QStringLiteral("—") : htmlLines(now));
    };
    if (diff.noActionsChanged)
        row(RegionalReportText::tr("No actions in the month"),
            before.noActions ? before.noActionsJustification : RegionalReportText::tr("no"),
            after.noActions ? after.noActionsJustification : RegionalReportText::tr("no"));
    for (const core::ActionChange &c : diff.actions) {
        const core::Action *was = find(before, c.action);
        const core::Action *now = find(after, c.action);
        const core::Action *any = now ? now : was;
        const QString title = any ? any->values.value(titleField).toString().trimmed() : QString();
        const QString name = QStringLiteral("%1 %2").arg(label).arg(c.position + 1) +
                             (title.isEmpty() ? QString() : QStringLiteral(" — ") + title);
        if (c.kind == core::ActionChange::Kind::Added) {
            row(name, {}, RegionalReportText::tr("added, with %n photo(s)", nullptr, c.photoCount));
            continue;
        }
        if (c.kind == core::ActionChange::Kind::Removed) {
            row(name, RegionalReportText::tr("%n photo(s)", nullptr, c.photoCount),
                RegionalReportText::tr("removed"));
            continue;
        }
        for (const core::FieldChange &f : c.fields) {
            const auto field = program.field(f.field);
            if (!field) {
                row(QStringLiteral("%1: %2").arg(name, f.field == QLatin1String("partners")
                                                           ? RegionalReportText::tr("partners")
                                                           : f.field),
                    f.before.isDouble() ? QString::number(f.before.toInt()) : f.before.toString(),
                    f.after.isDouble() ? QString::number(f.after.toInt()) : f.after.toString());
                continue;
            }
            row(QStringLiteral("%1: %2").arg(name, field->label),
                was ? fieldValue(program, *field, *was) : QString(),
                now ? fieldValue(program, *field, *now) : QString());
        }
        if (!c.photosAdded.isEmpty() || !c.photosRemoved.isEmpty())
            row(QStringLiteral("%1: %2").arg(name, RegionalReportText::tr("photos")),
                c.photosRemoved.isEmpty()
                    ? QString()
                    : RegionalReportText::tr("%n removed", nullptr, int(c.photosRemoved.size())),
                c.photosAdded.isEmpty()
                    ? QString()
                    : RegionalReportText::tr("%n added", nullptr, int(c.photosAdded.size())));
    }
    return html + QStringLiteral("</table>");
}

} // namespace mobiliza::ui::regional
