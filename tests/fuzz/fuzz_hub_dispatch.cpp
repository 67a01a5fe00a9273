// The hub's request handling in-process (sync/hub/hub_dispatch.*: route →
// method → size → token → rate limit → handler), no socket, on a real Hub with
// a SQLite store in a scratch folder and one enrolled installation.
//
// Input: an HTTP/1.1-like request in text,
//   "<METHOD> <path>[?<query>]\n" then "<Name>: <value>\n" header lines, an
//   empty line, then the body (the rest of the input).
// "$TOKEN" anywhere in the head becomes the enrolled installation's token and
// "$SHA" in the path the SHA-256 of the body, so mutations get past the token
// check and reach the blob and revision handlers.
//
// Invariants beyond "no crash": every status is a real HTTP status; every
// error answer is a well-formed protocol error body (sync::decodeError);
// a 401 to a token carries WWW-Authenticate, 405 carries Allow, 429 Retry-After.
#include "core/domain/clock.h"
#include "core/reference/reference_data.h"
#include "core/services/blob_store.h"
#include "sync/hub/hub.h"
#include "sync/hub/hub_dispatch.h"
#include "sync/hub/hub_store.h"
#include "sync/hub/hub_tokens.h"
#include "tests/fuzz/fuzz_common.h"

#include <QUrl>

#include <cstdio>

using namespace mobiliza;

namespace {

struct World
{
    core::FixedClock clock{QDateTime(QDate(2025, 4, 2), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<hub::HubStore> store;
    std::unique_ptr<core::BlobStore> blobs;
    std::unique_ptr<hub::Hub> hub;
    std::unique_ptr<hub::HubDispatcher> dispatcher;
    QByteArray token;
};

World *world = nullptr;

[[noreturn]] void fail(const char *why)
{
    std::fprintf(stderr, "fuzz_hub_dispatch setup: %s\n", why);
    std::abort();
}

QString worldDir()
{
    return fuzz::scratchDir() + QStringLiteral("/hub");
}

World *makeWorld()
{
    auto *w = new World;
    const QString dir = worldDir();
    auto store = hub::HubStore::open(dir);
    if (!store)
        fail(qPrintable(store.error().message));
    w->store = std::move(store.value());
    w->blobs = std::make_unique<core::BlobStore>(dir + QStringLiteral("/blobs"));
    hub::HubOptions options;
    options.info = sync::HubInfo{QStringLiteral("urs-fuzz"), QStringLiteral("URS Fuzz")};
    w->hub = std::make_unique<hub::Hub>(*w->store, *w->blobs, core::ReferenceData::embedded(), w->clock, options);
    hub::ServerOptions server;
    server.tokenRatePerSecond = 1e9; // the fuzzer must reach the handlers, not the limiter
    server.tokenBurst = 1e9;
    server.enrollPerMinute = 1e9;
    server.enrollBurst = 1e9;
    server.accessLogPath = QStringLiteral("/dev/null"); // formatted and written, then dropped
    server.trustProxy = true;                           // X-Forwarded-For is parsed too
    w->dispatcher = std::make_unique<hub::HubDispatcher>(*w->hub, server);

    auto scope = w->hub->municipalityScope(QStringLiteral("3106200"));
    if (!scope)
        fail("scope");
    hub::TokenDesk tokens(*w->hub);
    auto code = tokens.issueCode(scope.value(), QStringLiteral("SMS Belo Horizonte"));
    if (!code)
        fail("issueCode");
    auto enrolled = tokens.enroll(
        sync::EnrollRequest{code->code, QStringLiteral("fuzz-installation"), QStringLiteral("fuzz")});
    if (!enrolled)
        fail("enroll");
    w->token = enrolled->token.toLatin1();
    return w;
}

bool hasHeader(const hub::HubResponse &r, const QByteArray &name)
{
    for (const auto &h : r.headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0 && !h.second.isEmpty())
            return true;
    return false;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::app();
    world = makeWorld();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // Every stored blob is a file in the scratch folder (/dev/shm): start a new
    // hub now and then so a long run does not fill the machine's memory.
    static int runs = 0;
    if (++runs % 20000 == 0) {
        delete world;
        QDir(worldDir()).removeRecursively();
        world = makeWorld();
    }
    const QByteArray input = fuzz::bytes(data, size);
    qsizetype headEnd = input.indexOf("\n\n");
    const QByteArray head = headEnd < 0 ? input : input.left(headEnd);
    hub::HubRequest request;
    request.body = headEnd < 0 ? QByteArray() : input.mid(headEnd + 2);

    QList<QByteArray> lines = head.split('\n');
    const QByteArray requestLine = lines.takeFirst();
    const qsizetype space = requestLine.indexOf(' ');
    request.method = space < 0 ? requestLine : requestLine.left(space);
    QByteArray target = space < 0 ? QByteArray() : requestLine.mid(space + 1);
    target.replace("$TOKEN", world->token);
    target.replace("$SHA", core::BlobStore::sha256Hex(request.body).toLatin1());
    const qsizetype question = target.indexOf('?');
    request.path = QUrl::fromPercentEncoding(question < 0 ? target : target.left(question));
    request.query = question < 0 ? QString() : QString::fromLatin1(target.mid(question + 1));
    for (QByteArray line : std::as_const(lines)) {
        line.replace("$TOKEN", world->token);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers << qMakePair(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
    }
    request.peer = QHostAddress(QHostAddress::LocalHost);

    const hub::HubResponse response = world->dispatcher->dispatch(request);
    if (fuzz::verbose())
        std::fprintf(stderr, "%s %s -> %d %s\n", request.method.constData(), qPrintable(request.path),
                     response.status, response.body.left(300).constData());
    if (response.status < 100 || response.status > 599)
        std::abort();
    if (response.status >= 400 && request.method != "HEAD") {
        auto error = sync::decodeError(response.body);
        if (!error || error->code.isEmpty() || error->message.isEmpty())
            std::abort();
    }
    // (enroll answers a bad code with 401 invalid_code and no challenge: no token scheme applies there)
    const bool enroll = request.path == QLatin1String("/api/v1/enroll");
    if ((response.status == 401 && !enroll && !hasHeader(response, "WWW-Authenticate")) ||
        (response.status == 405 && !hasHeader(response, "Allow")) ||
        (response.status == 429 && !hasHeader(response, "Retry-After")))
        std::abort();
    return 0;
}
