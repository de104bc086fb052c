/*
 * tess.h - the one file that talks to Tesseract (C API).
 *
 * A bs_tess holds one initialised engine per language string ("eng",
 * "chi_sim+eng"), created on first use and reused for every block and page:
 * loading the models (Init3) costs far more than reading a block.  A bs_tess
 * is owned by one worker thread or process and is not thread-safe; a worker
 * reading blocks in parallel owns one per thread.
 */
#ifndef BS_TESS_H
#define BS_TESS_H

#include "../base/error.h"
#include "../model/page.h"

#include <leptonica/allheaders.h>

struct bs_tess;

/* datapath: tessdata folder, or NULL / "" for Tesseract's default. */
struct bs_tess *bs_tess_new(const char *datapath);
void bs_tess_free(struct bs_tess **tess);

/* Checks that every language of a "+"-joined list is installed (from the
 * tessdata listing; only a language the listing lacks is loaded to be sure);
 * the error lists the installed ones. */
int bs_tess_check_lang(struct bs_tess *tess, const char *lang,
                       struct bs_error *err);

/* Where a crop sits on the page: page_x = x + crop_x / scale. */
struct bs_tess_map {
    int x, y;
    double scale;
};

/* Reads `*pix` (a block crop; taken over and destroyed, also on failure,
 * as soon as Tesseract has its own copy) with the given page segmentation
 * mode and resolution, and appends the lines and words it finds to `block`,
 * in page coordinates.  CJK output is cleaned of spaces between CJK
 * characters. */
int bs_tess_read(struct bs_tess *tess, const char *lang, PIX **pix, int psm,
                 int ppi, struct bs_tess_map map, struct bs_block *block,
                 struct bs_error *err);

/* One of Tesseract's text regions of a crop: its image and where its top
 * left corner lies in the crop. */
struct bs_tess_region {
    PIX *pix;   /* owned by whoever holds the region */
    int x, y;
};

/* Tesseract's own layout analysis (page segmentation mode psm, 3 or
 * another automatic one) of `pix` (not taken over), without recognition:
 * its text regions in reading order, each cut out of pix with `pad` pixels
 * around it and the rest of the crop (other regions' ink) painted white.
 * Reading each region with a uniform-block mode gives what reading pix
 * with psm gives, in parts that threads can share.  *out (n regions,
 * possibly 0) is the caller's: destroy each pix, free the array. */
int bs_tess_regions(struct bs_tess *tess, const char *lang, PIX *pix,
                    int psm, int ppi, int pad, struct bs_tess_region **out,
                    int *nout, struct bs_error *err);

/* Orientation of a page image (0, 90, 180, 270 degrees clockwise the page
 * must be turned to read upright) and the confidence, from Tesseract's OSD.
 * Fails when the osd data is not installed or the page has too little text. */
int bs_tess_orientation(struct bs_tess *tess, PIX *pix, int *degrees,
                        float *conf, struct bs_error *err);

/* Tesseract's version string. */
const char *bs_tess_version(void);

#endif
