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

/* Copies decoded rows (1 or 3 bytes per pixel) into a new PIX. */
static PIX *rows_to_pix(png_bytep *rows, int w, int h, int channels)
{
    PIX *pix = pixCreate(w, h, channels == 1 ? 8 : 32);

    if (!pix)
        return NULL;
    for (int y = 0; y < h; y++) {
        l_uint32 *line = pixGetData(pix) + (size_t)y * pixGetWpl(pix);
        const png_byte *src = rows[y];
        for (int x = 0; x < w; x++) {
            if (channels == 1)
                SET_DATA_BYTE(line, x, src[x]);
            else
                composeRGBPixel(src[3 * x], src[3 * x + 1], src[3 * x + 2],
                                &line[x]);
        }
    }
    return pix;
}

int bs_decode_png(const char *path, long long max_pixels, PIX **out,
                  int *dpi, struct bs_error *err)
{
    struct png_failure f = {""};
    png_structp png = NULL;
    png_infop info = NULL;
    png_byte *volatile buf = NULL;
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
        png_destroy_read_struct(&png, &info, NULL);
        fclose(fp);
        free(rows);
        free(buf);
        if (too_large)
            return bs_fail(err, "%s: image too large (%lux%lu = %lld pixels, "
                           "limit %lld; see --max-pixels)", path,
                           big_w, big_h, (long long)big_w * (long long)big_h,
                           max_pixels);
        return bs_fail(err, "%s: cannot decode image (truncated or corrupt "
                       "PNG: %s)", path, f.msg);
    }
    png_init_io(png, fp);
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

    /* Everything to 8-bit grey or 8-bit RGB. */
    if (ctype == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    if (ctype == PNG_COLOR_TYPE_GRAY && depth < 8)
        png_set_expand_gray_1_2_4_to_8(png);
    if (depth == 16)
        png_set_strip_16(png);
    png_set_strip_alpha(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    channels = png_get_channels(png, info);
    rowbytes = png_get_rowbytes(png, info);
    if ((channels != 1 && channels != 3) || rowbytes < (size_t)w * channels) {
        snprintf(f.msg, sizeof(f.msg), "unexpected layout (%d channels)",
                 channels);
        png_longjmp(png, 1);
    }
    buf = malloc(rowbytes * h);
    rows = malloc(sizeof(*rows) * h);
    if (!buf || !rows)
        bs_oom();
    for (png_uint_32 y = 0; y < h; y++)
        rows[y] = buf + rowbytes * y;
    /* Not png_read_end: chunks after the pixels (or a missing IEND) do not
     * make a decoded scan unusable. */
    png_read_image(png, rows);

    *out = rows_to_pix(rows, (int)w, (int)h, channels);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(fp);
    free(rows);
    free(buf);
    if (!*out)
        bs_oom();
    pixSetResolution(*out, *dpi, *dpi);
    return 0;
}
