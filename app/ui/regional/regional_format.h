// Small helpers shared by the regional desk's pages (inbox, report view,
// coverage): the review states in words and colours, Brasília time, who the
// reviewer is. Widget-free.
#pragma once

#include <QColor>
#include <QDateTime>
#include <QString>

namespace mobiliza::core {
class ReferenceData;
class Services;
} // namespace mobiliza::core

namespace mobiliza::ui::regional {

// The hub's review states, in the order the inbox filter shows them.
QStringList reviewStateKeys(); // received, in_review, returned, accepted, forwarded, consolidated
// "Novo", "Em análise", "Devolvido", "Aceito", "Encaminhado", "Consolidado" (translated).
QString reviewStateLabel(const QString &key);
QColor reviewStateColor(const QString &key); // text colour for the state

// "dd/mm/aaaa HH:mm" in Brasília time (UTC−3); empty for an invalid moment.
QString brasiliaDateTime(const QDateTime &utc);
// "pelo hub" / "pacote importado".
QString viaLabel(const QString &via);
// The municipality's name, or its code when the reference table does not know it.
QString municipalityName(const core::ReferenceData &reference, const QString &ibge);
// The name recorded with a decision: the profile's user name, else "URS <name>".
QString reviewerName(core::Services &services);

} // namespace mobiliza::ui::regional
