// A report's history thread at the URS (docs/protocol.md §10.3): every state
// change, decision, comment and note of every revision, with who, when and from
// which installation, as the hub's GET /reports/<uuid>/history tells it — kept in
// the profile (schema 6) so a reviewer reads it offline — plus this
// installation's own decisions the hub has not confirmed yet.
//
// A report's stored history is "stale" when the pull listed something newer for
// it (a larger cursor) than when its history arrived. The synchronization brings
// the stale histories of the newest month and of the reports the reviewer opened
// (older months on demand, like their photos). A report whose history never
// arrived shows the summary the listing gives (reception, state and comment of
// each revision), marked as such.
#pragma once

#include "core/regional/review_outbox.h"
#include "core/util/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace mobiliza::core {

class Services;

struct HistoryEntry
{
    qint64 cursor = 0; // the hub's status-feed cursor (0: not from the hub)
    int revision = 0;
    QString state; // received, in_review, accepted, returned, forwarded, consolidated
    QString decision; // uuid, for a decision's event
    QString comment;
    QList<ReviewNote> notes;
    QString by;           // the reviewer
    QString installation; // the installation that sent the decision (uuid)
    QDateTime at;
    // Only for this installation's decisions the hub's history does not show yet:
    // "queued", "sending", "applied" or "refused" (with `refusal`, in words).
    QString pending;
    QString refusal;
};

struct HistoryThread
{
    QList<HistoryEntry> entries; // oldest first
    bool fromHub = false;        // false: the listing's summary (the history never arrived)
    QDateTime fetchedAt;         // when it arrived (invalid when never)
    bool stale = false;          // the hub has something newer than what is here
};

struct StaleHistory
{
    QString report;
    qint64 listedCursor = 0; // the report's newest listed cursor now: stored with its history
};

class ReportHistory
{
public:
    explicit ReportHistory(Services &services);

    // Reports whose history is older than their listing, of the newest month or
    // opened by the reviewer, newest month first.
    Result<QList<StaleHistory>> stale() const;
    // Replaces the report's stored history (one transaction) and records that it
    // is current as of `listedCursor`; the report stops being wanted.
    Status store(const QString &report, qint64 listedCursor, const QList<HistoryEntry> &events);
    // The same for many reports, in one transaction (the demonstration data).
    struct ReportEvents
    {
        QString report;
        qint64 listedCursor = 0;
        QList<HistoryEntry> events;
    };
    Status storeMany(const QList<ReportEvents> &threads);
    // The hub has no history for it (404: not in this URS's scope any more, or an
    // import it has not received): not asked again until the listing changes.
    Status markUnavailable(const QString &report, qint64 listedCursor);
    // The reviewer opened the report: its history comes at the next pass when it
    // is stale, whatever its month.
    Status want(const QString &report);

    // What the report view shows: the hub's history (or the listing's summary),
    // with this installation's decisions the hub has not shown yet at the end.
    Result<HistoryThread> thread(const QString &report) const;

private:
    Services &m_services;
};

} // namespace mobiliza::core
