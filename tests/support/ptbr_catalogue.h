// For tests that assert messages in pt-BR, as a person sees them: installs the catalogue
// the application ships, embedded in the test at :/i18n/mobiliza_pt_BR.qm (the test's
// CMakeLists compiles translations/mobiliza_pt_BR.ts with qt_add_lrelease). The GUI tests
// use tests/app/ptbr_demo_window.h instead.
#pragma once

#include <catch2/catch.hpp>

#include <QCoreApplication>
#include <QTranslator>

namespace mobiliza::test {

struct PtBrCatalogue
{
    QTranslator translator;
    PtBrCatalogue()
    {
        REQUIRE(translator.load(QStringLiteral(":/i18n/mobiliza_pt_BR.qm")));
        QCoreApplication::installTranslator(&translator);
    }
    ~PtBrCatalogue() { QCoreApplication::removeTranslator(&translator); }
};

} // namespace mobiliza::test
