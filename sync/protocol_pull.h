// The regional pull's listing (docs/protocol.md §10.2), shared by the hub
// (encode) and the URS client (decode).
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace mobiliza::sync {

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

} // namespace mobiliza::sync
