#include "sync/hub/hub.h"

#include "sync/hub/hub_blobs.h"

#include "core/package/manifest_codec.h"
#include "core/package/report_package.h"
#include "core/program/program_definition.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>

namespace mobiliza::hub {

using core::Error;
using core::Result;

Q_LOGGING_CATEGORY(lcHub, "mobiliza.hub") // also used by hub_blobs.cpp and hub_tokens.cpp

namespace {

bool isIbge(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^\\d{7}$"));
    return re.match(s).hasMatch();
}

} // namespace

Hub::Hub(HubStore &store, core::BlobStore &blobs, core::ReferenceData reference, const core::Clock &clock,
         HubOptions options)
    : m_store(store), m_blobs(blobs), m_reference(std::move(reference)), m_clock(clock),
      m_options(std::move(options))
{
    const core::ReferenceData ref = m_reference;
    const core::ReferenceChecks checks{[ref](const QString &c) { return ref.isValidMunicipalityCode(c); },
                                       [ref](const QString &c) { return ref.regiao(c).has_value(); }};
    const core::ProgramDefinition ses = core::ProgramDefinition::sesMgMobilizacao();
    m_engines.insert(ses.id(), std::make_shared<const core::ValidationEngine>(ses, checks));
}

// ------------------------------------------------------------------ errors
Refusal Hub::error(int status, const QString &code, const QString &message)
{
    Refusal e;
    e.status = status;
    e.body.code = code;
    e.body.message = message;
    return e;
}

Refusal Hub::serverError(const Error &cause)
{
    qCWarning(lcHub) << "store error:" << cause.code << cause.message;
    if (cause.code == QLatin1String("disk_full")) // never "internal error" (nor "damaged"): say what it is
        return error(507, QStringLiteral("disk_full"),
                     QCoreApplication::translate(
                         "Hub",
                         "The hub's disk is full, so nothing was stored. What it stored before is intact. "
                         "Free space in the hub's data folder (or tell the regional office, URS), then try "
                         "again."));
    return error(500, QStringLiteral("server_error"),
                 QCoreApplication::translate(
                     "Hub",
                     "The hub could not complete the request because of an internal error. Try again later; "
                     "if it keeps happening, tell the regional office (URS)."));
}

Refusal Hub::notFound()
{
    return error(404, QStringLiteral("not_found"),
                 QCoreApplication::translate("Hub", "Not found on this hub."));
}

Refusal Hub::unauthorized()
{
    return error(401, QStringLiteral("unauthorized"),
                 QCoreApplication::translate(
                     "Hub",
                     "The hub did not accept this installation's credentials. Enroll this installation again "
                     "with a new code from the regional office (URS)."));
}

QReadWriteLock &Hub::blobLifecycle()
{
    static QReadWriteLock lock;
    return lock;
}

// ------------------------------------------------------------------ scopes
Result<sync::Scope> Hub::municipalityScope(const QString &ibge) const
{
    const QString code = ibge.trimmed();
    if (!isMunicipality(code))
        return Error{QStringLiteral("unknown_municipality"),
                     QCoreApplication::translate(
                         "Hub",
                         "“%1” is not the IBGE code of a municipality of Minas Gerais. Use the 7-digit code, "
                         "e.g. 3105608 for Barbacena.")
                         .arg(ibge)};
    sync::Scope s;
    s.kind = sync::Scope::Kind::Municipality;
    s.municipality = code;
    return s;
}

Result<sync::Scope> Hub::ursScope(const QString &nameOrAlias) const
{
    const auto urs = m_reference.ursByName(nameOrAlias.trimmed());
    if (!urs)
        return Error{QStringLiteral("unknown_urs"),
                     QCoreApplication::translate(
                         "Hub",
                         "“%1” is not the name of a URS (regional health office) of Minas Gerais. Check the "
                         "spelling, e.g. Barbacena or Manhuaçu.")
                         .arg(nameOrAlias)};
    sync::Scope s;
    s.kind = sync::Scope::Kind::Urs;
    s.urs = urs->name;
    return s;
}

bool Hub::isMunicipality(const QString &code) const
{
    return isIbge(code) && m_reference.isValidMunicipalityCode(code);
}

QString Hub::ursOf(const QString &ibge) const
{
    if (!isIbge(ibge))
        return {};
    const auto m = m_reference.municipality(ibge);
    return m ? m->urs : QString();
}

bool Hub::covers(const sync::Scope &scope, const QString &municipality) const
{
    return scope.covers(municipality, ursOf(municipality));
}

std::optional<QStringList> Hub::municipalitiesOf(const sync::Scope &scope) const
{
    switch (scope.kind) {
    case sync::Scope::Kind::Municipality:
        return QStringList{scope.municipality};
    case sync::Scope::Kind::Urs: {
        QStringList codes;
        for (const auto &m : m_reference.municipalitiesOfUrs(scope.urs))
            if (covers(scope, m.ibge))
                codes << m.ibge;
        return codes;
    }
    case sync::Scope::Kind::Central:
        break;
    }
    return std::nullopt;
}

QString Hub::describe(const sync::Scope &scope) const
{
    switch (scope.kind) {
    case sync::Scope::Kind::Municipality: {
        const auto m = m_reference.municipality(scope.municipality);
        return m ? QStringLiteral("%1 (%2)").arg(m->name, scope.municipality) : scope.municipality;
    }
    case sync::Scope::Kind::Urs:
        return QCoreApplication::translate("Hub", "URS %1").arg(scope.urs);
    case sync::Scope::Kind::Central:
        return QCoreApplication::translate("Hub", "central level");
    }
    return {};
}

// --------------------------------------------------------------- revisions
sync::Receipt Hub::receiptOf(const RevisionRecord &revision) const
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

Outcome<PushOutcome> Hub::existingRevisionOutcome(const QString &reportUuid, int revision,
                                                  const QString &sha256, bool *decided) const
{
    *decided = false;
    auto existing = m_store.revisions(reportUuid);
    if (!existing)
        return serverError(existing.error());
    for (const RevisionRecord &r : existing.value()) {
        if (r.revision == revision) {
            *decided = true;
            if (r.manifestSha256 == sha256)
                return PushOutcome{receiptOf(r), false};
            return error(
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
        return error(
            409, QStringLiteral("stale_revision"),
            QCoreApplication::translate(
                "Hub",
                "The hub already has a later revision (%1) of this report; revision %2 was not stored.")
                .arg(existing.value().constLast().revision)
                .arg(revision));
    }
    return PushOutcome{};
}

Outcome<PushOutcome> Hub::pushRevision(const sync::Scope &scope, const QString &reportUuid, int revision,
                                       const QByteArray &manifest)
{
    // A URS or the central level reads and reviews reports; it never sends one on a
    // municipality's behalf (a package on paper goes through `mobiliza-hub import`).
    if (scope.kind != sync::Scope::Kind::Municipality)
        return error(403, QStringLiteral("forbidden"),
                     QCoreApplication::translate(
                         "Hub", "Only the municipality's own installation sends its reports. A regional "
                                "(URS) or central installation cannot send or change them."));
    return storeRevision(scope, reportUuid, revision, manifest);
}

std::optional<Refusal> Hub::validationError(const core::Report &report) const
{
    const auto engine = m_engines.value(report.programId);
    if (!engine)
        return error(
            422, QStringLiteral("unknown_program"),
            QCoreApplication::translate(
                "Hub", "This hub does not know the program “%1”. Ask the regional office (URS) to update the "
                       "hub.")
                .arg(report.programId));
    core::Findings findings = engine->validate(report);
    if (!m_reference.isValidMunicipalityCode(report.municipality))
        findings.prepend(core::Finding{
            QStringLiteral("report.municipality"), core::Severity::Error,
            QStringLiteral("unknown_municipality"),
            QCoreApplication::translate("Hub",
                                        "The report's municipality (%1) is not in the reference table of "
                                        "Minas Gerais.")
                .arg(report.municipality)});
    if (!core::hasBlocking(findings))
        return std::nullopt;
    Refusal e = error(
        422, QStringLiteral("validation_failed"),
        QCoreApplication::translate(
            "Hub", "The report did not pass the program's checks. Correct what is listed and conclude "
                   "it again."));
    e.body.findings = findings;
    return e;
}

Outcome<PushOutcome> Hub::storeRevision(const sync::Scope &scope, const QString &reportUuid, int revision,
                                        const QByteArray &manifest, const Provenance &provenance)
{
    if (manifest.size() > m_options.limits.maxManifestBytes)
        return error(413, QStringLiteral("too_large"),
                     QCoreApplication::translate(
                         "Hub", "The report is larger than the hub accepts (%1 bytes at most).")
                         .arg(m_options.limits.maxManifestBytes));
    const QJsonDocument doc = QJsonDocument::fromJson(manifest);
    if (!doc.isObject())
        return error(400, QStringLiteral("bad_manifest"),
                     QCoreApplication::translate("Hub", "The report data is not a JSON object."));
    const QJsonObject head = doc.object();
    const QJsonValue bodyRevision = head.value(QStringLiteral("revision"));
    if (head.value(QStringLiteral("report")).toString() != reportUuid || !bodyRevision.isDouble() ||
        bodyRevision.toDouble() != double(revision))
        return error(
            400, QStringLiteral("path_mismatch"),
            QCoreApplication::translate(
                "Hub",
                "The address of the request does not match the report it carries (report or revision)."));
    const QString municipality = head.value(QStringLiteral("municipality")).toString();
    const Refusal forbidden =
        error(403, QStringLiteral("forbidden"),
              QCoreApplication::translate(
                  "Hub", "This installation may only send reports of its own municipality."));
    if (!covers(scope, municipality))
        return forbidden;
    auto decoded = core::decodeManifest(manifest);
    if (!decoded)
        return error(400, QStringLiteral("bad_manifest"), decoded.error().message);
    const core::Report &report = decoded->report;

    // The report keeps its municipality, program and month across revisions.
    auto stored = m_store.report(reportUuid);
    if (!stored)
        return serverError(stored.error());
    if (stored.value()) {
        const ReportRecord &old = *stored.value();
        if (!covers(scope, old.municipality))
            return forbidden;
        if (old.municipality != report.municipality || old.program != report.programId ||
            old.period != report.period.key())
            return error(
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
    QReadLocker photosStay(&blobLifecycle()); // until the revision naming them is stored
    QSet<QString> known;
    if (scope.kind != sync::Scope::Kind::Central) {
        auto referenced = m_store.knownBlobs(named, municipalitiesOf(scope), QString());
        if (!referenced)
            return serverError(referenced.error());
        known = referenced.value();
        if (scope.kind == sync::Scope::Kind::Municipality) {
            auto uploaded = m_store.uploadedByMunicipality(named, scope.municipality);
            if (!uploaded)
                return serverError(uploaded.error());
            known.unite(uploaded.value());
        }
    }
    QStringList missing;
    for (const QString &blob : named)
        if ((scope.kind != sync::Scope::Kind::Central && !known.contains(blob)) || !m_blobs.has(blob))
            missing << blob;
    if (!missing.isEmpty()) {
        Refusal e = error(409, QStringLiteral("missing_blobs"),
                           QCoreApplication::translate(
                               "Hub", "The hub does not have %1 of the report's photos yet. Send them first.")
                               .arg(missing.size()));
        e.body.missing = missing;
        return e;
    }

    if (auto refused = validationError(report))
        return *refused;

    const ReportRecord record{report.uuid, report.municipality, report.programId, report.period.key()};
    auto inserted = m_store.insertRevision(record, ursOf(report.municipality), revision, manifest, sha256,
                                           m_clock.now(), provenance);
    if (!inserted) {
        // Another instance may have stored it meanwhile (same database): answer as for a repeat.
        auto again = existingRevisionOutcome(reportUuid, revision, sha256, &decided);
        if (decided || !again)
            return again;
        return serverError(inserted.error());
    }
    return PushOutcome{receiptOf(inserted.value()), true};
}

Outcome<ReportView> Hub::reportView(const sync::Scope &scope, const QString &reportUuid) const
{
    if (!sync::isUuid(reportUuid))
        return notFound();
    auto report = m_store.report(reportUuid);
    if (!report)
        return serverError(report.error());
    if (!report.value() || !covers(scope, report.value()->municipality))
        return notFound();
    auto revisions = m_store.revisions(reportUuid);
    if (!revisions)
        return serverError(revisions.error());
    return ReportView{*report.value(), revisions.value()};
}

Outcome<sync::StatusPage> Hub::status(const sync::Scope &scope, qint64 since, int limit) const
{
    limit = qBound(1, limit, m_options.statusPageMax);
    auto events = m_store.events(qMax<qint64>(0, since), limit, municipalitiesOf(scope));
    if (!events)
        return serverError(events.error());
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

Outcome<ImportResult> Hub::importPackage(const QString &path)
{
    sync::Scope central;
    central.kind = sync::Scope::Kind::Central;
    // At the hub itself: "recebido por arquivo" by the hub's own operator.
    return importPackage(path, central, Provenance::import(sync::ReceivedBy{{}, {}, QStringLiteral("mobiliza-hub")}));
}

Outcome<ImportResult> Hub::importPackage(const QString &path, const sync::Scope &scope, const Provenance &provenance)
{
    core::package::PackageReader reader(path);
    auto contents = reader.verify();
    if (!contents)
        return error(contents.error().code == QLatin1String("too_large") ? 413 : 400, contents.error().code,
                     contents.error().message);
    // Another region's report, as for any read outside the scope: nothing is revealed.
    if (!covers(scope, contents->report.municipality))
        return notFound();
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

Outcome<PushOutcome> Hub::storeImported(const core::Report &report, const QByteArray &manifest,
                                        const QStringList &blobs,
                                        const std::function<core::Result<QByteArray>(const QString &)> &readBlob,
                                        const Provenance &provenance, int *blobCount)
{
    for (const QString &sha : blobs) {
        auto bytes = readBlob(sha);
        if (!bytes)
            return error(400, bytes.error().code, bytes.error().message);
        auto stored = BlobDesk(*this).put(sha, bytes.value());
        if (!stored)
            return stored.error();
        if (blobCount)
            ++*blobCount;
    }
    sync::Scope central;
    central.kind = sync::Scope::Kind::Central;
    return storeRevision(central, report.uuid, report.revision, manifest, provenance);
}

// Hub::review (the CLI's decision): hub_reviews.cpp, through ReviewDesk.

Result<QList<ListedRevision>> Hub::listRevisions(const QString &month, const QString &urs) const
{
    if (!month.isEmpty() && !core::Period::fromKey(month).isValid())
        return Error{
            QStringLiteral("bad_month"),
            QCoreApplication::translate("Hub", "“%1” is not a month. Use YYYY-MM, e.g. 2026-10.").arg(month)};
    std::optional<QStringList> municipalities;
    if (!urs.isEmpty()) {
        auto scope = ursScope(urs);
        if (!scope)
            return scope.error();
        municipalities = municipalitiesOf(scope.value());
    }
    return m_store.listRevisions(month, municipalities);
}

} // namespace mobiliza::hub
