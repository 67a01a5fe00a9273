// Helpers for the hub tests: the real HubServer in-process on 127.0.0.1 (port
// 0), a synchronous HTTP client (one QEventLoop per request), valid SES-MG
// report manifests with their photo bytes, and the built mobiliza-hub.
#pragma once

#include "core/domain/clock.h"
#include "core/services/blob_store.h"
#include "core/services/report_service.h"
#include "sync/hub/hub.h"
#include "sync/hub/hub_blobs.h"
#include "sync/hub/hub_reviews.h"
#include "sync/hub/hub_revisions.h"
#include "sync/hub/hub_server.h"
#include "sync/hub/hub_store.h"
#include "sync/hub/hub_tokens.h"
#include "sync/protocol.h"
#include "tests/support/catch_qt.h"
#include "tests/support/temp_dir.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QSqlQuery>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace mobiliza::test {

inline QString hubExecutable()
{
    return QStringLiteral(MOBILIZA_HUB_EXE);
}

// The routes the server tests call most.
inline const QString kPreflight = QStringLiteral("/api/v1/preflight");
inline const QString kEnroll = QStringLiteral("/api/v1/enroll");
inline const QString kMissing = QStringLiteral("/api/v1/blobs/missing");

// Every file under `dir`, hidden ones too (what a failed upload may have left).
inline QStringList filesUnder(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    return files;
}

inline const QString kBelo = QStringLiteral("3106200");      // URS Belo Horizonte
inline const QString kNeves = QStringLiteral("3154606");     // URS Belo Horizonte
inline const QString kBarbacena = QStringLiteral("3105608"); // URS Barbacena

struct HttpReply
{
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorCode() const
    {
        return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
    }
    bool isJsonError() const
    {
        return header("Content-Type").startsWith("application/json") && !errorCode().isEmpty() &&
               !json()
                    .value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .isEmpty();
    }
};

// Synchronous HTTP against 127.0.0.1:port: each request runs its own event loop
// (the in-process server answers from the same loop).
class HttpClient
{
public:
    explicit HttpClient(quint16 port) : m_port(port) {}

    HttpReply send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                   const QString &token = {}, const QByteArray &contentType = "application/json")
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path)));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        if (!body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        loop.exec();
        REQUIRE(reply->isFinished());
        HttpReply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.headers = reply->rawHeaderPairs();
        out.networkError = reply->error();
        reply->deleteLater();
        return out;
    }
    HttpReply get(const QString &path, const QString &token = {}) { return send("GET", path, {}, token); }
    HttpReply post(const QString &path, const QByteArray &body, const QString &token = {})
    {
        return send("POST", path, body, token);
    }
    HttpReply put(const QString &path, const QByteArray &body, const QString &token = {},
                  const QByteArray &contentType = "application/json")
    {
        return send("PUT", path, body, token, contentType);
    }

private:
    quint16 m_port;
    QNetworkAccessManager m_nam;
};

// ------------------------------------------------------------------ reports
struct TestReport
{
    core::Report report;
    QList<QByteArray> photos; // bytes, in photo order
    QByteArray manifest;

    QString uuid() const { return report.uuid; }
    QString path() const
    {
        return QStringLiteral("/api/v1/reports/%1/revisions/%2").arg(report.uuid).arg(report.revision);
    }
    QStringList blobs() const
    {
        QStringList names;
        for (const auto &bytes : photos)
            names << core::BlobStore::sha256Hex(bytes);
        return names;
    }
    void encode()
    {
        manifest = core::ReportService::manifest(report, QDateTime(QDate(2025, 4, 1), QTime(9, 30), Qt::UTC));
    }
};

inline QJsonObject validValues(const QString &title = QStringLiteral("Dia D contra a dengue"))
{
    return QJsonObject{
        {QStringLiteral("title"), title},
        {QStringLiteral("date"), QStringLiteral("2025-03-14")},
        {QStringLiteral("themes"), QJsonArray{QStringLiteral("arboviroses")}},
        {QStringLiteral("format"), QStringLiteral("mutirao")},
        {QStringLiteral("place"), QStringLiteral("Bairro Centro")},
        {QStringLiteral("audience"), QJsonArray{QStringLiteral("1")}},
        {QStringLiteral("people_reached"), 120},
        {QStringLiteral("people_reached_estimate"), true},
        {QStringLiteral("description"), QStringLiteral("Visita casa a casa e recolhimento de recipientes.")},
    };
}

// A valid March 2025 SES-MG report: `actions` actions with one photo each
// (distinct bytes per seed), encoded as the client locks it.
inline TestReport makeReport(const QString &municipality, int seed = 1, int actions = 2)
{
    TestReport t;
    t.report.uuid = core::newUuid();
    t.report.programId = QStringLiteral("ses_mg_mobilizacao");
    t.report.municipality = municipality;
    t.report.period = core::Period{2025, 3};
    t.report.revision = 1;
    for (int i = 0; i < actions; ++i) {
        core::Action a;
        a.uuid = core::newUuid();
        a.position = i;
        a.values = validValues(QStringLiteral("Ação %1").arg(i + 1));
        const QByteArray bytes = QByteArray("\xFF\xD8\xFF photo ") + QByteArray::number(seed) + '-' +
                                 QByteArray::number(i) + QByteArray(2000 + i, char('a' + (seed + i) % 26));
        core::Photo p;
        p.uuid = core::newUuid();
        p.actionUuid = a.uuid;
        p.sha256 = core::BlobStore::sha256Hex(bytes);
        p.caption = QStringLiteral("Equipe na praça");
        p.takenOn = QDate(2025, 3, 14);
        p.author = QStringLiteral("Maria Souza");
        p.width = 1600;
        p.height = 1200;
        p.bytes = bytes.size();
        a.photos << p;
        t.photos << bytes;
        t.report.actions << a;
    }
    t.encode();
    return t;
}

// --------------------------------------------------------------- the hub
inline QDateTime hubNow()
{
    return QDateTime(QDate(2025, 4, 2), QTime(12, 0), Qt::UTC);
}

// MOBILIZA_TEST_HUB_DB=postgresql://… runs the hub tests on PostgreSQL (the
// database is emptied before each test); otherwise SQLite in the data folder.
inline QString testDbUrl()
{
    return qEnvironmentVariable("MOBILIZA_TEST_HUB_DB");
}

inline void emptyTestDb(const QString &url)
{
    TempDir scratch;
    auto store = hub::HubStore::open(scratch.path(), url);
    INFO((store ? QString() : store.error().message).toStdString());
    REQUIRE(store.ok());
    QSqlQuery q(store.value()->db());
    REQUIRE(q.exec(
        QStringLiteral("DROP TABLE IF EXISTS targets, batch_revisions, batches, review_decisions, "
                       "blob_uploads, report_blobs, partners, "
                       "status_events, revisions, reports, tokens, enrollment_codes, hub_schema CASCADE")));
}

// The real hub on 127.0.0.1 with a fixed clock, in a temp data folder.
struct HubFixture
{
    TempDir dir;
    core::FixedClock clock{hubNow()};
    hub::ServerOptions serverOptions;
    hub::HubOptions hubOptions; // its info is the fixture's
    std::unique_ptr<hub::HubStore> store;
    std::unique_ptr<core::BlobStore> blobs;
    std::unique_ptr<hub::Hub> hub;
    std::unique_ptr<hub::HubServer> server;
    std::unique_ptr<HttpClient> http;

    explicit HubFixture(hub::ServerOptions options = {}, hub::HubOptions hubOpts = {})
        : serverOptions(std::move(options)), hubOptions(std::move(hubOpts))
    {
        if (!testDbUrl().isEmpty())
            emptyTestDb(testDbUrl());
        if (serverOptions.accessLogPath.isEmpty())
            serverOptions.accessLogPath = dir.filePath(QStringLiteral("access.log"));
        start();
    }
    ~HubFixture() { stop(); }

    void start()
    {
        auto opened = hub::HubStore::open(dir.path(), testDbUrl());
        INFO((opened ? QString() : opened.error().message).toStdString());
        REQUIRE(opened.ok());
        store = std::move(opened.value());
        blobs = std::make_unique<core::BlobStore>(dir.filePath(QStringLiteral("blobs")));
        hub::HubOptions options = hubOptions;
        options.info = sync::HubInfo{QStringLiteral("urs-teste"), QStringLiteral("URS Teste")};
        hub = std::make_unique<hub::Hub>(*store, *blobs, core::ReferenceData::embedded(), clock, options);
        server = std::make_unique<hub::HubServer>(*hub, serverOptions);
        const quint16 port = server->listen(QHostAddress::LocalHost, 0);
        REQUIRE(port != 0);
        http = std::make_unique<HttpClient>(port);
    }
    void stop()
    {
        http.reset();
        server.reset();
        hub.reset();
        blobs.reset();
        store.reset();
    }

    // Stops the hub and removes its database (SQLite files, or empties the test PostgreSQL
    // database): a migration test then opens an older schema in its place.
    void wipeDatabase()
    {
        stop();
        if (testDbUrl().isEmpty()) {
            for (const char *suffix : {"", "-wal", "-shm"})
                QFile::remove(dir.filePath(hub::HubStore::fileName() + QLatin1String(suffix)));
        } else {
            emptyTestDb(testDbUrl());
        }
    }

    QString enroll(const sync::Scope &scope)
    {
        auto issued = hub::TokenDesk(*hub).issueCode(scope, QStringLiteral("teste"));
        REQUIRE(issued.ok());
        const HttpReply reply = http->post(
            QStringLiteral("/api/v1/enroll"),
            sync::encode(sync::EnrollRequest{issued->code, core::newUuid(), QStringLiteral("PC da SMS")}));
        INFO(reply.body.toStdString());
        REQUIRE(reply.status == 201);
        auto decoded = sync::decodeEnrollResponse(reply.body);
        REQUIRE(decoded.ok());
        return decoded->token;
    }
    QString enrollMunicipality(const QString &ibge)
    {
        sync::Scope s;
        s.kind = sync::Scope::Kind::Municipality;
        s.municipality = ibge;
        return enroll(s);
    }
    QString enrollUrs(const QString &urs)
    {
        sync::Scope s;
        s.kind = sync::Scope::Kind::Urs;
        s.urs = urs;
        return enroll(s);
    }
    QString enrollCentral()
    {
        sync::Scope s;
        s.kind = sync::Scope::Kind::Central;
        return enroll(s);
    }

    void putBlobs(const TestReport &t, const QString &token)
    {
        for (const QByteArray &bytes : t.photos) {
            const HttpReply r =
                http->put(QStringLiteral("/api/v1/blobs/") + core::BlobStore::sha256Hex(bytes), bytes, token,
                          "image/jpeg");
            INFO(r.body.toStdString());
            REQUIRE((r.status == 201 || r.status == 200));
        }
    }
    HttpReply pushManifest(const TestReport &t, const QString &token)
    {
        return http->put(t.path(), t.manifest, token);
    }
    // Blobs then manifest; requires the 201 receipt.
    sync::Receipt push(const TestReport &t, const QString &token)
    {
        putBlobs(t, token);
        const HttpReply r = pushManifest(t, token);
        INFO(r.body.toStdString());
        REQUIRE(r.status == 201);
        auto receipt = sync::decodeReceipt(r.body);
        REQUIRE(receipt.ok());
        return receipt.value();
    }
    sync::StatusPage status(const QString &token, qint64 since = 0)
    {
        const HttpReply r = http->get(QStringLiteral("/api/v1/status?since=%1").arg(since), token);
        INFO(r.body.toStdString());
        REQUIRE(r.status == 200);
        auto page = sync::decodeStatusPage(r.body);
        REQUIRE(page.ok());
        return page.value();
    }
    int preflightStatus(const QString &token)
    {
        return http->get(QStringLiteral("/api/v1/preflight"), token).status;
    }
};

// Runs the built mobiliza-hub and waits for it.
struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
    QStringList lines() const { return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts); }
};

inline CliRun runHub(const QStringList &arguments)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("MOBILIZA_LANG"), QStringLiteral("en"));
    env.remove(QStringLiteral("MOBILIZA_HUB_DB"));
    p.setProcessEnvironment(env);
    p.start(hubExecutable(), arguments);
    REQUIRE(p.waitForStarted(10000));
    REQUIRE(p.waitForFinished(30000));
    CliRun run;
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

// The URS of Belo Horizonte (Belo Horizonte and its neighbours report to it).
inline const QString kBeloUrs = QStringLiteral("Belo Horizonte");

// A blob's name: the SHA-256 of its bytes, in hex.
inline QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// The arguments that point `mobiliza-hub` at the fixture's data (and database).
inline QStringList hubDataArgs(const HubFixture &f)
{
    QStringList args{QStringLiteral("--data"), f.dir.path()};
    if (!testDbUrl().isEmpty())
        args << QStringLiteral("--db") << testDbUrl();
    return args;
}

// A request body as the protocol writes it.
inline QByteArray compactJson(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// The reports of a status feed's page, in its order.
inline QStringList reportsIn(const sync::StatusPage &page)
{
    QStringList reports;
    for (const auto &e : page.events)
        reports << e.report;
    return reports;
}

} // namespace mobiliza::test
