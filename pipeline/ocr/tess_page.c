/*
 * tess_page.c - a whole page read as plain Tesseract reads it: its own
 * layout analysis, then each of its text regions in its reading order.
 *
 * This is the safety net's reading (stages/ocr.c): when layout's result is
 * in doubt, the page is read no worse than `tesseract PAGE out` would.
 */
#include "ocr.h"

#include <stdlib.h>

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* The median height of a block's lines: its text height as layout would
 * have measured it (0 without lines). */
static float median_line_height(const struct bs_block *b)
{
    int *h, n = 0;
    float m;

    if (b->nlines == 0)
        return 0;
    h = bs_malloc((size_t)b->nlines * sizeof(int));
    for (int l = 0; l < b->nlines; l++)
        if (!bs_box_empty(b->lines[l].box))
            h[n++] = b->lines[l].box.h;
    qsort(h, (size_t)n, sizeof(int), cmp_int);
    m = n ? (float)h[n / 2] : 0;
    free(h);
    return m;
}

/* The box of a block's lines, or `fallback` when it has none. */
static struct bs_box lines_box(const struct bs_block *b,
                               struct bs_box fallback)
{
    struct bs_box u = {0, 0, 0, 0};

    for (int l = 0; l < b->nlines; l++)
        u = bs_box_union(u, b->lines[l].box);
    return bs_box_empty(u) ? fallback : u;
}

int bs_tess_read_page(struct bs_tess *tess, const char *lang, PIX *src,
                      int ppi, int psm_layout, int psm_block, int pad,
                      struct bs_page *page, struct bs_error *err)
{
    struct bs_tess_region *r = NULL;
    int n = 0, rc = 0, first = page->nblocks;

    if (bs_tess_regions(tess, lang, src, psm_layout, ppi, pad, &r, &n,
                        err) < 0)
        return -1;
    for (int k = 0; k < n; k++) {
        struct bs_tess_map map = {r[k].x, r[k].y, 1.0};
        struct bs_box box = {r[k].x + pad, r[k].y + pad,
                             (int)pixGetWidth(r[k].pix) - 2 * pad,
                             (int)pixGetHeight(r[k].pix) - 2 * pad};
        struct bs_block *b = bs_page_add_block(page, BS_ROLE_BODY, box);
        int bi = page->nblocks - 1;

        b->order = k; /* Tesseract's reading order */
        if (rc == 0 &&
            bs_tess_read(tess, lang, &r[k].pix, psm_block, ppi, map, b,
                         err) < 0)
            rc = -1;
        pixDestroy(&r[k].pix);
        b = &page->blocks[bi];
        b->box = lines_box(b, b->box);
        b->text_height = median_line_height(b);
    }
    free(r);
    /* regions Tesseract found nothing in are no blocks */
    for (int i = page->nblocks - 1; i >= first; i--)
        if (page->blocks[i].nlines == 0)
            bs_page_remove_block(page, i);
    return rc;
}
