/* main.c - the tcviz entry point: every command, the window included, is a
 * row of the one command table (commands.c). */
#include <signal.h>

#include "app/app.h"

int main(int argc, char **argv)
{
    /* Past a file-size limit (ulimit -f) a write then fails with EFBIG and
     * is reported like a full disk, instead of the signal killing tcviz. */
    signal(SIGXFSZ, SIG_IGN);
    return app_main(argc, argv);
}
