#include "sync/protocol.h"

#include "sync/protocol_wire.h"

#include "core/program/program_definition.h"
#include "core/validators/br_validators.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

namespace mobiliza::sync {

using core::Error;
using core::Result;

namespace {

Result<QJsonObject> parseObject(const QByteArray &body)
{
    if (std::optional<QJsonObject> o = wire::object(body))
        return *o;
    return wire::answerError(QStringLiteral("not a JSON object"));
}

QJsonObject scopeToJson(const Scope &s)
{
    QJsonObject o{{QStringLiteral("kind"), scopeKindKey(s.kind)}};
    if (s.kind == Scope::Kind::Municipality)
        o.insert(QStringLiteral("municipality"), s.municipality);
    if (s.kind == Scope::Kind::Urs && !s.urs.isEmpty())
        o.insert(QStringLiteral("urs"), s.urs);
    if (!s.program.isEmpty() && s.program != core::ProgramDefinition::sesMgMobilizacaoId())
        o.insert(QStringLiteral("program"), s.program);
    if (!s.uf.isEmpty() && s.kind != Scope::Kind::Central)
        o.insert(QStringLiteral("uf"), s.uf);
    return o;
}

Result<Scope> scopeFromJson(const QJsonValue &v)
{
    if (!v.isObject())
        return wire::answerError(QStringLiteral("scope"));
    const QJsonObject o = v.toObject();
    const QString kind = o.value(QStringLiteral("kind")).toString();
    Scope s;
    // Optional members (§3): a program id as programs name themselves, a state as "BA".
    static const QRegularExpression programId(QStringLiteral("^[a-z0-9_]{1,64}$"));
    static const QRegularExpression uf(QStringLiteral("^[A-Z]{2}$"));
    if (const QJsonValue program = o.value(QStringLiteral("program")); !program.isUndefined()) {
        s.program = program.toString();
        if (!programId.match(s.program).hasMatch())
            return wire::answerError(QStringLiteral("scope.program"));
    }
    if (const QJsonValue state = o.value(QStringLiteral("uf")); !state.isUndefined()) {
        s.uf = state.toString();
        if (!uf.match(s.uf).hasMatch())
            return wire::answerError(QStringLiteral("scope.uf"));
    }
    if (kind == QLatin1String("municipality")) {
        s.kind = Scope::Kind::Municipality;
        s.municipality = o.value(QStringLiteral("municipality")).toString();
        if (!core::isReportingUnitId(s.municipality))
            return wire::answerError(QStringLiteral("scope.municipality"));
    } else if (kind == QLatin1String("urs")) {
        s.kind = Scope::Kind::Urs;
        s.urs = o.value(QStringLiteral("urs")).toString();
        if (s.region().isEmpty())
            return wire::answerError(QStringLiteral("scope.urs"));
    } else if (kind == QLatin1String("central")) {
        s.kind = Scope::Kind::Central;
    } else {
        return wire::answerError(QStringLiteral("scope.kind"));
    }
    return s;
}

QJsonObject hubToJson(const HubInfo &h)
{
    return {{QStringLiteral("id"), h.id}, {QStringLiteral("name"), h.name}};
}

HubInfo hubFromJson(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    return {o.value(QStringLiteral("id")).toString(), o.value(QStringLiteral("name")).toString()};
}

// A whole number that a qint64 holds exactly (|n| ≤ 2^53). The range is checked
// before any conversion: casting a double beyond qint64 (1e300 from a hostile
// or broken server) is undefined behaviour.
bool isIntegral(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    constexpr double kMaxExact = 9007199254740992.0; // 2^53
    return d >= -kMaxExact && d <= kMaxExact && d == std::floor(d);
}

QJsonObject findingToJson(const core::Finding &f)
{
    return {{QStringLiteral("path"), f.path},
            {QStringLiteral("severity"),
             f.severity == core::Severity::Error ? QStringLiteral("error") : QStringLiteral("warning")},
            {QStringLiteral("code"), f.code},
            {QStringLiteral("message"), f.message}};
}

QStringList stringArray(const QJsonValue &v, bool *ok, int maxEntries = 100000)
{
    QStringList out;
    *ok = v.isArray() && v.toArray().size() <= maxEntries;
    if (!*ok)
        return out;
    for (const auto &item : v.toArray()) {
        if (!item.isString()) {
            *ok = false;
            return {};
        }
        out << item.toString();
    }
    return out;
}

} // namespace

QString apiPrefix()
{
    return QStringLiteral("/api/v%1").arg(kProtocolVersion);
}

QString scopeKindKey(Scope::Kind kind)
{
    switch (kind) {
    case Scope::Kind::Municipality: return QStringLiteral("municipality");
    case Scope::Kind::Urs: return QStringLiteral("urs");
    case Scope::Kind::Central: return QStringLiteral("central");
    }
    return {};
}

QString Scope::programId() const
{
    return program.isEmpty() ? core::ProgramDefinition::sesMgMobilizacaoId() : program;
}

QString Scope::region() const
{
    if (kind != Kind::Urs)
        return {};
    return urs.isEmpty() ? uf : urs;
}

bool Scope::covers(const QString &unit, const QString &regionOfUnit) const
{
    switch (kind) {
    case Kind::Municipality:
        return !municipality.isEmpty() && municipality == unit;
    case Kind::Urs:
        return !region().isEmpty() && region() == regionOfUnit;
    case Kind::Central: return true;
    }
    return false;
}

bool isSha256Hex(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{64}$"));
    return re.match(s).hasMatch();
}

bool isUuid(const QString &s)
{
    static const QRegularExpression re(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
    return re.match(s).hasMatch();
}

QString utcTimestamp(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODate);
}

// ------------------------------------------------------------------ encoders
QByteArray encode(const Preflight &p)
{
    QJsonObject o{
        {QStringLiteral("service"), p.service.isEmpty() ? QString::fromLatin1(kServiceName) : p.service},
        {QStringLiteral("protocol"), p.protocol ? p.protocol : kProtocolVersion},
        {QStringLiteral("hub"), hubToJson(p.hub)},
        {QStringLiteral("scope"), scopeToJson(p.scope)},
        {QStringLiteral("limits"),
         QJsonObject{{QStringLiteral("maxBlobBytes"), double(p.limits.maxBlobBytes)},
                     {QStringLiteral("maxManifestBytes"), double(p.limits.maxManifestBytes)},
                     {QStringLiteral("maxJsonBytes"), double(p.limits.maxJsonBytes)},
                     {QStringLiteral("maxMissingQuery"), p.limits.maxMissingQuery}}},
        {QStringLiteral("time"), utcTimestamp(p.time)}};
    if (p.limits.requestsPerSecond > 0 && p.limits.requestBurst > 0) {
        QJsonObject limits = o.value(QStringLiteral("limits")).toObject();
        limits.insert(QStringLiteral("requestsPerSecond"), p.limits.requestsPerSecond);
        limits.insert(QStringLiteral("requestBurst"), p.limits.requestBurst);
        o.insert(QStringLiteral("limits"), limits);
    }
    if (p.tokenRenewAfter.isValid())
        o.insert(QStringLiteral("tokenRenewAfter"), utcTimestamp(p.tokenRenewAfter));
    if (!p.features.isEmpty())
        o.insert(QStringLiteral("features"), QJsonArray::fromStringList(p.features));
    if (p.targetsRevision > 0)
        o.insert(QStringLiteral("targetsRevision"), p.targetsRevision);
    return wire::compact(o);
}

QByteArray encode(const EnrollRequest &r)
{
    QJsonObject o{{QStringLiteral("code"), r.code},
                  {QStringLiteral("installation"), r.installation},
                  {QStringLiteral("label"), r.label}};
    if (!r.program.isEmpty())
        o.insert(QStringLiteral("program"), r.program);
    if (!r.uf.isEmpty())
        o.insert(QStringLiteral("uf"), r.uf);
    return wire::compact(o);
}

QByteArray encode(const EnrollResponse &r)
{
    return wire::compact({{QStringLiteral("token"), r.token},
                          {QStringLiteral("scope"), scopeToJson(r.scope)},
                          {QStringLiteral("hub"), hubToJson(r.hub)}});
}

QByteArray encode(const Receipt &r)
{
    return wire::compact(
        {{QStringLiteral("receipt"), QJsonObject{{QStringLiteral("hubId"), r.hubId},
                                                 {QStringLiteral("report"), r.report},
                                                 {QStringLiteral("revision"), r.revision},
                                                 {QStringLiteral("manifestSha256"), r.manifestSha256},
                                                 {QStringLiteral("receivedAt"), utcTimestamp(r.receivedAt)},
                                                 {QStringLiteral("state"), r.state}}}});
}

QByteArray encode(const StatusPage &p)
{
    QJsonArray events;
    for (const auto &e : p.events) {
        QJsonObject o{{QStringLiteral("cursor"), double(e.cursor)},
                      {QStringLiteral("report"), e.report},
                      {QStringLiteral("period"), e.period},
                      {QStringLiteral("revision"), e.revision},
                      {QStringLiteral("state"), e.state},
                      {QStringLiteral("comment"), e.comment},
                      {QStringLiteral("at"), utcTimestamp(e.at)}};
        if (!e.notes.isEmpty())
            o.insert(QStringLiteral("notes"), notesToJson(e.notes));
        if (!e.by.isEmpty())
            o.insert(QStringLiteral("by"), e.by);
        if (!e.decision.isEmpty())
            o.insert(QStringLiteral("decision"), e.decision);
        events.append(o);
    }
    return wire::compact({{QStringLiteral("events"), events}, {QStringLiteral("next"), double(p.next)}});
}

QByteArray encode(const ErrorBody &e)
{
    QJsonObject o{{QStringLiteral("code"), e.code}, {QStringLiteral("message"), e.message}};
    if (!e.findings.isEmpty()) {
        QJsonArray f;
        for (const auto &finding : e.findings)
            f.append(findingToJson(finding));
        o.insert(QStringLiteral("findings"), f);
    }
    if (!e.missing.isEmpty())
        o.insert(QStringLiteral("missing"), QJsonArray::fromStringList(e.missing));
    for (auto it = e.details.begin(); it != e.details.end(); ++it)
        o.insert(it.key(), it.value());
    return wire::compact({{QStringLiteral("error"), o}});
}

QByteArray encodeMissingQuery(const QStringList &blobs)
{
    return wire::compact({{QStringLiteral("blobs"), QJsonArray::fromStringList(blobs)}});
}

QByteArray encodeMissingAnswer(const QStringList &blobs)
{
    return wire::compact({{QStringLiteral("missing"), QJsonArray::fromStringList(blobs)}});
}

// ------------------------------------------------------------------ decoders
Result<Preflight> decodePreflight(const QByteArray &body)
{
    auto parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    const QJsonObject o = parsed.value();
    Preflight p;
    p.service = o.value(QStringLiteral("service")).toString();
    if (p.service != QLatin1String(kServiceName))
        return wire::answerError(QStringLiteral("service"));
    if (!isIntegral(o.value(QStringLiteral("protocol"))))
        return wire::answerError(QStringLiteral("protocol"));
    p.protocol = o.value(QStringLiteral("protocol")).toInt();
    if (p.protocol != kProtocolVersion)
        return Error{QStringLiteral("protocol_version"),
                     QCoreApplication::translate("Protocol",
                                                 "The hub speaks protocol version %1 and this Mobiliza speaks "
                                                 "version %2. Update Mobiliza (or ask the URS to update the hub).")
                         .arg(p.protocol)
                         .arg(kProtocolVersion)};
    p.hub = hubFromJson(o.value(QStringLiteral("hub")));
    auto scope = scopeFromJson(o.value(QStringLiteral("scope")));
    if (!scope)
        return scope.error();
    p.scope = scope.value();
    const QJsonObject l = o.value(QStringLiteral("limits")).toObject();
    auto limit = [&l](const char *key, qint64 fallback, qint64 max) {
        const QJsonValue v = l.value(QLatin1String(key));
        return isIntegral(v) && v.toDouble() > 0 ? std::min(qint64(v.toDouble()), max) : fallback;
    };
    constexpr qint64 kNoLimit = std::numeric_limits<qint64>::max();
    p.limits.maxBlobBytes = limit("maxBlobBytes", p.limits.maxBlobBytes, kNoLimit);
    p.limits.maxManifestBytes = limit("maxManifestBytes", p.limits.maxManifestBytes, kNoLimit);
    p.limits.maxJsonBytes = limit("maxJsonBytes", p.limits.maxJsonBytes, kNoLimit);
    p.limits.maxMissingQuery =
        int(limit("maxMissingQuery", p.limits.maxMissingQuery, std::numeric_limits<int>::max()));
    // Optional, and both or neither: a malformed pace is no pace (the client's defaults).
    const QJsonValue rate = l.value(QStringLiteral("requestsPerSecond"));
    const QJsonValue burst = l.value(QStringLiteral("requestBurst"));
    if (rate.isDouble() && rate.toDouble() > 0 && rate.toDouble() <= 1e6 && isIntegral(burst) &&
        burst.toDouble() >= 1 && burst.toDouble() <= 1e6) {
        p.limits.requestsPerSecond = rate.toDouble();
        p.limits.requestBurst = int(burst.toDouble());
    }
    p.time = wire::time(o.value(QStringLiteral("time")));
    p.tokenRenewAfter =
        wire::time(o.value(QStringLiteral("tokenRenewAfter"))); // optional: invalid when absent
    // Optional, and never a reason to think the hub offline: a malformed list is no feature.
    bool featuresOk = false;
    const QStringList features = stringArray(o.value(QStringLiteral("features")), &featuresOk, 64);
    if (featuresOk)
        for (const QString &f : features)
            if (!f.isEmpty() && f.size() <= 64 && !p.features.contains(f))
                p.features << f;
    // Optional too: anything but a positive whole number means "none".
    if (const QJsonValue t = o.value(QStringLiteral("targetsRevision"));
        isIntegral(t) && t.toDouble() > 0 && t.toDouble() <= 2e9)
        p.targetsRevision = int(t.toDouble());
    return p;
}

Result<EnrollRequest> decodeEnrollRequest(const QByteArray &body)
{
    auto parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    const QJsonObject o = parsed.value();
    EnrollRequest r{o.value(QStringLiteral("code")).toString().trimmed(),
                    o.value(QStringLiteral("installation")).toString(),
                    o.value(QStringLiteral("label")).toString().left(120)};
    if (r.code.isEmpty() || r.code.size() > 64)
        return wire::answerError(QStringLiteral("code"));
    // Optional: what the installation says it is (an older client says nothing).
    static const QRegularExpression programId(QStringLiteral("^[a-z0-9_]{1,64}$"));
    static const QRegularExpression uf(QStringLiteral("^[A-Z]{2}$"));
    r.program = o.value(QStringLiteral("program")).toString();
    r.uf = o.value(QStringLiteral("uf")).toString();
    if (!r.program.isEmpty() && !programId.match(r.program).hasMatch())
        return wire::answerError(QStringLiteral("program"));
    if (!r.uf.isEmpty() && !uf.match(r.uf).hasMatch())
        return wire::answerError(QStringLiteral("uf"));
    return r;
}

Result<EnrollResponse> decodeEnrollResponse(const QByteArray &body)
{
    auto parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    const QJsonObject o = parsed.value();
    EnrollResponse r;
    r.token = o.value(QStringLiteral("token")).toString();
    if (r.token.size() < 16 || r.token.size() > 512)
        return wire::answerError(QStringLiteral("token"));
    auto scope = scopeFromJson(o.value(QStringLiteral("scope")));
    if (!scope)
        return scope.error();
    r.scope = scope.value();
    r.hub = hubFromJson(o.value(QStringLiteral("hub")));
    return r;
}

Result<Receipt> decodeReceipt(const QByteArray &body)
{
    auto parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    const QJsonObject o = parsed.value().value(QStringLiteral("receipt")).toObject();
    Receipt r;
    r.hubId = o.value(QStringLiteral("hubId")).toString();
    r.report = o.value(QStringLiteral("report")).toString();
    r.revision = o.value(QStringLiteral("revision")).toInt();
    r.manifestSha256 = o.value(QStringLiteral("manifestSha256")).toString();
    r.receivedAt = wire::time(o.value(QStringLiteral("receivedAt")));
    r.state = o.value(QStringLiteral("state")).toString();
    if (r.hubId.isEmpty() || !isUuid(r.report) || r.revision < 1 || !isSha256Hex(r.manifestSha256)
        || !r.receivedAt.isValid())
        return wire::answerError(QStringLiteral("receipt"));
    return r;
}

Result<StatusPage> decodeStatusPage(const QByteArray &body)
{
    auto parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    const QJsonObject o = parsed.value();
    if (!o.value(QStringLiteral("events")).isArray() || !isIntegral(o.value(QStringLiteral("next"))))
        return wire::answerError(QStringLiteral("status"));
    StatusPage page;
    page.next = qint64(o.value(QStringLiteral("next")).toDouble());
    for (const auto &v : o.value(QStringLiteral("events")).toArray()) {
        const QJsonObject e = v.toObject();
        if (!isIntegral(e.value(QStringLiteral("cursor"))))
            return wire::answerError(QStringLiteral("status event"));
        StatusEvent ev;
        ev.cursor = qint64(e.value(QStringLiteral("cursor")).toDouble());
        ev.report = e.value(QStringLiteral("report")).toString();
        ev.period = e.value(QStringLiteral("period")).toString();
        ev.revision = e.value(QStringLiteral("revision")).toInt();
        ev.state = e.value(QStringLiteral("state")).toString();
        ev.comment = e.value(QStringLiteral("comment")).toString();
        ev.at = wire::time(e.value(QStringLiteral("at")));
        if (!isUuid(ev.report) || ev.revision < 1 || ev.state.isEmpty())
            return wire::answerError(QStringLiteral("status event"));
        // A review decision's (optional; absent in a v1 hub's events).
        if (e.contains(QStringLiteral("notes")) && !notesFromJson(e.value(QStringLiteral("notes")), &ev.notes))
            return wire::answerError(QStringLiteral("status event notes"));
        ev.by = e.value(QStringLiteral("by")).toString();
        ev.decision = e.value(QStringLiteral("decision")).toString();
        if (!ev.decision.isEmpty() && !isUuid(ev.decision))
            return wire::answerError(QStringLiteral("status event decision"));
        page.events << ev;
    }
    return page;
}

Result<ErrorBody> decodeError(const QByteArray &body)
{
    auto parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    const QJsonObject o = parsed.value().value(QStringLiteral("error")).toObject();
    ErrorBody e;
    e.code = o.value(QStringLiteral("code")).toString();
    e.message = o.value(QStringLiteral("message")).toString();
    if (e.code.isEmpty())
        return wire::answerError(QStringLiteral("error"));
    for (const auto &v : o.value(QStringLiteral("findings")).toArray()) {
        const QJsonObject f = v.toObject();
        e.findings << core::Finding{f.value(QStringLiteral("path")).toString(),
                                    f.value(QStringLiteral("severity")).toString() == QLatin1String("warning")
                                        ? core::Severity::Warning
                                        : core::Severity::Error,
                                    f.value(QStringLiteral("code")).toString(),
                                    f.value(QStringLiteral("message")).toString()};
    }
    bool ok = true;
    e.missing = stringArray(o.value(QStringLiteral("missing")), &ok);
    return e;
}

Result<QStringList> decodeMissingQuery(const QByteArray &body, int maxEntries)
{
    auto parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    bool ok = false;
    const QStringList blobs = stringArray(parsed.value().value(QStringLiteral("blobs")), &ok, maxEntries);
    if (!ok)
        return wire::answerError(QStringLiteral("blobs"));
    for (const auto &b : blobs)
        if (!isSha256Hex(b))
            return wire::answerError(QStringLiteral("blob name"));
    return blobs;
}

Result<QStringList> decodeMissingAnswer(const QByteArray &body)
{
    auto parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    bool ok = false;
    const QStringList blobs = stringArray(parsed.value().value(QStringLiteral("missing")), &ok);
    if (!ok)
        return wire::answerError(QStringLiteral("missing"));
    for (const auto &b : blobs)
        if (!isSha256Hex(b))
            return wire::answerError(QStringLiteral("blob name"));
    return blobs;
}

// ------------------------------------------------------------------ partners
QJsonObject partnerToWire(const core::Partner &p)
{
    QJsonArray history;
    for (const auto &h : p.stageHistory)
        history.append(QJsonObject{{QStringLiteral("stage"), core::partnerStageKey(h.stage)},
                                   {QStringLiteral("date"), h.date.toString(Qt::ISODate)}});
    QJsonObject o{{QStringLiteral("uuid"), p.uuid},
                  {QStringLiteral("kind"), core::partnerKindKey(p.kind)},
                  {QStringLiteral("governmental"), p.governmental},
                  {QStringLiteral("formal"), p.formal},
                  {QStringLiteral("sector"), p.sector},
                  {QStringLiteral("name"), p.name},
                  {QStringLiteral("municipality"), p.municipality},
                  {QStringLiteral("stage"), core::partnerStageKey(p.stage)},
                  {QStringLiteral("stageHistory"), history},
                  {QStringLiteral("updatedAt"), utcTimestamp(p.updatedAt)}};
    // A CNPJ identifies an organization and is public; a person's CPF never leaves the municipality.
    if (const QString cnpj = core::br::publicCnpj(p.document); p.kind != core::PartnerKind::Person && !cnpj.isEmpty())
        o.insert(QStringLiteral("document"), cnpj);
    const bool consent = p.consent.given && !p.consent.revokedOn.isValid();
    o.insert(QStringLiteral("consent"),
             QJsonObject{{QStringLiteral("given"), p.consent.given},
                         {QStringLiteral("date"), p.consent.date.toString(Qt::ISODate)},
                         {QStringLiteral("channel"), p.consent.channel},
                         {QStringLiteral("purpose"), p.consent.purpose},
                         {QStringLiteral("revokedOn"), p.consent.revokedOn.toString(Qt::ISODate)}});
    // Contacts travel only when the partner agreed to receive communications.
    if (consent) {
        o.insert(QStringLiteral("contactName"), p.contactName);
        o.insert(QStringLiteral("contactRole"), p.contactRole);
        o.insert(QStringLiteral("phones"), QJsonArray::fromStringList(p.phones));
        o.insert(QStringLiteral("email"), p.email);
    }
    return o;
}

Result<core::Partner> partnerFromWire(const QByteArray &body)
{
    auto parsed = parseObject(body);
    if (!parsed)
        return parsed.error();
    const QJsonObject o = parsed.value();
    core::Partner p;
    p.uuid = o.value(QStringLiteral("uuid")).toString();
    p.name = o.value(QStringLiteral("name")).toString().trimmed();
    p.municipality = o.value(QStringLiteral("municipality")).toString();
    if (!isUuid(p.uuid) || p.name.isEmpty() || p.name.size() > 300
        || !core::partnerKindFromKey(o.value(QStringLiteral("kind")).toString(), &p.kind)
        || !core::partnerStageFromKey(o.value(QStringLiteral("stage")).toString(), &p.stage))
        return wire::answerError(QStringLiteral("partner"));
    p.governmental = o.value(QStringLiteral("governmental")).toBool();
    p.formal = o.value(QStringLiteral("formal")).toBool();
    p.sector = o.value(QStringLiteral("sector")).toString().left(64);
    if (p.kind != core::PartnerKind::Person)
        p.document = core::br::publicCnpj(o.value(QStringLiteral("document")).toString().left(40));
    for (const auto &v : o.value(QStringLiteral("stageHistory")).toArray()) {
        core::StageChange c;
        if (core::partnerStageFromKey(v.toObject().value(QStringLiteral("stage")).toString(), &c.stage)) {
            c.date = QDate::fromString(v.toObject().value(QStringLiteral("date")).toString(), Qt::ISODate);
            p.stageHistory << c;
        }
    }
    const QJsonObject c = o.value(QStringLiteral("consent")).toObject();
    p.consent.given = c.value(QStringLiteral("given")).toBool();
    p.consent.date = QDate::fromString(c.value(QStringLiteral("date")).toString(), Qt::ISODate);
    p.consent.channel = c.value(QStringLiteral("channel")).toString().left(64);
    p.consent.purpose = c.value(QStringLiteral("purpose")).toString().left(300);
    p.consent.revokedOn = QDate::fromString(c.value(QStringLiteral("revokedOn")).toString(), Qt::ISODate);
    p.contactName = o.value(QStringLiteral("contactName")).toString().left(200);
    p.contactRole = o.value(QStringLiteral("contactRole")).toString().left(200);
    bool ok = true;
    p.phones = stringArray(o.value(QStringLiteral("phones")), &ok, 10);
    p.email = o.value(QStringLiteral("email")).toString().left(200);
    p.updatedAt = wire::time(o.value(QStringLiteral("updatedAt")));
    if (!p.updatedAt.isValid())
        return wire::answerError(QStringLiteral("partner.updatedAt"));
    return p;
}

} // namespace mobiliza::sync
