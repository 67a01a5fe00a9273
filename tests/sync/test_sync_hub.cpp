// The client against the REAL hub (`mobiliza-hub serve` as a child process on
// 127.0.0.1): enrollment, push with photos, idempotent re-runs, the review loop
// (returned → reopened as r+1 → accepted), a revoked token, another
// municipality's token, a conflicting revision, and the hub killed (-9) in the
// middle of a push.
#include "tests/sync/sync_fixture.h"

#include "core/demo/demo_data.h"
#include "core/program/program_definition.h"
#include "core/program/validation_engine.h"
#include "core/reference/brazil_reference.h"
#include "core/reference/reference_data.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"

#include <QBuffer>
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

#ifndef MOBILIZA_HUB_EXE
#error "MOBILIZA_HUB_EXE must name the mobiliza-hub executable"
#endif

namespace {

const QString kBh = QStringLiteral("3106200");       // Belo Horizonte
const QString kContagem = QStringLiteral("3118601"); // Contagem

class HubProcess
{
public:
    explicit HubProcess(QString dataDir) : m_data(std::move(dataDir)) {}
    ~HubProcess() { stop(); }

    void start(quint16 port = 0)
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::SeparateChannels);
        m_process->start(QStringLiteral(MOBILIZA_HUB_EXE),
                         {QStringLiteral("serve"), QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:%1").arg(port), QStringLiteral("--data"), m_data});
        REQUIRE(m_process->waitForStarted(10'000));
        static const QRegularExpression listening(QStringLiteral("listening on ([0-9.]+):(\\d+)"));
        QByteArray out;
        REQUIRE(test::waitFor(
            [&] {
                out += m_process->readAllStandardOutput();
                return listening.match(QString::fromUtf8(out)).hasMatch() ||
                       m_process->state() == QProcess::NotRunning;
            },
            15'000));
        const auto m = listening.match(QString::fromUtf8(out));
        INFO(out.toStdString() << m_process->readAllStandardError().toStdString());
        REQUIRE(m.hasMatch());
        m_port = quint16(m.captured(2).toUInt());
    }

    void kill9()
    {
        m_process->kill(); // SIGKILL
        m_process->waitForFinished(5000);
    }

    void stop()
    {
        if (m_process && m_process->state() != QProcess::NotRunning) {
            m_process->terminate();
            if (!m_process->waitForFinished(5000))
                kill9();
        }
    }

    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    quint16 port() const { return m_port; }

    // Runs a CLI command on the same data folder; returns stdout (checks exit 0).
    QString cli(QStringList arguments) const
    {
        arguments << QStringLiteral("--data") << m_data;
        QProcess p;
        p.start(QStringLiteral(MOBILIZA_HUB_EXE), arguments);
        REQUIRE(p.waitForFinished(30'000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        INFO(arguments.join(QLatin1Char(' ')).toStdString()
             << ": " << p.readAllStandardError().toStdString());
        REQUIRE(p.exitCode() == 0);
        return out;
    }

    QString enrollCode(const QString &municipality) const
    {
        const QStringList lines =
            cli({QStringLiteral("enroll"), QStringLiteral("--municipality"), municipality})
                .trimmed()
                .split(QLatin1Char('\n'));
        return lines.last().trimmed();
    }

    QStringList reportLines() const
    {
        return cli({QStringLiteral("reports")}).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private:
    QString m_data;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

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

    static sync::SyncOptions options()
    {
        sync::SyncOptions o;
        o.watchConnectivity = false;
        o.timeouts = {5000, 5000};
        o.random01 = [] { return 0.5; };
        o.installationLabel = QStringLiteral("teste de integração");
        return o;
    }

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

TEST_CASE("real hub: an apoiador enrolls with a code for its state and sends its concluded quadrimestres")
{
    test::TempDir hubDir;
    HubProcess hub(hubDir.path());
    hub.start();

    test::ApoiadorProfile apoiador;
    core::Services &services = *apoiador.services;
    const test::TempDir &dir = apoiador.dir;
    const core::FixedClock &clock = apoiador.clock;
    const QString unit = services.profile().reportingUnit();
    REQUIRE(core::isApoiadorId(unit));
    auto seeded = core::DemoData(services, core::ProgramDefinition::apoioCosems(),
                                 core::ReferenceData::embedded(), clock)
                      .seed();
    REQUIRE(seeded.ok());
    REQUIRE(seeded->reports == 4); // three quadrimestres concluded, the current one a draft

    QNetworkAccessManager network;
    sync::FileTokenStore tokens(dir.filePath(sync::FileTokenStore::defaultFileName()));
    sync::SyncController controller(services, &network, tokens, Client::options());
    const auto code = [&hub](const QStringList &who) {
        return hub.cli(QStringList{QStringLiteral("enroll")} + who).trimmed().split(QLatin1Char('\n')).last();
    };

    // A code of another state, or of SES-MG, typed here: refused by the hub, and not spent.
    const QString pe =
        code({QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
              QStringLiteral("apoiador"), QStringLiteral("--uf"), QStringLiteral("PE")});
    auto wrongState = controller.enrollBlocking(hub.url(), pe);
    REQUIRE_FALSE(wrongState.ok());
    INFO(wrongState.error().message.toStdString());
    CHECK(wrongState.error().message.contains(QStringLiteral("PE")));
    CHECK(wrongState.error().message.contains(QStringLiteral("BA")));
    auto wrongProgram = controller.enrollBlocking(hub.url(), hub.enrollCode(kBh));
    REQUIRE_FALSE(wrongProgram.ok());
    CHECK(wrongProgram.error().message.contains(core::ProgramDefinition::sesMgMobilizacao().name()));
    CHECK(wrongProgram.error().message.contains(core::ProgramDefinition::apoioCosems().name()));
    CHECK_FALSE(controller.isEnrolled());

    auto enrolled = controller.enrollBlocking(
        hub.url(),
        code({QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
              QStringLiteral("apoiador"), QStringLiteral("--uf"), QStringLiteral("BA")}));
    INFO((enrolled.ok() ? std::string() : enrolled.error().message.toStdString()));
    REQUIRE(enrolled.ok());
    CHECK(enrolled->scope.municipality == unit);
    CHECK(enrolled->scope.uf == QStringLiteral("BA"));

    const sync::PassReport pass = controller.runPassBlocking(120'000);
    INFO(pass.messages.join(QStringLiteral(" | ")).toStdString());
    CHECK(pass.online);
    CHECK(pass.sent == 3);
    CHECK(pass.allConfirmed);

    const QStringList bahia =
        hub.cli({QStringLiteral("reports"), QStringLiteral("--uf"), QStringLiteral("BA")})
            .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QStringList periods;
    for (const QString &line : bahia) {
        CHECK(line.split(QLatin1Char('\t')).value(1) == unit);
        periods << line.split(QLatin1Char('\t')).value(2);
    }
    periods.sort();
    CHECK(periods ==
          QStringList{QStringLiteral("2025-Q3"), QStringLiteral("2026-Q1"), QStringLiteral("2026-Q2")});
    CHECK(hub.cli({QStringLiteral("reports"), QStringLiteral("--uf"), QStringLiteral("PE")})
              .trimmed()
              .isEmpty());
    // The PE code was not spent: another installation may still use it.
    CHECK(hub.cli({QStringLiteral("tokens")}).count(QLatin1Char('\n')) == 1);
}

#ifdef MOBILIZA_APP_EXE
namespace {

// The mobiliza executable on a profile folder (pt-BR off: the words checked are English).
struct AppRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

AppRun runApp(const QString &profileDir, const QStringList &arguments)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(MOBILIZA_APP_EXE), QStringList{QStringLiteral("--lang"), QStringLiteral("en"),
                                                          QStringLiteral("--data-dir"), profileDir} +
                                                  arguments);
    REQUIRE(p.waitForFinished(120'000));
    return AppRun{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                  QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

TEST_CASE("real hub: an apoiador's quadrimestre returned by its COSEMS, corrected and accepted, and another "
          "COSEMS sees nothing")
{
    test::TempDir hubDir;
    HubProcess hub(hubDir.path());
    hub.start();
    const auto code = [&hub](const QString &role, const QString &uf, const QString &label) {
        return hub
            .cli({QStringLiteral("enroll"), QStringLiteral("--program"), QStringLiteral("apoio_cosems"),
                  QStringLiteral("--role"), role, QStringLiteral("--uf"), uf, QStringLiteral("--label"),
                  label})
            .trimmed()
            .split(QLatin1Char('\n'))
            .last();
    };

    // The apoiador (this process): its demonstration year, sent.
    test::ApoiadorProfile apoiador;
    core::Services &services = *apoiador.services;
    REQUIRE(core::DemoData(services, core::ProgramDefinition::apoioCosems(), core::ReferenceData::embedded(),
                           apoiador.clock)
                .seed()
                .ok());
    QNetworkAccessManager network;
    sync::FileTokenStore tokens(apoiador.dir.filePath(sync::FileTokenStore::defaultFileName()));
    sync::SyncController controller(services, &network, tokens, Client::options());
    REQUIRE(controller
                .enrollBlocking(hub.url(), code(QStringLiteral("apoiador"), QStringLiteral("BA"),
                                                QStringLiteral("Maria Souza")))
                .ok());
    REQUIRE(controller.runPassBlocking(120'000).sent == 3);
    auto q2 = services.reports().reportFor(core::ProgramDefinition::apoioCosemsId(),
                                           core::Period::fromKey(QStringLiteral("2026-Q2")));
    REQUIRE(q2.ok());
    const QString report = q2->uuid;

    // Another apoiadora of Bahia enrolls (a real installation) and sends nothing yet.
    test::TempDir ana;
    AppRun anaRun =
        runApp(ana.filePath(QStringLiteral("ana")),
               {QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
                QStringLiteral("apoiador"), QStringLiteral("--uf"), QStringLiteral("BA"),
                QStringLiteral("--hub"), hub.url(), QStringLiteral("--enroll"),
                code(QStringLiteral("apoiador"), QStringLiteral("BA"), QStringLiteral("Ana Prado"))});
    INFO(anaRun.err.toStdString());
    REQUIRE(anaRun.exitCode == 0);

    // The COSEMS of Bahia (another process): enrolls, pulls the three, sees the apoiador's name.
    test::TempDir cosems;
    const QString cos = cosems.filePath(QStringLiteral("cosems-ba"));
    AppRun run =
        runApp(cos, {QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
                     QStringLiteral("cosems"), QStringLiteral("--uf"), QStringLiteral("BA"),
                     QStringLiteral("--hub"), hub.url(), QStringLiteral("--enroll"),
                     code(QStringLiteral("cosems"), QStringLiteral("BA"), QStringLiteral("COSEMS-BA"))});
    INFO(run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    REQUIRE(runApp(cos, {QStringLiteral("--pull")}).exitCode == 0);
    run = runApp(cos, {QStringLiteral("--status")});
    QStringList lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    CHECK(lines.size() == 3);
    for (const QString &line : std::as_const(lines))
        CHECK(line.split(QLatin1Char('\t')).value(1) == services.profile().reportingUnit());
    CHECK(lines.filter(report).size() == 1);

    // Coverage of 2026-Q2 (§10.9): both apoiadoras of the hub's roster, Ana without a report;
    // then the municipalities of Bahia the quadrimestre's actions named, counted here from
    // the apoiadora's own store (not the COSEMS's copy).
    run = runApp(cos, {QStringLiteral("--coverage"), QStringLiteral("--month"), QStringLiteral("2026-Q2")});
    INFO(run.out.toStdString() << run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    lines = run.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 3);
    // Ana joined after 2026-Q2 ended: no report of it is expected from her.
    CHECK(lines[0].section(QLatin1Char('\t'), 1) == QStringLiteral("Ana Prado\tnot_expected"));
    CHECK(lines[1].section(QLatin1Char('\t'), 0, 1) ==
          services.profile().reportingUnit() + QStringLiteral("\tMaria Souza"));
    CHECK(lines[1].section(QLatin1Char('\t'), 2) != QStringLiteral("missing"));
    QSet<QString> named;
    auto q2Report = services.reports().report(report);
    REQUIRE(q2Report.ok());
    for (const core::Action &a : q2Report->actions)
        for (const QJsonValue &v : a.values.value(QStringLiteral("municipalities")).toArray())
            if (core::BrazilReference::embedded().ufOf(v.toString()) == QLatin1String("BA"))
                named.insert(v.toString());
    REQUIRE_FALSE(named.isEmpty());
    CHECK(lines[2] == QStringLiteral("municipalities_reached\t%1\t417").arg(named.size()));
    // The quadrimestre under way: she is expected, and has not sent it.
    run = runApp(cos, {QStringLiteral("--coverage"), QStringLiteral("--month"),
                       core::ProgramDefinition::apoioCosems().periodOf(QDate::currentDate()).key()});
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.split(QLatin1Char('\n')).value(0).section(QLatin1Char('\t'), 1) ==
          QStringLiteral("Ana Prado\tmissing"));

    // It returns the 2026-Q2 report; the decision goes up with the next pull.
    run = runApp(cos, {QStringLiteral("--review"), report, QStringLiteral("--return"),
                       QStringLiteral("Descreva os resultados da oficina.")});
    INFO(run.out.toStdString() << run.err.toStdString());
    REQUIRE(run.exitCode == 0);
    CHECK(run.out.contains(QStringLiteral("Maria Souza"))); // named, not "ap-…"
    REQUIRE(runApp(cos, {QStringLiteral("--pull")}).exitCode == 0);

    // The apoiador hears it, corrects the text and sends revision 2.
    sync::PassReport pass = controller.runPassBlocking(120'000);
    CHECK(pass.reviewsApplied == 1);
    REQUIRE(services.reports().report(report)->state == ReportState::Returned);
    CHECK(services.reports().report(report)->reviewComment ==
          QStringLiteral("Descreva os resultados da oficina."));
    REQUIRE(services.reports().applyEvent(report, ReportEvent::Reopen).ok());
    const core::Action action = services.reports().report(report)->actions.first();
    QJsonObject values = action.values;
    values.insert(QStringLiteral("results"),
                  QStringLiteral("Plano de ação aprovado por 12 municípios da CIR."));
    REQUIRE(services.reports().updateAction(action.uuid, values).ok());
    REQUIRE(services.reports().conclude(report).ok());
    pass = controller.runPassBlocking(120'000);
    CHECK(pass.sent == 1);
    CHECK(services.reports().report(report)->revision == 2);

    // The COSEMS pulls revision 2 and accepts it; the apoiador sees it accepted.
    REQUIRE(runApp(cos, {QStringLiteral("--pull")}).exitCode == 0);
    lines = runApp(cos, {QStringLiteral("--status")}).out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList mine = lines.filter(report);
    REQUIRE(mine.size() == 1);
    CHECK(mine.first().split(QLatin1Char('\t')).value(2) == QStringLiteral("received"));
    CHECK(mine.first().split(QLatin1Char('\t')).value(3) == QStringLiteral("2"));
    REQUIRE(runApp(cos, {QStringLiteral("--review"), report, QStringLiteral("--accept")}).exitCode == 0);
    REQUIRE(runApp(cos, {QStringLiteral("--pull")}).exitCode == 0);
    controller.runPassBlocking(120'000);
    CHECK(services.reports().report(report)->state == ReportState::Accepted);
    CHECK(hub.reportLines().filter(report).filter(QStringLiteral("\taccepted")).size() == 1);

    // The COSEMS of Pernambuco pulls nothing of Bahia's apoiador.
    const QString pe = cosems.filePath(QStringLiteral("cosems-pe"));
    REQUIRE(runApp(pe, {QStringLiteral("--program"), QStringLiteral("apoio_cosems"), QStringLiteral("--role"),
                        QStringLiteral("cosems"), QStringLiteral("--uf"), QStringLiteral("PE"),
                        QStringLiteral("--hub"), hub.url(), QStringLiteral("--enroll"),
                        code(QStringLiteral("cosems"), QStringLiteral("PE"), QStringLiteral("COSEMS-PE"))})
                .exitCode == 0);
    REQUIRE(runApp(pe, {QStringLiteral("--pull")}).exitCode == 0);
    CHECK(runApp(pe, {QStringLiteral("--status")}).out.trimmed().isEmpty());
    CHECK(runApp(pe, {QStringLiteral("--review"), report, QStringLiteral("--accept")}).exitCode != 0);
}
#endif
