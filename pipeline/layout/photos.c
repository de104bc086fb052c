/*
 * photos.c - finds photos: halftones, drawings and other solid picture
 * areas, which must be kept out of OCR.
 *
 * At quarter resolution (OR-reduced) a halftone's dots merge into a solid
 * area while text keeps the white between its lines; an opening removes the
 * text and the strokes of big type.  A picture is a remaining component
 * with both sides at least min_side that fills its bounding box (photos are
 * rectangles) and holds many small dots (large glyphs hold few).  Drawings
 * and line-screened pictures that are mostly white are found instead as
 * clusters of many short straight strokes (what the rule finder reports
 * for hatching).  Engravings and woodcuts (a masthead's vignette) are
 * found as single components, photo-sized, enclosing many holes: their
 * hatching does, while a letter, however large, encloses a few counters.
 */
#include "layout.h"

#include "../base/base.h"
#include "../image/image.h"

#include <stdlib.h>

#define ENGRAVING_HOLES 20

BOXA *bs_find_photos(PIX *bin, int min_side)
{
    PIX *red, *open;
    BOXA *comps, *out;
    PIXA *pixa = NULL;
    int k;

    if (!bin || pixGetDepth(bin) != 1 || min_side < 8)
        return (BOXA *)ERROR_PTR("bad arguments", __func__, NULL);
    red = pixReduceRankBinaryCascade(bin, 1, 1, 0, 0);
    if (!red)
        return (BOXA *)ERROR_PTR("reduction failed", __func__, NULL);
    k = min_side / 16;
    if (k < 3)
        k = 3;
    open = pixOpenBrick(NULL, red, k, k);
    pixDestroy(&red);
    if (!open)
        return (BOXA *)ERROR_PTR("opening failed", __func__, NULL);
    comps = pixConnComp(open, &pixa, 8);
    out = boxaCreate(4);
    for (int i = 0; comps && i < boxaGetCount(comps); i++) {
        l_int32 x, y, w, h, on = 0;
        PIX *c = pixaGetPix(pixa, i, L_CLONE);
        BOX *full;
        pixCountPixels(c, &on, NULL);
        pixDestroy(&c);
        boxaGetBoxGeometry(comps, i, &x, &y, &w, &h);
        if (w * 4 < min_side || h * 4 < min_side ||
            on < 0.8 * (double)w * h)
            continue;
        full = boxCreate(x * 4, y * 4, w * 4, h * 4);
        {
            /* many small dots, or solid tone: not a few large glyphs */
            PIX *clip = pixClipRectangle(bin, full, NULL);
            struct bs_comps dots;
            l_int32 ink = 0;
            double area = (double)w * h * 16;
            int ndots = clip && bs_comps_find(clip, &dots) == 0 ? dots.n : 0;
            if (clip) {
                bs_comps_release(&dots);
                pixCountPixels(clip, &ink, NULL);
            }
            pixDestroy(&clip);
            if (ndots * 4000.0 < area && ink < 0.9 * area) {
                boxDestroy(&full);
                continue;
            }
        }
        boxaAddBox(out, full, L_INSERT);
    }
    boxaDestroy(&comps);
    pixaDestroy(&pixa);
    pixDestroy(&open);
    return out;
}

/* Rules of the cluster component c: count, short ones, and their union. */
static void cluster_stats(BOXA *rules, BOX *c, int short_len, int *n,
                          int *nshort, BOX **u)
{
    *n = *nshort = 0;
    *u = NULL;
    for (int i = 0; i < boxaGetCount(rules); i++) {
        BOX *r = boxaGetBox(rules, i, L_CLONE);
        l_int32 w, h, inside = 0;
        boxGetGeometry(r, NULL, NULL, &w, &h);
        boxContains(c, r, &inside);
        if (inside) {
            BOX *nu = *u ? boxBoundingRegion(*u, r) : boxCopy(r);
            boxDestroy(u);
            *u = nu;
            (*n)++;
            *nshort += (w > h ? w : h) < short_len;
        }
        boxDestroy(&r);
    }
}

/* How far pixDilateCompBrick(size, size) carries a pixel each way (left,
 * top, right, bottom): a composite brick may be a little larger than
 * asked, so it is measured on one dot.  -1 on failure. */
static int brick_reach(int size, int reach[4])
{
    int s = 3 * size + 8, c = s / 2, rc = -1;
    PIX *dot = pixCreate(s, s, 1), *grown = NULL;
    BOX *fg = NULL;

    if (dot && pixSetPixel(dot, c, c, 1) == 0)
        grown = pixDilateCompBrick(NULL, dot, size, size);
    if (grown && pixClipBoxToForeground(grown, NULL, NULL, &fg) == 0 && fg) {
        l_int32 x, y, w, h;
        boxGetGeometry(fg, &x, &y, &w, &h);
        reach[0] = c - x;
        reach[1] = c - y;
        reach[2] = x + w - 1 - c;
        reach[3] = y + h - 1 - c;
        rc = 0;
    }
    boxDestroy(&fg);
    pixDestroy(&grown);
    pixDestroy(&dot);
    return rc;
}

/* A cluster of grown rules: its box [x0, x1) x [y0, y1) and the first
 * pixel in raster order (fy, fx), which orders clusters as pixConnComp
 * orders components. */
struct cluster {
    int x0, y0, x1, y1, fy, fx;
};

static int cmp_cluster(const void *a, const void *b)
{
    const struct cluster *p = a, *q = b;
    return p->fy != q->fy ? (p->fy > q->fy) - (p->fy < q->fy)
                          : (p->fx > q->fx) - (p->fx < q->fx);
}

static int root(int *uf, int i)
{
    while (uf[i] != i)
        i = uf[i] = uf[uf[i]];
    return i;
}

/* The 8-connected components of the rules of `rules` painted into an
 * image of w x h and dilated by pixDilateCompBrick(size, size), as boxes
 * in pixConnComp's order.  The union of grown rectangles is worked out
 * from the rectangles: the same boxes as dilating the page image, without
 * touching a pixel.  NULL on failure. */
static BOXA *grown_clusters(BOXA *rules, int w, int h, int size)
{
    int n = boxaGetCount(rules), reach[4], nc = 0, *uf;
    struct cluster *r, *c;
    BOXA *out;

    if (brick_reach(size, reach) < 0)
        return NULL;
    r = malloc(((size_t)n + 1) * sizeof(*r));
    c = malloc(((size_t)n + 1) * sizeof(*c));
    uf = malloc(((size_t)n + 1) * sizeof(*uf));
    if (!r || !c || !uf)
        bs_oom();
    for (int i = 0; i < n; i++) {
        l_int32 x, y, bw, bh;
        boxaGetBoxGeometry(rules, i, &x, &y, &bw, &bh);
        /* painted (clipped to the image), then grown (clipped again) */
        r[i].x0 = x < 0 ? 0 : x;
        r[i].y0 = y < 0 ? 0 : y;
        r[i].x1 = x + bw > w ? w : x + bw;
        r[i].y1 = y + bh > h ? h : y + bh;
        uf[i] = i;
        if (r[i].x0 >= r[i].x1 || r[i].y0 >= r[i].y1) {
            uf[i] = -1;  /* nothing painted */
            continue;
        }
        r[i].x0 = r[i].x0 - reach[0] < 0 ? 0 : r[i].x0 - reach[0];
        r[i].y0 = r[i].y0 - reach[1] < 0 ? 0 : r[i].y0 - reach[1];
        r[i].x1 = r[i].x1 + reach[2] > w ? w : r[i].x1 + reach[2];
        r[i].y1 = r[i].y1 + reach[3] > h ? h : r[i].y1 + reach[3];
        r[i].fy = r[i].y0;
        r[i].fx = r[i].x0;
    }
    /* touching or overlapping (corners included) rectangles are one */
    for (int i = 0; i < n; i++)
        for (int j = i + 1; uf[i] >= 0 && j < n; j++)
            if (uf[j] >= 0 && r[j].x0 <= r[i].x1 && r[i].x0 <= r[j].x1 &&
                r[j].y0 <= r[i].y1 && r[i].y0 <= r[j].y1) {
                int a = root(uf, i), b = root(uf, j);
                uf[a > b ? a : b] = a < b ? a : b;
            }
    for (int i = 0; i < n; i++) {
        struct cluster *k;
        if (uf[i] < 0)
            continue;
        if (root(uf, i) == i) {
            c[nc] = r[i];
            r[i].fy = nc++;  /* the cluster's index, for its members */
            continue;
        }
        k = &c[r[root(uf, i)].fy];
        k->x0 = r[i].x0 < k->x0 ? r[i].x0 : k->x0;
        k->x1 = r[i].x1 > k->x1 ? r[i].x1 : k->x1;
        if (r[i].y0 < k->fy || (r[i].y0 == k->fy && r[i].x0 < k->fx)) {
            k->fy = r[i].y0;
            k->fx = r[i].x0;
        }
        k->y0 = r[i].y0 < k->y0 ? r[i].y0 : k->y0;
        k->y1 = r[i].y1 > k->y1 ? r[i].y1 : k->y1;
    }
    qsort(c, (size_t)nc, sizeof(*c), cmp_cluster);
    out = boxaCreate(nc > 0 ? nc : 1);
    for (int i = 0; i < nc; i++)
        boxaAddBox(out, boxCreate(c[i].x0, c[i].y0, c[i].x1 - c[i].x0,
                                  c[i].y1 - c[i].y0), L_INSERT);
    free(uf);
    free(c);
    free(r);
    return out;
}

BOXA *bs_find_drawn_photos(PIX *bin, BOXA *rules, int min_len, int min_side)
{
    BOXA *comps, *out;
    int reach = min_len / 3;

    if (!bin || !rules || min_len < 2)
        return (BOXA *)ERROR_PTR("bad arguments", __func__, NULL);
    out = boxaCreate(2);
    {
        int nshort = 0;
        for (int i = 0; i < boxaGetCount(rules); i++) {
            l_int32 w, h;
            boxaGetBoxGeometry(rules, i, NULL, NULL, &w, &h);
            nshort += (w > h ? w : h) < 2 * min_len;
        }
        if (nshort < 8)
            return out;
    }
    comps = grown_clusters(rules, pixGetWidth(bin), pixGetHeight(bin),
                           2 * reach + 1);
    for (int i = 0; comps && i < boxaGetCount(comps); i++) {
        BOX *c = boxaGetBox(comps, i, L_CLONE), *u = NULL;
        int n, nshort;
        l_int32 w, h;
        cluster_stats(rules, c, 2 * min_len, &n, &nshort, &u);
        boxDestroy(&c);
        if (!u)
            continue;
        boxGetGeometry(u, NULL, NULL, &w, &h);
        if (n >= 8 && nshort * 5 >= n * 4 && w >= min_side && h >= min_side)
            boxaAddBox(out, u, L_INSERT);
        else
            boxDestroy(&u);
    }
    boxaDestroy(&comps);
    return out;
}

/* True when big component i of boxes stands in a row of others of its
 * size: two or more neighbours level with it (their rows overlap half the
 * smaller height), of a like height, parted from it by less than its
 * height.  That is a line of display type -- a masthead's black letters,
 * whose thick strokes binarization may hollow into many holes -- not a
 * picture, which stands alone. */
static int in_type_row(BOXA *boxes, int i, int min_side)
{
    l_int32 x, y, w, h;
    int beside = 0;

    boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
    for (int j = 0; j < boxaGetCount(boxes) && beside < 2; j++) {
        l_int32 jx, jy, jw, jh;
        int top, bot, gap;
        if (j == i)
            continue;
        boxaGetBoxGeometry(boxes, j, &jx, &jy, &jw, &jh);
        if (jh < min_side / 2 || 2 * jh < h || jh > 2 * h)
            continue;
        top = y > jy ? y : jy;
        bot = y + h < jy + jh ? y + h : jy + jh;
        gap = jx > x + w ? jx - (x + w) : x > jx + jw ? x - (jx + jw) : 0;
        if (2 * (bot - top) >= (h < jh ? h : jh) && gap < h)
            beside++;
    }
    return beside >= 2;
}

BOXA *bs_find_engravings(BOXA *boxes, PIXA *comps, int min_side)
{
    BOXA *out;
    int n;

    if (!boxes || !comps || min_side < 1)
        return (BOXA *)ERROR_PTR("bad arguments", __func__, NULL);
    out = boxaCreate(2);
    n = boxaGetCount(boxes);
    for (int i = 0; i < n && i < pixaGetCount(comps); i++) {
        l_int32 w, h, holes = 0;
        PIX *c, *filled;
        boxaGetBoxGeometry(boxes, i, NULL, NULL, &w, &h);
        if (w < min_side || h < min_side || in_type_row(boxes, i, min_side))
            continue;
        /* the few big components of a page: the cost is theirs alone */
        c = pixaGetPix(comps, i, L_CLONE);
        filled = c ? pixHolesByFilling(c, 4) : NULL;
        if (filled)
            pixCountConnComp(filled, 4, &holes);
        if (holes >= ENGRAVING_HOLES)
            boxaAddBox(out, boxaGetBox(boxes, i, L_COPY), L_INSERT);
        pixDestroy(&filled);
        pixDestroy(&c);
    }
    return out;
}
