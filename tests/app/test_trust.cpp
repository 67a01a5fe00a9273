// Trust through the real app (issue 8): the command line refuses to enroll over
// plain http:// with another computer (nothing is contacted) and keeps the
// profile private whatever the umask; the enrollment dialog and the
// Synchronization page say it in words, and warn visibly when the lab setting
// lets plain http through.
#include "tests/app/cli_run.h"
#include "tests/sync/fake_hub.h"

#include "app/ui/pages/sync_page.h"
#include "app/ui/sync/enroll_dialog.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "sync/client/sync_controller.h"
#include "sync/client/token_store.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QPushButton>
#include <QTcpServer>

#include <sys/stat.h>

using namespace mobiliza;
using sync::HubClient;

namespace {

const QString kBh = QStringLiteral("3106200");

class ScopedEnv
{
public:
    explicit ScopedEnv(bool on) : m_had(qEnvironmentVariableIsSet(HubClient::insecureHubVariable()))
    {
        m_old = qgetenv(HubClient::insecureHubVariable());
        if (on)
            qputenv(HubClient::insecureHubVariable(), "1");
        else
            qunsetenv(HubClient::insecureHubVariable());
    }
    ~ScopedEnv()
    {
        if (m_had)
            qputenv(HubClient::insecureHubVariable(), m_old);
        else
            qunsetenv(HubClient::insecureHubVariable());
    }
    ScopedEnv(const ScopedEnv &) = delete;
    ScopedEnv &operator=(const ScopedEnv &) = delete;

private:
    bool m_had;
    QByteArray m_old;
};

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

int modeOf(const QString &path)
{
    struct stat st;
    REQUIRE(::lstat(QFile::encodeName(path).constData(), &st) == 0);
    return int(st.st_mode & 07777);
}

QHostAddress nonLoopbackAddress()
{
    for (const QHostAddress &a : QNetworkInterface::allAddresses())
        if (a.protocol() == QAbstractSocket::IPv4Protocol && !a.isLoopback() && !a.isLinkLocal())
            return a;
    return {};
}

// A profile that enrolled with `url` before plain http was refused (what an earlier version stored).
void storeEnrollment(core::Services &services, sync::TokenStore &tokens, const QString &url)
{
    REQUIRE(tokens.write(QStringLiteral("tok_enrolled_before")).ok());
    const QJsonObject stored{
        {QStringLiteral("url"), url},
        {QStringLiteral("hubId"), QStringLiteral("urs-teste")},
        {QStringLiteral("hubName"), QStringLiteral("URS Teste")},
        {QStringLiteral("scope"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("municipality")},
                                              {QStringLiteral("municipality"), kBh}}},
        {QStringLiteral("enrolledAt"), QStringLiteral("2026-01-10T12:00:00Z")}};
    REQUIRE(services.profile()
                .setSetting(QStringLiteral("sync.hub"),
                            QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact)))
                .ok());
}

sync::SyncOptions quietOptions()
{
    sync::SyncOptions o;
    o.watchConnectivity = false;
    o.timeouts = {3000, 3000};
    o.random01 = [] { return 0.5; };
    return o;
}

} // namespace

TEST_CASE("command line: --enroll over plain http to another computer is refused and nothing is contacted")
{
    ScopedEnv lab(false);
    test::TempDir dir;
    QTcpServer listener;
    const QHostAddress address = nonLoopbackAddress();
    const bool listening = !address.isNull() && listener.listen(address, 0);
    const QString url =
        listening ? QStringLiteral("http://%1:%2").arg(address.toString()).arg(listener.serverPort())
                  : QStringLiteral("http://example-host.invalid:8080");
    INFO(url.toStdString());
    const test::CliRun r =
        test::runCli({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"),
                      QStringLiteral("en"), QStringLiteral("--municipality"), kBh, QStringLiteral("--hub"),
                      url, QStringLiteral("--enroll"), QStringLiteral("K7QF-2M9X-PL4D")});
    CHECK(r.code != 0);
    CHECK(r.err.contains(QLatin1String("https://")));
    CHECK(r.err.contains(QLatin1String("plain http://")));
    CHECK_FALSE(listener.waitForNewConnection(0)); // no connection was even attempted
    CHECK_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("hub-token"))));

    // Loopback stays allowed (a hub on this computer): refused later for another reason, not this one.
    QTcpServer local;
    REQUIRE(local.listen(QHostAddress::LocalHost, 0));
    const quint16 closedPort = local.serverPort();
    local.close();
    const test::CliRun loop = test::runCli(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
         QStringLiteral("--hub"), QStringLiteral("http://127.0.0.1:%1").arg(closedPort),
         QStringLiteral("--enroll"), QStringLiteral("K7QF-2M9X-PL4D")});
    CHECK(loop.code != 0);
    CHECK_FALSE(loop.err.contains(QLatin1String("plain http://")));
}

TEST_CASE(
    "command line: the profile folder and database are private whatever the umask, an old one is tightened")
{
    ScopedUmask mask(022);
    test::TempDir parent;
    const QString dataDir = QDir(parent.path()).filePath(QStringLiteral("perfil/mobiliza"));
    const QStringList status{QStringLiteral("--data-dir"), dataDir, QStringLiteral("--municipality"), kBh,
                             QStringLiteral("--status")};
    const test::CliRun first = test::runCli(status);
    INFO(first.err.toStdString());
    REQUIRE(first.code == 0);
    const QString db = QDir(dataDir).filePath(QStringLiteral("mobiliza.sqlite"));
    CHECK(modeOf(dataDir) == 0700);
    CHECK(modeOf(db) == 0600);
    for (const char *suffix : {"-wal", "-shm"})
        if (QFileInfo::exists(db + QLatin1String(suffix)))
            CHECK(modeOf(db + QLatin1String(suffix)) == 0600);

    // As a profile made by an earlier version: 0755 folder, 0644 database.
    REQUIRE(::chmod(QFile::encodeName(dataDir).constData(), 0755) == 0);
    REQUIRE(::chmod(QFile::encodeName(db).constData(), 0644) == 0);
    const test::CliRun second = test::runCli(status);
    REQUIRE(second.code == 0);
    CHECK(modeOf(dataDir) == 0700);
    CHECK(modeOf(db) == 0600);
}

TEST_CASE("enrollment dialog: plain http is refused in words, and with the lab setting a warning shows")
{
    test::SyncProfile profile;
    QNetworkAccessManager network;
    sync::FileTokenStore tokens(profile.dir.filePath(QStringLiteral("hub-token")));
    sync::SyncController controller(*profile.services, &network, tokens, quietOptions());
    {
        ScopedEnv lab(false);
        ui::EnrollDialog dialog(&controller, QString());
        dialog.show();
        dialog.codeField()->setText(QStringLiteral("K7QF-2M9X-PL4D"));
        dialog.urlField()->setText(QStringLiteral("http://example-host:8080"));
        CHECK_FALSE(dialog.connectButton()->isEnabled());
        CHECK(dialog.urlProblem().contains(QLatin1String("https://")));
        CHECK(dialog.messageLabel()->text() == dialog.urlProblem());
        CHECK_FALSE(dialog.insecureWarning()->isVisible());
        dialog.urlField()->setText(QStringLiteral("https://hub.urs.saude.mg.gov.br"));
        CHECK(dialog.connectButton()->isEnabled());
        dialog.urlField()->setText(
            QStringLiteral("http://127.0.0.1:8080")); // this computer: fine, no warning
        CHECK(dialog.connectButton()->isEnabled());
        CHECK_FALSE(dialog.insecureWarning()->isVisible());
    }
    {
        ScopedEnv lab(true);
        ui::EnrollDialog dialog(&controller, QString());
        dialog.show();
        dialog.codeField()->setText(QStringLiteral("K7QF-2M9X-PL4D"));
        dialog.urlField()->setText(QStringLiteral("http://example-host:8080"));
        CHECK(dialog.connectButton()->isEnabled());
        CHECK(dialog.insecureWarning()->isVisible());
        CHECK(dialog.insecureWarning()->text().contains(QLatin1String("unprotected")));
        dialog.urlField()->setText(QStringLiteral("https://example-host"));
        CHECK_FALSE(dialog.insecureWarning()->isVisible());
    }
}

TEST_CASE("sync page: a hub enrolled over plain http says to connect again with https, or warns in the lab")
{
    test::SyncProfile profile;
    QNetworkAccessManager network;
    sync::FileTokenStore tokens(profile.dir.filePath(QStringLiteral("hub-token")));
    storeEnrollment(*profile.services, tokens, QStringLiteral("http://example-host:8080"));
    sync::SyncController controller(*profile.services, &network, tokens, quietOptions());
    ui::AppContext context{profile.dir.path(), core::ReferenceData::embedded(),
                           core::ProgramDefinition::sesMgMobilizacao(), profile.services.get(),
                           &profile.clock};
    context.sync = &controller;
    {
        ScopedEnv lab(false);
        ui::SyncPage page(context);
        page.show();
        REQUIRE(page.insecureWarning()->isVisible());
        CHECK(page.insecureWarning()->text().contains(QLatin1String("https://")));
        CHECK(page.connectButton()->isEnabled());
        // Sync now: refused in words, nothing sent, the report still waits.
        const QString report = profile.concludedReport({2026, 10}, 1);
        const sync::PassReport pass = controller.runPassBlocking(10'000);
        REQUIRE(pass.error.has_value());
        CHECK(pass.error->kind == sync::HubError::Kind::Insecure);
        CHECK(profile.itemOf(report).state == core::OutboxState::Queued);
        CHECK(page.statusLabel()->text().contains(QLatin1String("https://")));
    }
    {
        ScopedEnv lab(true);
        ui::SyncPage page(context);
        page.show();
        REQUIRE(page.insecureWarning()->isVisible());
        CHECK(page.insecureWarning()->text().contains(QLatin1String("unprotected")));
    }
    // An https hub shows no such warning.
    storeEnrollment(*profile.services, tokens, QStringLiteral("https://hub.urs.saude.mg.gov.br"));
    ui::SyncPage page(context);
    page.show();
    CHECK_FALSE(page.insecureWarning()->isVisible());
}
