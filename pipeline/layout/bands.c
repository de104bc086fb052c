/*
 * bands.c - cuts the page into horizontal bands, each with its own column
 * structure (6 columns above a cutoff rule, 4 below; a masthead across the
 * whole width).
 *
 * A band ends at a horizontal rule spanning nearly the whole inked width of
 * the page.  Rules between two articles inside a band are shorter and do not
 * cut it.
 */
#include "layout.h"

#include <stdlib.h>

#define BAND_RULE_SPAN 0.85

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* Rows [*top, *bottom) of text ink within [y0, y1); 0 when none. */
static int ink_rows(PIX *text, int y0, int y1, int *top, int *bottom)
{
    BOX *b = boxCreate(0, y0, pixGetWidth(text), y1 - y0), *fg = NULL;
    int ok = pixClipBoxToForeground(text, b, NULL, &fg) == 0 && fg;

    if (ok) {
        l_int32 y, h;
        boxGetGeometry(fg, NULL, &y, NULL, &h);
        *top = y;
        *bottom = y + h;
    }
    boxDestroy(&fg);
    boxDestroy(&b);
    return ok;
}

/* True when rows [y0, y1) hold mostly large type (a masthead with its
 * ornaments): less than a third of the ink is body-sized; or, for a short
 * band at the top of the page (where a masthead sits beside its ears, the
 * small boxes of contents, price and weather), less than two thirds. */
static int display(PIX *text, PIX *body, int y0, int y1)
{
    BOX *b = boxCreate(0, y0, pixGetWidth(text), y1 - y0);
    l_int32 all = 0, small = 0;
    int h = pixGetHeight(text);

    pixCountPixelsInRect(text, b, &all, NULL);
    pixCountPixelsInRect(body, b, &small, NULL);
    boxDestroy(&b);
    if (y0 < h / 5 && y1 < h / 3)
        return small * 3 < all * 2;
    return small * 3 < all;
}

/* True when the widest column is over three times the narrowest: columns
 * of a newspaper band are near equal. */
static int uneven(const struct bs_band *band)
{
    int lo = band->cols[0].x1 - band->cols[0].x0, hi = lo;

    for (int c = 1; c < band->ncols; c++) {
        int w = band->cols[c].x1 - band->cols[c].x0;
        lo = w < lo ? w : lo;
        hi = w > hi ? w : hi;
    }
    return hi > 3 * lo;
}

void bs_find_bands(struct bs_page *page, PIX *text, PIX *body, BOXA *hrules,
                   const struct bs_profile *p, int body_h)
{
    int h = pixGetHeight(text), n = boxaGetCount(hrules), ncuts = 0;
    int *cuts = calloc((size_t)n + 2, sizeof(*cuts));
    int inked_w, min_gutter = bs_at_dpi(p->min_gutter_px, bs_page_res(page));
    BOX *all = NULL;

    if (!cuts)
        bs_oom();
    if (pixClipBoxToForeground(text, NULL, NULL, &all) != 0 || !all) {
        free(cuts);
        return; /* a blank page: no bands */
    }
    boxGetGeometry(all, NULL, NULL, &inked_w, NULL);
    boxDestroy(&all);
    cuts[ncuts++] = 0;
    for (int i = 0; i < n; i++) {
        l_int32 y, w, rh;
        boxaGetBoxGeometry(hrules, i, NULL, &y, &w, &rh);
        if (w >= BAND_RULE_SPAN * inked_w)
            cuts[ncuts++] = y + rh / 2;
    }
    cuts[ncuts++] = h;
    qsort(cuts, (size_t)ncuts, sizeof(*cuts), cmp_int);
    for (int i = 0; i + 1 < ncuts; i++) {
        int top, bottom, strip;
        struct bs_band *band;
        if (!ink_rows(text, cuts[i], cuts[i + 1], &top, &bottom))
            continue;
        band = bs_page_add_band(page, top, bottom);
        /* a masthead or folio strip is one column, whatever its spacing,
         * over all its ink (a masthead's body-sized ink may be a dot) */
        strip = bottom - top < 8 * body_h || display(text, body, top, bottom);
        if (!strip)
            bs_find_columns(body, top, bottom, min_gutter, p->max_columns,
                            6 * body_h, band);
        if (band->ncols > 1 && uneven(band)) {
            /* a masthead with its ornaments, not columns of text */
            int x0 = band->cols[0].x0, x1 = band->cols[band->ncols - 1].x1;
            band->ncols = 0;
            bs_band_add_col(band, x0, x1);
        }
        if (band->ncols == 0) {
            /* a strip, or only large type: one column over its ink */
            BOX *r = boxCreate(0, top, pixGetWidth(text), bottom - top);
            BOX *fg = NULL;
            if (pixClipBoxToForeground(text, r, NULL, &fg) == 0 && fg) {
                l_int32 x, w;
                boxGetGeometry(fg, &x, NULL, &w, NULL);
                bs_band_add_col(band, x, x + w);
            }
            boxDestroy(&fg);
            boxDestroy(&r);
        }
    }
    free(cuts);
}
