#include "sync/hub/hub_server.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>

namespace mobiliza::hub {

namespace {

using Method = QHttpServerRequest::Method;

QByteArray methodName(Method m)
{
    switch (m) {
    case Method::Get:
        return QByteArrayLiteral("GET");
    case Method::Put:
        return QByteArrayLiteral("PUT");
    case Method::Delete:
        return QByteArrayLiteral("DELETE");
    case Method::Post:
        return QByteArrayLiteral("POST");
    case Method::Head:
        return QByteArrayLiteral("HEAD");
    case Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case Method::Patch:
        return QByteArrayLiteral("PATCH");
    case Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("OTHER");
    }
}

} // namespace

HubServer::HubServer(Hub &hub, ServerOptions options, QObject *parent)
    : QObject(parent), m_dispatcher(hub, std::move(options)), m_server(std::make_unique<QHttpServer>())
{
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        respond(request, std::move(responder));
    });
}

HubServer::~HubServer() = default;

quint16 HubServer::listen(const QHostAddress &address, quint16 port)
{
    m_port = m_server->listen(address, port);
    return m_port;
}

void HubServer::respond(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    HubRequest in;
    in.method = methodName(request.method());
    in.path = request.url().path();
    in.query = request.url().query(QUrl::FullyEncoded);
    in.headers = request.headers();
    in.body = request.body();
    in.peer = request.remoteAddress();
    const HubResponse out = m_dispatcher.dispatch(in);

    QByteArray contentType;
    for (const auto &h : out.headers)
        if (h.first.compare("Content-Type", Qt::CaseInsensitive) == 0)
            contentType = h.second;
    QHttpServerResponse response(contentType, out.body, QHttpServerResponse::StatusCode(out.status));
    for (const auto &h : out.headers)
        if (h.first.compare("Content-Type", Qt::CaseInsensitive) != 0)
            response.setHeader(h.first, h.second);
    response.write(std::move(responder));
}

} // namespace mobiliza::hub
