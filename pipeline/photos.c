/*
 * photos.c - finds photos: halftones, drawings and other solid picture
 * areas, which must be kept out of OCR.
 *
 * At quarter resolution (OR-reduced) a halftone's dots merge into a solid
 * area while text keeps the white between its lines; an opening removes the
 * text and the strokes of big type.  A picture is a remaining component
 * with both sides at least min_side that fills its bounding box (photos are
 * rectangles) and holds many small dots (large glyphs hold few).
 */
#include "layout_parts.h"

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
