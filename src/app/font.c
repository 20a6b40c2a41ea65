/* font.c - find the monospace font: --font, else tcviz's own copy, else
 * fontconfig.
 *
 * The layout was tuned with DejaVu Sans Mono (its digits and the symbols the
 * ui prints: · ° ² ᵀ), so tcviz ships it in assets/fonts/ and draws with it
 * first: windows, exports and pixel tests then look the same on every
 * machine. Without that file (a copied binary without its share/ folder),
 * fontconfig is asked for DejaVu Sans Mono by name, then any monospace face;
 * fontconfig always "matches" something, so the result is checked to be a
 * readable file. */
#include "app/font.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

#include "io/install_dir.h"

static int readable(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    unsigned char b;
    int ok = fread(&b, 1, 1, f) == 1;
    fclose(f);
    return ok;
}

/* The file fontconfig picks for pattern, copied to out; 0 when none fits. */
static int match(FcConfig *cfg, const char *pattern, char *out, size_t cap)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (!pat)
        return 0;
    FcConfigSubstitute(cfg, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res = FcResultNoMatch;
    FcPattern *found = FcFontMatch(cfg, pat, &res);
    FcPatternDestroy(pat);
    int ok = 0;
    FcChar8 *file = NULL;
    int spacing = 0;
    if (found && res == FcResultMatch &&
        FcPatternGetString(found, FC_FILE, 0, &file) == FcResultMatch && file) {
        /* A proportional fallback would break the fixed-pitch layout of
         * numbers in cells; accept only mono (or unknown spacing, which
         * some fonts leave unset). */
        int mono = FcPatternGetInteger(found, FC_SPACING, 0, &spacing) != FcResultMatch ||
                   spacing >= FC_MONO;
        size_t n = strlen((const char *)file);
        if (mono && n < cap && readable((const char *)file)) {
            memcpy(out, file, n + 1);
            ok = 1;
        }
    }
    if (found)
        FcPatternDestroy(found);
    return ok;
}

static int fc_loaded;

void font_release(void)
{
    if (fc_loaded)
        FcFini();
    fc_loaded = 0;
}

int font_find(const char *override, char *out, size_t cap, Err *err)
{
    if (override) {
        if (!*override)
            return err_fail(err, TC_ERR_ARG, "--font: empty path");
        if (!readable(override))
            return err_fail(err, TC_ERR_IO, "--font: cannot read font file '%s'", override);
        if (strlen(override) >= cap)
            return err_fail(err, TC_ERR_ARG, "--font: path too long");
        memcpy(out, override, strlen(override) + 1);
        return 0;
    }
    char own[4096];
    install_dir("assets", own, sizeof own);
    size_t len = strlen(own);
    int n = snprintf(own + len, sizeof own - len, "/fonts/DejaVuSansMono.ttf");
    if (n > 0 && (size_t)n < sizeof own - len && readable(own) && strlen(own) < cap) {
        memcpy(out, own, strlen(own) + 1);
        return 0;
    }
    if (!FcInit())
        return err_fail(err, TC_ERR_IO,
                        "fontconfig failed to initialise; install fonts-dejavu-core or pass "
                        "--font FILE.ttf");
    fc_loaded = 1;
    FcConfig *cfg = FcConfigGetCurrent();
    int ok = match(cfg, "DejaVu Sans Mono:style=Book", out, cap) ||
             match(cfg, "monospace", out, cap);
    if (!ok)
        return err_fail(err, TC_ERR_IO,
                        "no monospace font found through fontconfig (looked for 'DejaVu Sans "
                        "Mono', then 'monospace'); install fonts-dejavu-core or pass --font "
                        "FILE.ttf");
    return 0;
}
