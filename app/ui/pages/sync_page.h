#pragma once

#include "app/ui/app_context.h"
#include "core/regional/review_outbox.h"
#include "core/services/outbox_service.h"

#include <QHash>
#include <QStyle>
#include <QWidget>

#include <memory>

class QFrame;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTimer;

namespace mobiliza::sync {
enum class SyncState;
} // namespace mobiliza::sync

namespace mobiliza::ui {

// Sincronização: the connection with the URS hub and every concluded revision
// in the outbox with its state in the users' words (waiting, sending x %,
// received by the URS on dd/mm/aaaa HH:mm, refused by the hub with its
// findings, held), the bytes still to send, the progress of the item in
// flight, the last successful contact and the last error in words.
// "Sync now" is always there; "Try again" and "Hold"/"Release" act on the
// selected item. Works without a SyncController (context.sync == nullptr):
// the outbox is shown and can be held or released, but nothing is sent.
//
// A hidden page does no work on a change notification (every autosave of the
// editor is one): it marks itself stale and reloads once when shown. A visible
// page reloads once per burst of notifications (a 0-ms single shot).
class SyncPage : public QWidget
{
    Q_OBJECT

public:
    explicit SyncPage(const AppContext &context, QWidget *parent = nullptr);
    ~SyncPage() override;

    QListWidget *queue() const { return m_queue; }
    QLabel *summary() const { return m_summary; }
    QLabel *connectionLabel() const { return m_connection; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *fallbackWarning() const { return m_fallback; }
    // The hub's address is plain http:// to another computer: refused, or (lab setting) unprotected.
    QLabel *insecureWarning() const { return m_insecure; }
    QLabel *details() const { return m_details; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *syncNowButton() const { return m_syncNow; }
    QPushButton *connectButton() const { return m_connect; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *holdButton() const { return m_hold; }

    void reload();
    int reloadCount() const { return m_reloads; } // for tests: no work while hidden
    bool isStale() const { return m_stale; }      // a change came while hidden: reloads when shown
    bool isRegional() const { return m_context.role != core::Role::Municipality; }
    // Who gives this installation its enrollment code when it is not the URS; empty otherwise.
    QString codeGiver() const;
    // Opens the enrollment dialog (modal).
    void openEnrollment();

    // "Ação 2 — Público-alvo" for a finding path such as "actions[1].fields.audience".
    QString findingLocation(const QString &path) const;

protected:
    void showEvent(QShowEvent *event) override; // catches up with what changed while hidden

private:
    // A change was notified: hidden, mark stale; visible, reload once the burst is over.
    void requestReload();
    void updateConnection();
    // The status box's last line: when the next attempt is ("<br>…"), or empty.
    QString nextAttemptText(const sync::SyncController &controller, sync::SyncState state) const;
    void updateSelection();
    // A URS's page (sync_page_regional.cpp): its review decisions instead of the outbox.
    void reloadRegional();
    void updateRegionalSelection();
    void updateProgress(const QString &itemUuid, qint64 sent, qint64 total);
    void retrySelected();
    void holdSelected();
    core::OutboxService &outbox();
    QString itemText(const core::OutboxItem &item) const;
    QString stateText(const core::OutboxItem &item) const;
    static bool returned(const core::OutboxItem &item); // by the URS, this revision
    // Waits for its own next try (a failed attempt's backoff), not for the next pass.
    static bool waitsForOwnTime(const core::OutboxItem &item, const QDateTime &now);
    // The last pass did not reach the hub (the controller is offline).
    bool hubOutOfReach() const;
    static QStyle::StandardPixmap iconOf(const core::OutboxItem &item);
    int selectedRow() const;

    AppContext m_context;
    std::unique_ptr<core::OutboxService> m_ownOutbox; // when there is no controller
    QList<core::OutboxItem> m_items;
    QHash<QString, QString> m_comments;            // report uuid → the URS's latest comment
    QList<core::ReviewDecisionRecord> m_decisions; // a URS's page
    QTimer *m_reloadTimer = nullptr;               // coalesces the notifications of a visible page
    bool m_stale = false;
    int m_reloads = 0;
    int m_waiting = 0; // reports in the outbox waiting to be sent (municipal and apoio pages)

    QLabel *m_connection = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_fallback = nullptr;
    QLabel *m_insecure = nullptr;
    QPushButton *m_syncNow = nullptr;
    QPushButton *m_connect = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_summary = nullptr;
    QListWidget *m_queue = nullptr;
    QLabel *m_details = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_hold = nullptr;
};

} // namespace mobiliza::ui
