#include "app/ui/application.h"
#include <QApplication>
namespace mobiliza::ui {
int runApplication(int argc, char **argv)
{
    QApplication app(argc, argv);
    return 0;
}
}
