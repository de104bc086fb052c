/*
 * test_layout_equiv.c - the layout helpers that were made fast against the
 * plain pixel versions they replaced: the same boxes in the same order on
 * random pages.
 */
#include "check.h"
#include "../../pipeline/layout/layout.h"

#include <stdlib.h>

static unsigned seed = 7;

static int rnd(int n)
{
    seed = seed * 1103515245u + 12345u;
    return (int)((seed >> 16) % (unsigned)n);
}

/* The drawn-photo finder as it was: rules painted into a page image,
 * dilated, and its components. */
static void ref_cluster_stats(BOXA *rules, BOX *c, int short_len, int *n,
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

static BOXA *ref_drawn_photos(PIX *bin, BOXA *rules, int min_len,
                              int min_side)
{
    int reach = min_len / 3;
    BOXA *out = boxaCreate(2), *comps;
    PIX *mask = pixCreateTemplate(bin), *grown;

    for (int i = 0; i < boxaGetCount(rules); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(rules, i, &x, &y, &w, &h);
        pixRasterop(mask, x, y, w, h, PIX_SET, NULL, 0, 0);
    }
    grown = pixDilateCompBrick(NULL, mask, 2 * reach + 1, 2 * reach + 1);
    comps = pixConnComp(grown, NULL, 8);
    for (int i = 0; comps && i < boxaGetCount(comps); i++) {
        BOX *c = boxaGetBox(comps, i, L_CLONE), *u = NULL;
        int n, nshort;
        l_int32 w, h;
        ref_cluster_stats(rules, c, 2 * min_len, &n, &nshort, &u);
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

static int same_boxes(BOXA *a, BOXA *b)
{
    if (!a || !b || boxaGetCount(a) != boxaGetCount(b))
        return 0;
    for (int i = 0; i < boxaGetCount(a); i++) {
        l_int32 p[4], q[4];
        boxaGetBoxGeometry(a, i, &p[0], &p[1], &p[2], &p[3]);
        boxaGetBoxGeometry(b, i, &q[0], &q[1], &q[2], &q[3]);
        if (p[0] != q[0] || p[1] != q[1] || p[2] != q[2] || p[3] != q[3])
            return 0;
    }
    return 1;
}

/* Clusters of short strokes (hatching), a few long rules, some strokes
 * off the page's edge. */
static void test_drawn_photos(void)
{
    static const int min_lens[] = {40, 64, 107, 120, 160};
    int found = 0;

    for (int t = 0; t < 40; t++) {
        int w = 600 + rnd(900), h = 600 + rnd(900);
        int min_len = min_lens[t % 5], nclusters = 1 + rnd(4);
        PIX *bin = pixCreate(w, h, 1);
        BOXA *rules = boxaCreate(16), *want, *got;
        for (int k = 0; k < nclusters; k++) {
            int cx = rnd(w), cy = rnd(h), span = 100 + rnd(300);
            int n = 4 + rnd(20);
            for (int i = 0; i < n; i++) {
                int len = 10 + rnd(2 * min_len), horiz = rnd(2);
                int x = cx - span / 2 + rnd(span), y = cy - span / 2 + rnd(span);
                x = x < -1 ? -1 : x;  /* partly off the page at most */
                y = y < -1 ? -1 : y;
                boxaAddBox(rules, boxCreate(x, y, horiz ? len : 2,
                                            horiz ? 2 : len), L_INSERT);
            }
        }
        for (int i = rnd(3); i > 0; i--)
            boxaAddBox(rules, boxCreate(rnd(w / 4), rnd(h), w / 2, 3),
                       L_INSERT);
        {
            int min_side = 60 + (t * 37) % 120;
            want = ref_drawn_photos(bin, rules, min_len, min_side);
            got = bs_find_drawn_photos(bin, rules, min_len, min_side);
        }
        {
            /* bs_find_drawn_photos skips pages with fewer than 8 short
             * strokes; the reference does not */
            int nshort = 0;
            for (int i = 0; i < boxaGetCount(rules); i++) {
                l_int32 bw, bh;
                boxaGetBoxGeometry(rules, i, NULL, NULL, &bw, &bh);
                nshort += (bw > bh ? bw : bh) < 2 * min_len;
            }
            if (nshort >= 8) {
                CHECK(same_boxes(want, got));
                found += boxaGetCount(want);
            }
        }
        boxaDestroy(&want);
        boxaDestroy(&got);
        boxaDestroy(&rules);
        pixDestroy(&bin);
    }
    CHECK(found >= 10);  /* the pages had drawings to find */
}

int main(int argc, char **argv)
{
    setLeptDebugOK(0);
    test_drawn_photos();
    return check_report(argv[0]);
}
