/*
 * components.h - 8-connected components of a 1-bit image, found from runs
 * of ink, and selection of components by their bounding box.
 *
 * The same components as Leptonica's pixConnComp(pix, .., 8), found in a
 * single pass over the rows without copying a pixel per component: on a
 * broadsheet page (20 000 glyphs) that is several times faster, which the
 * binarize and layout stages need (their share of the OCR time is bounded).
 */
#ifndef BS_COMPONENTS_H
#define BS_COMPONENTS_H

#include <leptonica/allheaders.h>

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

#endif
