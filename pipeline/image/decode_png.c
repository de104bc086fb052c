/*
 * decode_png.c - PNG files to a PIX with libpng, errors into bs_error
 * (contract in decode.h).
 */
#include "decode.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest chunk (other than pixel data) a PNG may hold: libpng's own
 * default build limit. */
#define BS_PNG_CHUNK_MAX 8000000

/* Where libpng's error handler leaves the message before it jumps back. */
struct png_failure {
    char msg[160];
};

static void on_error(png_structp png, png_const_charp msg)
{
    struct png_failure *f = png_get_error_ptr(png);

    snprintf(f->msg, sizeof(f->msg), "%s", msg ? msg : "error");
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

/* Ancillary chunks come before the pixels and before any size check, and
 * libpng allocates each one whole (a 141-byte file declaring a 2 GB tEXt
 * chunk cost 2 GB).  broadsheet reads pHYs and the pixels; every chunk is
 * capped, chunks it has no use for are skipped unread (never inflated:
 * zTXt, iTXt and iCCP are compressed), and at most a few are kept. */
static void limit_chunks(png_structp png)
{
    static const png_byte skip[] =
        "tEXt\0zTXt\0iTXt\0iCCP\0sPLT\0eXIf\0tIME\0hIST\0sBIT\0bKGD\0"
        "cHRM\0gAMA\0sRGB\0oFFs\0pCAL\0sCAL";

    png_set_user_limits(png, 1000000, 1000000);
    png_set_chunk_malloc_max(png, BS_PNG_CHUNK_MAX);
    png_set_chunk_cache_max(png, 64);
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
    png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, skip,
                                (int)(sizeof(skip) / 5));
}

int bs_decode_png(const char *path, long long max_pixels, PIX **out,
                  int *dpi, struct bs_error *err)
{
    struct png_failure f = {""};
    png_structp png = NULL;
    png_infop info = NULL;
    PIX *volatile pix = NULL;
    png_bytep *volatile rows = NULL;
    volatile int too_large = 0;
    volatile unsigned long big_w = 0, big_h = 0;
    FILE *fp;
    png_uint_32 w, h, xres, yres;
    int depth, ctype, unit, channels;
    size_t rowbytes;

    *out = NULL;
    *dpi = 0;
    fp = fopen(path, "rb");
    if (!fp)
        return bs_fail(err, "%s: cannot open: %s", path, strerror(errno));
    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &f, on_error,
                                 on_warning);
    info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        fclose(fp);
        bs_oom();
    }
    if (setjmp(png_jmpbuf(png))) {
        PIX *p = pix;
        png_destroy_read_struct(&png, &info, NULL);
        fclose(fp);
        free(rows);
        pixDestroy(&p);
        if (too_large)
            return bs_fail(err, "%s: image too large (%lux%lu = %lld pixels, "
                           "limit %lld; see --max-pixels)", path,
                           big_w, big_h, (long long)big_w * (long long)big_h,
                           max_pixels);
        return bs_fail(err, "%s: cannot decode image (truncated or corrupt "
                       "PNG: %s)", path, f.msg);
    }
    png_init_io(png, fp);
    limit_chunks(png);
    png_read_info(png, info);
    png_get_IHDR(png, info, &w, &h, &depth, &ctype, NULL, NULL, NULL);
    if ((long long)w * h > max_pixels) {
        too_large = 1;
        big_w = w;
        big_h = h;
        png_longjmp(png, 1);
    }
    if (png_get_pHYs(png, info, &xres, &yres, &unit) &&
        unit == PNG_RESOLUTION_METER && xres < 1000000)
        *dpi = (int)(xres * 0.0254 + 0.5);

    /* 1-bit grey stays 1-bit (ink as 1, as Leptonica has it), other grey
     * becomes 8-bit, colour 8-bit RGBA (a filler byte when the file has no
     * alpha; the luminance ignores it), so that rows decode straight into
     * the PIX's own words. */
    if (ctype == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    if (ctype == PNG_COLOR_TYPE_GRAY && depth == 1)
        png_set_invert_mono(png);
    else if (ctype == PNG_COLOR_TYPE_GRAY && depth < 8)
        png_set_expand_gray_1_2_4_to_8(png);
    if (depth == 16)
        png_set_strip_16(png);
    if (ctype == PNG_COLOR_TYPE_GRAY_ALPHA)
        png_set_strip_alpha(png);
    if (ctype == PNG_COLOR_TYPE_RGB || ctype == PNG_COLOR_TYPE_PALETTE)
        png_set_filler(png, 0xff, PNG_FILLER_AFTER);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    channels = png_get_channels(png, info);
    depth = png_get_bit_depth(png, info);
    rowbytes = png_get_rowbytes(png, info);
    if (!(channels == 1 && (depth == 1 || depth == 8)) &&
        !(channels == 4 && depth == 8)) {
        snprintf(f.msg, sizeof(f.msg), "unexpected layout (%d channels, "
                 "%d bits)", channels, depth);
        png_longjmp(png, 1);
    }
    pix = pixCreate((int)w, (int)h, channels == 4 ? 32 : depth);
    rows = malloc(sizeof(*rows) * h);
    if (!pix || !rows)
        bs_oom();
    if (rowbytes > (size_t)pixGetWpl(pix) * 4) {
        snprintf(f.msg, sizeof(f.msg), "rows of %zu bytes", rowbytes);
        png_longjmp(png, 1);
    }
    for (png_uint_32 y = 0; y < h; y++)
        rows[y] = (png_bytep)(pixGetData(pix) + (size_t)y * pixGetWpl(pix));
    /* Not png_read_end: chunks after the pixels (or a missing IEND) do not
     * make a decoded scan unusable. */
    png_read_image(png, rows);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(fp);
    free(rows);
    /* PNG bytes are in reading order; a PIX word holds its first byte most
     * significant (a no-op on big-endian machines). */
    pixEndianByteSwap(pix);
    if (depth == 1)
        pixSetPadBits(pix, 0);
    pixSetResolution(pix, *dpi, *dpi);
    *out = pix;
    return 0;
}
