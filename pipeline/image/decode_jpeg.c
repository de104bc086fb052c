/*
 * decode_jpeg.c - JPEG files to a PIX with libjpeg, errors into bs_error
 * (contract in decode.h).
 */
#include "decode.h"

#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

/* libjpeg's error manager, extended with the way back and the message. */
struct jpeg_failure {
    struct jpeg_error_mgr mgr;
    jmp_buf back;
    char msg[JMSG_LENGTH_MAX];
};

static void on_error(j_common_ptr cinfo)
{
    struct jpeg_failure *f = (struct jpeg_failure *)cinfo->err;

    (*cinfo->err->format_message)(cinfo, f->msg);
    longjmp(f->back, 1);
}

/* Trace messages (level >= 0) are dropped.  A warning (level -1) about the
 * data ("Premature end of JPEG file", "Corrupt JPEG data: ...") fails the
 * decode like an error: libjpeg goes on with grey where the data ended,
 * and a page cut short would lose its text silently.  Warnings about
 * metadata only (an unknown JFIF revision or Adobe transform code, a bad
 * ICC profile) leave the pixels whole and are ignored. */
static void on_message(j_common_ptr cinfo, int level)
{
    int code = cinfo->err->msg_code;

    if (level >= 0 || code == JWRN_JFIF_MAJOR || code == JWRN_ADOBE_XFORM ||
        code == JWRN_BOGUS_ICC)
        return;
    on_error(cinfo);
}

int bs_decode_jpeg(const char *path, long long max_pixels, PIX **out,
                   int *dpi, struct bs_error *err)
{
    struct jpeg_decompress_struct cinfo;
    struct jpeg_failure f;
    JSAMPLE *volatile row = NULL;
    PIX *volatile pix = NULL;
    volatile int too_large = 0;
    volatile unsigned long big_w = 0, big_h = 0;
    FILE *fp;
    int channels;

    *out = NULL;
    *dpi = 0;
    fp = fopen(path, "rb");
    if (!fp)
        return bs_fail(err, "%s: cannot open: %s", path, strerror(errno));
    memset(&f, 0, sizeof(f));
    cinfo.err = jpeg_std_error(&f.mgr);
    f.mgr.error_exit = on_error;
    f.mgr.emit_message = on_message;
    if (setjmp(f.back)) {
        PIX *p = pix;
        jpeg_destroy_decompress(&cinfo);
        fclose(fp);
        free(row);
        pixDestroy(&p);
        if (too_large)
            return bs_fail(err, "%s: image too large (%lux%lu = %lld pixels, "
                           "limit %lld; see --max-pixels)", path,
                           big_w, big_h, (long long)big_w * (long long)big_h,
                           max_pixels);
        return bs_fail(err, "%s: cannot decode image (truncated or corrupt "
                       "JPEG: %s)", path, f.msg);
    }
    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, fp);
    jpeg_read_header(&cinfo, TRUE);
    if ((long long)cinfo.image_width * cinfo.image_height > max_pixels) {
        too_large = 1;
        big_w = cinfo.image_width;
        big_h = cinfo.image_height;
        longjmp(f.back, 1);
    }
    if (cinfo.density_unit == 1)
        *dpi = cinfo.X_density;
    else if (cinfo.density_unit == 2)
        *dpi = (int)(cinfo.X_density * 2.54 + 0.5);
    /* Grey stays grey, CMYK and YCCK come out as CMYK (turned into RGB
     * below), everything else as RGB. */
    if (cinfo.jpeg_color_space == JCS_GRAYSCALE)
        cinfo.out_color_space = JCS_GRAYSCALE;
    else if (cinfo.jpeg_color_space == JCS_CMYK ||
             cinfo.jpeg_color_space == JCS_YCCK)
        cinfo.out_color_space = JCS_CMYK;
    else
        cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    channels = cinfo.output_components;
    if (channels != 1 && channels != 3 && channels != 4) {
        snprintf(f.msg, sizeof(f.msg), "%d colour components", channels);
        longjmp(f.back, 1);
    }
    pix = pixCreate((int)cinfo.output_width, (int)cinfo.output_height,
                    channels == 1 ? 8 : 32);
    row = malloc((size_t)cinfo.output_width * channels);
    if (!pix || !row)
        bs_oom();
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW rp = row;
        l_uint32 *line = pixGetData(pix) +
                         (size_t)cinfo.output_scanline * pixGetWpl(pix);
        jpeg_read_scanlines(&cinfo, &rp, 1);
        for (JDIMENSION x = 0; x < cinfo.output_width; x++) {
            const JSAMPLE *px = row + (size_t)x * channels;
            if (channels == 1)
                SET_DATA_BYTE(line, x, px[0]);
            else if (channels == 3)
                composeRGBPixel(px[0], px[1], px[2], &line[x]);
            else if (cinfo.saw_Adobe_marker) /* Adobe writes inverted ink */
                composeRGBPixel(px[0] * px[3] / 255, px[1] * px[3] / 255,
                                px[2] * px[3] / 255, &line[x]);
            else
                composeRGBPixel((255 - px[0]) * (255 - px[3]) / 255,
                                (255 - px[1]) * (255 - px[3]) / 255,
                                (255 - px[2]) * (255 - px[3]) / 255, &line[x]);
        }
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    fclose(fp);
    free(row);
    pixSetResolution(pix, *dpi, *dpi);
    *out = pix;
    return 0;
}
