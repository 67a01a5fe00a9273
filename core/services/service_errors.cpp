#include "core/services/service_errors.h"

#include <QCoreApplication>

namespace mobiliza::core::service_errors {

Error reportNotFound()
{
    return Error{QStringLiteral("not_found"),
                 QCoreApplication::translate("ReportService",
                                             "The report was not found. It may have been removed: "
                                             "reopen the list of reports.")};
}

Error actionNotFound()
{
    return Error{QStringLiteral("not_found"),
                 QCoreApplication::translate("ReportService",
                                             "The action was not found. It may have been removed: "
                                             "reopen the report.")};
}

Error photoNotFound()
{
    return Error{QStringLiteral("not_found"),
                 QCoreApplication::translate("ReportService",
                                             "The photo was not found. It may have been removed: "
                                             "reopen the report.")};
}

Error partnerNotFound()
{
    return Error{QStringLiteral("not_found"),
                 QCoreApplication::translate("PartnerService",
                                             "The partner was not found. It may have been erased: "
                                             "reopen the partners register.")};
}

Error locked(ReportState state)
{
    return Error{QStringLiteral("locked"),
                 QCoreApplication::translate(
                     "ReportService",
                     "This report is \"%1\" and can no longer be edited. To correct it, withdraw it "
                     "from the outbox while it has not been sent, or wait until it is returned.")
                     .arg(reportStateLabel(state))};
}

Error invalidPosition(int position, int count)
{
    return Error{
        QStringLiteral("invalid_position"),
        QCoreApplication::translate("ReportService", "Position %1 does not exist: the list has %2 items.")
            .arg(position + 1)
            .arg(count)};
}

Error invalidTransition(const QString &message)
{
    return Error{QStringLiteral("invalid_transition"), message};
}

} // namespace mobiliza::core::service_errors
