#include "app/ui/application.h"

int main(int argc, char **argv)
{
    return mobiliza::ui::runApplication(argc, argv);
}
