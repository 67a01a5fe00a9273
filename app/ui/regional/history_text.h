// A report's history thread as the report view's "Histórico" tab shows it:
// every state change, decision, comment and note, with who, when and from which
// installation; this installation's decisions still on their way marked as such.
#pragma once

#include "core/domain/types.h"
#include "core/regional/report_history.h"

#include <QString>

namespace mobiliza::ui::regional {

// `report` (the revision on screen) turns the notes' uuids into "Ação 3, Foto 5";
// `ownInstallation` is this profile's installation id ("desta instalação").
QString historyHtml(const core::HistoryThread &thread, const core::Report &report, const QString &ownInstallation);
// "Histórico (7)".
QString historyTabTitle(const core::HistoryThread &thread);

} // namespace mobiliza::ui::regional
