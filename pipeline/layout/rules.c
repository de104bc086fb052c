/*
 * rules.c - finds printed rules: thin straight lines, horizontal (cutoff
 * rules between articles and bands) and vertical (column rules).
 *
 * A morphological opening with a long thin brick keeps only runs of ink at
 * least as long as the brick; its connected components thicker than
 * max_thick are solid areas (photos, reversed banners), not rules.  The
 * bars and serifs of very large type (a masthead's "T", "E", "H") pass that
 * test too; they are told apart by the glyph they belong to (see
 * drop_glyph_strokes).
 */
#include "layout.h"

#include "../base/base.h"
#include "../image/image.h"

#include <math.h>
#include <stdlib.h>

int bs_at_dpi(int px300, int dpi)
{
    int v = (int)lround((double)px300 * (dpi > 0 ? dpi : 300) / 300.0);
    return v < 1 ? 1 : v;
}

/* Components of `lines` (an opening: only long runs are left) that are
 * thin: their mean thickness (ink over length) is at most max_thick and
 * they are at least 20 times as long, and that stand apart from the type
 * around them unless they are at least long_len long (stands_apart).  The mean, not the box's short side,
 * because a rule printed or scanned a little askew or bent keeps its
 * thickness while its box grows with the tilt; the box may still be only a
 * few thicknesses plus a 1-in-30 slope across, so solid areas do not pass.
 * *kept (when asked for) gets the image of the components kept. */
/* Share of inked pixels of pix in the rectangle (clipped to the image);
 * 0 for an empty one. */
static double ink_share(PIX *pix, int x, int y, int w, int h)
{
    int pw = pixGetWidth(pix), ph = pixGetHeight(pix);
    l_int32 n = 0;
    BOX *b;

    if (x < 0) {
        w += x;
        x = 0;
    }
    if (y < 0) {
        h += y;
        y = 0;
    }
    w = x + w > pw ? pw - x : w;
    h = y + h > ph ? ph - y : h;
    if (w <= 0 || h <= 0)
        return 0;
    b = boxCreate(x, y, w, h);
    pixCountPixelsInRect(pix, b, &n, NULL);
    boxDestroy(&b);
    return (double)n / ((double)w * h);
}

/* True when a candidate is white on both sides along its length in ink
 * (the ink connected to the candidates, less the long runs themselves: the
 * other line of a double rule is no text): a rule stands apart from the
 * type around it, while the run along the tops of a word of bold type,
 * whose letters touch there, has the letters' bodies right under it. */
static int stands_apart(PIX *ink, int x, int y, int w, int h, int thick,
                        int horizontal)
{
    int t = thick > 2 ? thick : 2;
    double a, b;

    if (horizontal) {
        a = ink_share(ink, x, y - 1 - t, w, t);
        b = ink_share(ink, x, y + h + 1, w, t);
    } else {
        a = ink_share(ink, x - 1 - t, y, t, h);
        b = ink_share(ink, x + w + 1, y, t, h);
    }
    return a < 0.3 && b < 0.3;
}

static BOXA *thin_boxes(PIX *lines, PIX *ink, int max_thick, int long_len,
                        int horizontal, PIX **kept)
{
    PIX *rest = pixSubtract(NULL, ink, lines);
    struct bs_comps cc;
    BOXA *out = boxaCreate(8);
    long *area;
    unsigned char *keep;

    if (kept)
        *kept = NULL;
    if (bs_comps_find(lines, &cc) < 0) {
        bs_comps_release(&cc);
        return out;
    }
    area = calloc((size_t)cc.n + 1, sizeof(*area));
    keep = calloc((size_t)cc.n + 1, 1);
    if (!area || !keep)
        bs_oom();
    for (int r = 0; r < cc.nruns; r++)
        area[cc.runs[r].comp] += cc.runs[r].x1 - cc.runs[r].x0;
    for (int i = 0; i < cc.n; i++) {
        int w = cc.x1[i] - cc.x0[i], h = cc.y1[i] - cc.y0[i];
        int len = horizontal ? w : h, across = horizontal ? h : w;
        double thick = (double)area[i] / len;
        if (thick <= max_thick && len >= 20 * thick &&
            across <= 3 * max_thick + len / 30 &&
            (len >= long_len ||
             stands_apart(rest ? rest : ink, cc.x0[i], cc.y0[i], w, h,
                          (int)(thick + 0.5), horizontal))) {
            keep[i] = 1;
            boxaAddBox(out, boxCreate(cc.x0[i], cc.y0[i], w, h), L_INSERT);
        }
    }
    if (kept)
        *kept = bs_comps_render(&cc, lines, keep);
    pixDestroy(&rest);
    free(area);
    free(keep);
    bs_comps_release(&cc);
    return out;
}

/* Removes from `boxes` (half-resolution) the strokes of large glyphs: a
 * candidate whose connected component in `ink` (the page's ink at half
 * resolution, only the components that hold a candidate) reaches far across
 * the stroke, is no longer than a few times that reach and is dense is a
 * letter's bar or serif.  A rule touching text keeps its length (an
 * underline brushing descenders is many times longer than the glyphs are
 * tall), and a rule that is a box's side keeps its sparseness (a frame's
 * bounding box is nearly empty). */
static void drop_glyph_strokes(BOXA *boxes, PIX *ink, int horizontal)
{
    BOXA *comps = pixConnComp(ink, NULL, 8);
    int n = comps ? boxaGetCount(comps) : 0;

    for (int i = boxaGetCount(boxes) - 1; i >= 0 && n > 0; i--) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
        int len = horizontal ? w : h, thick = horizontal ? h : w;
        int cx = x + w / 2, cy = y + h / 2, best = -1;
        l_int32 bx, by, bw, bh, count = 0;
        /* its component: the smallest holding its centre (a frame's box
         * also holds whatever it frames) */
        for (int j = 0; j < n; j++) {
            l_int32 jx, jy, jw, jh, bw0, bh0;
            boxaGetBoxGeometry(comps, j, &jx, &jy, &jw, &jh);
            if (cx < jx || cx >= jx + jw || cy < jy || cy >= jy + jh)
                continue;
            if (best >= 0) {
                boxaGetBoxGeometry(comps, best, NULL, NULL, &bw0, &bh0);
                if ((long)jw * jh >= (long)bw0 * bh0)
                    continue;
            }
            best = j;
        }
        if (best < 0)
            continue;
        boxaGetBoxGeometry(comps, best, &bx, &by, &bw, &bh);
        {
            int across = horizontal ? bh : bw;
            BOX *cb = boxCreate(bx, by, bw, bh);
            pixCountPixelsInRect(ink, cb, &count, NULL);
            boxDestroy(&cb);
            if (across > 4 * thick && len < 3 * across &&
                count > 0.15 * (double)bw * bh)
                boxaRemoveBox(boxes, i);
        }
    }
    boxaDestroy(&comps);
}

/* Boxes of a half-resolution image, in full-resolution pixels. */
static void boxaScale2(BOXA *boxes)
{
    for (int i = 0; i < boxaGetCount(boxes); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(boxes, i, &x, &y, &w, &h);
        boxaReplaceBox(boxes, i, boxCreate(2 * x, 2 * y, 2 * w, 2 * h));
    }
}

/* Joins collinear pieces of one rule (a worn or slightly bent rule comes
 * out of the opening in pieces): same line within max_thick, gap shorter
 * than `gap`.  Modifies boxes in place. */
static void join_pieces(BOXA *boxes, int max_thick, int gap, int horizontal)
{
    int joined = 1;

    while (joined) {
        joined = 0;
        for (int i = 0; i < boxaGetCount(boxes) && !joined; i++)
            for (int j = i + 1; j < boxaGetCount(boxes) && !joined; j++) {
                l_int32 a[4], b[4];
                int p0, p1, q0, q1, ca, cb;
                boxaGetBoxGeometry(boxes, i, &a[0], &a[1], &a[2], &a[3]);
                boxaGetBoxGeometry(boxes, j, &b[0], &b[1], &b[2], &b[3]);
                /* p: along the rule, c: across it */
                p0 = horizontal ? a[0] : a[1];
                p1 = p0 + (horizontal ? a[2] : a[3]);
                q0 = horizontal ? b[0] : b[1];
                q1 = q0 + (horizontal ? b[2] : b[3]);
                ca = horizontal ? a[1] + a[3] / 2 : a[0] + a[2] / 2;
                cb = horizontal ? b[1] + b[3] / 2 : b[0] + b[2] / 2;
                if (abs(ca - cb) > max_thick || q0 - p1 > gap || p0 - q1 > gap)
                    continue;
                {
                    BOX *ba = boxaGetBox(boxes, i, L_CLONE);
                    BOX *bb = boxaGetBox(boxes, j, L_CLONE);
                    BOX *u = boxBoundingRegion(ba, bb);
                    boxDestroy(&ba);
                    boxDestroy(&bb);
                    boxaReplaceBox(boxes, i, u);
                    boxaRemoveBox(boxes, j);
                    joined = 1;
                }
            }
    }
}

int bs_find_rules(PIX *bin, int min_len, int max_thick, BOXA **hrules,
                  BOXA **vrules, PIX **mask)
{
    PIX *h, *v, *half, *seeds, *ink, *hk = NULL, *vk = NULL;

    if (hrules)
        *hrules = NULL;
    if (vrules)
        *vrules = NULL;
    if (mask)
        *mask = NULL;
    if (!bin || pixGetDepth(bin) != 1 || !hrules || !vrules || min_len < 2)
        return ERROR_INT("bad arguments", __func__, -1);
    /* at half resolution (a pixel is on when any of its four is): a
     * quarter of the work, and a 1 px rule survives */
    half = pixReduceRankBinary2(bin, 1, NULL);
    h = half ? pixOpenCompBrick(NULL, half, min_len / 2, 1) : NULL;
    v = half ? pixOpenCompBrick(NULL, half, 1, min_len / 2) : NULL;
    /* the ink connected to any candidate: what its glyph test looks at */
    seeds = h && v ? pixOr(NULL, h, v) : NULL;
    ink = seeds ? pixSeedfillBinary(NULL, seeds, half, 8) : NULL;
    pixDestroy(&seeds);
    pixDestroy(&half);
    if (!h || !v || !ink) {
        pixDestroy(&h);
        pixDestroy(&v);
        pixDestroy(&ink);
        return ERROR_INT("opening failed", __func__, -1);
    }
    /* half-resolution lengths: three times the shortest rule is longer
     * than any word, so type touching it on both sides (an underline
     * through descenders) does not make it text */
    *hrules = thin_boxes(h, ink, max_thick / 2 + 1, 3 * min_len / 2, 1,
                         mask ? &hk : NULL);
    *vrules = thin_boxes(v, ink, max_thick / 2 + 1, 3 * min_len / 2, 0,
                         mask ? &vk : NULL);
    drop_glyph_strokes(*hrules, ink, 1);
    drop_glyph_strokes(*vrules, ink, 0);
    pixDestroy(&ink);
    boxaScale2(*hrules);
    boxaScale2(*vrules);
    join_pieces(*hrules, max_thick, min_len / 2, 1);
    join_pieces(*vrules, max_thick, min_len / 2, 0);
    if (mask) {
        /* The ink of the rules kept, along the rule however it bends:
         * their opened pixels at full size, grown by 2 px (antialiased
         * and ragged edges), within the rules' boxes (a glyph's stroke
         * dropped above is not a rule). */
        PIX *m = pixCreateTemplate(bin), *both = NULL, *full = NULL;
        BOXA *sets[2] = {*hrules, *vrules};
        if (hk && vk)
            both = pixOr(NULL, hk, vk);
        if (both)
            full = pixExpandReplicate(both, 2);
        if (full)
            pixDilateBrick(full, full, 5, 5);
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < boxaGetCount(sets[k]); i++) {
                l_int32 x, y, w, hh;
                boxaGetBoxGeometry(sets[k], i, &x, &y, &w, &hh);
                pixRasterop(m, x - 2, y - 2, w + 4, hh + 4, PIX_SET, NULL, 0,
                            0);
            }
        if (full) {
            /* full is the half image doubled: a row or column short of an
             * odd-sized page, where no rule is kept */
            PIX *fit = pixCreateTemplate(bin);
            if (fit) {
                pixRasterop(fit, 0, 0, pixGetWidth(full), pixGetHeight(full),
                            PIX_SRC, full, 0, 0);
                pixAnd(m, m, fit);
            }
            pixDestroy(&fit);
        }
        pixAnd(m, m, bin);
        pixDestroy(&both);
        pixDestroy(&full);
        *mask = m;
    }
    pixDestroy(&hk);
    pixDestroy(&vk);
    pixDestroy(&h);
    pixDestroy(&v);
    return 0;
}
