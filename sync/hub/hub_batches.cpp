// BatchDesk (docs/protocol.md §10.5) and the import of a batch file.
#include "sync/hub/hub_batches.h"

#include "core/program/program_definition.h"

#include "core/package/batch_file.h"
#include "sync/hub/hub_revisions.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace mobiliza::hub {

namespace {

Refusal notAUrs()
{
    return Hub::error(403, QStringLiteral("forbidden"),
                      QCoreApplication::translate("Hub", "Only a regional office (URS) sends batches of accepted "
                                                         "reports to the central level."));
}

QString canonicalSha256(const sync::Batch &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(sync::encode(b), QCryptographicHash::Sha256).toHex());
}

sync::BatchRefusal refusal(const sync::BatchRevision &r, const QString &state, const char *reason)
{
    return sync::BatchRefusal{r.report, r.revision, state, QLatin1String(reason)};
}

} // namespace

Outcome<BatchOutcome> BatchDesk::put(const TokenRecord &token, const QString &uuid, const QByteArray &body)
{
    // Batches forward SES-MG's accepted reports (§10.5); another program's levels have none.
    if (token.scope.programId() != core::ProgramDefinition::sesMgMobilizacaoId())
        return Hub::error(403, QStringLiteral("forbidden"),
                          QCoreApplication::translate("Hub",
                                                      "Batches forward SES-MG's reports to its central "
                                                      "level; this installation's program has none."));
    const bool central = token.scope.kind == sync::Scope::Kind::Central;
    if (token.scope.kind != sync::Scope::Kind::Urs && !central)
        return notAUrs();
    if (!sync::isUuid(uuid))
        return Hub::error(400, QStringLiteral("bad_request"),
                          QCoreApplication::translate("Hub", "The address must name a batch (UUID)."));
    auto decoded = sync::decodeBatch(body);
    if (!decoded)
        return Hub::error(400, QStringLiteral("bad_request"), decoded.error().message);
    if (decoded->uuid != uuid)
        return Hub::error(400, QStringLiteral("path_mismatch"),
                          QCoreApplication::translate("Hub", "The address of the request does not match the batch "
                                                             "it carries."));
    auto urs = m_hub.ursScope(decoded->urs);
    if (central) {
        // A URS's batch file, received by the central level and sent here on that
        // URS's behalf (§10.5): recorded as `mobiliza-hub import` records it.
        if (!urs)
            return Hub::error(422, urs.error().code, urs.error().message);
        sync::Batch batch = decoded.value();
        batch.urs = urs->urs; // canonical
        return apply(urs.value(), batch, token.installation, token.id, QStringLiteral("file"));
    }
    if (!urs || urs->urs != token.scope.urs)
        return Hub::error(403, QStringLiteral("forbidden"),
                          QCoreApplication::translate("Hub", "A regional office (URS) sends only its own batches: "
                                                             "this one names another URS."));
    sync::Batch batch = decoded.value();
    batch.urs = token.scope.urs; // canonical
    return apply(token.scope, batch, token.installation, token.id, QStringLiteral("http"));
}

Outcome<QList<sync::BatchRefusal>> BatchDesk::refusals(const sync::Scope &scope, const sync::Batch &batch,
                                                       QHash<QString, ReportRecord> *reports) const
{
    HubStore &store = m_hub.store();
    QList<sync::BatchRefusal> out;
    for (const sync::BatchRevision &r : batch.revisions) {
        auto report = store.report(r.report);
        if (!report)
            return Hub::serverError(report.error());
        // Unknown, or another region's: the same answer.
        if (!report.value() || !m_hub.covers(scope, report.value()->municipality)) {
            out << refusal(r, QStringLiteral("not_found"), "not_found");
            continue;
        }
        auto revision = store.revision(r.report, r.revision);
        if (!revision)
            return Hub::serverError(revision.error());
        if (!revision.value()) {
            out << refusal(r, QStringLiteral("not_found"), "not_found");
            continue;
        }
        const RevisionRecord &v = *revision.value();
        if (v.manifestSha256 != r.manifestSha256)
            out << refusal(r, v.state, "other_content");
        else if (report.value()->period != batch.period)
            out << refusal(r, v.state, "other_period");
        else if (!(v.state == revision_state::Accepted ||
                   (v.state == revision_state::Received && v.via == QLatin1String("import"))))
            out << refusal(r, v.state, "not_accepted");
        else
            reports->insert(r.report, *report.value());
    }
    return out;
}

Refusal BatchDesk::refusedError(const QList<sync::BatchRefusal> &refused) const
{
    Refusal e = Hub::error(
        409, QStringLiteral("batch_refused"),
        QCoreApplication::translate("Hub", "The batch was not received: reports that cannot be forwarded: %1 (not "
                                           "accepted, changed, of another month or not found). Nothing was "
                                           "stored; make the batch again.")
            .arg(refused.size()));
    e.body.details.insert(QStringLiteral("refused"), sync::refusalsToJson(refused));
    return e;
}

Outcome<BatchOutcome> BatchDesk::apply(const sync::Scope &scope, const sync::Batch &batch,
                                       const QString &installation, const QString &tokenId, const QString &via)
{
    BatchRecord record;
    record.batch = batch;
    record.installation = installation;
    record.tokenId = tokenId;
    record.via = via;
    record.bodySha256 = canonicalSha256(batch);
    const auto replay = [&](const BatchRecord &stored) -> Outcome<BatchOutcome> {
        if (stored.bodySha256 != record.bodySha256)
            return Hub::error(409, QStringLiteral("batch_conflict"),
                              QCoreApplication::translate(
                                  "Hub", "The hub already has another batch with this identifier. Nothing was "
                                         "changed; make the batch again."));
        return BatchOutcome{stored, false};
    };
    HubStore &store = m_hub.store();
    auto known = store.batch(batch.uuid);
    if (!known)
        return Hub::serverError(known.error());
    if (known.value())
        return replay(*known.value());

    QHash<QString, ReportRecord> reports;
    auto refused = refusals(scope, batch, &reports);
    if (!refused)
        return refused.error();
    if (!refused->isEmpty())
        return refusedError(refused.value());
    bool existing = false;
    auto inserted = store.insertBatch(record, reports, m_hub.now(), &existing);
    if (!inserted && inserted.error().code == QLatin1String("batch_refused")) {
        // A decision or another batch came first: tell what changed.
        reports.clear();
        auto now = refusals(scope, batch, &reports);
        if (!now)
            return now.error();
        return refusedError(now.value());
    }
    if (!inserted)
        return Hub::serverError(inserted.error());
    if (existing) // the same uuid, stored meanwhile on another connection
        return replay(inserted.value());
    return BatchOutcome{inserted.value(), true};
}

Outcome<BatchRecord> BatchDesk::get(const TokenRecord &token, const QString &uuid) const
{
    if (token.scope.kind == sync::Scope::Kind::Municipality)
        return notAUrs();
    if (!sync::isUuid(uuid) || token.scope.programId() != core::ProgramDefinition::sesMgMobilizacaoId())
        return Hub::notFound();
    auto found = m_hub.store().batch(uuid);
    if (!found)
        return Hub::serverError(found.error());
    // Unknown, or another URS's: the same answer.
    if (!found.value() || (token.scope.kind == sync::Scope::Kind::Urs && found.value()->batch.urs != token.scope.urs))
        return Hub::notFound();
    return *found.value();
}

Outcome<BatchOutcome> BatchDesk::importFile(const QString &path)
{
    core::package::BatchFileReader reader(path);
    auto contents = reader.verify();
    if (!contents)
        return Hub::error(contents.error().code == QLatin1String("too_large") ? 413 : 400, contents.error().code,
                          contents.error().message);
    const core::package::BatchFileInfo &info = contents->info;
    auto urs = m_hub.ursScope(info.urs);
    if (!urs)
        return Hub::error(422, urs.error().code, urs.error().message);
    sync::Batch batch{info.batchUuid, urs->urs, info.period.key(), info.createdAt, info.createdBy, {}};
    // Nothing is stored unless every report is the URS's and passes the program's rules.
    QList<sync::BatchRefusal> outside;
    RevisionDesk revisions(m_hub);
    for (const core::package::BatchFileRevision &r : std::as_const(contents->revisions)) {
        batch.revisions << sync::BatchRevision{r.reportUuid, r.revision, r.manifestSha256};
        if (!m_hub.covers(urs.value(), r.municipality))
            outside << refusal(batch.revisions.constLast(), QStringLiteral("not_found"), "not_found");
        else if (auto refused = revisions.validationError(r.report))
            return *refused;
    }
    if (!outside.isEmpty())
        return refusedError(outside);
    int imported = 0;
    const Provenance provenance = Provenance::import(sync::ReceivedBy{urs->urs, {}, info.createdBy});
    for (const core::package::BatchFileRevision &r : std::as_const(contents->revisions)) {
        auto stored = revisions.storeImported(
            r.report, r.manifestJson, r.blobs, [&reader](const QString &sha) { return reader.blob(sha); },
            provenance);
        if (!stored)
            return stored.error();
        imported += stored->created ? 1 : 0;
    }
    auto applied = apply(urs.value(), batch, QString(), QString(), QStringLiteral("file"));
    if (!applied)
        return applied.error();
    BatchOutcome out = applied.value();
    out.imported = imported;
    return out;
}

core::package::BatchReceipt BatchDesk::receiptOf(const BatchRecord &record) const
{
    const sync::Batch &b = record.batch;
    QList<core::package::BatchContentItem> content;
    for (const sync::BatchRevision &r : b.revisions)
        content << core::package::BatchContentItem{r.report, r.revision, r.manifestSha256};
    const sync::HubInfo &issuer = m_hub.options().info;
    return core::package::makeBatchReceipt(b.uuid, b.urs, core::Period::fromKey(b.period), content,
                                           record.hubId, record.receivedAt, issuer.id, issuer.name);
}

} // namespace mobiliza::hub
