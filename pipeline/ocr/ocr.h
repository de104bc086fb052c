/*
 * ocr.h - pipeline/ocr/, the only part that talks to Tesseract: engines
 * per language and reading a block (tess.c), idle engines shared by the
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
