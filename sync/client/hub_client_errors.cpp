// HubClient: what a hub's answer means for the user (HubClient::errorFor) — every
// refusal, a proxy's or a captive portal's page, a cut connection — as one HubError
// whose kind the sync engine acts on and whose words the Sync page shows.
#include "sync/client/hub_client.h"

#include <QCoreApplication>
#include <QDateTime>

#include <algorithm>

namespace mobiliza::sync {

namespace {

int retryAfterSeconds(const QByteArray &header)
{
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return 0;
    bool ok = false;
    const int seconds = value.toInt(&ok);
    if (ok)
        return std::clamp(seconds, 0, 24 * 3600);
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (at.isValid())
        return int(std::clamp<qint64>(QDateTime::currentDateTimeUtc().secsTo(at), 0, 24 * 3600));
    return 0;
}

} // namespace

HubError HubClient::errorFor(const Response &r, Route route) const
{
    using K = HubError::Kind;
    if (r.refused)
        return HubError::make(K::Insecure, host(), 0);
    if (r.timedOut)
        return HubError::make(K::Timeout, host(), r.status);
    if (r.aborted)
        return HubError::make(K::Aborted, host(), r.status);

    // Transport failures (QNetworkReply::NetworkError 1–199) win over any status
    // seen before the cut: an answer cut in the middle is not an answer.
    const auto net = QNetworkReply::NetworkError(r.networkError);
    if (net != QNetworkReply::NoError && r.networkError < 200) {
        switch (net) {
        case QNetworkReply::HostNotFoundError:
        case QNetworkReply::TemporaryNetworkFailureError:
        case QNetworkReply::NetworkSessionFailedError:
        case QNetworkReply::ProxyNotFoundError:
            return HubError::make(K::Offline, host(), r.status);
        case QNetworkReply::TimeoutError:
        case QNetworkReply::ProxyTimeoutError:
            return HubError::make(K::Timeout, host(), r.status);
        case QNetworkReply::SslHandshakeFailedError:
            return HubError::make(K::Tls, host(), r.status);
        default: // incl. UnknownNetworkError: Qt reports a reset mid-upload that way
            return HubError::make(K::Unreachable, host(), r.status);
        }
    }
    if (net == QNetworkReply::SslHandshakeFailedError)
        return HubError::make(K::Tls, host(), r.status);
    if (r.status == 0)
        return HubError::make(K::Unreachable, host(), 0);

    auto decoded = decodeError(r.body);
    const ErrorBody body = decoded ? decoded.value() : ErrorBody{};
    HubError e;
    // An enrollment the hub refused for what the code is for (another program or state, an
    // installation already an apoiador elsewhere, §3): the hub's words name both, and the
    // code was not used.
    if (route == Route::Enroll && (r.status == 400 || r.status == 409) && !body.code.isEmpty() &&
        !body.message.isEmpty()) {
        e = HubError::make(K::InvalidCode, host(), r.status);
        e.code = body.code;
        e.message = body.message;
        return e;
    }
    switch (r.status) {
    case 400:
        if (route == Route::Manifest) {
            e = HubError::make(K::Rejected, host(), r.status);
            e.message = QCoreApplication::translate("HubError",
                                                    "The hub could not read this report (%1). Tell the URS, "
                                                    "and check that Mobiliza is up to date.")
                            .arg(body.message.isEmpty() ? QStringLiteral("400") : body.message);
        } else {
            e = HubError::make(K::ServerError, host(), r.status);
            e.message = QCoreApplication::translate(
                "HubError", "The hub did not understand a request from this computer. "
                            "Check that Mobiliza is up to date; it will try again "
                            "automatically.");
        }
        break;
    case 401:
        e = HubError::make(route == Route::Enroll ? K::InvalidCode : K::Unauthorized, host(), r.status);
        if (route != Route::Enroll && body.code == QLatin1String("token_expired"))
            e.message = QCoreApplication::translate(
                "HubError", "This computer's access to the hub expired because it did not connect for a "
                            "long time. Ask the URS for a new enrollment code and connect again on the "
                            "Synchronization page. Nothing was lost: the reports stay in the outbox.");
        break;
    case 403:
        e = HubError::make(K::Forbidden, host(), r.status);
        break;
    case 404:
    case 405:
        e = HubError::make(K::NotFound, host(), r.status);
        break;
    case 409:
        if (body.code == QLatin1String("missing_blobs")) {
            e = HubError::make(K::MissingBlobs, host(), r.status);
            e.missing = body.missing;
        } else {
            e = HubError::make(K::Conflict, host(), r.status);
            if (body.code == QLatin1String("stale_revision"))
                e.message = QCoreApplication::translate("HubError",
                                                        "The URS already has a newer version of this month's "
                                                        "report. Contact the URS before sending this one.");
        }
        break;
    case 413:
        // The default words are about a photo: true only for a photo's PUT.
        e = HubError::make(K::TooLarge, host(), r.status);
        switch (route) {
        case Route::Blob:
            // Not a photo too large: too many photos waiting at the hub for their reports.
            if (body.code == QLatin1String("quota_exceeded"))
                e.message = QCoreApplication::translate(
                    "HubError", "The hub is keeping as many photos from this computer as it allows for "
                                "reports it has not received yet. Mobiliza will try again later; if this "
                                "lasts, tell the URS (it can raise the limit).");
            break;
        case Route::Manifest:
            e.message = QCoreApplication::translate(
                "HubError", "This report is larger than the hub accepts. Ask the URS to "
                            "raise the limit; Mobiliza will try again later.");
            break;
        case Route::Missing:
            e.message = QCoreApplication::translate(
                "HubError", "The hub refused the list of this report's photos to check as too long "
                            "(its limits changed). Nothing is wrong with the photos; Mobiliza will try "
                            "again later in smaller parts. If this repeats, tell the URS.");
            break;
        case Route::Partner:
            e.message = QCoreApplication::translate(
                "HubError", "This partner's record is larger than the hub accepts. Tell the URS; "
                            "Mobiliza will try again later.");
            break;
        default:
            e.message = QCoreApplication::translate(
                "HubError", "The hub refused a request from this computer as too large. Check that "
                            "Mobiliza is up to date; it will try again automatically.");
            break;
        }
        break;
    case 422:
        if (body.code == QLatin1String("hash_mismatch")) {
            e = HubError::make(K::MissingBlobs, host(), r.status);
            e.message = QCoreApplication::translate(
                "HubError", "A photo arrived damaged at the hub (the connection changed "
                            "it on the way). It will be sent again automatically.");
        } else {
            e = HubError::make(K::Rejected, host(), r.status);
            e.findings = body.findings;
        }
        break;
    case 429:
        e = HubError::make(K::RateLimited, host(), r.status);
        e.retryAfterSeconds = retryAfterSeconds(r.retryAfter);
        break;
    default:
        if (r.status >= 500 && r.status <= 599) {
            e = HubError::make(K::ServerError, host(), r.status);
            e.retryAfterSeconds = retryAfterSeconds(r.retryAfter);
        } else {
            // 1xx, 3xx (a captive portal's redirect), 200 with another body, odd 4xx.
            e = HubError::make(K::NotHub, host(), r.status);
        }
        break;
    }
    if (decoded && !body.code.isEmpty() && e.kind != K::NotHub)
        e.code = body.code;
    return e;
}

} // namespace mobiliza::sync
