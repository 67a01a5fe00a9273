// The client end of docs/protocol.md: one asynchronous call per route over an
// injected QNetworkAccessManager (tests pass their own), each answer decoded
// with the shared codecs (sync/protocol.h) and every failure turned into a
// typed HubError with words a user can act on.
//
// Rules kept here so no caller can get them wrong:
// - success is ONLY a 200/201 whose body decodes as the route's expected JSON
//   (a captive portal's 200 page, a redirect or a proxy's page is NotHub);
// - redirects are never followed (captive portals redirect);
// - 30 s to connect, then 60 s without progress in either direction aborts
//   the request (Timeout); progress restarts the clock, so a slow but moving
//   upload is never cut;
// - the token goes only into the Authorization header: never into URLs,
//   messages or logs.
//
// Callbacks run on the thread of the HubClient (the main thread), after the
// call returned; abortAll() answers Aborted; a destroyed HubClient calls nothing.
#pragma once

#include "core/domain/types.h"
#include "sync/client/hub_error.h"
#include "sync/protocol.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace mobiliza::sync {

struct BlobStored
{
    QString sha256;
    qint64 bytes = 0;
    bool created = false; // 201; false: the hub already had it (200)
};

struct PartnerApplied
{
    QString partner;
    bool applied = false; // false: the hub had a newer version
};

class HubClient : public QObject
{
    Q_OBJECT

public:
    struct Timeouts
    {
        int connectMs = 30'000;
        int idleMs = 60'000;
    };

    template <typename T> using Callback = std::function<void(HubResult<T>)>;
    using Progress = std::function<void(qint64 sent, qint64 total)>;

    explicit HubClient(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~HubClient() override;

    // The hub's address as the URS gave it ("https://hub.urs-barbacena.mg.gov.br",
    // possibly with a path prefix); routes go under <url>/api/v1/….
    void setBaseUrl(const QUrl &url) { m_base = url; }
    QUrl baseUrl() const { return m_base; }
    void setToken(const QString &token) { m_token = token; }
    bool hasToken() const { return !m_token.isEmpty(); }
    void setTimeouts(Timeouts timeouts) { m_timeouts = timeouts; }
    Timeouts timeouts() const { return m_timeouts; }

    void preflight(Callback<Preflight> done);
    void enroll(const EnrollRequest &request, Callback<EnrollResponse> done); // no token needed
    void missingBlobs(const QStringList &blobs, Callback<QStringList> done);
    void putBlob(const QString &sha256, const QByteArray &bytes, Progress progress,
                 Callback<BlobStored> done);
    // The answer's receipt is checked against the request (report, revision);
    // the caller compares the manifest hash with its own.
    void putManifest(const QString &reportUuid, int revision, const QByteArray &manifest, Progress progress,
                     Callback<Receipt> done);
    void status(qint64 since, int limit, Callback<StatusPage> done);
    void putPartner(const core::Partner &partner, Callback<PartnerApplied> done);
    void deletePartner(const QString &uuid, Callback<PartnerApplied> done);

    // Stops every call in flight; their callbacks get Aborted.
    void abortAll();
    int callsInFlight() const { return int(m_inFlight.size()); }

    // Body bytes written so far (requests) — for progress and measurements.
    qint64 bodyBytesSent() const { return m_bodyBytesSent; }

    // Valid hub addresses are http(s) URLs with a host; "hub.example" gets https://.
    static QUrl normalizeUrl(const QString &text);
    static bool isValidHubUrl(const QUrl &url);

private:
    struct Response
    {
        int status = 0; // HTTP status; 0 when none
        QByteArray body;
        int networkError = 0; // QNetworkReply::NetworkError
        bool timedOut = false;
        bool aborted = false;
        QByteArray retryAfter;
    };
    using Handler = std::function<void(const Response &)>;

    enum class Route
    {
        Preflight,
        Enroll,
        Missing,
        Blob,
        Manifest,
        Status,
        Partner
    };

    void send(const QByteArray &verb, const QString &path, const QByteArray &body,
              const QByteArray &contentType, bool authenticated, Progress progress, Handler handler);
    QUrl routeUrl(const QString &path) const;
    HubError errorFor(const Response &response, Route route) const;
    QString host() const;

    QNetworkAccessManager *m_network;
    QUrl m_base;
    QString m_token;
    Timeouts m_timeouts;
    QList<QPointer<QNetworkReply>> m_inFlight;
    qint64 m_bodyBytesSent = 0;
};

} // namespace mobiliza::sync
