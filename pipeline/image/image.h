/*
 * image.h - reading page images of any format Leptonica knows, safely.
 *
 * Scans are untrusted: the format is taken from the content (a JPEG named
 * .png is read as JPEG), the size from the header is checked against a limit
 * before any pixel is decoded, and every page of a multi-page TIFF is a page.
 * The result is 8-bit grey, or 1-bit for a 1-bit (bilevel) scan: colour,
 * palette, 2/4/16-bit inputs are converted here, and a bilevel scan is not
 * blown up to eight times its size only to be thresholded again.
 */
#ifndef BS_IMAGE_H
#define BS_IMAGE_H

#include "../base/error.h"

#include <leptonica/allheaders.h>

/* Checks that path is a readable image and how many pages it holds (1 but
 * for multi-page TIFF). */
int bs_image_count_pages(const char *path, int *npages, struct bs_error *err);

/* Reads page `subpage` (0-based; use 0 for single-page files) as 8-bit grey,
 * or as 1-bit (1 = ink, no colormap) when the file is 1-bit.  *dpi gets the
 * resolution the file states (0 when it states none).  Images over
 * max_pixels are refused from their header.  The caller owns *out. */
int bs_image_read_scan(const char *path, int subpage, long long max_pixels,
                       PIX **out, int *dpi, struct bs_error *err);

/* Writes a PIX as PNG, atomically.  Fast over small: artifacts are read
 * back within seconds, so speed beats size (1- and 8-bit grey: encode.h,
 * libdeflate level 1; others: Leptonica at zlib level 1). */
int bs_image_write_png(const char *path, PIX *pix, struct bs_error *err);

/* True when the file at path can stand as an image artifact of the
 * pixels bs_image_read_scan gave from it, byte for byte: a PNG of grey
 * (colour type 0) at this bit depth (1 or 8), without transparency, its
 * chunks ending with IEND at the end of the file.  Reads chunk headers
 * only; anything else (or unreadable) is 0. */
int bs_image_png_as_is(const char *path, int depth);

/* Reads a PNG artifact that broadsheet wrote (no size surprises expected,
 * but checked all the same).  Caller owns *out. */
int bs_image_read_artifact(const char *path, PIX **out, struct bs_error *err);

/* Silences Leptonica's own stderr messages: broadsheet reports one line per
 * problem itself.  Call once from main. */
void bs_image_quiet(void);

#endif
