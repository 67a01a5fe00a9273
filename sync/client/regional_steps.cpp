#include "sync/client/regional_steps.h"

#include "core/program/program_definition.h"
#include "core/regional/batch_intake.h"
#include "core/regional/batch_service.h"
#include "core/regional/package_intake.h"
#include "core/services/services.h"
#include "sync/client/regional_partners_step.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>

namespace mobiliza::sync {

Q_LOGGING_CATEGORY(lcRegional, "mobiliza.sync.regional")

namespace {

ReviewDecision toWire(const core::ReviewDecisionRecord &d)
{
    ReviewDecision w;
    w.uuid = d.uuid;
    w.report = d.report;
    w.revision = d.revision;
    w.manifestSha256 = d.manifestSha256;
    w.decision = core::decisionKey(d.decision);
    w.comment = d.comment;
    for (const core::ReviewNote &n : d.notes)
        w.notes << ReviewNote{n.action, n.photo, n.text};
    w.reviewer = d.reviewer;
    w.decidedAt = d.decidedAt;
    w.seen = d.seen;
    return w;
}

} // namespace

RegionalSteps::RegionalSteps(core::Services &services, HubClient &client, QObject *parent)
    : QObject(parent), m_services(services), m_client(client)
{
}

void RegionalSteps::run(Done done, core::Backoff backoff)
{
    m_done = std::move(done);
    m_backoff = backoff;
    ++m_run;
    m_waitedSeconds = 0;
    m_counts = RegionalCounts{};
    m_incomplete = false;
    startImports();
}

// Imports first: a decision on a report that came on a USB stick needs the hub to
// have that report (it answers 404 otherwise).
void RegionalSteps::startImports()
{
    m_index = 0;
    m_imports.clear();
    if (auto due = core::PackageIntake(m_services, m_services.reference()).due(m_backoff); due)
        for (const auto &i : due.value())
            m_imports << i.packageSha256;
    else
        localProblem(due.error().message);
    if (!m_imports.isEmpty())
        Q_EMIT stepChanged(
            QCoreApplication::translate("RegionalSteps", "Sending the packages received here"));
    nextImport();
}

void RegionalSteps::startDecisions()
{
    m_index = 0;
    m_decisions.clear();
    auto due = m_services.reviews().due(m_backoff);
    if (!due) {
        localProblem(due.error().message);
    } else {
        for (const auto &d : due.value())
            m_decisions << d.uuid;
    }
    if (!m_decisions.isEmpty())
        Q_EMIT stepChanged(QCoreApplication::translate("RegionalSteps", "Sending review decisions"));
    nextDecision();
}

void RegionalSteps::startBatches()
{
    m_index = 0;
    m_batches.clear();
    if (auto due = core::BatchService(m_services).due(m_backoff); due)
        for (const auto &b : due.value())
            m_batches << b.uuid;
    else
        localProblem(due.error().message);
    if (!m_batches.isEmpty())
        Q_EMIT stepChanged(
            QCoreApplication::translate("RegionalSteps", "Forwarding batches to the central level"));
    nextBatch();
}

void RegionalSteps::localProblem(const QString &message)
{
    m_incomplete = true;
    if (!m_counts.messages.contains(message))
        m_counts.messages << message;
}

bool RegionalSteps::waitAndRetry(const HubError &error, std::function<void()> retry)
{
    static constexpr int kMaxWaitSeconds = 30;        // one wait
    static constexpr int kMaxWaitedSeconds = 15 * 60; // a whole pass
    if (error.kind != HubError::Kind::RateLimited || error.retryAfterSeconds > kMaxWaitSeconds ||
        m_waitedSeconds + error.retryAfterSeconds > kMaxWaitedSeconds)
        return false;
    const int seconds = std::max(1, error.retryAfterSeconds);
    m_waitedSeconds += seconds;
    QTimer::singleShot(seconds * 1000, this, [this, run = m_run, retry = std::move(retry)] {
        if (current(run))
            retry();
    });
    return true;
}

void RegionalSteps::stop(std::optional<HubError> error)
{
    if (!m_done)
        return;
    m_counts.upToDate = !error && !m_incomplete && m_services.reviews().pendingCount() == 0 &&
                        core::PackageIntake(m_services, m_services.reference()).pendingCount() == 0 &&
                        core::BatchService(m_services).pendingCount() == 0;
    Done done = std::move(m_done);
    m_done = nullptr;
    done(error);
}

// ------------------------------------------------------------ 1. decisions

void RegionalSteps::nextDecision()
{
    if (m_index >= m_decisions.size()) {
        startBatches();
        return;
    }
    auto &outbox = m_services.reviews();
    auto all = outbox.all();
    if (!all) {
        localProblem(all.error().message);
        pull();
        return;
    }
    const QString uuid = m_decisions.at(m_index++);
    std::optional<core::ReviewDecisionRecord> record;
    for (const auto &d : all.value())
        if (d.uuid == uuid)
            record = d;
    if (!record) {
        nextDecision();
        return;
    }
    if (core::Status s = outbox.markSending(uuid); !s) {
        localProblem(s.error().message);
        nextDecision();
        return;
    }
    m_client.putDecision(toWire(*record), [this, uuid, run = m_run](HubResult<DecisionAnswer> r) {
        if (!current(run))
            return;
        auto &outbox = m_services.reviews();
        if (r) {
            if (core::Status s = outbox.markApplied(uuid, r->state, r->event); !s)
                localProblem(s.error().message);
            ++m_counts.decisionsSent;
            nextDecision();
            return;
        }
        const HubError &e = r.error();
        if (e.kind == HubError::Kind::Aborted) { // the person stopped the pass: not a failed attempt
            if (core::Status s = outbox.markQueued(uuid); !s)
                localProblem(s.error().message);
            stop(e);
            return;
        }
        // The hub answered about this decision: another came first (409), it is not valid
        // (400, 422), or the report is not this URS's any more (403, 404). Sending it again
        // would get the same answer: it is kept with the reason, and the pass goes on.
        const bool answeredAboutIt = e.httpStatus == 400 || e.httpStatus == 403 || e.httpStatus == 404 ||
                                     e.httpStatus == 409 || e.httpStatus == 422;
        if (answeredAboutIt || (!e.stopsPass() && !e.isRetryable())) {
            // Another reviewer decided first, a newer revision arrived, the hub refused it:
            // kept with the reason, shown to the reviewer, never sent again as is.
            if (core::Status s = outbox.markRefused(uuid, e.currentState, e.message); !s)
                localProblem(s.error().message);
            ++m_counts.decisionsRefused;
            if (!m_counts.messages.contains(e.message))
                m_counts.messages << e.message;
            nextDecision();
            return;
        }
        const double random = m_random ? m_random() : QRandomGenerator::global()->generateDouble();
        if (core::Status s = outbox.markFailed(uuid, e.message, random); !s)
            localProblem(s.error().message);
        if (e.stopsPass()) {
            stop(e);
            return;
        }
        m_incomplete = true;
        nextDecision();
    });
}

// ------------------------------------------------------------ 1b. imports, 1c. batches

// The hub answered about this item (a conflict, invalid content, not this URS's):
// sending it again would get the same answer.
static bool answeredAboutIt(const HubError &e)
{
    return e.httpStatus == 400 || e.httpStatus == 403 || e.httpStatus == 404 || e.httpStatus == 409 ||
           e.httpStatus == 413 || e.httpStatus == 422 || (!e.stopsPass() && !e.isRetryable());
}

void RegionalSteps::nextImport()
{
    if (m_index >= m_imports.size()) {
        startDecisions();
        return;
    }
    const QString sha = m_imports.at(m_index++);
    core::PackageIntake intake(m_services, m_services.reference());
    auto bytes = intake.fileBytes(sha);
    if (!bytes) {
        localProblem(bytes.error().message);
        nextImport();
        return;
    }
    if (core::Status s = intake.markSending(sha); !s) {
        localProblem(s.error().message);
        nextImport();
        return;
    }
    m_client.putImport(sha, bytes.value(), {}, [this, sha, run = m_run](HubResult<Receipt> r) {
        if (!current(run))
            return;
        core::PackageIntake intake(m_services, m_services.reference());
        if (r) {
            if (core::Status s = intake.markSent(sha, r->hubId); !s)
                localProblem(s.error().message);
            ++m_counts.importsSent;
            nextImport();
            return;
        }
        const HubError &e = r.error();
        if (e.kind == HubError::Kind::Aborted) {
            (void)intake.markQueued(sha);
            stop(e);
            return;
        }
        if (waitAndRetry(e, [this] {
                --m_index;
                nextImport();
            })) {
            (void)intake.markQueued(sha);
            return;
        }
        // Damaged on the way (hash_mismatch), or the hub cannot take imports now (an older
        // hub without the route, a scope being changed): tried again later, never lost.
        const bool tryLater =
            e.code == QLatin1String("hash_mismatch") || e.httpStatus == 403 || e.httpStatus == 404;
        if (answeredAboutIt(e) && !tryLater) {
            if (core::Status s = intake.markRefused(sha, e.message); !s)
                localProblem(s.error().message);
            ++m_counts.refused;
            if (!m_counts.messages.contains(e.message))
                m_counts.messages << e.message;
            nextImport();
            return;
        }
        (void)intake.markFailed(sha, e.message,
                                m_random ? m_random() : QRandomGenerator::global()->generateDouble());
        if (e.stopsPass() && !tryLater) {
            stop(e);
            return;
        }
        m_incomplete = true;
        nextImport();
    });
}

// The central level sent a URS's batch file on its behalf: the receipt for the URS goes
// beside the file it came in, when that folder is still there (a USB stick may be gone:
// importing the file again writes it then).
void RegionalSteps::writeReceiptBeside(const QString &uuid, const QString &batchFilePath)
{
    if (m_services.profile().role() != core::Role::Central || batchFilePath.isEmpty() ||
        !QFileInfo(batchFilePath).absoluteDir().exists())
        return;
    auto all = core::BatchService(m_services).all();
    if (!all)
        return;
    for (const core::BatchRecord &b : all.value())
        if (b.uuid == uuid) {
            auto written =
                core::BatchIntake(m_services, m_services.reference()).writeReceipt(b, batchFilePath);
            if (!written)
                qCWarning(lcRegional)
                    << "receipt of batch" << uuid.left(8) << "not written:" << written.error().code;
        }
}

void RegionalSteps::nextBatch()
{
    if (m_index >= m_batches.size()) {
        pull();
        return;
    }
    const QString uuid = m_batches.at(m_index++);
    core::BatchService batches(m_services);
    auto all = batches.all();
    std::optional<core::BatchRecord> record;
    if (all)
        for (const auto &b : all.value())
            if (b.uuid == uuid)
                record = b;
    if (!record || !batches.markSending(uuid)) {
        nextBatch();
        return;
    }
    Batch wire;
    wire.uuid = record->uuid;
    wire.urs = record->urs;
    wire.period = record->period.key();
    wire.createdAt = record->createdAt;
    wire.createdBy = record->createdBy;
    for (const core::BatchMember &m : record->revisions)
        wire.revisions << BatchRevision{m.report, m.revision, m.manifestSha256};
    m_client.putBatch(
        wire, [this, uuid, run = m_run, filePath = record->filePath](HubResult<BatchReceipt> r) {
            if (!current(run))
                return;
            core::BatchService batches(m_services);
            if (r) {
                if (core::Status s = batches.markReceived(uuid, r->hubId, r->receivedAt); !s)
                    localProblem(s.error().message);
                ++m_counts.batchesSent;
                writeReceiptBeside(uuid, filePath);
                nextBatch();
                return;
            }
            const HubError &e = r.error();
            if (e.kind == HubError::Kind::Aborted) {
                (void)batches.markQueued(uuid);
                stop(e);
                return;
            }
            if (waitAndRetry(e, [this] {
                    --m_index;
                    nextBatch();
                })) {
                (void)batches.markQueued(uuid);
                return;
            }
            if (answeredAboutIt(e)) {
                if (core::Status s = batches.markRefused(uuid, e.message); !s)
                    localProblem(s.error().message);
                ++m_counts.refused;
                if (!m_counts.messages.contains(e.message))
                    m_counts.messages << e.message;
                nextBatch();
                return;
            }
            (void)batches.markFailed(uuid, e.message,
                                     m_random ? m_random() : QRandomGenerator::global()->generateDouble());
            if (e.stopsPass()) {
                stop(e);
                return;
            }
            m_incomplete = true;
            nextBatch();
        });
}

// ------------------------------------------------------------ 2. the pull

void RegionalSteps::pull()
{
    const bool people =
        core::ProgramDefinition::embeddedById(m_services.profile().program()).reportingUnit() !=
        QLatin1String("municipality");
    Q_EMIT stepChanged(
        people ? QCoreApplication::translate("RegionalSteps", "Receiving the apoiadores' reports")
               : QCoreApplication::translate("RegionalSteps", "Receiving the municipalities' reports"));
    auto &replica = m_services.replica();
    const qint64 since = replica.cursor();
    m_client.pullRevisions(since, m_pageSize, [this, since, run = m_run](HubResult<PullPage> r) {
        if (!current(run))
            return;
        if (!r) {
            if (!waitAndRetry(r.error(), [this] { pull(); }))
                stop(r.error());
            return;
        }
        QList<core::ReplicaRevision> entries;
        for (const PulledEntry &p : r->revisions) {
            core::ReplicaRevision e;
            e.report = p.report;
            e.revision = p.revision;
            e.municipality = p.municipality;
            e.program = p.program;
            e.period = core::Period::fromKey(p.period);
            e.hubId = p.hubId;
            e.manifestSha256 = p.manifestSha256;
            e.state = p.state;
            e.comment = p.comment;
            e.receivedAt = p.receivedAt;
            e.reviewedAt = p.reviewedAt;
            e.cursor = p.cursor;
            e.via = p.via;
            e.unitName = p.unitName;
            entries << e;
        }
        const qint64 next = std::max(since, r->next);
        if (core::Status s = m_services.replica().applyPulled(entries, next); !s) {
            localProblem(s.error().message);
            stop(std::nullopt);
            return;
        }
        m_counts.revisionsPulled += int(entries.size());
        if (entries.size() >= m_pageSize && next > since) {
            pull(); // more pages
            return;
        }
        auto without = m_services.replica().withoutManifest();
        m_manifests.clear();
        if (!without)
            localProblem(without.error().message);
        else
            for (const auto &w : without.value())
                m_manifests << qMakePair(w.report, w.revision);
        m_index = 0;
        startManifests(); // regional_manifest_step.cpp
    });
}

// ------------------------------------------------------------ 4. photos

void RegionalSteps::startPhotos()
{
    // A URS prefetches its newest month's photos; the central level (the whole state's
    // month: gigabytes) only fetches those of the reports opened (photo_cache.h).
    const bool central = m_services.profile().role() == core::Role::Central;
    const core::Period newest = m_services.replica().newestPeriod();
    auto missing = newest.isValid() && !central ? m_services.replica().missingPhotos(newest)
                                                : core::Result<QStringList>(QStringList{});
    m_photos.clear();
    if (!missing)
        localProblem(missing.error().message);
    else
        m_photos = missing.value();
    if (auto wanted = m_services.replica().wantedMissingPhotos(); wanted) {
        for (const QString &sha : wanted.value())
            if (!m_photos.contains(sha))
                m_photos << sha;
    } else {
        localProblem(wanted.error().message);
    }
    m_index = 0;
    if (!m_photos.isEmpty())
        Q_EMIT stepChanged(
            central
                ? QCoreApplication::translate("RegionalSteps", "Receiving the photos of the reports opened")
                : QCoreApplication::translate("RegionalSteps", "Receiving the photos of %1")
                      .arg(newest.display()));
    nextPhoto();
}

void RegionalSteps::nextPhoto()
{
    if (m_index >= m_photos.size()) {
        if (m_services.profile().role() == core::Role::Central) {
            // Within the cache's bound, keeping what this pass brought.
            const QSet<QString> keep(m_photos.cbegin(), m_photos.cend());
            if (auto trimmed = core::trimPhotoCache(m_services.blobs(), m_photoCacheBytes, keep); !trimmed)
                localProblem(trimmed.error().message);
            else if (trimmed->removed > 0)
                qCInfo(lcRegional) << "photo cache: removed" << trimmed->removed << "photos,"
                                   << trimmed->freedBytes << "bytes; kept" << trimmed->keptBytes;
        }
        // 5. the partners of the region (§10.6, regional_partners_step.h), then the pass ends
        // (a program without a partners register, the apoio program's, has none to pull:
        // its coordination receives the roster of its apoiadores instead).
        if (core::ProgramDefinition::embeddedById(m_services.profile().program())
                .fieldForRole(core::field_role::Partners)
                .isEmpty()) {
            pullRoster();
            return;
        }
        RegionalPartnersStep::run(*this, m_services, m_client,
                                  [this, run = m_run](std::optional<HubError> e, const QString &problem) {
                                      if (!current(run))
                                          return;
                                      if (!problem.isEmpty())
                                          localProblem(problem);
                                      stop(e);
                                  });
        return;
    }
    const QString sha = m_photos.at(m_index++);
    m_client.getBlob(sha, [this, sha, run = m_run](HubResult<QByteArray> r) {
        if (!current(run))
            return;
        if (!r) {
            const bool badBytes = r.error().kind == HubError::Kind::NotHub && r.error().httpStatus == 200;
            if (r.error().httpStatus == 404) { // no revision of this URS names it any more
                (void)m_services.replica().forgetWantedPhoto(sha);
                nextPhoto();
                return;
            }
            if (waitAndRetry(r.error(), [this] {
                    --m_index;
                    nextPhoto();
                }))
                return;
            if (r.error().stopsPass() && !badBytes) {
                stop(r.error());
                return;
            }
            localProblem(badBytes ? QCoreApplication::translate("RegionalSteps",
                                                                "A photo received from the hub did "
                                                                "not match its checksum; it was not kept.")
                                  : r.error().message);
            nextPhoto();
            return;
        }
        auto stored = m_services.blobs().put(r.value());
        if (!stored || stored.value() != sha)
            localProblem(stored ? QCoreApplication::translate("RegionalSteps",
                                                              "A photo received from the hub did not "
                                                              "match its checksum; it was not kept.")
                                : stored.error().message);
        else {
            ++m_counts.photosFetched;
            m_counts.bytesFetched += r->size();
        }
        nextPhoto();
    });
}

// ------------------------------------------------------------ 5. the roster (§10.9)

void RegionalSteps::pullRoster()
{
    // An older hub does not offer it: the coverage then knows the apoiadores by their reports.
    if (!m_client.hubFeatures().contains(QLatin1String("units"))) {
        stop(std::nullopt);
        return;
    }
    Q_EMIT stepChanged(QCoreApplication::translate("RegionalSteps", "Receiving the list of apoiadores"));
    m_client.getUnits([this, run = m_run](HubResult<QList<RosterUnit>> r) {
        if (!current(run))
            return;
        if (!r) {
            if (!waitAndRetry(r.error(), [this] { pullRoster(); }))
                stop(r.error());
            return;
        }
        QList<core::RosterEntry> roster;
        roster.reserve(r->size());
        for (const RosterUnit &u : r.value())
            roster << core::RosterEntry{u.unit, u.name, u.uf, u.since, u.active, u.until};
        if (core::Status s = m_services.replica().replaceRoster(roster); !s)
            localProblem(s.error().message);
        stop(std::nullopt);
    });
}

} // namespace mobiliza::sync
