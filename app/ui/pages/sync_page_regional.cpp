// The Synchronization page of a URS (or central) profile: the connection part
// is the same; below it, the review decisions made here and whether the hub
// has them, instead of a municipality's outbox.
#include "app/ui/pages/sync_page.h"

#include "core/services/services.h"

#include <QCoreApplication>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>

namespace mobiliza::ui {

namespace {

QString when(const QDateTime &t)
{
    return t.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"));
}

// What was decided, as a state of the report ("returned for correction"), not as the
// button that decided it.
QString decisionText(const core::ReviewDecisionRecord &d)
{
    switch (d.decision) {
    case core::Decision::Accept:
        return QCoreApplication::translate("mobiliza::ui::SyncPage", "Accepted");
    case core::Decision::Return:
        return QCoreApplication::translate("mobiliza::ui::SyncPage", "Returned for correction");
    case core::Decision::Start:
        return QCoreApplication::translate("mobiliza::ui::SyncPage", "Review started");
    case core::Decision::Consolidate:
        return QCoreApplication::translate("mobiliza::ui::SyncPage", "Consolidated");
    case core::Decision::ReturnToUrs:
        return QCoreApplication::translate("mobiliza::ui::SyncPage", "Returned to the URS");
    }
    return {};
}

} // namespace

void SyncPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) // what changed while hidden (the replica, the outbox), read once
        reload();
}

void SyncPage::reloadRegional()
{
    auto &services = *m_context.services;
    const auto listed = services.reviews().all();
    m_decisions = listed ? listed.value() : QList<core::ReviewDecisionRecord>{};
    std::reverse(m_decisions.begin(), m_decisions.end()); // newest first
    m_retry->hide();
    m_hold->hide();
    const QSignalBlocker blocker(m_queue);
    m_queue->clear();
    QStyle *st = style();
    int waiting = 0;
    int refused = 0;
    // A person's unit (an apoiador) by its name at the hub, a municipality by its name.
    const auto names = services.replica().unitNames();
    for (const core::ReviewDecisionRecord &d : std::as_const(m_decisions)) {
        QString report = d.report.left(8);
        if (auto r = services.replica().revision(d.report, d.revision); r && r.value()) {
            const QString unit = r.value()->municipality;
            const auto m = m_context.reference.municipality(unit);
            const QString named = names ? names.value().value(unit) : QString();
            report = tr("%1, %2").arg(m                  ? m->name
                                      : !named.isEmpty() ? named
                                                         : unit,
                                      r.value()->period.display());
        }
        QString state;
        QStyle::StandardPixmap icon = QStyle::SP_FileIcon;
        if (d.state == QLatin1String("applied")) {
            state = tr("applied by the hub");
            icon = QStyle::SP_DialogApplyButton;
        } else if (d.state == QLatin1String("refused")) {
            state = tr("not applied: %1").arg(d.lastError);
            icon = QStyle::SP_MessageBoxWarning;
            ++refused;
        } else {
            // The last pass did not reach the hub: the decision waits for the connection.
            state = d.attempts > 0    ? tr("waiting — next try on %1").arg(when(d.nextAttemptAt))
                    : hubOutOfReach() ? tr("waiting for the connection — it goes as soon as the hub answers")
                                      : tr("waiting to be sent");
            ++waiting;
        }
        auto *row = new QListWidgetItem(st->standardIcon(icon),
                                        tr("%1 — revision %2: %3 (%4)").arg(report).arg(d.revision).arg(decisionText(d), state),
                                        m_queue);
        row->setData(Qt::UserRole, d.uuid);
    }
    QStringList parts;
    parts << (waiting == 0 ? tr("No review decision waiting to be sent.")
                           : tr("%n review decision(s) waiting to be sent", nullptr, waiting));
    if (refused > 0)
        parts << tr("%n not applied (another decision came first)", nullptr, refused);
    if (const auto latest = services.replica().latest(); latest)
        parts << (m_context.program.namesLevel(core::Role::Municipality)
                      ? tr("%n report(s) received on this computer", nullptr, int(latest.value().size()))
                      : tr("%n report(s) of the municipalities on this computer", nullptr,
                           int(latest.value().size())));
    m_summary->setText(listed ? parts.join(QStringLiteral(" · "))
                              : tr("The review decisions could not be read: %1").arg(listed.error().message));
    if (m_queue->count() > 0)
        m_queue->setCurrentRow(0);
    // Decisions still to go up: between passes the box says so, not "up to date".
    m_waiting = listed ? waiting : 0;
    updateSelection();
    updateConnection();
}

void SyncPage::updateRegionalSelection()
{
    const int row = m_queue->currentRow();
    if (row < 0 || row >= m_decisions.size()) {
        m_details->setText(tr("The review decisions made on this computer appear here until the hub applies them."));
        return;
    }
    const core::ReviewDecisionRecord &d = m_decisions.at(row);
    QString html = QStringLiteral("<p><b>%1</b><br>%2</p>")
                       .arg(decisionText(d).toHtmlEscaped(),
                            tr("Decided by %1 on %2.").arg(d.reviewer, when(d.decidedAt)).toHtmlEscaped());
    if (!d.comment.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(tr("Comment: %1").arg(d.comment).toHtmlEscaped());
    if (!d.lastError.isEmpty())
        html += QStringLiteral("<p style=\"color:%1\">%2</p>")
                    .arg(d.state == QLatin1String("refused") ? QStringLiteral("#a3261c") : QStringLiteral("#8a5300"),
                         d.lastError.toHtmlEscaped());
    m_details->setText(html);
}

} // namespace mobiliza::ui
