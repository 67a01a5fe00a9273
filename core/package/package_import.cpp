// Importing a report package: verify the whole file, validate its report with
// the program's rules (as concluding does), decide (changing nothing), store
// the photos, then the revision in one transaction.
#include "core/package/package_errors_p.h"
#include "core/package/report_package.h"
#include "core/services/services.h"

namespace mobiliza::core::package {

Result<ImportOutcome> importPackage(Services &services, const QString &path, const ProgressFn &progress)
{
    // Progress: the verification pass, then the storing pass (each the photo bytes).
    qint64 verifyTotal = 0;
    PackageReader reader(path);
    auto contents = reader.verify([&](qint64 done, qint64 total) {
        verifyTotal = total;
        return !progress || progress(done, 2 * total);
    });
    if (!contents)
        return contents.error();

    // The program's rules, with the very engine ReportService::conclude uses: a
    // package is only imported if its report could have been concluded here.
    const auto engine = services.programs().engine(contents->report.programId);
    if (!engine)
        return errors::unknownProgram(contents->report.programId);
    const Findings findings = engine->validate(contents->report);
    if (hasBlocking(findings))
        return errors::validationFailed(findings);

    RevisionImporter importer(services);
    auto planned = importer.check(contents->manifestJson);
    if (!planned)
        return planned.error(); // refused before anything was stored
    if (planned->kind == ImportOutcome::Kind::AlreadyPresent)
        return planned;

    qint64 stored = 0;
    for (const QString &sha : std::as_const(contents->blobs)) {
        auto bytes = reader.blob(sha);
        if (!bytes)
            return bytes.error();
        auto put = services.blobs().put(bytes.value());
        if (!put)
            return put.error();
        if (put.value() != sha)
            return errors::corrupt();
        stored += bytes->size();
        if (progress && !progress(verifyTotal + stored, 2 * verifyTotal))
            return errors::cancelled();
    }
    return importer.import(contents->manifestJson, QStringLiteral("package"));
}

} // namespace mobiliza::core::package
