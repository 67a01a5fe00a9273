#pragma once
namespace mobiliza::ui {
int runApplication(int argc, char **argv);
}
