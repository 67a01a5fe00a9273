// Internals shared by ReportService's report_*.cpp files (not part of core's API).
#pragma once

#include "core/services/audit.h"
#include "core/store/transaction.h"
#include "core/util/result.h"

#include <QDate>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace mobiliza::core::report_detail {

inline QString toJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

inline QJsonObject fromJson(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

inline QString dateText(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

inline Status toStatus(const Result<int> &r)
{
    return r ? Status() : Status(r.error());
}

// The audit row of an edit: AuditTrail::record(entity, uuid, verb, details).
struct AuditRow
{
    QString entity; // "action", "photo"
    QString uuid;
    QString verb; // "update", "remove", …; empty: unchanged()
    QJsonObject details;
    // Nothing changed (a move to where the row already is): no touch, no audit row.
    static AuditRow unchanged() { return {}; }
};

// The one shape of ReportService's edits of an action or a photo that exists
// (report_actions.cpp, report_photos.cpp), all in ONE transaction: `findOwner()`
// finds the row and checks that its report can be edited (editableOwner(…));
// `change(owner)` writes and returns the audit row; then `touch(reportUuid)`
// and the audit row. *reportUuid: the owner's report, for notify() once it is over.
template <typename FindOwner, typename Touch, typename Change>
Status editExistingRow(const QSqlDatabase &db, const AuditTrail &audit, QString *reportUuid,
                       FindOwner findOwner, Touch touch, Change change)
{
    return inTransaction(db, [&]() -> Status {
        auto owner = findOwner();
        if (!owner)
            return owner.error();
        *reportUuid = owner->reportUuid;
        const Result<AuditRow> row = change(owner.value());
        if (!row)
            return row.error();
        if (row->verb.isEmpty())
            return {};
        if (Status s = touch(*reportUuid); !s)
            return s;
        return audit.record(row->entity, row->uuid, row->verb, row->details);
    });
}

} // namespace mobiliza::core::report_detail
