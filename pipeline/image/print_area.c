/*
 * print_area.c - the print area of a page: the rectangle its type is set
 * in.  A newspaper page is type inside a white margin; ink found in the
 * margin beyond the type (the scanner's bed or cover, a dark page edge, a
 * shadow, a strip of the facing page) is not the page's, and a layout that
 * takes it for a column reads every row of the first column as one line.
 *
 * The type is found as glyphs of body size; across the page they make
 * broad runs of x (the columns), while a border is a narrow run at the
 * left or right edge, parted from the type by white: such end runs are
 * trimmed.  Head and foot are left whole (folios and feet are single
 * lines of type).
 */
#include "image.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

/* The x-range [*x0, *x1) of the runs of prof[0..n) (nonzero entries) that
 * are not narrow runs at either end: a run at an end that is under
 * min_run wide and parted from the rest by a gap of at least min_gap is
 * trimmed, repeatedly, and so is one at the image's edge (within
 * edge_gap of it) under edge_run wide behind a gap of edge_gap (the dark
 * edge of the sheet, just beside the type).  Returns 0, or -1 when nothing is left. */
static int trim_ends(const long *prof, int n, int min_run, int min_gap,
                     int edge_run, int edge_gap, int *x0, int *x1)
{
    int lo = 0, hi = n;

    for (;;) {
        int a, b, c;
        while (lo < hi && !prof[lo])
            lo++;
        while (hi > lo && !prof[hi - 1])
            hi--;
        if (lo >= hi)
            return -1;
        /* the first run and the gap after it */
        for (a = lo; a < hi && prof[a]; a++)
            ;
        for (b = a; b < hi && !prof[b]; b++)
            ;
        if (b < hi && ((a - lo < min_run && b - a >= min_gap) ||
                       (lo < edge_gap && a - lo < edge_run && b - a >= edge_gap))) {
            lo = b;
            continue;
        }
        /* the last run and the gap before it */
        for (a = hi; a > lo && prof[a - 1]; a--)
            ;
        for (c = a; c > lo && !prof[c - 1]; c--)
            ;
        if (c > lo && ((hi - a < min_run && a - c >= min_gap) ||
                       (hi > n - edge_gap && hi - a < edge_run &&
                        a - c >= edge_gap))) {
            hi = c;
            continue;
        }
        break;
    }
    *x0 = lo;
    *x1 = hi;
    return 0;
}

int bs_print_area(const struct bs_comps *cc, const struct bs_type_size *t,
                  int width, int height, struct bs_box *area)
{
    long *px;
    int xh = (int)(t->x_height + 0.5), pitch = (int)(t->line_pitch + 0.5);
    int x0, x1, nglyph = 0;

    *area = (struct bs_box){0, 0, width, height};
    if (xh < 3 || pitch < xh || width <= 0 || height <= 0)
        return -1;
    px = calloc((size_t)width + 1, sizeof(*px));
    if (!px)
        bs_oom();
    /* body glyphs: the measured height, give or take a third */
    for (int c = 0; c < cc->n; c++) {
        int w = cc->x1[c] - cc->x0[c], h = cc->y1[c] - cc->y0[c];
        if (3 * h < 2 * xh || 3 * h > 4 * xh || w > 3 * h || 4 * w < h)
            continue;
        for (int x = cc->x0[c]; x < cc->x1[c]; x++)
            px[x]++;
        nglyph++;
    }
    /* A column of type is at least a dozen x-heights wide (a few words);
     * a border strip is narrower and parted from the type by white over a
     * line pitch wide.  Only the sides are trimmed: at the head and foot a
     * single line of type (a folio, a running foot) is the page's. */
    if (nglyph < 100 || trim_ends(px, width, 12 * xh, pitch, 2 * pitch,
                                  xh / 2, &x0, &x1) < 0) {
        free(px);
        return -1;
    }
    free(px);
    *area = (struct bs_box){x0, 0, x1 - x0, height};
    return 0;
}
