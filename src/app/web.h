/* web.h - the browser build's side of the window (web_*.c, compiled only
 * with Emscripten): main() reads the page's link, window.c calls these
 * around its frames, and the page's script (web/tcviz-glue.js) calls the
 * exported web_* functions for files, drops and paste.
 *
 *     web_ready(scene);               // once, before the first frame
 *     ... each drawn frame: web_after_frame(scene, requests) ...
 */
#ifndef TCVIZ_WEB_H
#define TCVIZ_WEB_H

#include "ui/scene.h"

/* Where downloads are staged: files written here (Ctrl+S, F12) are handed
 * to the browser as downloads and removed. The working directory. */
#define WEB_OUT_DIR "/out"
/* Where opened and dropped files are put. */
#define WEB_IN_DIR "/in"

/* The scene exists: go to the step the link asked for. */
void web_ready(Scene *s);
/* After a frame was drawn: keep the page's link current, hand written files
 * to the browser, copy to its clipboard. */
void web_after_frame(Scene *s, const SceneRequests *req);

/* Set by main(): the step the link names, as the window counts it (a
 * lesson's from 1, the timeline's from 0; -1: none), and whether it is a
 * lesson's step. */
void web_set_pending_step(int step, int lesson);

#endif
