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
 * A grey page holding only black and white (a bilevel scan) is read as a
 * 1-bit image: the same pixels in an eighth of the memory.
 *
 * With ocr_threads > 1 (0, the default: the cores the run leaves to each
 * page) the blocks are handed out largest first to that many threads, each
 * with its own engine set (the run's own for the first, the others from the
 * process pool, tess_pool.c); each block is read alone, so the result is
 * the same as with one thread.  With ocr_split=1 as well, a block read with
 * psm_region (a wide block layout did not split) is first laid out by
 * Tesseract and its regions become jobs of their own, so a page with a few
 * big blocks still keeps every thread busy.
 */
#include "../pipeline/ocr/ocr.h"
#include "../pipeline/run/run.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
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

/* Paints white, in crop (block b's box of the page), the photos of the
 * page that reach into it: type beside a vignette or a photo shares rows
 * with it, and Tesseract reads a picture in a text crop as letters. */
static void blank_photos(PIX *crop, const struct bs_page *page,
                         const struct bs_block *b)
{
    int op = pixGetDepth(crop) == 1 ? PIX_CLR : PIX_SET;

    if (pixGetColormap(crop))
        return;
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *o = &page->blocks[i];
        if (o->role != BS_ROLE_IMAGE || o == b ||
            o->box.x >= bs_box_right(b->box) ||
            bs_box_right(o->box) <= b->box.x ||
            o->box.y >= bs_box_bottom(b->box) ||
            bs_box_bottom(o->box) <= b->box.y)
            continue;
        pixRasterop(crop, o->box.x - b->box.x, o->box.y - b->box.y, o->box.w,
                    o->box.h, op, NULL, 0, 0);
    }
}

/* The factor that brings the page's body type up to ocr_min_xheight_px
 * for Tesseract, which reads small type badly: 1 when it is that large
 * already or the gain is under 10%.  The x-height is the measured one, or
 * for square scripts (Chinese: the commonest glyph is a whole character)
 * that of Latin type on the same line pitch. */
static double body_upscale(const struct bs_page *page,
                           const struct bs_profile *p)
{
    double xh = page->type.x_height, pitch = page->type.line_pitch, f;

    if (p->ocr_min_xheight_px <= 0 || xh <= 0)
        return 1.0;
    if (pitch > 0 && 0.55 * pitch < xh)
        xh = 0.55 * pitch;
    f = p->ocr_min_xheight_px / xh;
    return f < 1.1 ? 1.0 : f > 4.0 ? 4.0 : f;
}

/* Crops a block with a white margin, its photos painted white (those of
 * page), scaled so small body type reaches ocr_min_xheight_px and its
 * text is at most headline_max_px tall.  Returns a new PIX owned by the
 * caller and the map back to page coordinates, or NULL when the block
 * lies outside the image. */
static PIX *block_crop(PIX *src, const struct bs_page *page,
                       const struct bs_block *b, const struct bs_profile *p,
                       struct bs_tess_map *map)
{
    BOX *box = boxCreate(b->box.x, b->box.y, b->box.w, b->box.h);
    PIX *crop = pixClipRectangle(src, box, NULL);
    PIX *padded, *scaled;
    int pad = p->ocr_pad_px;
    double scale = body_upscale(page, p), th = block_text_height(b);
    double max_px = p->headline_max_px;

    boxDestroy(&box);
    if (!crop)
        return NULL;
    blank_photos(crop, page, b);
    map->x = b->box.x;
    map->y = b->box.y;
    if (th * scale > max_px)
        scale = max_px / th;
    if (fabs(scale - 1.0) > 0.001) {
        if (pixGetDepth(crop) == 1) {
            /* The grey page it stands for, scaled as the grey page is. */
            PIX *g = pixConvertTo8(crop, FALSE);
            pixDestroy(&crop);
            if (!g)
                return NULL;
            crop = g;
        }
        scaled = scale < 1.0
                     ? pixScaleSmooth(crop, (l_float32)scale, (l_float32)scale)
                     : pixScaleGrayLI(crop, (l_float32)scale, (l_float32)scale);
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

/* A speck read as text: ASCII marks alone ("~", "|", "-", ".") with a
 * confidence under ocr_speck_conf.  Letters, digits and non-ASCII marks
 * (CJK punctuation, dashes, quotes) are never specks. */
static int speck(const struct bs_word *w, const struct bs_profile *p)
{
    if (w->conf < 0 || w->conf >= p->ocr_speck_conf || !w->text[0])
        return 0;
    for (const unsigned char *c = (const unsigned char *)w->text; *c; c++)
        if (*c >= 0x80 || (*c >= '0' && *c <= '9') ||
            ((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z'))
            return 0;
    return 1;
}

/* True when a word is marks a rule can be read as: bars, colons, quotes,
 * dashes, I, l, 1 (and nothing else). */
static int rule_marks(const char *t)
{
    if (!*t)
        return 0;
    for (const unsigned char *c = (const unsigned char *)t; *c; c++)
        if (!strchr("|!:;'`\".,_-=~[](){}Il1i/\\", *c))
            return 0;
    return 1;
}

/* True when word w of line is dust read as a mark: marks only, smaller
 * than half the x-height both ways, at an end of the line and parted from
 * the next word by over two x-heights (a full stop or a leader dot stands
 * by its words). */
static int dust_mark(const struct bs_line *line, int w, double xh)
{
    const struct bs_word *wd = &line->words[w];
    int gap;

    if (xh <= 0 || wd->box.w >= xh / 2 || wd->box.h >= xh / 2 ||
        line->nwords < 2 || (w != 0 && w != line->nwords - 1))
        return 0;
    gap = w == 0 ? line->words[1].box.x - bs_box_right(wd->box)
                 : wd->box.x - bs_box_right(line->words[w - 1].box);
    return gap > 2 * xh;
}

/* True when word w of line, in block b, is ink from outside the block
 * read with the line: at an end of the line, its middle past the block's
 * box (layout fits a block's box to its ink, so a column strip's OCR
 * reaching into a gutter or a neighbour brings such words along), parted
 * from the line by over two x-heights and read with little confidence.
 * A word the block's ink holds is never dropped here, nor any in a column
 * strip's lines before they go to their blocks (no box yet). */
static int outside_word(const struct bs_block *b, const struct bs_line *line,
                        int w, double xh)
{
    const struct bs_word *wd = &line->words[w];
    int mid = wd->box.x + wd->box.w / 2, gap;

    if (xh <= 0 || bs_box_empty(b->box) || line->nwords < 2 ||
        wd->conf < 0 || wd->conf >= 40 ||
        (w != 0 && w != line->nwords - 1) ||
        (mid >= b->box.x && mid < bs_box_right(b->box)))
        return 0;
    gap = w == 0 ? line->words[1].box.x - bs_box_right(wd->box)
                 : wd->box.x - bs_box_right(line->words[w - 1].box);
    return gap > 2 * xh;
}

/* Drops the words that are no text but marks (rule_marks): a rule read
 * as marks, the word's box on a rule of the page (a column rule in a
 * gutter that a column strip takes in: ":", "|", "!"; a cutoff rule read
 * as "___"), and dust beside a line (dust_mark); and words from outside
 * the block (outside_word).  Line boxes are fitted to the words left. */
static void drop_stray_marks(const struct bs_page *page, struct bs_block *b)
{
    double xh = page->type.x_height;

    for (int l = 0; l < b->nlines; l++) {
        struct bs_line *line = &b->lines[l];
        unsigned char *gone = bs_calloc((size_t)line->nwords + 1, 1);
        int k = 0;
        for (int w = 0; w < line->nwords; w++) {
            const struct bs_word *wd = &line->words[w];
            if (bs_box_empty(wd->box))
                continue;
            gone[w] = (unsigned char)outside_word(b, line, w, xh);
            if (gone[w] || !rule_marks(wd->text))
                continue;
            gone[w] = (unsigned char)dust_mark(line, w, xh);
            for (int r = 0; r < page->nblocks && !gone[w]; r++) {
                const struct bs_block *rb = &page->blocks[r];
                gone[w] = rb->role == BS_ROLE_SEPARATOR &&
                          bs_box_xoverlap(rb->box, wd->box) > 0 &&
                          bs_box_yoverlap(rb->box, wd->box) > 0;
            }
        }
        for (int w = 0; w < line->nwords; w++) {
            if (gone[w]) {
                free(line->words[w].text);
                continue;
            }
            line->words[k++] = line->words[w];
        }
        if (k < line->nwords) {
            line->nwords = k;
            bs_line_fit_box(line);
        }
        free(gone);
    }
}

/* Drops the words of block b below ocr_min_conf, and specks. */
static void drop_low_conf(struct bs_block *b, const struct bs_profile *p)
{
    if (p->ocr_min_conf <= 0 && p->ocr_speck_conf <= 0)
        return;
    for (int l = 0; l < b->nlines; l++) {
        struct bs_line *line = &b->lines[l];
        int k = 0;
        for (int w = 0; w < line->nwords; w++) {
            if ((line->words[w].conf >= 0 &&
                 line->words[w].conf < p->ocr_min_conf) ||
                speck(&line->words[w], p)) {
                free(line->words[w].text);
                continue;
            }
            line->words[k++] = line->words[w];
        }
        line->nwords = k;
    }
}

/* Moves the lines of `from` to the end of `to`; `from` is left empty. */
static void move_lines(struct bs_block *to, struct bs_block *from)
{
    for (int l = 0; l < from->nlines; l++) {
        bs_grow((void **)&to->lines, &to->caplines, to->nlines + 1,
                sizeof(*to->lines));
        to->lines[to->nlines++] = from->lines[l];
    }
    free(from->lines);
    from->lines = NULL;
    from->nlines = from->caplines = 0;
}

/* One piece of work: a whole block, or one of Tesseract's regions of a
 * block read with psm_region (see split below). */
struct job {
    int block;               /* index into page->blocks */
    int strip;               /* index into work.strips, -1: not a strip */
    PIX *pix;                /* a region's image (owned); NULL: whole block */
    struct bs_tess_map map;  /* for a region */
    struct bs_block *out;    /* a region's or strip's lines (owned); NULL:
                                the block */
};

/* The work shared by the threads of one page.  Threads take jobs in order;
 * splitting a block appends its regions' jobs. */
struct work {
    PIX *src;
    struct bs_page *page;
    const char *lang, *dir;
    const struct bs_profile *p;
    int split;               /* read psm_region blocks region by region */
    int bilevel;             /* src is a bilevel grey page made 1-bit */
    struct bs_strip *strips; /* column strips (ocr/strips.c) */
    int nstrips;
    int *in_strip;           /* per block: its strip or -1 */
    double upscale;          /* body type scaled up by this for Tesseract */
    struct job *jobs;
    int njobs, capjobs, next;
    int splitting;           /* blocks being split: more jobs may come */
    int failed;
    struct bs_error err;     /* the first failure */
    pthread_mutex_t lock;
    pthread_cond_t more;     /* jobs added, or a split or the page ended */
};

static int ppi_of(const struct bs_page *page, double scale)
{
    return (int)lround(bs_page_res(page) * scale);
}

/* Tesseract's layout analysis of block b (read with psm_region): queues one
 * job per text region, in reading order, instead of reading the block in
 * one piece.  Analysis is a fraction of the reading, and the regions (each
 * a column or a headline) are read by all threads at once. */
static int split_block(struct bs_tess *tess, struct work *w, int bi,
                       struct bs_error *err)
{
    struct bs_block *b = &w->page->blocks[bi];
    struct bs_tess_map map;
    struct bs_tess_region *r;
    PIX *crop = block_crop(w->src, w->page, b, w->p, &map);
    int n;

    if (!crop)
        return bs_fail(err, "%s: block %s lies outside the page", w->dir,
                       b->id);
    if (bs_tess_regions(tess, b->lang ? b->lang : w->lang, crop,
                        w->p->psm_region, ppi_of(w->page, map.scale),
                        w->p->ocr_pad_px, &r, &n, err) < 0) {
        pixDestroy(&crop);
        return -1;
    }
    pixDestroy(&crop);
    pthread_mutex_lock(&w->lock);
    for (int k = 0; k < n; k++) {
        struct job *j;
        bs_grow((void **)&w->jobs, &w->capjobs, w->njobs + 1,
                sizeof(*w->jobs));
        j = &w->jobs[w->njobs++];
        j->block = bi;
        j->strip = -1;
        j->pix = r[k].pix;
        j->map.scale = map.scale;
        j->map.x = map.x + (int)lround(r[k].x / map.scale);
        j->map.y = map.y + (int)lround(r[k].y / map.scale);
        j->out = bs_calloc(1, sizeof(*j->out));
        snprintf(j->out->id, sizeof(j->out->id), "%s", b->id);
    }
    pthread_mutex_unlock(&w->lock);
    free(r);
    return 0;
}

/* Cuts strip si out of the page with what is not its own painted white,
 * scaled up with small body type, with a white margin.  Returns a new PIX
 * owned by the caller and the map back to page coordinates, or NULL. */
static PIX *strip_crop(const struct work *w, int si, struct bs_tess_map *map)
{
    const struct bs_strip *st = &w->strips[si];
    BOX *box = boxCreate(st->box.x, st->box.y, st->box.w, st->box.h);
    PIX *crop = pixClipRectangle(w->src, box, NULL), *padded;
    double scale = w->upscale;
    int pad = w->p->ocr_pad_px;

    boxDestroy(&box);
    if (!crop)
        return NULL;
    bs_strip_mask(crop, w->src, w->page, st, w->in_strip, si);
    if (scale > 1.001) {
        PIX *g = pixGetDepth(crop) == 1 ? pixConvertTo8(crop, FALSE)
                                        : pixClone(crop);
        PIX *up = g ? pixScaleGrayLI(g, (l_float32)scale, (l_float32)scale)
                    : NULL;
        pixDestroy(&g);
        if (up) {
            pixDestroy(&crop);
            crop = up;
        } else {
            scale = 1.0;
        }
    }
    padded = pixAddBorder(crop, pad, pixGetDepth(crop) == 1 ? 0 : 255);
    pixDestroy(&crop);
    if (!padded)
        return NULL;
    map->x = st->box.x - (int)lround(pad / scale);
    map->y = st->box.y - (int)lround(pad / scale);
    map->scale = scale;
    return padded;
}

/* True when job j is a whole block to split into regions. */
static int splits(const struct work *w, const struct job *j)
{
    return w->split && !j->out && j->strip < 0 &&
           psm_for(&w->page->blocks[j->block], w->page->width, w->p) ==
               w->p->psm_region &&
           w->p->psm_region != w->p->psm_body;
}

/* Does job j (a copy taken under the lock) with engine set tess. */
static int do_job(struct bs_tess *tess, struct work *w, struct job *j,
                  struct bs_error *err)
{
    struct bs_block *b = &w->page->blocks[j->block];
    const char *lang = b->lang ? b->lang : w->lang;
    int psm = psm_for(b, w->page->width, w->p);
    struct bs_tess_map map;
    PIX *crop;

    if (j->strip >= 0) { /* a column strip: Tesseract lays it out */
        crop = strip_crop(w, j->strip, &map);
        if (!crop)
            return bs_fail(err, "%s: a column strip lies outside the page",
                           w->dir);
        return bs_tess_read(tess, lang, &crop, w->p->psm_column,
                            ppi_of(w->page, map.scale), map, j->out, err);
    }
    if (j->out) /* a region: one of Tesseract's blocks, read as uniform */
        return bs_tess_read(tess, lang, &j->pix, w->p->psm_body,
                            ppi_of(w->page, j->map.scale), j->map, j->out,
                            err);
    if (splits(w, j)) {
        int rc = split_block(tess, w, j->block, err);
        pthread_mutex_lock(&w->lock);
        w->splitting--;
        pthread_cond_broadcast(&w->more);
        pthread_mutex_unlock(&w->lock);
        return rc;
    }
    crop = block_crop(w->src, w->page, b, w->p, &map);
    if (!crop)
        return bs_fail(err, "%s: block %s lies outside the page", w->dir,
                       b->id);
    return bs_tess_read(tess, lang, &crop, psm, ppi_of(w->page, map.scale),
                        map, b, err);
}

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
        struct job j;
        int k;
        pthread_mutex_lock(&w->lock);
        /* No job yet, but a block being split will bring some. */
        while (!w->failed && w->next >= w->njobs && w->splitting > 0)
            pthread_cond_wait(&w->more, &w->lock);
        if (w->failed || w->next >= w->njobs) {
            pthread_mutex_unlock(&w->lock);
            break;
        }
        k = w->next++;
        j = w->jobs[k];
        w->jobs[k].pix = NULL; /* the job's image is now this thread's */
        if (splits(w, &j))
            w->splitting++;
        pthread_mutex_unlock(&w->lock);
        if (do_job(me->tess, w, &j, &err) < 0) {
            pthread_mutex_lock(&w->lock);
            if (!w->failed) {
                w->failed = 1;
                w->err = err;
            }
            pthread_cond_broadcast(&w->more);
            pthread_mutex_unlock(&w->lock);
            break;
        }
    }
    return NULL;
}

struct sized {
    int block, strip;
    long area;
};

static int by_area_desc(const void *pa, const void *pb)
{
    const struct sized *a = pa, *b = pb;
    if (a->area != b->area)
        return a->area < b->area ? 1 : -1;
    return a->block - b->block;
}

/* The image to read: the grey page, or binary.png with ocr_binary=1.  A
 * grey page holding only black and white (a bilevel scan) is read as the
 * 1-bit image it is: the same pixels, an eighth of the memory in every crop
 * and in Tesseract's copies.  Returns a PIX owned by the caller. */
static PIX *ocr_source(struct bs_run *run, const struct bs_profile *p,
                       int *bilevel_out, struct bs_error *err)
{
    const char *name = p->ocr_binary ? "binary.png" : "gray.png";
    PIX *src = bs_run_image(run, name, err), *bin;
    NUMA *hist;
    int bilevel = 1;

    *bilevel_out = 0;
    if (!src)
        return NULL;
    if (pixGetDepth(src) != 8 || pixGetColormap(src) ||
        !(hist = pixGetGrayHistogram(src, 1)))
        return pixClone(src);
    for (int v = 1; v < 255 && bilevel; v++) {
        l_float32 c = 0;
        numaGetFValue(hist, v, &c);
        bilevel = c == 0;
    }
    numaDestroy(&hist);
    if (!bilevel || !(bin = pixThresholdToBinary(src, 128)))
        return pixClone(src);
    pixCopyResolution(bin, src);
    bs_run_forget_image(run, name);
    *bilevel_out = 1;
    return bin;
}

/* Reads the page's text blocks along layout's result: column strips and
 * blocks, on `src` (borrowed), by the threads. */
static int read_by_layout(struct bs_run *run, struct bs_page *page, PIX *src,
                          int bilevel, struct bs_error *err)
{
    const struct bs_settings *s = run->settings;
    const struct bs_profile *p = &s->profile;
    struct work w;
    struct worker *workers;
    pthread_t *threads;
    struct sized *v;
    int nthreads, started = 0, ntext = 0;

    memset(&w, 0, sizeof(w));
    w.bilevel = bilevel;
    w.src = src;
    w.page = page;
    w.lang = page->lang;
    w.dir = run->dir;
    w.p = p;
    /* The blocks of each column of a band are read as one strip
     * (psm_column; 0: every block alone), the others alone.  Rules and
     * photos never reach Tesseract; the largest jobs go first so no thread
     * is left with a big one at the end. */
    w.upscale = body_upscale(page, p);
    w.in_strip = bs_calloc((size_t)page->nblocks + 1, sizeof(int));
    for (int i = 0; i < page->nblocks; i++)
        w.in_strip[i] = -1;
    if (p->psm_column > 0)
        w.nstrips = bs_strips_plan(page, p->headline_max_px / w.upscale,
                                   &w.strips, w.in_strip);
    v = bs_calloc((size_t)page->nblocks + 1, sizeof(*v));
    for (int k = 0; k < w.nstrips; k++) {
        v[ntext].block = w.strips[k].members[0];
        v[ntext].strip = k;
        v[ntext].area = bs_box_area(w.strips[k].box);
        ntext++;
    }
    for (int i = 0; i < page->nblocks; i++) {
        struct bs_block *b = &page->blocks[i];
        if (w.in_strip[i] < 0 && bs_role_has_text(b->role) &&
            !bs_box_empty(b->box)) {
            v[ntext].block = i;
            v[ntext].strip = -1;
            v[ntext].area = bs_box_area(b->box);
            ntext++;
        }
    }
    qsort(v, (size_t)ntext, sizeof(*v), by_area_desc);
    bs_grow((void **)&w.jobs, &w.capjobs, ntext + 1, sizeof(*w.jobs));
    for (int k = 0; k < ntext; k++) {
        struct job j = {.block = v[k].block, .strip = v[k].strip};
        if (j.strip >= 0)
            j.out = bs_calloc(1, sizeof(*j.out));
        w.jobs[w.njobs++] = j;
    }
    free(v);

    nthreads = p->ocr_threads;
    if (nthreads == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        nthreads = s->page_cores > 0 ? s->page_cores : n > 64 ? 64 : (int)n;
    }
    /* With ocr_split, several threads split the blocks Tesseract must lay
     * out itself, so that they can share them; one thread reads them whole
     * (without the regions' second line finding). */
    w.split = p->ocr_split && nthreads > 1;
    if (nthreads > ntext && !w.split)
        nthreads = ntext;
    if (nthreads < 1)
        nthreads = 1;
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.more, NULL);
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
    /* Regions' lines go to their blocks in Tesseract's reading order. */
    for (int k = 0; k < w.njobs; k++) {
        struct job *j = &w.jobs[k];
        pixDestroy(&j->pix);
        if (j->out && j->strip >= 0) {
            /* before its lines go to the blocks they lie in */
            drop_stray_marks(page, j->out);
            bs_strip_distribute(page, &w.strips[j->strip], j->out);
        }
        else if (j->out)
            move_lines(&page->blocks[j->block], j->out);
        free(j->out);
    }
    for (int i = 0; i < page->nblocks; i++) {
        drop_stray_marks(page, &page->blocks[i]);
        drop_low_conf(&page->blocks[i], p);
    }
    pthread_cond_destroy(&w.more);
    pthread_mutex_destroy(&w.lock);
    free(workers);
    free(threads);
    free(w.jobs);
    bs_strips_free(w.strips, w.nstrips);
    free(w.in_strip);
    if (w.failed) {
        *err = w.err;
        return -1;
    }
    return 0;
}

/* Characters (code points) of a UTF-8 word. */
static long chars_of(const char *t)
{
    long n = 0;

    for (const unsigned char *c = (const unsigned char *)t; *c; c++)
        n += (*c & 0xC0) != 0x80;
    return n;
}

/* The mean word confidence of the page's text, each word weighted by its
 * characters (a long word read well outweighs a speck read badly), and
 * the number of characters; -1 when no word has a confidence. */
static double text_conf(const struct bs_page *page, long *nchars)
{
    double sum = 0;
    long n = 0;

    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        if (!bs_role_has_text(b->role))
            continue;
        for (int l = 0; l < b->nlines; l++)
            for (int k = 0; k < b->lines[l].nwords; k++) {
                const struct bs_word *wd = &b->lines[l].words[k];
                long c = chars_of(wd->text);
                if (wd->conf < 0 || c <= 0)
                    continue;
                sum += (double)wd->conf * (double)c;
                n += c;
            }
    }
    *nchars = n;
    return n ? sum / (double)n : -1;
}

/* Reads the page by Tesseract's own segmentation (pipeline/ocr/
 * tess_page.c) into a new page `*out` of the same size and type, owned by
 * the caller; its blocks are cleaned as layout's are. */
static int read_by_tesseract(struct bs_run *run, const struct bs_page *page,
                             PIX *src, struct bs_page **out,
                             struct bs_error *err)
{
    const struct bs_profile *p = &run->settings->profile;
    struct bs_page *alt = bs_page_new();

    alt->width = page->width;
    alt->height = page->height;
    alt->dpi = page->dpi;
    alt->type = page->type;
    /* psm 3: what `tesseract PAGE out` does */
    if (bs_tess_read_page(run->tess, page->lang, src, ppi_of(page, 1.0), 3,
                          p->psm_body, p->ocr_pad_px, alt, err) < 0) {
        bs_page_free(&alt);
        return -1;
    }
    for (int i = 0; i < alt->nblocks; i++) {
        drop_stray_marks(alt, &alt->blocks[i]);
        drop_low_conf(&alt->blocks[i], p);
    }
    *out = alt;
    return 0;
}

/* Replaces layout's reading of page by Tesseract's (alt, emptied): its
 * text blocks and rules go, and so do the bands (the columns are what is
 * in doubt); layout's photos stay where no text of alt lies, so that no
 * text is hidden under one. */
static void adopt(struct bs_page *page, struct bs_page *alt)
{
    for (int i = page->nblocks - 1; i >= 0; i--) {
        struct bs_block *b = &page->blocks[i];
        int covers = b->role != BS_ROLE_IMAGE;
        for (int k = 0; k < alt->nblocks && !covers; k++)
            covers = bs_box_area(bs_box_intersect(b->box,
                                                  alt->blocks[k].box)) > 0;
        if (covers) {
            bs_page_remove_block(page, i);
        } else {
            b->band = b->col_first = b->col_last = -1;
        }
    }
    bs_page_clear_bands(page);
    for (int k = 0; k < alt->nblocks; k++) {
        struct bs_block *from = &alt->blocks[k];
        struct bs_block *b = bs_page_add_block(page, from->role, from->box);
        b->order = from->order;
        b->text_height = from->text_height;
        move_lines(b, from);
    }
}

static int ocr_run(struct bs_run *run, struct bs_page *page,
                   struct bs_error *err)
{
    const struct bs_profile *p = &run->settings->profile;
    struct bs_page *alt = NULL;
    PIX *src;
    double conf, alt_conf;
    long nchars, alt_chars;
    int bilevel, rc = -1;

    if (!run->tess)
        return bs_fail(err, "%s: no Tesseract engine for this run", run->dir);
    src = ocr_source(run, p, &bilevel, err);
    if (!src)
        return -1;
    {
        /* page->lang may be the string the settings' answer points into. */
        char *lang = bs_strdup(bs_settings_lang(run->settings, page->lang));
        bs_set_str(&page->lang, lang);
        free(lang);
    }
    for (int i = 0; i < page->nblocks; i++)
        bs_block_clear_lines(&page->blocks[i]);
    if (page->doubt) {
        /* layout failed its own check: Tesseract's segmentation only */
        if (read_by_tesseract(run, page, src, &alt, err) < 0)
            goto out;
        adopt(page, alt);
        rc = 0;
        goto out;
    }
    if (read_by_layout(run, page, src, bilevel, err) < 0)
        goto out;
    rc = 0;
    /* Text read with a confidence far under what print gives was read
     * along a wrong layout (or is no text Tesseract can read at all):
     * Tesseract's own segmentation is tried, and kept when it reads the
     * page with more confidence. */
    conf = text_conf(page, &nchars);
    if (p->ocr_doubt_conf <= 0 || nchars < 200 || conf >= p->ocr_doubt_conf)
        goto out;
    if (read_by_tesseract(run, page, src, &alt, err) < 0) {
        rc = -1;
        goto out;
    }
    alt_conf = text_conf(alt, &alt_chars);
    if (alt_conf > conf) {
        char why[256];
        snprintf(why, sizeof(why), "mean word confidence %.1f under "
                 "ocr_doubt_conf %g; Tesseract's own segmentation read "
                 "%.1f", conf, p->ocr_doubt_conf, alt_conf);
        adopt(page, alt);
        bs_set_str(&page->doubt, why);
    }
out:
    bs_page_free(&alt);
    pixDestroy(&src);
    return rc;
}

const struct bs_stage bs_stage_ocr = {
    .name = "ocr",
    .summary = "read each text block with Tesseract (C API)",
    .reads = "gray.png (binary.png with ocr_binary=1)",
    .writes = "",
    .saves_model = 1,
    .run = ocr_run,
};
