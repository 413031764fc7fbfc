// Entry point of the stepwise executable: hands the command line to the app library.
#include "app/commands/cli.hpp"

int main(int argc, char** argv) { return stepwise::app::runCommandLine(argc, argv); }
