// The Synchronization page while reports wait: for the connection, for their own next
// try, for the end of a wait the hub asked for; offscreen, with a real SyncController.
#include "tests/app/sync/sync_page_fixture.h"

#include "core/regional/replica_service.h"
#include "core/regional/review_outbox.h"
#include "core/services/services.h"

#include <QLabel>
#include <QPushButton>
#include <QTimeZone>

using namespace mobiliza;
using test::FakeHub;
using namespace test::syncpage;

TEST_CASE(
    "sync page: a report that failed on the link waits for the connection, one the hub failed names its try")
{
    Page p(false);
    const QString october = p.profile.concludedReport({2026, 10}, 1);
    const QString september = p.profile.concludedReport({2026, 9}, 1);
    const QString cut = p.profile.itemOf(october).uuid;
    const QString failed = p.profile.itemOf(september).uuid;
    REQUIRE(p.profile.outbox->markSending(cut).ok());
    REQUIRE(
        p.profile.outbox->markFailed(cut, {QStringLiteral("unreachable"), QStringLiteral("Caiu."), {}}).ok());
    REQUIRE(p.profile.outbox->markSending(failed).ok());
    REQUIRE(
        p.profile.outbox->markFailed(failed, {QStringLiteral("server_error"), QStringLiteral("Erro."), {}})
            .ok());

    ui::SyncPage page(p.context);
    page.resize(1000, 640);
    page.show();
    REQUIRE(page.queue()->count() == 2);
    // The newest month first: October (cut on the link), then September (the hub's 500).
    CHECK(rowText(page, 0).contains(
        QStringLiteral("waiting for the connection — it goes as soon as the hub answers")));
    CHECK_FALSE(rowText(page, 0).contains(QStringLiteral("next try")));
    const QString when =
        p.profile.itemOf(september).nextAttemptAt.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"));
    CHECK(rowText(page, 1).contains(QStringLiteral("waiting — next try on %1").arg(when)));
}

TEST_CASE("sync page: a captive portal shows words to act on, and the token-in-a-file warning is visible")
{
    BehindLoginPage f;
    Page &p = f.p;
    ui::SyncPage &page = *f.page;
    CHECK(page.fallbackWarning()->isVisible());
    CHECK(page.fallbackWarning()->text().contains(QStringLiteral("kept in a file")));

    page.syncNowButton()->click();
    REQUIRE(test::waitFor([&] { return p.controller->state() == sync::SyncState::Offline; }));
    CHECK(page.statusLabel()->text().contains(QStringLiteral("network login page")));
    // The pass stopped at its pre-flight: the row says what it waits for.
    CHECK(rowText(page, 0).contains(
        QStringLiteral("waiting for the connection — it goes as soon as the hub answers")));
    shoot(page, QStringLiteral("sync-page-captive-portal.png"));
}

TEST_CASE("sync page: out of reach, it says when Mobiliza tries again by itself")
{
    BehindLoginPage f;
    Page &p = f.p;
    ui::SyncPage &page = *f.page;
    CHECK_FALSE(page.statusLabel()->text().contains(QStringLiteral("tries again by itself")));
    CHECK(rowText(page, 0).contains(QStringLiteral("waiting to be sent")));

    // Nobody clicks: the controller's own first pass fails on the way to the hub.
    p.controller->start();
    REQUIRE(test::waitFor([&] { return p.controller->state() == sync::SyncState::Offline; }));
    const QDateTime next = p.controller->nextPassAt().toLocalTime();
    REQUIRE(next.isValid());
    // (with the date only when it is not today: not checked, so that midnight cannot fail it)
    const QString status = page.statusLabel()->text();
    CHECK(status.contains(QStringLiteral("Mobiliza tries again by itself ")));
    CHECK(status.contains(next.toString(QStringLiteral("HH:mm:ss"))));
    CHECK(status.contains(QStringLiteral(", or click “Sync now”.").toHtmlEscaped()));
    CHECK(rowText(page, 0).contains(QStringLiteral("waiting for the connection")));
    shoot(page, QStringLiteral("sync-page-offline.png"));

    // A pass that reaches the hub: the page no longer announces a retry.
    f.hub.fault = nullptr;
    page.syncNowButton()->click();
    REQUIRE(test::waitFor(
        [&] { return !p.controller->isRunning() && p.controller->state() == sync::SyncState::Idle; }));
    CHECK_FALSE(page.statusLabel()->text().contains(QStringLiteral("tries again by itself")));
}

TEST_CASE("sync page: a wait the hub asked for is named with its end, without offering Sync now")
{
    Page p;
    FakeHub hub;
    p.enroll(hub);
    const QString report = p.profile.concludedReport({2026, 10}, 1);
    const QString uuid = p.profile.itemOf(report).uuid;
    // The hub's 429 asked for an hour (longer than a pass waits by itself).
    const QDateTime until = p.profile.clock.now().addSecs(3600);
    REQUIRE(p.profile.outbox->markSending(uuid).ok());
    REQUIRE(
        p.profile.outbox
            ->markFailed(uuid, {QStringLiteral("rate_limited"), QStringLiteral("Muitos pedidos."), {}}, until)
            .ok());
    ui::SyncPage page(p.context);
    page.resize(1000, 640);
    page.show();
    REQUIRE(p.controller->state() == sync::SyncState::Idle);
    const QString status = page.statusLabel()->text();
    CHECK(status.contains(QStringLiteral("Waiting for the next attempt to send")));
    CHECK(status.contains(QStringLiteral("The hub asked to wait: Mobiliza sends again by itself ")));
    CHECK(status.contains(until.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
    CHECK_FALSE(status.contains(QStringLiteral("Sync now")));
}

TEST_CASE("sync page of a URS: a review decision waits for the connection when the hub is out of reach")
{
    Page p;
    FakeHub hub;
    p.enroll(hub);
    core::ReplicaRevision r;
    r.report = core::newUuid();
    r.revision = 1;
    r.municipality = QStringLiteral("3106200");
    r.program = core::ProgramDefinition::sesMgMobilizacaoId();
    r.period = core::Period::fromKey(QStringLiteral("2026-10"));
    r.hubId = QStringLiteral("h-1");
    r.manifestSha256 = QString(64, QLatin1Char('b'));
    r.state = QStringLiteral("received");
    r.receivedAt = QDateTime(QDate(2026, 11, 10), QTime(15, 0), QTimeZone::utc());
    r.cursor = 1;
    REQUIRE(p.profile.services->replica().applyPulled({r}, 1).ok());
    REQUIRE(p.profile.services->reviews()
                .decide(r.report, 1, core::Decision::Accept, QString(), {}, QStringLiteral("Ana Lima"))
                .ok());
    p.context.role = core::Role::Urs;
    answerWithLoginPage(hub);
    ui::SyncPage page(p.context);
    page.resize(1000, 640);
    page.show();
    REQUIRE(page.queue()->count() == 1);
    CHECK(rowText(page, 0).contains(QStringLiteral("waiting to be sent")));
    // A decision still to go up: the box does not say "up to date" between passes.
    CHECK(page.statusLabel()->text().contains(QStringLiteral("Waiting for the next attempt to send")));

    page.syncNowButton()->click();
    REQUIRE(test::waitFor([&] { return p.controller->state() == sync::SyncState::Offline; }));
    CHECK(rowText(page, 0).contains(
        QStringLiteral("waiting for the connection — it goes as soon as the hub answers")));
}
