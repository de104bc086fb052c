/*
 * decode_tiff.c - the TIFF pages Leptonica does not read (16-bit grey with
 * alpha, 16-bit colour, ...) through libtiff's RGBA interface, as 8-bit
 * grey (contract in decode.h).
 *
 * libtiff converts any photometric and sample layout it knows to RGBA; it
 * is asked for a band of rows at a time, so the only page-sized buffer is
 * the grey result (not four bytes a pixel).  Rows come in the order the
 * file stores them and the Orientation tag is applied afterwards with the
 * same turns Leptonica's own TIFF reader makes, so a page reads the same
 * whichever reader took it.
 */
#include "decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

/* Rows converted per call. */
#define BAND_ROWS 64

/* What Leptonica does to a page of each Orientation tag (1 to 8): flip
 * top to bottom, flip left to right, then turn a quarter (1 clockwise, -1
 * counter-clockwise).  Checked in tests/unit/test_decode.c against
 * Leptonica's reader on the eight orientations. */
static const struct {
    int vflip, hflip, rotate;
} turns[8] = {{0, 0, 0}, {0, 1, 0}, {1, 1, 0}, {1, 0, 0},
              {0, 1, -1}, {0, 0, 1}, {0, 1, 1}, {0, 0, -1}};

/* Grey as pixConvertRGBToLuminance makes it (0.3 R + 0.5 G + 0.2 B). */
static unsigned luminance(uint32_t px)
{
    unsigned v = (3 * TIFFGetR(px) + 5 * TIFFGetG(px) + 2 * TIFFGetB(px) +
                  5) / 10;
    return v > 255 ? 255 : v;
}

int bs_decode_tiff_rgba(const char *path, int subpage, PIX **out,
                        struct bs_error *err)
{
    char emsg[1024] = "";
    TIFFRGBAImage img;
    TIFF *tif;
    uint32_t *band = NULL;
    uint16_t orient = 1;
    PIX *pix = NULL;
    int begun = 0, rc = -1;

    *out = NULL;
    tif = TIFFOpen(path, "r");
    if (!tif)
        return bs_fail(err, "%s: cannot decode image (damaged TIFF)", path);
    if (!TIFFSetDirectory(tif, (tdir_t)subpage)) {
        bs_fail(err, "%s: cannot decode image (no TIFF page %d)", path,
                subpage + 1);
        goto out;
    }
    if (!TIFFRGBAImageOK(tif, emsg) ||
        !TIFFRGBAImageBegin(&img, tif, 1, emsg)) {
        bs_fail(err, "%s: cannot decode image (TIFF: %s)", path,
                emsg[0] ? emsg : "unsupported layout");
        goto out;
    }
    begun = 1;
    TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &orient);
    if (orient < 1 || orient > 8)
        orient = 1;
    /* Asking for the file's own orientation makes libtiff flip nothing:
     * rows in stored order, top first. */
    img.req_orientation = orient;
    pix = pixCreate((int)img.width, (int)img.height, 8);
    band = malloc(sizeof(*band) * img.width * BAND_ROWS);
    if (!pix || !band)
        bs_oom();
    for (uint32_t y = 0; y < img.height; y += BAND_ROWS) {
        uint32_t n = img.height - y < BAND_ROWS ? img.height - y : BAND_ROWS;
        img.row_offset = (int)y;
        img.col_offset = 0;
        if (!TIFFRGBAImageGet(&img, band, img.width, n)) {
            bs_fail(err, "%s: cannot decode image (truncated or corrupt "
                    "TIFF)", path);
            goto out;
        }
        for (uint32_t r = 0; r < n; r++) {
            l_uint32 *line = pixGetData(pix) + (size_t)(y + r) *
                                                   pixGetWpl(pix);
            const uint32_t *src = band + (size_t)r * img.width;
            for (uint32_t x = 0; x < img.width; x++)
                SET_DATA_BYTE(line, x, luminance(src[x]));
        }
    }
    if (turns[orient - 1].vflip)
        pixFlipTB(pix, pix);
    if (turns[orient - 1].hflip)
        pixFlipLR(pix, pix);
    if (turns[orient - 1].rotate) {
        PIX *turned = pixRotate90(pix, turns[orient - 1].rotate);
        if (!turned)
            bs_oom();
        pixDestroy(&pix);
        pix = turned;
    }
    {
        float xres = 0;
        uint16_t unit = RESUNIT_INCH;
        TIFFGetFieldDefaulted(tif, TIFFTAG_RESOLUTIONUNIT, &unit);
        if (TIFFGetField(tif, TIFFTAG_XRESOLUTION, &xres) && xres > 0 &&
            xres < 100000) {
            int dpi = (int)(unit == RESUNIT_CENTIMETER ? xres * 2.54f + 0.5f
                                                       : xres + 0.5f);
            pixSetResolution(pix, dpi, dpi);
        }
    }
    *out = pix;
    pix = NULL;
    rc = 0;
out:
    if (begun)
        TIFFRGBAImageEnd(&img);
    TIFFClose(tif);
    free(band);
    pixDestroy(&pix);
    return rc;
}
