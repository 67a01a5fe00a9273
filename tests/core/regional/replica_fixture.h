// A URS profile and the listing entries of reports its municipalities "sent",
// for the tests of the regional desk's core (tests/core/regional).
#pragma once

#include "core/domain/clock.h"
#include "core/regional/replica_service.h"
#include "core/services/report_service.h"
#include "core/services/services.h"
#include "tests/support/temp_dir.h"

#include <catch2/catch.hpp>

#include <QCryptographicHash>

namespace mobiliza::test {

using namespace mobiliza::core;

inline QString sha(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

struct UrsProfile
{
    test::TempDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC)};
    std::unique_ptr<Services> services;
    UrsProfile()
    {
        auto opened = Services::open(dir.path(), clock);
        REQUIRE(opened);
        services = std::move(opened.value());
        REQUIRE(services->profile().setRole(Role::Urs, QStringLiteral("Belo Horizonte")));
    }
};

// A report of `ibge` for `period` as the municipality concluded it: its manifest
// bytes (what the hub hands out) and the listing entry for it.
struct Sent
{
    Report report;
    QByteArray manifest;
    ReplicaRevision entry;
};

inline Sent sent(const QString &ibge, const Period &period, int revision, const QDateTime &receivedAt, qint64 cursor,
          bool noActions = false, const QString &reportUuid = {})
{
    Report r;
    r.uuid = reportUuid.isEmpty() ? newUuid() : reportUuid;
    r.programId = QStringLiteral("ses_mg_mobilizacao");
    r.municipality = ibge;
    r.period = period;
    r.revision = revision;
    r.noActions = noActions;
    if (noActions) {
        r.noActionsJustification = QStringLiteral("Equipe em campanha de vacinação.");
    } else {
        Action a;
        a.uuid = newUuid();
        a.values = QJsonObject{{QStringLiteral("title"), QStringLiteral("Mutirão")}};
        Photo p;
        p.uuid = newUuid();
        p.sha256 = sha(QByteArray("photo of ") + r.uuid.toLatin1());
        p.width = 10;
        p.height = 10;
        p.bytes = 20;
        a.photos << p;
        r.actions << a;
    }
    Sent s;
    s.report = r;
    s.manifest = ReportService::manifest(r, receivedAt.addSecs(-60));
    s.entry.report = r.uuid;
    s.entry.revision = revision;
    s.entry.municipality = ibge;
    s.entry.program = r.programId;
    s.entry.period = period;
    s.entry.hubId = QStringLiteral("r-%1").arg(cursor);
    s.entry.manifestSha256 = sha(s.manifest);
    s.entry.state = QStringLiteral("received");
    s.entry.receivedAt = receivedAt;
    s.entry.cursor = cursor;
    return s;
}


} // namespace mobiliza::test
