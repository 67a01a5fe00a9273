#include "app/ui/regional/regional_commands.h"

#include "app/ui/command_line.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/regional/coverage.h"
#include "core/services/services.h"
#include "sync/client/sync_controller.h"

#include <QCoreApplication>

namespace mobiliza::ui {

namespace {

int pullOnce(sync::SyncController &sync, QString *out, QString *err)
{
    if (!sync.isEnrolled()) {
        *err += QCoreApplication::translate("RegionalCommands", "This installation is not connected to a hub yet. Connect it with --hub URL --enroll CODE "
                   "(the code comes from the hub's administrator).")
                + QLatin1Char('\n');
        return 1;
    }
    const sync::PassReport pass = sync.runPassBlocking(30 * 60'000);
    for (const QString &m : pass.messages)
        *(pass.allConfirmed ? out : err) += m + QLatin1Char('\n');
    *out += QCoreApplication::translate("RegionalCommands", "Decisions sent: %1 (refused: %2). Revisions received: %3; reports: %4; photos: %5.")
                .arg(pass.decisionsSent)
                .arg(pass.decisionsRefused)
                .arg(pass.revisionsPulled)
                .arg(pass.manifestsFetched)
                .arg(pass.photosFetched)
            + QLatin1Char('\n');
    *out += (pass.allConfirmed ? QCoreApplication::translate("RegionalCommands", "The local copy is up to date.") : QCoreApplication::translate("RegionalCommands", "The local copy is not complete yet."))
            + QLatin1Char('\n');
    return pass.allConfirmed ? 0 : 1;
}

int review(const CommandLine &cl, core::Services &services, QString *out, QString *err)
{
    auto latest = services.replica().latest();
    if (!latest) {
        *err += latest.error().message + QLatin1Char('\n');
        return 1;
    }
    std::optional<core::ReplicaRevision> target;
    for (const auto &r : latest.value())
        if (r.report == cl.reviewReport)
            target = r;
    if (!target) {
        *err += QCoreApplication::translate("RegionalCommands", "No report %1 in this URS's copy. Run --pull first, and check the identifier (--status lists them).")
                    .arg(cl.reviewReport)
                + QLatin1Char('\n');
        return 1;
    }
    const QString reviewer = services.profile().userName().isEmpty()
                                 ? QCoreApplication::translate("RegionalCommands", "URS %1").arg(services.profile().urs())
                                 : services.profile().userName();
    auto decided = services.reviews().decide(target->report, target->revision,
                                             cl.accept ? core::Decision::Accept : core::Decision::Return,
                                             cl.returnText, {}, reviewer);
    if (!decided) {
        *err += decided.error().message + QLatin1Char('\n');
        return 1;
    }
    *out += (cl.accept ? QCoreApplication::translate("RegionalCommands", "Accepted %1 (revision %2). It goes to the hub at the next synchronization (--pull).")
                       : QCoreApplication::translate("RegionalCommands", "Returned %1 (revision %2) for correction. It goes to the hub at the next "
                            "synchronization (--pull)."))
                .arg(target->period.display())
                .arg(target->revision)
            + QLatin1Char('\n');
    return 0;
}

int coverage(const CommandLine &cl, core::Services &services, const core::ReferenceData &reference,
             const core::ProgramDefinition &program, QString *out, QString *err)
{
    const QString urs = services.profile().urs();
    const QList<core::Municipality> municipalities = reference.municipalitiesOfUrs(urs);
    if (municipalities.isEmpty()) {
        *err += QCoreApplication::translate("RegionalCommands", "Coverage is for a URS profile: this one has no URS.") + QLatin1Char('\n');
        return 1;
    }
    auto grid = core::computeCoverage(services.replica(), program, municipalities, core::Period::fromKey(cl.month), 1,
                                      services.reviews().localStates());
    if (!grid) {
        *err += grid.error().message + QLatin1Char('\n');
        return 1;
    }
    for (const core::CoverageRow &row : grid.value().rows)
        *out += QStringLiteral("%1\t%2\t%3\n")
                    .arg(row.municipality.ibge, row.municipality.name, core::coverageStateKey(row.cells.first().state));
    return 0;
}

int status(core::Services &services, QString *out, QString *err)
{
    auto latest = services.replica().latest();
    if (!latest) {
        *err += latest.error().message + QLatin1Char('\n');
        return 1;
    }
    for (const auto &r : latest.value()) {
        QString state = r.state;
        if (auto d = services.reviews().pendingOrApplied(r.report, r.revision); d && d.value()
                                                                             && d.value()->state != QLatin1String("applied"))
            state = core::ReviewOutbox::stateAfter(d.value()->decision) + QStringLiteral("(pending)");
        *out += QStringLiteral("%1\t%2\t%3\t%4\t%5\n").arg(r.period.key(), r.municipality, state).arg(r.revision).arg(r.report);
    }
    return 0;
}

} // namespace

bool isRegionalCommand(const CommandLine &cl)
{
    return cl.pull || !cl.reviewReport.isEmpty() || cl.coverage;
}

int runRegionalCommand(const CommandLine &cl, core::Services &services, const core::ReferenceData &reference,
                       const core::ProgramDefinition &program, sync::SyncController &sync, QString *out,
                       QString *err)
{
    if (cl.pull || cl.sync)
        return pullOnce(sync, out, err);
    if (!cl.reviewReport.isEmpty())
        return review(cl, services, out, err);
    if (cl.coverage)
        return coverage(cl, services, reference, program, out, err);
    if (cl.status)
        return status(services, out, err);
    return 0;
}

} // namespace mobiliza::ui
