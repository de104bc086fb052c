/*
 * ocr.c - stage `ocr`: reads each text block on its own crop with Tesseract.
 *
 * Reads gray.png (or binary.png with ocr_binary=1) and the blocks from
 * layout; writes lines and words, in page coordinates with confidences,
 * into the blocks.  Rules and photos are never sent to Tesseract.  The page
 * segmentation mode fits the role: body and captions are uniform blocks
 * (psm_body), a block of one line a single line (psm_line), other headline
 * blocks psm_headline.  Text taller than headline_max_px (at 300 dpi) is
 * scaled down first: Tesseract's LSTM misses glyphs much larger than it was
 * trained on.
 *
 * With ocr_threads > 1 (0: the cores the run leaves to each page) the
 * blocks are handed out largest first to that many threads, each with its own engine set (the run's own for the first, the
 * others from the process pool, tess_pool.h); each block is read alone, so
 * the result is the same as with one thread.
 */
#include "../pipeline/stage.h"
#include "../pipeline/tess.h"
#include "../pipeline/tess_pool.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Text height of a block: layout's, else (for one-line blocks) a guess
 * from its height. */
static double block_text_height(const struct bs_block *b)
{
    if (b->text_height > 0)
        return b->text_height;
    if (b->role != BS_ROLE_BODY && b->role != BS_ROLE_CAPTION &&
        b->role != BS_ROLE_UNKNOWN)
        return b->box.h * 0.7; /* headline-like: assume one line */
    return 0;
}

/* One line of text: the block is at most about 1.6 text heights tall. */
static int one_line(const struct bs_block *b)
{
    return b->text_height > 0 && b->box.h < 1.6 * b->text_height;
}

/* A body block far wider than any newspaper column (over ~45 glyphs of its
 * own size, or half the page when the size is unknown) holds several
 * columns layout did not split: Tesseract's own segmentation reads it
 * better than one uniform block would. */
static int wider_than_column(const struct bs_block *b, int page_width)
{
    if (b->text_height > 0)
        return b->box.w > 45 * b->text_height;
    return page_width > 0 && b->box.w > page_width / 2;
}

static int psm_for(const struct bs_block *b, int page_width,
                   const struct bs_profile *p)
{
    switch (b->role) {
    case BS_ROLE_BODY:
    case BS_ROLE_UNKNOWN:
        return wider_than_column(b, page_width) ? p->psm_region : p->psm_body;
    case BS_ROLE_CAPTION:
        return p->psm_body;
    default:
        return one_line(b) ? p->psm_line : p->psm_headline;
    }
}

/* Crops a block with a white margin, scaled so its text is at most
 * headline_max_px (at 300 dpi) tall.  Returns a new PIX owned by the caller
 * and the map back to page coordinates, or NULL when the block lies outside
 * the image. */
static PIX *block_crop(PIX *src, const struct bs_block *b, int dpi,
                       const struct bs_profile *p, struct bs_tess_map *map)
{
    BOX *box = boxCreate(b->box.x, b->box.y, b->box.w, b->box.h);
    PIX *crop = pixClipRectangle(src, box, NULL);
    PIX *padded, *scaled;
    int pad = p->ocr_pad_px;
    double scale = 1.0, th = block_text_height(b);
    double max_px = p->headline_max_px * (dpi > 0 ? dpi : 300) / 300.0;

    boxDestroy(&box);
    if (!crop)
        return NULL;
    map->x = b->box.x;
    map->y = b->box.y;
    if (th > max_px)
        scale = max_px / th;
    if (scale < 0.999) {
        scaled = pixGetDepth(crop) == 1
                     ? pixScaleToGray(crop, (l_float32)scale)
                     : pixScaleSmooth(crop, (l_float32)scale, (l_float32)scale);
        if (scaled) {
            pixDestroy(&crop);
            crop = scaled;
        } else {
            scale = 1.0;
        }
    }
    padded = pixAddBorder(crop, pad, pixGetDepth(crop) == 1 ? 0 : 255);
    pixDestroy(&crop);
    if (!padded)
        return NULL;
    map->x -= (int)lround(pad / scale);
    map->y -= (int)lround(pad / scale);
    map->scale = scale;
    return padded;
}

/* Reads block b with engine set tess; words below ocr_min_conf dropped. */
static int read_block(struct bs_tess *tess, PIX *src, struct bs_page *page,
                      struct bs_block *b, const char *lang,
                      const struct bs_profile *p, const char *dir,
                      struct bs_error *err)
{
    struct bs_tess_map map;
    PIX *crop = block_crop(src, b, page->dpi, p, &map);
    int rc;

    if (!crop)
        return bs_fail(err, "%s: block %s lies outside the page", dir, b->id);
    rc = bs_tess_read(tess, b->lang ? b->lang : lang, crop,
                      psm_for(b, page->width, p),
                      (int)lround((page->dpi > 0 ? page->dpi : 300) *
                                  map.scale),
                      map, b, err);
    pixDestroy(&crop);
    if (rc < 0)
        return -1;
    if (p->ocr_min_conf > 0) {
        for (int l = 0; l < b->nlines; l++) {
            struct bs_line *line = &b->lines[l];
            int k = 0;
            for (int w = 0; w < line->nwords; w++) {
                if (line->words[w].conf >= 0 &&
                    line->words[w].conf < p->ocr_min_conf) {
                    free(line->words[w].text);
                    continue;
                }
                line->words[k++] = line->words[w];
            }
            line->nwords = k;
        }
    }
    return 0;
}

/* The work shared by the threads of one page. */
struct work {
    PIX *src;
    struct bs_page *page;
    const char *lang, *dir;
    const struct bs_profile *p;
    int *todo;               /* block indexes, largest first */
    int ntodo, next;
    int failed;
    struct bs_error err;     /* the first failure */
    pthread_mutex_t lock;
};

struct worker {
    struct work *w;
    struct bs_tess *tess;
};

static void *worker_main(void *arg)
{
    struct worker *me = arg;
    struct work *w = me->w;
    struct bs_error err;

    for (;;) {
        int k;
        pthread_mutex_lock(&w->lock);
        k = w->failed ? w->ntodo : w->next++;
        pthread_mutex_unlock(&w->lock);
        if (k >= w->ntodo)
            break;
        if (read_block(me->tess, w->src, w->page, &w->page->blocks[w->todo[k]],
                       w->lang, w->p, w->dir, &err) < 0) {
            pthread_mutex_lock(&w->lock);
            if (!w->failed) {
                w->failed = 1;
                w->err = err;
            }
            pthread_mutex_unlock(&w->lock);
            break;
        }
    }
    return NULL;
}

struct sized {
    int block;
    long area;
};

static int by_area_desc(const void *pa, const void *pb)
{
    const struct sized *a = pa, *b = pb;
    if (a->area != b->area)
        return a->area < b->area ? 1 : -1;
    return a->block - b->block;
}

static int ocr_run(struct bs_run *run, struct bs_page *page,
                   struct bs_error *err)
{
    const struct bs_settings *s = run->settings;
    const struct bs_profile *p = &s->profile;
    PIX *src = bs_run_image(run, p->ocr_binary ? "binary.png" : "gray.png",
                            err);
    struct work w;
    struct worker *workers;
    pthread_t *threads;
    int nthreads, started = 0;

    if (!src)
        return -1;
    if (!run->tess)
        return bs_fail(err, "%s: no Tesseract engine for this run", run->dir);
    {
        /* page->lang may be the string the settings' answer points into. */
        char *lang = bs_strdup(bs_settings_lang(s, page->lang));
        bs_set_str(&page->lang, lang);
        free(lang);
    }
    memset(&w, 0, sizeof(w));
    w.src = src;
    w.page = page;
    w.lang = page->lang;
    w.dir = run->dir;
    w.p = p;
    w.todo = bs_calloc((size_t)page->nblocks + 1, sizeof(int));
    for (int i = 0; i < page->nblocks; i++) {
        struct bs_block *b = &page->blocks[i];
        bs_block_clear_lines(b);
        if (bs_role_has_text(b->role) && !bs_box_empty(b->box))
            w.todo[w.ntodo++] = i;
    }
    {
        struct sized *v = bs_calloc((size_t)w.ntodo + 1, sizeof(*v));
        for (int k = 0; k < w.ntodo; k++) {
            v[k].block = w.todo[k];
            v[k].area = bs_box_area(page->blocks[w.todo[k]].box);
        }
        qsort(v, (size_t)w.ntodo, sizeof(*v), by_area_desc);
        for (int k = 0; k < w.ntodo; k++)
            w.todo[k] = v[k].block;
        free(v);
    }
    nthreads = p->ocr_threads;
    if (nthreads == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        nthreads = s->page_cores > 0 ? s->page_cores : n > 64 ? 64 : (int)n;
    }
    if (nthreads > w.ntodo)
        nthreads = w.ntodo;
    if (nthreads < 1)
        nthreads = 1;
    pthread_mutex_init(&w.lock, NULL);
    workers = bs_calloc((size_t)nthreads, sizeof(*workers));
    threads = bs_calloc((size_t)nthreads, sizeof(*threads));
    for (int t = 0; t < nthreads; t++) {
        workers[t].w = &w;
        workers[t].tess = t == 0 ? run->tess : bs_tess_pool_take(s->tessdata);
    }
    for (int t = 1; t < nthreads; t++) {
        if (pthread_create(&threads[t], NULL, worker_main, &workers[t]) != 0)
            break;
        started = t;
    }
    worker_main(&workers[0]);
    for (int t = 1; t <= started; t++)
        pthread_join(threads[t], NULL);
    for (int t = 1; t < nthreads; t++)
        bs_tess_pool_give(workers[t].tess, s->tessdata);
    pthread_mutex_destroy(&w.lock);
    free(workers);
    free(threads);
    free(w.todo);
    if (w.failed) {
        *err = w.err;
        return -1;
    }
    return 0;
}

const struct bs_stage bs_stage_ocr = {
    .name = "ocr",
    .summary = "read each text block with Tesseract (C API)",
    .reads = "gray.png (binary.png with ocr_binary=1)",
    .writes = "",
    .saves_model = 1,
    .run = ocr_run,
};
