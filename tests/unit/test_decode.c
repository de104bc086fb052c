/*
 * test_decode.c - broadsheet's PNG and JPEG decoders
 * (pipeline/image/decode_*.c) give the same grey pixels as Leptonica's
 * readers did before them, on the fixture pages and the odd formats of
 * fixtures/bad/ (16-bit, palette, JPEG); and refuse what they must with one
 * message naming the file.
 * Run from the repository root (tests/run.sh does).
 */
#include "check.h"

#include "../../pipeline/image/decode.h"
#include "../../pipeline/image/image.h"

#include <unistd.h>

/* The grey image Leptonica's own reader gives (the path image.c took for
 * every format before decode.h). */
static PIX *leptonica_gray(const char *path)
{
    PIX *raw = pixRead(path), *nocmap, *gray;

    if (!raw)
        return NULL;
    nocmap = pixGetColormap(raw)
                 ? pixRemoveColormap(raw, REMOVE_CMAP_BASED_ON_SRC)
                 : pixClone(raw);
    pixDestroy(&raw);
    switch (pixGetDepth(nocmap)) {
    case 8: gray = pixClone(nocmap); break;
    case 16: gray = pixConvert16To8(nocmap, L_MS_BYTE); break;
    case 32: gray = pixConvertRGBToLuminance(nocmap); break;
    default: gray = pixConvertTo8(nocmap, FALSE); break;
    }
    pixDestroy(&nocmap);
    return gray;
}

/* Our reader keeps a 1-bit file 1-bit; blown up to 8-bit grey it must be
 * the pixels Leptonica's reader gives. */
static void same_as_leptonica(const char *path)
{
    struct bs_error err;
    PIX *ours = NULL, *ours8 = NULL, *theirs = leptonica_gray(path);
    PIX *raw = pixRead(path);
    int dpi, same = 0;

    CHECK(bs_image_read_scan(path, 0, 250000000LL, &ours, &dpi, &err) == 0);
    CHECK(theirs != NULL && raw != NULL);
    if (ours && raw && !pixGetColormap(raw))
        CHECK(pixGetDepth(ours) == (pixGetDepth(raw) == 1 ? 1 : 8));
    if (ours)
        ours8 = pixGetDepth(ours) == 1 ? pixConvertTo8(ours, FALSE)
                                       : pixClone(ours);
    if (ours8 && theirs)
        pixEqual(ours8, theirs, &same);
    if (!same)
        fprintf(stderr, "%s: pixels differ from Leptonica's reader\n", path);
    CHECK(same);
    pixDestroy(&ours);
    pixDestroy(&ours8);
    pixDestroy(&theirs);
    pixDestroy(&raw);
}

/* 1-bit and RGB(A) PNGs and an RGB JPEG, written here with Leptonica. */
static void test_written(void)
{
    PIX *page = pixRead("fixtures/pages/en-2col.png"), *bin, *rgb;
    char path[64];

    CHECK(page != NULL);
    if (!page)
        return;
    bin = pixThresholdToBinary(page, 128);
    rgb = pixCreate(97, 61, 32);
    for (int y = 0; y < 61; y++)
        for (int x = 0; x < 97; x++)
            pixSetRGBPixel(rgb, x, y, (x * 7) & 255, (y * 11) & 255,
                           (x * y) & 255);
    snprintf(path, sizeof path, "/tmp/bs-test-decode-%d.png", (int)getpid());
    CHECK(pixWrite(path, bin, IFF_PNG) == 0);
    same_as_leptonica(path);
    CHECK(pixWrite(path, rgb, IFF_PNG) == 0);
    same_as_leptonica(path);
    pixSetSpp(rgb, 4);  /* RGBA: alpha is dropped */
    CHECK(pixWrite(path, rgb, IFF_PNG) == 0);
    same_as_leptonica(path);
    pixSetSpp(rgb, 3);
    snprintf(path, sizeof path, "/tmp/bs-test-decode-%d.jpg", (int)getpid());
    CHECK(pixWrite(path, rgb, IFF_JFIF_JPEG) == 0);
    same_as_leptonica(path);
    unlink(path);
    snprintf(path, sizeof path, "/tmp/bs-test-decode-%d.png", (int)getpid());
    unlink(path);
    pixDestroy(&rgb);
    pixDestroy(&bin);
    pixDestroy(&page);
}

static void test_refusals(void)
{
    struct bs_error err;
    PIX *pix = NULL;
    int dpi;

    CHECK(bs_decode_png("fixtures/bad/truncated.png", 1000000, &pix, &dpi,
                        &err) < 0);
    CHECK(pix == NULL);
    CHECK(strstr(err.msg, "fixtures/bad/truncated.png: cannot decode") != NULL);
    CHECK(bs_decode_png("fixtures/bad/huge-header.png", 250000000LL, &pix,
                        &dpi, &err) < 0);
    CHECK(strstr(err.msg, "too large (100000x100000") != NULL);
    CHECK(bs_decode_png("fixtures/bad/palette.png", 100, &pix, &dpi,
                        &err) < 0);
    CHECK(strstr(err.msg, "see --max-pixels") != NULL);
    CHECK(bs_decode_jpeg("fixtures/bad/jpeg-named.png", 100, &pix, &dpi,
                         &err) < 0);
    CHECK(strstr(err.msg, "too large (64x64") != NULL);
    CHECK(bs_decode_jpeg("fixtures/bad/text-named.png", 1000000, &pix, &dpi,
                         &err) < 0);
    CHECK(strstr(err.msg, "corrupt JPEG") != NULL);
    CHECK(bs_decode_png("fixtures/bad/no-such.png", 1000000, &pix, &dpi,
                        &err) < 0);
    CHECK(strstr(err.msg, "cannot open") != NULL);
}

int main(int argc, char **argv)
{
    static const char *const files[] = {
        "fixtures/pages/en-2col.png", "fixtures/pages/zh-noisy.png",
        "fixtures/bad/sixteen-bit.png", "fixtures/bad/palette.png",
        "fixtures/bad/all-black.png", "fixtures/bad/jpeg-named.png",
        "fixtures/bad/rotated-90.png", "fixtures/bad/no-text.png"};

    (void)argc;
    bs_image_quiet();
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
        same_as_leptonica(files[i]);
    test_written();
    test_refusals();
    return check_report(argv[0]);
}
