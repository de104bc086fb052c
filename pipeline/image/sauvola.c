/*
 * sauvola.c - Sauvola binarization from running window sums (contract in
 * image.h).
 */
#include "image.h"

#include "../base/base.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

/* Index of the pixel that stands at i in a line of n mirrored at both ends
 * (the edge pixel repeated: -1 -> 0, n -> n - 1), as pixAddMirroredBorder
 * makes it; |i| stays within n of the line. */
static int mirror(int i, int n)
{
    return i < 0 ? -1 - i : i >= n ? 2 * n - 1 - i : i;
}

/* Row r of gray mirrored at its ends into ext: ext[e] is source column
 * mirror(e - wh), e < w + 2 wh. */
static void extend_row(const l_uint32 *line, int w, int wh,
                       unsigned char *ext)
{
    for (int e = 0; e < wh; e++)
        ext[e] = (unsigned char)GET_DATA_BYTE(line, wh - 1 - e);
    for (int x = 0; x < w; x++)
        ext[wh + x] = (unsigned char)GET_DATA_BYTE(line, x);
    for (int e = 0; e < wh; e++)
        ext[wh + w + e] = (unsigned char)GET_DATA_BYTE(line, w - 1 - e);
}

PIX *bs_sauvola(PIX *gray, int whsize, float factor)
{
    int w, h, wpls, wpld, win, n, wh = whsize;
    const l_uint32 *datas;
    l_uint32 *datad;
    uint32_t *sum, *sq;
    unsigned char *in, *out;
    /* Leptonica's normalisations, in its own types: the mean through a
     * float, the mean square through a double. */
    l_float32 norm_mean;
    l_float64 norm_sq;
    PIX *bin;

    if (!gray || pixGetDepth(gray) != 8 || pixGetColormap(gray) ||
        whsize < 2 || factor < 0)
        return NULL;
    w = pixGetWidth(gray);
    h = pixGetHeight(gray);
    if (w < 2 * wh + 3 || h < 2 * wh + 3)
        return NULL;
    bin = pixCreate(w, h, 1);
    if (!bin)
        bs_oom();
    pixCopyResolution(bin, gray);
    win = 2 * wh + 1;
    norm_mean = (l_float32)(1.0 / ((l_float32)win * win));
    norm_sq = 1.0 / ((l_float32)win * win);
    datas = pixGetData(gray);
    wpls = pixGetWpl(gray);
    datad = pixGetData(bin);
    wpld = pixGetWpl(bin);
    n = w + 2 * wh;
    sum = bs_calloc((size_t)n, sizeof(*sum));
    sq = bs_calloc((size_t)n, sizeof(*sq));
    in = bs_malloc((size_t)n);
    out = bs_malloc((size_t)n);
    /* Column sums over rows y - wh .. y + wh; the first window is rows
     * -wh .. wh.  Each later row adds one row and drops one (unsigned
     * arithmetic: the sums never go below 0, so wrapping is exact). */
    for (int r = -wh; r <= wh; r++) {
        extend_row(datas + (size_t)mirror(r, h) * wpls, w, wh, in);
        for (int e = 0; e < n; e++) {
            sum[e] += in[e];
            sq[e] += (uint32_t)in[e] * in[e];
        }
    }
    for (int y = 0; y < h; y++) {
        const l_uint32 *lines = datas + (size_t)y * wpls;
        l_uint32 *lined = datad + (size_t)y * wpld;
        uint32_t s = 0;
        l_uint32 bits = 0;
        int64_t q = 0; /* signed: a single instruction to a double */

        if (y > 0) {
            extend_row(datas + (size_t)mirror(y + wh, h) * wpls, w, wh, in);
            extend_row(datas + (size_t)mirror(y - wh - 1, h) * wpls, w, wh,
                       out);
            for (int e = 0; e < n; e++) {
                sum[e] += (uint32_t)in[e] - out[e];
                sq[e] += (uint32_t)in[e] * in[e] - (uint32_t)out[e] * out[e];
            }
        }
        for (int e = 0; e < win; e++) {
            s += sum[e];
            q += sq[e];
        }
        for (int x = 0; x < w; x++) {
            int mean, var, thresh;
            l_float32 sd;
            if (x > 0) {
                s += sum[x + win - 1] - sum[x - 1];
                q += (int64_t)sq[x + win - 1] - sq[x - 1];
            }
            mean = (l_uint8)(norm_mean * s);
            var = (int)(l_uint32)(norm_sq * (l_float64)q + 0.5) - mean * mean;
            /* truncation can leave var a little below 0 on flat areas,
             * where Leptonica reads before its table of roots */
            sd = sqrtf((l_float32)(var > 0 ? var : 0));
            thresh = (int)(mean * (1.0 - factor * (1.0 - sd / 128.)));
            /* ink bits gathered a word at a time: no branch on the pixel */
            bits = bits << 1 | (l_uint32)((int)GET_DATA_BYTE(lines, x) < thresh);
            if ((x & 31) == 31)
                lined[x >> 5] = bits;
        }
        if (w & 31)
            lined[w >> 5] = bits << (32 - (w & 31));
    }
    free(sum);
    free(sq);
    free(in);
    free(out);
    return bin;
}
