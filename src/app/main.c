/* main.c - the tcviz entry point: every command, the window included, is a
 * row of the one command table (commands.c). */
#include "app/app.h"

int main(int argc, char **argv)
{
    return app_main(argc, argv);
}
