#pragma once

#include "app/ui/app_context.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace mobiliza::ui {

// Synchronization: what waits in the outbox. Connecting to the regional hub
// arrives with the sync issue; until then the page says plainly what happens.
class SyncPage : public QWidget
{
    Q_OBJECT

public:
    explicit SyncPage(const AppContext &context, QWidget *parent = nullptr);
    QListWidget *queue() const { return m_queue; }
    QLabel *summary() const { return m_summary; }

private:
    void reload();

    AppContext m_context;
    QLabel *m_connection = nullptr;
    QLabel *m_summary = nullptr;
    QListWidget *m_queue = nullptr;
};

} // namespace mobiliza::ui
