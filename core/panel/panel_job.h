// Computes the Painel (computePanel, or computeOwnPanel for a municipality) on a worker thread
// (QtConcurrent), so a filter change never freezes the window. The worker opens the store through a
// connection of its own, read only (no profile set-up, no write lock). Requests
// made while one runs are coalesced: only the newest is computed next. An answer
// is shown unless the person changed the filter meanwhile (a refresh of the same
// filter — the replica changed — shows the answer it has, then the next one).
// What a computation read is kept (panel_cache.h): a filter it covers is counted
// again without reading, until invalidate() (the replica changed). After a computation
// that read, the inputs of the whole range the page offers are read in the background
// (PanelRequest::offeredFrom/To), so that widening the range is counted from memory
// too — at once, or once the replica has been quiet for kQuietMs (a pull in progress
// changes it again and again). A request that needs a long range of those months
// while they are read waits for that read instead of reading them a second time; a
// short one reads beside it. Only a read of the same way of counting replaces what is
// kept: the larger of the two stays.
#pragma once

#include "core/panel/panel_cache.h"
#include "core/panel/panel_query.h"
#include "core/program/program_definition.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
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
    // The months the page lets the person choose (invalid: none read ahead).
    Period offeredFrom, offeredTo;
};

class PanelJob : public QObject
{
    Q_OBJECT

public:
    static constexpr int kQuietMs = 3000;
    // Requests needing at most these months of inputs read beside a read ahead.
    static constexpr int kShortReadMonths = 36;

    PanelJob(QString dataDir, const Clock &clock, QObject *parent = nullptr);
    ~PanelJob() override; // waits for a running computation

    void request(const PanelRequest &request);
    bool isBusy() const { return m_running || m_pending.has_value(); }
    // Reading the offered range's inputs in the background (for the tests and the bench).
    bool isKeeping() const { return m_keeping; }
    // Whether the last answer read the replica (false: counted from the kept inputs).
    bool lastAnswerRead() const { return m_lastAnswerRead; }
    // The replica changed: what was read is no longer used (nor what a running
    // computation reads).
    void invalidate();

Q_SIGNALS:
    void ready(const mobiliza::core::PanelData &data);
    void failed(const QString &message); // in words, for the person
    void kept(); // the offered range's inputs were read (or could not be: nothing is said)

private:
    void startNext();
    void onFinished();
    void planKeeping(const PanelRequest &request);
    void startKeeping();
    void onKept();
    bool waitsForKeeping(const PanelRequest &request) const;

    QString m_dataDir;
    const Clock &m_clock;
    struct Answer
    {
        Result<PanelData> data;
        std::shared_ptr<const PanelInputCache> cache;
        bool read = false;
    };
    QFutureWatcher<Answer> m_watcher;
    QFutureWatcher<Answer> m_keepWatcher;
    QTimer m_keepTimer; // a read ahead waiting for the replica to be quiet
    QElapsedTimer m_sinceInvalidated;
    std::optional<PanelRequest> m_keepRequest; // the read ahead planned or running
    PanelFilter m_keepingFilter;               // the offered range being read
    int m_keepingGeneration = 0;
    bool m_keeping = false;
    bool m_lastAnswerRead = false;
    std::shared_ptr<const PanelInputCache> m_cache;
    int m_generation = 0; // of the replica, as invalidate() counts it
    int m_runningGeneration = 0;
    std::optional<PanelRequest> m_pending;
    PanelRequest m_runningRequest;
    bool m_running = false;
};

} // namespace mobiliza::core
