// The Synchronization page's outbox in words: each revision's state, its row and
// the details of the one selected (split from sync_page.cpp).
#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/page_header.h"
#include "app/ui/pages/sync_page.h"
#include "app/ui/pages/sync_page_p.h"
#include "app/ui/sync/enroll_dialog.h"
#include "core/services/services.h"
#include "sync/client/sync_controller.h"
#include <QApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

namespace mobiliza::ui {

// ------------------------------------------------------------------ the outbox

QString SyncPage::stateText(const core::OutboxItem &item) const
{
    const bool current = item.revision == item.reportRevision;
    switch (item.state) {
    case core::OutboxState::Queued: {
        const QDateTime now = m_context.services->clock().now();
        // Failed on the connection: it goes in the first pass that reaches the hub (the
        // window probes the link after 5 s, then a little longer each time), not at its
        // own backoff's time — naming that time would say later than the truth.
        if (!item.lastError.code.isEmpty() && sync::SyncEngine::failedOnTheLink(item.lastError.code))
            return tr("waiting for the connection — it goes as soon as the hub answers");
        if (waitsForOwnTime(item, now))
            return tr("waiting — next try on %1").arg(brDateTime(item.nextAttemptAt));
        // The last pass did not reach the hub (its pre-flight failed, so no report got an
        // error of its own): the same words as a report cut on the link.
        if (hubOutOfReach())
            return tr("waiting for the connection — it goes as soon as the hub answers");
        return tr("waiting to be sent");
    }
    case core::OutboxState::Sending:
        // How far it got is the bar's job: a row whose words change at every chunk sent
        // makes the list measure all its rows again.
        return tr("sending…");
    case core::OutboxState::Received: {
        // Who reviews, as the program names it ("Coordenação do COSEMS"); SES-MG's: "the URS".
        const QString reviewer = m_context.reviewer();
        if (current && item.reportState == core::ReportState::Accepted)
            return reviewer.isEmpty() ? tr("accepted by the URS") : tr("accepted by %1").arg(reviewer);
        if (current && item.reportState == core::ReportState::Returned)
            return reviewer.isEmpty() ? tr("returned by the URS for correction")
                                      : tr("returned by %1 for correction").arg(reviewer);
        if (current && item.reportState == core::ReportState::Forwarded)
            return tr("accepted by the URS and forwarded to the central level");
        if (current && item.reportState == core::ReportState::Consolidated)
            return tr("consolidated by the central level");
        // A later revision exists only because this one came back: it stays "returned".
        if (!current && item.revision < item.reportRevision)
            return reviewer.isEmpty() ? tr("returned by the URS for correction; revision %1 replaces it")
                                            .arg(item.revision + 1)
                                      : tr("returned by %1 for correction; revision %2 replaces it")
                                            .arg(reviewer, QString::number(item.revision + 1));
        if (item.receipt.receivedAt.isValid())
            return reviewer.isEmpty()
                       ? tr("received by the URS on %1").arg(brDateTime(item.receipt.receivedAt))
                       : tr("received by %1 on %2").arg(reviewer, brDateTime(item.receipt.receivedAt));
        return reviewer.isEmpty() ? tr("received by the URS") : tr("received by %1").arg(reviewer);
    }
    case core::OutboxState::Rejected:
        if (!item.lastError.findings.isEmpty())
            return tr("refused by the hub — %n problem(s) to fix", nullptr,
                      int(item.lastError.findings.size()));
        return tr("refused by the hub");
    case core::OutboxState::Held:
        return tr("held — not sent until you release it");
    }
    return {};
}

bool SyncPage::waitsForOwnTime(const core::OutboxItem &item, const QDateTime &now)
{
    // A report cut on the link goes in the first pass that reaches the hub, whatever its time.
    return item.attempts > 0 && item.nextAttemptAt.isValid() && item.nextAttemptAt > now &&
           !sync::SyncEngine::failedOnTheLink(item.lastError.code);
}

bool SyncPage::hubOutOfReach() const
{
    return m_context.sync && m_context.sync->state() == sync::SyncState::Offline;
}

bool SyncPage::returned(const core::OutboxItem &item)
{
    if (item.state != core::OutboxState::Received)
        return false;
    // The current revision, returned; or an earlier one (a later revision exists only
    // because that one came back).
    if (item.revision == item.reportRevision)
        return item.reportState == core::ReportState::Returned;
    return item.revision < item.reportRevision;
}

QStyle::StandardPixmap SyncPage::iconOf(const core::OutboxItem &item)
{
    switch (item.state) {
    case core::OutboxState::Received:
        // Returned is not "done": a warning while it waits for its correction, an arrow
        // back once a later revision replaced it.
        if (returned(item))
            return item.revision == item.reportRevision ? QStyle::SP_MessageBoxWarning : QStyle::SP_ArrowBack;
        return QStyle::SP_DialogApplyButton;
    case core::OutboxState::Rejected:
        return QStyle::SP_MessageBoxWarning;
    case core::OutboxState::Held:
        return QStyle::SP_MediaPause;
    case core::OutboxState::Sending:
        return QStyle::SP_ArrowUp;
    case core::OutboxState::Queued:
        return item.attempts > 0 ? QStyle::SP_MessageBoxInformation : QStyle::SP_FileIcon;
    }
    return QStyle::SP_FileIcon;
}

QString SyncPage::itemText(const core::OutboxItem &item) const
{
    const int photos = int(item.blobs.size());
    const QString first =
        tr("%1 — revision %2: %3").arg(monthTitle(item.period)).arg(item.revision).arg(stateText(item));
    const QString second = (photos == 0 ? tr("no photos") : tr("%n photo(s)", nullptr, photos)) +
                           QStringLiteral(" · ") + dataSize(item.bytes);
    return first + QLatin1Char('\n') + second;
}

QString SyncPage::findingLocation(const QString &path) const
{
    static const QRegularExpression action(
        QStringLiteral("^actions\\[(\\d+)\\](?:\\.(fields|photos)(?:\\[(\\d+)\\])?"
                       "(?:\\.([A-Za-z_]+))?)?"));
    const auto m = action.match(path);
    if (!m.hasMatch())
        return tr("Report");
    const int number = m.captured(1).toInt() + 1;
    if (m.captured(2) == QLatin1String("fields")) {
        const QString id = m.captured(4);
        const auto field = m_context.program.field(id);
        return tr("Action %1 — %2").arg(number).arg(field ? field->label : id);
    }
    if (m.captured(2) == QLatin1String("photos")) {
        if (!m.captured(3).isEmpty())
            return tr("Action %1 — photo %2").arg(number).arg(m.captured(3).toInt() + 1);
        return tr("Action %1 — photos").arg(number);
    }
    return tr("Action %1").arg(number);
}

void SyncPage::updateSelection()
{
    if (isRegional()) {
        updateRegionalSelection();
        return;
    }
    const int row = selectedRow();
    if (row < 0) {
        m_details->setText(
            codeGiver().isEmpty()
                ? tr("Concluded reports appear here until the URS confirms it received them.")
                : tr("Concluded reports appear here until the hub confirms it received them."));
        m_retry->setEnabled(false);
        m_hold->setEnabled(false);
        m_hold->setText(tr("&Hold"));
        return;
    }
    const core::OutboxItem &item = m_items.at(row);
    QString html = QStringLiteral("<p><b>%1</b><br>%2</p>")
                       .arg(escaped(tr("%1 — revision %2").arg(monthTitle(item.period)).arg(item.revision)),
                            escaped(stateText(item)));
    html += QStringLiteral("<p>%1</p>")
                .arg(escaped(
                    tr("Size: %1 (%n photo(s))", nullptr, int(item.blobs.size())).arg(dataSize(item.bytes))));
    // The URS's comment, with the revision it was about (the report keeps the latest).
    if (returned(item) && item.revision >= item.reportRevision - 1 &&
        !m_comments.value(item.reportUuid).isEmpty())
        html += QStringLiteral("<p style=\"color:#8a5300\">%1</p>")
                    .arg(escaped(m_context.reviewer().isEmpty()
                                     ? tr("The URS's comment: “%1”").arg(m_comments.value(item.reportUuid))
                                     : tr("Comment of %1: “%2”")
                                           .arg(m_context.reviewer(), m_comments.value(item.reportUuid))));
    if (item.state == core::OutboxState::Received && !item.receipt.hubId.isEmpty())
        html += QStringLiteral("<p>%1</p>")
                    .arg(escaped(tr("Receipt %1, received on %2.")
                                     .arg(item.receipt.hubId, brDateTime(item.receipt.receivedAt))));
    if (item.state != core::OutboxState::Received && !item.lastError.message.isEmpty()) {
        const bool rejected = item.state == core::OutboxState::Rejected;
        html += QStringLiteral("<p style=\"color:%1\">%2</p>")
                    .arg(rejected ? QStringLiteral("#a3261c") : QStringLiteral("#8a5300"),
                         escaped(item.lastError.message));
        if (item.attempts > 1 && !rejected)
            html += QStringLiteral("<p>%1</p>")
                        .arg(escaped(tr("%n attempt(s) so far; Mobiliza keeps trying "
                                        "by itself.",
                                        nullptr, item.attempts)));
    }
    if (!item.lastError.findings.isEmpty()) {
        html += QStringLiteral("<p><b>%1</b></p><ul style=\"margin-left:-20px\">")
                    .arg(escaped(tr("What the hub found:")));
        for (const core::Finding &f : item.lastError.findings)
            html += QStringLiteral("<li><b>%1:</b> %2</li>")
                        .arg(escaped(findingLocation(f.path)), escaped(f.message));
        html += QStringLiteral("</ul>");
    }
    m_details->setText(html);

    const bool canRetry = item.state == core::OutboxState::Rejected ||
                          item.state == core::OutboxState::Held ||
                          (item.state == core::OutboxState::Queued && item.attempts > 0);
    m_retry->setEnabled(canRetry);
    const bool held = item.state == core::OutboxState::Held;
    m_hold->setText(held ? tr("&Release") : tr("&Hold"));
    m_hold->setToolTip(held ? tr("Send this report again at the next synchronization")
                            : tr("Keep this report on this computer and do not send it for now"));
    m_hold->setEnabled(held || item.state == core::OutboxState::Queued ||
                       item.state == core::OutboxState::Rejected);
}

} // namespace mobiliza::ui
