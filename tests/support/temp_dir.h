// A temporary folder for one test, removed at the end unless MOBILIZA_KEEP_TEMP is set.
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace mobiliza::test {

class TempDir
{
public:
    TempDir();
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

// Path of a file in the source tree (tests read their fixtures from there).
QString sourcePath(const QString &relative);

} // namespace mobiliza::test
