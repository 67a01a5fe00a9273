// mobiliza-hub: the regional (or central) endpoint of Mobiliza's sync. See hub_cli.h.
#include "sync/hub/hub_cli.h"

#include <QCoreApplication>
#include <QFile>
#include <QTranslator>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mobiliza-hub"));
    QCoreApplication::setOrganizationName(QStringLiteral("Mobiliza"));
    // The hub speaks pt-BR (its messages reach municipal staff through the clients).
    QTranslator translator;
    if (qEnvironmentVariable("MOBILIZA_LANG") != QLatin1String("en") &&
        translator.load(QStringLiteral(":/i18n/mobiliza_pt_BR.qm")))
        QCoreApplication::installTranslator(&translator);
    return mobiliza::hub::runCli(QCoreApplication::arguments());
}
