// Shared by the outbox_*.cpp files (not part of core's API): moving a report
// through the lifecycle as its outbox row moves.
#pragma once

#include "core/domain/report_state.h"
#include "core/util/result.h"

#include <QSqlDatabase>
#include <QString>

namespace mobiliza::core {

class AuditTrail;

namespace outbox_detail {

// Moves the report of `item` with `event` inside the caller's transaction,
// through the lifecycle state machine, with the same audit row as
// ReportService::applyEvent. Only the report's current revision moves; an
// illegal transition leaves the report alone (the outbox row still moves).
Result<bool> moveReport(const QSqlDatabase &db, AuditTrail &audit, const QString &reportUuid, int revision,
                        ReportEvent event, const QString &now, const QString &comment = {});

} // namespace outbox_detail

} // namespace mobiliza::core
