// Shared by the tests of the quali search: accent and case folding done the test's own way
// (Unicode decomposition), to count what the store's FTS5 should find.
#pragma once

#include <QRegularExpression>
#include <QString>

namespace mobiliza::test {

// Lower case without accents, by decomposition: "Reunião" → "reuniao".
inline QString folded(const QString &text)
{
    QString out;
    for (const QChar c : text.normalized(QString::NormalizationForm_D))
        if (c.category() != QChar::Mark_NonSpacing)
            out += c.toLower();
    return out;
}

// Whether a word of `text` starts with `prefix` (folded).
inline bool hasWordStarting(const QString &text, const QString &prefix)
{
    static const QRegularExpression word(QStringLiteral("[\\p{L}\\p{N}]+"));
    for (auto it = word.globalMatch(folded(text)); it.hasNext();)
        if (it.next().captured().startsWith(prefix))
            return true;
    return false;
}

} // namespace mobiliza::test
