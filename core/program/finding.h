// A validation finding: what the program's rules say about a report.
// The same engine runs in the client (before "Concluir") and in the hub.
#pragma once

#include <QList>
#include <QString>

namespace mobiliza::core {

enum class Severity { Error, Warning };

struct Finding
{
    // Where the problem is, stable enough for the UI to jump to the field:
    //   "report.noActionsJustification", "report.actions",
    //   "actions[2].fields.title", "actions[0].photos", "actions[0].photos[1].caption"
    QString path;
    Severity severity = Severity::Error;
    QString code;    // machine-readable rule id, e.g. "required", "date_outside_period", "min_photos"
    QString message; // pt-BR (translated) text that says what to do

    bool isBlocking() const { return severity == Severity::Error; }
};

using Findings = QList<Finding>;

inline bool hasBlocking(const Findings &findings)
{
    for (const auto &f : findings)
        if (f.isBlocking())
            return true;
    return false;
}

} // namespace mobiliza::core
