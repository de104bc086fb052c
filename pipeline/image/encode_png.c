/*
 * encode_png.c - 1- and 8-bit grey PIX to PNG with libdeflate (contract in
 * encode.h).
 */
#include "encode.h"

#include "../base/base.h"

#include <libdeflate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* IDAT chunks of at most this many bytes: any size up to 2^31-1 is valid,
 * smaller ones suit streaming readers. */
#define IDAT_MAX (1u << 20)

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* One chunk: length, type, data, CRC of type and data.  0 or -1. */
static int put_chunk(FILE *fp, const char *type, const unsigned char *data,
                     size_t len)
{
    unsigned char head[8], crc[4];
    uint32_t sum;

    put32(head, (uint32_t)len);
    memcpy(head + 4, type, 4);
    sum = libdeflate_crc32(0, head + 4, 4);
    if (len) /* libdeflate_crc32 restarts at 0 on a NULL buffer */
        sum = libdeflate_crc32(sum, data, len);
    put32(crc, sum);
    if (fwrite(head, 1, 8, fp) != 8 ||
        (len && fwrite(data, 1, len, fp) != len) ||
        fwrite(crc, 1, 4, fp) != 4)
        return -1;
    return 0;
}

/* The PNG scanlines of pix: each row a filter byte (0, none) and the row's
 * bytes in reading order; 1-bit rows inverted (PNG: 0 is black) with the
 * bits past the width clear.  malloc'd, *len bytes. */
static unsigned char *scanlines(PIX *pix, size_t *len)
{
    int w = pixGetWidth(pix), h = pixGetHeight(pix), d = pixGetDepth(pix);
    int wpl = pixGetWpl(pix);
    size_t rowbytes = d == 1 ? ((size_t)w + 7) / 8 : (size_t)w;
    unsigned char last_mask =
        d == 1 && w % 8 ? (unsigned char)(0xff << (8 - w % 8)) : 0xff;
    const l_uint32 *data = pixGetData(pix);
    uint32_t flip = d == 1 ? 0xffffffffu : 0;
    unsigned char *out, *row;

    *len = (rowbytes + 1) * (size_t)h;
    out = bs_malloc(*len);
    /* A row of whole words (the last may run past rowbytes) goes to a
     * scratch row first, so the copy into out never overruns. */
    row = bs_malloc((size_t)wpl * 4);
    for (int y = 0; y < h; y++) {
        const l_uint32 *line = data + (size_t)y * wpl;
        unsigned char *dst = out + (size_t)y * (rowbytes + 1);
        for (int k = 0; k < wpl; k++)
            put32(row + 4 * k, line[k] ^ flip);
        dst[0] = 0;
        memcpy(dst + 1, row, rowbytes);
        dst[rowbytes] &= last_mask;
    }
    free(row);
    return out;
}

int bs_encode_gray_png(FILE *fp, PIX *pix)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n',
                                         0x1a, '\n'};
    int d = pixGetDepth(pix), xres = pixGetXRes(pix), yres = pixGetYRes(pix);
    unsigned char ihdr[13], phys[9], *raw, *z;
    struct libdeflate_compressor *c;
    size_t nraw, cap, nz;
    int rc = 0;

    if ((d != 1 && d != 8) || pixGetColormap(pix))
        return -1;
    put32(ihdr, (uint32_t)pixGetWidth(pix));
    put32(ihdr + 4, (uint32_t)pixGetHeight(pix));
    ihdr[8] = (unsigned char)d;
    ihdr[9] = 0;  /* grey */
    ihdr[10] = 0; /* deflate */
    ihdr[11] = 0; /* adaptive filters (each row says which: none here) */
    ihdr[12] = 0; /* not interlaced */
    raw = scanlines(pix, &nraw);
    c = libdeflate_alloc_compressor(1);
    if (!c)
        bs_oom();
    /* The bound is only reserved: pages past the compressed size are
     * never touched, so they cost no memory. */
    cap = libdeflate_zlib_compress_bound(c, nraw);
    z = bs_malloc(cap);
    nz = libdeflate_zlib_compress(c, raw, nraw, z, cap);
    libdeflate_free_compressor(c);
    free(raw);
    if (nz == 0 || fwrite(sig, 1, 8, fp) != 8 ||
        put_chunk(fp, "IHDR", ihdr, sizeof(ihdr)) < 0)
        rc = -1;
    if (rc == 0 && xres > 0 && yres > 0) {
        /* pixels per metre, as Leptonica writes it */
        put32(phys, (uint32_t)(xres / 0.0254 + 0.5));
        put32(phys + 4, (uint32_t)(yres / 0.0254 + 0.5));
        phys[8] = 1;
        rc = put_chunk(fp, "pHYs", phys, sizeof(phys));
    }
    for (size_t off = 0; rc == 0 && off < nz; off += IDAT_MAX)
        rc = put_chunk(fp, "IDAT", z + off,
                       nz - off < IDAT_MAX ? nz - off : IDAT_MAX);
    if (rc == 0)
        rc = put_chunk(fp, "IEND", NULL, 0);
    free(z);
    return rc;
}
