/*
 * tess_pool.h - idle Tesseract engine sets shared by the threads of one
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
#ifndef BS_TESS_POOL_H
#define BS_TESS_POOL_H

#include "tess.h"

/* An engine set for tessdata folder `datapath` (NULL / "" = default), owned
 * by the caller until given back. */
struct bs_tess *bs_tess_pool_take(const char *datapath);
/* Gives an engine set back to the pool (NULL is ignored). */
void bs_tess_pool_give(struct bs_tess *tess, const char *datapath);
/* Frees every idle engine set (no thread may still hold one). */
void bs_tess_pool_free(void);

#endif
