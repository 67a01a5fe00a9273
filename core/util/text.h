// Text helpers shared by search features and file names.
#pragma once

#include <QString>

namespace mobiliza::core {

// Folds text for accent-, case- and punctuation-insensitive matching:
// Unicode compatibility decomposition (NFKD, a superset of NFD that also splits
// ligatures and ordinal indicators), combining marks dropped, case-folded to lower
// case, every character that is not a letter or a digit (hyphens, apostrophes,
// punctuation, symbols, whitespace) turned into a single space, and the result
// trimmed. "Pingo-d'Água" → "pingo d agua"; "São João del-Rei" → "sao joao del rei".
QString foldForSearch(const QString &text);

// foldForSearch() without any space: lets "dagua" find "d'Água".
QString foldCompact(const QString &text);

// How well a folded text (and its compact form) matches a folded query (foldForSearch,
// foldCompact): 0 exact, 1 prefix, 2 word prefix, 3 substring (also ignoring spaces),
// 4 no match. Search lists rank by it.
int rankFoldedMatch(const QString &folded, const QString &compact, const QString &q, const QString &qCompact);

// A part of a file name any system and USB stick takes: ASCII letters and digits,
// accents dropped, spaces and hyphens as "-". "Pingo-d'Água" → "Pingo-dAgua".
QString fileNamePart(const QString &text);

} // namespace mobiliza::core
