/*
 * test_decode.c - broadsheet's PNG and JPEG decoders
 * (pipeline/image/decode_*.c) give the same grey pixels as Leptonica's
 * readers did before them, on the fixture pages and the odd formats of
 * fixtures/bad/ (16-bit, palette, JPEG); that every other format load
 * reads is read the same and refused when cut short; that TIFF
 * orientations and 16-bit grey with alpha come out upright; and that they
 * refuse what they must with one message naming the file.
 * Run from the repository root (tests/run.sh does).
 */
#include "check.h"

#include "../../pipeline/image/decode.h"
#include "../../pipeline/image/image.h"

#include <stdint.h>
#include <stdlib.h>
#include <tiffio.h>
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

/* A crop of a fixture page written by Leptonica in each format
 * Leptonica reads (load takes any of them): read back with the grey
 * pixels Leptonica gives, and refused, one line naming the file, when cut
 * to half or nine tenths of its bytes. */
static void test_formats(void)
{
    static const struct {
        int format;
        const char *ext;
    } kinds[] = {{IFF_GIF, "gif"}, {IFF_BMP, "bmp"}, {IFF_WEBP, "webp"},
                 {IFF_JP2, "jp2"}, {IFF_PNM, "pgm"}, {IFF_TIFF_ZIP, "tif"},
                 {IFF_TIFF_G4, "g4.tif"}, {IFF_JFIF_JPEG, "jpg"},
                 {IFF_PNG, "png"}};
    PIX *page = pixRead("fixtures/pages/en-2col.png"), *crop, *bin, *rgb;
    BOX *box = boxCreate(60, 300, 420, 260);

    CHECK(page != NULL);
    if (!page)
        return;
    crop = pixClipRectangle(page, box, NULL);
    bin = pixThresholdToBinary(crop, 128);
    rgb = pixConvertTo32(crop);
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        char path[96], cut[112];
        PIX *src = kinds[k].format == IFF_TIFF_G4 ? bin
                   : kinds[k].format == IFF_WEBP  ? rgb : crop;
        size_t n;
        l_uint8 *data;

        snprintf(path, sizeof path, "/tmp/bs-test-fmt-%d.%s", (int)getpid(),
                 kinds[k].ext);
        CHECK(pixWrite(path, src, kinds[k].format) == 0);
        same_as_leptonica(path);
        data = l_binaryRead(path, &n);
        CHECK(data != NULL);
        for (int tenths = 5; data && tenths <= 9; tenths += 4) {
            struct bs_error err;
            PIX *pix = NULL;
            int dpi;
            snprintf(cut, sizeof cut, "%s.cut%d.%s", path, tenths,
                     kinds[k].ext);
            l_binaryWrite(cut, "w", data, n * (size_t)tenths / 10);
            CHECK(bs_image_read_scan(cut, 0, 250000000LL, &pix, &dpi,
                                     &err) < 0);
            if (pix)
                fprintf(stderr, "%s: cut to %d/10 was read\n", cut, tenths);
            else
                CHECK(strstr(err.msg, cut) == err.msg &&
                      !strchr(err.msg, '\n'));
            pixDestroy(&pix);
            unlink(cut);
        }
        free(data);
        unlink(path);
    }
    pixDestroy(&rgb);
    pixDestroy(&bin);
    pixDestroy(&crop);
    boxDestroy(&box);
    pixDestroy(&page);
}

/* A w x h TIFF of 8-bit grey (or 16-bit grey with alpha when ga16) with
 * Orientation tag `orient`, sample (x, y) of the stored raster v(x, y). */
static int write_tiff(const char *path, int w, int h, int orient, int ga16)
{
    TIFF *t = TIFFOpen(path, "w");
    int ok = 1;

    if (!t)
        return 0;
    TIFFSetField(t, TIFFTAG_IMAGEWIDTH, (uint32_t)w);
    TIFFSetField(t, TIFFTAG_IMAGELENGTH, (uint32_t)h);
    TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, ga16 ? 16 : 8);
    TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, ga16 ? 2 : 1);
    TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
    TIFFSetField(t, TIFFTAG_ORIENTATION, (uint16_t)orient);
    TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, (uint32_t)7);
    if (ga16) {
        uint16_t extra = EXTRASAMPLE_UNASSALPHA;
        TIFFSetField(t, TIFFTAG_EXTRASAMPLES, 1, &extra);
    }
    for (int y = 0; y < h && ok; y++) {
        uint16_t row16[2 * 64];
        uint8_t row8[64];
        for (int x = 0; x < w; x++) {
            int v = (x * 37 + y * 91) & 255;
            row8[x] = (uint8_t)v;
            row16[2 * x] = (uint16_t)(v << 8 | (x * 13 & 255));
            row16[2 * x + 1] = (uint16_t)(x * 1000);
        }
        ok = TIFFWriteScanline(t, ga16 ? (void *)row16 : (void *)row8,
                               (uint32_t)y, 0) == 1;
    }
    TIFFClose(t);
    return ok;
}

/* The stored raster's sample shown at (x, y) of the upright page, from
 * the TIFF specification's words for each Orientation: where the 0th row
 * and the 0th column of the stored raster lie on the page. */
static int upright_value(int orient, int sw, int sh, int x, int y)
{
    int sx = x, sy = y;

    switch (orient) {
    case 2: sx = sw - 1 - x; break;                /* 0th col right */
    case 3: sx = sw - 1 - x; sy = sh - 1 - y; break;
    case 4: sy = sh - 1 - y; break;                /* 0th row bottom */
    case 5: sx = y; sy = x; break;                 /* row left, col top */
    case 6: sx = y; sy = sh - 1 - x; break;        /* row right, col top */
    case 7: sx = sw - 1 - y; sy = sh - 1 - x; break;
    case 8: sx = sw - 1 - y; sy = x; break;        /* row left, col bottom */
    default: break;
    }
    return (sx * 37 + sy * 91) & 255;
}

/* Every Orientation tag gives the upright page, through Leptonica's
 * reader (8-bit grey) and through the RGBA fallback (16-bit grey with
 * alpha, which Leptonica refuses; and the 8-bit files read that way
 * too). */
static void test_tiff_orientations(void)
{
    const int sw = 48, sh = 30;
    char path[64];

    snprintf(path, sizeof path, "/tmp/bs-test-orient-%d.tif", (int)getpid());
    for (int ga16 = 0; ga16 <= 1; ga16++) {
        for (int o = 1; o <= 8; o++) {
            struct bs_error err;
            PIX *pix[2] = {NULL, NULL};
            int dpi, uw = o >= 5 ? sh : sw, uh = o >= 5 ? sw : sh;

            CHECK(write_tiff(path, sw, sh, o, ga16));
            CHECK(bs_image_read_scan(path, 0, 1000000, &pix[0], &dpi,
                                     &err) == 0);
            CHECK(bs_decode_tiff_rgba(path, 0, &pix[1], &err) == 0);
            for (int r = 0; r < 2; r++) {
                int bad = 0;
                if (!pix[r])
                    continue;
                CHECK(pixGetWidth(pix[r]) == uw && pixGetHeight(pix[r]) == uh &&
                      pixGetDepth(pix[r]) == 8);
                for (int y = 0; y < uh && !bad; y++)
                    for (int x = 0; x < uw && !bad; x++) {
                        l_uint32 v = 0;
                        pixGetPixel(pix[r], x, y, &v);
                        bad = (int)v != upright_value(o, sw, sh, x, y);
                    }
                if (bad)
                    fprintf(stderr, "orientation %d (%s, %s): wrong pixels\n",
                            o, ga16 ? "16-bit grey+alpha" : "8-bit grey",
                            r ? "RGBA reader" : "read_scan");
                CHECK(!bad);
                pixDestroy(&pix[r]);
            }
        }
    }
    unlink(path);
}

/* PNG ancillary chunks cost nothing: a 2 GB text chunk declared in a
 * small file fails at once, a complete 9 MB one is skipped unread. */
static void test_png_chunks(void)
{
    struct bs_error err;
    PIX *pix = NULL, *small = pixCreate(40, 30, 8);
    char path[64];
    size_t n, len;
    l_uint8 *png, *big;
    int dpi;

    CHECK(bs_decode_png("fixtures/bad/huge-chunk.png", 250000000LL, &pix,
                        &dpi, &err) < 0);
    CHECK(strstr(err.msg, "cannot decode") != NULL);
    pixSetAll(small);
    snprintf(path, sizeof path, "/tmp/bs-test-chunk-%d.png", (int)getpid());
    CHECK(pixWrite(path, small, IFF_PNG) == 0);
    png = l_binaryRead(path, &n);
    CHECK(png != NULL && n > 33);
    if (png && n > 33) {
        /* signature and IHDR (33 bytes), a tEXt chunk, the rest */
        len = 9u << 20;
        big = calloc(1, n + len + 12);
        memcpy(big, png, 33);
        big[33] = (l_uint8)(len >> 24); big[34] = (l_uint8)(len >> 16);
        big[35] = (l_uint8)(len >> 8); big[36] = (l_uint8)len;
        memcpy(big + 37, "tEXtComment", 11);
        /* CRC left wrong: a skipped chunk's CRC is not an error */
        memcpy(big + 33 + 12 + len, png + 33, n - 33);
        l_binaryWrite(path, "w", big, n + len + 12);
        free(big);
        CHECK(bs_decode_png(path, 250000000LL, &pix, &dpi, &err) == 0);
        CHECK(pix && pixGetWidth(pix) == 40);
        pixDestroy(&pix);
    }
    free(png);
    unlink(path);
    pixDestroy(&small);
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
    test_formats();
    test_tiff_orientations();
    test_png_chunks();
    return check_report(argv[0]);
}
