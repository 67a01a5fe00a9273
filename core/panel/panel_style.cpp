#include "core/panel/panel_style.h"

#include <iterator>

namespace mobiliza::core {

QColor panelStackColor(int index, bool others)
{
    if (others)
        return QColor(0xb4, 0xbc, 0xc4);
    static const QColor palette[] = {QColor(0x1f, 0x5f, 0x8b), QColor(0xe0, 0x8a, 0x1e),
                                     QColor(0x3a, 0x9a, 0x5b), QColor(0xc2, 0x45, 0x45),
                                     QColor(0x7b, 0x5a, 0xa6), QColor(0x2a, 0xa1, 0xb3),
                                     QColor(0x9a, 0x7b, 0x4f), QColor(0xd4, 0x6a, 0xa8)};
    return palette[index % int(std::size(palette))];
}

QString panelShortLabel(const QString &label, int max)
{
    QString s = label;
    const qsizetype paren = s.indexOf(QStringLiteral(" ("));
    if (paren > 8)
        s.truncate(paren); // "Arboviroses e combate ao Aedes aegypti (dengue, …)"
    if (s.size() > max)
        s = s.left(max - 1).trimmed() + QChar(0x2026);
    return s;
}

} // namespace mobiliza::core
