// Computes the Painel (computePanel, or computeOwnPanel for a municipality) on a worker thread
// (QtConcurrent), so a filter change never freezes the window. The worker opens the store through a
// connection of its own, read only (no profile set-up, no write lock). Requests
// made while one runs are coalesced: only the newest is computed next. An answer
// is shown unless the person changed the filter meanwhile (a refresh of the same
// filter — the replica changed — shows the answer it has, then the next one).
#pragma once

#include "core/panel/panel_query.h"
#include "core/program/program_definition.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <optional>

namespace mobiliza::core {

class Clock;

struct PanelRequest
{
    ProgramDefinition program;
    PanelFilter filter;
    QList<Municipality> scope; // the municipalities this installation sees
    // A municipal profile: the figures of its own reports (own_panel.h), `scope` unused.
    std::optional<Municipality> own;
};

class PanelJob : public QObject
{
    Q_OBJECT

public:
    PanelJob(QString dataDir, const Clock &clock, QObject *parent = nullptr);
    ~PanelJob() override; // waits for a running computation

    void request(const PanelRequest &request);
    bool isBusy() const { return m_running || m_pending.has_value(); }

Q_SIGNALS:
    void ready(const mobiliza::core::PanelData &data);
    void failed(const QString &message); // in words, for the person

private:
    void startNext();
    void onFinished();

    QString m_dataDir;
    const Clock &m_clock;
    QFutureWatcher<Result<PanelData>> m_watcher;
    std::optional<PanelRequest> m_pending;
    PanelFilter m_runningFilter;
    bool m_running = false;
};

} // namespace mobiliza::core
