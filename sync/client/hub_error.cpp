#include "sync/client/hub_error.h"

#include <QCoreApplication>

namespace mobiliza::sync {

bool HubError::isRetryable() const
{
    switch (kind) {
    case Kind::Conflict:
    case Kind::Rejected:
    case Kind::InvalidCode:
        return false;
    default:
        return true;
    }
}

bool HubError::stopsPass() const
{
    switch (kind) {
    case Kind::Offline:
    case Kind::Unreachable:
    case Kind::Timeout:
    case Kind::Tls:
    case Kind::Insecure:
    case Kind::NotHub:
    case Kind::Unauthorized:
    case Kind::InvalidCode:
    case Kind::Forbidden:
    case Kind::NotFound:
    case Kind::RateLimited:
    case Kind::ServerError:
    case Kind::Aborted:
        return true;
    case Kind::Conflict:
    case Kind::MissingBlobs:
    case Kind::TooLarge:
    case Kind::Rejected:
    case Kind::Local:
        return false;
    }
    return true;
}

QString HubError::kindKey(Kind kind)
{
    switch (kind) {
    case Kind::Offline:
        return QStringLiteral("offline");
    case Kind::Unreachable:
        return QStringLiteral("unreachable");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Insecure:
        return QStringLiteral("insecure_address");
    case Kind::NotHub:
        return QStringLiteral("not_hub");
    case Kind::Unauthorized:
        return QStringLiteral("unauthorized");
    case Kind::InvalidCode:
        return QStringLiteral("invalid_code");
    case Kind::Forbidden:
        return QStringLiteral("forbidden");
    case Kind::NotFound:
        return QStringLiteral("not_found");
    case Kind::Conflict:
        return QStringLiteral("revision_conflict");
    case Kind::MissingBlobs:
        return QStringLiteral("missing_blobs");
    case Kind::TooLarge:
        return QStringLiteral("too_large");
    case Kind::Rejected:
        return QStringLiteral("validation_failed");
    case Kind::RateLimited:
        return QStringLiteral("rate_limited");
    case Kind::ServerError:
        return QStringLiteral("server_error");
    case Kind::Local:
        return QStringLiteral("local");
    case Kind::Aborted:
        return QStringLiteral("aborted");
    }
    return {};
}

QString HubError::messageFor(Kind kind, const QString &host)
{
    // The literal context (not a variable) lets lupdate find every message.
    switch (kind) {
    case Kind::Offline:
        return host.isEmpty()
                   ? QCoreApplication::translate(
                         "HubError", "This computer could not reach the hub: it seems to be offline, "
                                     "or the hub address is wrong. Reports stay safe in the outbox "
                                     "and are sent automatically when the connection returns.")
                   : QCoreApplication::translate(
                         "HubError", "This computer could not reach the hub at %1: it seems to be "
                                     "offline, or the hub address is wrong. Reports stay safe in the "
                                     "outbox and are sent automatically when the connection returns.")
                         .arg(host);
    case Kind::Unreachable:
        return host.isEmpty()
                   ? QCoreApplication::translate(
                         "HubError", "The hub did not answer, or the connection was cut. It may be off, "
                                     "or the network is unstable. Mobiliza will try again "
                                     "automatically.")
                   : QCoreApplication::translate(
                         "HubError", "The hub at %1 did not answer, or the connection was cut. It may "
                                     "be off, or the network is unstable. Mobiliza will try again "
                                     "automatically.")
                         .arg(host);
    case Kind::Timeout:
        return QCoreApplication::translate(
            "HubError", "The hub took too long to answer (slow or unstable connection). "
                        "Mobiliza will try again automatically; photos already sent are not "
                        "sent again.");
    case Kind::Tls:
        return QCoreApplication::translate(
            "HubError", "A secure connection with the hub could not be established. Check "
                        "that this computer's date and time are right; if they are, tell the "
                        "URS (the hub's certificate may be invalid).");
    case Kind::Insecure:
        return QCoreApplication::translate(
            "HubError", "This computer is connected to its hub with a plain http:// address, which "
                        "would carry the access key and partners' contacts unprotected, so nothing "
                        "was sent. Connect again on the Synchronization page with the https:// "
                        "address given by the URS (a new enrollment code is needed). Nothing was "
                        "lost: the reports stay in the outbox.");
    case Kind::NotHub:
        return QCoreApplication::translate(
            "HubError", "The answer did not come from the hub of your URS: a network login "
                        "page (hotel or public Wi-Fi) or a proxy is in the way. Open a web "
                        "browser, log in to the network, then choose \"Sync now\". Nothing "
                        "was counted as sent.");
    case Kind::Unauthorized:
        return QCoreApplication::translate(
            "HubError", "The hub no longer accepts this computer (its access was revoked or "
                        "replaced). Ask the URS for a new enrollment code and connect again "
                        "on the Synchronization page.");
    case Kind::InvalidCode:
        return QCoreApplication::translate(
            "HubError", "The enrollment code was not accepted: it may be mistyped, already "
                        "used or expired (codes last 14 days). Check it, or ask the URS for a "
                        "new code.");
    case Kind::Forbidden:
        return QCoreApplication::translate(
            "HubError", "The hub refused: this computer is enrolled for another municipality "
                        "or region. Check the enrollment with the URS.");
    case Kind::NotFound:
        return QCoreApplication::translate(
            "HubError", "The server at this address is not a Mobiliza hub, or the address is "
                        "incomplete. Check the hub address with the URS.");
    case Kind::Conflict:
        return QCoreApplication::translate(
            "HubError", "Another version of this month's report was already sent to the URS "
                        "(from another computer, or before a correction). Contact the URS to "
                        "decide which one is valid.");
    case Kind::MissingBlobs:
        return QCoreApplication::translate("HubError",
                                           "Some photos did not reach the hub. They will be sent again "
                                           "automatically.");
    case Kind::TooLarge:
        return QCoreApplication::translate(
            "HubError", "A photo is larger than the hub accepts. Replace it with a smaller "
                        "photo, or ask the URS to raise the limit. Mobiliza will try again "
                        "later.");
    case Kind::Rejected:
        return QCoreApplication::translate(
            "HubError", "The hub did not accept this report: its rules found problems (listed "
                        "below). Withdraw the report, correct it and conclude it again.");
    case Kind::RateLimited:
        return QCoreApplication::translate(
            "HubError", "The hub is busy and asked to wait before sending more. Mobiliza will "
                        "try again automatically.");
    case Kind::ServerError:
        return QCoreApplication::translate(
            "HubError", "The hub has a problem right now (not this computer). Mobiliza will "
                        "try again automatically; if it lasts for days, tell the URS.");
    case Kind::Local:
        return QCoreApplication::translate("HubError",
                                           "A file of this report could not be read on this computer.");
    case Kind::Aborted:
        return QCoreApplication::translate(
            "HubError", "The synchronization was stopped before it finished. It continues on "
                        "the next one.");
    }
    return {};
}

HubError HubError::make(Kind kind, const QString &host, int httpStatus)
{
    HubError e;
    e.kind = kind;
    e.httpStatus = httpStatus;
    e.code = kindKey(kind);
    e.message = messageFor(kind, host);
    return e;
}

} // namespace mobiliza::sync
