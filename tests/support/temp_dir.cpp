#include "tests/support/temp_dir.h"

#include <QDir>
#include <QtGlobal>

namespace mobiliza::test {

TempDir::TempDir()
{
    if (qEnvironmentVariableIsSet("MOBILIZA_KEEP_TEMP"))
        m_dir.setAutoRemove(false);
}

QString sourcePath(const QString &relative)
{
    QString root = qEnvironmentVariable("MOBILIZA_SOURCE_DIR");
    if (root.isEmpty())
        root = QStringLiteral(MOBILIZA_SOURCE_DIR_FALLBACK);
    return QDir(root).filePath(relative);
}

} // namespace mobiliza::test
