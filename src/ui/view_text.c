/* view_text.c - the scene's sentences, asked of the views: the status line
 * from the current view's row, a grid's caption and a cell's tooltip from
 * the row that owns the grid (ui/view.h). Each writes a whole buffer. */
#include "ui/view.h"

const ViewOps *view_owner(const Scene *s, GridId g)
{
    for (int v = 0; v < VIEW_COUNT; v++) {
        const ViewOps *ops = s->views[v];
        if (ops->first_grid != GRID_NONE && g >= ops->first_grid && g <= ops->last_grid)
            return ops;
    }
    return NULL;
}

void text_status(Scene *s, char *buf, size_t cap)
{
    StrBuf o = strbuf_init(buf, cap);
    const ViewOps *ops = view_of(s);
    if (ops->status)
        ops->status(s, &o);
}

void text_tooltip(Scene *s, CellRef cell, char *buf, size_t cap)
{
    StrBuf o = strbuf_init(buf, cap);
    const ViewOps *ops = view_owner(s, cell.grid);
    if (ops && ops->tooltip)
        ops->tooltip(s, cell, &o);
}

void text_caption(const Scene *s, GridId grid, int widest, char *buf, size_t cap)
{
    StrBuf o = strbuf_init(buf, cap);
    const ViewOps *ops = view_owner(s, grid);
    if (ops && ops->caption)
        ops->caption(s, grid, widest, &o);
}
