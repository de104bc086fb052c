/*
 * decode_header.c - the size an image file's header declares, read before
 * any library decodes a pixel (contract in decode.h).
 *
 * Leptonica's pixReadHeader decodes a whole BMP or GIF to learn its size
 * (a 1 MB GIF declaring 40000x40000 costs 1.7 GB before any check), and
 * its JPEG 2000 header reader trusts the JP2 "ihdr" box, which need not
 * agree with the codestream openjpeg decodes.  So the size of those three
 * is read here from the bytes themselves: every image descriptor of a GIF
 * (giflib allocates each frame, so their sum counts), the BMP info header,
 * the SIZ marker of the JPEG 2000 codestream.  TIFF, PNM, WebP and
 * Leptonica's own SPIX go through the libraries' header readers, which
 * read headers only.  PNG and JPEG are checked inside their own decoders
 * (decode_png.c, decode_jpeg.c); PostScript and PDF are refused.
 */
#include "decode.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

static unsigned le16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long le32(const unsigned char *p)
{
    return (unsigned long)le16(p) | (unsigned long)le16(p + 2) << 16;
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
           (unsigned long)p[2] << 8 | p[3];
}

/* Skips GIF data sub-blocks (a size byte, that many bytes, until a zero
 * size).  0 at the terminator, -1 at the end of the file. */
static int gif_skip_blocks(FILE *fp)
{
    int n;

    while ((n = getc(fp)) > 0)
        if (fseek(fp, n, SEEK_CUR) != 0)
            return -1;
    return n == 0 ? 0 : -1;
}

/* A GIF's frames: giflib allocates every one (DGifSlurp), so their pixels
 * together are held to the limit; Leptonica keeps the first, whose size
 * goes to *w x *h. */
static int gif_size(FILE *fp, const char *path, long long max_pixels,
                    int *w, int *h, struct bs_error *err)
{
    unsigned char b[13];
    long long total = 0;
    int frames = 0;

    if (fread(b, 1, 13, fp) != 13)
        return bs_fail(err, "%s: damaged or truncated image header", path);
    if ((b[10] & 0x80) && fseek(fp, 3L << ((b[10] & 7) + 1), SEEK_CUR) != 0)
        return bs_fail(err, "%s: damaged or truncated image header", path);
    for (;;) {
        int c = getc(fp);
        if (c == 0x3B || (c == EOF && frames > 0))
            break; /* the trailer (giflib stops at the end too) */
        if (c == 0x21) { /* extension: label, then sub-blocks */
            if (getc(fp) == EOF || gif_skip_blocks(fp) < 0)
                break;
        } else if (c == 0x2C) { /* image descriptor */
            unsigned char d[9];
            long long fw, fh;
            if (fread(d, 1, 9, fp) != 9)
                break;
            fw = le16(d + 4);
            fh = le16(d + 6);
            total += fw * fh;
            if (frames++ == 0) {
                *w = (int)fw;
                *h = (int)fh;
            }
            if (fw * fh > max_pixels || total > max_pixels)
                return bs_fail(err, "%s: image too large (%lldx%lld pixels "
                               "in frame %d, %lld in all frames; limit "
                               "%lld; see --max-pixels)", path, fw, fh,
                               frames, total, max_pixels);
            if ((d[8] & 0x80) &&
                fseek(fp, 3L << ((d[8] & 7) + 1), SEEK_CUR) != 0)
                break;
            if (getc(fp) == EOF || gif_skip_blocks(fp) < 0)
                break;
        } else {
            break;
        }
    }
    if (frames == 0)
        return bs_fail(err, "%s: cannot decode image (GIF without an "
                       "image)", path);
    return 0;
}

/* A BMP's info header: width and |height| (negative is top-down). */
static int bmp_size(FILE *fp, const char *path, int *w, int *h,
                    struct bs_error *err)
{
    unsigned char b[26];
    unsigned long hdr;

    if (fread(b, 1, 26, fp) != 26)
        return bs_fail(err, "%s: damaged or truncated image header", path);
    hdr = le32(b + 14);
    if (hdr == 12) { /* BITMAPCOREHEADER: 16-bit sizes */
        *w = (int)le16(b + 18);
        *h = (int)le16(b + 20);
        return 0;
    }
    if (hdr < 40)
        return bs_fail(err, "%s: damaged BMP header", path);
    {
        long bw = (long)(int32_t)le32(b + 18), bh = (long)(int32_t)le32(b + 22);
        if (bh < 0)
            bh = -bh;
        if (bw < 0 || bw > 1000000 || bh > 1000000)
            return bs_fail(err, "%s: damaged BMP header (%ldx%ld)", path, bw,
                           bh);
        *w = (int)bw;
        *h = (int)bh;
    }
    return 0;
}

/* The SIZ marker of a JPEG 2000 codestream that starts at the current
 * position: the image area and its number of components. */
static int j2k_siz(FILE *fp, const char *path, int *w, int *h,
                   struct bs_error *err)
{
    unsigned char b[42];
    unsigned long x1, y1, x0, y0, comps;

    if (fread(b, 1, 42, fp) != 42 || b[0] != 0xFF || b[1] != 0x4F ||
        b[2] != 0xFF || b[3] != 0x51)
        return bs_fail(err, "%s: damaged JPEG 2000 codestream (no SIZ "
                       "marker)", path);
    x1 = be32(b + 8);
    y1 = be32(b + 12);
    x0 = be32(b + 16);
    y0 = be32(b + 20);
    comps = (unsigned long)b[40] << 8 | b[41];
    if (x1 <= x0 || y1 <= y0 || x1 - x0 > 1000000 || y1 - y0 > 1000000)
        return bs_fail(err, "%s: damaged JPEG 2000 header (image area)",
                       path);
    if (comps < 1 || comps > 4)
        return bs_fail(err, "%s: JPEG 2000 with %lu components (1 to 4 are "
                       "read)", path, comps);
    *w = (int)(x1 - x0);
    *h = (int)(y1 - y0);
    return 0;
}

/* A JP2 file: top-level boxes up to the codestream box "jp2c"; a raw
 * codestream (J2K) starts with it. */
static int jp2_size(FILE *fp, const char *path, int *w, int *h,
                    struct bs_error *err)
{
    unsigned char b[16];

    if (fread(b, 1, 4, fp) != 4)
        return bs_fail(err, "%s: damaged or truncated image header", path);
    rewind(fp);
    if (b[0] == 0xFF && b[1] == 0x4F)
        return j2k_siz(fp, path, w, h, err);
    for (int boxes = 0; boxes < 1000; boxes++) {
        unsigned long long len;
        if (fread(b, 1, 8, fp) != 8)
            break;
        len = be32(b);
        if (len == 1) { /* a 64-bit length follows */
            if (fread(b + 8, 1, 8, fp) != 8)
                break;
            len = (unsigned long long)be32(b + 8) << 32 | be32(b + 12);
            if (len < 16)
                break;
            len -= 16;
        } else if (len == 0 || len >= 8) {
            len = len ? len - 8 : 0;
        } else {
            break;
        }
        if (memcmp(b + 4, "jp2c", 4) == 0)
            return j2k_siz(fp, path, w, h, err);
        if (len == 0 || len > (1ULL << 40) ||
            fseeko(fp, (off_t)len, SEEK_CUR) != 0)
            break;
    }
    return bs_fail(err, "%s: damaged JPEG 2000 file (no codestream)", path);
}

/* TIFF page `subpage`: its size from libtiff, and its orientation tag
 * (5 to 8 store the page turned: decoded, width and height swap). */
static int tiff_size(const char *path, int subpage, int *w, int *h,
                     int *turned, struct bs_error *err)
{
    TIFF *tif = TIFFOpen(path, "rm");
    uint32_t tw = 0, th = 0;
    uint16_t orient = 1;

    if (!tif)
        return bs_fail(err, "%s: damaged TIFF header", path);
    if (!TIFFSetDirectory(tif, (tdir_t)subpage) ||
        !TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &tw) ||
        !TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &th)) {
        TIFFClose(tif);
        return bs_fail(err, "%s: damaged TIFF header (page %d)", path,
                       subpage + 1);
    }
    TIFFGetFieldDefaulted(tif, TIFFTAG_ORIENTATION, &orient);
    TIFFClose(tif);
    if (tw > 1000000 || th > 1000000)
        return bs_fail(err, "%s: damaged TIFF header (%lux%lu)", path,
                       (unsigned long)tw, (unsigned long)th);
    *w = (int)tw;
    *h = (int)th;
    *turned = orient >= 5 && orient <= 8;
    return 0;
}

int bs_decode_header(const char *path, int format, int subpage,
                     long long max_pixels, int *w, int *h, int *turned,
                     struct bs_error *err)
{
    int bps, spp, cmap, rc = 0, d, type;
    FILE *fp;

    *w = *h = *turned = 0;
    switch (format) {
    case IFF_TIFF: case IFF_TIFF_PACKBITS: case IFF_TIFF_RLE:
    case IFF_TIFF_G3: case IFF_TIFF_G4: case IFF_TIFF_LZW:
    case IFF_TIFF_ZIP: case IFF_TIFF_JPEG:
        return tiff_size(path, subpage, w, h, turned, err);
    case IFF_PNM:
        if (readHeaderPnm(path, w, h, &d, &type, &bps, &spp) != 0)
            return bs_fail(err, "%s: damaged or truncated image header",
                           path);
        return 0;
    case IFF_WEBP:
        if (readHeaderWebP(path, w, h, &spp) != 0)
            return bs_fail(err, "%s: damaged or truncated image header",
                           path);
        return 0;
    case IFF_SPIX:
        if (readHeaderSpix(path, w, h, &bps, &spp, &cmap) != 0)
            return bs_fail(err, "%s: damaged or truncated image header",
                           path);
        return 0;
    case IFF_GIF: case IFF_BMP: case IFF_JP2:
        break;
    case IFF_PS:
    case IFF_LPDF:
        return bs_fail(err, "%s: PostScript and PDF are not read (convert "
                       "the pages to TIFF or PNG)", path);
    default:
        return bs_fail(err, "%s: not an image in a known format (PNG, TIFF, "
                       "JPEG, ...)", path);
    }
    fp = fopen(path, "rb");
    if (!fp)
        return bs_fail(err, "%s: cannot open: %s", path, strerror(errno));
    if (format == IFF_GIF)
        rc = gif_size(fp, path, max_pixels, w, h, err);
    else if (format == IFF_BMP)
        rc = bmp_size(fp, path, w, h, err);
    else
        rc = jp2_size(fp, path, w, h, err);
    fclose(fp);
    return rc;
}
