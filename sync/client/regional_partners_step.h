// The partners step of a URS's (or the central level's) synchronization pass
// (docs/protocol.md §10.6), after the reports' pull (RegionalSteps): pages of GET
// /api/v1/partners from the stored cursor until one brings nothing new, each
// applied to the profile's copy in one transaction (core::RegionPartners::applyPulled:
// erased partners are removed, from the backups too), after the copy is brought to
// the URS's current municipalities (reconcileScope). Entries the hub listed that
// cannot be read are left out and counted: a message of the pass and a warning in
// the log. Only when the hub's pre-flight offers "partners": an older hub is
// skipped quietly. A 429 is waited out (its Retry-After, at most 30 s at a time)
// within the pass; a failure of the link stops the pass like the pull's.
#pragma once

#include "sync/client/hub_client.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace mobiliza::core {
class Services;
}

namespace mobiliza::sync {

class RegionalSteps;

// A QObject for its lifetime only (a child of the pass, its timers): no signals,
// so no moc.
class RegionalPartnersStep : public QObject
{
public:
    // stoppedBy: what stopped the pass (a failure of the link, an abort); problem:
    // local ones (pt-BR, one a line: entries left out unread, a backup copy still
    // holding an erased partner…), the pass goes on.
    using Done = std::function<void(std::optional<HubError> stoppedBy, const QString &problem)>;

    // Runs the step as a child of `steps` (its label on steps.stepChanged, its page
    // size); `done` once, on the main thread; the step deletes itself after.
    static void run(RegionalSteps &steps, core::Services &services, HubClient &client, Done done);

    static constexpr const char *kFeature = "partners";
    int pulled() const { return m_pulled; }

private:
    RegionalPartnersStep(core::Services &services, HubClient &client, int pageSize, Done done, QObject *parent);
    void nextPage();
    void finish(std::optional<HubError> stoppedBy, const QString &problem = {});

    core::Services &m_services;
    HubClient &m_client;
    int m_pageSize;
    Done m_done;
    int m_pulled = 0;
    int m_unreadable = 0;   // entries the hub listed that could not be read (left out)
    QStringList m_problems; // found on the way; the step went on
    int m_waitedSeconds = 0;
};

} // namespace mobiliza::sync
