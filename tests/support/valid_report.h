// Reports that pass the SES-MG program's rules, for fixtures and benchmarks:
// ReportService::conclude always validates, so a fixture that wants a concluded
// report must build a valid one. Header-only, core types only (no Catch2), so
// bench/ can use it too.
#pragma once

#include "core/domain/types.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace mobiliza::test {

inline const QString kSesMgProgram = QStringLiteral("ses_mg_mobilizacao");

// The SES-MG photo rule: at most this many photos in one action.
inline constexpr int kMaxPhotosPerAction = 20;

// Every required field of one SES-MG action, dated inside `period` (day 1 + n % 28).
// `title` defaults to "Ação n — mutirão contra a dengue".
inline QJsonObject validActionValues(const core::Period &period, int n = 1, const QString &title = {})
{
    return QJsonObject{
        {QStringLiteral("title"),
         title.isEmpty() ? QStringLiteral("Ação %1 — mutirão contra a dengue").arg(n) : title},
        {QStringLiteral("date"), period.firstDay().addDays(qMax(0, n) % 28).toString(Qt::ISODate)},
        {QStringLiteral("themes"), QJsonArray{QStringLiteral("arboviroses")}},
        {QStringLiteral("format"), QStringLiteral("mutirao")},
        {QStringLiteral("place"), QStringLiteral("Bairro Santa Luzia, ruas 1 a 8")},
        {QStringLiteral("audience"), QJsonArray{QStringLiteral("1")}},
        {QStringLiteral("people_reached"), 40 + n},
        {QStringLiteral("description"),
         QStringLiteral("Visita às casas com orientação sobre criadouros do mosquito.")},
    };
}

// A photo's metadata as the program wants it (caption, date in the period);
// the file must already be in the BlobStore under `sha256`.
inline core::Photo validPhoto(const QString &sha256, const core::Period &period, int n = 1, qint64 bytes = 0,
                              int width = 1600, int height = 1200)
{
    core::Photo p;
    p.sha256 = sha256;
    p.caption = QStringLiteral("Foto %1 da ação").arg(n);
    p.takenOn = period.firstDay().addDays(qMax(0, n) % 28);
    p.author = QStringLiteral("Ana Souza");
    p.identifiablePeople = false;
    p.authorizationOnFile = false;
    p.width = width;
    p.height = height;
    p.bytes = bytes;
    return p;
}

} // namespace mobiliza::test
