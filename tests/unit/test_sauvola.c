/*
 * test_sauvola.c - bs_sauvola (pipeline/image/sauvola.c) gives exactly the
 * pixels of Leptonica's pixSauvolaBinarizeTiled, which binarize used
 * before: on a grey fixture page evened out as binarize does, and on small
 * random, striped and flat pages with windows up to the page's own size,
 * any tiling and any factor; and refuses what Leptonica refuses.
 * Run from the repository root (tests/run.sh does).
 */
#include "check.h"

#include "../../pipeline/image/image.h"

#include <stdlib.h>

/* Leptonica's result against ours; prints where they part. */
static void same_as_leptonica(PIX *gray, int whsize, float factor, int nx,
                              int ny)
{
    PIX *theirs = NULL, *ours = bs_sauvola(gray, whsize, factor);
    l_int32 differ = -1;
    int same = 0;

    pixSauvolaBinarizeTiled(gray, whsize, factor, nx, ny, NULL, &theirs);
    CHECK(ours != NULL && theirs != NULL);
    if (ours && theirs) {
        PIX *x = pixXor(NULL, ours, theirs);
        pixCountPixels(x, &differ, NULL);
        pixDestroy(&x);
        same = differ == 0;
    }
    if (!same)
        fprintf(stderr, "%dx%d whsize %d factor %.2f tiles %dx%d: %d pixels "
                "differ\n", pixGetWidth(gray), pixGetHeight(gray), whsize,
                factor, nx, ny, differ);
    CHECK(same);
    pixDestroy(&ours);
    pixDestroy(&theirs);
}

/* A grey fixture page as binarize sees it, at the default window for 300
 * dpi (25) and a small one. */
static void test_page(void)
{
    PIX *page = pixRead("fixtures/pages/en-noisy.png"), *norm;

    CHECK(page != NULL && pixGetDepth(page) == 8);
    if (!page)
        return;
    norm = pixBackgroundNormSimple(page, NULL, NULL);
    CHECK(norm != NULL);
    if (norm) {
        same_as_leptonica(norm, 25, 0.34f, 7, 5);
        same_as_leptonica(norm, 4, 0.2f, 1, 1);
    }
    pixDestroy(&norm);
    pixDestroy(&page);
}

/* Pages of noise, of stripes (high variance, the threshold near the pixel
 * values) and flat grey (variance 0, where truncation is closest to the
 * line), with every whsize the page allows. */
static void test_random(void)
{
    srand(7);
    for (int t = 0; t < 200; t++) {
        int w = 7 + rand() % 90, h = 7 + rand() % 90, kind = t % 3;
        int whsize = 2 + rand() % 20;
        PIX *gray;

        if (w < 2 * whsize + 3 || h < 2 * whsize + 3)
            continue;
        gray = pixCreate(w, h, 8);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                pixSetPixel(gray, x, y,
                            kind == 0   ? (l_uint32)(rand() % 256)
                            : kind == 1 ? ((x / 5 + y / 3) % 2 ? 245u : 10u) +
                                              (l_uint32)(rand() % 8)
                                        : 200u);
        same_as_leptonica(gray, whsize, (float)(rand() % 100) / 100.0f,
                          1 + rand() % 3, 1 + rand() % 3);
        pixDestroy(&gray);
    }
}

static void test_refusals(void)
{
    PIX *gray = pixCreate(20, 20, 8), *bin = pixCreate(20, 20, 1);

    CHECK(bs_sauvola(NULL, 4, 0.3f) == NULL);
    CHECK(bs_sauvola(bin, 4, 0.3f) == NULL);
    CHECK(bs_sauvola(gray, 1, 0.3f) == NULL);
    CHECK(bs_sauvola(gray, 9, 0.3f) == NULL); /* window 19 + 2 > 20 */
    CHECK(bs_sauvola(gray, 4, -0.1f) == NULL);
    pixDestroy(&gray);
    pixDestroy(&bin);
}

int main(int argc, char **argv)
{
    (void)argc;
    bs_image_quiet();
    test_page();
    test_random();
    test_refusals();
    return check_report(argv[0]);
}
