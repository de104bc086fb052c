/*
 * segment.c - article segmentation and reading order (see segment.h).
 *
 * bs_segment is a list of steps, each a static function encoding one
 * newspaper convention (its comment says which), called in order; when a
 * new layout comes out wrong, the step whose convention the page breaks
 * is the place to look.  The helpers before the steps measure and find
 * (a rule between two blocks, the columns a headline spans, the headline
 * over a block); the steps decide.
 */
#include "segment.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

struct item;

/* The state bs_segment's steps share, for one call; every array holds one
 * entry per block (plus one) and is owned by the call (seg_init allocates,
 * seg_release frees). */
struct seg {
    const struct bs_page *page;
    int n;
    int *anchor;      /* per block: the headline block leading its group */
    int *uf;          /* union-find parent for headless groups */
    struct bs_box *span; /* per anchor headline: the columns it owns */
    double th;        /* body text height, px */
    int content_x0, content_x1;
    int *owner;       /* per block: its anchor, -1 headless, -2 not owned */
    int *gid;         /* per block: its group before ordering, -1 none */
    int *lead;        /* per group: its anchor, or n + its headless root */
    int ngroups;
    struct item *items; /* sort scratch, room for every block */
};

static const struct bs_block *blk(const struct seg *s, int i)
{
    return &s->page->blocks[i];
}

static int is_hrule(const struct bs_block *b)
{
    return b->role == BS_ROLE_SEPARATOR && b->box.w >= 3 * b->box.h;
}

static int min_i(int a, int b) { return a < b ? a : b; }
static int max_i(int a, int b) { return a > b ? a : b; }

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* Median text height of the body: block text_height, else line heights,
 * else a guess from the resolution. */
static double body_height(const struct bs_page *page)
{
    int *v = bs_calloc((size_t)page->nblocks * 4 + 1, sizeof(int));
    int n = 0;
    double h;

    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        if (b->role != BS_ROLE_BODY)
            continue;
        if (b->text_height > 0)
            v[n++] = (int)b->text_height;
    }
    if (n == 0) {
        for (int i = 0; i < page->nblocks && n < page->nblocks * 4; i++) {
            const struct bs_block *b = &page->blocks[i];
            for (int l = 0; b->role == BS_ROLE_BODY && l < b->nlines &&
                            l < 4; l++)
                if (b->lines[l].box.h > 0)
                    v[n++] = b->lines[l].box.h;
        }
    }
    if (n) {
        qsort(v, (size_t)n, sizeof(int), cmp_int);
        h = v[n / 2];
    } else {
        h = 30.0 * bs_page_res(page) / 300.0;
    }
    free(v);
    return h;
}

/* A horizontal rule between y0 (above) and y1 (below) across box b. */
static int rule_between(const struct seg *s, int y0, int y1, struct bs_box b)
{
    for (int i = 0; i < s->n; i++) {
        const struct bs_block *r = blk(s, i);
        int cy;
        if (!is_hrule(r))
            continue;
        cy = r->box.y + r->box.h / 2;
        if (cy > y0 && cy < y1 &&
            bs_box_xoverlap(r->box, b) >= 0.5 * min_i(r->box.w, b.w))
            return 1;
    }
    return 0;
}

/* The nearest horizontal rule above box b across it, or -1. */
static int rule_above(const struct seg *s, struct bs_box b)
{
    int best = -1;

    for (int i = 0; i < s->n; i++) {
        const struct bs_block *r = blk(s, i);
        if (!is_hrule(r) || r->box.y >= b.y ||
            bs_box_xoverlap(r->box, b) < 0.5 * min_i(r->box.w, b.w))
            continue;
        if (best < 0 || r->box.y > blk(s, best)->box.y)
            best = i;
    }
    return best;
}

/* The layout band holding y (by the block's band when known). */
static const struct bs_band *band_at(const struct bs_page *page, int y)
{
    for (int i = 0; i < page->nbands; i++)
        if (y >= page->bands[i].y0 && y < page->bands[i].y1)
            return &page->bands[i];
    return NULL;
}

/* The columns a headline box covers, as one x-range. */
static struct bs_box column_span(const struct bs_page *page, struct bs_box h)
{
    const struct bs_band *band = band_at(page, h.y + h.h / 2);
    struct bs_box out = h;
    int x0 = h.x, x1 = bs_box_right(h), any = 0;

    for (int c = 0; band && c < band->ncols; c++) {
        int w = band->cols[c].x1 - band->cols[c].x0;
        int ov = min_i(x1, band->cols[c].x1) - max_i(x0, band->cols[c].x0);
        if (w > 0 && ov > 0.15 * w) {
            if (!any) {
                out.x = band->cols[c].x0;
                out.w = 0;
            }
            out.x = min_i(out.x, band->cols[c].x0);
            out.w = max_i(bs_box_right(out), band->cols[c].x1) - out.x;
            any = 1;
        }
    }
    if (any) {
        /* Keep the headline's own extent too. */
        int r = max_i(bs_box_right(out), x1);
        out.x = min_i(out.x, x0);
        out.w = r - out.x;
    }
    return out;
}

static int uf_find(int *uf, int i)
{
    while (uf[i] != i) {
        uf[i] = uf[uf[i]];
        i = uf[i];
    }
    return i;
}

static void uf_join(int *uf, int a, int b)
{
    a = uf_find(uf, a);
    b = uf_find(uf, b);
    if (a != b) {
        if (a < b)
            uf[b] = a;
        else
            uf[a] = b;
    }
}

static int owned_role(enum bs_role r)
{
    return r != BS_ROLE_SEPARATOR && r != BS_ROLE_MASTHEAD &&
           r != BS_ROLE_FOLIO;
}

/* Bottom of an anchor's headline (all its parts). */
static int anchor_bottom(const struct seg *s, int a)
{
    int b = bs_box_bottom(blk(s, a)->box);
    for (int i = 0; i < s->n; i++)
        if (s->anchor[i] == a && blk(s, i)->role == BS_ROLE_HEADLINE)
            b = max_i(b, bs_box_bottom(blk(s, i)->box));
    return b;
}

static int is_vrule(const struct bs_block *b)
{
    return b->role == BS_ROLE_SEPARATOR && b->box.h >= 3 * b->box.w;
}

/* Bottom of an anchor's head: its headline and the subheadlines and
 * bylines stacked right under it (the byline under a head belongs to it:
 * what starts under the byline starts under the head). */
static int head_bottom(const struct seg *s, int a)
{
    int bottom = anchor_bottom(s, a), grew = 1;

    while (grew) {
        grew = 0;
        for (int i = 0; i < s->n; i++) {
            const struct bs_block *b = blk(s, i);
            if ((b->role != BS_ROLE_SUBHEADLINE &&
                 b->role != BS_ROLE_BYLINE) ||
                bs_box_bottom(b->box) <= bottom ||
                b->box.y < blk(s, a)->box.y ||
                b->box.y - bottom > 2 * s->th ||
                bs_box_xoverlap(b->box, s->span[a]) <= 0)
                continue;
            bottom = bs_box_bottom(b->box);
            grew = 1;
        }
    }
    return bottom;
}

/* A vertical rule between x0 and x1 crossing the rows y0..y1. */
static int vrule_between(const struct seg *s, int x0, int x1, int y0, int y1)
{
    for (int i = 0; i < s->n; i++) {
        const struct bs_block *r = blk(s, i);
        int cx = r->box.x + r->box.w / 2;
        if (is_vrule(r) && cx >= x0 && cx <= x1 && r->box.y < y1 &&
            bs_box_bottom(r->box) > y0)
            return 1;
    }
    return 0;
}

/* A headline is often narrower than its article: set flush left over the
 * first columns, or centred over all of them with the kicker and byline in
 * the first column.  The article still owns a neighbouring column when
 * that column's text starts right under the head and the column is empty
 * beside the headline (no other headline, no text running past it, no
 * column rule crossing it). */
static void widen_span(struct seg *s, int a)
{
    const struct bs_box h = blk(s, a)->box;
    int hb = anchor_bottom(s, a);
    int zone = head_bottom(s, a) + (int)(3 * s->th);
    int reach = (int)(2.5 * s->th), grew = 1;

    while (grew) {
        struct bs_box sp = s->span[a];
        grew = 0;
        for (int k = 0; k < s->n && !grew; k++) {
            const struct bs_block *b = blk(s, k);
            int left, x0, x1, clear = 1;
            if (k == a || !owned_role(b->role) ||
                b->role == BS_ROLE_HEADLINE || b->role == BS_ROLE_KICKER ||
                s->anchor[k] >= 0 || b->box.y < hb - s->th / 2 ||
                b->box.y > zone ||
                bs_box_xoverlap(b->box, sp) >= 0.5 * b->box.w)
                continue;
            left = b->box.x < sp.x;
            x0 = left ? bs_box_right(b->box) : bs_box_right(sp);
            x1 = left ? sp.x : b->box.x;
            if (x1 - x0 > reach || x1 - x0 < -b->box.w / 2 ||
                vrule_between(s, x0 - (int)s->th / 2, x1 + (int)s->th / 2,
                              h.y, hb))
                continue;
            for (int j = 0; j < s->n && clear; j++) {
                const struct bs_block *o = blk(s, j);
                if (j == k || o->role == BS_ROLE_SEPARATOR ||
                    s->anchor[j] == a)
                    continue;
                /* a byline or deck over the column is part of the head */
                if ((o->role == BS_ROLE_BYLINE ||
                     o->role == BS_ROLE_SUBHEADLINE) &&
                    o->box.y >= hb - s->th / 2 && o->box.y <= zone)
                    continue;
                if (bs_box_xoverlap(o->box, b->box) >
                        0.3 * min_i(o->box.w, b->box.w) &&
                    bs_box_bottom(o->box) > h.y && o->box.y < b->box.y)
                    clear = 0;
            }
            if (!clear || rule_between(s, hb, b->box.y, b->box))
                continue;
            s->span[a] = bs_box_union(sp, column_span(s->page, b->box));
            s->span[a].y = sp.y;
            s->span[a].h = sp.h;
            grew = 1;
        }
    }
}

/* Step: every headline anchors an article, and a headline right under
 * another (no rule between, close, overlapping it) is the same headline
 * broken in two: both get the upper one's anchor. */
static void join_broken_headlines(struct seg *s)
{
    for (int i = 0; i < s->n; i++)
        s->anchor[i] = blk(s, i)->role == BS_ROLE_HEADLINE ? i : -1;
    for (int i = 0; i < s->n; i++) {
        const struct bs_block *h2 = blk(s, i);
        int best = -1, best_y = -1;
        if (h2->role != BS_ROLE_HEADLINE)
            continue;
        for (int k = 0; k < s->n; k++) {
            const struct bs_block *h1 = blk(s, k);
            int gap;
            if (k == i || h1->role != BS_ROLE_HEADLINE || h1->box.y >= h2->box.y)
                continue;
            gap = h2->box.y - bs_box_bottom(h1->box);
            if (gap < -h2->box.h / 2 ||
                gap > (int)(0.6 * min_i(h1->box.h, h2->box.h) + s->th) ||
                bs_box_xoverlap(h1->box, h2->box) <= 0 ||
                rule_between(s, bs_box_bottom(h1->box), h2->box.y, h2->box))
                continue;
            if (h1->box.y > best_y) {
                best_y = h1->box.y;
                best = k;
            }
        }
        if (best >= 0)
            s->anchor[i] = best; /* resolved to the root below */
    }
    for (int i = 0; i < s->n; i++) {
        int a = s->anchor[i], guard = 0;
        while (a >= 0 && s->anchor[a] != a && guard++ < s->n)
            a = s->anchor[a];
        s->anchor[i] = a;
    }
}

/* Step: a "from" jump line no headline sits right over ("BUDGET from Page
 * 1", "■上接第1版") opens the rest of a story jumped from another page: it
 * leads an article of its own, like a headline. */
static void anchor_jumped_stories(struct seg *s)
{
    for (int i = 0; i < s->n; i++) {
        const struct bs_block *j = blk(s, i);
        struct bs_jump jump;
        char *text;
        int headed = 0;
        if (j->role != BS_ROLE_CONTINUATION || j->nlines == 0)
            continue;
        text = bs_line_text(&j->lines[0]);
        if (!bs_jump_parse(text, &jump) || jump.dir != BS_JUMP_FROM) {
            free(text);
            continue;
        }
        free(text);
        for (int k = 0; k < s->n; k++) {
            const struct bs_block *h = blk(s, k);
            if (h->role == BS_ROLE_HEADLINE &&
                bs_box_bottom(h->box) <= j->box.y + s->th &&
                j->box.y - bs_box_bottom(h->box) < 2 * s->th + h->box.h / 2 &&
                bs_box_xoverlap(h->box, j->box) > 0)
                headed = 1;
        }
        if (!headed)
            s->anchor[i] = i;
    }
}

/* Step: a headline owns the columns it spans; without columns from layout
 * the blocks it stands over; the parts of a broken headline widen it; and a
 * headline narrower than its article (flush left, or centred) also owns a
 * neighbouring column whose text starts right under the head when nothing
 * stands beside the headline there (widen_span). */
static void span_headlines(struct seg *s)
{
    for (int i = 0; i < s->n; i++)
        if (s->anchor[i] == i)
            s->span[i] = column_span(s->page, blk(s, i)->box);
    /* Without columns from layout, a headline's span is widened to the
     * blocks it stands over (a centred headline over four columns). */
    for (int a = 0; a < s->n; a++) {
        const struct bs_band *band;
        struct bs_box h;
        if (s->anchor[a] != a)
            continue;
        h = blk(s, a)->box;
        band = band_at(s->page, h.y + h.h / 2);
        if (band && band->ncols > 0)
            continue;
        for (int k = 0; k < s->n; k++) {
            const struct bs_block *b = blk(s, k);
            if (k == a || b->role == BS_ROLE_SEPARATOR ||
                b->role == BS_ROLE_HEADLINE || b->role == BS_ROLE_MASTHEAD ||
                b->role == BS_ROLE_FOLIO || b->box.y < bs_box_bottom(h) ||
                b->box.y > bs_box_bottom(h) + 6 * s->th + 3 * h.h ||
                bs_box_xoverlap(b->box, h) <= 0 ||
                rule_between(s, bs_box_bottom(h), b->box.y, b->box))
                continue;
            s->span[a] = bs_box_union(s->span[a], (struct bs_box){
                b->box.x, s->span[a].y, b->box.w, s->span[a].h});
        }
    }
    /* A merged headline widens its anchor's span. */
    for (int i = 0; i < s->n; i++)
        if (blk(s, i)->role == BS_ROLE_HEADLINE && s->anchor[i] != i) {
            struct bs_box sp = column_span(s->page, blk(s, i)->box);
            s->span[s->anchor[i]] = bs_box_union(s->span[s->anchor[i]], sp);
        }
    for (int a = 0; a < s->n; a++)
        if (s->anchor[a] == a)
            widen_span(s, a);
}

/* The headline owning block i: nearest above, in its columns, no rule
 * between.  -1 when none. */
static int owner_of(const struct seg *s, int i)
{
    const struct bs_block *b = blk(s, i);
    int best = -1, best_bottom = -1;

    for (int a = 0; a < s->n; a++) {
        int bottom;
        struct bs_box sp;
        if (s->anchor[a] != a)
            continue;
        bottom = anchor_bottom(s, a);
        sp = s->span[a];
        if (bottom > b->box.y + s->th * 0.5)
            continue;
        /* In its columns: mostly inside the span, or (when layout gave no
         * columns to widen a centred headline) largely under it. */
        if (bs_box_xoverlap(sp, b->box) < 0.5 * min_i(sp.w, b->box.w) &&
            bs_box_xoverlap(sp, b->box) < 0.4 * b->box.w)
            continue;
        if (rule_between(s, bottom, b->box.y, b->box))
            continue;
        if (bottom > best_bottom) {
            best_bottom = bottom;
            best = a;
        }
    }
    return best;
}

/* The headline a kicker sits over: the nearest below, close, in its span. */
static int kicker_anchor(const struct seg *s, int i)
{
    const struct bs_block *k = blk(s, i);
    int best = -1, best_y = 1 << 30;

    for (int a = 0; a < s->n; a++) {
        const struct bs_block *h = blk(s, a);
        if (s->anchor[a] != a || h->box.y < k->box.y)
            continue;
        if (h->box.y - bs_box_bottom(k->box) > 4 * k->box.h + 2 * s->th)
            continue;
        if (bs_box_xoverlap(s->span[a], k->box) <= 0)
            continue;
        if (rule_between(s, bs_box_bottom(k->box), h->box.y, k->box))
            continue;
        if (h->box.y < best_y) {
            best_y = h->box.y;
            best = a;
        }
    }
    return best;
}

/* The photo a caption describes: the nearest image above (or beside) it. */
static int caption_image(const struct seg *s, int i)
{
    const struct bs_block *c = blk(s, i);
    int best = -1;
    long best_d = 1L << 40;

    for (int k = 0; k < s->n; k++) {
        const struct bs_block *im = blk(s, k);
        long d;
        if (im->role != BS_ROLE_IMAGE)
            continue;
        if (bs_box_xoverlap(im->box, c->box) > 0)
            d = labs((long)c->box.y - bs_box_bottom(im->box));
        else if (bs_box_yoverlap(im->box, c->box) > 0)
            d = labs((long)c->box.x - bs_box_right(im->box));
        else
            continue;
        if (d < best_d && d < 6 * s->th + c->box.h) {
            best_d = d;
            best = k;
        }
    }
    return best;
}

/* Headless text: blocks of one column, one under the other with no rule,
 * no large gap and no byline starting between them, are one article. */
static void join_headless(struct seg *s, const int *owner)
{
    for (int i = 0; i < s->n; i++) {
        const struct bs_block *a = blk(s, i);
        int best = -1, best_gap = 1 << 30;
        if (owner[i] != -1 || !owned_role(a->role) ||
            a->role == BS_ROLE_IMAGE)
            continue;
        /* The block just under i in its column. */
        for (int k = 0; k < s->n; k++) {
            const struct bs_block *b = blk(s, k);
            int gap;
            if (k == i || owner[k] != -1 || !owned_role(b->role) ||
                b->role == BS_ROLE_IMAGE || b->box.y <= a->box.y)
                continue;
            if (bs_box_xoverlap(a->box, b->box) <
                0.5 * min_i(a->box.w, b->box.w))
                continue;
            gap = b->box.y - bs_box_bottom(a->box);
            if (gap < best_gap) {
                best_gap = gap;
                best = k;
            }
        }
        if (best < 0)
            continue;
        if (best_gap > s->th * 2.5 && best_gap > 0)
            continue; /* scaled by gap_lines in group_headless */
        {
            const struct bs_block *b = blk(s, best);
            if (b->role == BS_ROLE_BYLINE || b->role == BS_ROLE_KICKER ||
                rule_between(s, bs_box_bottom(a->box), b->box.y, b->box))
                continue;
        }
        uf_join(s->uf, i, best);
    }
}

/* Rank of a role inside an article. */
static int role_rank(enum bs_role r)
{
    switch (r) {
    case BS_ROLE_KICKER: return 0;
    case BS_ROLE_HEADLINE: return 1;
    case BS_ROLE_SUBHEADLINE: return 2;
    case BS_ROLE_BYLINE: return 3;
    case BS_ROLE_IMAGE: return 5;
    case BS_ROLE_CAPTION: return 6;
    default: return 4;
    }
}

struct item {
    int block;
    int group;        /* article index before sorting, or -1 */
    long key[4];
};

static int cmp_item(const void *pa, const void *pb)
{
    const struct item *a = pa, *b = pb;
    for (int k = 0; k < 4; k++)
        if (a->key[k] != b->key[k])
            return a->key[k] < b->key[k] ? -1 : 1;
    return a->block - b->block;
}

/* Band index of y: layout band boundaries, full-width rules and the tops of
 * full-width headlines cut the page into bands read one after another.  y
 * is the top of a box: half a line of slack, as ink boxes (and OCR's line
 * boxes) reach a few pixels past the band layout cut. */
static int band_key(const struct seg *s, int y)
{
    int k = 0, width = s->content_x1 - s->content_x0;

    y += (int)(s->th / 2);

    for (int i = 0; i < s->page->nbands; i++)
        if (s->page->bands[i].y0 <= y && i > 0)
            k++;
    for (int i = 0; i < s->n; i++) {
        const struct bs_block *b = blk(s, i);
        int full = 0, top = b->box.y;
        if (is_hrule(b))
            full = b->box.w >= 0.6 * width;
        else if (s->anchor[i] == i)
            full = s->span[i].w >= 0.7 * width;
        if (full && top <= y)
            k++;
    }
    return k;
}

/* Column index of x within the band at y; x itself scaled down when the
 * page has no column structure there. */
static long column_key(const struct seg *s, int x, int y)
{
    const struct bs_band *band = band_at(s->page, y);

    if (band && band->ncols > 0) {
        int best = 0;
        for (int c = 0; c < band->ncols; c++)
            if (x + s->th >= band->cols[c].x0)
                best = c;
        return best;
    }
    return (long)(x / (s->th * 8 > 1 ? s->th * 8 : 1));
}

/* Orders the body-like blocks of one article: column clusters by x overlap,
 * sections split by blocks spanning several columns. */
static void body_keys(const struct seg *s, struct item *items, int n)
{
    int *w = bs_calloc((size_t)n + 1, sizeof(int)), nw = 0, mw;
    struct bs_box *clusters = bs_calloc((size_t)n + 1, sizeof(*clusters));
    int nc = 0;

    for (int i = 0; i < n; i++)
        w[nw++] = blk(s, items[i].block)->box.w;
    qsort(w, (size_t)nw, sizeof(int), cmp_int);
    mw = nw ? w[nw / 2] : 1;
    /* Islands (column-wide text set over a gutter: a caption or pull quote
     * the columns run around) are read after the columns beside them. */
    for (int i = 0; i < n; i++) {
        const struct bs_block *b = blk(s, items[i].block);
        if (b->col_first >= 0 && b->col_last > b->col_first &&
            b->box.w <= 1.6 * mw)
            items[i].key[2] = -2;
    }
    /* Clusters left to right. */
    for (int pass = 0; pass < n; pass++) {
        int pick = -1;
        for (int i = 0; i < n; i++) {
            const struct bs_block *b = blk(s, items[i].block);
            if (items[i].key[2] != -1 || b->box.w > 1.6 * mw)
                continue;
            if (pick < 0 || b->box.x < blk(s, items[pick].block)->box.x)
                pick = i;
        }
        if (pick < 0)
            break;
        {
            struct bs_box bb = blk(s, items[pick].block)->box;
            int c;
            for (c = 0; c < nc; c++)
                if (bs_box_xoverlap(clusters[c], bb) >=
                    0.5 * min_i(clusters[c].w, bb.w))
                    break;
            if (c == nc)
                clusters[nc++] = bb;
            items[pick].key[2] = c;
        }
    }
    for (int i = 0; i < n; i++) {
        const struct bs_block *b = blk(s, items[i].block);
        long section = 0;
        int spanner = b->box.w > 1.6 * mw;
        for (int k = 0; k < n; k++) {
            const struct bs_block *o = blk(s, items[k].block);
            if (o->box.w > 1.6 * mw && o->box.y < b->box.y && k != i)
                section++;
        }
        items[i].key[1] = section * 2 + (spanner ? 0 : 1);
        if (spanner)
            items[i].key[2] = 0;
        else if (items[i].key[2] == -2)
            items[i].key[2] = nc;
        items[i].key[3] = b->box.y;
    }
    free(w);
    free(clusters);
}

/* Gives the page's furniture reading numbers from `next` on, top to
 * bottom: at the head (foot=0) the masthead and the folios of the upper
 * half, at the foot (foot=1) the folios of the lower half, a running foot.
 * items has room for every block.  Returns the next free number. */
static int number_furniture(const struct bs_page *page, int foot,
                            struct item *items, int *seq, int next)
{
    int nitems = 0;

    for (int i = 0; i < page->nblocks; i++) {
        enum bs_role r = page->blocks[i].role;
        int low = page->height > 0 && page->blocks[i].box.y > page->height / 2;
        if (foot ? r == BS_ROLE_FOLIO && low
                 : r == BS_ROLE_MASTHEAD || (r == BS_ROLE_FOLIO && !low)) {
            items[nitems].block = i;
            items[nitems].key[0] = page->blocks[i].box.y;
            items[nitems].key[1] = page->blocks[i].box.x;
            items[nitems].key[2] = items[nitems].key[3] = 0;
            nitems++;
        }
    }
    qsort(items, (size_t)nitems, sizeof(*items), cmp_item);
    for (int k = 0; k < nitems; k++)
        seq[items[k].block] = next++;
    return next;
}

/* Sets up the state for one call: the body text height the distances are
 * measured in, the inked width of the page, every block its own headless
 * group, and group[] and seq[] all -1 (nothing placed yet). */
static void seg_init(struct seg *s, const struct bs_page *page, int *group,
                     int *seq)
{
    int n = page->nblocks;

    memset(s, 0, sizeof(*s));
    s->page = page;
    s->n = n;
    s->anchor = bs_calloc((size_t)n + 1, sizeof(int));
    s->uf = bs_calloc((size_t)n + 1, sizeof(int));
    s->span = bs_calloc((size_t)n + 1, sizeof(*s->span));
    s->owner = bs_calloc((size_t)n + 1, sizeof(int));
    s->gid = bs_calloc((size_t)n + 1, sizeof(int));
    s->lead = bs_calloc((size_t)n + 1, sizeof(int));
    s->items = bs_calloc((size_t)n + 1, sizeof(*s->items));
    s->th = body_height(page);
    s->content_x0 = page->width;
    s->content_x1 = 0;
    for (int i = 0; i < n; i++) {
        s->content_x0 = min_i(s->content_x0, page->blocks[i].box.x);
        s->content_x1 = max_i(s->content_x1, bs_box_right(page->blocks[i].box));
        s->uf[i] = i;
        group[i] = -1;
        seq[i] = -1;
    }
    if (s->content_x1 <= s->content_x0) {
        s->content_x0 = 0;
        s->content_x1 = page->width > 0 ? page->width : 1;
    }
}

static void seg_release(struct seg *s)
{
    free(s->anchor);
    free(s->uf);
    free(s->span);
    free(s->owner);
    free(s->gid);
    free(s->lead);
    free(s->items);
}

/* Step: a headline owns the blocks below it in its columns down to the
 * next rule or headline (owner_of), and a kicker joins the headline just
 * below it (kicker_anchor).  Rules, mastheads and folios belong to no
 * article (-2); captions wait for their photo (caption_with_photo). */
static void own_by_headline(struct seg *s)
{
    for (int i = 0; i < s->n; i++) {
        const struct bs_block *b = &s->page->blocks[i];
        s->owner[i] = -1;
        if (!owned_role(b->role))
            s->owner[i] = -2;
        else if (b->role == BS_ROLE_HEADLINE || s->anchor[i] == i)
            s->owner[i] = s->anchor[i];
        else if (b->role == BS_ROLE_KICKER)
            s->owner[i] = kicker_anchor(s, i);
        else if (b->role != BS_ROLE_CAPTION)
            s->owner[i] = owner_of(s, i);
    }
}

/* Step: a caption goes with its photo: into the photo's article, or with a
 * photo no headline owns into the same headless group; a caption with no
 * photo near is owned like text. */
static void caption_with_photo(struct seg *s)
{
    for (int i = 0; i < s->n; i++) {
        if (s->page->blocks[i].role == BS_ROLE_CAPTION) {
            int im = caption_image(s, i);
            if (im >= 0 && s->owner[im] >= 0)
                s->owner[i] = s->owner[im];
            else if (im >= 0)
                uf_join(s->uf, i, im);
            else
                s->owner[i] = owner_of(s, i);
        }
    }
}

/* Step: text no headline owns forms headless articles, blocks one under
 * the other in a column, split at rules, bylines, kickers and gaps of more
 * than gap_lines body text heights (join_headless). */
static void group_headless(struct seg *s, double gap_lines)
{
    double save = s->th;

    s->th = s->th * (gap_lines > 0 ? gap_lines : 2.5) / 2.5;
    join_headless(s, s->owner);
    s->th = save;
}

/* Step: one article per headline and one per headless group, numbered in
 * block order; a photo alone (no caption, no text) is not an article. */
static void number_articles(struct seg *s)
{
    const struct bs_page *page = s->page;
    int n = s->n;

    for (int i = 0; i < n; i++)
        s->gid[i] = -1;
    for (int i = 0; i < n; i++) {
        int root;
        if (s->owner[i] >= 0) {
            root = s->owner[i];
        } else if (s->owner[i] == -1) {
            root = uf_find(s->uf, i);
            /* A photo alone is not an article. */
            if (page->blocks[i].role == BS_ROLE_IMAGE && root == i) {
                int alone = 1;
                for (int k = 0; k < n; k++)
                    if (k != i && s->owner[k] == -1 &&
                        uf_find(s->uf, k) == i)
                        alone = 0;
                if (alone)
                    continue;
            }
            root += n; /* keep headless roots apart from anchors */
        } else {
            continue;
        }
        {
            int g;
            for (g = 0; g < s->ngroups; g++)
                if (s->lead[g] == root)
                    break;
            if (g == s->ngroups)
                s->lead[s->ngroups++] = root;
            s->gid[i] = g;
        }
    }
}

/* Drops the groups continue_across_columns emptied, keeping ids dense. */
static void drop_empty_groups(struct seg *s)
{
    int *map = bs_calloc((size_t)s->ngroups + 1, sizeof(int)), m = 0;

    for (int g = 0; g < s->ngroups; g++)
        map[g] = -1;
    for (int g = 0; g < s->ngroups; g++) {
        int used = 0;
        for (int i = 0; i < s->n && !used; i++)
            used = s->gid[i] == g;
        if (used) {
            s->lead[m] = s->lead[g];
            map[g] = m++;
        }
    }
    for (int i = 0; i < s->n; i++)
        if (s->gid[i] >= 0)
            s->gid[i] = map[s->gid[i]];
    s->ngroups = m;
    free(map);
}

/* Step: text flows from the foot of one column to the top of the next: a
 * headless article at the top of a column (nothing above it up to the
 * rule) continues the article at the foot of the column to its left,
 * unless it opens with a byline or kicker of its own, or a cutoff rule
 * over it does not also cover that foot. */
static void continue_across_columns(struct seg *s)
{
    const struct bs_page *page = s->page;
    int n = s->n;
    int *gid = s->gid;

    for (int g = 0; g < s->ngroups; g++) {
        int top = -1, left = -1, foot = -1;
        if (s->lead[g] < n)
            continue;
        for (int i = 0; i < n; i++)
            if (gid[i] == g && (top < 0 || page->blocks[i].box.y <
                                               page->blocks[top].box.y))
                top = i;
        if (top < 0 || page->blocks[top].role == BS_ROLE_BYLINE ||
            page->blocks[top].role == BS_ROLE_KICKER)
            continue;
        {
            struct bs_box tb = page->blocks[top].box;
            int above = 0, band = band_key(s, tb.y);
            for (int k = 0; k < n && !above; k++) {
                struct bs_box kb = page->blocks[k].box;
                if (gid[k] == g || gid[k] < 0 ||
                    bs_box_xoverlap(kb, tb) < 0.5 * min_i(kb.w, tb.w) ||
                    bs_box_bottom(kb) > tb.y + s->th ||
                    rule_between(s, bs_box_bottom(kb), tb.y, tb))
                    continue;
                above = 1;
            }
            if (above)
                continue;
            /* The nearest column to the left, in the same band. */
            for (int k = 0; k < n; k++) {
                struct bs_box kb = page->blocks[k].box;
                if (gid[k] < 0 || gid[k] == g ||
                    bs_box_right(kb) > tb.x + s->th ||
                    band_key(s, kb.y) != band)
                    continue;
                if (left < 0 || bs_box_right(kb) > bs_box_right(
                                                       page->blocks[left].box))
                    left = k;
            }
            for (int k = 0; left >= 0 && k < n; k++) {
                struct bs_box kb = page->blocks[k].box;
                struct bs_box lb = page->blocks[left].box;
                if (gid[k] < 0 || gid[k] == g ||
                    band_key(s, kb.y) != band ||
                    bs_box_xoverlap(kb, lb) < 0.5 * min_i(kb.w, lb.w))
                    continue;
                if (foot < 0 || bs_box_bottom(kb) >
                                    bs_box_bottom(page->blocks[foot].box))
                    foot = k;
            }
            /* A cutoff rule over this column that does not also cover the
             * foot closes off what is on the left: a new item starts. */
            if (foot >= 0) {
                int r = rule_above(s, tb);
                if (r >= 0 && (bs_box_xoverlap(page->blocks[r].box,
                                               page->blocks[foot].box) <= 0 ||
                               page->blocks[foot].box.y <
                                   page->blocks[r].box.y))
                    foot = -1;
            }
        }
        if (foot >= 0) {
            int into = gid[foot];
            for (int i = 0; i < n; i++)
                if (gid[i] == g)
                    gid[i] = into;
        }
    }
    drop_empty_groups(s);
}

/* Step: articles are read band by band (bands end at full-width rules and
 * headlines), in a band column by column from the left, then top to
 * bottom, each placed by its lead box: its headline, or its topmost block.
 * Fills group[] with each block's article in that order. */
static void order_articles(struct seg *s, int *group)
{
    const struct bs_page *page = s->page;
    int n = s->n, nitems = 0;
    struct item *items = s->items;

    for (int g = 0; g < s->ngroups; g++) {
        /* The article's lead box: its headline, or its topmost block. */
        struct bs_box lb = {0, 0, 0, 0};
        int have = 0;
        if (s->lead[g] < n) {
            lb = page->blocks[s->lead[g]].box;
            have = 1;
        }
        for (int i = 0; i < n; i++)
            if (!(s->lead[g] < n) && s->gid[i] == g &&
                (!have || page->blocks[i].box.y < lb.y)) {
                lb = page->blocks[i].box;
                have = 1;
            }
        /* group key: band, column, y, x; stored in lead's slot of items */
        items[nitems].block = -1 - g;
        items[nitems].group = g;
        items[nitems].key[0] = 1 + band_key(s, lb.y);
        items[nitems].key[1] = column_key(s, lb.x, lb.y);
        items[nitems].key[2] = lb.y;
        items[nitems].key[3] = lb.x;
        nitems++;
    }
    qsort(items, (size_t)nitems, sizeof(*items), cmp_item);
    {
        int *rank = bs_calloc((size_t)s->ngroups + 1, sizeof(int));
        for (int k = 0; k < nitems; k++)
            rank[items[k].group] = k;
        for (int i = 0; i < n; i++)
            if (s->gid[i] >= 0)
                group[i] = rank[s->gid[i]];
        free(rank);
    }
}

/* Step: inside an article a reader takes the kicker, headline, subheadline
 * and byline, then the body column by column (each top to bottom; a body
 * block spanning columns splits them into sections, an island is read
 * after the columns beside it: body_keys), then photos and captions.
 * Numbers the blocks of every article, in article order, in seq[] from
 * `next` on; returns the next free number. */
static int read_articles(struct seg *s, const int *group, int *seq, int next)
{
    const struct bs_page *page = s->page;
    int n = s->n;
    struct item *items = s->items;

    for (int g = 0; g < s->ngroups; g++) {
        int m = 0, nb = 0, nitems = 0;
        struct item *body;
        for (int i = 0; i < n; i++) {
            if (group[i] != g)
                continue;
            items[nitems].block = i;
            items[nitems].group = g;
            items[nitems].key[0] = role_rank(page->blocks[i].role);
            items[nitems].key[1] = 0;
            items[nitems].key[2] = -1;
            items[nitems].key[3] = page->blocks[i].box.y;
            nitems++;
        }
        /* Body-like blocks get column keys; the rest sort by rank, y. */
        body = bs_calloc((size_t)nitems + 1, sizeof(*body));
        for (int k = 0; k < nitems; k++)
            if (items[k].key[0] == 4)
                body[nb++] = items[k];
        body_keys(s, body, nb);
        for (int k = 0; k < nitems; k++) {
            if (items[k].key[0] == 4)
                items[k] = body[m++];
            else {
                items[k].key[1] = items[k].key[3];
                items[k].key[2] = page->blocks[items[k].block].box.x;
                items[k].key[3] = 0;
            }
        }
        free(body);
        qsort(items, (size_t)nitems, sizeof(*items), cmp_item);
        for (int k = 0; k < nitems; k++)
            seq[items[k].block] = next++;
    }
    return next;
}

/* The newspaper conventions, one step each, in the order they build on
 * one another: headlines and their columns first, then what each headline
 * owns, then what no headline owns, then the order a reader takes. */
int bs_segment(const struct bs_page *page, double gap_lines, int *group,
               int *seq)
{
    struct seg s;
    int next, ngroups;

    /* a page whose layout is in doubt has no columns to segment by */
    if (page->doubt)
        return bs_segment_plain(page, group, seq);
    seg_init(&s, page, group, seq);
    join_broken_headlines(&s);
    anchor_jumped_stories(&s);
    span_headlines(&s);
    own_by_headline(&s);
    caption_with_photo(&s);
    group_headless(&s, gap_lines);
    number_articles(&s);
    continue_across_columns(&s);
    order_articles(&s, group);
    /* The masthead and the folios of the page's top half are read first,
     * the folios of its foot (a running foot) last, as a reader meets
     * them. */
    next = number_furniture(page, 0, s.items, seq, 0);
    next = read_articles(&s, group, seq, next);
    number_furniture(page, 1, s.items, seq, next);
    ngroups = s.ngroups;
    seg_release(&s);
    return ngroups;
}

void bs_segment_apply_order(struct bs_page *page, const int *seq)
{
    int n = page->nblocks, next = 0;
    int *by_seq = calloc((size_t)n + 1, sizeof(int));

    if (!by_seq)
        bs_oom();
    for (int i = 0; i < n; i++)
        by_seq[i] = -1;
    for (int i = 0; i < n; i++) {
        page->blocks[i].order = -1;
        if (seq[i] >= 0 && seq[i] < n)
            by_seq[seq[i]] = i;
    }
    for (int k = 0; k < n; k++) {
        int i = by_seq[k];
        if (i >= 0 && bs_role_has_text(page->blocks[i].role))
            page->blocks[i].order = next++;
    }
    free(by_seq);
}
