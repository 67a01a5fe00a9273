#include "sync/protocol_pull.h"

#include "sync/protocol.h"
#include "sync/protocol_wire.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace mobiliza::sync {

namespace {

bool integral(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return d >= 0 && d <= 9007199254740991.0 && d == double(qint64(d));
}

} // namespace

QByteArray encode(const PullPage &page)
{
    QJsonArray list;
    for (const PulledEntry &p : page.revisions) {
        QJsonObject o{{QStringLiteral("cursor"), double(p.cursor)},
                      {QStringLiteral("report"), p.report},
                      {QStringLiteral("municipality"), p.municipality},
                      {QStringLiteral("program"), p.program},
                      {QStringLiteral("period"), p.period},
                      {QStringLiteral("revision"), p.revision},
                      {QStringLiteral("hubId"), p.hubId},
                      {QStringLiteral("manifestSha256"), p.manifestSha256},
                      {QStringLiteral("state"), p.state},
                      {QStringLiteral("comment"), p.comment},
                      {QStringLiteral("receivedAt"), utcTimestamp(p.receivedAt)}};
        if (p.reviewedAt.isValid())
            o.insert(QStringLiteral("reviewedAt"), utcTimestamp(p.reviewedAt));
        if (!p.via.isEmpty())
            o.insert(QStringLiteral("via"), p.via);
        if (!p.unitName.isEmpty())
            o.insert(QStringLiteral("unitName"), p.unitName);
        if (!p.receivedBy.isEmpty())
            o.insert(QStringLiteral("receivedBy"), QJsonObject{{QStringLiteral("urs"), p.receivedBy.urs},
                                                               {QStringLiteral("installation"), p.receivedBy.installation},
                                                               {QStringLiteral("label"), p.receivedBy.label}});
        list.append(o);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("revisions"), list}, {QStringLiteral("next"), double(page.next)}})
        .toJson(QJsonDocument::Compact);
}

core::Result<PullPage> decodePullPage(const QByteArray &body)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return wire::answerError(QStringLiteral("revisions"));
    const QJsonObject o = doc.object();
    if (!o.value(QStringLiteral("revisions")).isArray() || !integral(o.value(QStringLiteral("next"))))
        return wire::answerError(QStringLiteral("revisions"));
    // A month or a quadrimestre (the apoio register's "2026-Q2"), as core::Period writes it.
    const auto isPeriodKey = [](const QString &key) {
        const core::Period p = core::Period::fromKey(key);
        return p.isValid() && p.key() == key && key.startsWith(QLatin1String("20"));
    };
    PullPage page;
    page.next = qint64(o.value(QStringLiteral("next")).toDouble());
    qint64 previous = 0;
    for (const QJsonValue &v : o.value(QStringLiteral("revisions")).toArray()) {
        const QJsonObject e = v.toObject();
        if (!integral(e.value(QStringLiteral("cursor"))) || !integral(e.value(QStringLiteral("revision"))))
            return wire::answerError(QStringLiteral("revision entry"));
        PulledEntry p;
        p.cursor = qint64(e.value(QStringLiteral("cursor")).toDouble());
        p.report = e.value(QStringLiteral("report")).toString();
        p.municipality = e.value(QStringLiteral("municipality")).toString();
        p.program = e.value(QStringLiteral("program")).toString();
        p.period = e.value(QStringLiteral("period")).toString();
        p.revision = e.value(QStringLiteral("revision")).toInt();
        p.hubId = e.value(QStringLiteral("hubId")).toString();
        p.manifestSha256 = e.value(QStringLiteral("manifestSha256")).toString();
        p.state = e.value(QStringLiteral("state")).toString();
        p.comment = e.value(QStringLiteral("comment")).toString();
        p.receivedAt = wire::time(e.value(QStringLiteral("receivedAt")));
        p.reviewedAt = wire::time(e.value(QStringLiteral("reviewedAt")));
        p.via = e.value(QStringLiteral("via")).toString();
        // Optional: a short name, only for a unit that is not a municipality.
        const QJsonValue unitName = e.value(QStringLiteral("unitName"));
        if (!unitName.isUndefined()) {
            p.unitName = unitName.toString();
            if (!unitName.isString() || p.unitName.size() > 120 || core::isIbgeCode(p.municipality))
                return wire::answerError(QStringLiteral("revision entry"));
        }
        // Optional (a hub before §10.4 sends none); when present, an object of short texts.
        const QJsonValue by = e.value(QStringLiteral("receivedBy"));
        if (!by.isUndefined()) {
            const QJsonObject b = by.toObject();
            p.receivedBy = ReceivedBy{b.value(QStringLiteral("urs")).toString(),
                                      b.value(QStringLiteral("installation")).toString(),
                                      b.value(QStringLiteral("label")).toString()};
            if (!by.isObject() || p.receivedBy.urs.size() > 200 || p.receivedBy.installation.size() > 200 ||
                p.receivedBy.label.size() > 200)
                return wire::answerError(QStringLiteral("revision entry"));
        }
        if (!isUuid(p.report) || !core::isReportingUnitId(p.municipality) || !isPeriodKey(p.period) ||
            p.revision < 1 || !isSha256Hex(p.manifestSha256) || p.state.isEmpty() || p.state.size() > 40 ||
            !p.receivedAt.isValid() || p.cursor < previous || p.comment.size() > 100000)
            return wire::answerError(QStringLiteral("revision entry"));
        previous = p.cursor;
        page.revisions << p;
    }
    if (!page.revisions.isEmpty() && page.next < page.revisions.last().cursor)
        return wire::answerError(QStringLiteral("revisions next"));
    return page;
}

// ------------------------------------------------------------ manifests in bulk

namespace {

QJsonObject refObject(const RevisionRef &r)
{
    return QJsonObject{{QStringLiteral("report"), r.report}, {QStringLiteral("revision"), r.revision}};
}

bool readRef(const QJsonValue &v, RevisionRef *out)
{
    const QJsonObject o = v.toObject();
    if (!v.isObject() || !integral(o.value(QStringLiteral("revision"))))
        return false;
    const double revision = o.value(QStringLiteral("revision")).toDouble();
    out->report = o.value(QStringLiteral("report")).toString();
    out->revision = revision <= 100000 ? int(revision) : 0;
    return isUuid(out->report) && out->revision >= 1;
}

} // namespace

QByteArray encodeManifestQuery(const QList<RevisionRef> &revisions)
{
    QJsonArray list;
    for (const RevisionRef &r : revisions)
        list.append(refObject(r));
    return QJsonDocument(QJsonObject{{QStringLiteral("revisions"), list}}).toJson(QJsonDocument::Compact);
}

core::Result<QList<RevisionRef>> decodeManifestQuery(const QByteArray &body, int maxEntries)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return wire::answerError(QStringLiteral("revisions"));
    const QJsonValue list = doc.object().value(QStringLiteral("revisions"));
    if (!list.isArray() || list.toArray().isEmpty() || list.toArray().size() > maxEntries)
        return wire::answerError(QStringLiteral("revisions"));
    QList<RevisionRef> out;
    for (const QJsonValue &v : list.toArray()) {
        RevisionRef r;
        if (!readRef(v, &r) || out.contains(r))
            return wire::answerError(QStringLiteral("revision entry"));
        out << r;
    }
    return out;
}

QByteArray encode(const ManifestBatch &batch)
{
    QJsonArray manifests;
    for (const auto &[ref, bytes] : batch.manifests) {
        QJsonObject o = refObject(ref);
        o.insert(QStringLiteral("manifest"), QString::fromLatin1(bytes.toBase64()));
        manifests.append(o);
    }
    QJsonArray missing;
    for (const RevisionRef &r : batch.missing)
        missing.append(refObject(r));
    return QJsonDocument(
               QJsonObject{{QStringLiteral("manifests"), manifests}, {QStringLiteral("missing"), missing}})
        .toJson(QJsonDocument::Compact);
}

core::Result<ManifestBatch> decodeManifestBatch(const QByteArray &body)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return wire::answerError(QStringLiteral("manifests"));
    const QJsonObject o = doc.object();
    if (!o.value(QStringLiteral("manifests")).isArray() || !o.value(QStringLiteral("missing")).isArray())
        return wire::answerError(QStringLiteral("manifests"));
    ManifestBatch batch;
    for (const QJsonValue &v : o.value(QStringLiteral("manifests")).toArray()) {
        RevisionRef r;
        const QJsonValue text = v.toObject().value(QStringLiteral("manifest"));
        if (!readRef(v, &r) || !text.isString())
            return wire::answerError(QStringLiteral("manifest entry"));
        auto bytes = QByteArray::fromBase64Encoding(text.toString().toLatin1(),
                                                    QByteArray::AbortOnBase64DecodingErrors);
        if (!bytes)
            return wire::answerError(QStringLiteral("manifest entry"));
        batch.manifests << qMakePair(r, *bytes);
    }
    for (const QJsonValue &v : o.value(QStringLiteral("missing")).toArray()) {
        RevisionRef r;
        if (!readRef(v, &r))
            return wire::answerError(QStringLiteral("missing entry"));
        batch.missing << r;
    }
    return batch;
}

QByteArray encodeRoster(const QList<RosterUnit> &units)
{
    QJsonArray list;
    for (const RosterUnit &u : units) {
        QJsonObject o{{QStringLiteral("unit"), u.unit},
                      {QStringLiteral("name"), u.name},
                      {QStringLiteral("uf"), u.uf},
                      {QStringLiteral("since"), utcTimestamp(u.since)},
                      {QStringLiteral("active"), u.active}};
        if (!u.active)
            o.insert(QStringLiteral("until"), utcTimestamp(u.until));
        list.append(o);
    }
    return wire::compact({{QStringLiteral("units"), list}});
}

core::Result<QList<RosterUnit>> decodeRoster(const QByteArray &body)
{
    const std::optional<QJsonObject> o = wire::object(body);
    if (!o || !o->value(QStringLiteral("units")).isArray())
        return wire::answerError(QStringLiteral("units"));
    const QJsonArray list = o->value(QStringLiteral("units")).toArray();
    if (list.size() > kRosterMax)
        return wire::answerError(QStringLiteral("units"));
    static const QRegularExpression ufPattern(QStringLiteral("^[A-Z]{2}$"));
    QList<RosterUnit> out;
    out.reserve(list.size());
    for (const QJsonValue &v : list) {
        const QJsonObject e = v.toObject();
        RosterUnit u;
        u.unit = e.value(QStringLiteral("unit")).toString();
        u.name = e.value(QStringLiteral("name")).toString();
        u.uf = e.value(QStringLiteral("uf")).toString();
        u.since = wire::time(e.value(QStringLiteral("since")));
        const QJsonValue active = e.value(QStringLiteral("active"));
        if (!core::isApoiadorId(u.unit) || !e.value(QStringLiteral("name")).isString() ||
            u.name.size() > 120 || !ufPattern.match(u.uf).hasMatch() || !u.since.isValid() ||
            !active.isBool())
            return wire::answerError(QStringLiteral("unit entry"));
        u.active = active.toBool();
        const QJsonValue until = e.value(QStringLiteral("until"));
        u.until = wire::time(until);
        if (u.active ? !until.isUndefined() : !u.until.isValid())
            return wire::answerError(QStringLiteral("unit entry"));
        out << u;
    }
    return out;
}

} // namespace mobiliza::sync
