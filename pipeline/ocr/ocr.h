/*
 * ocr.h - pipeline/ocr/, the only part that talks to Tesseract: engines
 * per language and reading a block (tess.c), a whole page read by
 * Tesseract's own segmentation (tess_page.c), idle engines shared by the
 * threads of a process (tess_pool.c), and one OpenMP thread per process
 * (omp_limit.c).
 *
 * Nothing outside ocr/ includes a Tesseract header.
 */
#ifndef BS_OCR_H
#define BS_OCR_H

#include "../base/base.h"
#include "../model/model.h"

#include <leptonica/allheaders.h>

/* ---- tess.c ---- */
/*
 * The one file that talks to Tesseract (C API).
 *
 * A bs_tess holds one initialised engine per language string ("eng",
 * "chi_sim+eng"), created on first use and reused for every block and page:
 * loading the models (Init3) costs far more than reading a block.  A bs_tess
 * is owned by one worker thread or process and is not thread-safe; a worker
 * reading blocks in parallel owns one per thread.
 */

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

/* The tessdata folder Tesseract reads for `datapath` (NULL / "" = its
 * default: TESSDATA_PREFIX or the compiled-in folder), malloc'd; NULL when
 * it cannot say. */
char *bs_tess_datapath(const char *datapath);

/* Tesseract's version string. */
const char *bs_tess_version(void);

/* ---- tess_page.c ---- */
/* Reads the whole page `src` (not taken over; pixels of the page, scale 1)
 * as plain Tesseract reads it: its own layout analysis (psm_layout, 3 as
 * `tesseract` does), then each text region read with psm_block (a uniform
 * block).  Appends to page one body block per region that holds words,
 * with block->order its place in Tesseract's reading order (0, 1, ...),
 * its box that of its lines.  On failure returns -1 with err set; the
 * blocks added so far stay. */
int bs_tess_read_page(struct bs_tess *tess, const char *lang, PIX *src,
                      int ppi, int psm_layout, int psm_block, int pad,
                      struct bs_page *page, struct bs_error *err);

/* ---- tess_pool.c ---- */
/*
 * Idle Tesseract engine sets shared by the threads of one
 * process.
 *
 * `ocr` may read the blocks of a page with several threads; each thread
 * needs its own bs_tess.  Loading a language costs far more than reading a
 * block, so the engine sets of the extra threads are not made per page:
 * a thread takes one from this pool (made on first need) and gives it back
 * when the page is read, and the next page reuses it with its languages
 * already loaded.  Whoever ends a process that read pages frees the pool
 * (bs_tess_pool_free) before exit(): Tesseract's own static objects are
 * destroyed by exit handlers, and an engine deleted after them reads freed
 * memory.  An atexit handler is only the fallback.  Thread-safe.
 */

/* An engine set for tessdata folder `datapath` (NULL / "" = default), owned
 * by the caller until given back. */
struct bs_tess *bs_tess_pool_take(const char *datapath);
/* Gives an engine set back to the pool (NULL is ignored). */
void bs_tess_pool_give(struct bs_tess *tess, const char *datapath);
/* Frees every idle engine set (no thread may still hold one). */
void bs_tess_pool_free(void);

/* ---- strips.c ---- */
/*
 * Column strips: the text blocks layout found in one column of one band,
 * read by Tesseract in one piece (its line finder copes with touching
 * lines and noise better than a cut a few lines high, and text between
 * blocks is not lost); the lines go back to the blocks holding them.
 */

struct bs_strip {
    int band, col;
    int *members;             /* block indexes, in page order */
    int nmembers, capmembers;
    struct bs_box box;        /* the members' boxes, widened into the
                                 gutters (half of each, at most a line
                                 pitch) */
};

/* Groups the text blocks of page that lie in one column of one band and
 * share a language into strips (blocks spanning columns, and below the
 * band of the masthead mastheads and type taller than max_text_px, when
 * > 0, are read alone).  Sets
 * in_strip[i] (page->nblocks ints) to block i's strip or -1.  Returns the
 * number of strips; *out is the caller's, freed with bs_strips_free. */
int bs_strips_plan(const struct bs_page *page, double max_text_px,
                   struct bs_strip **out, int *in_strip);
/* Paints white in crop (strip si's box, cut from src at scale 1) what
 * stands there but is not the strip's own: other text blocks and photos;
 * the members' own boxes are copied back from src whole. */
void bs_strip_mask(PIX *crop, PIX *src, const struct bs_page *page,
                   const struct bs_strip *s, const int *in_strip, int si);
/* Moves the lines of `from` (what was read of strip s, page coordinates)
 * to its members: each to the member holding its centre, else the nearest
 * one up or down the column (the block's box stays layout's).  `from` is
 * left without lines. */
void bs_strip_distribute(struct bs_page *page, const struct bs_strip *s,
                         struct bs_block *from);
void bs_strips_free(struct bs_strip *v, int n);

/* ---- omp_limit.c ---- */
/*
 * One OpenMP thread per process, set before libgomp starts.
 *
 * Tesseract's LSTM uses OpenMP; several threads per page only slow a batch
 * that already runs one worker process per core.  libgomp reads
 * OMP_THREAD_LIMIT once, when it is loaded (before main), so setting it
 * later in the process has no effect.  bs_omp_limit_reexec() therefore
 * re-executes the program once (its own path, from /proc/self/exe) with the
 * same argv, with
 * OMP_THREAD_LIMIT=1 in the environment, when the variable is unset.  A
 * value the user sets (OMP_THREAD_LIMIT=4 broadsheet run ...) is kept.
 * If the exec fails the program goes on unchanged.
 */

/* Returns only when no re-exec happened (variable already set, or exec
 * failed). */
void bs_omp_limit_reexec(char **argv);

#endif
