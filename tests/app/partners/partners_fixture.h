// Shared by the partners GUI tests: a temporary profile on a fixed clock, and
// the partners page with the dialogs fake (tests/app/fake_dialogs.h) and model
// testers on both models.
#pragma once

#include "app/ui/models/partner_list_model.h"
#include "app/ui/pages/partners_page.h"
#include "app/ui/partners/partner_editor_dialog.h"
#include "core/services/services.h"
#include "tests/app/fake_dialogs.h"
#include "tests/support/temp_dir.h"

#include <QAbstractItemModelTester>
#include <QPushButton>
#include <QTableView>
#include <QTest>
#include <QTimeZone>

#include <catch2/catch.hpp>

#include <memory>

namespace mobiliza::test {

// QTest::keyClicks asserts on non-ASCII characters: type those as key events with text.
inline void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 128)
            QTest::keyClick(widget, c.toLatin1());
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

struct Fixture
{
    test::TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services;
    ui::AppContext context;

    Fixture()
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
        REQUIRE(services->profile().setMunicipality(QStringLiteral("3106200")).ok());
        context = ui::AppContext{dir.path(), core::ReferenceData::embedded(),
                                 core::ProgramDefinition::sesMgMobilizacao(), services.get(), &clock};
    }

    core::Partner add(const QString &name, core::PartnerKind kind = core::PartnerKind::Organization,
                      const QString &sector = QStringLiteral("educacao"),
                      core::PartnerStage stage = core::PartnerStage::Mapped,
                      const QString &municipality = QStringLiteral("3106200"))
    {
        core::Partner p;
        p.name = name;
        p.kind = kind;
        p.sector = sector;
        p.stage = stage;
        p.municipality = municipality;
        auto saved = services->partners().save(p);
        REQUIRE(saved.ok());
        return saved.value();
    }
};

// A page with the dialogs fake and model testers on both models.
struct PageFixture : Fixture
{
    ui::PartnersPage page{context};
    FakeDialogs *dialogs = nullptr;
    std::unique_ptr<QAbstractItemModelTester> sourceTester;
    std::unique_ptr<QAbstractItemModelTester> filterTester;

    PageFixture()
    {
        auto fake = std::make_unique<FakeDialogs>();
        dialogs = fake.get();
        page.setDialogs(std::move(fake));
        sourceTester = std::make_unique<QAbstractItemModelTester>(
            page.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        filterTester = std::make_unique<QAbstractItemModelTester>(
            page.filterModel(), QAbstractItemModelTester::FailureReportingMode::Fatal);
        page.resize(1000, 700);
        page.show();
    }

    ui::PartnerEditorDialog *openNew()
    {
        QTest::mouseClick(page.newButton(), Qt::LeftButton);
        REQUIRE(page.editor() != nullptr);
        REQUIRE(page.editor()->isVisible());
        return page.editor();
    }

    ui::PartnerEditorDialog *openExisting(const QString &uuid)
    {
        REQUIRE(page.selectPartner(uuid));
        QTest::mouseClick(page.editButton(), Qt::LeftButton);
        REQUIRE(page.editor() != nullptr);
        return page.editor();
    }

    void saveAndWaitClosed(ui::PartnerEditorDialog *editor)
    {
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        REQUIRE(QTest::qWaitFor([this] { return page.editor() == nullptr; }, 2000));
    }

    QString cell(int row, int column) const
    {
        return page.table()->model()->index(row, column).data().toString();
    }
};

} // namespace mobiliza::test
