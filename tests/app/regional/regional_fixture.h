// A URS profile whose replica is seeded honestly: each municipality's report is
// created and concluded through a municipal profile's ReportService (in its own
// temporary folder), and its manifest bytes and photos go into the URS's
// replica and blob store exactly as the regional pull stores them.
#pragma once

#include "app/ui/app_context.h"
#include "core/domain/clock.h"
#include "core/services/services.h"
#include "tests/app/fake_dialogs.h"
#include "tests/support/temp_dir.h"

#include <QDateTime>
#include <QTimeZone>
#include <QHash>
#include <QList>
#include <QSize>
#include <QString>

#include <memory>

namespace mobiliza::test {

inline const QString kUrs = QStringLiteral("Barbacena");

struct SeedOptions
{
    core::Period period{2026, 10};
    int actions = 1;
    int photosPerAction = 1;
    bool noActions = false;
    QString state = QStringLiteral("received"); // the hub's
    QString comment;                            // the hub's (returned)
    QDateTime receivedAt;                       // UTC
    bool withManifest = true; // false: listed by the hub, content not fetched yet
    bool withPhotos = true;   // false: manifest here, photo files not yet
};

struct SeededReport
{
    QString municipality; // IBGE
    QString name;
    QString uuid;
    int revision = 1;
    QList<QString> actionUuids;
    QList<QString> photoUuids; // in report order (Foto 1…N)
    QList<QString> photoShas;
};

struct RegionalFixture
{
    TempDir dir;
    TempDir municipal;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services; // the URS's
    ui::AppContext context;
    FakeDialogs dialogs;
    QList<core::Municipality> municipalities; // of the URS, by name
    qint64 cursor = 0;

    // A URS's desk (Barbacena), or the central level's (role Central: the same seeding,
    // the replica a central installation pulls).
    explicit RegionalFixture(core::Role role = core::Role::Urs);
    SeededReport seed(const core::Municipality &m, const SeedOptions &options);

    // The standard scenario, competência 10/2026 (deadline 10/11/2026), on
    // municipalities 0…5 of the URS (by name); the others sent nothing:
    //   0 onTime    — received 11/11 02:30 UTC = 10/11 23:30 in Brasília: on time; 2 actions, 4 photos
    //   1 late      — received 11/11 03:30 UTC = 11/11 00:30 in Brasília: late
    //   2 noActions — "sem ações no mês"
    //   3 returned  — the hub returned it
    //   4 accepted  — the hub accepted it
    //   5 listed    — listed, manifest not fetched yet
    // and municipality 0's 09/2026 report, accepted.
    void seedScenario();
    SeededReport onTime, late, noActions, returned, accepted, listed, september;
};

// A JPEG of `size` whose content differs by seed.
QByteArray jpegBytes(int seed, QSize size = {640, 480});

} // namespace mobiliza::test
