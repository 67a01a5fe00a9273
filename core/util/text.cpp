#include "core/util/text.h"

namespace mobiliza::core {

QString foldForSearch(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    bool pendingSpace = false;
    for (const QChar c : decomposed) {
        switch (c.category()) {
        case QChar::Mark_NonSpacing:
        case QChar::Mark_SpacingCombining:
        case QChar::Mark_Enclosing:
            continue; // accents and other combining marks
        default:
            break;
        }
        if (c.isLetterOrNumber()) {
            if (pendingSpace && !out.isEmpty())
                out.append(QLatin1Char(' '));
            pendingSpace = false;
            out.append(c.toCaseFolded());
        } else {
            pendingSpace = true;
        }
    }
    return out;
}

QString foldCompact(const QString &text)
{
    QString folded = foldForSearch(text);
    folded.remove(QLatin1Char(' '));
    return folded;
}

QString fileNamePart(const QString &text)
{
    QString name;
    for (const QChar c : text.normalized(QString::NormalizationForm_D)) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            name += c;
        else if (c.isSpace() || c == QLatin1Char('-'))
            name += QLatin1Char('-');
    }
    return name;
}

int rankFoldedMatch(const QString &folded, const QString &compact, const QString &q, const QString &qCompact)
{
    if (folded == q)
        return 0;
    if (folded.startsWith(q))
        return 1;
    const qsizetype at = folded.indexOf(q);
    if (at < 0)
        return compact.contains(qCompact) ? 3 : 4;
    if (folded.at(at - 1) == QLatin1Char(' '))
        return 2;
    return folded.indexOf(QLatin1Char(' ') + q) >= 0 ? 2 : 3;
}

} // namespace mobiliza::core
