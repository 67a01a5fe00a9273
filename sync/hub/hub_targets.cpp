// TargetsDesk (docs/protocol.md §10.8).
#include "sync/hub/hub_targets.h"

#include "core/program/program_definition.h"
#include "core/reference/targets.h"

#include <QCoreApplication>

namespace mobiliza::hub {

Outcome<QByteArray> TargetsDesk::get(const TokenRecord &token) const
{
    // The targets are SES-MG's (per URS of MG's table); another program has none here.
    if (token.scope.programId() != core::ProgramDefinition::sesMgMobilizacaoId())
        return Hub::error(
            404, QStringLiteral("no_targets"),
            QCoreApplication::translate("Hub", "This installation's program has no targets on this hub."));
    auto stored = m_hub.store().targets();
    if (!stored)
        return Hub::serverError(stored.error());
    if (!stored.value())
        return Hub::error(404, QStringLiteral("no_targets"),
                          QCoreApplication::translate("Hub", "The central level has not published targets yet."));
    return stored.value()->document;
}

Outcome<TargetsDesk::Published> TargetsDesk::put(const TokenRecord &token, const QByteArray &body)
{
    if (token.scope.kind != sync::Scope::Kind::Central ||
        token.scope.programId() != core::ProgramDefinition::sesMgMobilizacaoId())
        return Hub::error(403, QStringLiteral("forbidden"),
                          QCoreApplication::translate("Hub", "Only the central level publishes the targets."));
    auto targets = core::Targets::fromJson(body);
    if (!targets)
        return Hub::error(422, targets.error().code, targets.error().message);
    if (core::Status known = targets->checkAgainst(m_hub.reference()); !known)
        return Hub::error(422, known.error().code, known.error().message);
    const QByteArray document = targets->toJson();
    auto stored = m_hub.store().putTargets(TargetsRecord{targets->revision, document, m_hub.now(), token.id});
    if (!stored)
        return Hub::serverError(stored.error());
    if (stored.value())
        return Published{targets->revision, true};
    auto held = m_hub.store().targets();
    if (!held)
        return Hub::serverError(held.error());
    if (held.value() && held.value()->revision == targets->revision && held.value()->document == document)
        return Published{targets->revision, false};
    const int heldRevision = held.value() ? held.value()->revision : 0;
    return Hub::error(409, QStringLiteral("stale_targets"),
                      QCoreApplication::translate("Hub", "The hub already holds targets of revision %1, newer than "
                                                         "these (%2). Synchronize again: the edit is sent as a "
                                                         "newer revision.")
                          .arg(heldRevision)
                          .arg(targets->revision));
}

} // namespace mobiliza::hub
