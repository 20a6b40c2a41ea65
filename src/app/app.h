/* app.h - the entry points of the SDL side of tcviz, called from main.c.
 *
 * main.c first offers argv to the SDL-free CLI (cli_main); `export` and
 * `bench render` and everything else (no arguments, a LESSON.yaml, layer
 * flags) come here. Each returns the process exit code (CLI_EXIT_*). */
#ifndef TCVIZ_APP_H
#define TCVIZ_APP_H

/* tcviz [LESSON.yaml] [LAYER FLAGS] [--view V] [--theme T] [--reduced-motion] [--font F]:
 * the interactive window. */
int app_run(int argc, char **argv);

/* tcviz export [same flags] (--step K -o frame.png | --gif out.gif | --frames DIR)
 *              [--view V] [--size WxH]: headless rendering. */
int app_export(int argc, char **argv);

/* tcviz bench render [same flags] [--size WxH] [--frames N]: headless frame timing. */
int app_bench_render(int argc, char **argv);

#endif
