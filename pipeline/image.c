/*
 * image.c - image input with format sniffing, size limits and grey
 * normalisation; PNG artifacts out.
 */
#include "image.h"

#include "decode.h"
#include "fsutil.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <zlib.h>

static void quiet_handler(const char *msg)
{
    (void)msg;
}

void bs_image_quiet(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
    leptSetStderrHandler(quiet_handler);
    /* libtiff prints "TIFFReadDirectory: Warning, ..." and read errors
     * itself; a TIFF that cannot be read is reported by bs_image_read_scan. */
    TIFFSetErrorHandler(NULL);
    TIFFSetWarningHandler(NULL);
}

static int is_tiff(int format)
{
    return format == IFF_TIFF || format == IFF_TIFF_PACKBITS ||
           format == IFF_TIFF_RLE || format == IFF_TIFF_G3 ||
           format == IFF_TIFF_G4 || format == IFF_TIFF_LZW ||
           format == IFF_TIFF_ZIP || format == IFF_TIFF_JPEG;
}

/* Opens and sniffs a file; fails with a clear message on the common kinds of
 * bad input. */
static int sniff(const char *path, int *format, struct bs_error *err)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return bs_fail(err, "%s: cannot open: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return bs_fail(err, "%s: not a regular file", path);
    if (st.st_size == 0)
        return bs_fail(err, "%s: empty file (0 bytes)", path);
    if (st.st_size < 8)
        return bs_fail(err, "%s: too short to be an image (%lld bytes)", path,
                       (long long)st.st_size);
    if (findFileFormat(path, format) != 0 || *format == IFF_UNKNOWN)
        return bs_fail(err, "%s: not an image in a known format (PNG, TIFF, "
                       "JPEG, ...)", path);
    return 0;
}

int bs_image_count_pages(const char *path, int *npages, struct bs_error *err)
{
    int format, n = 1;

    *npages = 0;
    if (sniff(path, &format, err) < 0)
        return -1;
    if (is_tiff(format)) {
        FILE *fp = fopen(path, "rb");
        if (!fp)
            return bs_fail(err, "%s: cannot open: %s", path, strerror(errno));
        if (tiffGetCount(fp, &n) != 0 || n < 1) {
            fclose(fp);
            return bs_fail(err, "%s: damaged TIFF (no readable page)", path);
        }
        fclose(fp);
    }
    *npages = n;
    return 0;
}

/* The size checks every format goes through: from the header before
 * Leptonica decodes, or inside our own decoders (decode.h). */
static int check_size(const char *path, int w, int h, long long max_pixels,
                      struct bs_error *err)
{
    if (w <= 0 || h <= 0)
        return bs_fail(err, "%s: image has no pixels (%dx%d)", path, w, h);
    if ((long long)w * (long long)h > max_pixels)
        return bs_fail(err, "%s: image too large (%dx%d = %lld pixels, limit "
                       "%lld; see --max-pixels)", path, w, h,
                       (long long)w * h, max_pixels);
    if (w < 16 || h < 16)
        return bs_fail(err, "%s: image too small to be a page (%dx%d)", path,
                       w, h);
    return 0;
}

/* Decodes page `subpage` of a sniffed file as Leptonica or our decoders give
 * it (any depth, maybe a colormap).  PNG and JPEG go through decode.h, so
 * libpng and libjpeg stay off stderr; other formats through Leptonica. */
static int decode(const char *path, int format, int subpage,
                  long long max_pixels, PIX **out, struct bs_error *err)
{
    int w = 0, h = 0, bps = 0, spp = 0, cmap = 0, res = 0, tfmt;
    PIX *raw;

    *out = NULL;
    if (format == IFF_PNG || format == IFF_JFIF_JPEG) {
        if ((format == IFF_PNG ? bs_decode_png : bs_decode_jpeg)(
                path, max_pixels, &raw, &res, err) < 0)
            return -1;
        if (check_size(path, pixGetWidth(raw), pixGetHeight(raw), max_pixels,
                       err) < 0) {
            pixDestroy(&raw);
            return -1;
        }
        *out = raw;
        return 0;
    }
    if (is_tiff(format)) {
        if (readHeaderTiff(path, subpage, &w, &h, &bps, &spp, &res, &cmap,
                           &tfmt) != 0)
            return bs_fail(err, "%s: damaged TIFF header (page %d)", path,
                           subpage + 1);
    } else if (pixReadHeader(path, &format, &w, &h, &bps, &spp, &cmap) != 0) {
        return bs_fail(err, "%s: damaged or truncated image header", path);
    }
    if (check_size(path, w, h, max_pixels, err) < 0)
        return -1;
    raw = is_tiff(format) ? pixReadTiff(path, subpage) : pixRead(path);
    if (!raw)
        return bs_fail(err, "%s: cannot decode image (truncated or corrupt?)",
                       path);
    if (pixGetWidth(raw) != w || pixGetHeight(raw) != h) {
        pixDestroy(&raw);
        return bs_fail(err, "%s: decoded size differs from header (corrupt)",
                       path);
    }
    *out = raw;
    return 0;
}

int bs_image_read_scan(const char *path, int subpage, long long max_pixels,
                       PIX **out, int *dpi, struct bs_error *err)
{
    int format;
    PIX *raw = NULL, *nocmap = NULL, *gray = NULL;

    *out = NULL;
    *dpi = 0;
    if (sniff(path, &format, err) < 0 ||
        decode(path, format, subpage, max_pixels, &raw, err) < 0)
        return -1;
    *dpi = pixGetXRes(raw);
    if (pixGetColormap(raw))
        nocmap = pixRemoveColormap(raw, REMOVE_CMAP_BASED_ON_SRC);
    else
        nocmap = pixClone(raw);
    pixDestroy(&raw);
    if (!nocmap)
        return bs_fail(err, "%s: cannot convert palette image", path);
    switch (pixGetDepth(nocmap)) {
    case 1: /* bilevel: already what binarize would make of it */
    case 8:
        gray = pixClone(nocmap);
        break;
    case 16:
        gray = pixConvert16To8(nocmap, L_MS_BYTE);
        break;
    case 32:
        gray = pixConvertRGBToLuminance(nocmap);
        break;
    default:
        gray = pixConvertTo8(nocmap, FALSE);
        break;
    }
    pixDestroy(&nocmap);
    if (!gray || (pixGetDepth(gray) != 8 && pixGetDepth(gray) != 1)) {
        pixDestroy(&gray);
        return bs_fail(err, "%s: cannot convert image to grey", path);
    }
    *out = gray;
    return 0;
}

/* Writes 1- or 8-bit grey `pix` to an open file with libpng: no row
 * filter, zlib level 1 (run-length for 8-bit).  Scans are mostly white runs, so
 * this is about three times faster than Leptonica's writer (which lets
 * libpng try every filter on every row) for a slightly larger file.  The
 * resolution goes into pHYs, as Leptonica writes it.  Returns 0, or -1 when
 * libpng fails (the file is then incomplete). */
static int write_gray_png(FILE *fp, PIX *pix)
{
    png_structp png;
    png_infop info = NULL;
    int w = pixGetWidth(pix), h = pixGetHeight(pix), d = pixGetDepth(pix);
    int wpl = pixGetWpl(pix), xres = pixGetXRes(pix), yres = pixGetYRes(pix);
    l_uint32 *data = pixGetData(pix);
    /* volatile: set before setjmp and read after a longjmp. */
    png_bytep volatile row = NULL;

    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (!png)
        return -1;
    info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(row);
        return -1;
    }
    row = bs_calloc((size_t)wpl, 4);
    png_init_io(png, fp);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, d,
                 PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (xres > 0 && yres > 0)
        png_set_pHYs(png, info, (png_uint_32)(xres / 0.0254 + 0.5),
                     (png_uint_32)(yres / 0.0254 + 0.5), PNG_RESOLUTION_METER);
    png_set_filter(png, 0, PNG_FILTER_NONE);
    png_set_compression_level(png, 1);
    png_set_compression_strategy(png, d == 8 ? Z_RLE : Z_DEFAULT_STRATEGY);
    png_write_info(png, info);
    if (d == 1)
        png_set_invert_mono(png); /* Leptonica: 1 = black; PNG: 0 = black */
    for (int y = 0; y < h; y++) {
        const l_uint32 *line = data + (size_t)y * wpl;
        int nbytes = d == 1 ? (w + 7) / 8 : w;
        /* PIX words hold their bytes most significant first. */
        for (int x = 0; x < nbytes; x++)
            row[x] = (png_byte)GET_DATA_BYTE(line, x);
        png_write_row(png, row);
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    return 0;
}

int bs_image_write_png(const char *path, PIX *pix, struct bs_error *err)
{
    char *tmp = bs_temp_name(path);
    int rc, d = pixGetDepth(pix);

    if ((d == 1 || d == 8) && !pixGetColormap(pix)) {
        FILE *fp = fopen(tmp, "wb");
        rc = fp ? write_gray_png(fp, pix) : -1;
        if (fp && fclose(fp) != 0)
            rc = -1;
    } else {
        /* Leptonica takes zlib level 1 (fastest) from special = 10 + level. */
        pixSetSpecial(pix, 11);
        rc = pixWrite(tmp, pix, IFF_PNG);
        pixSetSpecial(pix, 0);
    }
    if (rc != 0) {
        remove(tmp);
        free(tmp);
        return bs_fail(err, "%s: cannot write PNG", path);
    }
    rc = bs_rename_into_place(tmp, path, err);
    free(tmp);
    return rc;
}

int bs_image_read_artifact(const char *path, PIX **out, struct bs_error *err)
{
    int dpi;
    PIX *pix;

    *out = NULL;
    if (!bs_is_file(path))
        return bs_fail(err, "%s: missing image artifact", path);
    pix = pixRead(path);
    if (!pix)
        return bs_fail(err, "%s: cannot read image artifact", path);
    dpi = pixGetXRes(pix);
    (void)dpi;
    *out = pix;
    return 0;
}
