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

QString decisionText(const core::ReviewDecisionRecord &d)
{
    switch (d.decision) {
    case core::Decision::Accept:
        return QCoreApplication::translate("mobiliza::ui::SyncPage", "Accept");
    case core::Decision::Return:
        return QCoreApplication::translate("mobiliza::ui::SyncPage", "Return for correction");
    case core::Decision::Start:
        return QCoreApplication::translate("mobiliza::ui::SyncPage", "Start review");
    case core::Decision::Consolidate:
        return QCoreApplication::translate("mobiliza::ui::SyncPage", "Consolidate");
    case core::Decision::ReturnToUrs:
        return QCoreApplication::translate("mobiliza::ui::SyncPage", "Return to the URS");
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
    for (const core::ReviewDecisionRecord &d : std::as_const(m_decisions)) {
        QString report = d.report.left(8);
        if (auto r = services.replica().revision(d.report, d.revision); r && r.value()) {
            const auto m = m_context.reference.municipality(r.value()->municipality);
            report = tr("%1, %2").arg(m ? m->name : r.value()->municipality, r.value()->period.display());
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
            state = d.attempts > 0 ? tr("waiting — next try on %1").arg(when(d.nextAttemptAt)) : tr("waiting to be sent");
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
        parts << tr("%n report(s) of the municipalities on this computer", nullptr, int(latest.value().size()));
    m_summary->setText(listed ? parts.join(QStringLiteral(" · "))
                              : tr("The review decisions could not be read: %1").arg(listed.error().message));
    if (m_queue->count() > 0)
        m_queue->setCurrentRow(0);
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
