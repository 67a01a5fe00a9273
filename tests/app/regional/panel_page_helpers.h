// Reading the Painel's page in the tests: a tile's figure, waiting for the figures
// of the filter now on the controls, and the real main window on the Painel of a
// seeded regional profile. Shared by test_panel_page.cpp, test_panel_lists.cpp and
// test_panel_targets.cpp.
#pragma once

#include "app/ui/main_window.h"
#include "app/ui/panel/panel_dashboard.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"

#include <QLabel>

#include <memory>

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

// The main window of a profile of `role` seeded with the regional scenario, 1366×768,
// on its Painel with the first figures shown.
struct PanelWindow
{
    RegionalFixture f;
    std::unique_ptr<ui::MainWindow> window;
    ui::PanelDashboard *panel = nullptr;

    explicit PanelWindow(core::Role role = core::Role::Urs) : f(role)
    {
        f.seedScenario();
        window = std::make_unique<ui::MainWindow>(f.context, nullptr, &f.dialogs);
        window->resize(1366, 768);
        window->show();
        REQUIRE(window->showPage(QStringLiteral("panel")));
        panel = qobject_cast<ui::PanelDashboard *>(window->page(QStringLiteral("panel")));
        REQUIRE(panel);
        settlePanel(panel);
    }
};

} // namespace mobiliza::test
