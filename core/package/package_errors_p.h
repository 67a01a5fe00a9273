// Errors of the report package (internal to core/package).
#pragma once

#include "core/program/finding.h"
#include "core/util/result.h"

#include <QString>

namespace mobiliza::core::package::errors {

Error notAPackage();                                        // "not_a_package"
Error emptyFile(const QString &path);                       // "empty_file": 0 bytes, a copy that never finished
Error corrupt();                                            // "corrupt_package": incomplete or altered
Error tooLarge();                                           // "too_large"
Error newerVersion(int version);                            // "unsupported_version"
Error cannotRead(const QString &path, const QString &why);  // "io"
Error cannotWrite(const QString &path, const QString &why); // "io"
Error cancelled();                                          // "cancelled"
Error notConcluded(int revision, const QString &month);     // "not_concluded"
Error damagedRevision();                                    // "corrupt_revision"
Error unknownProgram(const QString &programId);             // "unknown_program", as conclude says
Error validationFailed(const Findings &findings);           // "validation_failed": the blocking findings

} // namespace mobiliza::core::package::errors
