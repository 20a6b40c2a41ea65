/* test_png_save.c - PNG writes through a temp file: replacing for export,
 * never replacing for screenshots, and no temp file left either way; a
 * write that fails (a full disk) says so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "app/offscreen.h"

static char dir[] = "/tmp/tcviz_png_XXXXXX";

static int entries(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static SDL_Surface *solid(Uint8 r)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 4, 3, 24, SDL_PIXELFORMAT_RGB24);
    assert_non_null(s);
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, r, 0, 0));
    return s;
}

static Uint8 red_of(const char *path)
{
    SDL_Surface *s = IMG_Load(path);
    assert_non_null(s);
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
    Uint8 r = ((Uint8 *)rgb->pixels)[0];
    SDL_FreeSurface(rgb);
    SDL_FreeSurface(s);
    return r;
}

static void test_replace_and_keep_existing(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/shot.png", dir);
    SDL_Surface *a = solid(200), *b = solid(50);
    Err err = {0};
    assert_int_equal(png_save(a, path, 1, &err), 0);
    assert_int_equal(red_of(path), 200);
    /* keep_existing: refused with TC_ERR_ARG, the first picture intact */
    assert_int_equal(png_save(b, path, 1, &err), -1);
    assert_int_equal(err.code, TC_ERR_ARG);
    assert_non_null(strstr(err.msg, "already exists"));
    assert_int_equal(red_of(path), 200);
    assert_int_equal(entries(), 1); /* no temp file left */
    /* export's mode replaces */
    err = (Err){0};
    assert_int_equal(png_save(b, path, 0, &err), 0);
    assert_int_equal(red_of(path), 50);
    assert_int_equal(entries(), 1);
    SDL_FreeSurface(a);
    SDL_FreeSurface(b);
    unlink(path);
    rmdir(dir);
}

/* F12's write (keep_existing) on a full disk, as a file-size limit in a
 * child: png_save fails naming the cause and leaves no file, so the window
 * reports "screenshot failed", never "saved" for a truncated picture. */
static void test_a_screenshot_on_a_full_disk_fails_and_leaves_nothing(void **state)
{
    (void)state;
    char d[] = "/tmp/tcviz_png_full_XXXXXX";
    assert_non_null(mkdtemp(d));
    char path[64];
    snprintf(path, sizeof path, "%s/shot.png", d);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* noise does not compress: the PNG is far larger than the limit */
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 24, SDL_PIXELFORMAT_RGB24);
        if (!s)
            _exit(2);
        unsigned x = 12345;
        for (int i = 0; i < s->h * s->pitch; i++)
            ((Uint8 *)s->pixels)[i] = (Uint8)((x = x * 1103515245u + 12345u) >> 16);
        struct rlimit lim;
        getrlimit(RLIMIT_FSIZE, &lim);
        lim.rlim_cur = 1024;
        signal(SIGXFSZ, SIG_IGN);
        if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
            _exit(3);
        Err err = {0};
        int rc = png_save(s, path, 1, &err);
        _exit(rc == -1 && err.code == TC_ERR_IO && strstr(err.msg, "shot.png") &&
                      strstr(err.msg, "File too large")
                  ? 0
                  : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(access(path, F_OK), -1);
    assert_int_equal(rmdir(d), 0); /* empty: no temp file left either */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_replace_and_keep_existing),
        cmocka_unit_test(test_a_screenshot_on_a_full_disk_fails_and_leaves_nothing),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    IMG_Quit();
    SDL_Quit();
    return rc;
}
