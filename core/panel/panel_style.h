// The Painel's look shared by the screen (app/ui/panel) and the Balanço PDF
// (balanco_pdf.h): the colours of the theme stacks and the short form of a
// catalogue label on an axis or in a legend.
#pragma once

#include <QColor>
#include <QString>

namespace mobiliza::core {

// The named themes in order, then grey for the rest ("Demais temas").
QColor panelStackColor(int index, bool others);
// A catalogue label cut to `max` characters ("…"), without a long parenthesis.
QString panelShortLabel(const QString &label, int max = 34);

} // namespace mobiliza::core
