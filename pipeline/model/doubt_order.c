/*
 * doubt_order.c - the reading order of a page read by Tesseract's own page
 * segmentation (model.h): the order Tesseract gave its regions.
 */
#include "model.h"

#include <stdlib.h>

struct placed {
    int block, order, y;
};

/* Tesseract's order first; a block split off a region later (a byline or
 * jump line cut from its first or last line) shares its region's order
 * and goes above or below it by its place on the page. */
static int by_place(const void *pa, const void *pb)
{
    const struct placed *a = pa, *b = pb;
    long ka = a->order >= 0 ? a->order : 1L << 40;
    long kb = b->order >= 0 ? b->order : 1L << 40;

    if (ka != kb)
        return ka < kb ? -1 : 1;
    if (a->y != b->y)
        return a->y < b->y ? -1 : 1;
    return a->block - b->block;
}

int bs_doubt_order(const struct bs_page *page, int *seq)
{
    struct placed *v = bs_malloc(((size_t)page->nblocks + 1) * sizeof(*v));
    int n = 0;

    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        seq[i] = -1;
        if (!bs_role_has_text(b->role) || bs_box_empty(b->box))
            continue;
        v[n].block = i;
        v[n].order = b->order;
        v[n].y = b->box.y;
        n++;
    }
    qsort(v, (size_t)n, sizeof(*v), by_place);
    for (int k = 0; k < n; k++)
        seq[v[k].block] = k;
    free(v);
    return n;
}
