// PartnerDesk: a municipality's partners on the hub (docs/protocol.md §7).
#include "sync/hub/hub_partners.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace mobiliza::hub {

namespace {

Refusal onlyMunicipalityPartners()
{
    return Hub::error(403, QStringLiteral("forbidden"),
                      QCoreApplication::translate(
                          "Hub", "Only the municipality's own installation writes and erases its partners. A "
                                 "regional (URS) or central installation can only read them."));
}

Refusal partnerMismatch()
{
    return Hub::error(409, QStringLiteral("partner_mismatch"),
                      QCoreApplication::translate(
                          "Hub",
                          "The hub already has this partner for another municipality. A partner "
                          "always stays with the municipality that registered it; nothing was changed."));
}

} // namespace

Outcome<PartnerOutcome> PartnerDesk::put(const sync::Scope &scope, const QString &uuid,
                                         const QByteArray &body)
{
    if (scope.kind != sync::Scope::Kind::Municipality)
        return onlyMunicipalityPartners();
    auto partner = sync::partnerFromWire(body);
    if (!partner)
        return Hub::error(400, QStringLiteral("bad_request"), partner.error().message);
    if (partner->uuid != uuid)
        return Hub::error(400, QStringLiteral("path_mismatch"),
                          QCoreApplication::translate(
                              "Hub", "The address of the request does not match the partner it carries."));
    if (!m_hub.isMunicipality(partner->municipality)) {
        Refusal e =
            Hub::error(422, QStringLiteral("validation_failed"),
                       QCoreApplication::translate("Hub", "The partner's municipality is not valid."));
        e.body.findings << core::Finding{
            QStringLiteral("partner.municipality"), core::Severity::Error,
            QStringLiteral("unknown_municipality"),
            QCoreApplication::translate("Hub", "The partner's municipality is not valid.")};
        return e;
    }
    const Refusal forbidden =
        Hub::error(403, QStringLiteral("forbidden"),
                   QCoreApplication::translate(
                       "Hub", "This installation may only send partners of its own municipality."));
    auto stored = m_hub.store().partner(uuid);
    if (!stored)
        return Hub::serverError(stored.error());
    if (stored.value()) {
        // The owner is fixed at the first write (or erasure), like a report's municipality.
        if (!m_hub.covers(scope, stored.value()->municipality))
            return forbidden;
        if (stored.value()->municipality != partner->municipality)
            return partnerMismatch();
    } else if (!m_hub.covers(scope, partner->municipality)) {
        return forbidden;
    }
    // Only what the municipality may share is kept (BRIEF §7): the wire form of the decoded partner.
    PartnerRecord incoming{partner->uuid, partner->municipality,
                           QJsonDocument(sync::partnerToWire(partner.value())).toJson(QJsonDocument::Compact),
                           partner->updatedAt, false};
    bool applied = false;
    auto saved = m_hub.store().upsertPartner(incoming, m_hub.now(), &applied);
    if (!saved) {
        if (saved.error().code == QLatin1String("partner_mismatch")) // written meanwhile by another instance
            return partnerMismatch();
        return Hub::serverError(saved.error());
    }
    return PartnerOutcome{uuid, saved->updatedAt, applied};
}

Outcome<PartnerOutcome> PartnerDesk::erase(const sync::Scope &scope, const QString &uuid)
{
    if (scope.kind != sync::Scope::Kind::Municipality)
        return onlyMunicipalityPartners();
    if (!sync::isUuid(uuid))
        return Hub::notFound();
    auto stored = m_hub.store().partner(uuid);
    if (!stored)
        return Hub::serverError(stored.error());
    if (stored.value() && !m_hub.covers(scope, stored.value()->municipality))
        return Hub::notFound();
    const QDateTime now = m_hub.now();
    // An unknown partner leaves a tombstone of this municipality: it never comes back, nor
    // can another municipality claim it.
    if (auto erased = m_hub.store().erasePartner(uuid, scope.municipality, now); !erased)
        return Hub::serverError(erased.error());
    return PartnerOutcome{uuid, now, true};
}

} // namespace mobiliza::hub
