// Trust on the client side (issue 8): plain http:// is refused except to this
// computer (or with the lab setting, warned), before anything is sent — also
// for a profile enrolled that way earlier; and blobs/missing is split to fit
// both limits the hub's pre-flight announces, with true words for a 413 —
// against the real hub (Hub + HubServer in-process, with lowered limits) and
// the real mobiliza-hub executable for its data folder's permissions.
#include "tests/sync/fake_hub.h"

#include "core/reference/reference_data.h"
#include "core/services/blob_store.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"
#include "sync/hub/hub.h"
#include "sync/hub/hub_server.h"
#include "sync/hub/hub_store.h"
#include "sync/hub/hub_tokens.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QProcess>
#include <QTcpServer>

#include <sys/stat.h>

using namespace mobiliza;
using sync::HubClient;
using sync::HubError;
using test::SyncProfile;

#ifndef MOBILIZA_HUB_EXE
#error "MOBILIZA_HUB_EXE must name the mobiliza-hub executable"
#endif

namespace {

const QString kBh = QStringLiteral("3106200"); // Belo Horizonte

// Every request the client makes goes through createRequest: none, when an address is refused.
class CountingNetwork : public QNetworkAccessManager
{
public:
    struct Seen
    {
        QString path;
        qint64 bodyBytes = 0;
    };
    QList<Seen> seen;

    QList<Seen> to(const QString &pathSuffix) const
    {
        QList<Seen> matching;
        for (const Seen &s : seen)
            if (s.path.endsWith(pathSuffix))
                matching << s;
        return matching;
    }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *data) override
    {
        seen << Seen{request.url().path(), data ? data->size() : 0};
        return QNetworkAccessManager::createRequest(op, request, data);
    }
};

// Sets (or clears) an environment variable for one scope.
class ScopedEnv
{
public:
    ScopedEnv(const char *name, const QByteArray &value)
        : m_name(name), m_had(qEnvironmentVariableIsSet(name))
    {
        m_old = qgetenv(name);
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(m_name, m_old);
        else
            qunsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv &) = delete;
    ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
    const char *m_name;
    bool m_had;
    QByteArray m_old;
};

ScopedEnv labSetting(bool on)
{
    return ScopedEnv(HubClient::insecureHubVariable(), on ? QByteArray("1") : QByteArray());
}

// An address of this machine that is not loopback (none: empty).
QHostAddress nonLoopbackAddress()
{
    for (const QHostAddress &a : QNetworkInterface::allAddresses())
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback() && !a.isLinkLocal())
            return a;
    return {};
}

// The real hub in-process, with the limits a test chooses, on `address`.
struct InProcessHub
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<hub::HubStore> store;
    std::unique_ptr<core::BlobStore> blobs;
    std::unique_ptr<hub::Hub> hub;
    std::unique_ptr<hub::HubServer> server;
    QHostAddress address;
    quint16 port = 0;

    explicit InProcessHub(const sync::Limits &limits, QHostAddress on = QHostAddress(QHostAddress::LocalHost))
        : address(std::move(on))
    {
        auto opened = hub::HubStore::open(dir.path(), QString());
        INFO((opened ? QString() : opened.error().message).toStdString());
        REQUIRE(opened.ok());
        store = std::move(opened.value());
        blobs = std::make_unique<core::BlobStore>(dir.filePath(QStringLiteral("blobs")));
        hub::HubOptions options;
        options.info = sync::HubInfo{QStringLiteral("urs-teste"), QStringLiteral("URS Teste")};
        options.limits = limits;
        hub = std::make_unique<hub::Hub>(*store, *blobs, core::ReferenceData::embedded(), clock, options);
        hub::ServerOptions serverOptions;
        serverOptions.accessLogPath = dir.filePath(QStringLiteral("access.log"));
        server = std::make_unique<hub::HubServer>(*hub, serverOptions);
        port = server->listen(address, 0);
        REQUIRE(port != 0);
    }

    QString url() const { return QStringLiteral("http://%1:%2").arg(address.toString()).arg(port); }

    QString code(const QString &municipality) const
    {
        sync::Scope scope;
        scope.municipality = municipality;
        auto issued = hub::TokenDesk(*hub).issueCode(scope, QStringLiteral("SMS"));
        REQUIRE(issued.ok());
        return issued->code;
    }
};

struct Client
{
    SyncProfile &profile;
    CountingNetwork network;
    sync::FileTokenStore tokens;
    sync::SyncController controller;

    static sync::SyncOptions options()
    {
        sync::SyncOptions o;
        o.watchConnectivity = false;
        o.timeouts = {5000, 5000};
        o.random01 = [] { return 0.5; };
        o.installationLabel = QStringLiteral("teste");
        return o;
    }

    explicit Client(SyncProfile &p)
        : profile(p), tokens(p.dir.filePath(sync::FileTokenStore::defaultFileName())),
          controller(*p.services, &network, tokens, options())
    {
    }
};

// Enrollment through the real path; the answer of enrollFinished.
std::pair<bool, QString> enroll(sync::SyncController &controller, const QString &url, const QString &code)
{
    std::optional<std::pair<bool, QString>> outcome;
    QObject receiver; // the connection ends with this call (the next enroll() must not reach `outcome`)
    QObject::connect(&controller, &sync::SyncController::enrollFinished, &receiver,
                     [&](bool ok, const QString &message) { outcome = std::make_pair(ok, message); });
    controller.enroll(url, code);
    REQUIRE(test::waitFor([&] { return outcome.has_value(); }, 30'000));
    return *outcome;
}

int modeOf(const QString &path)
{
    struct stat st;
    REQUIRE(::lstat(QFile::encodeName(path).constData(), &st) == 0);
    return int(st.st_mode & 07777);
}

class ScopedUmask
{
public:
    explicit ScopedUmask(mode_t mask) : m_old(::umask(mask)) {}
    ~ScopedUmask() { ::umask(m_old); }
    ScopedUmask(const ScopedUmask &) = delete;
    ScopedUmask &operator=(const ScopedUmask &) = delete;

private:
    mode_t m_old;
};

} // namespace

TEST_CASE("hub address: https anywhere, plain http only to this computer or with the lab setting")
{
    auto lab = labSetting(false);
    auto valid = [](const char *text) {
        return HubClient::isValidHubUrl(HubClient::normalizeUrl(QLatin1String(text)));
    };
    CHECK(valid("https://hub.urs.saude.mg.gov.br"));
    CHECK(valid("hub.urs.saude.mg.gov.br")); // https:// is added
    CHECK(valid("https://10.0.0.5:8443/mobiliza"));
    // Loopback: 127.0.0.0/8, ::1 and "localhost" (tests and a hub on the same computer).
    CHECK(valid("http://127.0.0.1:8080"));
    CHECK(valid("http://127.8.9.10"));
    CHECK(valid("http://[::1]:8080"));
    CHECK(valid("http://localhost:8080"));
    CHECK(valid("http://LocalHost"));
    // Anything else over plain http carries the token and contacts in clear text.
    CHECK_FALSE(valid("http://example-host"));
    CHECK_FALSE(valid("http://example-host:8080/mobiliza"));
    CHECK_FALSE(valid("http://hub.urs.saude.mg.gov.br"));
    CHECK_FALSE(valid("http://10.0.0.5:8080"));
    CHECK_FALSE(valid("http://192.168.0.10"));
    CHECK_FALSE(valid("http://128.0.0.1"));
    CHECK_FALSE(valid("http://localhost.example.org"));
    CHECK_FALSE(valid("http://127.0.0.1.example.org"));
    CHECK_FALSE(valid("http://[::2]"));
    CHECK_FALSE(valid("http://[::ffff:10.0.0.1]"));
    // Still refused whatever the transport.
    CHECK_FALSE(valid("ftp://hub.example"));
    CHECK_FALSE(valid("https://user:secret@hub.example"));
    CHECK(HubClient::isWellFormedHubUrl(HubClient::normalizeUrl(QStringLiteral("http://example-host"))));
    CHECK(HubClient::isUnprotectedUrl(QUrl(QStringLiteral("http://example-host"))));
    CHECK_FALSE(HubClient::isUnprotectedUrl(QUrl(QStringLiteral("https://example-host"))));
    CHECK_FALSE(HubClient::isUnprotectedUrl(QUrl(QStringLiteral("http://127.0.0.1:1"))));

    {
        auto on = labSetting(true);
        CHECK(HubClient::insecureHubAllowed());
        CHECK(valid("http://example-host:8080"));
        CHECK(HubClient::insecureWarning().contains(QLatin1String("http://")));
        CHECK(HubClient::insecureWarning().contains(QLatin1String(HubClient::insecureHubVariable())));
        CHECK_FALSE(valid("ftp://hub.example"));
    }
    {
        auto other = ScopedEnv(HubClient::insecureHubVariable(), "yes"); // only "1" turns it on
        CHECK_FALSE(HubClient::insecureHubAllowed());
        CHECK_FALSE(valid("http://example-host"));
    }
}

TEST_CASE("enrollment over plain http to another computer is refused before anything is sent")
{
    auto lab = labSetting(false);
    SyncProfile p;
    Client c(p);
    // A listener on an address of this machine that is not loopback: it must never be contacted.
    QTcpServer listener;
    const QHostAddress address = nonLoopbackAddress();
    const bool listening = !address.isNull() && listener.listen(address, 0);
    const QString url =
        listening ? QStringLiteral("http://%1:%2").arg(address.toString()).arg(listener.serverPort())
                  : QStringLiteral("http://example-host.invalid:8080");
    INFO(url.toStdString());

    for (const QString &typed :
         {url, QStringLiteral("http://example-host"), QStringLiteral("http://example-host/api/v1/")}) {
        const auto [ok, message] = enroll(c.controller, typed, QStringLiteral("K7QF-2M9X-PL4D"));
        CHECK_FALSE(ok);
        CHECK(message.contains(QLatin1String("https://")));
        CHECK(message.contains(QLatin1String("http://")));
        CHECK(message.contains(QLatin1String("URS")));
    }
    CHECK(c.network.seen.isEmpty()); // not a request was made: no code, no token
    CHECK_FALSE(listener.waitForNewConnection(0));
    CHECK_FALSE(c.controller.isEnrolled());
    CHECK_FALSE(c.controller.enrollment().has_value());
    CHECK(c.tokens.read().value().isEmpty());

    // The HubClient itself refuses too, whoever sets the address: answered Insecure, nothing sent.
    HubClient client(&c.network);
    client.setBaseUrl(QUrl(url));
    client.setToken(QStringLiteral("tok_secret"));
    std::optional<sync::HubResult<sync::Preflight>> pre;
    client.preflight([&](sync::HubResult<sync::Preflight> r) { pre = r; });
    REQUIRE(test::waitFor([&] { return pre.has_value(); }));
    REQUIRE_FALSE(pre->ok());
    CHECK(pre->error().kind == HubError::Kind::Insecure);
    CHECK(pre->error().code == QStringLiteral("insecure_address"));
    CHECK(pre->error().stopsPass());
    CHECK(pre->error().message.contains(QLatin1String("https://")));
    CHECK_FALSE(pre->error().message.contains(QLatin1String("tok_secret")));
    CHECK(c.network.seen.isEmpty());
    CHECK_FALSE(listener.waitForNewConnection(0));
}

TEST_CASE(
    "a profile enrolled over plain http earlier is refused at sync time, loses nothing, and can enroll again")
{
    auto lab = labSetting(false);
    InProcessHub hub{sync::Limits{}};
    SyncProfile p;
    const QString report = p.concludedReport({2026, 10}, 2);
    Client c(p);
    // What an earlier version stored after enrolling with http://example-host.
    REQUIRE(c.tokens.write(QStringLiteral("tok_enrolled_before")).ok());
    const QJsonObject stored{
        {QStringLiteral("url"), QStringLiteral("http://example-host:8080")},
        {QStringLiteral("hubId"), QStringLiteral("urs-teste")},
        {QStringLiteral("hubName"), QStringLiteral("URS Teste")},
        {QStringLiteral("scope"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("municipality")},
                                              {QStringLiteral("municipality"), kBh}}},
        {QStringLiteral("enrolledAt"), QStringLiteral("2026-01-10T12:00:00Z")}};
    REQUIRE(p.services->profile()
                .setSetting(QStringLiteral("sync.hub"),
                            QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)))
                .ok());
    // Still shown as the hub this profile enrolled with (not silently forgotten).
    REQUIRE(c.controller.isEnrolled());
    REQUIRE(c.controller.enrollment().has_value());
    CHECK(c.controller.enrollment()->url.host() == QStringLiteral("example-host"));

    const sync::PassReport pass = c.controller.runPassBlocking(30'000);
    REQUIRE(pass.error.has_value());
    CHECK(pass.error->kind == HubError::Kind::Insecure);
    CHECK_FALSE(pass.online);
    CHECK_FALSE(pass.allConfirmed);
    REQUIRE_FALSE(pass.messages.isEmpty());
    CHECK(pass.messages.join(QLatin1Char(' ')).contains(QLatin1String("https://")));
    CHECK(c.controller.state() == sync::SyncState::Error);
    CHECK(c.controller.lastErrorMessage().contains(QLatin1String("https://")));
    CHECK(c.network.seen.isEmpty()); // the token never left
    // Nothing lost: the report waits in the outbox, untouched (no attempt counted).
    const core::OutboxItem item = p.itemOf(report);
    CHECK(item.state == core::OutboxState::Queued);
    CHECK(item.attempts == 0);
    CHECK(p.stateOf(report) == core::ReportState::Ready);

    // Enrolling again with an allowed address sends it.
    const auto [ok, message] = enroll(c.controller, hub.url(), hub.code(kBh));
    INFO(message.toStdString());
    REQUIRE(ok);
    const sync::PassReport again = c.controller.runPassBlocking(60'000);
    INFO(again.messages.join(QLatin1Char('\n')).toStdString());
    CHECK(again.sent == 1);
    CHECK(again.allConfirmed);
}

TEST_CASE("the lab setting lets plain http reach another computer, and the token goes with it")
{
    const QHostAddress address = nonLoopbackAddress();
    SyncProfile p;
    p.concludedReport({2026, 10}, 1);
    Client c(p);
    if (address.isNull()) {
        // No network interface besides loopback: the rule itself is all that can be checked.
        WARN("no non-loopback address on this machine");
        auto on = labSetting(true);
        CHECK(HubClient::isValidHubUrl(QUrl(QStringLiteral("http://192.0.2.1:8080"))));
        return;
    }
    InProcessHub hub{sync::Limits{}, address};
    {
        auto off = labSetting(false);
        CHECK_FALSE(enroll(c.controller, hub.url(), hub.code(kBh)).first);
        CHECK(c.network.seen.isEmpty());
    }
    auto on = labSetting(true);
    const auto [ok, message] = enroll(c.controller, hub.url(), hub.code(kBh));
    INFO(message.toStdString());
    REQUIRE(ok);
    CHECK(c.network.to(QStringLiteral("/enroll")).size() == 1);
    const sync::PassReport pass = c.controller.runPassBlocking(60'000);
    INFO(pass.messages.join(QLatin1Char('\n')).toStdString());
    CHECK(pass.sent == 1);
    CHECK(pass.allConfirmed);
}

TEST_CASE("blobs/missing batches fit both announced limits: names and bytes")
{
    QStringList names;
    for (int i = 0; i < 5000; ++i)
        names << core::BlobStore::sha256Hex(QByteArray::number(i));
    // Over the byte limit (5,000 × 67 bytes > 256 KiB) though within the name limit: one request would be
    // 413.
    const sync::Limits defaults;
    REQUIRE(sync::encodeMissingQuery(names).size() > defaults.maxJsonBytes);

    auto check = [&](const sync::Limits &limits, const QStringList &asked, int atLeast) {
        const QList<QStringList> batches = HubClient::missingBatches(asked, limits);
        CHECK(batches.size() >= atLeast);
        QStringList joined;
        for (const QStringList &batch : batches) {
            CHECK_FALSE(batch.isEmpty());
            CHECK(batch.size() <= limits.maxMissingQuery);
            CHECK(sync::encodeMissingQuery(batch).size() <= limits.maxJsonBytes);
            joined << batch;
        }
        QStringList unique;
        for (const QString &n : asked)
            if (!unique.contains(n))
                unique << n;
        CHECK(joined == unique);
    };
    check(defaults, names, 2);
    sync::Limits fewNames;
    fewNames.maxMissingQuery = 7;
    check(fewNames, names.mid(0, 50), 8);
    sync::Limits fewBytes;
    fewBytes.maxJsonBytes = 1000; // ≈ 13 names
    check(fewBytes, names.mid(0, 50), 4);
    // A photo named twice in a report is asked once.
    QStringList twice = names.mid(0, 3);
    twice << names.at(1) << names.at(0);
    const auto deduped = HubClient::missingBatches(twice, defaults);
    REQUIRE(deduped.size() == 1);
    CHECK(deduped.constFirst() == names.mid(0, 3));
    CHECK(HubClient::missingBatches({}, defaults).isEmpty());
}

TEST_CASE("a report whose photo names exceed the hub's announced limits is sent (real hub, lowered limits)")
{
    auto lab = labSetting(false);
    sync::Limits limits;
    int photos = 0;
    SECTION("over the JSON byte limit")
    {
        limits.maxJsonBytes = 2048; // 45 names × 67 bytes ≈ 3 KB
        photos = 45;
        CHECK(sync::encodeMissingQuery(QStringList(photos, QString(64, QLatin1Char('a')))).size() >
              limits.maxJsonBytes);
    }
    SECTION("over the name count")
    {
        limits.maxMissingQuery = 10;
        photos = 25;
        CHECK(photos > limits.maxMissingQuery);
    }
    InProcessHub hub{limits};
    SyncProfile p;
    const QString report = p.concludedReport({2026, 10}, photos);
    Client c(p);
    const auto [ok, message] = enroll(c.controller, hub.url(), hub.code(kBh));
    INFO(message.toStdString());
    REQUIRE(ok);

    const sync::PassReport pass = c.controller.runPassBlocking(120'000);
    INFO(pass.messages.join(QLatin1Char('\n')).toStdString());
    CHECK(pass.sent == 1);
    CHECK(pass.allConfirmed);
    CHECK(p.itemOf(report).state == core::OutboxState::Received);
    const QList<CountingNetwork::Seen> queries = c.network.to(QStringLiteral("/blobs/missing"));
    CHECK(queries.size() >= 2);
    for (const auto &q : queries)
        CHECK(q.bodyBytes <= limits.maxJsonBytes);
    int puts = 0;
    for (const auto &s : c.network.seen)
        puts +=
            s.path.contains(QLatin1String("/api/v1/blobs/")) && !s.path.endsWith(QLatin1String("/missing"));
    CHECK(puts == photos); // every photo, once
    for (const core::OutboxBlob &blob : p.itemOf(report).blobs)
        CHECK(hub.blobs->has(blob.sha256));
}

TEST_CASE("a 413 on blobs/missing is never reported as a photo too large")
{
    const QString photoWords = HubError::messageFor(HubError::Kind::TooLarge);
    test::FakeHub fake;
    fake.fault = [](const test::SeenRequest &r) -> std::optional<test::CannedResponse> {
        if (r.path.startsWith("/api/v1/blobs/missing") || r.path.startsWith("/api/v1/partners/") ||
            r.path.startsWith("/api/v1/blobs/"))
            return test::CannedResponse::http(413, "<html>413 Request Entity Too Large</html>", "text/html");
        return std::nullopt;
    };
    CountingNetwork network;
    HubClient client(&network);
    client.setBaseUrl(QUrl(fake.url()));
    client.setToken(fake.token);

    std::optional<sync::HubResult<QStringList>> missing;
    client.missingBlobs({core::BlobStore::sha256Hex("x")}, sync::Limits{},
                        [&](sync::HubResult<QStringList> r) { missing = r; });
    REQUIRE(test::waitFor([&] { return missing.has_value(); }));
    REQUIRE_FALSE(missing->ok());
    CHECK(missing->error().kind == HubError::Kind::TooLarge);
    CHECK(missing->error().message != photoWords);
    CHECK_FALSE(missing->error().message.contains(QLatin1String("photo is larger")));
    CHECK(missing->error().isRetryable());

    // A partner's PUT is not a photo either; a photo's PUT keeps the photo's words.
    core::Partner partner;
    partner.uuid = core::newUuid();
    partner.name = QStringLiteral("Associação");
    partner.municipality = kBh;
    std::optional<sync::HubResult<sync::PartnerApplied>> put;
    client.putPartner(partner, [&](sync::HubResult<sync::PartnerApplied> r) { put = r; });
    REQUIRE(test::waitFor([&] { return put.has_value(); }));
    REQUIRE_FALSE(put->ok());
    CHECK(put->error().kind == HubError::Kind::TooLarge);
    CHECK_FALSE(put->error().message.contains(QLatin1String("photo")));
    std::optional<sync::HubResult<sync::BlobStored>> blob;
    client.putBlob(core::BlobStore::sha256Hex("x"), "x", {},
                   [&](sync::HubResult<sync::BlobStored> r) { blob = r; });
    REQUIRE(test::waitFor([&] { return blob.has_value(); }));
    REQUIRE_FALSE(blob->ok());
    CHECK(blob->error().message == photoWords);

    // Through a pass: the item waits with the true words.
    SyncProfile p;
    const QString report = p.concludedReport({2026, 10}, 2);
    sync::FileTokenStore tokens(p.dir.filePath(QStringLiteral("hub-token")));
    sync::SyncController controller(*p.services, &network, tokens, Client::options());
    fake.fault = [](const test::SeenRequest &r) -> std::optional<test::CannedResponse> {
        if (r.path.startsWith("/api/v1/blobs/missing"))
            return test::CannedResponse::http(413, "", "text/html");
        return std::nullopt;
    };
    REQUIRE(controller.enrollBlocking(fake.url(), QStringLiteral("GOOD-CODE")).ok());
    const sync::PassReport pass = controller.runPassBlocking(30'000);
    CHECK(pass.failed == 1);
    REQUIRE_FALSE(pass.messages.isEmpty());
    for (const QString &m : pass.messages)
        CHECK_FALSE(m.contains(photoWords));
    const core::OutboxItem item = p.itemOf(report);
    CHECK(item.state == core::OutboxState::Queued);
    CHECK(item.lastError.code == QStringLiteral("too_large"));
    CHECK(item.lastError.message != photoWords);
}

TEST_CASE("the real mobiliza-hub keeps its data folder private whatever the umask, and tightens an old one")
{
    ScopedUmask mask(022);
    test::TempDir parent;
    const QString data = QDir(parent.path()).filePath(QStringLiteral("hub-data"));
    auto run = [&](const QStringList &args) {
        QProcess hub;
        hub.start(QStringLiteral(MOBILIZA_HUB_EXE), QStringList(args) << QStringLiteral("--data") << data);
        REQUIRE(hub.waitForFinished(30'000));
        INFO(hub.readAllStandardError().toStdString());
        REQUIRE(hub.exitCode() == 0);
    };
    const QStringList enrollArgs{QStringLiteral("enroll"), QStringLiteral("--municipality"), kBh};
    run(enrollArgs);
    const QString db = QDir(data).filePath(QStringLiteral("hub.sqlite"));
    CHECK(modeOf(data) == 0700);
    CHECK(modeOf(db) == 0600);
    for (const char *suffix : {"-wal", "-shm"})
        if (QFileInfo::exists(db + QLatin1String(suffix)))
            CHECK(modeOf(db + QLatin1String(suffix)) == 0600);

    // A folder made by an earlier version (0755, 0644) is tightened at the next start.
    REQUIRE(::chmod(QFile::encodeName(data).constData(), 0755) == 0);
    REQUIRE(::chmod(QFile::encodeName(db).constData(), 0644) == 0);
    run(enrollArgs);
    CHECK(modeOf(data) == 0700);
    CHECK(modeOf(db) == 0600);
}
