#include "sync/protocol_partners_region.h"

#include "sync/protocol.h"
#include "sync/protocol_wire.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace mobiliza::sync {

namespace {

// A cursor: a whole number from 0 to 2^53 (a double beyond qint64 is never cast).
bool readCursor(const QJsonValue &v, qint64 *out)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (d < 0 || d > 9007199254740992.0 || d != double(qint64(d)))
        return false;
    *out = qint64(d);
    return true;
}

QJsonObject entryToJson(const core::RegionPartner &p)
{
    QJsonObject o{{QStringLiteral("cursor"), double(p.cursor)},
                  {QStringLiteral("partner"), p.uuid},
                  {QStringLiteral("municipality"), p.municipality},
                  {QStringLiteral("updatedAt"), utcTimestamp(p.updatedAt)}};
    if (p.deleted) {
        o.insert(QStringLiteral("deleted"), true);
        return o;
    }
    o.insert(QStringLiteral("name"), p.name);
    o.insert(QStringLiteral("kind"), core::partnerKindKey(p.kind));
    o.insert(QStringLiteral("governmental"), p.governmental);
    o.insert(QStringLiteral("formal"), p.formal);
    o.insert(QStringLiteral("sector"), p.sector);
    o.insert(QStringLiteral("stage"), core::partnerStageKey(p.stage));
    if (!p.cnpj.isEmpty())
        o.insert(QStringLiteral("cnpj"), p.cnpj);
    QJsonObject consent{{QStringLiteral("given"), p.consent}};
    if (p.consent && p.consentDate.isValid())
        consent.insert(QStringLiteral("date"), p.consentDate.toString(Qt::ISODate));
    o.insert(QStringLiteral("consent"), consent);
    return o;
}

// The members of a partner that is not erased; false when one is not as §10.6 says.
bool readLive(const QJsonObject &e, core::RegionPartner *p)
{
    static const QRegularExpression cnpj(QStringLiteral("^[0-9A-Z]{14}$"));
    const QJsonValue name = e.value(QStringLiteral("name"));
    const QJsonValue sector = e.value(QStringLiteral("sector"));
    const QJsonValue governmental = e.value(QStringLiteral("governmental"));
    const QJsonValue formal = e.value(QStringLiteral("formal"));
    const QJsonValue consent = e.value(QStringLiteral("consent"));
    const QJsonValue document = e.value(QStringLiteral("cnpj"));
    if (!name.isString() || !sector.isString() || !governmental.isBool() || !formal.isBool() || !consent.isObject()
        || !core::partnerKindFromKey(e.value(QStringLiteral("kind")).toString(), &p->kind)
        || !core::partnerStageFromKey(e.value(QStringLiteral("stage")).toString(), &p->stage))
        return false;
    p->name = name.toString().trimmed();
    p->sector = sector.toString();
    p->governmental = governmental.toBool();
    p->formal = formal.toBool();
    if (p->name.isEmpty() || p->name.size() > 300 || p->sector.size() > 64)
        return false;
    if (!document.isUndefined()) {
        p->cnpj = document.toString();
        // A CNPJ only: never a person's document, never anything else.
        if (p->kind == core::PartnerKind::Person || !cnpj.match(p->cnpj).hasMatch())
            return false;
    }
    const QJsonObject c = consent.toObject();
    const QJsonValue given = c.value(QStringLiteral("given"));
    const QJsonValue date = c.value(QStringLiteral("date"));
    if (!given.isBool())
        return false;
    p->consent = given.toBool();
    if (!date.isUndefined()) {
        p->consentDate = QDate::fromString(date.toString(), Qt::ISODate);
        if (!p->consent || !p->consentDate.isValid())
            return false;
    }
    return true;
}

enum class Entry
{
    Read,
    Unreadable, // left out of the page, counted
    Disordered, // a cursor going back: the page is not a hub's listing
};

// One entry of the listing. An erasure (`"deleted": true` with the partner's uuid) is
// always read, whatever else it carries or lacks: nothing more is needed to remove the
// partner, and an erasure must reach the copy (LGPD).
Entry readEntry(const QJsonObject &e, qint64 previous, core::RegionPartner *p)
{
    static const QRegularExpression ibge(QStringLiteral("^\\d{7}$"));
    p->uuid = e.value(QStringLiteral("partner")).toString();
    p->municipality = e.value(QStringLiteral("municipality")).toString();
    p->updatedAt = wire::time(e.value(QStringLiteral("updatedAt")));
    const QJsonValue deleted = e.value(QStringLiteral("deleted"));
    p->deleted = deleted.isBool() && deleted.toBool();
    const bool hasCursor = readCursor(e.value(QStringLiteral("cursor")), &p->cursor);
    if (hasCursor && p->cursor < previous)
        return Entry::Disordered;
    if (p->deleted && isUuid(p->uuid)) {
        if (!hasCursor)
            p->cursor = previous;
        return Entry::Read;
    }
    if (!hasCursor || !isUuid(p->uuid) || !ibge.match(p->municipality).hasMatch() || !p->updatedAt.isValid()
        || !(deleted.isUndefined() || deleted.isBool()) || !readLive(e, p))
        return Entry::Unreadable;
    return Entry::Read;
}

} // namespace

QByteArray encode(const RegionPartnerPage &page)
{
    QJsonArray list;
    for (const core::RegionPartner &p : page.partners)
        list.append(entryToJson(p));
    return QJsonDocument(QJsonObject{{QStringLiteral("partners"), list}, {QStringLiteral("next"), double(page.next)}})
        .toJson(QJsonDocument::Compact);
}

core::Result<RegionPartnerPage> decodeRegionPartnerPage(const QByteArray &body)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return wire::answerError(QStringLiteral("partners"));
    const QJsonObject o = doc.object();
    RegionPartnerPage page;
    if (!o.value(QStringLiteral("partners")).isArray() || !readCursor(o.value(QStringLiteral("next")), &page.next))
        return wire::answerError(QStringLiteral("partners"));
    qint64 previous = 0;
    for (const QJsonValue &v : o.value(QStringLiteral("partners")).toArray()) {
        core::RegionPartner p;
        const Entry read = readEntry(v.toObject(), previous, &p);
        if (read == Entry::Disordered)
            return wire::answerError(QStringLiteral("partner cursor"));
        if (read == Entry::Unreadable) {
            ++page.unreadable;
            continue;
        }
        previous = p.cursor;
        page.partners << p;
    }
    if (page.next < previous)
        return wire::answerError(QStringLiteral("partners next"));
    return page;
}

} // namespace mobiliza::sync
