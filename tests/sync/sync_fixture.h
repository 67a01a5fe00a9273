// Shared by the sync tests: a temporary profile with a fixed clock and a
// deterministic jitter, concluded reports with photos, and a tiny HTTP server
// on 127.0.0.1 that answers what each test scripts (captive portals, 413,
// 5xx, garbage, a hub that never answers…).
#pragma once

#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "core/domain/clock.h"
#include "core/services/outbox_service.h"
#include "core/services/services.h"
#include "tests/support/valid_report.h"
#include "tests/support/temp_dir.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimeZone>

#include <functional>
#include <memory>

namespace mobiliza::test {

// An apoiador's profile of the apoio register (issue 11) in `uf`, with a fixed clock.
struct ApoiadorProfile
{
    TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services;

    explicit ApoiadorProfile(const QString &uf = QStringLiteral("BA"))
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
        REQUIRE(services->profile().setProgram(QStringLiteral("apoio_cosems")).ok());
        REQUIRE(services->profile().setRole(core::Role::Municipality, uf).ok());
    }
};

struct SyncProfile
{
    TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services;
    double jitter = 0.5; // random01 for the backoff: 0.5 = no jitter
    std::unique_ptr<core::OutboxService> outbox;

    explicit SyncProfile(const QString &municipality = QStringLiteral("3106200"))
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
        REQUIRE(services->profile().setMunicipality(municipality).ok());
        outbox = std::make_unique<core::OutboxService>(services->database(), services->notifier(), clock,
                                                       services->audit(), [this] { return jitter; });
    }

    // A concluded (Ready) report of `period` with `photos` distinct photos (in
    // as many valid actions as the program's photo limit needs; none: "sem ações
    // no mês"); returns the report uuid.
    QString concludedReport(const core::Period &period, int photos, int photoBytes = 2000)
    {
        auto &reports = services->reports();
        auto created = reports.createReport(QStringLiteral("ses_mg_mobilizacao"), period);
        REQUIRE(created.ok());
        const QString uuid = created->uuid;
        if (photos == 0) {
            REQUIRE(reports.setNoActions(uuid, true, QStringLiteral("Sem ações neste mês (teste).")).ok());
        } else {
            // The program allows test::kMaxPhotosPerAction photos per action:
            // more photos make more actions.
            QString actionUuid;
            for (int i = 0; i < photos; ++i) {
                if (i % test::kMaxPhotosPerAction == 0) {
                    auto action = reports.addAction(
                        uuid, test::validActionValues(period, i / test::kMaxPhotosPerAction + 1,
                                                      QStringLiteral("Blitz")));
                    REQUIRE(action.ok());
                    actionUuid = action->uuid;
                }
                QByteArray bytes(photoBytes, char('a' + (i % 26)));
                bytes.prepend(period.key().toUtf8() + QByteArray::number(i));
                auto sha = services->blobs().put(bytes);
                REQUIRE(sha.ok());
                core::Photo p = test::validPhoto(sha.value(), period, i + 1, bytes.size());
                p.caption = QStringLiteral("Foto %1").arg(i + 1);
                REQUIRE(reports.addPhoto(actionUuid, p).ok());
            }
        }
        REQUIRE(reports.conclude(uuid).ok());
        return uuid;
    }

    core::OutboxItem itemOf(const QString &reportUuid)
    {
        const auto listed = outbox->items();
        REQUIRE(listed.ok());
        for (const auto &item : listed.value())
            if (item.reportUuid == reportUuid)
                return item;
        FAIL("no outbox item for the report");
        return {};
    }

    core::ReportState stateOf(const QString &reportUuid)
    {
        auto r = services->reports().report(reportUuid);
        REQUIRE(r.ok());
        return r->state;
    }
};

// One parsed request as the fake server saw it.
struct SeenRequest
{
    QByteArray method;
    QByteArray path;                       // with the query
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
};

// What to answer: raw HTTP, or hang (never answer), or close the connection.
struct CannedResponse
{
    enum class Kind
    {
        Reply,
        Hang,
        Close
    };
    Kind kind = Kind::Reply;
    QByteArray raw;

    static CannedResponse http(int status, const QByteArray &body,
                               const QByteArray &contentType = "application/json",
                               const QList<QByteArray> &extraHeaders = {})
    {
        QByteArray reason = status == 200 ? "OK" : status == 201 ? "Created" : "Status";
        QByteArray raw = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
        raw += "Content-Type: " + contentType + "\r\n";
        raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        for (const QByteArray &h : extraHeaders)
            raw += h + "\r\n";
        raw += "\r\n" + body;
        return CannedResponse{Kind::Reply, raw};
    }
    static CannedResponse hang() { return CannedResponse{Kind::Hang, {}}; }
    static CannedResponse close() { return CannedResponse{Kind::Close, {}}; }
};

class FakeHttpServer : public QObject
{
public:
    using Handler = std::function<CannedResponse(const SeenRequest &)>;

    explicit FakeHttpServer(Handler handler) : m_handler(std::move(handler))
    {
        REQUIRE(m_server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                QObject::connect(socket, &QTcpSocket::readyRead, this,
                                 [this, socket] { onReadyRead(socket); });
            }
        });
    }

    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    const QList<SeenRequest> &requests() const { return m_requests; }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const int end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            SeenRequest request;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            qint64 length = 0;
            for (int i = 1; i < lines.size(); ++i) {
                const int colon = lines[i].indexOf(':');
                if (colon < 0)
                    continue;
                const QByteArray name = lines[i].left(colon).trimmed().toLower();
                const QByteArray value = lines[i].mid(colon + 1).trimmed();
                request.headers.insert(name, value);
                if (name == "content-length")
                    length = value.toLongLong();
            }
            if (buffer.size() < end + 4 + length)
                return; // wait for the body
            request.body = buffer.mid(end + 4, length);
            buffer.remove(0, int(end + 4 + length));
            m_requests << request;
            const CannedResponse response = m_handler(request);
            if (response.kind == CannedResponse::Kind::Hang)
                return;
            if (response.kind == CannedResponse::Kind::Close) {
                socket->abort();
                return;
            }
            socket->write(response.raw);
        }
    }

    QTcpServer m_server;
    Handler m_handler;
    QList<SeenRequest> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

// Runs the event loop until `done` is true or `ms` passed.
inline bool waitFor(const std::function<bool()> &done, int ms = 10'000)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

} // namespace mobiliza::test
