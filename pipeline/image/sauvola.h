/*
 * sauvola.h - Sauvola binarization in one pass over the rows.
 *
 * The same pixels as Leptonica's pixSauvolaBinarizeTiled(gray, whsize,
 * factor, nx, ny, NULL, &bin) for any tiling: a pixel is ink when it is
 * darker than m * (1 - factor * (1 - s / 128)), m and s the mean and
 * standard deviation of the (2 whsize + 1)^2 window around it, the page
 * mirrored at its edges.  Leptonica sums the window from integral images of
 * doubles and writes the mean, mean square and threshold out as images
 * first; here running column sums of integers (as exact) give each row's
 * window sums in place, in about a quarter of the time on a grey newspaper
 * page, with memory for a few rows of sums instead of page-sized images.
 */
#ifndef BS_SAUVOLA_H
#define BS_SAUVOLA_H

#include <leptonica/allheaders.h>

/* A new 1-bit image (ink = 1, resolution copied) from the 8-bit gray
 * (no colormap), or NULL when gray is of another kind, whsize < 2, the
 * page is not larger than the window both ways (w, h >= 2 whsize + 3, as
 * Leptonica asks), or factor < 0. */
PIX *bs_sauvola(PIX *gray, int whsize, float factor);

#endif
