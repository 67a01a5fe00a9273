// mobiliza-hub: the regional (or central) endpoint of Mobiliza's sync. See hub_cli.h.
#include "sync/hub/hub_cli.h"

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QTranslator>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mobiliza-hub"));
    QCoreApplication::setOrganizationName(QStringLiteral("Mobiliza"));
    // The hub speaks pt-BR (its messages reach municipal staff through the clients).
    // Qt's own words too ("Uso:", "Opções:" of --help), from Debian's qt6-translations-l10n.
    QTranslator translator;
    QTranslator qt;
    if (qEnvironmentVariable("MOBILIZA_LANG") != QLatin1String("en")) {
        if (translator.load(QStringLiteral(":/i18n/mobiliza_pt_BR.qm")))
            QCoreApplication::installTranslator(&translator);
        if (qt.load(QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_pt_BR.qm")))
            QCoreApplication::installTranslator(&qt);
    }
    return mobiliza::hub::runCli(QCoreApplication::arguments());
}
