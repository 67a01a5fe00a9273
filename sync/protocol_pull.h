// The regional pull's listing (docs/protocol.md §10.2), shared by the hub
// (encode) and the URS client (decode).
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

namespace mobiliza::sync {

// Who brought an imported revision to the hub (§10.4): the URS (empty for the
// central level), its installation and label. The date is the entry's receivedAt.
struct ReceivedBy
{
    QString urs;
    QString installation;
    QString label;
    bool isEmpty() const { return urs.isEmpty() && installation.isEmpty() && label.isEmpty(); }
    bool operator==(const ReceivedBy &) const = default;
};

struct PulledEntry
{
    qint64 cursor = 0;
    QString report; // uuid
    QString municipality;
    QString program;
    QString period; // YYYY-MM
    int revision = 0;
    QString hubId;
    QString manifestSha256;
    QString state;
    QString comment;
    QDateTime receivedAt;
    QDateTime reviewedAt; // optional
    QString via;          // optional (§10.4): "push" | "import"
    ReceivedBy receivedBy; // optional (§10.4): only for "import"
    QString unitName;      // optional (§10.2): a unit that is a person (an apoiador): its name
};

struct PullPage
{
    QList<PulledEntry> revisions;
    qint64 next = 0;
};

QByteArray encode(const PullPage &page);
// Strict: every entry names a report (uuid), a 7-digit municipality, a valid
// YYYY-MM period, a revision ≥ 1, a SHA-256 and a state; cursors never go back.
core::Result<PullPage> decodePullPage(const QByteArray &body);

// ---- manifests in bulk (§10.2, feature "manifest_batch"): POST /revisions/manifests

struct RevisionRef
{
    QString report; // uuid
    int revision = 0;
    bool operator==(const RevisionRef &) const = default;
};

// At most this many revisions a request; the hub answers at most
// kManifestBatchBytes of manifests (by default; at least one manifest) — the rest is
// neither given nor missing: asked again.
inline constexpr int kManifestBatchMax = 100;
inline constexpr qint64 kManifestBatchBytes = 8LL * 1024 * 1024;

struct ManifestBatch
{
    QList<QPair<RevisionRef, QByteArray>> manifests; // the bytes as stored (their SHA-256 is listed)
    QList<RevisionRef> missing; // unknown, or not of this scope: the same answer as a 404
};

QByteArray encodeManifestQuery(const QList<RevisionRef> &revisions);
// Strict: 1..maxEntries distinct entries, each a uuid and a revision ≥ 1.
core::Result<QList<RevisionRef>> decodeManifestQuery(const QByteArray &body,
                                                     int maxEntries = kManifestBatchMax);
QByteArray encode(const ManifestBatch &batch);
// Strict: every entry a uuid and a revision ≥ 1, each manifest base64.
core::Result<ManifestBatch> decodeManifestBatch(const QByteArray &body);

// GET /api/v1/units (§10.9): the reporting units that are people (a program set up
// by state: its apoiadores) enrolled in a COSEMS's state, or in every state for
// CONASEMS, whether or not they have sent anything — what the coordination's
// coverage expects.
struct RosterUnit
{
    QString unit;       // the apoiador's id ("ap-…"), never an IBGE code
    QString name;       // the label of its latest enrollment code; may be empty
    QString uf;         // its state
    QDateTime since;    // its first enrollment (UTC)
    bool active = true; // holds a token that is not revoked
    QDateTime until;    // when not active: when its last token was revoked (UTC)
};
inline constexpr int kRosterMax = 100000;

// {"units": [{"unit": "ap-…", "name": "Maria Souza", "uf": "BA",
//  "since": "2026-02-01T12:00:00Z", "active": true}, {…, "active": false,
//  "until": "2026-09-30T12:00:00Z"}]}
QByteArray encodeRoster(const QList<RosterUnit> &units);
// Strict: each unit an apoiador's id (core::isApoiadorId), a name of at most 120
// characters, a UF of two capital letters, a valid time, a boolean, and "until" (a valid
// time) exactly when not active; at most kRosterMax.
core::Result<QList<RosterUnit>> decodeRoster(const QByteArray &body);

} // namespace mobiliza::sync
