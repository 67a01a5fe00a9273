#include "app/ui/pages/sync_page.h"
#include "app/ui/pages/sync_page_p.h"

#include "app/ui/models/report_list_model.h"
#include "app/ui/pages/page_header.h"
#include "app/ui/sync/enroll_dialog.h"
#include "core/reference/brazil_reference.h"
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

namespace {

const QString kInfoBox = QStringLiteral(
    "QLabel { background: #eef4fa; border: 1px solid #c7d9ea; border-radius: 4px; padding: 10px; }");
const QString kWarningBox = QStringLiteral(
    "QLabel { background: #fff7e0; border: 1px solid #e8d49a; border-radius: 4px; padding: 10px; }");
const QString kErrorBox = QStringLiteral(
    "QLabel { background: #fdeeee; border: 1px solid #e4b4b0; border-radius: 4px; padding: 10px; }");
const QString kOkBox = QStringLiteral(
    "QLabel { background: #edf7ee; border: 1px solid #b9dcbd; border-radius: 4px; padding: 10px; }");

} // namespace

SyncPage::SyncPage(const AppContext &context, QWidget *parent) : QWidget(parent), m_context(context)
{
    if (!m_context.sync) {
        auto &s = *m_context.services;
        m_ownOutbox = std::make_unique<core::OutboxService>(s.database(), s.notifier(), s.clock(), s.audit());
    }

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 16);
    layout->addWidget(makePageHeader(
        tr("Synchronization"),
        isRegional() && m_context.program.namesLevel(core::Role::Municipality)
            //: %1: who reports, as the program names the level ("Apoiador(a) do COSEMS").
            ? tr("The reports of each %1 come down from the hub, and the review decisions made here go up, "
                 "whenever there is a connection. Nothing is lost while offline.")
                  .arg(m_context.program.level(core::Role::Municipality).label)
            : isRegional() ? tr("The municipalities' reports come down from the hub, and the review "
                                "decisions made here "
                                "go up, whenever there is a connection. Nothing is lost while offline.")
              : !codeGiver().isEmpty()
                  ? tr("Concluded reports are kept on this computer and sent to “%1” when there is a "
                       "connection. Nothing is lost while offline.")
                        .arg(codeGiver())
                  : tr("Concluded reports are kept on this computer and sent to the regional health unit "
                       "when "
                       "there is a connection. Nothing is lost while offline."),
        this));

    // ---- connection with the hub
    auto *top = new QHBoxLayout;
    auto *texts = new QVBoxLayout;
    texts->setSpacing(6);
    m_connection = new QLabel(this);
    m_connection->setWordWrap(true);
    m_connection->setObjectName(QStringLiteral("hubConnection"));
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    texts->addWidget(m_connection);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("syncStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    texts->addWidget(m_status);
    m_fallback = new QLabel(this);
    m_fallback->setWordWrap(true);
    m_fallback->setObjectName(QStringLiteral("tokenFallbackWarning"));
    m_fallback->setStyleSheet(kWarningBox);
    m_fallback->setText(
        !codeGiver().isEmpty()
            ? tr("<b>The key that lets this computer send reports is kept in a file</b> of your user "
                 "account (this computer has no password vault for it). Lock the computer when you leave "
                 "it; if someone else may have copied the key, ask “%1” to cancel it and connect again.")
                  .arg(escaped(codeGiver()))
        : isRegional() && m_context.program.namesLevel(core::Role::Urs)
            ? tr("<b>The key that lets this computer send reports is kept in a file</b> of your user "
                 "account (this computer has no password vault for it). Lock the computer when you leave "
                 "it; if someone else may have copied the key, ask whoever runs the hub to cancel it and "
                 "connect again.")
            : tr("<b>The key that lets this computer send reports is kept in a file</b> of your user "
                 "account (this computer has no password vault for it). Lock the computer when you leave "
                 "it; if someone else may have copied the key, ask the URS to cancel it and connect again."));
    m_fallback->hide();
    texts->addWidget(m_fallback);
    m_insecure = new QLabel(this);
    m_insecure->setWordWrap(true);
    m_insecure->setObjectName(QStringLiteral("insecureHubWarning"));
    m_insecure->setStyleSheet(kErrorBox);
    m_insecure->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_insecure->hide();
    texts->addWidget(m_insecure);
    top->addLayout(texts, 1);

    auto *buttons = new QVBoxLayout;
    m_syncNow = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Sync now"), this);
    m_syncNow->setObjectName(QStringLiteral("syncNow"));
    m_syncNow->setToolTip(tr("Check the connection and send what is waiting, now"));
    m_syncNow->setMinimumHeight(32);
    buttons->addWidget(m_syncNow);
    m_connect = new QPushButton(isRegional() || !codeGiver().isEmpty() ? tr("&Connect to the hub…")
                                                                       : tr("&Connect to the URS hub…"),
                                this);
    m_connect->setObjectName(QStringLiteral("connectHub"));
    buttons->addWidget(m_connect);
    buttons->addStretch(1);
    top->addLayout(buttons);
    layout->addLayout(top);

    // ---- the item in flight: one bar with its words inside, shown for the whole pass (a
    // label beside it changing at every chunk sent re-measured the whole window each time)
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("sendingProgress"));
    m_progress->setRange(0, 100);
    m_progress->setAccessibleName(tr("Sending progress"));
    m_progress->setTextVisible(true);
    m_progress->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_progress);
    m_progress->hide();

    // ---- the outbox
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("outboxSummary"));
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    layout->addWidget(m_summary);

    auto *body = new QHBoxLayout;
    m_queue = new QListWidget(this);
    m_queue->setAccessibleName(tr("Outbox"));
    m_queue->setAlternatingRowColors(true);
    m_queue->setWordWrap(true);
    m_queue->setSpacing(2);
    m_queue->setIconSize(QSize(22, 22));
    // A row that changes makes a list view measure every row again (wrapped text, ten years
    // of revisions): in batches between events, never in one long stall.
    m_queue->setLayoutMode(QListView::Batched);
    m_queue->setBatchSize(25);
    body->addWidget(m_queue, 3);

    auto *side = new QVBoxLayout;
    m_details = new QLabel(this);
    m_details->setObjectName(QStringLiteral("outboxDetails"));
    m_details->setWordWrap(true);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setStyleSheet(QStringLiteral(
        "QLabel#outboxDetails { background: palette(base); border: 1px solid #d5dbe1; border-radius: 4px; "
        "padding: 10px; }"));
    m_details->setMinimumWidth(300);
    side->addWidget(m_details, 1);
    auto *itemButtons = new QHBoxLayout;
    m_retry = new QPushButton(tr("&Try again"), this);
    m_retry->setToolTip(tr("Send this report at the next synchronization, without waiting"));
    m_hold = new QPushButton(tr("&Hold"), this);
    itemButtons->addWidget(m_retry);
    itemButtons->addWidget(m_hold);
    itemButtons->addStretch(1);
    side->addLayout(itemButtons);
    body->addLayout(side, 2);
    layout->addLayout(body, 1);

    setTabOrder(m_syncNow, m_connect);
    setTabOrder(m_connect, m_queue);
    setTabOrder(m_queue, m_retry);
    setTabOrder(m_retry, m_hold);

    connect(m_queue, &QListWidget::currentRowChanged, this, &SyncPage::updateSelection);
    connect(m_retry, &QPushButton::clicked, this, &SyncPage::retrySelected);
    connect(m_hold, &QPushButton::clicked, this, &SyncPage::holdSelected);
    connect(m_connect, &QPushButton::clicked, this, &SyncPage::openEnrollment);

    // Every autosave of the editor notifies a change, and listing the outbox reads every
    // concluded revision: a hidden page only marks itself stale, a visible one reloads
    // once per burst (a pull stores hundreds of things).
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(0);
    connect(m_reloadTimer, &QTimer::timeout, this, &SyncPage::reload);
    auto &notifier = m_context.services->notifier();
    connect(&notifier, &core::Notifier::reportChanged, this, &SyncPage::requestReload);
    connect(&notifier, &core::Notifier::reportsReset, this, &SyncPage::requestReload);
    if (isRegional())
        connect(&notifier, &core::Notifier::replicaChanged, this, &SyncPage::requestReload);

    if (sync::SyncController *controller = m_context.sync) {
        connect(m_syncNow, &QPushButton::clicked, controller, &sync::SyncController::syncNow);
        connect(controller, &sync::SyncController::stateChanged, this, &SyncPage::updateConnection);
        connect(controller, &sync::SyncController::enrollmentChanged, this, &SyncPage::updateConnection);
        connect(controller, &sync::SyncController::nextPassChanged, this, &SyncPage::updateConnection);
        connect(controller, &sync::SyncController::passFinished, this, [this] {
            if (isVisible())
                reload(); // at once: the pass's last word is on screen when it ends
            else
                m_stale = true;
        });
        connect(controller, &sync::SyncController::progressChanged, this, &SyncPage::updateProgress);
    } else {
        m_syncNow->setEnabled(false);
        m_connect->setEnabled(false);
        m_syncNow->setToolTip(tr("Synchronization is not available in this session."));
    }
    reload();
}

SyncPage::~SyncPage() = default;

QString SyncPage::codeGiver() const
{
    // A reporting installation of a program whose levels are set up by state (the apoio
    // register) gets its code from that program's review level, not from a URS.
    if (m_context.role != core::Role::Municipality ||
        m_context.program.level(core::Role::Municipality).place != QLatin1String("uf"))
        return {};
    return m_context.program.level(core::Role::Urs).label;
}

core::OutboxService &SyncPage::outbox()
{
    return m_context.sync ? m_context.sync->outbox() : *m_ownOutbox;
}

// ------------------------------------------------------------------ connection

// When the next attempt is, so that nobody has to guess whether to click (the command
// line says the same). Out of reach: the controller's next probe of the link. Reports
// waiting: the first pass at or after the earliest one's own time (a report cut on the
// link goes in the next pass); a wait the hub asked for (its 429) is not shortened by
// "Sync now", so the words do not offer it.
QString SyncPage::nextAttemptText(const sync::SyncController &controller, sync::SyncState state) const
{
    const QDateTime now = m_context.services->clock().now();
    QDateTime due;     // the earliest report's own time
    QDateTime hubWait; // the earliest end of a wait the hub asked for
    const auto earliest = [](QDateTime &slot, const QDateTime &t) {
        if (!slot.isValid() || t < slot)
            slot = t;
    };
    for (const core::OutboxItem &item : std::as_const(m_items)) {
        if (item.state != core::OutboxState::Queued)
            continue;
        if (sync::SyncEngine::waitsForHub(item, now)) {
            earliest(hubWait, item.nextAttemptAt);
            continue;
        }
        earliest(due, waitsForOwnTime(item, now) ? item.nextAttemptAt : now);
    }
    const bool offline = state == sync::SyncState::Offline;
    QDateTime when = controller.nextPassAt();
    if (!offline && when.isValid() && due.isValid() && due > when)
        when = due;
    const bool hubAsked = !offline && !due.isValid() && hubWait.isValid();
    if (hubAsked)
        when = hubWait;
    if (!when.isValid())
        return {};
    const QDateTime local = when.toLocalTime();
    const QString time = local.toString(QStringLiteral("HH:mm:ss"));
    const QString day = local.toString(QStringLiteral("dd/MM/yyyy"));
    const bool today = local.date() == now.toLocalTime().date();
    QString words;
    if (hubAsked)
        words = today
                    ? tr("The hub asked to wait: Mobiliza sends again by itself at %1.").arg(time)
                    : tr("The hub asked to wait: Mobiliza sends again by itself on %1 at %2.").arg(day, time);
    else
        words = today ? tr("Mobiliza tries again by itself at %1, or click “Sync now”.").arg(time)
                      : tr("Mobiliza tries again by itself on %1 at %2, or click “Sync now”.").arg(day, time);
    return QStringLiteral("<br>") + escaped(words);
}

void SyncPage::updateConnection()
{
    sync::SyncController *controller = m_context.sync;
    const auto enrollment = controller ? controller->enrollment() : std::nullopt;
    const bool enrolled = controller && controller->isEnrolled();

    if (!controller) {
        setStyleIfChanged(m_connection, kWarningBox);
        m_connection->setText(
            isRegional() ? tr("<b>Synchronization is not available in this session.</b> Review decisions stay "
                              "safely on this computer.")
                         : tr("<b>Synchronization is not available in this session.</b> Reports stay safely "
                              "in the outbox below."));
    } else if (!enrolled) {
        setStyleIfChanged(m_connection, kWarningBox);
        m_connection->setText(
            isRegional()
                ? tr("<b>Not connected to a hub yet.</b> Ask the hub's administrator (SES-MG) for the hub "
                     "address and an enrollment code for this URS, then choose \"Connect to the hub…\". "
                     "Review decisions stay safely on this computer.")
            : !codeGiver().isEmpty()
                ? tr("<b>Not connected to a hub yet.</b> Ask “%1” for the hub address and an enrollment "
                     "code, "
                     "then choose \"Connect to the hub…\". Reports stay safely in the outbox below.")
                      .arg(escaped(codeGiver()))
                : tr("<b>Not connected to a hub yet.</b> Ask the URS for the hub address and an "
                     "enrollment code, then choose \"Connect to the URS hub…\". Reports stay safely "
                     "in the outbox below."));
    } else {
        const QString hubName =
            enrollment->hub.name.isEmpty() ? enrollment->url.host() : enrollment->hub.name;
        QString scope;
        const auto stateName = [](const QString &uf) {
            const auto state = core::BrazilReference::embedded().unit(uf);
            return state ? state->name : uf;
        };
        if (!enrollment->scope.program
                 .isEmpty()) { // a program's own levels, e.g. "Coordenação do COSEMS — Bahia"
            const core::Role role = enrollment->scope.kind == sync::Scope::Kind::Municipality
                                        ? core::Role::Municipality
                                    : enrollment->scope.kind == sync::Scope::Kind::Urs ? core::Role::Urs
                                                                                       : core::Role::Central;
            scope = m_context.program.level(role).label;
            if (!enrollment->scope.uf.isEmpty())
                scope += QStringLiteral(" — ") + stateName(enrollment->scope.uf);
            if (role == core::Role::Municipality)
                scope += QStringLiteral(" (%1)").arg(enrollment->scope.municipality);
        } else if (enrollment->scope.kind == sync::Scope::Kind::Municipality) {
            const auto m = m_context.reference.municipality(enrollment->scope.municipality);
            scope = tr("municipality %1 (%2)")
                        .arg(m ? m->name : enrollment->scope.municipality, enrollment->scope.municipality);
        } else if (enrollment->scope.kind == sync::Scope::Kind::Urs) {
            scope = tr("URS %1").arg(enrollment->scope.urs);
        } else {
            scope = tr("central level");
        }
        const QDateTime contact = controller->lastContact();
        setStyleIfChanged(m_connection, kInfoBox);
        m_connection->setText(tr("<b>Connected to %1</b> — %2<br>Address: %3<br>%4")
                                  .arg(escaped(hubName), escaped(scope), escaped(enrollment->url.toString()),
                                       contact.isValid()
                                           ? tr("Last successful contact: %1").arg(brDateTime(contact))
                                           : tr("No successful contact with the hub yet.")));
    }
    m_connect->setText(enrolled                                 ? tr("&Connect again…")
                       : isRegional() || !codeGiver().isEmpty() ? tr("&Connect to the hub…")
                                                                : tr("&Connect to the URS hub…"));
    m_fallback->setVisible(controller && controller->tokenInFallbackStorage());
    const bool unprotected = enrolled && enrollment && sync::HubClient::isUnprotectedUrl(enrollment->url);
    if (unprotected)
        m_insecure->setText(
            QStringLiteral("<b>%1</b>")
                .arg(escaped(sync::HubClient::insecureHubAllowed()
                                 ? sync::HubClient::insecureWarning()
                                 : sync::HubError::messageFor(sync::HubError::Kind::Insecure))));
    m_insecure->setVisible(unprotected);

    if (!controller || !controller->isRunning())
        m_progress->hide();
    if (!controller || !enrolled) {
        m_status->hide();
        return;
    }
    const sync::SyncState state = controller->state();
    // Between passes with reports still waiting, the page never says "up to date".
    const bool waiting = state == sync::SyncState::Idle && m_waiting > 0;
    QString text = QStringLiteral("<b>%1</b>")
                       .arg(escaped(waiting ? tr("Waiting for the next attempt to send")
                                            : sync::SyncController::stateLabel(state)));
    const QString error = controller->lastErrorMessage();
    if (!error.isEmpty() && (state == sync::SyncState::Offline || state == sync::SyncState::Error ||
                             state == sync::SyncState::Idle))
        text += QStringLiteral("<br>") + escaped(error);
    if (!controller->isRunning() && (state == sync::SyncState::Offline || waiting))
        text += nextAttemptText(*controller, state);
    switch (state) {
    case sync::SyncState::Offline:
        setStyleIfChanged(m_status, kWarningBox);
        break;
    case sync::SyncState::Error:
        setStyleIfChanged(m_status, kErrorBox);
        break;
    case sync::SyncState::Idle:
        setStyleIfChanged(m_status, !error.isEmpty() ? kWarningBox : waiting ? kInfoBox : kOkBox);
        break;
    default:
        setStyleIfChanged(m_status, kInfoBox);
        break;
    }
    m_status->setText(text);
    m_status->show();
}

void SyncPage::requestReload()
{
    if (!isVisible())
        m_stale = true;
    else
        m_reloadTimer->start();
}

void SyncPage::reload()
{
    m_reloadTimer->stop();
    m_stale = false;
    ++m_reloads;
    if (isRegional()) {
        reloadRegional();
        return;
    }
    const QString selected = selectedRow() >= 0 ? m_items.at(selectedRow()).uuid : QString();
    const auto listed = outbox().items();
    QList<core::OutboxItem> items = listed ? listed.value() : QList<core::OutboxItem>{};
    m_comments = m_context.services->reports().reviewComments();
    // During a pass the same revisions change state one by one: their rows are rewritten in
    // place (only what changed is drawn again); the list is rebuilt only when revisions came
    // or went.
    const bool sameRevisions =
        std::equal(items.cbegin(), items.cend(), m_items.cbegin(), m_items.cend(),
                   [](const core::OutboxItem &a, const core::OutboxItem &b) { return a.uuid == b.uuid; });
    m_items = std::move(items);
    const QSignalBlocker blocker(m_queue);
    if (!sameRevisions) {
        m_queue->clear();
        for (const core::OutboxItem &item : std::as_const(m_items))
            (new QListWidgetItem(m_queue))->setData(Qt::UserRole, item.uuid);
    }
    int waiting = 0;
    int toCorrect = 0;
    int rejected = 0;
    int held = 0;
    qint64 pending = 0;
    int newRow = -1;
    for (int i = 0; i < m_items.size(); ++i) {
        const core::OutboxItem &item = m_items.at(i);
        QListWidgetItem *row = m_queue->item(i);
        const QString text = itemText(item);
        if (row->text() != text)
            row->setText(text);
        const QStyle::StandardPixmap icon = iconOf(item);
        if (row->data(kIconRole).toInt() != int(icon)) {
            row->setData(kIconRole, int(icon));
            row->setIcon(style()->standardIcon(icon));
        }
        if (item.state == core::OutboxState::Queued || item.state == core::OutboxState::Sending) {
            ++waiting;
            pending += item.bytes;
        }
        if (returned(item) && item.revision == item.reportRevision)
            ++toCorrect;
        rejected += item.state == core::OutboxState::Rejected ? 1 : 0;
        held += item.state == core::OutboxState::Held ? 1 : 0;
        if (item.uuid == selected)
            newRow = i;
    }
    m_waiting = listed ? waiting : 0;
    QStringList parts;
    if (waiting == 0)
        parts << (m_items.isEmpty() ? tr("The outbox is empty.") : tr("Nothing waiting to be sent."));
    else
        parts << tr("%n report(s) waiting to be sent", nullptr, waiting)
              << tr("%1 to send").arg(dataSize(pending));
    if (toCorrect > 0)
        parts << (m_context.reviewer().isEmpty()
                      ? tr("%n returned by the URS for correction (open it in Reports)", nullptr, toCorrect)
                      : tr("%n returned by %1 for correction (open it in Reports)", nullptr, toCorrect)
                            .arg(m_context.reviewer()));
    if (rejected > 0)
        parts << tr("%n refused by the hub", nullptr, rejected);
    if (held > 0)
        parts << tr("%n held", nullptr, held);
    m_summary->setText(parts.join(QStringLiteral(" · ")));
    if (!listed) // never "the outbox is empty" when it cannot be read
        m_summary->setText(tr("The outbox could not be read: %1").arg(listed.error().message));
    setStyleIfChanged(m_summary, listed ? QString() : kErrorBox);

    if (newRow < 0 && m_queue->count() > 0)
        newRow = 0;
    if (m_queue->currentRow() != newRow)
        m_queue->setCurrentRow(newRow);
    updateSelection();
    updateConnection();
}

int SyncPage::selectedRow() const
{
    const int row = m_queue->currentRow();
    return row >= 0 && row < m_items.size() ? row : -1;
}

void SyncPage::updateProgress(const QString &itemUuid, qint64 sent, qint64 total)
{
    if (itemUuid.isEmpty() || total <= 0) {
        // Between two revisions (or after the last one): the bar stays where it is while
        // the pass goes on, so the page does not jump; updateConnection hides it at the end.
        m_progress->setValue(m_progress->minimum());
        m_progress->setFormat(escapedFormat(tr("Checking with the hub…")));
        return;
    }
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).uuid != itemUuid)
            continue;
        if (QListWidgetItem *row = m_queue->item(i)) {
            core::OutboxItem shown = m_items.at(i);
            shown.state = core::OutboxState::Sending;
            if (const QString text = itemText(shown); row->text() != text)
                row->setText(text);
        }
        m_progress->setFormat(
            escapedFormat(tr("Sending %1: %2 of %3")
                              .arg(monthTitle(m_items.at(i).period), dataSize(sent), dataSize(total))));
        break;
    }
    m_progress->setValue(int(100 * std::min(sent, total) / total));
    m_progress->setVisible(true);
}

void SyncPage::retrySelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const QString uuid = m_items.at(row).uuid;
    const core::Status s = m_context.sync ? m_context.sync->retryNow(uuid) : outbox().retryNow(uuid);
    if (!s)
        m_details->setText(escaped(s.error().message));
    else
        reload(); // the person's own action shows at once
}

void SyncPage::holdSelected()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const core::OutboxItem &item = m_items.at(row);
    const bool held = item.state == core::OutboxState::Held;
    core::Status s;
    if (m_context.sync)
        s = held ? m_context.sync->release(item.uuid) : m_context.sync->hold(item.uuid);
    else
        s = held ? outbox().release(item.uuid) : outbox().hold(item.uuid);
    if (!s)
        m_details->setText(escaped(s.error().message));
    else
        reload(); // the person's own action shows at once
}

void SyncPage::openEnrollment()
{
    if (!m_context.sync)
        return;
    const auto enrollment = m_context.sync->enrollment();
    EnrollDialog dialog(m_context.sync, enrollment ? enrollment->url.toString() : QString(), this,
                        m_context.role, codeGiver());
    dialog.exec();
    updateConnection();
}

} // namespace mobiliza::ui
