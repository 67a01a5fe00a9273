// ReportEditorPage: the notes of the URS review that returned the report, each
// beside what it points at — the action (a marker in the list, a yellow box at
// the top of its form) and the photo (a marked card) — and the rest (notes on
// the report as a whole, or on an action removed since) with the comment in the
// banner. Read with the report (reload), never while nothing is reloaded.
#include "app/ui/editor/report_editor_page.h"

#include "app/ui/editor/action_form.h"
#include "app/ui/editor/photo_card.h"
#include "app/ui/editor/photo_strip.h"
#include "core/services/services.h"

namespace mobiliza::ui {

namespace {

const core::Action *findAction(const core::Report &report, const QString &uuid)
{
    for (const core::Action &a : report.actions)
        if (a.uuid == uuid)
            return &a;
    return nullptr;
}

QString bullets(const QStringList &lines)
{
    QStringList out;
    for (const QString &line : lines)
        out << QStringLiteral("• ") + line;
    return out.join(QLatin1Char('\n'));
}

} // namespace

void ReportEditorPage::loadReturnNotes()
{
    m_returnNotes = {};
    const core::Report &r = m_report;
    // Only where the banner speaks of the return: returned, or the draft correcting it.
    if (r.state != core::ReportState::Returned && r.state != core::ReportState::Draft)
        return;
    ++m_busy;
    auto notes = m_context.services->reports().returnNotes(r.uuid);
    --m_busy;
    if (!notes)
        return; // the notes are an aid: the comment in the banner still says what to correct
    const bool current = r.state == core::ReportState::Returned && notes->revision == r.revision;
    const bool corrected = r.state == core::ReportState::Draft && notes->revision == r.revision - 1;
    if (current || corrected)
        m_returnNotes = notes.value();
}

QString ReportEditorPage::reviewerLabel() const
{
    return m_returnNotes.by.trimmed().isEmpty() ? tr("URS") : tr("URS (%1)").arg(m_returnNotes.by.trimmed());
}

QString ReportEditorPage::generalNotesText() const
{
    QStringList lines;
    for (const core::ReviewNote &note : m_returnNotes.notes)
        if (note.action.isEmpty() || !findAction(m_report, note.action))
            lines << note.text;
    if (lines.isEmpty())
        return {};
    //: Banner, before the URS's notes on the report as a whole. %1: "URS (Maria)"
    return tr("Notes from %1:").arg(reviewerLabel()) + QLatin1Char('\n') + bullets(lines);
}

QHash<QString, QStringList> ReportEditorPage::notesByAction() const
{
    QHash<QString, QStringList> byAction;
    int offset = 0;
    for (const core::Action &action : m_report.actions) {
        QStringList lines;
        for (const core::ReviewNote &note : m_returnNotes.notes) {
            if (note.action != action.uuid)
                continue;
            int number = 0;
            for (qsizetype i = 0; i < action.photos.size() && !note.photo.isEmpty(); ++i)
                if (action.photos.at(i).uuid == note.photo)
                    number = offset + int(i) + 1;
            if (number > 0)
                lines << tr("Photo %1: %2").arg(number).arg(note.text);
            else if (!note.photo.isEmpty())
                lines << tr("A photo removed since: %1").arg(note.text);
            else
                lines << note.text;
        }
        if (!lines.isEmpty())
            byAction.insert(action.uuid, lines);
        offset += int(action.photos.size());
    }
    return byAction;
}

void ReportEditorPage::showReviewNotes(const core::Action &action)
{
    const QStringList lines = notesByAction().value(action.uuid);
    m_form->setReviewNotes(lines.isEmpty() ? QString()
                                           : tr("%1 noted on this action:").arg(reviewerLabel()) +
                                                 QLatin1Char('\n') + bullets(lines));
    for (PhotoCard *card : m_strip->cards()) {
        QStringList texts;
        for (const core::ReviewNote &note : m_returnNotes.notes)
            if (note.action == action.uuid && !note.photo.isEmpty() && note.photo == card->uuid())
                texts << note.text;
        card->setReviewNote(texts.isEmpty() ? QString()
                                            : tr("%1: %2").arg(reviewerLabel(), texts.join(QLatin1Char('\n'))));
    }
}

} // namespace mobiliza::ui
