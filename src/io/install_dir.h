/* install_dir.h - where tcviz's own files (the course, the font, the icon)
 * are: beside the binary when it is installed, else the source tree.
 *
 *     char dir[4096];
 *     install_dir("assets", dir, sizeof dir);  // "/usr/local/share/tcviz/assets"
 *
 * The installed layout is <prefix>/bin/tcviz and <prefix>/share/tcviz/<sub>
 * (CMake's install()), found through /proc/self/exe, so a prefix that is
 * moved as a whole still finds its files. A binary run from the build tree
 * has no share/ beside it and uses the source tree compiled in. */
#ifndef TCVIZ_INSTALL_DIR_H
#define TCVIZ_INSTALL_DIR_H

#include <stddef.h>

/* Writes the directory of `sub` ("lessons", "assets") to out: the installed
 * one when it exists, else the source tree's, else `sub` itself (relative to
 * the working directory). */
void install_dir(const char *sub, char *out, size_t cap);

#endif
