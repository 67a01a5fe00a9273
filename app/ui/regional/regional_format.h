// Small helpers shared by the regional desk's pages (inbox, report view,
// coverage): the review states in words and colours, Brasília time, who the
// reviewer is. Widget-free.
#pragma once

#include "core/reference/reference_data.h"
#include "core/regional/review_outbox.h"

#include "core/program/program_definition.h"
#include "core/regional/coverage.h"

#include <QColor>
#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QString>

namespace mobiliza::core {
class Services;
} // namespace mobiliza::core

namespace mobiliza::ui::regional {

// The hub's review states, in the order the inbox filter shows them.
QStringList
reviewStateKeys(); // received, in_review, returned, accepted, forwarded, returned_to_urs, consolidated
// "Novo", "Em análise", "Devolvido", "Aceito", "Encaminhado", "Consolidado" (translated).
QString reviewStateLabel(const QString &key);
QColor reviewStateColor(const QString &key); // text colour for the state

// "dd/mm/aaaa HH:mm" in Brasília time (UTC−3); empty for an invalid moment.
QString brasiliaDateTime(const QDateTime &utc);

// Plain text in rich text: escaped, its line breaks kept.
QString htmlLines(const QString &text);
// "pelo hub" / "pacote importado".
QString viaLabel(const QString &via);
// The municipality's name, or its code when the reference table does not know it.
QString municipalityName(const core::ReferenceData &reference, const QString &ibge);
// Any reporting unit's name: a municipality's, or the name the hub gave an apoiador
// (core::ReplicaService::unitNames), else its id.
QString unitName(const core::ReferenceData &reference, core::Services &services, const QString &unit);
// The name recorded with a decision: the profile's user name, else "URS <name>"
// (or "Nível central").
QString reviewerName(core::Services &services);

// A desk of a program whose reports come from people, not municipalities (the apoio
// program's COSEMS coordination reviews its apoiadores): it neither forwards nor batches,
// and speaks of apoiadores and periods (issue 11).
bool reviewsPeople(const core::ProgramDefinition &program);

// The desk's level: the central level decides on forwarded reports (consolidate,
// return to the URS); a URS on received ones (accept, return to the municipality).
bool isCentralDesk(core::Services &services);
// The review states this desk decides from (core::ReviewOutbox::fromStates).
bool isDecidableHere(core::Services &services, const QString &state);
// What "accept" and "return" are at this desk.
core::Decision acceptDecision(core::Services &services);
core::Decision returnDecision(core::Services &services);
// The municipalities the profile sees: its URS's, or the whole state's at the central level.
QList<core::Municipality> scopeMunicipalities(const core::ReferenceData &reference, core::Services &services);
// The people a coordination expects reports from (reviewsPeople), as coverage rows by
// name: the active apoiadores of the hub's roster and anyone who sent a report here.
// `ibge` holds the apoiador's id, `name` its name (else the id), `urs` its state.
core::Result<QList<core::Municipality>> scopePeople(core::Services &services);
// When each person of the roster joined (its first enrollment, Brasília date) and who
// left, for core::excludeUnexpected. Empty when the roster cannot be read.
core::RosterExpectations rosterExpectations(core::Services &services);

} // namespace mobiliza::ui::regional
