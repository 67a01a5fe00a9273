// OutboxService: durable per-item states, backoff with deterministic jitter,
// rejected items set aside, review results from the hub.
#include "tests/sync/sync_fixture.h"

#include "core/services/audit.h"

#include <QSignalSpy>

using namespace mobiliza;
using core::OutboxState;
using core::ReportEvent;
using core::ReportState;
using test::SyncProfile;

TEST_CASE("outbox: backoff doubles from 30 s, caps at one hour, jitter stays within 20 percent")
{
    using core::OutboxService;
    CHECK(OutboxService::backoffSeconds(1, 0.5) == 30);
    CHECK(OutboxService::backoffSeconds(2, 0.5) == 60);
    CHECK(OutboxService::backoffSeconds(3, 0.5) == 120);
    CHECK(OutboxService::backoffSeconds(7, 0.5) == 1920);
    CHECK(OutboxService::backoffSeconds(8, 0.5) == 3600);
    CHECK(OutboxService::backoffSeconds(500, 0.5) == 3600);  // never overflows, never gives up
    CHECK(OutboxService::backoffSeconds(1, 0.0) == 24);      // -20 %
    CHECK(OutboxService::backoffSeconds(1, 0.999999) == 36); // +20 %
    CHECK(OutboxService::backoffSeconds(100, 0.0) == 2880);
    CHECK(OutboxService::backoffSeconds(100, 0.999999) == 4320);
}

TEST_CASE("outbox: a concluded revision is queued, due now, with its bytes and photos")
{
    SyncProfile p;
    const QString report = p.concludedReport({2026, 10}, 3, 1000);
    const auto listed = p.outbox->items();
    REQUIRE(listed.ok());
    const auto &items = listed.value();
    REQUIRE(items.size() == 1);
    const core::OutboxItem &item = items.first();
    CHECK(item.state == OutboxState::Queued);
    CHECK(item.reportUuid == report);
    CHECK(item.revision == 1);
    CHECK(item.blobs.size() == 3);
    CHECK(item.bytes == item.manifestBytes + 3 * (1000 + 8)); // "2026-10" + digit prefix
    CHECK(p.outbox->bytesPending() == item.bytes);
    CHECK(p.outbox->dueItems(p.clock.now()).size() == 1);
    CHECK(p.outbox->hasDue(p.clock.now()));
    auto manifest = p.outbox->manifest(item.uuid);
    REQUIRE(manifest.ok());
    CHECK(core::BlobStore::sha256Hex(manifest.value()) == item.manifestSha256);
}

TEST_CASE("outbox: sending then received stores the receipt and moves the report, with audit rows")
{
    SyncProfile p;
    const QString report = p.concludedReport({2026, 10}, 1);
    const QString uuid = p.itemOf(report).uuid;
    QSignalSpy changed(&p.services->notifier(), &core::Notifier::reportChanged);

    REQUIRE(p.outbox->markSending(uuid).ok());
    CHECK(p.itemOf(report).state == OutboxState::Sending);
    CHECK(p.stateOf(report) == ReportState::Sending);
    CHECK(p.outbox->dueItems(p.clock.now()).isEmpty());
    CHECK(p.outbox->markSending(uuid).error().code == QStringLiteral("invalid_transition"));

    const core::OutboxReceipt receipt{QStringLiteral("r-000001"), p.clock.now(),
                                      p.itemOf(report).manifestSha256};
    REQUIRE(p.outbox->markReceived(uuid, receipt).ok());
    const core::OutboxItem item = p.itemOf(report);
    CHECK(item.state == OutboxState::Received);
    CHECK(item.receipt.hubId == QStringLiteral("r-000001"));
    CHECK(item.receipt.receivedAt == p.clock.now());
    CHECK(item.receipt.manifestSha256 == item.manifestSha256);
    CHECK(p.stateOf(report) == ReportState::Received);
    CHECK(p.outbox->bytesPending() == 0);
    CHECK(changed.count() >= 2);

    QStringList actions;
    for (const auto &e : p.services->audit().entries())
        actions << e.entity + QLatin1Char('/') + e.action;
    CHECK(actions.contains(QStringLiteral("outbox/sending")));
    CHECK(actions.contains(QStringLiteral("outbox/received")));
    CHECK(actions.contains(QStringLiteral("report/start_sending")));
    CHECK(actions.contains(QStringLiteral("report/hub_received")));
}

TEST_CASE("outbox: failures back off exponentially and never give up")
{
    SyncProfile p;
    const QString report = p.concludedReport({2026, 10}, 0);
    const QString uuid = p.itemOf(report).uuid;
    const core::OutboxError offline{QStringLiteral("offline"), QStringLiteral("Sem conexão."), {}};

    qint64 expected[] = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
    for (int attempt = 1; attempt <= 10; ++attempt) {
        REQUIRE(p.outbox->markSending(uuid).ok());
        REQUIRE(p.outbox->markFailed(uuid, offline).ok());
        const core::OutboxItem item = p.itemOf(report);
        CHECK(item.state == OutboxState::Queued);
        CHECK(item.attempts == attempt);
        CHECK(p.clock.now().secsTo(item.nextAttemptAt) == expected[attempt - 1]);
        CHECK(item.lastError.code == QStringLiteral("offline"));
        CHECK(item.lastError.message == QStringLiteral("Sem conexão."));
        CHECK(p.stateOf(report) == ReportState::Ready);
        CHECK(p.outbox->dueItems(p.clock.now()).isEmpty());
        p.clock.set(item.nextAttemptAt);
        CHECK(p.outbox->dueItems(p.clock.now()).size() == 1);
    }

    SECTION("jitter comes from the injected source")
    {
        p.jitter = 0.0;
        REQUIRE(p.outbox->markSending(uuid).ok());
        REQUIRE(p.outbox->markFailed(uuid, offline).ok());
        CHECK(p.clock.now().secsTo(p.itemOf(report).nextAttemptAt) == 2880);
    }
    SECTION("Retry-After is honoured when later than the backoff")
    {
        REQUIRE(p.outbox->markSending(uuid).ok());
        REQUIRE(p.outbox->markFailed(uuid, offline, p.clock.now().addSecs(7200)).ok());
        CHECK(p.clock.now().secsTo(p.itemOf(report).nextAttemptAt) == 7200);
    }
    SECTION("a cut after progress: due when the engine says, the failed attempts forgotten")
    {
        REQUIRE(p.outbox->markSending(uuid).ok());
        const core::OutboxError cut{QStringLiteral("unreachable"), QStringLiteral("Conexão cortada."), {}};
        REQUIRE(p.outbox->markInterrupted(uuid, cut, p.clock.now().addSecs(2)).ok());
        const core::OutboxItem item = p.itemOf(report);
        CHECK(item.state == OutboxState::Queued);
        CHECK(item.attempts == 0);
        CHECK(p.clock.now().secsTo(item.nextAttemptAt) == 2);
        CHECK(item.lastError.code == QStringLiteral("unreachable"));
        CHECK(p.stateOf(report) == ReportState::Ready);
        // The next failure without progress backs off from the start again.
        REQUIRE(p.outbox->markSending(uuid).ok());
        REQUIRE(p.outbox->markFailed(uuid, offline).ok());
        CHECK(p.itemOf(report).attempts == 1);
        CHECK(p.clock.now().secsTo(p.itemOf(report).nextAttemptAt) == 30);
    }
    SECTION("retry now makes it due at once")
    {
        REQUIRE(p.outbox->markSending(uuid).ok());
        REQUIRE(p.outbox->markFailed(uuid, offline).ok());
        REQUIRE(p.outbox->retryNow(uuid).ok());
        CHECK(p.outbox->dueItems(p.clock.now()).size() == 1);
    }
}

TEST_CASE("outbox: a rejected item keeps the findings and does not block the next one")
{
    SyncProfile p;
    const QString october = p.concludedReport({2026, 10}, 1);
    const QString september = p.concludedReport({2026, 9}, 0);
    const QString first = p.itemOf(october).uuid;

    REQUIRE(p.outbox->markSending(first).ok());
    const core::OutboxError rejected{
        QStringLiteral("validation_failed"),
        QStringLiteral("O hub não aceitou."),
        {core::Finding{QStringLiteral("actions[0].fields.title"), core::Severity::Error,
                       QStringLiteral("required"), QStringLiteral("Informe o título.")}}};
    REQUIRE(p.outbox->markRejected(first, rejected).ok());

    const core::OutboxItem item = p.itemOf(october);
    CHECK(item.state == OutboxState::Rejected);
    REQUIRE(item.lastError.findings.size() == 1);
    CHECK(item.lastError.findings.first().path == QStringLiteral("actions[0].fields.title"));
    CHECK(item.lastError.findings.first().message == QStringLiteral("Informe o título."));
    CHECK(item.lastError.code == QStringLiteral("validation_failed"));
    // The report is a concluded revision again: the user can withdraw and correct it.
    CHECK(p.stateOf(october) == ReportState::Ready);

    const auto due = p.outbox->dueItems(p.clock.now());
    REQUIRE(due.size() == 1);
    CHECK(due.first().reportUuid == september);
    CHECK(p.outbox->count(OutboxState::Rejected) == 1);

    // Withdrawing a rejected revision is allowed (it never reached the hub).
    REQUIRE(p.services->reports().applyEvent(october, ReportEvent::Withdraw).ok());
    CHECK(p.stateOf(october) == ReportState::Draft);
    CHECK(p.outbox->count(OutboxState::Rejected) == 0);
}

TEST_CASE("outbox: hold and release")
{
    SyncProfile p;
    const QString report = p.concludedReport({2026, 10}, 0);
    const QString uuid = p.itemOf(report).uuid;
    REQUIRE(p.outbox->hold(uuid).ok());
    CHECK(p.itemOf(report).state == OutboxState::Held);
    CHECK(p.outbox->dueItems(p.clock.now()).isEmpty());
    CHECK(p.outbox->markSending(uuid).error().code == QStringLiteral("invalid_transition"));
    CHECK(p.outbox->bytesPending() == 0);
    REQUIRE(p.outbox->release(uuid).ok());
    CHECK(p.itemOf(report).state == OutboxState::Queued);
    CHECK(p.outbox->dueItems(p.clock.now()).size() == 1);
    CHECK(p.outbox->release(uuid).error().code == QStringLiteral("invalid_transition"));
}

TEST_CASE("outbox: an interrupted sending goes back to the queue")
{
    SyncProfile p;
    const QString report = p.concludedReport({2026, 10}, 0);
    const QString uuid = p.itemOf(report).uuid;
    REQUIRE(p.outbox->markSending(uuid).ok());
    auto recovered = p.outbox->recoverInterrupted();
    REQUIRE(recovered.ok());
    CHECK(recovered.value() == 1);
    CHECK(p.itemOf(report).state == OutboxState::Queued);
    CHECK(p.itemOf(report).lastError.code == QStringLiteral("interrupted"));
    CHECK(p.stateOf(report) == ReportState::Ready);
    CHECK(p.outbox->dueItems(p.clock.now()).size() == 1);
}

TEST_CASE("outbox: review results move the current revision and store the cursor")
{
    SyncProfile p;
    const QString accepted = p.concludedReport({2026, 10}, 0);
    const QString returned = p.concludedReport({2026, 9}, 0);
    const QString lostReceipt = p.concludedReport({2026, 8}, 0);
    for (const QString &r : {accepted, returned}) {
        const QString uuid = p.itemOf(r).uuid;
        REQUIRE(p.outbox->markSending(uuid).ok());
        REQUIRE(
            p.outbox->markReceived(uuid, {QStringLiteral("r-1"), p.clock.now(), p.itemOf(r).manifestSha256})
                .ok());
    }
    const QList<core::HubReview> reviews{
        {accepted, 1, QStringLiteral("accepted"), {}, p.clock.now()},
        {returned, 1, QStringLiteral("returned"), QStringLiteral("Falta a foto da ação 3."), p.clock.now()},
        {lostReceipt, 1, QStringLiteral("accepted"), {}, p.clock.now()}, // the receipt never came back
        {returned, 7, QStringLiteral("accepted"), {}, p.clock.now()},    // another revision: ignored
        {QStringLiteral("00000000-0000-0000-0000-000000000000"), 1, QStringLiteral("accepted"), {}, {}},
    };
    auto applied = p.outbox->applyHubReviews(reviews, 42);
    REQUIRE(applied.ok());
    CHECK(applied.value().size() == 3);
    CHECK(p.stateOf(accepted) == ReportState::Accepted);
    CHECK(p.stateOf(returned) == ReportState::Returned);
    CHECK(p.services->reports().report(returned)->reviewComment == QStringLiteral("Falta a foto da ação 3."));
    CHECK(p.stateOf(lostReceipt) == ReportState::Accepted);
    CHECK(p.itemOf(lostReceipt).state == OutboxState::Received);
    CHECK(p.outbox->statusCursor() == 42);

    // Applying the same page again changes nothing.
    auto again = p.outbox->applyHubReviews(reviews, 42);
    REQUIRE(again.ok());
    CHECK(again.value().isEmpty());

    // The returned report reopens as revision 2 with the comment still visible.
    REQUIRE(p.services->reports().applyEvent(returned, ReportEvent::Reopen).ok());
    auto reopened = p.services->reports().report(returned);
    CHECK(reopened->revision == 2);
    CHECK(reopened->state == ReportState::Draft);
}

TEST_CASE("outbox: the central level's steps reach the municipality, even when a pass missed one")
{
    SyncProfile p;
    const QString a = p.concludedReport({2026, 10}, 0);
    const QString b = p.concludedReport({2026, 9}, 0);
    const QString c = p.concludedReport({2026, 8}, 0);
    const QDateTime at = p.clock.now();
    // a: every step in order; b: only the last two (a pass missed received…forwarded).
    REQUIRE(p.outbox
                ->applyHubReviews({{a, 1, QStringLiteral("received"), {}, at},
                                   {a, 1, QStringLiteral("accepted"), {}, at},
                                   {a, 1, QStringLiteral("forwarded"), {}, at},
                                   {b, 1, QStringLiteral("consolidated"), {}, at},
                                   {c, 1, QStringLiteral("received"), {}, at},
                                   {c, 1, QStringLiteral("accepted"), {}, at},
                                   {c, 1, QStringLiteral("forwarded"), {}, at}},
                                  10)
                .ok());
    CHECK(p.stateOf(a) == ReportState::Forwarded);
    CHECK(p.stateOf(b) == ReportState::Consolidated);
    CHECK(p.itemOf(b).state == OutboxState::Received);
    CHECK(p.stateOf(c) == ReportState::Forwarded);

    // The central level consolidates a; it returns c to the URS: c is the URS's again
    // (no comment here: it was meant for the URS), until the URS returns it.
    auto applied = p.outbox->applyHubReviews({{a, 1, QStringLiteral("consolidated"), {}, at},
                                              {c, 1, QStringLiteral("returned_to_urs"),
                                               QStringLiteral("Para a URS: ver a foto 2."), at}},
                                             12);
    REQUIRE(applied.ok());
    CHECK(applied.value().size() == 2);
    CHECK(p.stateOf(a) == ReportState::Consolidated);
    CHECK(p.stateOf(c) == ReportState::Received);
    CHECK(p.services->reports().report(c)->reviewComment.isEmpty());
    REQUIRE(p.outbox
                ->applyHubReviews({{c, 1, QStringLiteral("returned"), QStringLiteral("Refaça a foto 2."), at}}, 13)
                .ok());
    CHECK(p.stateOf(c) == ReportState::Returned);
    CHECK(p.services->reports().report(c)->reviewComment == QStringLiteral("Refaça a foto 2."));

    // A pass that missed returned_to_urs still reaches "returned" from "forwarded".
    const QString d = p.concludedReport({2026, 7}, 0);
    REQUIRE(p.outbox
                ->applyHubReviews({{d, 1, QStringLiteral("forwarded"), {}, at},
                                   {d, 1, QStringLiteral("returned"), QStringLiteral("Corrigir a data."), at}},
                                  15)
                .ok());
    CHECK(p.stateOf(d) == ReportState::Returned);
    CHECK(p.services->reports().report(d)->reviewComment == QStringLiteral("Corrigir a data."));
    // A consolidated report does not move back on an old page.
    REQUIRE(p.outbox->applyHubReviews({{a, 1, QStringLiteral("accepted"), {}, at}}, 16).ok());
    CHECK(p.stateOf(a) == ReportState::Consolidated);
}

TEST_CASE("outbox: the status feed never turns a rejected revision into a received one")
{
    SyncProfile p;
    const QString report = p.concludedReport({2026, 10}, 0);
    const QString uuid = p.itemOf(report).uuid;
    REQUIRE(p.outbox->markSending(uuid).ok());
    REQUIRE(
        p.outbox
            ->markRejected(uuid, {QStringLiteral("revision_conflict"), QStringLiteral("Outra versão."), {}})
            .ok());
    // The hub speaks of the OTHER version of revision 1.
    auto applied = p.outbox->applyHubReviews({{report, 1, QStringLiteral("received"), {}, p.clock.now()},
                                              {report, 1, QStringLiteral("accepted"), {}, p.clock.now()}},
                                             3);
    REQUIRE(applied.ok());
    CHECK(applied.value().isEmpty());
    CHECK(p.itemOf(report).state == OutboxState::Rejected);
    CHECK(p.stateOf(report) == ReportState::Ready);
    CHECK(p.outbox->statusCursor() == 3);
}

TEST_CASE("outbox: partner changes and erasures since the cursor")
{
    SyncProfile p;
    core::Partner a;
    a.name = QStringLiteral("Associação São José");
    a.municipality = QStringLiteral("3106200");
    auto savedA = p.services->partners().save(a);
    REQUIRE(savedA.ok());
    core::Partner b = a;
    b.uuid.clear();
    b.name = QStringLiteral("Rádio Comunitária");
    auto savedB = p.services->partners().save(b);
    REQUIRE(savedB.ok());

    auto pending = p.outbox->pendingPartnerChanges();
    REQUIRE(pending.changes.size() == 2);
    CHECK_FALSE(pending.changes.at(0).erased);
    REQUIRE(p.outbox->setPartnerCursor(pending.cursor).ok());
    CHECK(p.outbox->pendingPartnerChanges().changes.isEmpty());

    REQUIRE(p.services->partners().erase(savedB->uuid).ok());
    auto after = p.outbox->pendingPartnerChanges();
    REQUIRE(after.changes.size() == 1);
    CHECK(after.changes.first().uuid == savedB->uuid);
    CHECK(after.changes.first().erased);
}

TEST_CASE("outbox: last contact is kept in the profile")
{
    SyncProfile p;
    CHECK_FALSE(p.outbox->lastContact().isValid());
    REQUIRE(p.outbox->recordContact(p.clock.now()).ok());
    CHECK(p.outbox->lastContact() == p.clock.now());
}
