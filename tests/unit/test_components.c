/*
 * test_components.c - the run-based component finder against Leptonica's
 * own: the same boxes, and bs_select_by_size picks the same pixels as
 * pixSelectBySize, on random noise of several densities and odd widths
 * (pad bits, runs reaching the last word) and on a fixture page.
 */
#include "check.h"
#include "../../pipeline/image/image.h"

#include <stdlib.h>

static PIX *noise(int w, int h, int permille, unsigned seed)
{
    PIX *pix = pixCreate(w, h, 1);

    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            seed = seed * 1103515245u + 12345u;
            if ((int)((seed >> 16) % 1000) < permille)
                pixSetPixel(pix, x, y, 1);
        }
    return pix;
}

/* Same pixels as Leptonica for every type and relation. */
static void check_same_selection(PIX *pix, int width, int height)
{
    static const int types[] = {L_SELECT_WIDTH, L_SELECT_HEIGHT,
                                L_SELECT_IF_EITHER, L_SELECT_IF_BOTH};
    static const int rels[] = {L_SELECT_IF_LT, L_SELECT_IF_GT,
                               L_SELECT_IF_LTE, L_SELECT_IF_GTE};

    for (int t = 0; t < 4; t++)
        for (int r = 0; r < 4; r++) {
            PIX *want = pixSelectBySize(pix, width, height, 8, types[t],
                                        rels[r], NULL);
            PIX *got = bs_select_by_size(pix, width, height, types[t],
                                         rels[r]);
            l_int32 same = 0;
            CHECK(want && got);
            if (want && got)
                pixEqual(want, got, &same);
            CHECK(same);
            pixDestroy(&want);
            pixDestroy(&got);
        }
}

/* Same number of components and the same boxes (as a set). */
static void check_same_boxes(PIX *pix)
{
    struct bs_comps cc;
    BOXA *want = pixConnComp(pix, NULL, 8);
    int n = want ? boxaGetCount(want) : -1, found = 0;
    char *seen;

    CHECK(bs_comps_find(pix, &cc) == 0);
    CHECK(cc.n == n);
    seen = calloc((size_t)cc.n + 1, 1);
    for (int i = 0; seen && i < n && cc.n == n; i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(want, i, &x, &y, &w, &h);
        for (int c = 0; c < cc.n; c++)
            if (!seen[c] && cc.x0[c] == x && cc.y0[c] == y &&
                cc.x1[c] == x + w && cc.y1[c] == y + h) {
                seen[c] = 1;
                found++;
                break;
            }
    }
    CHECK(found == n);
    free(seen);
    boxaDestroy(&want);
    bs_comps_release(&cc);
}

static void test_noise(void)
{
    static const int widths[] = {1, 31, 32, 33, 95, 130};
    static const int dens[] = {50, 300, 550, 900};

    for (int i = 0; i < 6; i++)
        for (int d = 0; d < 4; d++) {
            PIX *pix = noise(widths[i], 47, dens[d], (unsigned)(i * 7 + d));
            check_same_boxes(pix);
            check_same_selection(pix, 3, 2);
            check_same_selection(pix, 1, 5);
            pixDestroy(&pix);
        }
}

static void test_empty_and_full(void)
{
    PIX *pix = pixCreate(70, 9, 1);

    check_same_selection(pix, 3, 3);
    pixSetAll(pix);
    check_same_boxes(pix);
    check_same_selection(pix, 3, 3);
    pixDestroy(&pix);
    CHECK(bs_select_by_size(NULL, 3, 3, L_SELECT_IF_BOTH,
                            L_SELECT_IF_LT) == NULL);
}

static void test_page(const char *path)
{
    PIX *pix = pixRead(path), *bin;

    if (!pix)
        return;
    bin = pixGetDepth(pix) == 1 ? pixClone(pix)
                                : pixConvertTo1(pix, 128);
    check_same_boxes(bin);
    {
        PIX *want = pixSelectBySize(bin, 3, 3, 8, L_SELECT_IF_EITHER,
                                    L_SELECT_IF_GTE, NULL);
        PIX *got = bs_select_by_size(bin, 3, 3, L_SELECT_IF_EITHER,
                                     L_SELECT_IF_GTE);
        l_int32 same = 0;
        pixEqual(want, got, &same);
        CHECK(same);
        pixDestroy(&want);
        pixDestroy(&got);
    }
    pixDestroy(&bin);
    pixDestroy(&pix);
}

int main(int argc, char **argv)
{
    setLeptDebugOK(0);
    test_noise();
    test_empty_and_full();
    test_page("fixtures/pages/en-2col.png");
    return check_report(argv[0]);
}
