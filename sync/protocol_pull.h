// The regional pull's listing (docs/protocol.md §10.2), shared by the hub
// (encode) and the URS client (decode).
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
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
