/* app.h - the entry points of the SDL side of tcviz.
 *
 * app_main dispatches through the binary's one command table (commands.c);
 * the window, `export` and `bench render` are its SDL rows. Each returns the
 * process exit code (CLI_EXIT_*). */
#ifndef TCVIZ_APP_H
#define TCVIZ_APP_H

/* tcviz [COMMAND] ...: every command of the binary. */
int app_main(int argc, char **argv);

/* tcviz [LESSON.yaml] [LAYER FLAGS] [--view V] [--theme T] [--reduced-motion] [--font F]:
 * the interactive window. */
int app_run(int argc, char **argv);

/* tcviz export [same flags] (--step K -o frame.png | --gif out.gif | --frames DIR)
 *              [--view V] [--size WxH]: headless rendering. */
int app_export(int argc, char **argv);

/* tcviz bench render [same flags] [--size WxH] [--frames N]: headless frame timing. */
int app_bench_render(int argc, char **argv);

#endif
