// The client against the REAL hub (`mobiliza-hub serve` as a child process on
// 127.0.0.1): enrollment, push with photos, idempotent re-runs, the review loop
// (returned → reopened as r+1 → accepted), a revoked token, another
// municipality's token, a conflicting revision, and the hub killed (-9) in the
// middle of a push.
#include "tests/sync/hub_process.h"
#include "tests/sync/sync_fixture.h"

#include "core/demo/demo_data.h"
#include "core/program/program_definition.h"
#include "core/program/validation_engine.h"
#include "core/reference/brazil_reference.h"
#include "core/reference/reference_data.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>

using namespace mobiliza;
using core::OutboxState;
using core::ReportEvent;
using core::ReportState;
using test::SyncProfile;

namespace {

const QString kBh = QStringLiteral("3106200");       // Belo Horizonte
const QString kContagem = QStringLiteral("3118601"); // Contagem

using test::HubProcess;

QByteArray jpeg(int seed, int size = 64)
{
    QImage image(size, size, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((seed * 47) % 360, 180, 200));
    for (int i = 0; i < size; ++i)
        image.setPixel(i, (i * seed) % size, qRgb(seed % 255, i % 255, 90));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    REQUIRE(image.save(&buffer, "JPG", 85));
    return bytes;
}

// A report that passes the program's rules, with `photos` photos.
QString validReport(SyncProfile &p, const core::Period &period, int photos, int seed = 1, int photoSize = 64)
{
    auto &reports = p.services->reports();
    auto created = reports.createReport(QStringLiteral("ses_mg_mobilizacao"), period);
    REQUIRE(created.ok());
    const QJsonObject values{
        {QStringLiteral("title"), QStringLiteral("Mutirão contra o Aedes")},
        {QStringLiteral("date"), period.firstDay().addDays(4).toString(Qt::ISODate)},
        {QStringLiteral("themes"), QJsonArray{QStringLiteral("arboviroses")}},
        {QStringLiteral("format"), QStringLiteral("palestra")},
        {QStringLiteral("place"), QStringLiteral("Escola Estadual Central")},
        {QStringLiteral("audience"), QJsonArray{QStringLiteral("1")}},
        {QStringLiteral("people_reached"), 40},
        {QStringLiteral("description"), QStringLiteral("Conversa com as famílias sobre criadouros.")},
    };
    auto action = reports.addAction(created->uuid, values);
    REQUIRE(action.ok());
    for (int i = 0; i < photos; ++i) {
        const QByteArray bytes = jpeg(seed * 100 + i, photoSize);
        auto sha = p.services->blobs().put(bytes);
        REQUIRE(sha.ok());
        core::Photo photo;
        photo.sha256 = sha.value();
        photo.caption = QStringLiteral("Registro %1").arg(i + 1);
        photo.takenOn = period.firstDay().addDays(4);
        photo.author = QStringLiteral("Equipe da SMS");
        photo.width = photoSize;
        photo.height = photoSize;
        photo.bytes = bytes.size();
        REQUIRE(reports.addPhoto(action->uuid, photo).ok());
    }
    return created->uuid;
}

void conclude(SyncProfile &p, const QString &report)
{
    const auto done = p.services->reports().conclude(report);
    if (!done) {
        const auto engine = p.services->programs().engine(QStringLiteral("ses_mg_mobilizacao"));
        for (const auto &f : engine->validate(p.services->reports().report(report).value()))
            if (f.isBlocking())
                UNSCOPED_INFO(f.path.toStdString() << ": " << f.message.toStdString());
    }
    INFO((done.ok() ? std::string() : done.error().message.toStdString()));
    REQUIRE(done.ok());
}

struct Client
{
    SyncProfile &profile;
    QNetworkAccessManager network;
    sync::FileTokenStore tokens;
    sync::SyncController controller;

    static sync::SyncOptions options() { return test::hubProcessSyncOptions(); }

    explicit Client(SyncProfile &p)
        : profile(p), tokens(p.dir.filePath(sync::FileTokenStore::defaultFileName())),
          controller(*p.services, &network, tokens, options())
    {
    }
};

QString lineFor(const QStringList &lines, const QString &report, int revision)
{
    for (const QString &line : lines) {
        const QStringList cols = line.split(QLatin1Char('\t'));
        if (cols.value(0) == report && cols.value(3).toInt() == revision)
            return line;
    }
    return {};
}

} // namespace

TEST_CASE("real hub: push with photos, nothing re-sent, returned with a comment, reopened, accepted")
{
    test::TempDir hubDir;
    HubProcess hub(hubDir.path());
    hub.start();

    SyncProfile p(kBh);
    Client c(p);
    auto enrolled = c.controller.enrollBlocking(hub.url(), hub.enrollCode(kBh));
    INFO((enrolled.ok() ? std::string() : enrolled.error().message.toStdString()));
    REQUIRE(enrolled.ok());
    CHECK(enrolled->scope.municipality == kBh);

    const QString report = validReport(p, {2026, 10}, 3);
    conclude(p, report);

    const sync::PassReport first = c.controller.runPassBlocking(60'000);
    INFO(first.messages.join(QStringLiteral(" | ")).toStdString());
    CHECK(first.online);
    CHECK(first.sent == 1);
    CHECK(first.allConfirmed);
    const core::OutboxItem item = p.itemOf(report);
    CHECK(item.state == OutboxState::Received);
    CHECK_FALSE(item.receipt.hubId.isEmpty());
    CHECK(item.receipt.manifestSha256 == item.manifestSha256);
    CHECK(item.receipt.receivedAt.isValid());
    CHECK(p.stateOf(report) == ReportState::Received);

    QString line = lineFor(hub.reportLines(), report, 1);
    REQUIRE_FALSE(line.isEmpty());
    CHECK(line.split(QLatin1Char('\t')).value(1) == kBh);
    CHECK(line.split(QLatin1Char('\t')).value(2) == QStringLiteral("2026-10"));
    CHECK(line.split(QLatin1Char('\t')).value(4) == QStringLiteral("received"));

    // Again: nothing is re-sent, and the hub still has one copy.
    const sync::PassReport again = c.controller.runPassBlocking(60'000);
    CHECK(again.sent == 0);
    CHECK(again.allConfirmed);
    CHECK(hub.reportLines().filter(report).size() == 1);

    // The URS returns it with a comment: the next pass brings it back.
    hub.cli({QStringLiteral("review"), QStringLiteral("--report"), report, QStringLiteral("--return"),
             QStringLiteral("Falta a foto da ação 3.")});
    const sync::PassReport pulled = c.controller.runPassBlocking(60'000);
    CHECK(pulled.reviewsApplied == 1);
    CHECK(p.stateOf(report) == ReportState::Returned);
    CHECK(p.services->reports().report(report)->reviewComment == QStringLiteral("Falta a foto da ação 3."));

    // Corrected as revision 2 and sent; only the new photo travels.
    REQUIRE(p.services->reports().applyEvent(report, ReportEvent::Reopen).ok());
    auto reopened = p.services->reports().report(report);
    REQUIRE(reopened->revision == 2);
    const QByteArray extra = jpeg(999);
    auto sha = p.services->blobs().put(extra);
    core::Photo photo;
    photo.sha256 = sha.value();
    photo.caption = QStringLiteral("Foto da ação 3");
    photo.takenOn = QDate(2026, 10, 5);
    photo.width = photo.height = 64;
    photo.bytes = extra.size();
    REQUIRE(p.services->reports().addPhoto(reopened->actions.first().uuid, photo).ok());
    conclude(p, report);
    const sync::PassReport second = c.controller.runPassBlocking(60'000);
    CHECK(second.sent == 1);
    CHECK(second.allConfirmed);
    CHECK(p.stateOf(report) == ReportState::Received);
    CHECK_FALSE(lineFor(hub.reportLines(), report, 2).isEmpty());

    hub.cli({QStringLiteral("review"), QStringLiteral("--report"), report, QStringLiteral("--accept")});
    c.controller.runPassBlocking(60'000);
    CHECK(p.stateOf(report) == ReportState::Accepted);
}

TEST_CASE("real hub: a year's backlog lands in one pass, the client pacing itself under the hub's limit")
{
    // Twelve concluded months of 20 photos (an installation offline for a year): with
    // the questions and the manifests, over 270 requests — more than the 200 the hub
    // takes at once from one token. The client learns the limit from the pre-flight.
    test::TempDir hubDir;
    HubProcess hub(hubDir.path());
    hub.start();
    SyncProfile p(kBh);
    Client c(p);
    auto enrolled = c.controller.enrollBlocking(hub.url(), hub.enrollCode(kBh));
    REQUIRE(enrolled.ok());
    for (int m = 0; m < 12; ++m) {
        const int month = 10 + m; // 2025-11 … 2026-10
        conclude(p, validReport(p, {2025 + month / 12, month % 12 + 1}, 20, m + 1));
    }

    const sync::PassReport pass = c.controller.runPassBlocking(120'000);
    INFO(pass.messages.join(QStringLiteral(" | ")).toStdString());
    CHECK(pass.sent == 12);
    CHECK(pass.failed == 0);
    CHECK(pass.remaining == 0);
    CHECK(pass.allConfirmed);

    // The hub never had to refuse a request for its rate (no 429 in its access log).
    QFile log(QDir(hubDir.path()).filePath(QStringLiteral("access.log")));
    REQUIRE(log.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = log.readAll().split('\n');
    int puts = 0, refused = 0;
    for (const QByteArray &line : lines) {
        puts += line.contains("\"PUT\"") ? 1 : 0;
        refused += line.contains("\"status\":429") ? 1 : 0;
    }
    CHECK(puts >= 12 * 20 + 12);
    CHECK(refused == 0);
}

TEST_CASE("real hub: a revoked or wrong token says to enroll again, another municipality's token is refused")
{
    test::TempDir hubDir;
    HubProcess hub(hubDir.path());
    hub.start();

    SyncProfile p(kBh);
    Client c(p);
    REQUIRE(c.controller.enrollBlocking(hub.url(), hub.enrollCode(kBh)).ok());
    const QString report = validReport(p, {2026, 10}, 1);
    conclude(p, report);

    // A token the hub does not know (replaced on disk, cache bypassed by a new controller).
    REQUIRE(c.tokens.write(QStringLiteral("tok_this_is_not_a_token_the_hub_issued_000")).ok());
    Client wrong(p);
    const sync::PassReport r = wrong.controller.runPassBlocking(30'000);
    CHECK_FALSE(r.online);
    REQUIRE(r.error.has_value());
    CHECK(r.error->kind == sync::HubError::Kind::Unauthorized);
    CHECK(wrong.controller.state() == sync::SyncState::Error);
    CHECK(wrong.controller.lastErrorMessage().contains(QStringLiteral("enrollment code")));
    CHECK(p.itemOf(report).state == OutboxState::Queued);
    CHECK(p.stateOf(report) == ReportState::Ready);

    // Contagem's token cannot push Belo Horizonte's report.
    SyncProfile other(kContagem);
    Client contagem(other);
    REQUIRE(contagem.controller.enrollBlocking(hub.url(), hub.enrollCode(kContagem)).ok());
    QNetworkAccessManager network;
    sync::HubClient client(&network);
    client.setBaseUrl(QUrl(hub.url()));
    client.setToken(contagem.tokens.read().value());
    auto manifest = p.outbox->manifest(p.itemOf(report).uuid);
    std::optional<sync::HubResult<sync::Receipt>> pushed;
    client.putManifest(report, 1, manifest.value(), {},
                       [&](sync::HubResult<sync::Receipt> res) { pushed.emplace(res); });
    REQUIRE(test::waitFor([&] { return pushed.has_value(); }));
    REQUIRE_FALSE(pushed->ok());
    CHECK((pushed->error().kind == sync::HubError::Kind::Forbidden ||
           pushed->error().kind == sync::HubError::Kind::NotFound));

    // Revoked: the enrolled installation is told to enroll again.
    hub.cli({QStringLiteral("revoke"), QStringLiteral("--municipality"), kContagem});
    const sync::PassReport revoked = contagem.controller.runPassBlocking(30'000);
    REQUIRE(revoked.error.has_value());
    CHECK(revoked.error->kind == sync::HubError::Kind::Unauthorized);
}

TEST_CASE("real hub: another version of the same revision is a conflict shown to the user")
{
    test::TempDir hubDir;
    HubProcess hub(hubDir.path());
    hub.start();

    SyncProfile p(kBh);
    Client c(p);
    REQUIRE(c.controller.enrollBlocking(hub.url(), hub.enrollCode(kBh)).ok());
    const QString report = validReport(p, {2026, 10}, 1);
    conclude(p, report);
    const core::OutboxItem item = p.itemOf(report);

    // Someone else already pushed revision 1 of this report with other content.
    QJsonObject altered = QJsonDocument::fromJson(p.outbox->manifest(item.uuid).value()).object();
    QJsonArray actions = altered.value(QStringLiteral("actions")).toArray();
    QJsonObject action = actions.first().toObject();
    QJsonObject values = action.value(QStringLiteral("values")).toObject();
    values.insert(QStringLiteral("place"), QStringLiteral("Praça da Estação"));
    action.insert(QStringLiteral("values"), values);
    actions.replace(0, action);
    altered.insert(QStringLiteral("actions"), actions);
    QNetworkAccessManager network;
    sync::HubClient client(&network);
    client.setBaseUrl(QUrl(hub.url()));
    client.setToken(c.tokens.read().value());
    bool blobDone = false;
    client.putBlob(item.blobs.first().sha256, p.services->blobs().read(item.blobs.first().sha256).value(), {},
                   [&](sync::HubResult<sync::BlobStored> r) {
                       CHECK(r.ok());
                       blobDone = true;
                   });
    REQUIRE(test::waitFor([&] { return blobDone; }));
    std::optional<sync::HubResult<sync::Receipt>> pushed;
    client.putManifest(report, 1, QJsonDocument(altered).toJson(QJsonDocument::Compact), {},
                       [&](sync::HubResult<sync::Receipt> r) { pushed.emplace(r); });
    REQUIRE(test::waitFor([&] { return pushed.has_value(); }));
    INFO((pushed->ok() ? std::string() : pushed->error().message.toStdString()));
    REQUIRE(pushed->ok());

    const sync::PassReport r = c.controller.runPassBlocking(30'000);
    INFO(r.messages.join(QStringLiteral(" | ")).toStdString());
    CHECK(r.rejected == 1);
    CHECK_FALSE(r.allConfirmed);
    const core::OutboxItem rejected = p.itemOf(report);
    CHECK(rejected.state == OutboxState::Rejected);
    CHECK(rejected.lastError.message.contains(QStringLiteral("Contact the URS")));
    CHECK(hub.reportLines().filter(report).size() == 1);
}

TEST_CASE("real hub: killed (-9) in the middle of a push, restarted: completes once, every photo intact")
{
    test::TempDir hubDir;
    HubProcess hub(hubDir.path());
    hub.start();

    SyncProfile p(kBh);
    Client c(p);
    REQUIRE(c.controller.enrollBlocking(hub.url(), hub.enrollCode(kBh)).ok());
    const QString report = validReport(p, {2026, 10}, 12, 3, 900);
    conclude(p, report);
    const core::OutboxItem item = p.itemOf(report);

    // Kill the hub as soon as the first photos are through.
    bool killed = false;
    QObject::connect(&c.controller, &sync::SyncController::progressChanged,
                     [&](const QString &, qint64 sent, qint64 total) {
                         if (!killed && sent > 0 && sent > total / 4) {
                             killed = true;
                             hub.kill9();
                         }
                     });
    const sync::PassReport cut = c.controller.runPassBlocking(60'000);
    REQUIRE(killed);
    CHECK(cut.sent == 0);
    REQUIRE(cut.error.has_value());
    CHECK(p.itemOf(report).state == OutboxState::Queued);
    CHECK(p.stateOf(report) == ReportState::Ready);

    hub.start(hub.port()); // same address: the enrollment keeps working
    REQUIRE(c.controller.outbox().retryNow(item.uuid).ok());
    const sync::PassReport resumed = c.controller.runPassBlocking(60'000);
    INFO(resumed.messages.join(QStringLiteral(" | ")).toStdString());
    CHECK(resumed.sent == 1);
    CHECK(resumed.allConfirmed);
    CHECK(p.stateOf(report) == ReportState::Received);
    CHECK(hub.reportLines().filter(report).size() == 1);

    // Every blob on the hub is named by the hash of its bytes.
    int checked = 0;
    for (const core::OutboxBlob &blob : item.blobs) {
        const QString path =
            hubDir.filePath(QStringLiteral("blobs/%1/%2").arg(blob.sha256.left(2), blob.sha256));
        QFile file(path);
        REQUIRE(file.open(QIODevice::ReadOnly));
        CHECK(core::BlobStore::sha256Hex(file.readAll()) == blob.sha256);
        ++checked;
    }
    CHECK(checked == 12);
}
