#include "app/ui/partners/partner_actions.h"

#include "core/program/program_definition.h"
#include "core/services/services.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <algorithm>

namespace mobiliza::ui {

QStringList partnerActionDescriptions(core::Services &services, const core::ProgramDefinition &program,
                                      const QString &partnerUuid)
{
    const QList<QString> ids = services.partners().actionsOfPartner(partnerUuid);
    if (ids.isEmpty())
        return {};
    QSet<QString> missing(ids.cbegin(), ids.cend());
    QHash<QString, QString> described;
    const QString titleField = program.fieldForRole(core::field_role::Title);
    const QString label = program.recordLabel().isEmpty()
                              ? QCoreApplication::translate("PartnerActions", "Action")
                              : program.recordLabel();

    // The service lists the actions oldest month first: walk the months the same way
    // and stop as soon as every action is found.
    auto listed = services.reports().summaries();
    QList<core::ReportSummary> summaries = listed ? listed.value() : QList<core::ReportSummary>{};
    std::reverse(summaries.begin(), summaries.end());
    for (const auto &summary : summaries) {
        if (missing.isEmpty())
            break;
        if (summary.actionCount == 0)
            continue;
        const auto report = services.reports().report(summary.uuid);
        if (!report)
            continue;
        for (const auto &action : report->actions) {
            if (!missing.remove(action.uuid))
                continue;
            QString title = action.values.value(titleField).toString().trimmed();
            if (title.isEmpty())
                title = QCoreApplication::translate("PartnerActions", "(untitled)");
            described.insert(action.uuid, QStringLiteral("%1 %2 — %3 (%4)")
                                              .arg(label)
                                              .arg(action.position + 1)
                                              .arg(title, report->period.display()));
        }
    }
    QStringList lines;
    for (const auto &id : ids)
        if (described.contains(id))
            lines << described.value(id);
    return lines;
}

} // namespace mobiliza::ui
