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
#include "layout_parts.h"

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
            BOXA *dots = clip ? pixConnComp(clip, NULL, 8) : NULL;
            l_int32 ink = 0;
            double area = (double)w * h * 16;
            int ndots = dots ? boxaGetCount(dots) : 0;
            if (clip)
                pixCountPixels(clip, &ink, NULL);
            boxaDestroy(&dots);
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

BOXA *bs_find_drawn_photos(PIX *bin, BOXA *rules, int min_len, int min_side)
{
    PIX *mask, *grown;
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
    mask = pixCreateTemplate(bin);
    for (int i = 0; i < boxaGetCount(rules); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(rules, i, &x, &y, &w, &h);
        pixRasterop(mask, x, y, w, h, PIX_SET, NULL, 0, 0);
    }
    grown = pixDilateCompBrick(NULL, mask, 2 * reach + 1, 2 * reach + 1);
    comps = grown ? pixConnComp(grown, NULL, 8) : NULL;
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
    pixDestroy(&grown);
    pixDestroy(&mask);
    return out;
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
        if (w < min_side || h < min_side)
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
