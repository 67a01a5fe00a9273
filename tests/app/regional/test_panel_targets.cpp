// The targets window of the Painel ("Metas…") on the real widgets, offscreen, driven
// like a person: at the central level the values are typed (a year, then another),
// saved for publication, and the panel measures against them at once; the wheel
// over a field the person did not click into changes nothing; at the URS the window
// shows what the central level published and cannot change it.
#include "tests/support/catch_qt.h"
#include <catch2/catch.hpp>

#include "app/ui/pages/role_pages.h"
#include "app/ui/panel/panel_dashboard.h"
#include "app/ui/panel/panel_tiles.h"
#include "app/ui/panel/targets_dialog.h"
#include "tests/app/regional/panel_page_helpers.h"
#include "tests/app/regional/regional_fixture.h"
#include "tests/app/regional/regional_ui_helpers.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSpinBox>
#include <QTableWidget>
#include <QWheelEvent>

using namespace mobiliza;

namespace {

// The Painel's window, and its targets window opened by the button.
struct TargetsWindow : test::PanelWindow
{
    using test::PanelWindow::PanelWindow;

    ui::TargetsDialog *openTargets()
    {
        auto *button = panel->findChild<QPushButton *>(QStringLiteral("panelTargets"));
        REQUIRE(button);
        QTest::mouseClick(button, Qt::LeftButton);
        ui::TargetsDialog *found = nullptr;
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *d = qobject_cast<ui::TargetsDialog *>(w); d && d->isVisible())
                found = d;
        REQUIRE(found);
        // As the window manager does with a window that opens (offscreen has none).
        QApplication::setActiveWindow(found);
        REQUIRE(QTest::qWaitForWindowActive(found));
        return found;
    }
};

// Clicks into a spin box, selects what it shows and types `text`, then Tab.
void typeInto(QSpinBox *spin, const QString &text)
{
    QTest::mouseClick(spin, Qt::LeftButton);
    REQUIRE(spin->hasFocus());
    QTest::keyClick(spin, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(spin, text);
    QTest::keyClick(spin, Qt::Key_Tab);
}

int rowOf(QTableWidget *table, const QString &urs)
{
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, ui::TargetsDialog::UrsColumn)->text() == urs)
            return r;
    return -1;
}

void wheelOver(QWidget *w)
{
    const QPointF at(w->width() / 2.0, w->height() / 2.0);
    QWheelEvent event(at, w->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &event);
}

} // namespace

TEST_CASE("panel targets: the central level types the targets of two years, saves them for publication, and "
          "the panel measures against them")
{
    TargetsWindow w(core::Role::Central);
    ui::PanelDashboard *d = w.panel;
    auto *tile = d->findChild<ui::PanelTile *>(QStringLiteral("tileActions"));
    REQUIRE(tile);
    CHECK(tile->targetText().isEmpty()); // nothing published: no target line
    const core::Targets none = w.f.services->targets().current();
    CHECK(none.revision == 0);

    ui::TargetsDialog *dialog = w.openTargets();
    CHECK(dialog->isEditable());
    auto *year = dialog->findChild<QComboBox *>(QStringLiteral("targetsYear"));
    auto *state = dialog->findChild<QSpinBox *>(QStringLiteral("targetsState"));
    auto *each = dialog->findChild<QSpinBox *>(QStringLiteral("targetsPerMunicipality"));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("targetsTable"));
    REQUIRE((year && state && each && table));
    CHECK(year->currentData().toInt() == 2026); // the year the panel's range ends in
    CHECK(table->rowCount() == 28);
    CHECK(state->text() == QStringLiteral("no target"));

    typeInto(state, QStringLiteral("1200"));
    CHECK(state->value() == 1200);
    const int barbacena = rowOf(table, QStringLiteral("Barbacena"));
    REQUIRE(barbacena >= 0);
    auto *coverage = qobject_cast<QSpinBox *>(table->cellWidget(barbacena, ui::TargetsDialog::CoverageColumn));
    REQUIRE(coverage);
    CHECK(coverage->value() == 100); // the reference table's
    typeInto(coverage, QStringLiteral("80"));
    CHECK(coverage->value() == 80);

    // The wheel over a field not clicked into scrolls the list; the value stays.
    auto *other = qobject_cast<QSpinBox *>(table->cellWidget(rowOf(table, QStringLiteral("Alfenas")),
                                                             ui::TargetsDialog::CoverageColumn));
    REQUIRE(other);
    REQUIRE_FALSE(other->hasFocus());
    const int scrolled = table->verticalScrollBar()->value();
    wheelOver(other);
    CHECK(other->value() == 100);
    CHECK(table->verticalScrollBar()->value() > scrolled);

    // 2025 too: its values are its own, and 2026's are kept while 2025 is shown.
    year->setFocus();
    QTest::keyClick(year, Qt::Key_Up);
    REQUIRE(year->currentData().toInt() == 2025);
    CHECK(state->value() == 0);
    typeInto(state, QStringLiteral("600"));

    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    REQUIRE(buttons);
    QPushButton *save = buttons->button(QDialogButtonBox::Save);
    REQUIRE(save);
    QTest::mouseClick(save, Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return !dialog->isVisible(); }));

    const core::Targets saved = w.f.services->targets().current();
    CHECK(saved.revision == 1);
    CHECK(w.f.services->targets().pending());
    REQUIRE(saved.year(2025));
    REQUIRE(saved.year(2026));
    CHECK(saved.year(2025)->state == 600);
    CHECK(saved.year(2026)->state == 1200);
    CHECK(saved.coverage == QMap<QString, double>{{QStringLiteral("Barbacena"), 0.8}});

    // The panel counts again with them: 11/2025–10/2026 expects 2 × 600/12 + 10 × 1200/12.
    REQUIRE(test::waitUntil([&] { return !tile->targetText().isEmpty(); }));
    test::settlePanel(d);
    CHECK(d->filter().actionTarget == Approx(1100));
    CHECK(d->data()->filter.actionTarget == Approx(1100));
    INFO(tile->targetText().toStdString());
    CHECK(tile->targetText().contains(QLocale().toString(1100)));
    const core::ReferenceData &reference = w.f.context.reference;
    CHECK(d->filter().target == Approx(saved.coverageTarget(reference, reference.municipalities())));
    CHECK(d->filter().target < reference.coverageTarget(reference.municipalities()));

    // One theme's actions are not measured against the targets of every action.
    auto *theme = d->findChild<QComboBox *>(QStringLiteral("panelTheme"));
    REQUIRE(theme);
    REQUIRE(theme->count() > 1);
    theme->setCurrentIndex(1);
    REQUIRE(
        test::waitUntil([&] { return d->data()->filter.theme == d->filter().theme && !d->isComputing(); }));
    test::settlePanel(d);
    CHECK(d->filter().actionTarget < 0);
    CHECK(tile->targetText().isEmpty());
}

TEST_CASE("panel targets: at the URS the window shows the published targets and cannot change them")
{
    TargetsWindow w(core::Role::Urs);
    core::Targets published;
    published.revision = 4;
    published.updated = w.f.clock.now();
    published.updatedBy = QStringLiteral("Núcleo central");
    core::YearTargets y;
    y.year = 2026;
    y.perMunicipality = 3;
    published.years << y;
    published.coverage.insert(QStringLiteral("Barbacena"), 0.9);
    REQUIRE(w.f.services->targets().adopt(published).value());

    ui::TargetsDialog *dialog = w.openTargets();
    CHECK_FALSE(dialog->isEditable());
    auto *about = dialog->findChild<QLabel *>(QStringLiteral("targetsAbout"));
    REQUIRE(about);
    CHECK(about->text().contains(QStringLiteral("revision 4")));
    auto *each = dialog->findChild<QSpinBox *>(QStringLiteral("targetsPerMunicipality"));
    REQUIRE(each);
    CHECK(each->value() == 3);
    QTest::mouseClick(each, Qt::LeftButton);
    QTest::keyClick(each, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(each, QStringLiteral("9"));
    CHECK(each->value() == 3);
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    REQUIRE(buttons);
    CHECK_FALSE(buttons->button(QDialogButtonBox::Save));
    QTest::mouseClick(buttons->button(QDialogButtonBox::Close), Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return !dialog->isVisible(); }));
    CHECK(w.f.services->targets().current() == published);
    // Its panel (Barbacena's municipalities) measures against the published coverage.
    test::settlePanel(w.panel);
    CHECK(w.panel->filter().target == Approx(0.9));
}

TEST_CASE("panel targets: targets that arrive while the window is open are not overwritten unseen")
{
    TargetsWindow w(core::Role::Central);
    ui::TargetsDialog *dialog = w.openTargets();
    auto *each = dialog->findChild<QSpinBox *>(QStringLiteral("targetsPerMunicipality"));
    REQUIRE(each);
    typeInto(each, QStringLiteral("8"));

    // A sync pass takes another central installation's targets meanwhile.
    core::Targets arrived;
    arrived.revision = 5;
    arrived.updated = w.f.clock.now();
    arrived.coverage.insert(QStringLiteral("Alfenas"), 0.7);
    REQUIRE(w.f.services->targets().adopt(arrived).value());

    QPushButton *save = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save);
    QTest::mouseClick(save, Qt::LeftButton);
    REQUIRE(w.f.dialogs.warnings.size() == 1);
    CHECK(w.f.dialogs.warnings.first().contains(QStringLiteral("revision 5")));
    CHECK(dialog->isVisible());
    CHECK(each->value() == 8); // what was typed stays
    CHECK(w.f.services->targets().current() == arrived);

    // Saved again, knowingly: the next revision, with the typed value.
    QTest::mouseClick(save, Qt::LeftButton);
    REQUIRE(test::waitUntil([&] { return !dialog->isVisible(); }));
    const core::Targets saved = w.f.services->targets().current();
    CHECK(saved.revision == 6);
    REQUIRE(saved.year(2026));
    CHECK(saved.year(2026)->perMunicipality == 8);
}
