/* drop_file.h - files dropped on the window that the scene does not read
 * itself: PNG/JPEG images (the input) and .npz/.safetensors files named
 * without an array (one array is taken; several are listed).
 *
 *     if (!drop_file_handle(scene, path)) ... let scene_handle_input load it
 */
#ifndef TCVIZ_DROP_FILE_H
#define TCVIZ_DROP_FILE_H

#include "cli/cli_args.h"
#include "ui/scene.h"

/* 1 if the drop was handled here (the outcome is in the scene's message);
 * 0 for every other file, which the scene loads (.npy, FILE.npz:NAME). */
int drop_file_handle(Scene *s, const char *path);

/* State on screen what --input-image became (its size, channels, alpha,
 * resize and scale); nothing without one. */
void drop_file_note_image(Scene *s, const CliLayerArgs *a);

#endif
