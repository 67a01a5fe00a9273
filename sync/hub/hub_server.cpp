#include "sync/hub/hub_server.h"

#include "core/domain/clock.h"
#include "core/services/blob_store.h"
#include "sync/hub/hub_store.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QUrl>
#include <QUrlQuery>

#include <microhttpd.h>

#include <cstring>
#include <map>

#include <sys/resource.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

namespace mobiliza::hub {

namespace {

// The most of a refused body read (and dropped) so that its sender gets the answer:
// a little more than the route takes, never more than 16 MiB.
qint64 drainLimit(const HubDispatcher::Admission &admission)
{
    return qMin<qint64>(16LL * 1024 * 1024, admission.maxBody + 1024 * 1024);
}

// A worker's clock: the server's Hub's (a test's fixed clock reaches every thread).
class ForwardingClock final : public core::Clock
{
public:
    explicit ForwardingClock(const Hub &hub) : m_hub(hub) {}
    QDateTime now() const override { return m_hub.now(); }

private:
    const Hub &m_hub;
};

// The open-file limit raised to its hard maximum (up to 65,536): each connection is one.
rlim_t raiseOpenFileLimit()
{
    struct rlimit limit = {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    const rlim_t wanted = limit.rlim_max == RLIM_INFINITY ? 65536 : qMin<rlim_t>(limit.rlim_max, 65536);
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < wanted) {
        struct rlimit raised = limit;
        raised.rlim_cur = wanted;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? 65536 : limit.rlim_cur;
}

} // namespace

// One request between the access handler's calls.
struct RequestState
{
    HubRequest request;
    HubDispatcher::Admission admission;
    std::shared_ptr<core::BlobWriter> writer;
    qint64 received = 0;
    bool draining = false;   // refused: the body is read and dropped, then the refusal is sent
    bool overflowed = false; // a chunked body went over its route's limit: dropped, then 413
};

// One worker thread's Hub and dispatcher.
struct ThreadWorker
{
    std::unique_ptr<HubWorker> worker;
    std::unique_ptr<HubDispatcher> dispatcher;
};

// Destroyed when a pool thread ends (at MHD_stop_daemon): its database
// connections close on the thread that opened them.
struct ThreadWorkers
{
    std::map<const HubServer::Impl *, std::unique_ptr<ThreadWorker>> byServer;
};
thread_local ThreadWorkers t_workers;

struct HubServer::Impl
{
    Hub &hub;
    HubOpener opener;
    HubDispatcher prototype; // the options, limiters and log every thread shares
    MHD_Daemon *daemon = nullptr;

    Impl(Hub &h, ServerOptions options, HubOpener o)
        : hub(h), opener(std::move(o)), prototype(h, std::move(options))
    {
    }

    // This thread's Hub and dispatcher, opened on first use; nullptr (and *error) when that fails.
    ThreadWorker *worker(core::Error *error)
    {
        auto &slot = t_workers.byServer[this];
        if (!slot) {
            auto opened = opener();
            if (!opened) {
                *error = opened.error();
                t_workers.byServer.erase(this);
                return nullptr;
            }
            auto worker = std::make_unique<ThreadWorker>();
            worker->worker = std::move(opened.value());
            worker->dispatcher = std::make_unique<HubDispatcher>(*worker->worker->hub, prototype);
            slot = std::move(worker);
        }
        return slot.get();
    }

    static MHD_Result answer(void *cls, MHD_Connection *connection, const char *url, const char *method,
                             const char *version, const char *uploadData, size_t *uploadDataSize,
                             void **context);
    static void completed(void *cls, MHD_Connection *connection, void **context,
                          MHD_RequestTerminationCode code);
};

namespace {

MHD_Result queue(MHD_Connection *connection, const HubResponse &response)
{
    MHD_Response *r = MHD_create_response_from_buffer(size_t(response.body.size()),
                                                      const_cast<char *>(response.body.constData()),
                                                      MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    for (const auto &h : response.headers)
        MHD_add_response_header(r, h.first.constData(), h.second.constData());
    const MHD_Result queued = MHD_queue_response(connection, unsigned(response.status), r);
    MHD_destroy_response(r);
    return queued;
}

MHD_Result collectHeader(void *cls, MHD_ValueKind, const char *key, const char *value)
{
    auto *headers = static_cast<HeaderList *>(cls);
    headers->append(qMakePair(QByteArray(key), QByteArray(value ? value : "")));
    return MHD_YES;
}

MHD_Result collectArgument(void *cls, MHD_ValueKind, const char *key, const char *value)
{
    auto *parts = static_cast<QByteArrayList *>(cls);
    QByteArray part = QUrl::toPercentEncoding(QString::fromUtf8(key));
    if (value)
        part += '=' + QUrl::toPercentEncoding(QString::fromUtf8(value));
    parts->append(part);
    return MHD_YES;
}

HubRequest headersOf(MHD_Connection *connection, const char *url, const char *method)
{
    HubRequest request;
    request.method = QByteArray(method);
    request.path = QString::fromUtf8(url);
    MHD_get_connection_values(connection, MHD_HEADER_KIND, collectHeader, &request.headers);
    QByteArrayList arguments;
    MHD_get_connection_values(connection, MHD_GET_ARGUMENT_KIND, collectArgument, &arguments);
    request.query = QString::fromLatin1(arguments.join('&'));
    if (const MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS))
        request.peer = QHostAddress(info->client_addr);
    return request;
}

// A request's headers are in: acknowledge them now. QNetworkAccessManager writes
// a request's headers and its body in two writes, without TCP_NODELAY, so Nagle
// holds the body back until the headers are acknowledged — and Linux delays that
// ACK by up to 40 ms (measured: a 12-month backlog took 11 s of wall time for
// 0.5 s of CPU; bench/hub/bench_push.sh). TCP_QUICKACK sends the pending ACK at
// once (the kernel drops the flag again by itself: it is set per request).
void acknowledgeNow(MHD_Connection *connection)
{
#ifdef TCP_QUICKACK
    if (const MHD_ConnectionInfo *info =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD)) {
        const int on = 1;
        ::setsockopt(info->connect_fd, IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
    }
#else
    Q_UNUSED(connection)
#endif
}

// Content-Length as declared; -1 for a chunked body (measured as it arrives).
qint64 declaredLength(const HubRequest &request)
{
    if (request.header("Transfer-Encoding").toLower().contains("chunked"))
        return -1;
    const QByteArray length = request.header("Content-Length").trimmed();
    if (length.isEmpty())
        return 0;
    bool ok = false;
    const qint64 n = length.toLongLong(&ok);
    return ok && n >= 0 ? n : -1;
}

} // namespace

MHD_Result HubServer::Impl::answer(void *cls, MHD_Connection *connection, const char *url, const char *method,
                                   const char *, const char *uploadData, size_t *uploadDataSize,
                                   void **context)
{
    auto *self = static_cast<Impl *>(cls);
    core::Error openError;
    ThreadWorker *worker = self->worker(&openError);
    if (!worker) {
        HubResponse failure;
        const Refusal e = Hub::serverError(openError);
        failure.status = e.status;
        failure.headers << qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
        failure.body = sync::encode(e.body);
        return queue(connection, failure);
    }

    HubDispatcher *dispatcher = worker->dispatcher.get();
    auto *state = static_cast<RequestState *>(*context);
    if (!state) {
        // Headers only: every check that needs no body, before a byte of it is read.
        state = new RequestState;
        *context = state;
        state->request = headersOf(connection, url, method);
        acknowledgeNow(connection);
        const qint64 declared = declaredLength(state->request);
        state->admission = dispatcher->admit(state->request, declared);
        if (!state->admission.admitted) {
            // A client that sends its body without waiting (no `Expect: 100-continue`;
            // QNetworkAccessManager never waits) would see the connection reset instead
            // of the answer if it were closed under it: a body of reasonable size is
            // read and dropped first. Anything larger is refused unread.
            const bool waits =
                state->request.header("Expect").trimmed().toLower() == QByteArrayLiteral("100-continue");
            if (declared > 0 && declared <= drainLimit(state->admission) && !waits) {
                state->draining = true;
                return MHD_YES;
            }
            return queue(connection, state->admission.refusal);
        }
        const QString blob = state->admission.blobName();
        if (!blob.isEmpty() && state->request.method == QByteArrayLiteral("PUT")) {
            auto writer = worker->worker->hub->blobs().beginWrite(blob);
            if (writer)
                state->writer = std::shared_ptr<core::BlobWriter>(std::move(writer.value()));
            else
                state->request.uploadError = writer.error();
        }
        return MHD_YES;
    }

    if (state->draining) {
        if (*uploadDataSize > 0) {
            *uploadDataSize = 0;
            return MHD_YES;
        }
        return queue(connection, state->admission.refusal);
    }

    if (*uploadDataSize > 0) {
        const size_t n = *uploadDataSize;
        *uploadDataSize = 0;
        state->received += qint64(n);
        if (state->overflowed || state->received > state->admission.maxBody) {
            // More than the route takes (a chunked body declares no length; libmicrohttpd
            // stops a declared one at its length): nothing more is kept, and the 413 goes
            // out once the body ends (a response cannot be queued in the middle of one).
            // Beyond what is worth reading, the connection is closed.
            state->overflowed = true;
            state->writer.reset();
            state->request.body.clear();
            if (state->received > state->admission.maxBody + drainLimit(state->admission)) {
                state->request.receivedBytes = state->received;
                dispatcher->abandon(state->admission, state->request);
                return MHD_NO;
            }
            return MHD_YES;
        }
        if (state->writer) {
            if (auto written = state->writer->write(uploadData, qint64(n)); !written) {
                state->request.uploadError = written.error();
                state->writer.reset(); // the unnamed file goes with it
            }
        } else if (state->admission.route != HubDispatcher::Route::Blob) {
            state->request.body.append(uploadData, qsizetype(n));
        }
        // A photo upload under a malformed name is only counted: the handler refuses the name.
        return MHD_YES;
    }

    // The whole body is here.
    state->request.receivedBytes = state->received;
    state->request.upload = state->writer;
    const HubResponse response = dispatcher->complete(state->admission, state->request);
    return queue(connection, response);
}

void HubServer::Impl::completed(void *cls, MHD_Connection *, void **context, MHD_RequestTerminationCode)
{
    auto *state = static_cast<RequestState *>(*context);
    if (!state)
        return;
    // Admitted but never answered: the client went away or timed out mid-body.
    if (state->admission.admitted && !state->admission.finished) {
        core::Error ignored;
        if (ThreadWorker *worker = static_cast<Impl *>(cls)->worker(&ignored)) {
            state->request.receivedBytes = state->received;
            worker->dispatcher->abandon(state->admission, state->request);
        }
    }
    delete state; // an unfinished upload's unnamed file goes with it
    *context = nullptr;
}

namespace {

// The postgresql:// address HubStore::open takes, rebuilt from an open connection.
QString postgresUrl(const QSqlDatabase &db)
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(db.userName());
    url.setPassword(db.password());
    QUrlQuery query;
    if (db.hostName().startsWith(QLatin1Char('/')))
        query.addQueryItem(QStringLiteral("host"), db.hostName()); // a Unix socket folder
    else if (!db.hostName().isEmpty())
        url.setHost(db.hostName());
    if (db.port() > 0)
        url.setPort(db.port());
    url.setPath(QLatin1Char('/') + db.databaseName());
    for (const QString &option : db.connectOptions().split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype eq = option.indexOf(QLatin1Char('='));
        if (eq > 0)
            query.addQueryItem(option.left(eq).trimmed(), option.mid(eq + 1).trimmed());
    }
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

HubOpener siblingOpener(Hub &hub)
{
    // Read here, on the thread that owns `hub`; the workers only use the copies.
    const QSqlDatabase db = hub.store().db();
    const QString dbUrl = hub.store().isPostgres() ? postgresUrl(db) : QString();
    const QString dataDir = hub.store().isPostgres() ? QFileInfo(hub.blobs().dir()).absolutePath()
                                                     : QFileInfo(db.databaseName()).absolutePath();
    const QString blobsDir = hub.blobs().dir();
    const core::ReferenceData reference = hub.reference();
    const HubOptions options = hub.options();
    const Hub *source = &hub;
    return [=]() -> core::Result<std::unique_ptr<HubWorker>> {
        auto store = HubStore::open(dataDir, dbUrl);
        if (!store)
            return store.error();
        auto worker = std::make_unique<HubWorker>();
        worker->store = std::move(store.value());
        worker->blobs = std::make_unique<core::BlobStore>(blobsDir);
        worker->clock = std::make_unique<ForwardingClock>(*source);
        worker->hub = std::make_unique<Hub>(*worker->store, *worker->blobs, reference, *worker->clock, options);
        return worker;
    };
}

} // namespace

HubServer::HubServer(Hub &hub, ServerOptions options, QObject *parent)
    : HubServer(hub, std::move(options), siblingOpener(hub), parent)
{
}

HubServer::HubServer(Hub &hub, ServerOptions options, HubOpener opener, QObject *parent)
    : QObject(parent), d(std::make_unique<Impl>(hub, std::move(options), std::move(opener)))
{
}

HubServer::~HubServer()
{
    if (d->daemon)
        MHD_stop_daemon(d->daemon); // joins the pool: each thread closes its own connections
}

quint16 HubServer::listen(const QHostAddress &address, quint16 port)
{
    if (d->daemon)
        return m_port;
    const ServerOptions &o = d->prototype.options();
    const rlim_t files = raiseOpenFileLimit();
    const int threads = qBound(1, o.threads, 64);
    // Each thread also holds a database connection and its WAL files, and an upload in
    // flight holds its unnamed file beside its socket: two files per connection.
    const int reserve = 32 + threads * 8;
    const int possible = (int(qMin<rlim_t>(files, 1 << 20)) - reserve) / 2;
    m_maxConnections = o.maxConnections > 0 ? qMin(o.maxConnections, possible) : possible;
    if (m_maxConnections < threads) {
        m_error = QStringLiteral("too few open files allowed (%1)").arg(qulonglong(files));
        return 0;
    }
    const unsigned perAddress = o.trustProxy ? 0u : unsigned(qMax(0, o.maxConnectionsPerAddress));

    sockaddr_storage storage = {};
    socklen_t length = 0;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;
    // "::" and QHostAddress::Any listen on both IPv6 and IPv4; an IPv4 address on IPv4 only.
    const bool isV4 = address.protocol() == QAbstractSocket::IPv4Protocol;
    const quint32 v4 = isV4 ? address.toIPv4Address() : 0;
    if (isV4) {
        auto *in = reinterpret_cast<sockaddr_in *>(&storage);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        in->sin_addr.s_addr = htonl(v4);
        length = sizeof(sockaddr_in);
    } else {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR a = address.toIPv6Address(); // :: for QHostAddress::Any
        std::memcpy(&in6->sin6_addr, a.c, 16);
        in6->sin6_scope_id = address.scopeId().toUInt();
        length = sizeof(sockaddr_in6);
        const bool any = address == QHostAddress::Any || address == QHostAddress::AnyIPv6;
        flags |= any ? unsigned(MHD_USE_DUAL_STACK) : unsigned(MHD_USE_IPv6);
    }
    Q_UNUSED(length)

    d->daemon = MHD_start_daemon(
        flags, port, nullptr, nullptr, &Impl::answer, d.get(), MHD_OPTION_SOCK_ADDR,
        reinterpret_cast<sockaddr *>(&storage), MHD_OPTION_THREAD_POOL_SIZE, unsigned(threads),
        MHD_OPTION_CONNECTION_TIMEOUT, unsigned(qMax(1, o.idleTimeoutSeconds)), MHD_OPTION_CONNECTION_LIMIT,
        unsigned(m_maxConnections), MHD_OPTION_PER_IP_CONNECTION_LIMIT, perAddress,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, size_t(qMax<qint64>(16 * 1024, o.connectionMemoryBytes)),
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_NOTIFY_COMPLETED, &Impl::completed, d.get(),
        MHD_OPTION_END);
    if (!d->daemon) {
        m_error = QStringLiteral("the address is in use or not on this machine");
        return 0;
    }
    const MHD_DaemonInfo *info = MHD_get_daemon_info(d->daemon, MHD_DAEMON_INFO_BIND_PORT);
    m_port = info ? quint16(info->port) : port;
    return m_port;
}

} // namespace mobiliza::hub
