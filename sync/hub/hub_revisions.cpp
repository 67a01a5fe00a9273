// RevisionDesk: the push, a report's revisions, the status feed and the package
// import, all through the push's checks (storeRevision).
#include "sync/hub/hub_revisions.h"

#include "core/package/manifest_codec.h"
#include "core/package/report_package.h"
#include "sync/hub/hub_blobs.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QReadLocker>

namespace mobiliza::hub {

using core::Error;
using core::Result;

namespace {

sync::Receipt receiptOf(const RevisionRecord &revision)
{
    sync::Receipt r;
    r.hubId = revision.hubId;
    r.report = revision.report;
    r.revision = revision.revision;
    r.manifestSha256 = revision.manifestSha256;
    r.receivedAt = revision.receivedAt;
    // The receipt records the reception: it never changes (review results travel in the status feed).
    r.state = revision_state::Received;
    return r;
}

} // namespace

Outcome<PushOutcome> RevisionDesk::existingRevisionOutcome(const QString &reportUuid, int revision,
                                                           const QString &sha256, bool *decided) const
{
    *decided = false;
    auto existing = m_hub.store().revisions(reportUuid);
    if (!existing)
        return Hub::serverError(existing.error());
    for (const RevisionRecord &r : existing.value()) {
        if (r.revision == revision) {
            *decided = true;
            if (r.manifestSha256 == sha256)
                return PushOutcome{receiptOf(r), false};
            return Hub::error(
                409, QStringLiteral("revision_conflict"),
                QCoreApplication::translate(
                    "Hub",
                    "The hub already has revision %1 of this report with different content. A concluded "
                    "revision is never replaced: reopen the report to send a new revision.")
                    .arg(revision));
        }
    }
    if (!existing.value().isEmpty() && existing.value().constLast().revision > revision) {
        *decided = true;
        return Hub::error(
            409, QStringLiteral("stale_revision"),
            QCoreApplication::translate(
                "Hub",
                "The hub already has a later revision (%1) of this report; revision %2 was not stored.")
                .arg(existing.value().constLast().revision)
                .arg(revision));
    }
    return PushOutcome{};
}

Outcome<PushOutcome> RevisionDesk::push(const sync::Scope &scope, const QString &reportUuid, int revision,
                                        const QByteArray &manifest)
{
    // A URS or the central level reads and reviews reports; it never sends one on a
    // municipality's behalf (a package on paper goes through `mobiliza-hub import`).
    if (scope.kind != sync::Scope::Kind::Municipality)
        return Hub::error(403, QStringLiteral("forbidden"),
                          QCoreApplication::translate(
                              "Hub", "Only the municipality's own installation sends its reports. A regional "
                                     "(URS) or central installation cannot send or change them."));
    return storeRevision(scope, reportUuid, revision, manifest);
}

std::optional<Refusal> RevisionDesk::validationError(const core::Report &report) const
{
    const auto engine = m_hub.engine(report.programId);
    if (!engine)
        return Hub::error(
            422, QStringLiteral("unknown_program"),
            QCoreApplication::translate(
                "Hub", "This hub does not know the program “%1”. Ask the regional office (URS) to update the "
                       "hub.")
                .arg(report.programId));
    core::Findings findings = engine->validate(report);
    const auto place = m_hub.placeOf(report.municipality);
    if (!place && core::isIbgeCode(report.municipality))
        findings.prepend(core::Finding{
            QStringLiteral("report.municipality"), core::Severity::Error,
            QStringLiteral("unknown_municipality"),
            QCoreApplication::translate("Hub",
                                        "The report's municipality (%1) is not in the reference table of "
                                        "Minas Gerais.")
                .arg(report.municipality)});
    if (!core::hasBlocking(findings))
        return std::nullopt;
    Refusal e = Hub::error(
        422, QStringLiteral("validation_failed"),
        QCoreApplication::translate(
            "Hub", "The report did not pass the program's checks. Correct what is listed and conclude "
                   "it again."));
    e.body.findings = findings;
    return e;
}

Outcome<PushOutcome> RevisionDesk::storeRevision(const sync::Scope &scope, const QString &reportUuid,
                                                 int revision, const QByteArray &manifest,
                                                 const Provenance &provenance)
{
    if (manifest.size() > m_hub.options().limits.maxManifestBytes)
        return Hub::error(413, QStringLiteral("too_large"),
                          QCoreApplication::translate(
                              "Hub", "The report is larger than the hub accepts (%1 bytes at most).")
                              .arg(m_hub.options().limits.maxManifestBytes));
    const QJsonDocument doc = QJsonDocument::fromJson(manifest);
    if (!doc.isObject())
        return Hub::error(400, QStringLiteral("bad_manifest"),
                          QCoreApplication::translate("Hub", "The report data is not a JSON object."));
    const QJsonObject head = doc.object();
    const QJsonValue bodyRevision = head.value(QStringLiteral("revision"));
    if (head.value(QStringLiteral("report")).toString() != reportUuid || !bodyRevision.isDouble() ||
        bodyRevision.toDouble() != double(revision))
        return Hub::error(
            400, QStringLiteral("path_mismatch"),
            QCoreApplication::translate(
                "Hub",
                "The address of the request does not match the report it carries (report or revision)."));
    const QString municipality = head.value(QStringLiteral("municipality")).toString();
    const Refusal forbidden =
        Hub::error(403, QStringLiteral("forbidden"),
                   QCoreApplication::translate(
                       "Hub", "This installation may only send reports of its own municipality."));
    if (!m_hub.covers(scope, municipality))
        return forbidden;
    auto decoded = core::decodeManifest(manifest);
    if (!decoded)
        return Hub::error(400, QStringLiteral("bad_manifest"), decoded.error().message);
    const core::Report &report = decoded->report;
    // Its reporting unit's program (the scope covers the unit, so they are the scope's).
    // (A program the hub does not know is refused below as unknown_program.)
    if (const auto place = m_hub.placeOf(report.municipality);
        m_hub.engine(report.programId) && (!place || place->program != report.programId))
        return Hub::error(403, QStringLiteral("wrong_program"),
                          QCoreApplication::translate(
                              "Hub",
                              "This report names another program than its reporting unit's (%1) on this "
                              "hub; it was not stored.")
                              .arg(report.municipality));

    // The report keeps its municipality, program and month across revisions.
    auto stored = m_hub.store().report(reportUuid);
    if (!stored)
        return Hub::serverError(stored.error());
    if (stored.value()) {
        const ReportRecord &old = *stored.value();
        if (!m_hub.covers(scope, old.municipality))
            return forbidden;
        if (old.municipality != report.municipality || old.program != report.programId ||
            old.period != report.period.key())
            return Hub::error(
                409, QStringLiteral("report_mismatch"),
                QCoreApplication::translate(
                    "Hub", "The hub already has this report for another municipality, program or month; this "
                           "revision was not stored."));
    }

    const QString sha256 = core::BlobStore::sha256Hex(manifest);
    bool decided = false;
    auto existing = existingRevisionOutcome(reportUuid, revision, sha256, &decided);
    if (decided || !existing)
        return existing;

    // A photo counts as present for a push only when the pushing scope knows it: a
    // report of the scope names it, or an installation of the municipality uploaded it
    // (the central level's import stores its package's photos itself). Otherwise the
    // `missing` list would tell whether another municipality has a photo.
    const QStringList named = core::manifestBlobs(report);
    QReadLocker photosStay(&Hub::blobLifecycle()); // until the revision naming them is stored
    QSet<QString> known;
    if (scope.kind != sync::Scope::Kind::Central) {
        auto referenced = m_hub.store().knownBlobs(named, m_hub.municipalitiesOf(scope), QString());
        if (!referenced)
            return Hub::serverError(referenced.error());
        known = referenced.value();
        if (scope.kind == sync::Scope::Kind::Municipality) {
            auto uploaded = m_hub.store().uploadedByMunicipality(named, scope.municipality);
            if (!uploaded)
                return Hub::serverError(uploaded.error());
            known.unite(uploaded.value());
        }
    }
    QStringList missing;
    for (const QString &blob : named)
        if ((scope.kind != sync::Scope::Kind::Central && !known.contains(blob)) || !m_hub.blobs().has(blob))
            missing << blob;
    if (!missing.isEmpty()) {
        Refusal e =
            Hub::error(409, QStringLiteral("missing_blobs"),
                       QCoreApplication::translate(
                           "Hub", "The hub does not have %1 of the report's photos yet. Send them first.")
                           .arg(missing.size()));
        e.body.missing = missing;
        return e;
    }

    if (auto refused = validationError(report))
        return *refused;

    const ReportRecord record{report.uuid, report.municipality, report.programId, report.period.key()};
    auto inserted = m_hub.store().insertRevision(record, m_hub.ursOf(report.municipality), revision, manifest,
                                                 sha256, m_hub.now(), provenance);
    if (!inserted) {
        // Another instance may have stored it meanwhile (same database): answer as for a repeat.
        auto again = existingRevisionOutcome(reportUuid, revision, sha256, &decided);
        if (decided || !again)
            return again;
        return Hub::serverError(inserted.error());
    }
    return PushOutcome{receiptOf(inserted.value()), true};
}

Outcome<ReportView> RevisionDesk::reportView(const sync::Scope &scope, const QString &reportUuid) const
{
    if (!sync::isUuid(reportUuid))
        return Hub::notFound();
    auto report = m_hub.store().report(reportUuid);
    if (!report)
        return Hub::serverError(report.error());
    if (!report.value() || !m_hub.covers(scope, report.value()->municipality))
        return Hub::notFound();
    auto revisions = m_hub.store().revisions(reportUuid);
    if (!revisions)
        return Hub::serverError(revisions.error());
    return ReportView{*report.value(), revisions.value()};
}

Outcome<sync::StatusPage> RevisionDesk::status(const sync::Scope &scope, qint64 since, int limit) const
{
    limit = qBound(1, limit, m_hub.options().statusPageMax);
    auto events = m_hub.store().events(qMax<qint64>(0, since), limit, m_hub.municipalitiesOf(scope));
    if (!events)
        return Hub::serverError(events.error());
    sync::StatusPage page;
    page.next = qMax<qint64>(0, since);
    for (const EventRecord &e : events.value()) {
        sync::StatusEvent event{e.cursor, e.report, e.period, e.revision, e.state, e.comment, e.at};
        event.notes = e.notes; // a review decision's (§10.1): the municipality sees them beside its report
        event.by = e.reviewer;
        event.decision = e.decision;
        page.events << event;
        page.next = e.cursor;
    }
    return page;
}

Outcome<ImportResult> RevisionDesk::importPackage(const QString &path)
{
    sync::Scope central;
    central.kind = sync::Scope::Kind::Central;
    // At the hub itself: "recebido por arquivo" by the hub's own operator.
    return importPackage(path, central,
                         Provenance::import(sync::ReceivedBy{{}, {}, QStringLiteral("mobiliza-hub")}), true);
}

Outcome<ImportResult> RevisionDesk::importPackage(const QString &path, const sync::Scope &scope,
                                                  const Provenance &provenance, bool anyProgram)
{
    core::package::PackageReader reader(path);
    auto contents = reader.verify();
    if (!contents)
        return Hub::error(contents.error().code == QLatin1String("too_large") ? 413 : 400,
                          contents.error().code, contents.error().message);
    // Another region's report, as for any read outside the scope: nothing is revealed.
    // The hub's own operator imports as the central level of the package's program.
    sync::Scope effective = scope;
    if (anyProgram)
        effective.program = contents->report.programId;
    if (!m_hub.covers(effective, contents->report.municipality))
        return Hub::notFound();
    // The program's rules first, exactly as a push (and the client's conclude): a
    // refused package leaves nothing behind, not even its photos.
    if (auto refused = validationError(contents->report))
        return *refused;
    ImportResult result;
    auto pushed = storeImported(
        contents->report, contents->manifestJson, contents->blobs,
        [&reader](const QString &sha) { return reader.blob(sha); }, provenance, &result.blobCount);
    if (!pushed)
        return pushed.error();
    result.push = pushed.value();
    result.report = ReportRecord{contents->report.uuid, contents->report.municipality,
                                 contents->report.programId, contents->report.period.key()};
    return result;
}

Outcome<PushOutcome>
RevisionDesk::storeImported(const core::Report &report, const QByteArray &manifest, const QStringList &blobs,
                            const std::function<core::Result<QByteArray>(const QString &)> &readBlob,
                            const Provenance &provenance, int *blobCount)
{
    for (const QString &sha : blobs) {
        auto bytes = readBlob(sha);
        if (!bytes)
            return Hub::error(400, bytes.error().code, bytes.error().message);
        auto stored = BlobDesk(m_hub).put(sha, bytes.value());
        if (!stored)
            return stored.error();
        if (blobCount)
            ++*blobCount;
    }
    sync::Scope central; // of the report's program: the caller checked the scope that brought it
    central.kind = sync::Scope::Kind::Central;
    central.program = report.programId;
    return storeRevision(central, report.uuid, report.revision, manifest, provenance);
}

Result<QList<ListedRevision>> RevisionDesk::list(const QString &month, const QString &urs,
                                                 const QString &program, const QString &uf) const
{
    if (!month.isEmpty() && !core::Period::fromKey(month).isValid())
        return Error{
            QStringLiteral("bad_month"),
            QCoreApplication::translate("Hub", "“%1” is not a month. Use YYYY-MM, e.g. 2026-10.").arg(month)};
    if (!urs.isEmpty() && (!program.isEmpty() || !uf.isEmpty()))
        return Error{QStringLiteral("bad_options"),
                     QCoreApplication::translate("Hub",
                                                 "--urs lists SES-MG's reports of a URS: leave out --program "
                                                 "and --uf.")};
    if (program == core::ProgramDefinition::sesMgMobilizacaoId() && !uf.isEmpty())
        return Error{QStringLiteral("bad_options"),
                     QCoreApplication::translate(
                         "Hub", "SES-MG's reports are listed by URS: use --urs instead of --uf.")};
    std::optional<QStringList> municipalities;
    if (!urs.isEmpty()) {
        auto scope = m_hub.ursScope(urs);
        if (!scope)
            return scope.error();
        municipalities = m_hub.municipalitiesOf(scope.value());
    } else if (!program.isEmpty() || !uf.isEmpty()) {
        // A program's reports, or those of one state (its apoiadores'), as its levels see them.
        sync::Scope scope;
        scope.kind = uf.isEmpty() ? sync::Scope::Kind::Central : sync::Scope::Kind::Urs;
        scope.program = program.isEmpty() ? core::ProgramDefinition::apoioCosemsId() : program;
        scope.uf = uf.trimmed().toUpper();
        if (!m_hub.engine(scope.programId()))
            return Error{QStringLiteral("unknown_program"),
                         QCoreApplication::translate("Hub", "This hub does not know the program “%1”.")
                             .arg(scope.programId())};
        municipalities = m_hub.municipalitiesOf(scope);
    }
    return m_hub.store().listRevisions(month, municipalities);
}

} // namespace mobiliza::hub
