/* overlap.c - the checkerboard map: how many (input element, kernel tap)
 * products land on each cell of the scatter canvas. Uneven counts (kernel
 * size not a multiple of the stride) are what produce checkerboard artifacts. */
#include "trace.h"

#include <string.h>

void overlap_full(const ConvGeom *g, int *counts)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    memset(counts, 0, (size_t)ah->full * aw->full * sizeof *counts);
    for (int i = 0; i < ah->conv_out; i++)
        for (int j = 0; j < aw->conv_out; j++)
            for (int a = 0; a < ah->k; a++)
                for (int b = 0; b < aw->k; b++)
                    counts[(size_t)(i * ah->stride + a * ah->dil) * aw->full + j * aw->stride +
                           b * aw->dil]++;
}

void overlap_output(const ConvGeom *g, int *counts)
{
    const AxisGeom *ah = &g->h, *aw = &g->w;
    memset(counts, 0, (size_t)ah->conv_in * aw->conv_in * sizeof *counts);
    for (int i = 0; i < ah->conv_out; i++)
        for (int j = 0; j < aw->conv_out; j++)
            for (int a = 0; a < ah->k; a++)
                for (int b = 0; b < aw->k; b++) {
                    int oy, ox;
                    if (geom_full_to_out(ah, i * ah->stride + a * ah->dil, &oy) &&
                        geom_full_to_out(aw, j * aw->stride + b * aw->dil, &ox))
                        counts[(size_t)oy * aw->conv_in + ox]++;
                }
}
