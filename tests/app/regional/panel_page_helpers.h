// Reading the Painel's page in the tests: a tile's figure, and waiting for the
// figures of the filter now on the controls. Shared by test_panel_page.cpp and
// test_panel_lists.cpp.
#pragma once

#include "app/ui/panel/panel_dashboard.h"
#include "tests/app/regional/regional_ui_helpers.h"

#include <QLabel>

namespace mobiliza::test {

inline QString panelTile(const ui::PanelDashboard *d, const char *name)
{
    auto *label = d->findChild<QLabel *>(QString::fromLatin1(name) + QStringLiteral("Value"));
    REQUIRE(label);
    return label->text();
}

// Waits for the figures of the filter now on the controls.
inline void settlePanel(ui::PanelDashboard *d)
{
    REQUIRE(waitUntil([&] { return !d->isComputing() && d->data().has_value(); }));
    REQUIRE(d->data()->filter.includeReceived == d->filter().includeReceived);
    REQUIRE(d->data()->filter.municipalities == d->filter().municipalities);
    REQUIRE(d->data()->filter.theme == d->filter().theme);
    REQUIRE(d->data()->filter.format == d->filter().format);
}

} // namespace mobiliza::test
