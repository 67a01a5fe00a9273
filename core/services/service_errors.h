// Errors shared by the services (internal to core/services).
#pragma once

#include "core/domain/report_state.h"
#include "core/util/result.h"

#include <QString>

namespace mobiliza::core::service_errors {

Error reportNotFound();
Error actionNotFound();
Error photoNotFound();
Error partnerNotFound();
Error locked(ReportState state);
Error invalidPosition(int position, int count);
Error invalidTransition(const QString &message);

} // namespace mobiliza::core::service_errors
