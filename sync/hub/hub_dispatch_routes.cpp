// HubDispatcher: the route handlers, after admission (hub_dispatch.cpp) — what each
// route of docs/protocol.md does with an authenticated request and its body: each
// asks its resource's desk (hub.h lists them) and writes the answer.
#include "sync/hub/hub_dispatch.h"

#include "core/services/blob_store.h"
#include "sync/hub/hub_batches.h"
#include "sync/hub/hub_blobs.h"
#include "sync/hub/hub_dispatch_p.h"
#include "sync/hub/hub_imports.h"
#include "sync/hub/hub_partners.h"
#include "sync/hub/hub_partners_region.h"
#include "sync/hub/hub_pull.h"
#include "sync/hub/hub_reviews.h"
#include "sync/hub/hub_revisions.h"
#include "sync/hub/hub_targets.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace mobiliza::hub {

using namespace dispatch_detail;

HubDispatcher::Reply HubDispatcher::storeBlob(const QString &name, const HubRequest &request,
                                              const TokenRecord &token, std::optional<bool> knownAtAdmission)
{
    BlobDesk blobs(m_hub);
    Outcome<BlobOutcome> stored = BlobOutcome{};
    if (request.uploadError) {
        stored = Hub::serverError(*request.uploadError);
    } else if (request.upload) {
        // Streamed to disk and hashed as it arrived; kept only when it is the photo its name says.
        // 200 ("already there") only when this token's scope may know the photo: the answer never
        // tells whether another municipality has it. The admission found that out, or (when it
        // asked nothing: QuotaView) the upload's row does, with a statement only in the rare case
        // of a photo already here that the token never sent.
        bool created = false;
        auto committed = request.upload->commit(&created);
        if (!committed && committed.error().code == QLatin1String("hash_mismatch")) {
            stored = Hub::error(422, QStringLiteral("hash_mismatch"),
                                QCoreApplication::translate("Hub", "The photo arrived damaged (its content does not "
                                                                   "match its name). Nothing was stored; send it "
                                                                   "again."));
        } else if (!committed) {
            stored = Hub::serverError(committed.error());
        } else if (auto fresh = blobs.recordUpload(token, name, request.upload->size(), m_shared->uploads);
                   !fresh) {
            stored = Hub::serverError(fresh.error());
        } else {
            const Outcome<bool> known = knownAtAdmission ? Outcome<bool>(*knownAtAdmission)
                                        : created        ? Outcome<bool>(false) // 201 whatever it knew
                                                         : blobs.knownBefore(token, name, fresh.value());
            if (!known)
                stored = known.error();
            else
                stored = BlobOutcome{name, request.upload->size(), created || !known.value()};
        }
    } else {
        stored = blobs.put(token, name, request.body, knownAtAdmission);
    }
    if (!stored)
        return failure(stored.error());
    return json(stored->created ? 201 : 200, compact({{QStringLiteral("sha256"), stored->sha256},
                                                      {QStringLiteral("bytes"), double(stored->bytes)}}));
}

HubDispatcher::Reply HubDispatcher::handleAuthenticated(Route route, const QStringList &segments,
                                                        const HubRequest &request, const TokenRecord &token,
                                                        std::optional<bool> blobKnown)
{
    const QByteArray &body = request.body;
    const sync::Scope &scope = token.scope;
    switch (route) {
    case Route::Preflight: {
        sync::Preflight p = m_tokens.preflight(token);
        // This token's own limit (docs/protocol.md §2), so that its client paces itself.
        const bool municipal = token.scope.kind == sync::Scope::Kind::Municipality;
        p.limits.requestsPerSecond =
            municipal ? options().tokenRatePerSecond : options().regionalRatePerSecond;
        p.limits.requestBurst = int(municipal ? options().tokenBurst : options().regionalBurst);
        return json(200, sync::encode(p));
    }

    case Route::BlobsMissing: {
        auto names = sync::decodeMissingQuery(body, m_hub.options().limits.maxMissingQuery);
        if (!names)
            return failure(400, QStringLiteral("bad_request"), names.error().message);
        auto missing = BlobDesk(m_hub).missing(token, names.value());
        if (!missing)
            return failure(missing.error());
        return json(200, sync::encodeMissingAnswer(missing.value()));
    }

    case Route::Blob: {
        if (request.method == kGet) {
            auto bytes = PullDesk(m_hub).blob(scope, segments[1]);
            if (!bytes)
                return failure(bytes.error());
            const QByteArray tag = '"' + segments[1].toLatin1() + '"';
            return Reply{200, bytes.value(),
                         {qMakePair(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/octet-stream")),
                          qMakePair(QByteArrayLiteral("Cache-Control"),
                                    QByteArrayLiteral("private, max-age=31536000, immutable")),
                          qMakePair(QByteArrayLiteral("ETag"), tag)}};
        }
        return storeBlob(segments[1], request, token, blobKnown);
    }

    case Route::Revision: {
        const QString uuid = segments[1];
        qint64 revision = 0;
        if (!sync::isUuid(uuid) || !parseCount(segments[3], 0, 100000, &revision) || revision < 1)
            return failure(400, QStringLiteral("bad_request"),
                           QCoreApplication::translate(
                               "HubServer", "The address must name a report (UUID) and a revision number."));
        if (request.method == kGet) {
            auto pulled = PullDesk(m_hub).manifest(scope, uuid, int(revision));
            if (!pulled)
                return failure(pulled.error());
            return Reply{200, pulled->manifest,
                         {qMakePair(QByteArrayLiteral("ETag"), '"' + pulled->manifestSha256.toLatin1() + '"')}};
        }
        auto pushed = RevisionDesk(m_hub).push(scope, uuid, int(revision), body);
        if (!pushed)
            return failure(pushed.error());
        return json(pushed->created ? 201 : 200, sync::encode(pushed->receipt));
    }

    case Route::Report: {
        auto view = RevisionDesk(m_hub).reportView(scope, segments[1]);
        if (!view)
            return failure(view.error());
        QJsonArray revisions;
        for (const RevisionRecord &r : std::as_const(view->revisions)) {
            QJsonObject o{{QStringLiteral("revision"), r.revision},
                          {QStringLiteral("hubId"), r.hubId},
                          {QStringLiteral("manifestSha256"), r.manifestSha256},
                          {QStringLiteral("state"), r.state},
                          {QStringLiteral("comment"), r.comment},
                          {QStringLiteral("receivedAt"), sync::utcTimestamp(r.receivedAt)}};
            if (r.reviewedAt.isValid())
                o.insert(QStringLiteral("reviewedAt"), sync::utcTimestamp(r.reviewedAt));
            revisions.append(o);
        }
        return json(200, compact({{QStringLiteral("report"), view->report.uuid},
                                  {QStringLiteral("municipality"), view->report.municipality},
                                  {QStringLiteral("program"), view->report.program},
                                  {QStringLiteral("period"), view->report.period},
                                  {QStringLiteral("revisions"), revisions}}));
    }

    case Route::Manifests: {
        auto asked = sync::decodeManifestQuery(body);
        if (!asked)
            return failure(400, QStringLiteral("bad_request"),
                           QCoreApplication::translate(
                               "HubServer",
                               "The request must list from 1 to %1 different revisions, each a report "
                               "(UUID) and a revision number.")
                               .arg(sync::kManifestBatchMax));
        auto found = PullDesk(m_hub).manifests(scope, asked.value());
        if (!found)
            return failure(found.error());
        return json(200, sync::encode(found.value()));
    }

    case Route::Revisions: {
        qint64 since = 0;
        qint64 limit = 0;
        if (!parseCursor(request.query, &since, &limit))
            return failure(400, QStringLiteral("bad_request"),
                           QCoreApplication::translate(
                               "HubServer", "“since” and “limit” must be whole numbers (limit at least 1)."));
        auto pulled = PullDesk(m_hub).revisions(scope, since, int(limit));
        if (!pulled)
            return failure(pulled.error());
        QJsonArray list;
        qint64 next = since;
        for (const PulledRevision &p : std::as_const(pulled.value())) {
            QJsonObject o{{QStringLiteral("cursor"), double(p.cursor)},
                          {QStringLiteral("report"), p.report.uuid},
                          {QStringLiteral("municipality"), p.report.municipality},
                          {QStringLiteral("program"), p.report.program},
                          {QStringLiteral("period"), p.report.period},
                          {QStringLiteral("revision"), p.revision.revision},
                          {QStringLiteral("hubId"), p.revision.hubId},
                          {QStringLiteral("manifestSha256"), p.revision.manifestSha256},
                          {QStringLiteral("state"), p.revision.state},
                          {QStringLiteral("comment"), p.revision.comment},
                          {QStringLiteral("receivedAt"), sync::utcTimestamp(p.revision.receivedAt)}};
            if (p.revision.reviewedAt.isValid())
                o.insert(QStringLiteral("reviewedAt"), sync::utcTimestamp(p.revision.reviewedAt));
            if (!p.unitName.isEmpty()) // an apoiador's name (§10.2)
                o.insert(QStringLiteral("unitName"), p.unitName);
            // How it reached the hub (§10.4): "push" or "import", and who received an import.
            o.insert(QStringLiteral("via"), p.revision.via);
            if (p.revision.via == QLatin1String("import"))
                o.insert(QStringLiteral("receivedBy"),
                         QJsonObject{{QStringLiteral("urs"), p.revision.receivedBy.urs},
                                     {QStringLiteral("installation"), p.revision.receivedBy.installation},
                                     {QStringLiteral("label"), p.revision.receivedBy.label}});
            list.append(o);
            next = p.cursor;
        }
        return json(200, compact({{QStringLiteral("revisions"), list}, {QStringLiteral("next"), double(next)}}));
    }

    case Route::Status: {
        qint64 since = 0;
        qint64 limit = 0;
        if (!parseCursor(request.query, &since, &limit))
            return failure(400, QStringLiteral("bad_request"),
                           QCoreApplication::translate(
                               "HubServer", "“since” and “limit” must be whole numbers (limit at least 1)."));
        auto page = RevisionDesk(m_hub).status(scope, since, int(limit));
        if (!page)
            return failure(page.error());
        return json(200, sync::encode(page.value()));
    }

    case Route::Partner: {
        if (request.method == kDelete) {
            auto erased = PartnerDesk(m_hub).erase(scope, segments[1]);
            if (!erased)
                return failure(erased.error());
            return json(
                200, compact({{QStringLiteral("partner"), erased->uuid}, {QStringLiteral("deleted"), true}}));
        }
        if (!sync::isUuid(segments[1]))
            return failure(
                400, QStringLiteral("bad_request"),
                QCoreApplication::translate("HubServer", "The address must name a partner (UUID)."));
        auto saved = PartnerDesk(m_hub).put(scope, segments[1], body);
        if (!saved)
            return failure(saved.error());
        return json(200, compact({{QStringLiteral("partner"), saved->uuid},
                                  {QStringLiteral("updatedAt"), sync::utcTimestamp(saved->updatedAt)},
                                  {QStringLiteral("applied"), saved->applied}}));
    }

    case Route::Token: {
        auto rotated = m_tokens.rotate(token);
        if (!rotated)
            return failure(rotated.error());
        QJsonObject o = QJsonDocument::fromJson(sync::encode(rotated->response)).object();
        o.insert(QStringLiteral("previousValidUntil"), sync::utcTimestamp(rotated->previousValidUntil));
        return json(201, compact(o));
    }

    case Route::Review: {
        auto decided = ReviewDesk(m_hub).decide(token, segments[1], body);
        if (!decided)
            return failure(decided.error());
        return json(decided->created ? 201 : 200, sync::encode(decided->answer));
    }

    case Route::History: {
        auto events = ReviewDesk(m_hub).history(scope, segments[1]);
        if (!events)
            return failure(events.error());
        return json(200, sync::encodeHistory(events.value()));
    }

    case Route::Import: {
        auto imported = ImportDesk(m_hub).put(token, segments[1], body);
        if (!imported)
            return failure(imported.error());
        return json(imported->push.created ? 201 : 200, sync::encode(imported->push.receipt));
    }

    case Route::Batch: {
        if (request.method == kGet) {
            auto found = BatchDesk(m_hub).get(token, segments[1]);
            if (!found)
                return failure(found.error());
            return json(200, sync::encode(sync::BatchStatus{found->receipt(), found->state}));
        }
        auto sent = BatchDesk(m_hub).put(token, segments[1], body);
        if (!sent)
            return failure(sent.error());
        return json(sent->created ? 201 : 200, sync::encode(sent->record.receipt()));
    }

    // ---- the partners of the region (§10.6)
    case Route::Partners: {
        qint64 since = 0;
        qint64 limit = 0;
        if (!parseCursor(request.query, &since, &limit))
            return failure(400, QStringLiteral("bad_request"),
                           QCoreApplication::translate(
                               "HubServer", "“since” and “limit” must be whole numbers (limit at least 1)."));
        auto page = RegionPartnersDesk(m_hub).list(scope, since, int(limit));
        if (!page)
            return failure(page.error());
        return json(200, sync::encode(page.value()));
    }

    case Route::Targets: {
        TargetsDesk desk(m_hub);
        if (request.method == kGet) {
            auto document = desk.get(token);
            if (!document)
                return failure(document.error());
            return json(200, document.value());
        }
        auto published = desk.put(token, body);
        if (!published)
            return failure(published.error());
        return json(published->created ? 201 : 200,
                    compact({{QStringLiteral("revision"), published->revision}}));
    }

    case Route::Units: {
        auto units = PullDesk(m_hub).units(scope);
        if (!units)
            return failure(units.error());
        return json(200, sync::encodeRoster(units.value()));
    }

    case Route::None:
    case Route::Enroll:
        break;
    }
    return failure(Hub::notFound());
}

} // namespace mobiliza::hub
