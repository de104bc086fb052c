/*
 * xycut.c - the physical reading order of a page: its text blocks as the
 * eye meets them, band by band, and inside a band column by column, each
 * top to bottom -- the order of a page transcription (and of Tesseract's
 * own output), where the article order of segment.c reads each article
 * whole.  The two differ where articles share a column: under a headline
 * over two columns, the first column's foot may hold another story, read
 * before the second column in a page's order, after it in the article's.
 *
 * The method is the recursive XY-cut, preferring cuts between columns: a
 * set of blocks is cut at the widest white run of x no block crosses
 * (columns, left to right), else at a white run of y (top to bottom), and
 * each part is cut again.  A headline across two columns keeps them from
 * being cut apart until the cut under it has set it before both; a block
 * floating inside the text across a gutter (text above and below it: a
 * caption in a wrap) does not, and is read after the columns it reaches
 * into.  Blocks that overlap so that no cut parts them are read top to
 * bottom.
 */
#include "model.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

struct xy {
    const struct bs_page *page;
    int *idx;          /* blocks being ordered (a working copy) */
    int *seq;          /* out: seq[block] = position */
    int next;
    int slack;         /* px two boxes may overlap and still be cut apart */
};

static struct bs_box box_of(const struct xy *c, int k)
{
    return c->page->blocks[c->idx[k]].box;
}

static int by_x0(const void *pa, const void *pb, void *ctx)
{
    const struct xy *c = ctx;
    struct bs_box a = c->page->blocks[*(const int *)pa].box;
    struct bs_box b = c->page->blocks[*(const int *)pb].box;
    if (a.x != b.x)
        return a.x < b.x ? -1 : 1;
    return a.y < b.y ? -1 : a.y > b.y;
}

static int by_y0(const void *pa, const void *pb, void *ctx)
{
    const struct xy *c = ctx;
    struct bs_box a = c->page->blocks[*(const int *)pa].box;
    struct bs_box b = c->page->blocks[*(const int *)pb].box;
    if (a.y != b.y)
        return a.y < b.y ? -1 : 1;
    return a.x < b.x ? -1 : a.x > b.x;
}

/* Sorts idx[lo..hi) along x or y and returns the first index of each part
 * after a cut (cuts[0..n)), parts being runs whose extents (less the
 * slack) do not overlap the ones before.  Returns the number of parts. */
static int parts(struct xy *c, int lo, int hi, int vertical, int *cuts)
{
    int n = 0, reach;

    qsort_r(c->idx + lo, (size_t)(hi - lo), sizeof(int),
            vertical ? by_x0 : by_y0, c);
    reach = -1;
    for (int k = lo; k < hi; k++) {
        struct bs_box b = box_of(c, k);
        int s = vertical ? b.x : b.y, e = vertical ? bs_box_right(b)
                                                  : bs_box_bottom(b);
        int slack = c->slack < (e - s) / 4 ? c->slack : (e - s) / 4;
        if (k > lo && s + slack >= reach)
            cuts[n++] = k;
        if (e - slack > reach)
            reach = e - slack;
    }
    return n;
}

static void cut(struct xy *c, int lo, int hi, int depth);

/* True when block k of idx[lo..hi) floats inside the text around it: it
 * spans columns of its band and other blocks stand above and below it
 * within its width (a caption set over a gutter in a text wrap, a pull
 * quote), so it does not part what is above it from what is below. */
static int floats(const struct xy *c, int lo, int hi, int k)
{
    const struct bs_block *blk = &c->page->blocks[c->idx[k]];
    struct bs_box b = blk->box;
    int above = 0, below = 0;

    if (blk->col_first < 0 || blk->col_last <= blk->col_first)
        return 0;
    for (int i = lo; i < hi && !(above && below); i++) {
        struct bs_box o = box_of(c, i);
        if (i == k || bs_box_xoverlap(o, b) <= 0)
            continue;
        above |= bs_box_bottom(o) <= b.y + c->slack;
        below |= o.y + c->slack >= bs_box_bottom(b);
    }
    return above && below;
}

/* Reads idx[lo..hi) column by column when only floating blocks cross the
 * gutters: the columns are cut apart without them, and each floating
 * block is read after the last column it reaches into (the text beside it
 * first).  Returns 0 when the columns cannot be cut apart even so. */
static int cut_around_floats(struct xy *c, int lo, int hi, int depth)
{
    int n = hi - lo, nf = 0, nr = 0, ncut, *fl, *cuts, *rest;
    int done = 0;

    fl = bs_malloc((size_t)n * sizeof(int));
    rest = bs_malloc((size_t)n * sizeof(int));
    for (int k = lo; k < hi; k++)
        if (floats(c, lo, hi, k))
            fl[nf++] = c->idx[k];
        else
            rest[nr++] = c->idx[k];
    if (nf > 0 && nr > 1) {
        memcpy(c->idx + lo, rest, (size_t)nr * sizeof(int));
        cuts = bs_malloc((size_t)nr * sizeof(int));
        ncut = parts(c, lo, lo + nr, 1, cuts);
        if (ncut > 0) {
            unsigned char *read = bs_calloc((size_t)nf + 1, 1);
            for (int p = 0, s = lo; p <= ncut; p++) {
                int e = p < ncut ? cuts[p] : lo + nr;
                int px0 = box_of(c, s).x, px1 = px0;
                for (int k = s; k < e; k++) {
                    struct bs_box b = box_of(c, k);
                    px0 = b.x < px0 ? b.x : px0;
                    px1 = bs_box_right(b) > px1 ? bs_box_right(b) : px1;
                }
                cut(c, s, e, depth + 1);
                /* the floating blocks whose last column this is */
                for (int f = 0; f < nf; f++) {
                    struct bs_box b = c->page->blocks[fl[f]].box;
                    int next_x = p < ncut ? box_of(c, e).x : 1 << 30;
                    if (!read[f] && bs_box_right(b) > px0 &&
                        (bs_box_right(b) <= next_x + c->slack || p == ncut)) {
                        c->seq[fl[f]] = c->next++;
                        read[f] = 1;
                    }
                }
                s = e;
            }
            for (int f = 0; f < nf; f++)
                if (!read[f])
                    c->seq[fl[f]] = c->next++;
            free(read);
            done = 1;
        } else {
            /* put them back: the set is cut some other way */
            memcpy(c->idx + lo + nr, fl, (size_t)nf * sizeof(int));
        }
        free(cuts);
    }
    free(fl);
    free(rest);
    return done;
}

static void cut(struct xy *c, int lo, int hi, int depth)
{
    int *cuts;
    int n;

    if (hi - lo <= 1 || depth > 64) {
        /* one block, or a tangle no cut parts: top to bottom */
        if (hi - lo > 1)
            qsort_r(c->idx + lo, (size_t)(hi - lo), sizeof(int), by_y0, c);
        for (int k = lo; k < hi; k++)
            c->seq[c->idx[k]] = c->next++;
        return;
    }
    cuts = bs_malloc((size_t)(hi - lo) * sizeof(int));
    n = parts(c, lo, hi, 1, cuts);
    if (n == 0 && cut_around_floats(c, lo, hi, depth)) {
        free(cuts);
        return;
    }
    if (n == 0)
        n = parts(c, lo, hi, 0, cuts);
    if (n == 0) {
        free(cuts);
        cut(c, lo, hi, 65);
        return;
    }
    for (int p = 0, s = lo; p <= n; p++) {
        int e = p < n ? cuts[p] : hi;
        cut(c, s, e, depth + 1);
        s = e;
    }
    free(cuts);
}

void bs_physical_order(const struct bs_page *page, double body_h, int *seq)
{
    struct xy c;
    int n = 0;

    /* a page read by Tesseract's segmentation has no columns to cut by */
    if (page->doubt) {
        bs_doubt_order(page, seq);
        return;
    }
    for (int i = 0; i < page->nblocks; i++)
        seq[i] = -1;
    memset(&c, 0, sizeof(c));
    c.page = page;
    c.seq = seq;
    c.idx = bs_malloc(((size_t)page->nblocks + 1) * sizeof(int));
    /* ink overhangs a column edge by a few px, and OCR's boxes more */
    c.slack = body_h > 0 ? (int)(body_h / 2) : 8;
    /* band by band (bands end at full-width rules), then the blocks of no
     * band */
    for (int bi = 0; bi <= page->nbands; bi++) {
        int lo = n;
        for (int i = 0; i < page->nblocks; i++) {
            const struct bs_block *b = &page->blocks[i];
            int in = b->band >= 0 && b->band < page->nbands;
            if (!bs_role_has_text(b->role) || bs_box_empty(b->box))
                continue;
            if (bi < page->nbands ? in && b->band == bi : !in)
                c.idx[n++] = i;
        }
        cut(&c, lo, n, 0);
    }
    free(c.idx);
}
