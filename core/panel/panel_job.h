// Computes the Painel (computePanel) on a worker thread (QtConcurrent), so a
// filter change never freezes the window. The worker opens the profile through
// connections of its own. Requests made while one runs are coalesced: only the
// newest one is computed next, and `ready` is emitted only for the newest request
// (an answer to a filter the person already changed is dropped).
#pragma once

#include "core/panel/panel_query.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <optional>

namespace mobiliza::core {

class Clock;

struct PanelRequest
{
    QString programId;
    PanelFilter filter;
    QList<Municipality> scope; // the municipalities this installation sees
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
    bool m_running = false;
};

} // namespace mobiliza::core
