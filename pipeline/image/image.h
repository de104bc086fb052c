/*
 * image.h - pipeline/image/, pixels in and out and the operations on them
 * that know no layout: reading scans and writing PNG artifacts (image.c,
 * with the decoders decode_*.c and the encoder encode_png.c behind it),
 * Sauvola binarization (sauvola.c), connected components (components.c)
 * and the overlay that draws a page model on its image (overlay.c).
 *
 * All images are Leptonica PIX; who owns each is said per function.
 */
#ifndef BS_IMAGE_H
#define BS_IMAGE_H

#include "../base/base.h"
#include "../model/model.h"

#include <leptonica/allheaders.h>

/* ---- image.c ---- */
/*
 * Reading page images of any format Leptonica knows, safely.
 *
 * Scans are untrusted: the format is taken from the content (a JPEG named
 * .png is read as JPEG), the size from the header is checked against a limit
 * before any pixel is decoded, and every page of a multi-page TIFF is a page.
 * The result is 8-bit grey, or 1-bit for a 1-bit (bilevel) scan: colour,
 * palette, 2/4/16-bit inputs are converted here, and a bilevel scan is not
 * blown up to eight times its size only to be thresholded again.
 */

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

/* Reads a grey PNG artifact that broadsheet wrote (1-bit as 1 = ink, or
 * 8-bit), refusing one over max_pixels (the run's --max-pixels) from its
 * header like a scan.  Caller owns *out. */
int bs_image_read_artifact(const char *path, long long max_pixels,
                           PIX **out, struct bs_error *err);

/* Silences Leptonica's own stderr messages: broadsheet reports one line per
 * problem itself.  Call once from main. */
void bs_image_quiet(void);

/* ---- sauvola.c ---- */
/*
 * Sauvola binarization in one pass over the rows.
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

/* A new 1-bit image (ink = 1, resolution copied) from the 8-bit gray
 * (no colormap), or NULL when gray is of another kind, whsize < 2, the
 * page is not larger than the window both ways (w, h >= 2 whsize + 3, as
 * Leptonica asks), or factor < 0. */
PIX *bs_sauvola(PIX *gray, int whsize, float factor);

/* ---- components.c ---- */
/*
 * 8-connected components of a 1-bit image, found from runs
 * of ink, and selection of components by their bounding box.
 *
 * The same components as Leptonica's pixConnComp(pix, .., 8), found in a
 * single pass over the rows without copying a pixel per component: on a
 * broadsheet page (20 000 glyphs) that is several times faster, which the
 * binarize and layout stages need (their share of the OCR time is bounded).
 */

/* One horizontal run of ink: row y, columns [x0, x1), component comp. */
struct bs_inkrun {
    int y, x0, x1, comp;
};

/* Components: runs in row order, and per component its bounding box
 * (x0, y0 inclusive; x1, y1 exclusive). */
struct bs_comps {
    struct bs_inkrun *runs;
    int nruns;
    int *x0, *y0, *x1, *y1;
    int n;
};

/* Finds the 8-connected components of the 1-bit pix into *cc (which the
 * caller releases with bs_comps_release, also on failure).  Returns 0, or
 * -1 on bad input.  Allocation failure is fatal (bs_oom). */
int bs_comps_find(PIX *pix, struct bs_comps *cc);
void bs_comps_release(struct bs_comps *cc);

/* A new image the size of like (a template: depth 1, resolution copied)
 * holding the components whose keep[comp] is non-zero.  NULL on bad
 * input. */
PIX *bs_comps_render(const struct bs_comps *cc, PIX *like,
                     const unsigned char *keep);

/* The same result as pixSelectBySize(pix, width, height, 8, type,
 * relation, NULL) (type: L_SELECT_WIDTH, L_SELECT_HEIGHT,
 * L_SELECT_IF_EITHER or L_SELECT_IF_BOTH; relation: L_SELECT_IF_LT,
 * _GT, _LTE or _GTE), found with bs_comps_find.  Returns a new image, NULL
 * on bad input. */
PIX *bs_select_by_size(PIX *pix, int width, int height, int type,
                       int relation);

/* The same selection from components already found in like (a page
 * whose components are cc): a new image, NULL on a bad type or
 * relation. */
PIX *bs_comps_select(const struct bs_comps *cc, PIX *like, int width,
                     int height, int type, int relation);

/* True when a component of width w and height h passes the test of
 * bs_select_by_size. */
int bs_size_selected(int w, int h, int width, int height, int type,
                     int relation);

/* ---- type_size.c ---- */
/*
 * The size of a page's body type, measured on its ink: the commonest
 * glyph height, the pitch of body lines and the stroke width.  Lengths
 * are derived from these, never from a resolution tag.
 */

/* Measures the body type of the 1-bit page bin into *out (zeroed first;
 * out->glyphs stays 0 when fewer than 200 letter-like components were
 * found, line_pitch 0 when no pitch stood out).  Returns 0, or -1 when bin
 * is not a 1-bit image. */
int bs_type_measure(PIX *bin, struct bs_type_size *out);
/* The same from the components of a page already found (borrowed). */
void bs_type_measure_comps(const struct bs_comps *cc, struct bs_type_size *out);

/* ---- print_area.c ---- */
/*
 * The print area: the rectangle a page's type is set in, so that ink in
 * the margin beyond it (scan borders, shadows, the facing page) is not
 * taken for text.
 */

/* Sets *area to the print area of a width x height page whose components
 * are cc and whose body type is t: the x-range of its body-sized glyphs
 * less narrow strips at the sides parted from the type by white; the
 * whole height.  Returns 0, or -1 (and the whole page in
 * *area) when the type is unknown or too little to tell. */
int bs_print_area(const struct bs_comps *cc, const struct bs_type_size *t,
                  int width, int height, struct bs_box *area);

/* ---- overlay.c ---- */
/*
 * Draws a page model over its page image, for people to check
 * what layout and the later stages made of a page.
 */

/* Returns a new 32 bpp copy of img (any depth) with the bands' columns
 * (light blue), rules (red) and blocks (outlined in their role's colour,
 * labelled with their reading order number and article id when the model
 * has them) drawn on it, and a legend of the roles' colours in the top
 * left corner; NULL when img cannot be converted.  img is borrowed. */
PIX *bs_overlay_render(PIX *img, const struct bs_page *page);

/* The colour a role is drawn in, 0xRRGGBB. */
unsigned bs_overlay_role_colour(enum bs_role role);

#endif
