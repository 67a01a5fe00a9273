// ReportEditorPage: the report's state (title, banner, buttons), concluding,
// reopening, and jumping from a finding to its field.
#include "app/ui/editor/report_editor_page.h"
#include "app/ui/style_sheet.h"

#include "app/ui/pages/report_outputs.h"

#include "app/ui/dialogs.h"
#include "app/ui/editor/action_form.h"
#include "app/ui/editor/action_list_model.h"
#include "app/ui/editor/findings_panel.h"
#include "app/ui/editor/no_actions_panel.h"
#include "app/ui/editor/photo_strip.h"
#include "app/ui/models/report_list_model.h"
#include "core/package/manifest_codec.h"
#include "core/regional/revision_diff.h"
#include "core/services/services.h"

#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QToolButton>
#include <QUndoStack>

namespace mobiliza::ui {

namespace {

const QString kBannerInfo = QStringLiteral("QLabel { background: #e6f4ea; color: #1e4620; border: 1px solid #b7dfc0; "
                                           "border-radius: 4px; padding: 8px 12px; }");
const QString kBannerWarn = QStringLiteral("QLabel { background: #fff4e5; color: #663c00; border: 1px solid #f5cf98; "
                                           "border-radius: 4px; padding: 8px 12px; }");

} // namespace

void ReportEditorPage::updateChrome()
{
    const bool editable = isEditable();
    const int row = currentRow();
    const int count = m_actionModel->rowCount();
    m_addAction->setEnabled(editable);
    m_removeAction->setEnabled(editable && row >= 0);
    m_moveUp->setEnabled(editable && row > 0);
    m_moveDown->setEnabled(editable && row >= 0 && row < count - 1);
    m_conclude->setVisible(!hasReport() || editable);
    // "Before concluding" is for a report that can still be concluded: not once it is locked.
    m_findingsPanel->setVisible(hasReport() && editable);
    m_outputs->setReport(m_report.uuid, m_report.period, m_report.state);
    m_files->setEnabled(hasReport());
    if (!hasReport()) {
        m_title->setText(tr("Report"));
        m_subtitle->clear();
        m_banner->hide();
        m_reopen->hide();
        m_seePages->hide();
        m_conclude->setEnabled(false);
        return;
    }
    const core::Report &r = m_report;
    const QString month = monthTitle(r.period);
    //: A quadrimestre's report: "Relatório do 3º quadrimestre de 2026".
    m_title->setText((r.period.isQuadrimester() ? tr("Report of the %1") : tr("Report of %1")).arg(month));
    const QDate deadline = m_context.program.deadline(r.period);
    const bool withUs = r.state == core::ReportState::Draft || r.state == core::ReportState::Returned;
    const bool late = withUs && m_context.program.isLate(r.period, m_context.clock->today());
    QString subtitle = tr("%1 · revision %2 · due %3")
                           .arg(reportStateText(r.state, m_context.reviewer()), QString::number(r.revision),
                                deadline.toString(QStringLiteral("dd/MM/yyyy")));
    if (late)
        subtitle += tr(" — late");
    m_subtitle->setText(subtitle);

    const bool blocking = core::hasBlocking(m_findings);
    // Blocked, the button stays clickable (looking muted): a click says why and goes to
    // the first thing to fix, where a disabled button would say nothing.
    m_conclude->setEnabled(editable && !isImporting());
    if (m_conclude->property("blocked").toBool() != blocking) {
        m_conclude->setProperty("blocked", blocking);
        m_conclude->style()->unpolish(m_conclude);
        m_conclude->style()->polish(m_conclude);
    }
    m_conclude->setToolTip(blocking ? tr("Fix the problems listed under “Before concluding” first (Ctrl+Enter).")
                                    : tr("Lock the month into a revision and put it in the outbox (Ctrl+Enter)."));

    const QString reviewer = m_context.reviewer();
    QString banner;
    QString reopen;
    bool warn = false;
    switch (r.state) {
    case core::ReportState::Draft:
        if (r.revision > 1 && !r.reviewComment.isEmpty()) {
            banner = reviewer.isEmpty()
                         ? tr("Correcting revision %1. The URS returned the report with this comment: “%2”")
                               .arg(r.revision)
                               .arg(r.reviewComment)
                         //: %2 is who reviews, as the program names it: "Coordenação do COSEMS".
                         : tr("Correcting revision %1. %2 returned the report with this comment: “%3”")
                               .arg(QString::number(r.revision), reviewer, r.reviewComment);
            warn = true;
        }
        if (const QString notes = generalNotesText(); !notes.isEmpty()) {
            banner += (banner.isEmpty() ? QString() : QStringLiteral("\n")) + notes;
            warn = true;
        }
        break;
    case core::ReportState::Ready:
        banner = tr("Report concluded — revision %1, in the outbox waiting to be sent. It can no longer be "
                    "edited; to change something, reopen it before it is sent.")
                     .arg(r.revision);
        reopen = tr("Reopen for editing");
        break;
    case core::ReportState::Sending:
        banner =
            reviewer.isEmpty()
                ? tr("Report concluded — revision %1 is being sent to the URS.").arg(r.revision)
                : tr("Report concluded — revision %1 is being sent to %2.").arg(r.revision).arg(reviewer);
        break;
    case core::ReportState::Returned:
        banner = reviewer.isEmpty()
                     ? tr("The URS returned revision %1 for correction. Reviewer's comment: “%2”")
                           .arg(r.revision)
                           .arg(r.reviewComment.isEmpty() ? tr("(no comment)") : r.reviewComment)
                     : tr("%1 returned revision %2 for correction. Reviewer's comment: “%3”")
                           .arg(reviewer, QString::number(r.revision),
                                r.reviewComment.isEmpty() ? tr("(no comment)") : r.reviewComment);
        if (const QString notes = generalNotesText(); !notes.isEmpty())
            banner += QStringLiteral("\n") + notes;
        reopen = tr("Correct it (revision %1)").arg(r.revision + 1);
        warn = true;
        break;
    default:
        banner = tr("Report sent — revision %1: %2. It can no longer be edited.")
                     .arg(r.revision)
                     .arg(reportStateText(r.state, m_context.reviewer()));
        break;
    }
    m_banner->setText(banner);
    setStyleIfChanged(m_banner, warn ? kBannerWarn : kBannerInfo);
    m_banner->setVisible(!banner.isEmpty());
    m_reopen->setText(reopen);
    m_reopen->setVisible(!reopen.isEmpty());
    m_seePages->setVisible(r.state != core::ReportState::Draft);
}

// ------------------------------------------------------------------ lifecycle

namespace {

// A correction about to be concluded exactly as the returned revision was: nothing was changed
// since it came back (the reviewer would find "nothing changed"). False when unsure.
bool unchangedSinceReturned(core::Services &services, const core::Report &report)
{
    if (report.revision < 2 || report.reviewComment.isEmpty())
        return false;
    const auto previous = services.reports().revision(report.uuid, report.revision - 1);
    if (!previous)
        return false;
    const auto decoded = core::decodeManifest(previous->snapshotJson);
    const auto current = services.reports().report(report.uuid);
    return decoded && current && core::diffRevisions(decoded->report, current.value()).isEmpty();
}

} // namespace

bool ReportEditorPage::conclude()
{
    flushPendingEdits();
    if (!isEditable())
        return false;
    if (isImporting()) {
        showMessage(tr("Wait until the photos finish importing, then conclude."));
        return false;
    }
    validate();
    if (core::hasBlocking(m_findings)) {
        showMessage(tr("The report cannot be concluded yet: fix the problems listed under “Before concluding”."));
        // Straight to the first thing to fix (the list shows it selected, and the rest).
        m_findingsPanel->list()->setCurrentRow(0);
        if (const QString first = m_findingsPanel->pathAt(0); !first.isEmpty())
            activateFinding(first);
        return false;
    }
    const QString month = monthTitle(m_report.period);
    if (unchangedSinceReturned(*m_context.services, m_report)) {
        const QString reviewer = m_context.reviewer();
        const QString said = m_report.reviewComment.simplified();
        if (!m_dialogs.confirm(
                this, tr("Conclude the report"),
                reviewer.isEmpty()
                    ? tr("Nothing changed since revision %1, which the URS returned with this comment: "
                         "“%2”\n\n"
                         "Conclude it anyway? The URS will see that nothing changed.")
                          .arg(QString::number(m_report.revision - 1), said)
                    : tr("Nothing changed since revision %1, which %2 returned with this comment: “%3”\n\n"
                         "Conclude it anyway? %2 will see that nothing changed.")
                          .arg(QString::number(m_report.revision - 1), reviewer, said),
                tr("Conclude anyway"), Dialogs::Tone::Question))
            return false;
    }
    if (!m_dialogs.confirm(
            this, tr("Conclude the report"),
            m_context.reviewer().isEmpty()
                ? tr("Conclude the report of %1 as revision %2?\n\nIt will be locked and put in the "
                     "outbox to be sent to the URS. Until it is sent, you can still reopen it for "
                     "editing.")
                      .arg(month)
                      .arg(m_report.revision)
                : tr("Conclude the report of %1 as revision %2?\n\nIt will be locked and put in the "
                     "outbox to be sent to %3. Until it is sent, you can still reopen it for "
                     "editing.")
                      .arg(month, QString::number(m_report.revision), m_context.reviewer()),
            tr("Conclude"), Dialogs::Tone::Question))
        return false;
    ++m_busy;
    const core::Status done = m_context.services->reports().conclude(m_report.uuid);
    --m_busy;
    if (!done) {
        m_dialogs.warn(this, tr("The report was not concluded"), done.error().message);
        reload(currentActionUuid(), currentRow(), true);
        return false;
    }
    m_undo->clear();
    showMessage({});
    reload(currentActionUuid(), currentRow(), true);
    markSaved();
    return true;
}

bool ReportEditorPage::reopenForEditing()
{
    flushPendingEdits();
    const QString month = monthTitle(m_report.period);
    core::ReportEvent event;
    QString question;
    QString button;
    if (m_report.state == core::ReportState::Ready) {
        event = core::ReportEvent::Withdraw;
        question = tr("Reopen the report of %1 for editing?\n\nIt leaves the outbox and goes back to draft. "
                      "Conclude it again when you are done.")
                       .arg(month);
        button = tr("Reopen");
    } else if (m_report.state == core::ReportState::Returned) {
        event = core::ReportEvent::Reopen;
        question = tr("Correct the report of %1?\n\nRevision %2 is started from the returned one. Conclude it "
                      "again when you are done.")
                       .arg(month)
                       .arg(m_report.revision + 1);
        button = tr("Correct");
    } else {
        return false;
    }
    if (!m_dialogs.confirm(this, tr("Edit the report again"), question, button, Dialogs::Tone::Question))
        return false;
    ++m_busy;
    const core::Status done = m_context.services->reports().applyEvent(m_report.uuid, event);
    --m_busy;
    if (!done) {
        m_dialogs.warn(this, tr("The report was not reopened"), done.error().message);
        return false;
    }
    m_undo->clear();
    reload(currentActionUuid(), currentRow(), true);
    return true;
}

// ------------------------------------------------------------------ findings

void ReportEditorPage::activateFinding(const QString &path)
{
    flushPendingEdits();
    static const QRegularExpression re(QStringLiteral(
        "^actions\\[(\\d+)\\](?:\\.fields\\.([A-Za-z0-9_]+)|\\.photos(?:\\[(\\d+)\\](?:\\.(\\w+))?)?)?"));
    const auto m = re.match(path);
    if (m.hasMatch()) {
        selectAction(m.captured(1).toInt());
        if (!m.captured(2).isEmpty()) {
            if (m_form->focusField(m.captured(2)))
                m_scroll->ensureWidgetVisible(m_form->fieldBlock(m.captured(2)), 40, 80);
        } else if (!m.captured(3).isEmpty()) {
            m_strip->focusPhoto(m.captured(3).toInt(), m.captured(4));
            m_scroll->ensureWidgetVisible(QApplication::focusWidget() ? QApplication::focusWidget() : m_strip, 40, 80);
        } else {
            m_strip->focusStrip();
            m_scroll->ensureWidgetVisible(m_strip, 40, 80);
        }
        return;
    }
    if (path == QLatin1String("report.noActionsJustification")) {
        m_noActions->focusJustification();
    } else if (path == QLatin1String("report.actions")) {
        if (m_report.actions.isEmpty())
            m_noActions->addButton()->setFocus(Qt::OtherFocusReason);
        else
            m_actionList->setFocus(Qt::OtherFocusReason);
    }
}

} // namespace mobiliza::ui
