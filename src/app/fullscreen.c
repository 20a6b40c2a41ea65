/* fullscreen.c - fullscreen with or without a window manager.
 *
 * SDL asks an X window manager for fullscreen (_NET_WM_STATE) and, at once,
 * reports the display's size as the window's. With no window manager
 * nobody answers: the X window keeps its size while SDL (and so the layout
 * and the GL viewport) uses the display's, and part of the frame is cut
 * off. X itself resizes and moves windows without a manager, so there the
 * window is made borderless and placed over its display directly; the
 * size SDL then reports comes from the X server, and so does the place
 * the window goes back to. */
#include "app/fullscreen.h"

#if defined(TCVIZ_X11) && !defined(__EMSCRIPTEN__)
#include <SDL_syswm.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>

/* 1 on an X server where no EWMH window manager runs: the root window has
 * no _NET_SUPPORTING_WM_CHECK (the property every such manager sets). */
static int x11_without_manager(SDL_Window *win)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(win, &info) || info.subsystem != SDL_SYSWM_X11)
        return 0;
    Display *d = info.info.x11.display;
    Atom check = XInternAtom(d, "_NET_SUPPORTING_WM_CHECK", True);
    if (check == None)
        return 1;
    Atom type;
    int format;
    unsigned long n = 0, after;
    unsigned char *data = NULL;
    int found = XGetWindowProperty(d, DefaultRootWindow(d), check, 0, 1, False, XA_WINDOW, &type,
                                   &format, &n, &after, &data) == Success &&
                data && n == 1;
    if (data)
        XFree(data);
    return !found;
}

/* The window's place on the root window as the X server has it. SDL's own
 * record can be stale: it drops a move to (0, 0) made by another client
 * (xdotool, a kiosk script) when no earlier move reached it. */
static void x11_position(SDL_Window *win, int *x, int *y)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(win, &info) || info.subsystem != SDL_SYSWM_X11)
        return;
    Display *d = info.info.x11.display;
    Window child;
    int rx, ry;
    if (XTranslateCoordinates(d, info.info.x11.window, DefaultRootWindow(d), 0, 0, &rx, &ry,
                              &child)) {
        *x = rx;
        *y = ry;
    }
}
#else
static int x11_without_manager(SDL_Window *win)
{
    (void)win;
    return 0;
}

static void x11_position(SDL_Window *win, int *x, int *y)
{
    (void)win;
    (void)x;
    (void)y;
}
#endif

int fullscreen_toggle(Fullscreen *fs, SDL_Window *win, Err *err)
{
    if (fs->covering) { /* back to the window's own place */
        SDL_SetWindowBordered(win, SDL_TRUE);
        SDL_SetWindowSize(win, fs->saved.w, fs->saved.h);
        SDL_SetWindowPosition(win, fs->saved.x, fs->saved.y);
        fs->covering = 0;
        return 0;
    }
    Uint32 on = SDL_GetWindowFlags(win) & SDL_WINDOW_FULLSCREEN_DESKTOP;
    if (on || !x11_without_manager(win)) {
        if (SDL_SetWindowFullscreen(win, on ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP) != 0)
            return err_fail(err, TC_ERR_IO, "fullscreen failed: %s", SDL_GetError());
        return 0;
    }
    SDL_Rect b;
    int display = SDL_GetWindowDisplayIndex(win);
    if (SDL_GetDisplayBounds(display < 0 ? 0 : display, &b) != 0)
        return err_fail(err, TC_ERR_IO, "fullscreen failed: %s", SDL_GetError());
    SDL_GetWindowPosition(win, &fs->saved.x, &fs->saved.y);
    x11_position(win, &fs->saved.x, &fs->saved.y);
    SDL_GetWindowSize(win, &fs->saved.w, &fs->saved.h);
    SDL_SetWindowBordered(win, SDL_FALSE);
    SDL_SetWindowPosition(win, b.x, b.y);
    SDL_SetWindowSize(win, b.w, b.h);
    fs->covering = 1;
    return 0;
}
