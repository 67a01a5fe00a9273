// The municipality's main window as a person in Brazil sees it on first look: the
// pt-BR catalogue and Qt's own installed (as the application does at start), the
// locale pt-BR, a profile of municipality 3106200 with the demonstration data on a
// fixed clock (22/11/2026); or an apoiador's of the apoio register. Shared by test_ptbr_ui.cpp and
// test_small_screen.cpp. Everything is undone when it goes (translators removed, locale restored).
#pragma once

#include "app/ui/main_window.h"
#include "core/demo/demo_data.h"
#include "core/services/services.h"
#include "tests/app/fake_dialogs.h"
#include "tests/support/temp_dir.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTest>
#include <QTimeZone>
#include <QTranslator>

#include <memory>

namespace mobiliza::test {

// Installed before any widget exists; removed last.
struct PtBrLanguage
{
    QTranslator project;
    QTranslator qt;
    QLocale before;
    PtBrLanguage()
    {
        REQUIRE(project.load(QStringLiteral(":/i18n/mobiliza_pt_BR.qm")));
        REQUIRE(QCoreApplication::installTranslator(&project));
        if (qt.load(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_pt_BR.qm")))
            QCoreApplication::installTranslator(&qt);
        QLocale::setDefault(QLocale(QLocale::Portuguese, QLocale::Brazil));
    }
    ~PtBrLanguage()
    {
        QCoreApplication::removeTranslator(&qt);
        QCoreApplication::removeTranslator(&project);
        QLocale::setDefault(before);
    }
};

struct PtBrDemoWindow
{
    PtBrLanguage language; // first in, last out
    TempDir dir;
    core::FixedClock clock{QDateTime(QDate(2026, 11, 22), QTime(14, 0), QTimeZone::utc())};
    std::unique_ptr<core::Services> services;
    ui::AppContext context;
    FakeDialogs dialogs;
    std::unique_ptr<ui::MainWindow> window;

    // `apoio`: an apoiador(a) of Bahia in the apoio register instead, with its demonstration year.
    explicit PtBrDemoWindow(QSize size, bool apoio = false)
    {
        auto opened = core::Services::open(dir.path(), clock);
        REQUIRE(opened.ok());
        services = std::move(opened.value());
        if (apoio) {
            REQUIRE(services->profile().setProgram(core::ProgramDefinition::apoioCosemsId()).ok());
            REQUIRE(services->profile().setRole(core::Role::Municipality, QStringLiteral("BA")).ok());
        } else {
            REQUIRE(services->profile().setMunicipality(QStringLiteral("3106200")).ok());
        }
        context = ui::AppContext{dir.path(), core::ReferenceData::embedded(),
                                 apoio ? core::ProgramDefinition::apoioCosems()
                                       : core::ProgramDefinition::sesMgMobilizacao(),
                                 services.get(), &clock};
        core::DemoData seed(*services, context.program, context.reference, clock);
        REQUIRE(seed.seed().ok());
        window = std::make_unique<ui::MainWindow>(context, nullptr, &dialogs);
        window->resize(size);
        window->show();
        REQUIRE(QTest::qWaitForWindowExposed(window.get()));
    }
    ~PtBrDemoWindow() { window.reset(); } // before the services it uses

    // The first report of the profile in `state` (empty when none).
    QString firstReportIn(core::ReportState state) const
    {
        const auto summaries = services->reports().summaries();
        REQUIRE(summaries.ok());
        for (const auto &s : summaries.value())
            if (s.state == state)
                return s.uuid;
        return {};
    }
};

} // namespace mobiliza::test
