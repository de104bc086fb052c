/*
 * islands.c - finds islands: text set over the gutter between two columns
 * with the columns' own text running on beside it on both sides (a caption
 * centred under a photo the text wraps around, a pull quote, an inset).
 *
 * An island crosses the gutter, so no column of its band holds it; joined
 * to the pieces beside it, as a spanning headline is, it would be read
 * line by line across three texts.  What sets it apart is white: in the
 * rows it fills, a white run at least min_gap wide (a body line height:
 * word spaces are narrower) stands between it and each column's text, down
 * all those rows.  It is looked for in body-sized type only, so a spanning
 * headline never is one, and it must be at least two body lines tall, as
 * the text beside it must be, so one line of a deck whose word spaces happen
 * to be wide is not either.
 */
#include "layout.h"

#include <stdlib.h>

/* The ink box of pix in (x, y, w, h); 0 when there is none. */
static int ink_in(PIX *pix, int x, int y, int w, int h, BOX **out)
{
    BOX *b;
    int ok;

    *out = NULL;
    if (w <= 0 || h <= 0)
        return 0;
    b = boxCreate(x, y, w, h);
    ok = b && pixClipBoxToForeground(pix, b, NULL, out) == 0 && *out;
    boxDestroy(&b);
    return ok;
}

/* The height of box b. */
static int box_h(BOX *b)
{
    l_int32 h = 0;

    boxGetGeometry(b, NULL, NULL, NULL, &h);
    return h;
}

/* Ink per x of pix over the rows [y0, y1) and the columns [x0, x1): a new
 * array of x1 - x0 counts, NULL on failure. */
static l_int32 *ink_by_x(PIX *pix, int x0, int x1, int y0, int y1)
{
    BOX *b = boxCreate(x0, y0, x1 - x0, y1 - y0);
    PIX *clip = b ? pixClipRectangle(pix, b, NULL) : NULL;
    NUMA *na = clip ? pixCountPixelsByColumn(clip) : NULL;
    l_int32 *out = na ? calloc((size_t)(x1 - x0), sizeof(*out)) : NULL;

    for (int i = 0; out && i < numaGetCount(na) && i < x1 - x0; i++)
        numaGetIValue(na, i, &out[i]);
    numaDestroy(&na);
    pixDestroy(&clip);
    boxDestroy(&b);
    return out;
}

/* The first white run at least min_gap wide met walking from index `from`
 * towards `to` (exclusive) in cnt: *near gets its first index on the walk,
 * *far the first ink past it.  0 when the walk reaches `to` first: white
 * up to the edge means no text beside. */
static int white_run(const l_int32 *cnt, int from, int to, int min_gap,
                     int *near, int *far)
{
    int step = to < from ? -1 : 1, run = 0;

    for (int i = from; i != to; i += step) {
        if (cnt[i]) {
            run = 0;
            continue;
        }
        if (++run < min_gap)
            continue;
        *near = i - step * (run - 1);
        while (i != to && !cnt[i])
            i += step;
        if (i == to)
            return 0;
        *far = i;
        return 1;
    }
    return 0;
}

/* Ink per row of pix over the columns [x0, x1) and the rows [y0, y1): a
 * new array of y1 - y0 counts, NULL on failure. */
static l_int32 *ink_by_y(PIX *pix, int x0, int x1, int y0, int y1)
{
    BOX *b = boxCreate(x0, y0, x1 - x0, y1 - y0);
    PIX *clip = b ? pixClipRectangle(pix, b, NULL) : NULL;
    NUMA *na = clip ? pixCountPixelsByRow(clip, NULL) : NULL;
    l_int32 *out = na ? calloc((size_t)(y1 - y0), sizeof(*out)) : NULL;

    for (int i = 0; out && i < numaGetCount(na) && i < y1 - y0; i++)
        numaGetIValue(na, i, &out[i]);
    numaDestroy(&na);
    pixDestroy(&clip);
    boxDestroy(&b);
    return out;
}

/* Grows the rows [*y0, *y1) of an island over the columns [ix0, ix1) of
 * the band's rows [by0, by1) up and down: the gutter-crossing rows that
 * found it miss its lines that do not cross (a short last line, a tall
 * initial).  Rows join while the island's ink goes on with gaps of at most
 * a line height (as between the rows that found it) and the margins beside
 * it, [ix0 - lm, ix0) and [ix1, ix1 + rm), stay white: text running across
 * them is column text. */
static void grow_rows(PIX *text, int ix0, int ix1, int lm, int rm, int by0,
                      int by1, int body_h, int *y0, int *y1)
{
    l_int32 *in = ink_by_y(text, ix0, ix1, by0, by1);
    l_int32 *l = ink_by_y(text, ix0 - lm, ix0, by0, by1);
    l_int32 *r = ink_by_y(text, ix1, ix1 + rm, by0, by1);

    for (int step = -1; in && l && r && step <= 1; step += 2) {
        int y = step < 0 ? *y0 - 1 - by0 : *y1 - by0, last = -1;
        for (int blank = 0; y >= 0 && y < by1 - by0 && blank <= body_h;
             y += step) {
            if (l[y] || r[y])
                break;
            blank = in[y] ? 0 : blank + 1;
            if (in[y])
                last = y;
        }
        if (last >= 0 && step < 0)
            *y0 = by0 + last;
        else if (last >= 0)
            *y1 = by0 + last + 1;
    }
    free(r);
    free(l);
    free(in);
}

/* The island, if any, among rows [y0, y1) of band `band` over the gutter
 * after column c; added to out.  Its sides are found on the rows that
 * cross the gutter and its rows grown from them, then the sides are found
 * again on the grown rows, until they hold (or no longer show: the last
 * sides found stand).  The island owns the inner half of each white run
 * beside it (a tall initial over its first line reaches out past the lines
 * that cross), the column the outer half. */
static void island_at(PIX *text, PIX *body, const struct bs_band *band, int c,
                      int y0, int y1, int body_h, int min_gap, BOXA *out)
{
    int x0 = band->cols[c].x0, x1 = band->cols[c + 1].x1;
    int mid = (band->cols[c].x1 + band->cols[c + 1].x0) / 2 - x0;
    int ix0 = -1, ix1 = -1;
    BOX *isl = NULL;

    for (int pass = 0; pass < 3; pass++) {
        l_int32 *cnt = ink_by_x(body, x0, x1, y0, y1);
        BOX *left = NULL, *right = NULL;
        int lnear, lfar, rnear, rfar, lm, rm, ok, gy0 = y0, gy1 = y1;
        /* white on both sides of the gutter's ink, and column text past
         * it (the walk outwards ends on ink) at least two lines tall */
        ok = cnt && white_run(cnt, mid, -1, min_gap, &lnear, &lfar) &&
             white_run(cnt, mid, x1 - x0, min_gap, &rnear, &rfar) &&
             ink_in(body, x0, y0, lfar + 1, y1 - y0, &left) &&
             ink_in(body, x0 + rfar, y0, x1 - x0 - rfar, y1 - y0, &right) &&
             box_h(left) >= 2 * body_h && box_h(right) >= 2 * body_h;
        boxDestroy(&left);
        boxDestroy(&right);
        free(cnt);
        if (!ok)
            break;
        lm = (lnear - lfar) / 2;
        rm = (rfar - rnear) / 2;
        if (x0 + lfar + 1 + lm == ix0 && x0 + rfar - rm == ix1)
            break;
        ix0 = x0 + lfar + 1 + lm;
        ix1 = x0 + rfar - rm;
        grow_rows(text, ix0, ix1, lm, rm, band->y0, band->y1, body_h, &gy0,
                  &gy1);
        if (gy0 == y0 && gy1 == y1)
            break;
        y0 = gy0;
        y1 = gy1;
    }
    if (ix0 >= 0 && ink_in(text, ix0, y0, ix1 - ix0, y1 - y0, &isl) &&
        box_h(isl) >= 2 * body_h) {
        boxaAddBox(out, isl, L_INSERT);
        isl = NULL;
    }
    boxDestroy(&isl);
}

/* Islands over the gutter after column c of band `band`: runs of rows with
 * ink in the middle half of the gutter, gaps under a line height closed. */
static void gutter_islands(PIX *text, PIX *body, const struct bs_band *band,
                           int c, int body_h, int min_gap, BOXA *out)
{
    int g0 = band->cols[c].x1, g1 = band->cols[c + 1].x0;
    int q = (g1 - g0) / 4, h = band->y1 - band->y0, start = -1, last = -1;
    BOX *b;
    PIX *strip;
    NUMA *rows;

    if (g1 - g0 < 4)
        return;
    b = boxCreate(g0 + q, band->y0, g1 - g0 - 2 * q, h);
    strip = b ? pixClipRectangle(body, b, NULL) : NULL;
    rows = strip ? pixCountPixelsByRow(strip, NULL) : NULL;
    for (int y = 0; rows && y <= h; y++) {
        l_int32 v = 0;
        if (y < h && y < numaGetCount(rows))
            numaGetIValue(rows, y, &v);
        if (v > 0) {
            if (start < 0)
                start = y;
            last = y;
            continue;
        }
        if (start >= 0 && (y == h || y - last > body_h)) {
            if (last + 1 - start >= 2 * body_h)
                island_at(text, body, band, c, band->y0 + start,
                          band->y0 + last + 1, body_h, min_gap, out);
            start = -1;
        }
    }
    numaDestroy(&rows);
    pixDestroy(&strip);
    boxDestroy(&b);
}

BOXA *bs_find_islands(PIX *text, PIX *body, const struct bs_page *page,
                      int body_h, int min_gap)
{
    BOXA *out;

    if (!text || !body || !page || body_h < 1 || min_gap < 1)
        return (BOXA *)ERROR_PTR("bad arguments", __func__, NULL);
    out = boxaCreate(2);
    if (!out)
        return (BOXA *)ERROR_PTR("no memory", __func__, NULL);
    for (int bi = 0; bi < page->nbands; bi++)
        for (int c = 0; c + 1 < page->bands[bi].ncols; c++)
            gutter_islands(text, body, &page->bands[bi], c, body_h, min_gap,
                           out);
    return out;
}
