#include "sync/client/sync_engine.h"

#include "core/domain/clock.h"
#include "core/regional/batch_intake.h"
#include "core/regional/batch_service.h"
#include "core/regional/package_intake.h"
#include "core/services/blob_store.h"
#include "core/services/services.h"
#include "sync/client/regional_steps.h"
#include "sync/client/sync_engine_p.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QSet>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <functional>
#include <memory>
#include <optional>

namespace mobiliza::sync {

bool scopeFitsProfile(const Scope &scope, core::Services &services)
{
    core::ProfileService &profile = services.profile();
    if (scope.programId() != profile.program())
        return false;
    switch (profile.role().value_or(core::Role::Municipality)) {
    case core::Role::Urs:
        return scope.kind == Scope::Kind::Urs && !scope.region().isEmpty() &&
               scope.region().compare(scope.urs.isEmpty() ? profile.uf() : profile.urs(),
                                      Qt::CaseInsensitive) == 0;
    case core::Role::Central:
        return scope.kind == Scope::Kind::Central;
    case core::Role::Municipality:
        break;
    }
    return scope.kind == Scope::Kind::Municipality && !scope.municipality.isEmpty() &&
           scope.municipality == profile.reportingUnit();
}

Q_LOGGING_CATEGORY(lcSyncEngine, "mobiliza.sync.engine")

using engine_detail::outboxError;
using engine_detail::stopsPartners;

namespace engine_detail {

core::OutboxError outboxError(const HubError &e)
{
    return core::OutboxError{e.code, e.message, e.findings};
}

// Failures of the connection or of the hub itself (not of this partner).
bool stopsPartners(const HubError &e)
{
    switch (e.kind) {
    case HubError::Kind::Offline:
    case HubError::Kind::Unreachable:
    case HubError::Kind::Timeout:
    case HubError::Kind::Tls:
    case HubError::Kind::Insecure:
    case HubError::Kind::NotHub:
    case HubError::Kind::Unauthorized:
    case HubError::Kind::RateLimited:
    case HubError::Kind::ServerError:
    case HubError::Kind::Aborted:
        return true;
    default:
        return false;
    }
}

} // namespace engine_detail

SyncEngine::SyncEngine(core::Services &services, core::OutboxService &outbox, HubClient &client,
                       QObject *parent)
    : QObject(parent), m_services(services), m_outbox(outbox), m_client(client)
{
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::setPhase(Phase phase)
{
    if (m_phase == phase)
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

QString SyncEngine::itemLabel(const core::OutboxItem &item) const
{
    return QCoreApplication::translate("SyncEngine", "Report %1 (revision %2)")
        .arg(item.period.display())
        .arg(item.revision);
}

HubError SyncEngine::localError(const QString &message) const
{
    HubError e = HubError::make(HubError::Kind::Local);
    e.message = message;
    return e;
}

bool SyncEngine::start(Pass pass)
{
    if (m_running)
        return false;
    m_running = true;
    m_pass = pass;
    ++m_generation;
    m_report = PassReport{};
    m_items.clear();
    m_index = 0;
    m_inItem = false;
    m_partnerRetry = false;
    m_rateWaitedSeconds = 0;
    // A pass killed earlier (crash, power cut) left rows in "sending".
    m_outbox.recoverInterrupted();
    setPhase(Phase::Checking);
    m_client.preflight(guarded<Preflight>([this](const HubResult<Preflight> &r) { onPreflight(r); }));
    return true;
}

void SyncEngine::abort()
{
    if (!m_running)
        return;
    // The callbacks of the aborted calls finish the pass (Aborted stops it).
    m_client.abortAll();
    if (m_running)
        finish(HubError::make(HubError::Kind::Aborted));
}

void SyncEngine::rememberHub(const HubInfo &hub)
{
    // Which hub this installation talks to: the central level names it in the receipts
    // it writes for batch files (core/regional/batch_intake.h). Written only when it
    // changes; a failure here costs nothing but a generic issuer on a receipt.
    core::ProfileService &profile = m_services.profile();
    if (profile.setting(QLatin1String(core::kHubIdSetting)) != hub.id)
        (void)profile.setSetting(QLatin1String(core::kHubIdSetting), hub.id);
    if (profile.setting(QLatin1String(core::kHubNameSetting)) != hub.name)
        (void)profile.setSetting(QLatin1String(core::kHubNameSetting), hub.name);
}

void SyncEngine::onPreflight(const HubResult<Preflight> &result)
{
    if (!result) {
        finish(result.error());
        return;
    }
    const Preflight &p = result.value();
    if (!scopeFitsProfile(p.scope, m_services)) {
        HubError e = HubError::make(HubError::Kind::Forbidden, m_client.baseUrl().host(), 200);
        finish(e);
        return;
    }
    m_report.online = true;
    m_limits = p.limits;
    m_hubTargets = p.features.contains(QLatin1String("targets")) ? p.targetsRevision : -1;
    m_outbox.recordContact(m_services.clock().now());
    rememberHub(p.hub);
    Q_EMIT contact(p);
    // The hub asks for a new token from tokenRenewAfter on (compared with the hub's own
    // clock: this computer's may be wrong). The old one works for a while after the
    // renewal, so a lost answer or a failed write only means trying again next pass.
    if (m_saveToken && p.tokenRenewAfter.isValid() && p.time.isValid() && p.time >= p.tokenRenewAfter) {
        m_client.renewToken(guarded<EnrollResponse>([this](const HubResult<EnrollResponse> &r) {
            if (r) {
                if (core::Status saved = m_saveToken(r.value().token); saved)
                    m_client.setToken(r.value().token);
                else
                    qCWarning(lcSyncEngine) << "renewed token not stored:" << saved.error().message;
            } else if (r.error().kind == HubError::Kind::Aborted) {
                finish(r.error());
                return;
            } else {
                qCInfo(lcSyncEngine) << "token renewal failed:" << r.error().code;
            }
            afterPreflight();
        }));
        return;
    }
    afterPreflight();
}

void SyncEngine::afterTargets()
{
    const auto role = m_services.profile().role();
    if (role == core::Role::Urs || role == core::Role::Central)
        startRegional();
    else
        startSending();
}

void SyncEngine::startRegional()
{
    m_report.regional = true;
    setPhase(Phase::Regional);
    if (!m_regional) {
        m_regional = std::make_unique<RegionalSteps>(m_services, m_client);
        m_regional->setPageSize(m_statusPageSize);
        m_regional->setPhotoCacheBytes(m_photoCacheBytes);
    }
    const quint64 generation = m_generation;
    m_regional->run(
        [this, generation](std::optional<HubError> stoppedBy) {
            if (!m_running || generation != m_generation)
                return;
            const RegionalCounts &c = m_regional->counts();
            m_report.decisionsSent = c.decisionsSent;
            m_report.decisionsRefused = c.decisionsRefused;
            m_report.importsSent = c.importsSent;
            m_report.batchesSent = c.batchesSent;
            m_report.refused = c.refused;
            m_report.revisionsPulled = c.revisionsPulled;
            m_report.manifestsFetched = c.manifestsFetched;
            m_report.photosFetched = c.photosFetched;
            m_report.replicaUpToDate = c.upToDate;
            for (const QString &m : c.messages)
                if (!m_report.messages.contains(m))
                    m_report.messages << m;
            m_report.statusPulled = !stoppedBy;
            finish(stoppedBy);
        },
        m_pass == Pass::Asked ? core::Backoff::Ignore : core::Backoff::Respect);
}

void SyncEngine::startSending()
{
    const QDateTime now = m_services.clock().now();
    // Never one the hub itself asked to wait for. A pass the person asked for: every other
    // queued item, backing off or not. Otherwise: due now, or held back only by the link —
    // the pre-flight has just reached the hub, so a report whose last attempt failed on the
    // connection (not at the hub) goes now, not after a backoff meant for a link that was down.
    m_items = m_outbox.queuedItems();
    m_items.removeIf([&](const core::OutboxItem &item) {
        if (waitsForHub(item, now))
            return true;
        const bool due = !item.nextAttemptAt.isValid() || item.nextAttemptAt <= now;
        return m_pass != Pass::Asked && !due && !failedOnTheLink(item.lastError.code);
    });
    setPhase(Phase::Sending);
    nextItem();
}

// ------------------------------------------------------------------ items

void SyncEngine::nextItem()
{
    while (m_index < m_items.size()) {
        auto fresh = m_outbox.item(m_items.at(m_index++).uuid);
        // Held, withdrawn or sent meanwhile: not ours to send any more.
        if (!fresh || fresh->state != core::OutboxState::Queued)
            continue;
        m_current = fresh.value();
        if (core::Status s = m_outbox.markSending(m_current.uuid); !s) {
            m_report.messages << itemLabel(m_current) + QStringLiteral(": ") + s.error().message;
            continue;
        }
        m_inItem = true;
        m_missingRetried = false;
        m_itemBase = 0;
        m_storedThisAttempt = 0;
        Q_EMIT itemStarted(m_current.uuid, m_current.bytes);

        auto manifest = m_outbox.manifest(m_current.uuid);
        if (!manifest) {
            itemFailed(localError(manifest.error().message));
            return;
        }
        m_manifest = manifest.value();
        if (m_manifest.size() > m_limits.maxManifestBytes) {
            HubError e = HubError::make(HubError::Kind::TooLarge, m_client.baseUrl().host());
            e.message = QCoreApplication::translate(
                "HubError", "This report is larger than the hub accepts. Ask the URS to "
                            "raise the limit; Mobiliza will try again later.");
            itemFailed(e);
            return;
        }
        QStringList names;
        int number = 0;
        for (const core::OutboxBlob &blob : m_current.blobs) {
            ++number;
            if (!m_services.blobs().has(blob.sha256)) {
                itemFailed(localError(
                    QCoreApplication::translate("SyncEngine", "The file of photo %1 is missing from this "
                                                              "computer's data folder. Withdraw the report, "
                                                              "add the photo again and conclude it.")
                        .arg(number)));
                return;
            }
            names << blob.sha256;
        }
        if (names.isEmpty()) {
            putManifest();
            return;
        }
        // In as many requests as the announced limits need (names and bytes).
        m_client.missingBlobs(names, m_limits, guarded<QStringList>([this](const HubResult<QStringList> &r) {
                                  if (!r) {
                                      itemFailed(r.error());
                                      return;
                                  }
                                  const QSet<QString> missing(r.value().begin(), r.value().end());
                                  m_uploads.clear();
                                  m_itemBase = 0;
                                  for (const core::OutboxBlob &blob : m_current.blobs) {
                                      if (missing.contains(blob.sha256))
                                          m_uploads << blob.sha256;
                                      else
                                          m_itemBase += blob.bytes; // already at the hub: not sent again
                                  }
                                  Q_EMIT itemProgress(m_current.uuid, m_itemBase, m_current.bytes);
                                  uploadNext();
                              }));
        return;
    }
    pushPartners();
}

void SyncEngine::uploadNext()
{
    if (m_uploads.isEmpty()) {
        putManifest();
        return;
    }
    const QString sha = m_uploads.takeFirst();
    // Read and checked against its hash on a worker (a damaged file never leaves): a
    // photo of a few MB costs tens of ms of SHA-256 the window would otherwise wait for.
    auto read = std::make_shared<std::optional<core::Result<QByteArray>>>();
    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcher<void>::finished, this,
            [this, watcher, sha, read, generation = m_generation, item = m_current.uuid] {
                watcher->deleteLater();
                // A pass stopped or moved on meanwhile: this read is nobody's any more.
                if (!m_running || generation != m_generation || m_current.uuid != item || !read->has_value())
                    return;
                sendBlob(sha, read->value());
            });
    watcher->setFuture(QtConcurrent::run(
        [store = core::BlobStore(m_services.blobs().dir()), sha, read] { read->emplace(store.read(sha)); }));
}

void SyncEngine::sendBlob(const QString &sha, const core::Result<QByteArray> &bytes)
{
    if (!bytes) {
        itemFailed(localError(bytes.error().message));
        return;
    }
    if (bytes.value().size() > m_limits.maxBlobBytes) {
        itemFailed(HubError::make(HubError::Kind::TooLarge, m_client.baseUrl().host()));
        return;
    }
    const QString item = m_current.uuid;
    const qint64 total = m_current.bytes;
    const qint64 base = m_itemBase;
    m_client.putBlob(
        sha, bytes.value(),
        [this, item, total, base](qint64 sent, qint64) {
            if (m_running && m_current.uuid == item)
                Q_EMIT itemProgress(item, std::min(total, base + sent), total);
        },
        guarded<BlobStored>([this](const HubResult<BlobStored> &r) {
            if (!r) {
                itemFailed(r.error());
                return;
            }
            m_itemBase += r->bytes;
            ++m_storedThisAttempt;
            Q_EMIT itemProgress(m_current.uuid, std::min(m_current.bytes, m_itemBase), m_current.bytes);
            uploadNext();
        }));
}

void SyncEngine::putManifest()
{
    const QString item = m_current.uuid;
    const qint64 total = m_current.bytes;
    const qint64 base = m_itemBase;
    m_client.putManifest(
        m_current.reportUuid, m_current.revision, m_manifest,
        [this, item, total, base](qint64 sent, qint64) {
            if (m_running && m_current.uuid == item)
                Q_EMIT itemProgress(item, std::min(total, base + sent), total);
        },
        guarded<Receipt>([this](const HubResult<Receipt> &r) {
            if (!r) {
                const HubError &e = r.error();
                if (e.kind == HubError::Kind::MissingBlobs && !m_missingRetried && !e.missing.isEmpty()) {
                    // Lost meanwhile on the hub (or never stored): send those again, once.
                    m_missingRetried = true;
                    m_uploads.clear();
                    for (const core::OutboxBlob &blob : m_current.blobs)
                        if (e.missing.contains(blob.sha256)) {
                            m_uploads << blob.sha256;
                            m_itemBase -= blob.bytes;
                        }
                    m_itemBase = std::max<qint64>(0, m_itemBase);
                    uploadNext();
                    return;
                }
                itemFailed(e);
                return;
            }
            const Receipt &receipt = r.value();
            if (receipt.manifestSha256 != m_current.manifestSha256) {
                // Never counted as sent: the hub has other bytes than ours.
                HubError e = HubError::make(HubError::Kind::NotHub, m_client.baseUrl().host(), 201);
                e.message = QCoreApplication::translate("SyncEngine",
                                                        "The hub's receipt does not match this report (the "
                                                        "content differs). It will be sent again; if this "
                                                        "repeats, tell the URS.");
                itemFailed(e);
                return;
            }
            core::OutboxReceipt stored{receipt.hubId, receipt.receivedAt, receipt.manifestSha256};
            if (core::Status s = m_outbox.markReceived(m_current.uuid, stored); !s) {
                m_report.messages << itemLabel(m_current) + QStringLiteral(": ") + s.error().message;
                ++m_report.failed;
            } else {
                ++m_report.sent;
            }
            itemDone();
        }));
}

void SyncEngine::itemDone()
{
    m_inItem = false;
    Q_EMIT itemFinished(m_current.uuid);
    nextItem();
}

// ------------------------------------------------------------------ partners

void SyncEngine::pushPartners()
{
    setPhase(Phase::Partners);
    m_partners = m_outbox.pendingPartnerChanges();
    m_partnerIndex = 0;
    nextPartner();
}

void SyncEngine::nextPartner()
{
    if (m_partnerIndex >= m_partners.changes.size()) {
        if (!m_partnerRetry)
            m_outbox.setPartnerCursor(m_partners.cursor);
        pullStatus();
        return;
    }
    const core::PartnerChange change = m_partners.changes.at(m_partnerIndex++);
    auto done = guarded<PartnerApplied>([this](const HubResult<PartnerApplied> &r) {
        if (!r) {
            if (stopsPartners(r.error())) {
                finish(r.error());
                return;
            }
            // This partner only: the others go on; retried next pass when it may pass then.
            if (r.error().isRetryable())
                m_partnerRetry = true;
            m_report.messages << QCoreApplication::translate("SyncEngine", "A partner was not sent: %1")
                                     .arg(r.error().message);
        } else {
            ++m_report.partnersSent;
        }
        nextPartner();
    });
    if (change.erased) {
        m_client.deletePartner(change.uuid, done);
        return;
    }
    auto partner = m_services.partners().partner(change.uuid);
    if (!partner) { // erased between the query and now
        m_client.deletePartner(change.uuid, done);
        return;
    }
    m_client.putPartner(partner.value(), done);
}

// ------------------------------------------------------------------ status

void SyncEngine::pullStatus()
{
    setPhase(Phase::Status);
    const qint64 since = m_outbox.statusCursor();
    m_client.status(since, m_statusPageSize,
                    guarded<StatusPage>([this, since](const HubResult<StatusPage> &r) {
                        if (!r) {
                            finish(r.error());
                            return;
                        }
                        QList<core::HubReview> reviews;
                        for (const StatusEvent &e : r->events) {
                            QList<core::ReviewNote> notes;
                            for (const ReviewNote &n : e.notes)
                                notes << core::ReviewNote{n.action, n.photo, n.text};
                            reviews << core::HubReview{e.report, e.revision, e.state, e.comment, e.at, notes, e.by};
                        }
                        const qint64 next = std::max(since, r->next);
                        auto applied = m_outbox.applyHubReviews(reviews, next);
                        if (!applied) {
                            m_report.messages << applied.error().message;
                            finish();
                            return;
                        }
                        m_report.reviewsApplied += int(applied.value().size());
                        if (r->events.size() >= m_statusPageSize && next > since) {
                            pullStatus(); // more pages
                            return;
                        }
                        m_report.statusPulled = true;
                        finish();
                    }));
}

// ------------------------------------------------------------------ end

void SyncEngine::finish(std::optional<HubError> stoppedBy)
{
    if (!m_running)
        return;
    if (m_inItem) {
        // Stopped in the middle of an item (abort): it goes back to the queue now,
        // not only when the next pass recovers it.
        m_inItem = false;
        const HubError error = stoppedBy ? *stoppedBy : HubError::make(HubError::Kind::Aborted);
        m_outbox.markFailed(m_current.uuid, outboxError(error));
        ++m_report.failed;
        Q_EMIT itemFinished(m_current.uuid);
    }
    if (stoppedBy) {
        m_report.error = stoppedBy;
        if (!m_report.messages.contains(stoppedBy->message))
            m_report.messages << stoppedBy->message;
    }
    m_report.remaining =
        m_outbox.count(core::OutboxState::Queued) + m_outbox.count(core::OutboxState::Sending) +
        m_outbox.count(core::OutboxState::Held) + m_outbox.count(core::OutboxState::Rejected);
    if (m_report.regional)
        m_report.remaining += m_services.reviews().pendingCount()
                              + core::PackageIntake(m_services, m_services.reference()).pendingCount()
                              + core::BatchService(m_services).pendingCount();
    m_report.allConfirmed = m_report.online && !m_report.error && m_report.remaining == 0 &&
                            m_report.statusPulled && !m_partnerRetry &&
                            (!m_report.regional || m_report.replicaUpToDate);
    m_running = false;
    ++m_generation;
    m_items.clear();
    m_manifest.clear();
    setPhase(Phase::Idle);
    const PassReport report = m_report;
    Q_EMIT finished(report);
}

} // namespace mobiliza::sync
