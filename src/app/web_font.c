/* web_font.c - the browser build's font: no fontconfig in a tab, so the
 * page's data file carries DejaVu Sans Mono (assets/fonts) at the path the
 * build preloads it to, and --font may name another preloaded file. */
#include "app/font.h"

#include <stdio.h>
#include <string.h>

#ifndef TCVIZ_WEB_FONT
#error "the browser build preloads a font and names it in TCVIZ_WEB_FONT"
#endif

void font_release(void)
{
}

int font_find(const char *override, char *out, size_t cap, Err *err)
{
    const char *path = override ? override : TCVIZ_WEB_FONT;
    FILE *f = fopen(path, "rb");
    if (!f)
        return err_fail(err, TC_ERR_IO, "cannot read the font '%s'", path);
    fclose(f);
    if (strlen(path) >= cap)
        return err_fail(err, TC_ERR_ARG, "font path too long");
    memcpy(out, path, strlen(path) + 1);
    return 0;
}
