#include "core/regional/batch_intake.h"

#include "core/package/batch_file.h"
#include "core/package/manifest_codec.h"
#include "core/package/package_errors_p.h"
#include "core/regional/package_intake.h"
#include "core/services/services.h"
#include "core/util/durable_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace mobiliza::core {

BatchIntake::BatchIntake(Services &services, ReferenceData reference)
    : m_services(services), m_reference(std::move(reference))
{
}

Result<BatchIntakeOutcome> BatchIntake::receive(const QString &path, const package::ProgressFn &progress)
{
    if (m_services.profile().role() != Role::Central)
        return Error{QStringLiteral("not_central"),
                     QCoreApplication::translate(
                         "BatchIntake", "Only the central level takes in a URS's batch file. A URS imports "
                                        "its municipalities' report packages instead.")};
    package::BatchFileReader reader(path);
    auto verified = reader.verify(progress);
    if (!verified)
        return verified.error();
    const package::BatchFileContents &c = verified.value();
    const auto urs = m_reference.ursByName(c.info.urs);
    if (!urs)
        return Error{QStringLiteral("unknown_urs"),
                     QCoreApplication::translate(
                         "BatchIntake", "This batch file names “%1”, which is not a URS of the reference "
                                        "table. Nothing was imported: ask that URS to make the batch again.")
                         .arg(c.info.urs)};

    // Everything is checked before anything is kept.
    for (const package::BatchFileRevision &r : c.revisions) {
        const auto municipality = m_reference.municipality(r.municipality);
        if (!municipality || municipality->urs.compare(urs->name, Qt::CaseInsensitive) != 0)
            return Error{QStringLiteral("another_urs"),
                         QCoreApplication::translate(
                             "BatchIntake", "This batch file of the URS %1 holds the report of %2, which "
                                            "is not one of its municipalities. Nothing was imported: ask "
                                            "the URS to make the batch again.")
                             .arg(urs->name, municipality ? municipality->name : r.municipality)};
        const auto engine = m_services.programs().engine(r.report.programId);
        if (!engine)
            return package::errors::unknownProgram(r.report.programId);
        const Findings findings = engine->validate(r.report);
        for (const Finding &f : findings)
            if (f.isBlocking())
                return package::errors::validationFailed(findings);
        auto existing = m_services.replica().revision(r.reportUuid, r.revision);
        if (!existing)
            return existing.error();
        if (existing.value() && existing.value()->manifestSha256 != r.manifestSha256)
            return Error{QStringLiteral("revision_conflict"),
                         QCoreApplication::translate(
                             "BatchIntake", "The central level already has revision %1 of a report of %2 "
                                            "with another content. Nothing was imported; ask the URS which "
                                            "one is right.")
                             .arg(r.revision)
                             .arg(m_reference.municipality(r.municipality)->name)};
    }

    // Each revision as the report package the municipality would have brought: in the
    // replica at once, and queued as an import with provenance.
    BatchIntakeOutcome out;
    out.revisions = int(c.revisions.size());
    PackageIntake intake(m_services, m_reference, urs->name);
    const QDir temp(m_services.database().dataDir());
    for (const package::BatchFileRevision &r : c.revisions) {
        const QString packagePath = temp.filePath(
            QStringLiteral(".batch-%1-%2.%3.mobiliza").arg(c.info.batchUuid, r.reportUuid).arg(r.revision));
        durable::TempFileGuard guard(packagePath);
        Status written = package::writePackageFrom(
            r.manifestJson, r.manifestSha256, r.report, c.info.createdAt,
            [&reader](const QString &sha) { return reader.blob(sha); }, packagePath);
        if (!written)
            return written.error();
        auto taken = intake.receive(packagePath);
        if (!taken)
            return taken.error();
        out.newHere += taken->alreadyHere ? 0 : 1;
    }

    BatchRecord batch;
    batch.uuid = c.info.batchUuid;
    batch.urs = urs->name;
    batch.period = c.info.period;
    batch.createdAt = c.info.createdAt;
    batch.createdBy = c.info.createdBy;
    batch.filePath = QFileInfo(path).absoluteFilePath();
    for (const package::BatchFileRevision &r : c.revisions)
        batch.revisions << BatchMember{r.reportUuid, r.revision, r.manifestSha256, r.municipality};
    auto recorded = BatchService(m_services).recordIncoming(batch, &out.alreadyHere);
    if (!recorded)
        return recorded.error();
    out.batch = recorded.value();
    out.alreadyHere = out.alreadyHere && out.newHere == 0;
    return out;
}

package::BatchReceipt BatchIntake::receiptOf(const BatchRecord &b, const QString &issuedBy,
                                             const QString &issuedByName)
{
    QList<package::BatchContentItem> content;
    for (const BatchMember &m : b.revisions)
        content << package::BatchContentItem{m.report, m.revision, m.manifestSha256};
    return package::makeBatchReceipt(b.uuid, b.urs, b.period, content, b.hubId, b.hubReceivedAt, issuedBy,
                                     issuedByName);
}

Result<QString> BatchIntake::writeReceipt(const BatchRecord &batch, const QString &batchFilePath,
                                          const QString &receiptPath) const
{
    if (batch.state != QLatin1String("received"))
        return Error{QStringLiteral("not_received"),
                     QCoreApplication::translate("BatchIntake",
                                                 "The hub has not received batch %1 yet: it goes at the next "
                                                 "synchronization, and its receipt can be written then.")
                         .arg(batch.uuid.left(8))};
    const QString path = receiptPath.isEmpty() ? package::receiptPathFor(batchFilePath) : receiptPath;
    const ProfileService &profile = m_services.profile();
    if (Status written =
            package::writeBatchReceipt(receiptOf(batch, profile.setting(QLatin1String(kHubIdSetting)),
                                                 profile.setting(QLatin1String(kHubNameSetting))),
                                       path);
        !written)
        return written.error();
    return path;
}

} // namespace mobiliza::core
