#include "app/ui/pages/sync_page.h"

#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/page_header.h"
#include "core/services/services.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace mobiliza::ui {

SyncPage::SyncPage(const AppContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->addWidget(makePageHeader(
        tr("Synchronization"),
        tr("Concluded reports are kept on this computer and sent to the regional health unit when "
           "there is a connection. Nothing is lost while offline."),
        this));

    m_connection = new QLabel(this);
    m_connection->setWordWrap(true);
    m_connection->setStyleSheet(QStringLiteral(
        "QLabel { background: #fff7e0; border: 1px solid #e8d49a; border-radius: 4px; padding: 10px; }"));
    m_connection->setText(tr("<b>Not connected to a hub yet.</b> This installation has not been enrolled with "
                             "its URS. Reports stay safely in the outbox below."));
    layout->addWidget(m_connection);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("outboxSummary"));
    layout->addWidget(m_summary);
    m_queue = new QListWidget(this);
    m_queue->setAccessibleName(tr("Outbox"));
    layout->addWidget(m_queue, 1);

    auto &notifier = m_context.services->notifier();
    connect(&notifier, &core::Notifier::reportChanged, this, &SyncPage::reload);
    connect(&notifier, &core::Notifier::reportsReset, this, &SyncPage::reload);
    reload();
}

void SyncPage::reload()
{
    m_queue->clear();
    int waiting = 0;
    const auto summaries = m_context.services->reports().summaries();
    for (const auto &s : summaries) {
        if (s.state != core::ReportState::Ready && s.state != core::ReportState::Sending)
            continue;
        ++waiting;
        m_queue->addItem(tr("%1 — revision %2 — %3 actions, %4 photos — waiting to be sent")
                             .arg(monthTitle(s.period))
                             .arg(s.revision)
                             .arg(s.actionCount)
                             .arg(s.photoCount));
    }
    m_summary->setText(waiting == 0 ? tr("The outbox is empty.")
                                    : tr("%n report(s) waiting in the outbox.", nullptr, waiting));
}

} // namespace mobiliza::ui
