#include "app/ui/regional/history_text.h"

#include "app/ui/regional/regional_format.h"
#include "app/ui/regional/report_text.h"

#include <QCoreApplication>
#include <QHash>

namespace mobiliza::ui::regional {

namespace {

struct HistoryText
{
    Q_DECLARE_TR_FUNCTIONS(HistoryText)
};

// What a note points at, in the numbering the municipality's PDF uses.
QString noteTarget(const core::ReviewNote &note, const core::Report &report)
{
    if (note.action.isEmpty())
        return {};
    int actionNumber = 0;
    for (const core::Action &a : report.actions)
        if (a.uuid == note.action)
            actionNumber = a.position + 1;
    int photoNumber = 0;
    if (!note.photo.isEmpty())
        for (const ReportPhoto &p : reportPhotos(report))
            if (p.photo.uuid == note.photo)
                photoNumber = p.number;
    if (actionNumber == 0)
        return HistoryText::tr("An action of another revision");
    if (photoNumber == 0)
        return note.photo.isEmpty() ? HistoryText::tr("Action %1").arg(actionNumber)
                                    : HistoryText::tr("Action %1, a photo of another revision").arg(actionNumber);
    return HistoryText::tr("Action %1, Photo %2").arg(actionNumber).arg(photoNumber);
}

QString eventTitle(const core::HistoryEntry &e)
{
    if (e.state == QLatin1String("received"))
        return HistoryText::tr("Revision %1 received by the hub").arg(e.revision);
    return HistoryText::tr("Revision %1: %2").arg(e.revision).arg(reviewStateLabel(e.state));
}

QString pendingText(const core::HistoryEntry &e)
{
    if (e.pending == QLatin1String("queued") || e.pending == QLatin1String("sending"))
        return HistoryText::tr("made here, waits to be sent to the hub");
    if (e.pending == QLatin1String("applied"))
        return HistoryText::tr("made here, taken by the hub");
    if (e.pending == QLatin1String("refused"))
        return e.refusal.isEmpty() ? HistoryText::tr("made here, refused by the hub")
                                   : HistoryText::tr("made here, refused by the hub: %1").arg(e.refusal);
    return {};
}

} // namespace

QString historyTabTitle(const core::HistoryThread &thread)
{
    return HistoryText::tr("History (%1)").arg(thread.entries.size());
}

QString historyHtml(const core::HistoryThread &thread, const core::Report &report, const QString &ownInstallation)
{
    QString html;
    if (!thread.fromHub)
        html += QStringLiteral("<p style='color:#4a5a6a;'>%1</p>")
                    .arg(htmlLines(HistoryText::tr(
                        "Summary from the list of reports. The full history (who decided, from "
                        "which installation, the notes) arrives at the next synchronization.")));
    else if (thread.stale)
        html += QStringLiteral("<p style='color:#4a5a6a;'>%1</p>")
                    .arg(htmlLines(
                        HistoryText::tr("Brought on %1; the hub has newer events, which arrive at the next "
                                        "synchronization.")
                            .arg(brasiliaDateTime(thread.fetchedAt))));
    if (thread.entries.isEmpty())
        return html + QStringLiteral("<p>%1</p>").arg(htmlLines(HistoryText::tr("Nothing recorded yet.")));

    // Newest first: what the reviewer wants to see is what happened last.
    html += QStringLiteral("<table width='100%' cellspacing='0' cellpadding='5'>");
    for (qsizetype i = thread.entries.size() - 1; i >= 0; --i) {
        const core::HistoryEntry &e = thread.entries.at(i);
        QStringList who;
        if (!e.by.isEmpty())
            who << HistoryText::tr("by %1").arg(htmlLines(e.by));
        if (!e.installation.isEmpty())
            who << (e.installation == ownInstallation
                        ? HistoryText::tr("from this installation")
                        : HistoryText::tr("from installation %1").arg(htmlLines(e.installation.left(8))));
        const QString pending = pendingText(e);
        const QString colour = e.pending == QLatin1String("refused") ? QStringLiteral("#a01818")
                                                                     : reviewStateColor(e.state).name();
        html += QStringLiteral("<tr><td style='border-bottom:1px solid #e6ebf0;'>"
                               "<b style='color:%1;'>%2</b> <span style='color:#4a5a6a;'>· %3</span>")
                    .arg(colour, htmlLines(eventTitle(e)), htmlLines(brasiliaDateTime(e.at)));
        if (!who.isEmpty())
            html += QStringLiteral("<br><span style='color:#4a5a6a;'>%1</span>").arg(who.join(QStringLiteral(" · ")));
        if (!pending.isEmpty())
            html += QStringLiteral("<br><i style='color:%1;'>%2</i>").arg(colour, htmlLines(pending));
        if (!e.comment.isEmpty())
            html += QStringLiteral("<blockquote style='margin:4px 0 0 12px;'>%1</blockquote>")
                        .arg(htmlLines(e.comment));
        if (!e.notes.isEmpty()) {
            html += QStringLiteral("<ul style='margin:2px 0 0 0;'>");
            for (const core::ReviewNote &n : e.notes) {
                const QString target = noteTarget(n, report);
                html += QStringLiteral("<li>%1%2</li>")
                            .arg(target.isEmpty() ? QString()
                                                  : QStringLiteral("<b>%1:</b> ").arg(htmlLines(target)),
                                 htmlLines(n.text));
            }
            html += QStringLiteral("</ul>");
        }
        html += QStringLiteral("</td></tr>");
    }
    return html + QStringLiteral("</table>");
}

} // namespace mobiliza::ui::regional
