// Reading one entry of a ZIP file that is not trusted yet (internal to
// core/package): the report package and the batch file readers read every entry
// this way.
#pragma once

#include "core/util/result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <functional>

class QuaZip;

namespace mobiliza::core::package {

// The bytes of the entry `name` of `zip`, whose central directory declared
// `declared` bytes. Error "too_large" when that is more than `maxBytes`;
// "corrupt_package" when the entry cannot be opened, holds fewer or more bytes
// than declared (never more than one byte beyond is read) or fails its CRC;
// "cancelled" when onChunk (given the size of each chunk read) returns false.
// *sha256 (if given): the SHA-256 of the bytes, lower-case hex.
Result<QByteArray> readZipEntry(QuaZip &zip, const QString &name, qint64 declared, qint64 maxBytes,
                                QString *sha256, const std::function<bool(qint64)> &onChunk);

// A checksums.sha256 entry ("<sha256>  <name>\n" lines, sha256sum's format, '*' for
// binary mode accepted): name → lower-case hex SHA-256. "corrupt_package" for an empty
// text, a last line without its newline, a malformed line, a name listed twice, or a
// name `accepts` refuses (each file's layout names its own entries).
Result<QHash<QString, QString>> parseChecksumsEntry(const QByteArray &text,
                                                    const std::function<bool(const QString &)> &accepts);

} // namespace mobiliza::core::package
