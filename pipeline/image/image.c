/*
 * image.c - image input with format sniffing, size limits and grey
 * normalisation; PNG artifacts out.
 */
#include "image.h"

#include "decode.h"
#include "encode.h"
#include "../base/base.h"

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>

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
 * libpng and libjpeg stay off stderr and check the size themselves; the
 * other formats are sized from their header (decode.h: bs_decode_header)
 * before Leptonica decodes them, and a TIFF page Leptonica cannot read
 * goes to libtiff's RGBA interface. */
static int decode(const char *path, int format, int subpage,
                  long long max_pixels, PIX **out, struct bs_error *err)
{
    int w = 0, h = 0, turned = 0, res = 0;
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
    if (bs_decode_header(path, format, subpage, max_pixels, &w, &h, &turned,
                         err) < 0 ||
        check_size(path, w, h, max_pixels, err) < 0)
        return -1;
    raw = is_tiff(format) ? pixReadTiff(path, subpage) : pixRead(path);
    if (!raw && is_tiff(format))
        return bs_decode_tiff_rgba(path, subpage, out, err);
    if (!raw)
        return bs_fail(err, "%s: cannot decode image (truncated or corrupt?)",
                       path);
    /* A page stored turned a quarter (TIFF Orientation 5 to 8) comes out
     * of the decoder upright, its sides swapped. */
    if (pixGetWidth(raw) != (turned ? h : w) ||
        pixGetHeight(raw) != (turned ? w : h)) {
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

/* Big-endian 32-bit value at p. */
static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
           (unsigned long)p[2] << 8 | p[3];
}

int bs_image_png_as_is(const char *path, int depth)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n',
                                         0x1a, '\n'};
    unsigned char head[33], chunk[8];
    struct stat st;
    long long pos;
    int ok = 0;
    FILE *fp = fopen(path, "rb");

    if (!fp)
        return 0;
    /* signature, then IHDR: length 13, width, height, depth, colour type */
    if (fstat(fileno(fp), &st) != 0 ||
        fread(head, 1, sizeof(head), fp) != sizeof(head) ||
        memcmp(head, sig, 8) != 0 || be32(head + 8) != 13 ||
        memcmp(head + 12, "IHDR", 4) != 0 || head[24] != depth ||
        head[25] != 0) {
        fclose(fp);
        return 0;
    }
    /* every chunk within the file, no transparency, IEND last */
    for (pos = sizeof(head);;) {
        unsigned long len;
        if (pos + 8 > (long long)st.st_size ||
            fseeko(fp, (off_t)pos, SEEK_SET) != 0 ||
            fread(chunk, 1, 8, fp) != 8)
            break;
        len = be32(chunk);
        pos += 12 + (long long)len;
        if (len > 0x7fffffffUL || pos > (long long)st.st_size ||
            memcmp(chunk + 4, "tRNS", 4) == 0)
            break;
        if (memcmp(chunk + 4, "IEND", 4) == 0) {
            ok = pos == (long long)st.st_size;
            break;
        }
    }
    fclose(fp);
    return ok;
}

int bs_image_write_png(const char *path, PIX *pix, struct bs_error *err)
{
    struct bs_atomic af;
    int rc, d = pixGetDepth(pix);

    if (bs_atomic_open(&af, path, err) < 0)
        return -1;
    if ((d == 1 || d == 8) && !pixGetColormap(pix)) {
        rc = bs_encode_gray_png(af.fp, pix);
    } else {
        /* Leptonica takes zlib level 1 (fastest) from special = 10 + level. */
        pixSetSpecial(pix, 11);
        rc = pixWriteStreamPng(af.fp, pix, 0.0f);
        pixSetSpecial(pix, 0);
    }
    if (rc != 0) {
        bs_atomic_abort(&af);
        return bs_fail(err, "%s: cannot write PNG", path);
    }
    return bs_atomic_commit(&af, err);
}

int bs_image_read_artifact(const char *path, long long max_pixels,
                           PIX **out, struct bs_error *err)
{
    int dpi;

    *out = NULL;
    if (!bs_is_file(path))
        return bs_fail(err, "%s: missing image artifact", path);
    /* Our own PNG reader, with the limits a scan gets: an artifact is a
     * file on disk like any other, and may have been replaced. */
    if (bs_decode_png(path, max_pixels, out, &dpi, err) < 0)
        return bs_fail_prefix(err, "image artifact");
    if (pixGetDepth(*out) != 1 && pixGetDepth(*out) != 8) {
        pixDestroy(out);
        return bs_fail(err, "%s: image artifact is not grey (1 or 8 bits)",
                       path);
    }
    return 0;
}
