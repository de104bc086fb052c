/*
 * layout.h - pipeline/layout/, the pieces the layout stage is built from,
 * one concept per file: rules.c, photos.c, gutters.c, bands.c, islands.c,
 * blocks.c, roles_layout.c, specks.c, self_check.c.  They find rules,
 * photos, columns, bands, blocks and the roles geometry shows, and check
 * the result; they read no text.
 *
 * All take a 1-bit page image (ink = 1) and borrow it; returned arrays and
 * images belong to the caller.  Lengths are pixels of that image.
 */
#ifndef BS_LAYOUT_H
#define BS_LAYOUT_H

#include "../model/model.h"

#include <leptonica/allheaders.h>

/* Scales a length given at 300 dpi to the page's resolution (at least 1). */
int bs_at_dpi(int px300, int dpi);

/* rules.c: straight ink runs at least min_len long and at most max_thick
 * thick.  *hrules and *vrules get new BOXA (never NULL on success); *mask,
 * when asked for, the rule pixels.  Returns 0, or -1 on bad input. */
int bs_find_rules(PIX *bin, int min_len, int max_thick, BOXA **hrules,
                  BOXA **vrules, PIX **mask);

/* photos.c: halftones and other solid picture areas whose sides are both at
 * least min_side.  Returns a new BOXA (empty when none), NULL on bad input. */
BOXA *bs_find_photos(PIX *bin, int min_side);

/* photos.c: drawings and line-screened pictures, mostly white: clusters
 * of at least 8 straight strokes (from bs_find_rules, min_len long), 80% of
 * them shorter than 2 * min_len, spanning at least min_side both ways.
 * Page rules are long and far apart.  Returns a new BOXA (empty when
 * none), NULL on bad input. */
BOXA *bs_find_drawn_photos(PIX *bin, BOXA *rules, int min_len, int min_side);

/* photos.c: engravings and woodcuts: components with both sides at least
 * min_side enclosing at least 20 holes (a letter encloses a few) that do
 * not stand in a row of others like them (a masthead's letters).  boxes
 * and comps are the text image's components (pixConnComp); they are
 * borrowed.  Returns a new BOXA (empty when none), NULL on bad input. */
BOXA *bs_find_engravings(BOXA *boxes, PIXA *comps, int min_side);

/* specks.c: removes, in place, components lying farther than `reach` from
 * larger ink that are smaller than `size` both ways, or (stroke > 1, and
 * only on a page of solid type) thin: under `fibre` both ways with no
 * stroke x stroke solid part.  The dot of an i or a full stop stays;
 * halftone dots do not: blank photos first.  Returns 0, or -1 on
 * failure. */
int bs_remove_specks(PIX *bin, int size, int reach, int stroke, int fibre);

/* gutters.c: columns of the text image `text` within rows [y0, y1): the
 * x-ranges between vertical runs of white at least min_gutter wide.  Adds
 * them to band (at most max_cols; the narrowest gutters give way).  A band
 * shorter than min_rows gets a single column over its ink.  Returns the
 * number of columns. */
int bs_find_columns(PIX *text, int y0, int y1, int min_gutter, int max_cols,
                    int min_rows, struct bs_band *band);

/* bands.c: cuts the page into horizontal bands at rules spanning nearly
 * the whole inked width of `text`, and gives each band its columns, found
 * in `body` (the text image without large type).  Bands holding no ink are
 * dropped. */
void bs_find_bands(struct bs_page *page, PIX *text, PIX *body, BOXA *hrules,
                   const struct bs_profile *p, int body_h);

/* islands.c: text over a gutter of a band with its columns' text beside
 * it on both sides (a caption centred in a wrap, a pull quote): white runs
 * at least min_gap wide part it from both, down all its rows, and it and
 * the text beside it are at least two body lines tall.  Looked for in
 * `body` (the text image without large type, so spanning headlines are
 * not islands); the boxes are its ink in `text`.  Returns a new BOXA
 * (empty when none), NULL on bad input. */
BOXA *bs_find_islands(PIX *text, PIX *body, const struct bs_page *page,
                      int body_h, int min_gap);

/* blocks.c: the typical body line height of the text image (median height
 * of the text lines found in a vertical strip scan), at least 1. */
int bs_body_line_height(PIX *text, const struct bs_page *page);
/* blocks.c: text blocks of every band column of the page: lines grouped
 * at vertical gaps and changes of type size; pieces in neighbouring columns
 * that are one spanning headline (ink across the gutter, or the same large
 * type side by side) are joined.  Each island (from bs_find_islands, may
 * be NULL) is a block of its own, left out of the columns.  A block ends
 * where a photo or island beside it (in `photos`, may be NULL) begins or
 * ends; pieces beside a column rule (in `vrules`, may be NULL) are never
 * joined across it.  Adds BS_ROLE_BODY blocks with band, columns and
 * text_height (median line height) set.  Returns the body line height
 * measured on the blocks' lines (body_h when there are none). */
int bs_find_blocks(struct bs_page *page, PIX *text, BOXA *photos,
                   BOXA *islands, BOXA *vrules, int body_h,
                   const struct bs_profile *p);

/* roles_layout.c: roles from geometry: masthead, folio, kicker, headline,
 * subheadline, byline and caption; everything else stays body. */
void bs_layout_roles(struct bs_page *page, int body_h,
                     const struct bs_profile *p);

/* self_check.c: layout's check of its own result: 1 when the page breaks
 * a convention every newspaper page keeps (body text found, the masthead
 * and folios a small part of the type and above the middle, bands and
 * their columns that do not overlap), with why (a short sentence naming
 * the broken convention and its figures) written to why; 0 when the
 * layout stands (why ""), or when profile->layout_check is 0.  With
 * layout_check 2 every page is in doubt. */
int bs_layout_doubt(const struct bs_page *page, const struct bs_profile *p,
                    char *why, size_t size);

#endif
