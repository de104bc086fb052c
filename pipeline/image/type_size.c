/*
 * type_size.c - the size of a page's body type, measured on its ink: the
 * commonest glyph height (the x-height of Latin type, the character height
 * of Chinese), the pitch of its lines and the width of its strokes.
 *
 * Every length the stages use is derived from these, never from the
 * resolution a scanner wrote into the file: scanners and the tools after
 * them write tags relative to an A4 sheet, or 72, or nothing.  Body type is
 * what a newspaper holds most of, so the commonest glyph is a body glyph
 * whatever the headlines, photos or noise around it.
 *
 * Work is a few passes over the page's connected components (no pixel is
 * copied), so it costs a fraction of binarization.
 */
#include "image.h"

#include "../base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GLYPH 400     /* px: taller components are no body glyphs */
#define MIN_GLYPHS 200    /* fewer letter-like components: not measured */

/* A letter-like component: its box and ink. */
struct glyph {
    int cx, cy, h;
    int bucket;   /* cx / bucket width, for the pitch search */
};

/* Glyphs by column bucket, then top to bottom. */
static int cmp_glyph(const void *pa, const void *pb)
{
    const struct glyph *a = pa, *b = pb;
    if (a->bucket != b->bucket)
        return a->bucket < b->bucket ? -1 : 1;
    return a->cy < b->cy ? -1 : a->cy > b->cy;
}

/* The index of the largest value of hist[lo..hi), smoothed over three
 * bins so a peak split between two neighbours still wins; -1 when all are
 * zero. */
static int smoothed_mode(const long *hist, int lo, int hi)
{
    long best = 0;
    int at = -1;

    for (int i = lo; i < hi; i++) {
        long v = 2 * hist[i] + (i > 0 ? hist[i - 1] : 0) +
                 (i + 1 < hi ? hist[i + 1] : 0);
        if (v > best) {
            best = v;
            at = i;
        }
    }
    return at;
}

/* The mean of hist around bin m (m-2..m+2): a sub-pixel estimate. */
static float centre_of(const long *hist, int n, int m)
{
    double s = 0, w = 0;

    for (int i = m - 2; i <= m + 2; i++) {
        if (i < 0 || i >= n)
            continue;
        s += (double)i * hist[i];
        w += (double)hist[i];
    }
    return w > 0 ? (float)(s / w) : (float)m;
}

/* First glyph of bucket b in g[0..n) (sorted by cmp_glyph) whose centre
 * is at least y, or n. */
static int first_at(const struct glyph *g, int n, int b, int y)
{
    int lo = 0, hi = n;

    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (g[mid].bucket < b || (g[mid].bucket == b && g[mid].cy < y))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Line pitch: for each glyph of body height, the vertical distance to the
 * nearest glyph of body height below it, centred within an x-height of
 * its own centre; the commonest such distance is the distance between two
 * body lines (a word space below gives two lines' distance, rarer).  The
 * glyphs go in buckets an x-height wide, so each search looks at three
 * buckets from a binary search on. */
static float line_pitch(struct glyph *g, int n, int xh)
{
    int lo = xh + xh / 5, hi = 8 * xh + 2, found = 0;
    long *hist = calloc((size_t)hi + 1, sizeof(*hist));
    float pitch = 0;

    if (!hist)
        bs_oom();
    for (int i = 0; i < n; i++)
        g[i].bucket = g[i].cx / xh;
    qsort(g, (size_t)n, sizeof(*g), cmp_glyph);
    for (int i = 0; i < n; i++) {
        int best = hi + 1;
        for (int b = g[i].bucket - 1; b <= g[i].bucket + 1; b++)
            for (int j = first_at(g, n, b, g[i].cy + lo);
                 j < n && g[j].bucket == b && g[j].cy - g[i].cy < best; j++)
                if (abs(g[j].cx - g[i].cx) <= xh) {
                    best = g[j].cy - g[i].cy;
                    break;
                }
        if (best <= hi) {
            hist[best]++;
            found++;
        }
    }
    if (found >= MIN_GLYPHS / 2) {
        int m = smoothed_mode(hist, lo, hi + 1);
        if (m > 0)
            pitch = centre_of(hist, hi + 1, m);
    }
    free(hist);
    return pitch;
}

static int cmp_glyph_cx(const void *pa, const void *pb)
{
    const struct glyph *a = pa, *b = pb;
    return a->cx < b->cx ? -1 : a->cx > b->cx;
}

/* Keeps the glyphs that have a neighbour in their line: one of a like
 * height, level with it, no farther than twice its height to either side.
 * Letters come in words; specks and dirt stand alone.  Returns the number
 * kept (at the front of g). */
static int keep_in_lines(struct glyph *g, int n)
{
    unsigned char *ok = calloc((size_t)n + 1, 1);
    int k = 0;

    if (!ok)
        bs_oom();
    qsort(g, (size_t)n, sizeof(*g), cmp_glyph_cx);
    for (int i = 0; i < n; i++) {
        int reach = 2 * g[i].h + 2;
        for (int j = i + 1; j < n && g[j].cx - g[i].cx <= reach; j++) {
            int h = g[i].h, hj = g[j].h;
            if (2 * hj < h || 2 * h < hj || abs(g[j].cy - g[i].cy) * 2 > h)
                continue;
            if (g[j].cx - g[i].cx <= 2 * hj + 2) {
                ok[i] = ok[j] = 1;
                break;
            }
        }
    }
    for (int i = 0; i < n; i++)
        if (ok[i])
            g[k++] = g[i];
    free(ok);
    return k;
}

int bs_type_measure(PIX *bin, struct bs_type_size *out)
{
    struct bs_comps cc;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!bin || pixGetDepth(bin) != 1)
        return -1;
    rc = bs_comps_find(bin, &cc) < 0 ? -1 : 0;
    if (rc == 0)
        bs_type_measure_comps(&cc, out);
    bs_comps_release(&cc);
    return rc;
}

void bs_type_measure_comps(const struct bs_comps *ccp, struct bs_type_size *out)
{
    const struct bs_comps cc = *ccp;
    long *area = NULL, hh[MAX_GLYPH + 1], runs[MAX_GLYPH + 1];
    struct glyph *g = NULL;
    int ng = 0, xh;

    memset(out, 0, sizeof(*out));
    area = calloc((size_t)cc.n + 1, sizeof(*area));
    g = malloc(((size_t)cc.n + 1) * sizeof(*g));
    if (!area || !g)
        bs_oom();
    for (int r = 0; r < cc.nruns; r++)
        area[cc.runs[r].comp] += cc.runs[r].x1 - cc.runs[r].x0;
    memset(hh, 0, sizeof(hh));
    /* letter-like: not a speck, not a rule, not a picture, neither nearly
     * empty (a frame) nor nearly solid (a blot), and no round or square
     * solid dot (a halftone's dots, specks, full stops: a letter's
     * counters and gaps leave it well under 0.7 of its box) */
    for (int c = 0; c < cc.n; c++) {
        int w = cc.x1[c] - cc.x0[c], h = cc.y1[c] - cc.y0[c];
        double fill = (double)area[c] / ((double)w * h);
        int squarish = 5 * w >= 3 * h && 5 * h >= 3 * w;
        if (h < 4 || w < 2 || h > MAX_GLYPH || w > MAX_GLYPH || w > 3 * h ||
            h > 4 * w || fill < 0.12 || fill > 0.92 ||
            (squarish && fill > 0.7))
            continue;
        g[ng++] = (struct glyph){(cc.x0[c] + cc.x1[c]) / 2,
                                 (cc.y0[c] + cc.y1[c]) / 2, h, 0};
    }
    ng = keep_in_lines(g, ng);
    for (int i = 0; i < ng; i++)
        hh[g[i].h]++;
    xh = ng >= MIN_GLYPHS ? smoothed_mode(hh, 4, MAX_GLYPH + 1) : -1;
    if (xh > 0) {
        int k = 0;
        out->x_height = centre_of(hh, MAX_GLYPH + 1, xh);
        out->glyphs = ng;
        /* strokes: the commonest run across a body glyph */
        memset(runs, 0, sizeof(runs));
        for (int r = 0; r < cc.nruns; r++) {
            int c = cc.runs[r].comp, h = cc.y1[c] - cc.y0[c];
            int len = cc.runs[r].x1 - cc.runs[r].x0;
            if (h >= xh - xh / 4 && h <= xh + xh / 4 && len <= MAX_GLYPH &&
                cc.x1[c] - cc.x0[c] <= 3 * h)
                runs[len]++;
        }
        {
            int m = smoothed_mode(runs, 1, MAX_GLYPH + 1);
            out->stroke = m > 0 ? centre_of(runs, MAX_GLYPH + 1, m) : 0;
        }
        /* the pitch is measured between glyphs of body height only, so
         * that headlines and captions do not blur it */
        for (int i = 0; i < ng; i++)
            if (g[i].h >= xh - xh / 4 && g[i].h <= xh + xh / 4)
                g[k++] = g[i];
        out->line_pitch = line_pitch(g, k, xh);
    }
    free(area);
    free(g);
}
