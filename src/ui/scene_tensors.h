/* scene_tensors.h - the scene's tensors as values: presets, the default
 * example, resizing, a hash that recognises the example (scene_tensors.c).
 * Functions of tensors only: they know no Scene.
 *
 *     Tensor x = {0}, w = {0};
 *     make_default_tensors(&spec, &x, &w, &err);   // the example, or presets
 *     fill_preset(&w, PRESET_ARANGE);
 */
#ifndef TCVIZ_SCENE_TENSORS_H
#define TCVIZ_SCENE_TENSORS_H

#include "core/layer.h"
#include "core/status.h"
#include "core/tensor.h"

typedef enum {
    PRESET_CUSTOM = 0, /* the default example, loaded or edited data */
    PRESET_ONES,
    PRESET_ARANGE,
    PRESET_RANDOM,
    PRESET_IDENTITY,
    PRESET_COUNT
} Preset;

/* Flat index of the element whose coordinates are vals, named by letters
 * ("NCHW": vals[0] is n, ...), in t's own layout. */
size_t tensor_index_of(const Tensor *t, const char *letters, const int *vals);
const char *preset_name(Preset p);
int fill_preset(Tensor *t, Preset p);
int make_default_tensors(const LayerSpec *spec, Tensor *x, Tensor *w, Err *err);
/* FNV-1a over a tensor's layout, dims and values: the panel says
 * "x: example" while x still equals the generated example. */
unsigned long long tensor_hash(const Tensor *t);
/* dst = src at a new H x W: regenerated from the preset, or (custom data)
 * the overlapping values kept and new cells zero. */
int data_resize_spatial(const Tensor *src, int nh, int nw, Preset p, Tensor *dst, Err *err);
/* scene_check_limits is public: ui/scene_edit.h. */

#endif
