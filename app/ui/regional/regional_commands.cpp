#include "app/ui/regional/regional_commands.h"

#include "app/ui/command_line.h"
#include "app/ui/regional/regional_format.h"
#include "core/package/batch_receipt.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"
#include "core/regional/batch_intake.h"
#include "core/regional/batch_service.h"
#include "core/regional/coverage.h"
#include "core/regional/package_intake.h"
#include "core/regional/region_partners.h"
#include "core/regional/territory_reach.h"
#include "core/services/services.h"
#include "sync/client/sync_controller.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace mobiliza::ui {

namespace {

using regional::reviewerName;

int pullOnce(sync::SyncController &sync, QString *out, QString *err)
{
    if (!sync.isEnrolled()) {
        *err +=
            QCoreApplication::translate(
                "RegionalCommands",
                "This installation is not connected to a hub yet. Connect it with --hub URL --enroll CODE "
                "(the code comes from the hub's administrator).") +
            QLatin1Char('\n');
        return 1;
    }
    const sync::PassReport pass = sync.runPassBlocking(30 * 60'000);
    for (const QString &m : pass.messages)
        *(pass.allConfirmed ? out : err) += m + QLatin1Char('\n');
    *out += QCoreApplication::translate(
                "RegionalCommands",
                "Decisions sent: %1 (refused: %2). Revisions received: %3; reports: %4; photos: %5.")
                .arg(pass.decisionsSent)
                .arg(pass.decisionsRefused)
                .arg(pass.revisionsPulled)
                .arg(pass.manifestsFetched)
                .arg(pass.photosFetched) +
            QLatin1Char('\n');
    if (pass.importsSent + pass.batchesSent + pass.refused > 0)
        *out += QCoreApplication::translate(
                    "RegionalCommands",
                    "Packages sent to the hub: %1. Batches forwarded: %2. Refused by the hub: %3.")
                    .arg(pass.importsSent)
                    .arg(pass.batchesSent)
                    .arg(pass.refused) +
                QLatin1Char('\n');
    *out += (pass.allConfirmed
                 ? QCoreApplication::translate("RegionalCommands", "The local copy is up to date.")
                 : QCoreApplication::translate("RegionalCommands", "The local copy is not complete yet.")) +
            QLatin1Char('\n');
    return pass.allConfirmed ? 0 : 1;
}

int review(const CommandLine &cl, core::Services &services, const core::ReferenceData &reference,
           QString *out, QString *err)
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
        *err += QCoreApplication::translate("RegionalCommands",
                                            "No report %1 in this installation's copy. Run --pull first, and "
                                            "check the identifier (--status lists them).")
                    .arg(cl.reviewReport) +
                QLatin1Char('\n');
        return 1;
    }
    const QString reviewer = reviewerName(services);
    auto decided = services.reviews().decide(target->report, target->revision,
                                             cl.accept ? regional::acceptDecision(services)
                                                       : regional::returnDecision(services),
                                             cl.returnText, {}, reviewer);
    if (!decided) {
        *err += decided.error().message + QLatin1Char('\n');
        return 1;
    }
    // "Belo Horizonte, 10/2026": which report, as the inbox names it.
    const QString which =
        QCoreApplication::translate("RegionalCommands", "%1, %2")
            .arg(regional::unitName(reference, services, target->municipality), target->period.display());
    QString said;
    if (regional::isCentralDesk(services))
        said =
            cl.accept
                ? QCoreApplication::translate(
                      "RegionalCommands", "Consolidated the report of %1 (revision %2). It goes to the hub "
                                          "at the next synchronization (--pull).")
                : QCoreApplication::translate(
                      "RegionalCommands", "Returned the report of %1 (revision %2) to its URS. It goes to "
                                          "the hub at the next synchronization (--pull).");
    else
        said =
            cl.accept
                ? QCoreApplication::translate(
                      "RegionalCommands", "Accepted the report of %1 (revision %2). It goes to the hub at "
                                          "the next synchronization (--pull).")
                : QCoreApplication::translate(
                      "RegionalCommands", "Returned the report of %1 (revision %2) for correction. It goes "
                                          "to the hub at the next synchronization (--pull).");
    *out += said.arg(which, QString::number(target->revision)) + QLatin1Char('\n');
    return 0;
}

int coverage(const CommandLine &cl, core::Services &services, const core::ReferenceData &reference,
             const core::ProgramDefinition &program, QString *out, QString *err)
{
    // A coordination of people (the COSEMS): its apoiadores, then how many municipalities
    // of the state the period's actions reached.
    const bool people = regional::reviewsPeople(program);
    QList<core::Municipality> municipalities;
    if (people) {
        auto found = regional::scopePeople(services);
        if (!found) {
            *err += found.error().message + QLatin1Char('\n');
            return 1;
        }
        municipalities = found.value();
    } else {
        municipalities = regional::scopeMunicipalities(reference, services);
        if (municipalities.isEmpty()) {
            *err += QCoreApplication::translate("RegionalCommands",
                                                "Coverage is for a URS profile: this one has no URS.") +
                    QLatin1Char('\n');
            return 1;
        }
    }
    const core::Period period = program.periodFromKey(cl.month);
    auto grid = core::computeCoverage(services.database(), program, municipalities, period, 1,
                                      services.reviews().localStates());
    if (!grid) {
        *err += grid.error().message + QLatin1Char('\n');
        return 1;
    }
    if (people)
        core::excludeUnexpected(grid.value(), regional::rosterExpectations(services));
    for (const core::CoverageRow &row : grid.value().rows)
        *out += QStringLiteral("%1\t%2\t%3\n")
                    .arg(row.municipality.ibge, row.municipality.name,
                         row.cells.first().expected ? core::coverageStateKey(row.cells.first().state)
                                                    : QStringLiteral("not_expected"));
    if (people && !services.profile().uf().isEmpty()) {
        auto reach = core::territoryReach(services.replica(), program, core::BrazilReference::embedded(),
                                          period, services.profile().uf());
        if (!reach) {
            *err += reach.error().message + QLatin1Char('\n');
            return 1;
        }
        *out += QStringLiteral("municipalities_reached\t%1\t%2\n")
                    .arg(reach->reached.size())
                    .arg(reach->stateMunicipalities());
    }
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
        if (auto d = services.reviews().pendingOrApplied(r.report, r.revision);
            d && d.value() && d.value()->state != QLatin1String("applied"))
            state = core::ReviewOutbox::stateAfter(d.value()->decision) + QStringLiteral("(pending)");
        *out += QStringLiteral("%1\t%2\t%3\t%4\t%5\n")
                    .arg(r.period.key(), r.municipality, state)
                    .arg(r.revision)
                    .arg(r.report);
    }
    return 0;
}

// Package files (or folders of them) a municipality brought: each verified and
// taken into the replica on its own, then sent to the hub at the next pass.
int importPackages(const CommandLine &cl, core::Services &services, const core::ReferenceData &reference,
                   QString *out, QString *err)
{
    QStringList files;
    for (const QString &path : cl.importPackages) {
        if (QFileInfo(path).isDir()) {
            const QDir dir(path);
            for (const QString &name : dir.entryList({QStringLiteral("*.mobiliza")}, QDir::Files, QDir::Name))
                files << dir.filePath(name);
        } else {
            files << path;
        }
    }
    if (files.isEmpty()) {
        *err += QCoreApplication::translate("RegionalCommands", "There is no package file (.mobiliza) in %1.")
                    .arg(cl.importPackages.join(QStringLiteral(", "))) +
                QLatin1Char('\n');
        return 1;
    }
    core::PackageIntake intake(services, reference);
    int failed = 0;
    for (const QString &file : std::as_const(files)) {
        const QString prefix = QDir::toNativeSeparators(file) + QStringLiteral(": ");
        auto received = intake.receive(file);
        if (!received) {
            ++failed;
            *err += prefix + received.error().message + QLatin1Char('\n');
            continue;
        }
        const auto m = reference.municipality(received->item.municipality);
        const QString who = m ? m->name : received->item.municipality;
        *out +=
            prefix +
            (received->alreadyHere
                 ? QCoreApplication::translate(
                       "RegionalCommands", "the report of %1 for %2, revision %3, was already here: nothing "
                                           "changed.")
                 : QCoreApplication::translate(
                       "RegionalCommands", "received the report of %1 for %2, revision %3; it goes to the "
                                           "hub at the next synchronization (--pull)."))
                .arg(who, received->item.period.display())
                .arg(received->item.revision) +
            QLatin1Char('\n');
    }
    return failed == 0 ? 0 : 1;
}

int forward(const CommandLine &cl, core::Services &services, sync::SyncController &sync, QString *out,
            QString *err)
{
    if (services.profile().role() != core::Role::Urs) {
        *err += QCoreApplication::translate("RegionalCommands",
                                            "Only a URS forwards batches to the central level.") +
                QLatin1Char('\n');
        return 1;
    }
    const core::Period period = core::Period::fromKey(cl.month);
    core::BatchService batches(services);
    auto created = batches.create(period, reviewerName(services), cl.outFile);
    if (!created && created.error().code == QLatin1String("photos_missing") && sync.isEnrolled()) {
        // The batch file carries every photo: bring the missing ones, then write it.
        *out += created.error().message + QLatin1Char('\n');
        if (pullOnce(sync, out, err) == 0)
            created = batches.create(period, reviewerName(services), cl.outFile);
    }
    if (created && !cl.outFile.isEmpty()) {
        *out += QCoreApplication::translate(
                    "RegionalCommands",
                    "Batch %1: %n report(s) of %2 written to %3. Take the file to the central "
                    "level; it is verified there like a report package.",
                    nullptr, int(created->revisions.size()))
                    .arg(created->uuid.left(8), period.display(), QDir::toNativeSeparators(cl.outFile)) +
                QLatin1Char('\n');
        return 0;
    }
    // The batches this run is about: the new one, or those of the month still waiting.
    QStringList ours;
    if (created) {
        ours << created->uuid;
        *out += QCoreApplication::translate("RegionalCommands", "Batch %1: %n report(s) of %2 to forward.",
                                            nullptr, int(created->revisions.size()))
                    .arg(created->uuid.left(8), period.display()) +
                QLatin1Char('\n');
    } else if (cl.outFile.isEmpty()) {
        if (auto all = batches.all())
            for (const auto &b : all.value())
                if (b.period == period && b.channel == QLatin1String("network") &&
                    (b.state == QLatin1String("queued") || b.state == QLatin1String("sending")))
                    ours << b.uuid;
    }
    if (ours.isEmpty()) {
        *err += created.error().message + QLatin1Char('\n');
        return 1;
    }
    (void)pullOnce(sync, out, err);
    int received = 0;
    if (auto all = batches.all())
        for (const auto &b : all.value()) {
            if (!ours.contains(b.uuid))
                continue;
            if (b.state == QLatin1String("received")) {
                ++received;
                *out +=
                    QCoreApplication::translate(
                        "RegionalCommands", "The hub received batch %1 (%2) on %3: forwarded to the central "
                                            "level.")
                        .arg(b.uuid.left(8), b.hubId,
                             b.hubReceivedAt.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"))) +
                    QLatin1Char('\n');
            } else if (b.state == QLatin1String("refused")) {
                *err += b.lastError + QLatin1Char('\n');
            } else {
                *err += QCoreApplication::translate("RegionalCommands",
                                                    "Batch %1 is waiting to be sent: it goes at the next "
                                                    "synchronization.")
                            .arg(b.uuid.left(8)) +
                        QLatin1Char('\n');
            }
        }
    return received == ours.size() ? 0 : 1;
}

// The central level's receipts of batch files: each read, verified and recorded on
// its own; exit 0 only when every one is recorded now or was already.
int importReceipts(const CommandLine &cl, core::Services &services, QString *out, QString *err)
{
    core::BatchService batches(services);
    int failed = 0;
    for (const QString &file : cl.importReceipts) {
        const QString prefix = QDir::toNativeSeparators(file) + QStringLiteral(": ");
        auto receipt = core::package::readBatchReceipt(file);
        auto applied = receipt ? batches.applyReceipt(receipt.value())
                               : core::Result<core::ReceiptOutcome>(receipt.error());
        if (!applied) {
            ++failed;
            *err += prefix + applied.error().message + QLatin1Char('\n');
            continue;
        }
        const core::BatchRecord &b = applied->batch;
        *out +=
            prefix +
            (applied->alreadyRecorded
                 ? QCoreApplication::translate("RegionalCommands",
                                               "batch %1 of %2 was already recorded as received (%3, %4): "
                                               "nothing changed.")
                 : QCoreApplication::translate(
                       "RegionalCommands", "batch %1 of %2 recorded as received by the central level (%3, "
                                           "%4)."))
                .arg(b.uuid.left(8), b.period.display(), b.hubId,
                     b.hubReceivedAt.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"))) +
            QLatin1Char('\n');
    }
    return failed == 0 ? 0 : 1;
}

// The central level's batch files: each verified and taken in on its own, then one
// pass sends them; the receipt of each batch the hub received is written beside its
// file. Exit 0 only when every batch is received and its receipt written.
int importBatchFiles(const CommandLine &cl, core::Services &services, const core::ReferenceData &reference,
                     sync::SyncController &sync, QString *out, QString *err)
{
    if (services.profile().role() != core::Role::Central) {
        *err += QCoreApplication::translate(
                    "RegionalCommands",
                    "Only the central level imports batch files of the URS. A URS imports its "
                    "municipalities' report packages with --import-package.") +
                QLatin1Char('\n');
        return 1;
    }
    core::BatchIntake intake(services, reference);
    QList<QPair<QString, QString>> taken; // file, batch uuid
    int failed = 0;
    for (const QString &file : cl.importBatches) {
        const QString prefix = QDir::toNativeSeparators(file) + QStringLiteral(": ");
        auto received = intake.receive(file);
        if (!received) {
            ++failed;
            *err += prefix + received.error().message + QLatin1Char('\n');
            continue;
        }
        const core::BatchRecord &b = received->batch;
        *out +=
            prefix +
            (received->alreadyHere
                 ? QCoreApplication::translate("RegionalCommands",
                                               "batch %1 of the URS %2 (%3, %n report(s)) was already here: "
                                               "nothing changed.",
                                               nullptr, received->revisions)
                       .arg(b.uuid.left(8), b.urs, b.period.display())
                 : QCoreApplication::translate(
                       "RegionalCommands",
                       "batch %1 of the URS %2 (%3): %n report(s) taken in, %4 of them "
                       "new here.",
                       nullptr, received->revisions)
                       .arg(b.uuid.left(8), b.urs, b.period.display())
                       .arg(received->newHere)) +
            QLatin1Char('\n');
        taken << qMakePair(file, b.uuid);
    }
    if (taken.isEmpty())
        return 1;
    if (pullOnce(sync, out, err) != 0)
        *err +=
            QCoreApplication::translate(
                "RegionalCommands", "What was taken in is kept and goes to the hub at the next "
                                    "synchronization; run this command again then to write the receipts.") +
            QLatin1Char('\n');
    auto all = core::BatchService(services).all();
    if (!all) {
        *err += all.error().message + QLatin1Char('\n');
        return 1;
    }
    for (const auto &[file, uuid] : std::as_const(taken)) {
        const QString prefix = QDir::toNativeSeparators(file) + QStringLiteral(": ");
        auto it = std::find_if(all->cbegin(), all->cend(),
                               [&](const core::BatchRecord &b) { return b.uuid == uuid; });
        if (it == all->cend()) {
            ++failed;
            continue;
        }
        if (it->state == QLatin1String("refused")) {
            ++failed;
            *err += prefix + it->lastError + QLatin1Char('\n');
            continue;
        }
        auto written = intake.writeReceipt(*it, file);
        if (!written) {
            ++failed;
            *err += prefix + written.error().message + QLatin1Char('\n');
            continue;
        }
        *out +=
            prefix +
            QCoreApplication::translate(
                "RegionalCommands", "the hub received batch %1 (%2) on %3. The receipt for the URS is in "
                                    "%4: take it back to the URS, which records it with --import-receipt.")
                .arg(uuid.left(8), it->hubId,
                     it->hubReceivedAt.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm")),
                     QDir::toNativeSeparators(written.value())) +
            QLatin1Char('\n');
    }
    return failed == 0 ? 0 : 1;
}

// One line per batch made here: id, month, channel, state, reports, hub id, received at.
int listBatches(core::Services &services, QString *out, QString *err)
{
    auto all = core::BatchService(services).all();
    if (!all) {
        *err += all.error().message + QLatin1Char('\n');
        return 1;
    }
    for (const core::BatchRecord &b : all.value())
        *out += QStringList{b.uuid,
                            b.period.key(),
                            b.channel,
                            b.state,
                            QString::number(b.revisions.size()),
                            b.hubId.isEmpty() ? QStringLiteral("-") : b.hubId,
                            b.hubReceivedAt.isValid() ? b.hubReceivedAt.toUTC().toString(Qt::ISODate)
                                                      : QStringLiteral("-")}
                    .join(QLatin1Char('\t')) +
                QLatin1Char('\n');
    return 0;
}

// The partners of the region (the copy the passes bring): one tab-separated line each, or
// the CSV / XLSX of the register's writers (by --out's suffix), without personal contacts.
int partners(const CommandLine &cl, core::Services &services, const core::ReferenceData &reference,
             const core::ProgramDefinition &program, QString *out, QString *err)
{
    const core::RegionPartners copy(services, program);
    auto listed = copy.list();
    if (!listed) {
        *err += listed.error().message + QLatin1Char('\n');
        return 1;
    }
    if (!cl.outFile.isEmpty()) {
        if (core::Status written = core::writeRegionPartners(listed.value(), program, reference, cl.outFile);
            !written) {
            *err += written.error().message + QLatin1Char('\n');
            return 1;
        }
        *out += QCoreApplication::translate("RegionalCommands",
                                            "%n partner(s) of the region written to %1, without "
                                            "personal contacts.",
                                            nullptr, int(listed->size()))
                    .arg(QDir::toNativeSeparators(cl.outFile)) +
                QLatin1Char('\n');
        return 0;
    }
    const auto field = [](QString text) { return text.replace(QLatin1Char('\t'), QLatin1Char(' ')); };
    for (const core::RegionPartner &p : listed.value())
        *out += QStringList{p.municipality,
                            field(copy.municipalityName(p.municipality)),
                            field(p.name),
                            core::partnerKindKey(p.kind),
                            p.sector,
                            core::partnerStageKey(p.stage),
                            p.consent ? QStringLiteral("yes") : QStringLiteral("no")}
                    .join(QLatin1Char('\t')) +
                QLatin1Char('\n');
    return 0;
}

} // namespace

bool isRegionalCommand(const CommandLine &cl)
{
    return cl.pull || !cl.reviewReport.isEmpty() || cl.coverage || cl.forward || cl.partners ||
           !cl.importReceipts.isEmpty() || !cl.importBatches.isEmpty() || cl.batches;
}

int runRegionalCommand(const CommandLine &cl, core::Services &services, const core::ReferenceData &reference,
                       const core::ProgramDefinition &program, sync::SyncController &sync, QString *out,
                       QString *err)
{
    if (cl.pull || cl.sync)
        return pullOnce(sync, out, err);
    if (!cl.reviewReport.isEmpty())
        return review(cl, services, reference, out, err);
    if (cl.coverage)
        return coverage(cl, services, reference, program, out, err);
    if (cl.partners)
        return partners(cl, services, reference, program, out, err);
    if (cl.forward)
        return forward(cl, services, sync, out, err);
    if (!cl.importPackages.isEmpty())
        return importPackages(cl, services, reference, out, err);
    if (!cl.importReceipts.isEmpty())
        return importReceipts(cl, services, out, err);
    if (!cl.importBatches.isEmpty())
        return importBatchFiles(cl, services, reference, sync, out, err);
    if (cl.batches)
        return listBatches(services, out, err);
    if (cl.status)
        return status(services, out, err);
    return 0;
}

} // namespace mobiliza::ui
