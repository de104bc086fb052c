/*
 * bands.c - cuts the page into horizontal bands, each with its own column
 * structure (6 columns above a cutoff rule, 4 below; a masthead across the
 * whole width).
 *
 * A band ends at a horizontal rule spanning nearly the whole width of the
 * page's type.  Rules between two articles inside a band are shorter and do not
 * cut it.
 */
#include "layout.h"
#include "../image/image.h"

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

/* The first row after the last one of rows [y0, y1) that holds a letter
 * of the masthead's title: a glyph at least min_h tall and at least 0.4
 * of the tallest (capitals and small letters of the title, not its
 * subtitle or the ears' type); y0 when none. */
static int large_type_end(PIX *text, int y0, int y1, int min_h)
{
    BOX *b = boxCreate(0, y0, pixGetWidth(text), y1 - y0);
    PIX *t = pixClipRectangle(text, b, NULL);
    BOXA *comps = t ? pixConnComp(t, NULL, 8) : NULL;
    int n = comps ? boxaGetCount(comps) : 0, tallest = 0, end = y0;

    for (int i = 0; i < n; i++) {
        l_int32 h;
        boxaGetBoxGeometry(comps, i, NULL, NULL, NULL, &h);
        tallest = h > tallest ? h : tallest;
    }
    if (tallest * 2 > 5 * min_h)
        min_h = tallest * 2 / 5;
    for (int i = 0; i < n; i++) {
        l_int32 y, h;
        boxaGetBoxGeometry(comps, i, NULL, &y, NULL, &h);
        if (h >= min_h && y0 + y + h > end)
            end = y0 + y + h;
    }
    boxaDestroy(&comps);
    pixDestroy(&t);
    boxDestroy(&b);
    return end;
}

/* Gives band its columns: one over its ink for a strip of display type or
 * a few lines, else from white space (min_rows: the least height that is
 * columns).  ears: the small type beside a masthead, boxes of any widths
 * parted by wide white (not the narrow gaps of a price table inside a
 * box). */
static void band_columns(PIX *text, PIX *body, struct bs_band *band,
                         int strip, int min_gutter, int max_cols,
                         int min_rows, int ears)
{
    if (!strip)
        bs_find_columns(body, band->y0, band->y1, min_gutter, max_cols,
                        min_rows, band);
    if (band->ncols > 1 && !ears && uneven(band)) {
        /* a masthead with its ornaments, not columns of text */
        int x0 = band->cols[0].x0, x1 = band->cols[band->ncols - 1].x1;
        band->ncols = 0;
        bs_band_add_col(band, x0, x1);
    }
    if (band->ncols == 0) {
        /* a strip, or only large type: one column over its ink */
        BOX *r = boxCreate(0, band->y0, pixGetWidth(text),
                           band->y1 - band->y0);
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

/* Width of the x-range that holds all but 1% of body's ink on each side:
 * the type's width, not that of a speck or a smudge in the margin. */
static int type_width(PIX *body)
{
    NUMA *na = pixCountPixelsByColumn(body);
    int n = na ? numaGetCount(na) : 0, x0 = 0, x1 = n;
    double total = 0, acc = 0;

    for (int x = 0; x < n; x++) {
        l_float32 v;
        numaGetFValue(na, x, &v);
        total += v;
    }
    for (x0 = 0; x0 < n; x0++) {
        l_float32 v;
        numaGetFValue(na, x0, &v);
        if ((acc += v) > 0.01 * total)
            break;
    }
    acc = 0;
    for (x1 = n; x1 > x0; x1--) {
        l_float32 v;
        numaGetFValue(na, x1 - 1, &v);
        if ((acc += v) > 0.01 * total)
            break;
    }
    numaDestroy(&na);
    return x1 - x0;
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
    {
        /* against the type's width: ink in the margins does not make a
         * rule across the page any shorter */
        int tw = type_width(body);
        if (tw > 0 && tw < inked_w)
            inked_w = tw;
    }
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
        /* a masthead or folio strip is one column, whatever its spacing,
         * over all its ink (a masthead's body-sized ink may be a dot) */
        strip = bottom - top < 8 * body_h || display(text, body, top, bottom);
        if (strip && bottom - top >= 8 * body_h) {
            /* Under a masthead's letters its ears and boxes (prices,
             * imprint, contents) are smaller type set in columns of their
             * own, read column by column: they are a band of their own
             * when at least three lines tall. */
            int end = large_type_end(text, top, bottom,
                                     (int)(p->masthead_ratio * body_h));
            int t2, b2;
            if (end > top && bottom - end >= 3 * body_h &&
                ink_rows(text, end, bottom, &t2, &b2) &&
                ink_rows(body, t2, b2, &t2, &b2)) {
                band = bs_page_add_band(page, top, end);
                band_columns(text, body, band, 1, min_gutter, p->max_columns,
                             6 * body_h, 0);
                band = bs_page_add_band(page, t2, b2);
                band_columns(text, body, band, 0,
                             min_gutter > 3 * body_h ? min_gutter : 3 * body_h,
                             p->max_columns, 3 * body_h, 1);
                continue;
            }
        }
        band = bs_page_add_band(page, top, bottom);
        band_columns(text, body, band, strip, min_gutter, p->max_columns,
                     6 * body_h, 0);
    }
    free(cuts);
}
