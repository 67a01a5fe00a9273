// The wire protocol of docs/protocol.md, shared by the client and the hub:
// fixed points, message types and their JSON codecs. Decoders are strict and
// safe on hostile input (the hub decodes what the network sends; the client
// decodes what a captive portal or a proxy might answer).
#pragma once

#include "core/domain/types.h"
#include "core/program/finding.h"
#include "core/util/result.h"
#include "sync/protocol_review.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace mobiliza::sync {

inline constexpr int kProtocolVersion = 1;
inline constexpr char kServiceName[] = "mobiliza-hub";
QString apiPrefix(); // "/api/v1"

struct Limits
{
    qint64 maxBlobBytes = 8LL * 1024 * 1024;
    qint64 maxManifestBytes = 2LL * 1024 * 1024;
    qint64 maxJsonBytes = 256LL * 1024;
    int maxMissingQuery = 5000;
    // Optional (§2): the requests per second this token may make, and how many at
    // once after a pause (the hub's per-token limit). 0: not announced (an older
    // hub): the client then paces itself for the defaults of one.
    double requestsPerSecond = 0;
    int requestBurst = 0;
};

struct Scope
{
    enum class Kind { Municipality, Urs, Central };
    Kind kind = Kind::Municipality;
    QString municipality; // Kind::Municipality: who reports (an IBGE code, or an apoiador's id)
    QString urs;          // Kind::Urs of SES-MG: a URS name
    // The program (docs/protocol.md §3): empty, and absent on the wire, for SES-MG's, the
    // only one before the apoio register. A program whose levels are set up by state
    // names the state (UF) of its apoiador's and its COSEMS's scopes in `uf`.
    QString program;
    QString uf;
    QString programId() const; // `program`, or SES-MG's when empty
    // Kind::Urs: the region it reviews — the URS, or the state for a program set up by state.
    QString region() const;
    // Whether the scope covers a reporting unit of its program in `regionOfUnit` (the
    // unit's URS, or state). The program is the caller's to compare (hub::Hub::covers).
    bool covers(const QString &unit, const QString &regionOfUnit) const;
};
QString scopeKindKey(Scope::Kind kind);

struct HubInfo
{
    QString id;
    QString name;
};

struct Preflight
{
    QString service;
    int protocol = 0;
    HubInfo hub;
    Scope scope;
    Limits limits;
    QDateTime time;
    // Optional: from when the client should rotate its token (POST /api/v1/token).
    // Invalid when the hub did not say (an older hub): never renew then.
    QDateTime tokenRenewAfter;
    // Optional: what the hub offers beyond protocol 1 (docs/protocol.md §10): "pull",
    // "review"… Empty when the hub did not say (an older hub): none of them.
    QStringList features;
    // Optional (§10.8): the revision of the targets the hub holds; 0 when it holds
    // none or did not say (an older hub).
    int targetsRevision = 0;
};

struct EnrollRequest
{
    QString code;
    QString installation;
    QString label;
    // Optional (§3): what the installation is — its program, and its state when its level
    // is set up by state. A hub refuses a code of another program or state before using
    // it (409), so a code typed in the wrong installation is not spent.
    QString program;
    QString uf;
};

struct EnrollResponse
{
    QString token;
    Scope scope;
    HubInfo hub;
};

struct Receipt
{
    QString hubId;
    QString report;
    int revision = 0;
    QString manifestSha256;
    QDateTime receivedAt;
    QString state; // received | accepted | returned
};

struct StatusEvent
{
    qint64 cursor = 0;
    QString report;
    QString period; // YYYY-MM
    int revision = 0;
    QString state; // received | in_review | accepted | returned | forwarded | consolidated
    QString comment;
    QDateTime at;
    // Optional (a review decision's, §10.1): encoded only when not empty; a v1
    // client ignores them.
    QList<ReviewNote> notes;
    QString by;       // the reviewer's name
    QString decision; // the decision's uuid
};

struct StatusPage
{
    QList<StatusEvent> events;
    qint64 next = 0;
};

struct ErrorBody
{
    QString code;
    QString message;
    core::Findings findings;
    QStringList missing; // missing_blobs
    // Further members of the error object, encoded as they are (e.g. "current" of
    // a 409 state_changed, sync/protocol_review.h). Not filled by decodeError.
    QJsonObject details;
};

// --- encoders (compact JSON)
QByteArray encode(const Preflight &p);
QByteArray encode(const EnrollRequest &r);
QByteArray encode(const EnrollResponse &r);
QByteArray encode(const Receipt &r); // {"receipt": {...}}
QByteArray encode(const StatusPage &p);
QByteArray encode(const ErrorBody &e); // {"error": {...}}
QByteArray encodeMissingQuery(const QStringList &blobs);  // {"blobs": [...]}
QByteArray encodeMissingAnswer(const QStringList &blobs); // {"missing": [...]}

// --- decoders: a wrong shape is an Error with code "protocol" and a pt-BR message
core::Result<Preflight> decodePreflight(const QByteArray &body); // also checks service + protocol version
core::Result<EnrollRequest> decodeEnrollRequest(const QByteArray &body);
core::Result<EnrollResponse> decodeEnrollResponse(const QByteArray &body);
core::Result<Receipt> decodeReceipt(const QByteArray &body);
core::Result<StatusPage> decodeStatusPage(const QByteArray &body);
core::Result<ErrorBody> decodeError(const QByteArray &body);
core::Result<QStringList> decodeMissingQuery(const QByteArray &body, int maxEntries);
core::Result<QStringList> decodeMissingAnswer(const QByteArray &body);

// --- partners going up (BRIEF §7: no CPF of a person; contacts only with consent)
QJsonObject partnerToWire(const core::Partner &partner);
core::Result<core::Partner> partnerFromWire(const QByteArray &body);

// --- small helpers
bool isSha256Hex(const QString &s);
bool isUuid(const QString &s);
QString utcTimestamp(const QDateTime &t); // "2026-11-22T14:00:03Z"

} // namespace mobiliza::sync
