// The actions a partner took part in, as short lines for people:
// "Ação 3 — Caminhada contra a dengue (04/2026)", oldest month first.
#pragma once

#include <QString>
#include <QStringList>

namespace mobiliza::core {
class ProgramDefinition;
class Services;
} // namespace mobiliza::core

namespace mobiliza::ui {

QStringList partnerActionDescriptions(core::Services &services, const core::ProgramDefinition &program,
                                      const QString &partnerUuid);

} // namespace mobiliza::ui
