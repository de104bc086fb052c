/*
 * overlay.h - draws a page model over its page image, for people to check
 * what layout and the later stages made of a page.
 */
#ifndef BS_OVERLAY_H
#define BS_OVERLAY_H

#include "../model/page.h"

#include <leptonica/allheaders.h>

/* Returns a new 32 bpp copy of img (any depth) with the bands' columns
 * (light blue), rules (red) and blocks (outlined in their role's colour,
 * numbered in reading order when the model has one) drawn on it; NULL when
 * img cannot be converted.  img is borrowed. */
PIX *bs_overlay_render(PIX *img, const struct bs_page *page);

/* The colour a role is drawn in, 0xRRGGBB. */
unsigned bs_overlay_role_colour(enum bs_role role);

#endif
