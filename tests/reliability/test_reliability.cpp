// Client ↔ hub reliability, end to end: the real client engine (SyncController)
// against the real `mobiliza-hub serve` (a child process), with a TCP proxy in
// between that cuts the link mid-upload, stalls it while the hub is killed
// (-9), or swallows the hub's receipt. What must hold every time: the pass
// fails cleanly (the item waits in the queue, the report stays Ready, the user
// reads words, not socket errors), the next pass resumes without re-sending
// the photos already there, the hub keeps ONE copy of the revision, and every
// file in the hub's blob folder is named by the SHA-256 of its bytes.
//
// The client's unit tests (tests/sync) already cover, against fakes and the
// real hub: captive portals, 401/403, 409 conflicts, 413 and 5xx wording,
// time-outs and a kill -9 during photo uploads; they are not repeated here.
#include "tests/reliability/client_profile.h"
#include "tests/reliability/reliability_fixture.h"

#include "core/demo/demo_data.h"

#include <catch2/catch.hpp>

#include <QTcpSocket>

using namespace mobiliza;
using core::OutboxState;
using core::ReportState;
using test::ClientProfile;
using test::HubProcess;
using test::TcpProxy;

#ifndef MOBILIZA_HUB_EXE
#error "MOBILIZA_HUB_EXE must name the mobiliza-hub executable"
#endif

namespace {

const QString kBh = QStringLiteral("3106200"); // Belo Horizonte
const core::Period kOctober{2026, 10};

struct Setup
{
    QTemporaryDir hubDir;
    HubProcess hub{QStringLiteral(MOBILIZA_HUB_EXE), hubDir.path()};
    std::unique_ptr<TcpProxy> proxy;
    ClientProfile client{kBh};
    QList<QByteArray> photos;
    qint64 payload = 0; // photo bytes
    qint64 largestPhoto = 0;
    QString report;

    // A hub, a proxy in front of it, an enrolled client (through the proxy) and
    // a concluded report with `count` photos of about `width`×3/4 pixels.
    Setup(int count, int width, quint32 seed = 1)
    {
        INFO(hub.why().toStdString());
        REQUIRE(hub.start());
        proxy = std::make_unique<TcpProxy>(hub.port());
        REQUIRE(proxy->isListening());
        INFO(client.error().toStdString());
        REQUIRE(client.ok());
        const QString code = hub.enrollCode(kBh);
        INFO(hub.why().toStdString());
        REQUIRE_FALSE(code.isEmpty());
        auto enrolled = client.controller->enrollBlocking(proxy->url(), code, 30'000);
        INFO((enrolled ? std::string() : enrolled.error().message.toStdString()));
        REQUIRE(enrolled.ok());
        for (int i = 0; i < count; ++i) {
            photos << test::noiseJpeg(seed * 1000 + quint32(i), width, width * 3 / 4);
            payload += photos.last().size();
            largestPhoto = std::max<qint64>(largestPhoto, photos.last().size());
        }
        report = client.concludedReport(kOctober, photos);
        INFO(client.error().toStdString());
        REQUIRE_FALSE(report.isEmpty());
        REQUIRE(client.stateOf(report) == ReportState::Ready);
    }

    sync::PassReport pass()
    {
        const sync::PassReport r = client.controller->runPassBlocking(60'000);
        UNSCOPED_INFO("pass: " << r.messages.join(QStringLiteral(" | ")).toStdString());
        return r;
    }

    // Time passes beyond the backoff, so the item is due again.
    void later() { client.advance(2 * 3600); }

    test::BlobScan blobs() const { return test::scanBlobs(hubDir.path() + QStringLiteral("/blobs")); }

    // The hub's blob folder holds only intact blobs (no leftover, no damaged file).
    void requireIntactBlobs() const
    {
        const test::BlobScan scan = blobs();
        INFO("invalid: " << scan.invalid.join(QStringLiteral(", ")).toStdString());
        INFO("others: " << scan.others.join(QStringLiteral(", ")).toStdString());
        CHECK(scan.invalid.isEmpty());
        CHECK(scan.others.isEmpty());
    }

    // A failed pass left everything as it should: nothing counted as sent, the
    // item queued for later, the report still Ready, words for the user.
    void requireCleanFailure(const sync::PassReport &r)
    {
        CHECK(r.sent == 0);
        CHECK_FALSE(r.allConfirmed);
        REQUIRE(r.error.has_value());
        CHECK(r.error->isRetryable());
        const core::OutboxItem item = client.itemOf(report);
        CHECK(item.state == OutboxState::Queued);
        CHECK(item.receipt.hubId.isEmpty());
        CHECK(client.stateOf(report) == ReportState::Ready);
        REQUIRE_FALSE(r.messages.isEmpty());
        for (const QString &m : r.messages) {
            CHECK_FALSE(m.contains(QStringLiteral("RemoteHostClosed"), Qt::CaseInsensitive));
            CHECK_FALSE(m.contains(QStringLiteral("connection refused"), Qt::CaseInsensitive));
            CHECK_FALSE(m.contains(QStringLiteral("closed by")));
        }
        CHECK(client.controller->state() == sync::SyncState::Offline);
    }

    // Completed: received once, the receipt matches the hub's one line.
    void requireReceivedOnce(const sync::PassReport &r)
    {
        CHECK(r.sent == 1);
        CHECK(r.allConfirmed);
        const core::OutboxItem item = client.itemOf(report);
        CHECK(item.state == OutboxState::Received);
        CHECK(client.stateOf(report) == ReportState::Received);
        const QStringList lines = hub.reportLines();
        INFO(lines.join(QLatin1Char('\n')).toStdString());
        CHECK(lines.filter(report).size() == 1);
        const QStringList cols = test::hubLineFor(lines, report, 1);
        REQUIRE(cols.size() >= 6);
        CHECK(cols.value(4) == QStringLiteral("received"));
        CHECK(cols.value(5) == item.receipt.hubId);
        CHECK(item.receipt.manifestSha256 == item.manifestSha256);
        const test::BlobScan scan = blobs();
        for (const QByteArray &bytes : photos)
            CHECK(scan.names.contains(core::BlobStore::sha256Hex(bytes)));
        requireIntactBlobs();
    }
};

} // namespace

TEST_CASE(
    "A cut mid-upload fails cleanly, the next pass resumes without re-sending, one revision, intact blobs")
{
    Setup s(10, 400); // ~10 photos of 60–80 KB
    s.proxy->resetCounters();
    s.proxy->cutAfterUpBytes(s.payload * 45 / 100);
    const sync::PassReport cut = s.pass();
    CHECK(s.proxy->faultsTriggered() == 1);
    s.requireCleanFailure(cut);
    // Qt reports a reset mid-upload as "connection closed" or, at times, as an
    // unknown network error; the client words them as unreachable or offline.
    INFO(cut.error->message.toStdString());
    CHECK((cut.error->kind == sync::HubError::Kind::Unreachable ||
           cut.error->kind == sync::HubError::Kind::Offline));
    const qint64 firstUp = s.proxy->upBytes();

    // Some photos made it, none is damaged, and the revision is not on the hub.
    const int before = s.blobs().valid;
    CHECK(before >= 1);
    CHECK(before < s.photos.size());
    s.requireIntactBlobs();
    CHECK(s.hub.reportLines().filter(s.report).isEmpty());

    // The link returns; the next pass (later, as the backoff says) completes.
    s.proxy->restore();
    s.later();
    const sync::PassReport resumed = s.pass();
    s.requireReceivedOnce(resumed);

    // Across both passes: every photo once, plus at most the one that was cut,
    // plus the requests' headers and the small JSON bodies.
    const qint64 totalUp = s.proxy->upBytes(); // both passes: the counters were not reset
    CHECK(totalUp > firstUp);
    INFO("payload " << s.payload << " B, sent " << totalUp << " B, largest photo " << s.largestPhoto);
    CHECK(totalUp <= s.payload + s.largestPhoto + 40'000);
    CHECK(totalUp >= s.payload);
}

TEST_CASE("A link that drops every 150 KB still delivers the report once, each pass losing at most a photo")
{
    Setup s(12, 400, 2);
    s.proxy->resetCounters();
    int passes = 0;
    int cuts = 0;
    int lastStored = 0;
    sync::PassReport last;
    for (; passes < 25; ++passes) {
        s.proxy->restore();
        s.proxy->cutAfterUpBytes(150'000);
        const int faultsBefore = s.proxy->faultsTriggered();
        last = s.pass();
        if (last.sent == 1)
            break;
        REQUIRE(s.proxy->faultsTriggered() == faultsBefore + 1);
        ++cuts;
        s.requireCleanFailure(last);
        // Progress every time: the photos stored before stay stored.
        const int stored = s.blobs().valid;
        CHECK(stored >= lastStored);
        lastStored = stored;
        s.later();
    }
    s.proxy->restore();
    INFO("passes " << passes + 1 << ", cuts " << cuts);
    CHECK(cuts >= 3);
    s.requireReceivedOnce(last);
    const qint64 overhead = qint64(passes + 1) * 6'000 + 20'000; // headers, pre-flights, manifest
    INFO("payload " << s.payload << " B, sent " << s.proxy->upBytes() << " B");
    CHECK(s.proxy->upBytes() <= s.payload + qint64(cuts) * s.largestPhoto + overhead);
}

TEST_CASE("The receipt lost on the way back: the next pass gets the same receipt, the hub keeps one copy")
{
    Setup s(3, 320, 3);
    s.proxy->swallowAnswerContaining("\"receipt\"");
    const sync::PassReport lost = s.pass();
    CHECK(s.proxy->faultsTriggered() == 1);
    s.requireCleanFailure(lost);
    // The hub did store it: one line, received.
    const QStringList cols = test::hubLineFor(s.hub.reportLines(), s.report, 1);
    REQUIRE(cols.size() >= 6);
    const QString hubId = cols.value(5);

    s.proxy->restore();
    s.later();
    const sync::PassReport again = s.pass();
    s.requireReceivedOnce(again);
    CHECK(s.client.itemOf(s.report).receipt.hubId == hubId);
}

TEST_CASE("The hub killed (-9) holding half a photo, restarted on the same data: the push completes once")
{
    Setup s(8, 400, 4);
    // Photos 1–3 or so go through; in the middle of the next one the hub dies.
    s.proxy->stallAfterUpBytes(s.payload / 2, [&] { s.hub.kill9(); });
    const sync::PassReport killed = s.pass();
    CHECK_FALSE(s.hub.isRunning());
    s.requireCleanFailure(killed);
    s.requireIntactBlobs();
    const test::BlobScan stored = s.blobs();
    CHECK(stored.valid < s.photos.size());
    qint64 lacking = 0;
    for (const QByteArray &bytes : s.photos)
        if (!stored.names.contains(core::BlobStore::sha256Hex(bytes)))
            lacking += bytes.size();

    INFO(s.hub.why().toStdString());
    REQUIRE(s.hub.start()); // same data folder, new port behind the same proxy address
    s.proxy->setTarget(s.hub.port());
    s.proxy->restore();
    s.proxy->resetCounters();
    s.later();
    const sync::PassReport resumed = s.pass();
    s.requireReceivedOnce(resumed);
    // Only what the hub lacked went up again (plus headers and the manifest).
    INFO("lacking " << lacking << " B, sent " << s.proxy->upBytes() << " B");
    CHECK(s.proxy->upBytes() >= lacking);
    CHECK(s.proxy->upBytes() <= lacking + 30'000);
}

TEST_CASE("The hub killed (-9) after storing a revision, before its answer left: restarted, the client "
          "completes once")
{
    Setup s(3, 320, 5);
    s.proxy->swallowAnswerContaining("\"receipt\"", [&] { s.hub.kill9(); });
    const sync::PassReport killed = s.pass();
    CHECK_FALSE(s.hub.isRunning());
    s.requireCleanFailure(killed);

    // The revision survived the kill (one committed transaction before the answer).
    const QStringList cols = test::hubLineFor(s.hub.reportLines(), s.report, 1);
    REQUIRE(cols.size() >= 6);
    CHECK(cols.value(4) == QStringLiteral("received"));

    REQUIRE(s.hub.start());
    s.proxy->setTarget(s.hub.port());
    s.proxy->restore();
    s.later();
    const sync::PassReport resumed = s.pass();
    s.requireReceivedOnce(resumed);
    CHECK(s.client.itemOf(s.report).receipt.hubId == cols.value(5));
}

TEST_CASE("Connections left half-open (slow or dead clients) do not stop the hub from serving the others")
{
    Setup s(4, 320, 6);
    // 40 connections that send half a request and then nothing: headers cut in
    // the middle, or a body announced at 5 MB of which 1 KB arrives.
    QList<QTcpSocket *> stuck;
    for (int i = 0; i < 40; ++i) {
        auto *socket = new QTcpSocket;
        socket->connectToHost(QHostAddress::LocalHost, s.hub.port());
        REQUIRE(socket->waitForConnected(5000));
        if (i % 2 == 0)
            socket->write("PUT /api/v1/blobs/" + QByteArray(64, 'a') + " HTTP/1.1\r\nHost: x\r\nContent-Le");
        else
            socket->write(
                "PUT /api/v1/blobs/" + QByteArray(64, 'b') +
                " HTTP/1.1\r\nHost: x\r\nContent-Type: image/jpeg\r\nContent-Length: 5000000\r\n\r\n" +
                QByteArray(1024, 'x'));
        socket->flush();
        stuck << socket;
    }
    test::spinUntil([] { return false; }, 300);

    const sync::PassReport r = s.pass();
    s.requireReceivedOnce(r);

    for (QTcpSocket *socket : stuck) {
        socket->abort();
        delete socket;
    }
    // And it is still serving after they went away.
    s.later();
    const sync::PassReport again = s.pass();
    CHECK(again.online);
    CHECK(again.allConfirmed);
    CHECK(s.hub.isRunning());
}

TEST_CASE("Two installations and a hub complete the loop: push, return with a comment, correction, accept")
{
    // docs/deployment.md §11 through the same services the command line uses.
    QTemporaryDir hubDir;
    HubProcess hub(QStringLiteral(MOBILIZA_HUB_EXE), hubDir.path());
    INFO(hub.why().toStdString());
    REQUIRE(hub.start());
    const QString kContagem = QStringLiteral("3118601");
    ClientProfile bh(kBh);
    ClientProfile ct(kContagem);
    REQUIRE(bh.ok());
    REQUIRE(ct.ok());
    const core::ProgramDefinition program = core::ProgramDefinition::sesMgMobilizacao();
    int concluded = 0;
    for (ClientProfile *c : {&bh, &ct}) {
        core::DemoData demo(*c->services, program, core::ReferenceData::embedded(), c->clock());
        auto seeded = demo.seed();
        INFO((seeded ? std::string() : seeded.error().message.toStdString()));
        REQUIRE(seeded.ok());
        concluded = c->outbox().count(OutboxState::Queued);
        CHECK(concluded >= 12);
        const QString ibge = c->services->profile().municipality();
        auto enrolled = c->controller->enrollBlocking(hub.url(), hub.enrollCode(ibge), 30'000);
        INFO((enrolled ? std::string() : enrolled.error().message.toStdString()));
        REQUIRE(enrolled.ok());
    }

    // Push: one pass each, everything confirmed.
    for (ClientProfile *c : {&bh, &ct}) {
        const sync::PassReport r = c->controller->runPassBlocking(120'000);
        INFO(r.messages.join(QStringLiteral(" | ")).toStdString());
        CHECK(r.sent == c->outbox().count(OutboxState::Received));
        CHECK(r.sent >= 12);
        CHECK(r.allConfirmed);
        CHECK(r.remaining == 0);
    }
    QStringList lines = hub.reportLines();
    CHECK(lines.size() ==
          bh.outbox().count(OutboxState::Received) + ct.outbox().count(OutboxState::Received));
    CHECK(lines.filter(QStringLiteral("\t3106200\t")).size() == bh.outbox().count(OutboxState::Received));

    // The URS returns Belo Horizonte's October report with a comment.
    QString report;
    for (const QString &line : hub.reportLines()) {
        const QStringList cols = line.split(QLatin1Char('\t'));
        if (cols.value(1) == kBh && cols.value(2) == QStringLiteral("2026-10"))
            report = cols.value(0);
    }
    REQUIRE_FALSE(report.isEmpty());
    const QString comment = QStringLiteral("Falta a foto da ação 3.");
    REQUIRE(hub.cli(
        {QStringLiteral("review"), QStringLiteral("--report"), report, QStringLiteral("--return"), comment}));

    sync::PassReport r = bh.controller->runPassBlocking(60'000);
    CHECK(r.reviewsApplied == 1);
    CHECK(r.sent == 0);
    CHECK(bh.stateOf(report) == ReportState::Returned);
    CHECK(bh.services->reports().report(report)->reviewComment == comment);
    // Contagem learns nothing about it.
    r = ct.controller->runPassBlocking(60'000);
    CHECK(r.reviewsApplied == 0);
    CHECK(r.sent == 0);
    CHECK(ct.services->reports().report(report).ok() == false);

    // Correction: revision 2 with one more photo, concluded, pushed.
    REQUIRE(bh.services->reports().applyEvent(report, core::ReportEvent::Reopen).ok());
    auto reopened = bh.services->reports().report(report);
    REQUIRE(reopened.ok());
    REQUIRE(reopened->revision == 2);
    REQUIRE(bh.addPhoto(reopened->actions.first().uuid, test::noiseJpeg(4242, 320, 240),
                        QStringLiteral("Foto da ação 3"), {2026, 10}));
    INFO(bh.error().toStdString());
    REQUIRE(bh.conclude(report));
    r = bh.controller->runPassBlocking(60'000);
    INFO(r.messages.join(QStringLiteral(" | ")).toStdString());
    CHECK(r.sent == 1);
    CHECK(r.allConfirmed);
    lines = hub.reportLines();
    CHECK(test::hubLineFor(lines, report, 1).value(4) == QStringLiteral("returned"));
    CHECK(test::hubLineFor(lines, report, 1).value(7) == comment);
    CHECK(test::hubLineFor(lines, report, 2).value(4) == QStringLiteral("received"));

    // Accepted on the hub, learned by the installation; nothing is sent again.
    REQUIRE(
        hub.cli({QStringLiteral("review"), QStringLiteral("--report"), report, QStringLiteral("--accept")}));
    r = bh.controller->runPassBlocking(60'000);
    CHECK(r.reviewsApplied == 1);
    CHECK(bh.stateOf(report) == ReportState::Accepted);
    CHECK(test::hubLineFor(hub.reportLines(), report, 2).value(4) == QStringLiteral("accepted"));
    r = bh.controller->runPassBlocking(60'000);
    CHECK(r.sent == 0);
    CHECK(r.reviewsApplied == 0);
    CHECK(r.allConfirmed);
    CHECK(test::scanBlobs(hubDir.path() + QStringLiteral("/blobs")).invalid.isEmpty());
}
