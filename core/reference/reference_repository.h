// Where the reference table in use comes from: the one built into the application or a
// newer one imported later (published by SES-MG, or pushed by the hub through the same
// import), stored at <dataDir>/reference/mg_reference.json. This is what lets the
// municipality → URS mapping change without a new release.
#pragma once

#include <QByteArray>
#include <QString>

#include "core/reference/reference_data.h"
#include "core/util/result.h"

namespace mobiliza::core {

class ReferenceRepository
{
public:
    // Uses the table built into the application as the baseline.
    explicit ReferenceRepository(const QString &dataDir);
    // Same, with an injected baseline (tests).
    ReferenceRepository(const QString &dataDir, ReferenceData builtIn);

    // The newest (by revision) of the built-in table and the imported one. An imported file
    // that is corrupt, or not newer than the built-in table, is ignored with a warning.
    ReferenceData current() const;
    // True when current() is the imported table.
    bool usingImported() const;
    // <dataDir>/reference/mg_reference.json
    QString importedPath() const;

    // Validates the file (ReferenceData::fromJson), refuses a table whose revision is not
    // newer than current(), and installs it atomically. On any error the installed file
    // and current() are left untouched.
    Status importFile(const QString &path);
    Status importJson(const QByteArray &json);

    // Reads the imported file again (e.g. after another process installed one).
    void reload();

private:
    QString m_dataDir;
    ReferenceData m_builtIn;
    ReferenceData m_current;
    bool m_usingImported = false;
};

} // namespace mobiliza::core
