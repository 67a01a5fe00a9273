// Masked fields without QLineEdit input masks: on every edit the significant
// characters (letters and digits) are laid out again in the pattern and the
// cursor stays after the same significant character. Typing with or without
// the separators, pasting a formatted value and editing in the middle all work.
#pragma once

#include <QString>

#include <functional>

class QLineEdit;

namespace mobiliza::ui {

using LiveFormat = std::function<QString(const QString &raw)>;

// Lays the significant characters out in a pattern where '#' is a slot:
// applyPattern("5299822", "###.###.###-##") → "529.982.2". Separators appear only
// before a filled slot.
QString applyPattern(const QString &significant, const QString &pattern);

LiveFormat cpfFormat();   // 999.999.999-99
LiveFormat cnpjFormat();  // NN.NNN.NNN/NNNN-99 (letters upper-cased, from July 2026)
LiveFormat cepFormat();   // 99999-999
LiveFormat dateFormat();  // dd/mm/aaaa
// (31) 98765-4321 or (31) 3261-1234; text with "+" or more than 11 digits is left as typed
// (international form), parsePhone() reads it on save.
LiveFormat phoneFormat();

// Installs (or replaces, or with an empty format removes) the live format of a line edit,
// and formats its current text.
void setLiveFormat(QLineEdit *edit, LiveFormat format);

} // namespace mobiliza::ui
