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
    /* Found once per call so that the steps' questions ("a rule between
     * these two?", "where does this headline end?", "which band?") do
     * not search the whole page each time: a page of 10000 blocks was
     * cubic in them. */
    int *hrules, nhrules;   /* horizontal rules, in block order */
    int *hrules_cy;         /* the same by centre y (rule_between) */
    int *vrules, nvrules;   /* vertical rules, in block order */
    int *subheads, nsubheads; /* subheadlines and bylines, in block order
                                 (what stacks under a head: head_bottom) */
    int *abottom;           /* per anchor: anchor_bottom, once anchors are
                               final (cache_anchor_bottoms); -1 before */
    int *cuts, ncuts;       /* band_key's cut tops, sorted (cache_cuts) */
    int *by_top;            /* every block by top, then block order */
    int *anchors, nanchors; /* anchors by bottom, lowest first, then block
                               order (cache_anchors, for owner_of) */
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

/* A horizontal rule between y0 (above) and y1 (below) across box b: the
 * rules whose centre lies between, found by bisection. */
static int rule_between(const struct seg *s, int y0, int y1, struct bs_box b)
{
    int lo = 0, hi = s->nhrules;

    while (lo < hi) { /* first rule with centre > y0 */
        int mid = (lo + hi) / 2;
        const struct bs_block *r = blk(s, s->hrules_cy[mid]);
        if (r->box.y + r->box.h / 2 > y0)
            hi = mid;
        else
            lo = mid + 1;
    }
    for (int k = lo; k < s->nhrules; k++) {
        const struct bs_block *r = blk(s, s->hrules_cy[k]);
        int cy = r->box.y + r->box.h / 2;
        if (cy >= y1)
            break;
        if (bs_box_xoverlap(r->box, b) >= 0.5 * min_i(r->box.w, b.w))
            return 1;
    }
    return 0;
}

/* The nearest horizontal rule above box b across it, or -1. */
static int rule_above(const struct seg *s, struct bs_box b)
{
    int best = -1;

    for (int k = 0; k < s->nhrules; k++) {
        int i = s->hrules[k];
        const struct bs_block *r = blk(s, i);
        if (r->box.y >= b.y ||
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

    if (s->abottom[a] >= 0)
        return s->abottom[a];
    for (int i = 0; i < s->n; i++)
        if (s->anchor[i] == a && blk(s, i)->role == BS_ROLE_HEADLINE)
            b = max_i(b, bs_box_bottom(blk(s, i)->box));
    return b;
}

/* Once the anchors are final: every anchor's bottom, in one pass. */
static void cache_anchor_bottoms(struct seg *s)
{
    for (int a = 0; a < s->n; a++)
        s->abottom[a] = s->anchor[a] == a ? bs_box_bottom(blk(s, a)->box)
                                          : -1;
    for (int i = 0; i < s->n; i++) {
        int a = s->anchor[i];
        if (a >= 0 && s->anchor[a] == a &&
            blk(s, i)->role == BS_ROLE_HEADLINE)
            s->abottom[a] = max_i(s->abottom[a],
                                  bs_box_bottom(blk(s, i)->box));
    }
}

/* Blocks by top, then block order (join_headless walks down from a
 * block, widen_span looks at a stretch of the page). */
static int cmp_by_top(const void *pa, const void *pb, void *ctx)
{
    const struct seg *s = ctx;
    int a = *(const int *)pa, b = *(const int *)pb;
    int ya = blk(s, a)->box.y, yb = blk(s, b)->box.y;

    if (ya != yb)
        return ya < yb ? -1 : 1;
    return a - b;
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
        for (int k = 0; k < s->nsubheads; k++) {
            const struct bs_block *b = blk(s, s->subheads[k]);
            if (bs_box_bottom(b->box) <= bottom ||
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
    for (int k = 0; k < s->nvrules; k++) {
        const struct bs_block *r = blk(s, s->vrules[k]);
        int cx = r->box.x + r->box.w / 2;
        if (cx >= x0 && cx <= x1 && r->box.y < y1 &&
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
/* The first position in s->by_top whose block's top is at least y. */
static int top_at_least(const struct seg *s, double y)
{
    int lo = 0, hi = s->n;

    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (blk(s, s->by_top[mid])->box.y < y)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void widen_span(struct seg *s, int a)
{
    const struct bs_box h = blk(s, a)->box;
    int hb = anchor_bottom(s, a);
    int zone = head_bottom(s, a) + (int)(3 * s->th);
    int reach = (int)(2.5 * s->th), grew = 1;
    /* Only blocks whose top is in the zone under the head qualify: those,
     * in block order, instead of the whole page. */
    int from = top_at_least(s, hb - s->th / 2), to = top_at_least(s, zone + 1);
    int *cand = bs_calloc((size_t)(to > from ? to - from : 0) + 1,
                          sizeof(int));
    int ncand = 0;

    for (int r = from; r < to; r++)
        cand[ncand++] = s->by_top[r];
    qsort(cand, (size_t)ncand, sizeof(int), cmp_int);
    while (grew) {
        struct bs_box sp = s->span[a];
        grew = 0;
        for (int c = 0; c < ncand && !grew; c++) {
            int k = cand[c];
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
            /* what stands over the column: blocks above b's top */
            for (int r = 0, end = top_at_least(s, b->box.y); r < end && clear;
                 r++) {
                int j = s->by_top[r];
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
    free(cand);
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
    cache_anchor_bottoms(s);
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
    int lo = 0, hi = s->nanchors;

    /* Anchors from the lowest bottom up: the first that qualifies is the
     * nearest above (the first of equal bottoms, in block order). */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (anchor_bottom(s, s->anchors[mid]) > b->box.y + s->th * 0.5)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int r = lo; r < s->nanchors; r++) {
        int a = s->anchors[r], bottom = anchor_bottom(s, a);
        struct bs_box sp = s->span[a];
        /* In its columns: mostly inside the span, or (when layout gave no
         * columns to widen a centred headline) largely under it. */
        if (bs_box_xoverlap(sp, b->box) < 0.5 * min_i(sp.w, b->box.w) &&
            bs_box_xoverlap(sp, b->box) < 0.4 * b->box.w)
            continue;
        if (rule_between(s, bottom, b->box.y, b->box))
            continue;
        return a;
    }
    return -1;
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
 * no large gap and no byline starting between them, are one article.  The
 * block just under a block is the first below it, in the order of their
 * tops, that shares its column; the walk down stops where the gap would be
 * too large anyway, so a page costs what its neighbourhoods do. */
static void join_headless(struct seg *s, const int *owner)
{
    int *order = bs_calloc((size_t)s->n + 1, sizeof(int)), *rank, m = 0;

    rank = bs_calloc((size_t)s->n + 1, sizeof(int));
    for (int k = 0; k < s->n; k++) {
        const struct bs_block *b = blk(s, k);
        rank[k] = -1;
        if (owner[k] == -1 && owned_role(b->role) && b->role != BS_ROLE_IMAGE)
            order[m++] = k;
    }
    qsort_r(order, (size_t)m, sizeof(int), cmp_by_top, s);
    for (int r = 0; r < m; r++)
        rank[order[r]] = r;
    for (int i = 0; i < s->n; i++) {
        const struct bs_block *a = blk(s, i);
        int best = -1, best_gap = 1 << 30, r;
        if (rank[i] < 0)
            continue;
        /* The block just under i in its column: the nearest top below
         * i's top (gaps grow with the tops); the first of equal tops. */
        for (r = rank[i] + 1; r < m && blk(s, order[r])->box.y <= a->box.y;
             r++)
            ;
        for (; r < m; r++) {
            const struct bs_block *b = blk(s, order[r]);
            int gap = b->box.y - bs_box_bottom(a->box);
            if (gap > s->th * 2.5 && gap > 0)
                break; /* too far: no join, whatever lies below */
            if (bs_box_xoverlap(a->box, b->box) <
                0.5 * min_i(a->box.w, b->box.w))
                continue;
            best = order[r];
            best_gap = gap;
            break;
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
    free(order);
    free(rank);
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

/* The tops of the full-width rules and headlines, sorted: band_key's
 * cuts.  Spans are final once span_headlines has run. */
static void cache_cuts(struct seg *s)
{
    int width = s->content_x1 - s->content_x0;

    s->ncuts = 0;
    for (int i = 0; i < s->n; i++) {
        const struct bs_block *b = blk(s, i);
        int full = 0;
        if (is_hrule(b))
            full = b->box.w >= 0.6 * width;
        else if (s->anchor[i] == i)
            full = s->span[i].w >= 0.7 * width;
        if (full)
            s->cuts[s->ncuts++] = b->box.y;
    }
    qsort(s->cuts, (size_t)s->ncuts, sizeof(int), cmp_int);
}

/* Band index of y: layout band boundaries, full-width rules and the tops of
 * full-width headlines cut the page into bands read one after another.  y
 * is the top of a box: half a line of slack, as ink boxes (and OCR's line
 * boxes) reach a few pixels past the band layout cut. */
static int band_key(const struct seg *s, int y)
{
    int k = 0, lo = 0, hi = s->ncuts;

    y += (int)(s->th / 2);
    for (int i = 1; i < s->page->nbands; i++)
        if (s->page->bands[i].y0 <= y)
            k++;
    while (lo < hi) { /* cuts with top <= y */
        int mid = (lo + hi) / 2;
        if (s->cuts[mid] <= y)
            lo = mid + 1;
        else
            hi = mid;
    }
    return k + lo;
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

/* Body items by left edge, then their order in the article. */
static int cmp_item_x(const void *pa, const void *pb, void *ctx)
{
    const struct seg *s = ((const void **)ctx)[0];
    const struct item *items = ((const void **)ctx)[1];
    int a = *(const int *)pa, b = *(const int *)pb;
    int xa = blk(s, items[a].block)->box.x, xb = blk(s, items[b].block)->box.x;

    if (xa != xb)
        return xa < xb ? -1 : 1;
    return a - b;
}

/* Orders the body-like blocks of one article: column clusters by x overlap,
 * sections split by blocks spanning several columns.  Near-linear in the
 * article's blocks: the blocks are clustered in the order of their left
 * edges (a cluster is looked for only among those that start within a
 * block's width of it), and a block's section is the number of spanning
 * blocks above it, counted by bisection. */
static void body_keys(const struct seg *s, struct item *items, int n)
{
    int *w = bs_calloc((size_t)n + 1, sizeof(int)), nw = 0, mw, maxw = 0;
    struct bs_box *clusters = bs_calloc((size_t)n + 1, sizeof(*clusters));
    int *narrow = bs_calloc((size_t)n + 1, sizeof(int)), nn = 0;
    int *span_y = bs_calloc((size_t)n + 1, sizeof(int)), ns = 0;
    int nc = 0, first = 0;

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
    /* Clusters left to right: each narrow block, leftmost first, joins the
     * first cluster it overlaps by half, else starts one.  Clusters start
     * further right one after another; one starting more than the widest
     * block left of this one cannot reach it. */
    for (int i = 0; i < n; i++) {
        const struct bs_block *b = blk(s, items[i].block);
        if (items[i].key[2] != -1 || b->box.w > 1.6 * mw)
            continue;
        narrow[nn++] = i;
        maxw = max_i(maxw, b->box.w);
    }
    {
        const void *ctx[2] = {s, items};
        qsort_r(narrow, (size_t)nn, sizeof(int), cmp_item_x, (void *)ctx);
    }
    for (int k = 0; k < nn; k++) {
        struct bs_box bb = blk(s, items[narrow[k]].block)->box;
        int c;
        while (first < nc && clusters[first].x + maxw < bb.x)
            first++;
        for (c = first; c < nc; c++)
            if (bs_box_xoverlap(clusters[c], bb) >=
                0.5 * min_i(clusters[c].w, bb.w))
                break;
        if (c == nc)
            clusters[nc++] = bb;
        items[narrow[k]].key[2] = c;
    }
    for (int i = 0; i < n; i++) {
        const struct bs_block *b = blk(s, items[i].block);
        if (b->box.w > 1.6 * mw)
            span_y[ns++] = b->box.y;
    }
    qsort(span_y, (size_t)ns, sizeof(int), cmp_int);
    for (int i = 0; i < n; i++) {
        const struct bs_block *b = blk(s, items[i].block);
        int spanner = b->box.w > 1.6 * mw, lo = 0, hi = ns;
        while (lo < hi) { /* spanning blocks above this one */
            int mid = (lo + hi) / 2;
            if (span_y[mid] < b->box.y)
                lo = mid + 1;
            else
                hi = mid;
        }
        items[i].key[1] = (long)lo * 2 + (spanner ? 0 : 1);
        if (spanner)
            items[i].key[2] = 0;
        else if (items[i].key[2] == -2)
            items[i].key[2] = nc;
        items[i].key[3] = b->box.y;
    }
    free(w);
    free(clusters);
    free(narrow);
    free(span_y);
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

/* Rules by centre y, then block order. */
static int cmp_rule_cy(const void *pa, const void *pb, void *ctx)
{
    const struct bs_page *page = ctx;
    const struct bs_box *a = &page->blocks[*(const int *)pa].box,
                        *b = &page->blocks[*(const int *)pb].box;
    int ca = a->y + a->h / 2, cb = b->y + b->h / 2;

    if (ca != cb)
        return ca < cb ? -1 : 1;
    return *(const int *)pa - *(const int *)pb;
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
    s->hrules = bs_calloc((size_t)n + 1, sizeof(int));
    s->hrules_cy = bs_calloc((size_t)n + 1, sizeof(int));
    s->vrules = bs_calloc((size_t)n + 1, sizeof(int));
    s->subheads = bs_calloc((size_t)n + 1, sizeof(int));
    s->abottom = bs_calloc((size_t)n + 1, sizeof(int));
    s->cuts = bs_calloc((size_t)n + 1, sizeof(int));
    s->by_top = bs_calloc((size_t)n + 1, sizeof(int));
    s->anchors = bs_calloc((size_t)n + 1, sizeof(int));
    for (int i = 0; i < n; i++) {
        const struct bs_block *b = &page->blocks[i];
        s->abottom[i] = -1;
        if (is_hrule(b))
            s->hrules[s->nhrules++] = i;
        if (is_vrule(b))
            s->vrules[s->nvrules++] = i;
        if (b->role == BS_ROLE_SUBHEADLINE || b->role == BS_ROLE_BYLINE)
            s->subheads[s->nsubheads++] = i;
    }
    for (int i = 0; i < n; i++)
        s->by_top[i] = i;
    qsort_r(s->by_top, (size_t)n, sizeof(int), cmp_by_top, s);
    memcpy(s->hrules_cy, s->hrules, (size_t)s->nhrules * sizeof(int));
    qsort_r(s->hrules_cy, (size_t)s->nhrules, sizeof(int), cmp_rule_cy,
            (void *)page);
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
    free(s->hrules);
    free(s->hrules_cy);
    free(s->vrules);
    free(s->subheads);
    free(s->abottom);
    free(s->cuts);
    free(s->by_top);
    free(s->anchors);
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
/* Anchors by bottom, lowest first (their bottoms are final by now). */
static int cmp_anchor_bottom(const void *pa, const void *pb, void *ctx)
{
    const struct seg *s = ctx;
    int a = *(const int *)pa, b = *(const int *)pb;
    int ba = anchor_bottom(s, a), bb = anchor_bottom(s, b);

    if (ba != bb)
        return ba > bb ? -1 : 1;
    return a - b;
}

static void cache_anchors(struct seg *s)
{
    s->nanchors = 0;
    for (int a = 0; a < s->n; a++)
        if (s->anchor[a] == a)
            s->anchors[s->nanchors++] = a;
    qsort_r(s->anchors, (size_t)s->nanchors, sizeof(int), cmp_anchor_bottom,
            s);
}

static void own_by_headline(struct seg *s)
{
    cache_anchors(s);
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
    /* group of each lead (anchors 0..n-1, headless roots n..2n-1), and
     * how many headless blocks each root gathers */
    int *group_of = bs_calloc((size_t)2 * n + 1, sizeof(int));
    int *members = bs_calloc((size_t)n + 1, sizeof(int));

    for (int r = 0; r < 2 * n; r++)
        group_of[r] = -1;
    for (int i = 0; i < n; i++) {
        s->gid[i] = -1;
        if (s->owner[i] == -1)
            members[uf_find(s->uf, i)]++;
    }
    for (int i = 0; i < n; i++) {
        int root;
        if (s->owner[i] >= 0) {
            root = s->owner[i];
        } else if (s->owner[i] == -1) {
            root = uf_find(s->uf, i);
            /* A photo alone is not an article. */
            if (page->blocks[i].role == BS_ROLE_IMAGE && root == i &&
                members[i] == 1)
                continue;
            root += n; /* keep headless roots apart from anchors */
        } else {
            continue;
        }
        if (group_of[root] < 0) {
            group_of[root] = s->ngroups;
            s->lead[s->ngroups++] = root;
        }
        s->gid[i] = group_of[root];
    }
    free(group_of);
    free(members);
}

/* Drops the groups continue_across_columns emptied, keeping ids dense. */
static void drop_empty_groups(struct seg *s)
{
    int *map = bs_calloc((size_t)s->ngroups + 1, sizeof(int)), m = 0;
    unsigned char *used = bs_calloc((size_t)s->ngroups + 1, 1);

    for (int i = 0; i < s->n; i++)
        if (s->gid[i] >= 0)
            used[s->gid[i]] = 1;
    for (int g = 0; g < s->ngroups; g++) {
        map[g] = -1;
        if (used[g]) {
            s->lead[m] = s->lead[g];
            map[g] = m++;
        }
    }
    for (int i = 0; i < s->n; i++)
        if (s->gid[i] >= 0)
            s->gid[i] = map[s->gid[i]];
    s->ngroups = m;
    free(map);
    free(used);
}

/* The blocks continue_across_columns looks among (those in a group), in
 * the orders its questions walk them. */
struct flow {
    const struct seg *s;
    int *band;               /* per block: band_key of its top */
    int *by_bottom;          /* by bottom, lowest first, then block order */
    int *by_band_right;      /* by band, then right edge, then block order
                                backwards (the last of a run is the first) */
    int *by_band_bottom;     /* by band, then bottom lowest first, then
                                block order */
    int m;
};

static int cmp_bottom(const void *pa, const void *pb, void *ctx)
{
    const struct flow *f = ctx;
    int a = *(const int *)pa, b = *(const int *)pb;
    int ba = bs_box_bottom(blk(f->s, a)->box),
        bb = bs_box_bottom(blk(f->s, b)->box);

    if (ba != bb)
        return ba > bb ? -1 : 1;
    return a - b;
}

static int cmp_band_right(const void *pa, const void *pb, void *ctx)
{
    const struct flow *f = ctx;
    int a = *(const int *)pa, b = *(const int *)pb;
    int ra = bs_box_right(blk(f->s, a)->box),
        rb = bs_box_right(blk(f->s, b)->box);

    if (f->band[a] != f->band[b])
        return f->band[a] < f->band[b] ? -1 : 1;
    if (ra != rb)
        return ra < rb ? -1 : 1;
    return b - a;
}

static int cmp_band_bottom(const void *pa, const void *pb, void *ctx)
{
    const struct flow *f = ctx;
    int a = *(const int *)pa, b = *(const int *)pb;

    if (f->band[a] != f->band[b])
        return f->band[a] < f->band[b] ? -1 : 1;
    return cmp_bottom(pa, pb, ctx);
}

/* The first index of `band` in v (sorted by band first). */
static int band_start(const struct flow *f, const int *v, int band)
{
    int lo = 0, hi = f->m;

    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (f->band[v[mid]] < band)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void flow_init(struct flow *f, const struct seg *s)
{
    memset(f, 0, sizeof(*f));
    f->s = s;
    f->band = bs_calloc((size_t)s->n + 1, sizeof(int));
    f->by_bottom = bs_calloc((size_t)s->n + 1, sizeof(int));
    f->by_band_right = bs_calloc((size_t)s->n + 1, sizeof(int));
    f->by_band_bottom = bs_calloc((size_t)s->n + 1, sizeof(int));
    for (int i = 0; i < s->n; i++) {
        f->band[i] = band_key(s, blk(s, i)->box.y);
        if (s->gid[i] >= 0)
            f->by_bottom[f->m++] = i;
    }
    memcpy(f->by_band_right, f->by_bottom, (size_t)f->m * sizeof(int));
    memcpy(f->by_band_bottom, f->by_bottom, (size_t)f->m * sizeof(int));
    qsort_r(f->by_bottom, (size_t)f->m, sizeof(int), cmp_bottom, f);
    qsort_r(f->by_band_right, (size_t)f->m, sizeof(int), cmp_band_right, f);
    qsort_r(f->by_band_bottom, (size_t)f->m, sizeof(int), cmp_band_bottom, f);
}

static void flow_release(struct flow *f)
{
    free(f->band);
    free(f->by_bottom);
    free(f->by_band_right);
    free(f->by_band_bottom);
}

/* True when a block of another group stands above tb in its column with
 * no rule between.  The question is settled by the nearest such block
 * (the lowest bottom above): a rule between it and tb lies between every
 * higher block and tb too. */
static int text_above(const struct flow *f, int g, struct bs_box tb)
{
    const struct seg *s = f->s;
    int lo = 0, hi = f->m;

    while (lo < hi) { /* first with bottom <= tb.y + th */
        int mid = (lo + hi) / 2;
        if (bs_box_bottom(blk(s, f->by_bottom[mid])->box) > tb.y + s->th)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int r = lo; r < f->m; r++) {
        int k = f->by_bottom[r];
        struct bs_box kb = blk(s, k)->box;
        if (s->gid[k] == g ||
            bs_box_xoverlap(kb, tb) < 0.5 * min_i(kb.w, tb.w))
            continue;
        return !rule_between(s, bs_box_bottom(kb), tb.y, tb);
    }
    return 0;
}

/* Step: text flows from the foot of one column to the top of the next: a
 * headless article at the top of a column (nothing above it up to the
 * rule) continues the article at the foot of the column to its left,
 * unless it opens with a byline or kicker of its own, or a cutoff rule
 * over it does not also cover that foot. */
static void continue_across_columns(struct seg *s)
{
    const struct bs_page *page = s->page;
    int n = s->n, ng = s->ngroups;
    int *gid = s->gid, *top = bs_calloc((size_t)ng + 1, sizeof(int));
    int *head = bs_calloc((size_t)ng + 1, sizeof(int)),
        *tail = bs_calloc((size_t)ng + 1, sizeof(int)),
        *next = bs_calloc((size_t)n + 1, sizeof(int));
    struct flow f;

    /* Each group's members (a list, so a merge moves only them) and its
     * top: the first block of the least y. */
    for (int g = 0; g < ng; g++)
        top[g] = head[g] = tail[g] = -1;
    for (int i = 0; i < n; i++) {
        int g = gid[i];
        next[i] = -1;
        if (g < 0)
            continue;
        if (head[g] < 0)
            head[g] = i;
        else
            next[tail[g]] = i;
        tail[g] = i;
        if (top[g] < 0 || page->blocks[i].box.y < page->blocks[top[g]].box.y)
            top[g] = i;
    }
    flow_init(&f, s);
    for (int g = 0; g < ng; g++) {
        int t = top[g], left = -1, foot = -1, band;
        struct bs_box tb;
        if (s->lead[g] < n || t < 0 || page->blocks[t].role == BS_ROLE_BYLINE ||
            page->blocks[t].role == BS_ROLE_KICKER)
            continue;
        tb = page->blocks[t].box;
        if (text_above(&f, g, tb))
            continue;
        band = f.band[t];
        /* The nearest column to the left, in the same band: the block of
         * another group farthest right that ends left of tb. */
        {
            int lo = band_start(&f, f.by_band_right, band),
                hi = band_start(&f, f.by_band_right, band + 1);
            while (lo < hi) { /* past the last that ends left of tb */
                int mid = (lo + hi) / 2;
                if (bs_box_right(page->blocks[f.by_band_right[mid]].box) <=
                    tb.x + s->th)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            for (int r = lo - 1; r >= 0 && f.band[f.by_band_right[r]] == band;
                 r--) {
                if (gid[f.by_band_right[r]] == g)
                    continue;
                left = f.by_band_right[r];
                break;
            }
        }
        /* Its foot: the lowest block of another group under it. */
        for (int r = band_start(&f, f.by_band_bottom, band);
             left >= 0 && r < f.m && f.band[f.by_band_bottom[r]] == band; r++) {
            int k = f.by_band_bottom[r];
            struct bs_box kb = page->blocks[k].box, lb = page->blocks[left].box;
            if (gid[k] == g ||
                bs_box_xoverlap(kb, lb) < 0.5 * min_i(kb.w, lb.w))
                continue;
            foot = k;
            break;
        }
        /* A cutoff rule over this column that does not also cover the
         * foot closes off what is on the left: a new item starts. */
        if (foot >= 0) {
            int r = rule_above(s, tb);
            if (r >= 0 && (bs_box_xoverlap(page->blocks[r].box,
                                           page->blocks[foot].box) <= 0 ||
                           page->blocks[foot].box.y < page->blocks[r].box.y))
                foot = -1;
        }
        if (foot >= 0) {
            int into = gid[foot];
            for (int i = head[g]; i >= 0; i = next[i])
                gid[i] = into;
            next[tail[into]] = head[g];
            tail[into] = tail[g];
            head[g] = tail[g] = -1;
            if (top[into] < 0 || tb.y < page->blocks[top[into]].box.y ||
                (tb.y == page->blocks[top[into]].box.y && t < top[into]))
                top[into] = t;
        }
    }
    flow_release(&f);
    free(top);
    free(head);
    free(tail);
    free(next);
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
    int *topmost = bs_calloc((size_t)s->ngroups + 1, sizeof(int));

    for (int g = 0; g < s->ngroups; g++)
        topmost[g] = -1;
    for (int i = 0; i < n; i++) {
        int g = s->gid[i];
        if (g >= 0 && (topmost[g] < 0 ||
                       page->blocks[i].box.y < page->blocks[topmost[g]].box.y))
            topmost[g] = i;
    }
    for (int g = 0; g < s->ngroups; g++) {
        /* The article's lead box: its headline, or its topmost block. */
        struct bs_box lb = {0, 0, 0, 0};
        if (s->lead[g] < n)
            lb = page->blocks[s->lead[g]].box;
        else if (topmost[g] >= 0)
            lb = page->blocks[topmost[g]].box;
        /* group key: band, column, y, x; stored in lead's slot of items */
        items[nitems].block = -1 - g;
        items[nitems].group = g;
        items[nitems].key[0] = 1 + band_key(s, lb.y);
        items[nitems].key[1] = column_key(s, lb.x, lb.y);
        items[nitems].key[2] = lb.y;
        items[nitems].key[3] = lb.x;
        nitems++;
    }
    free(topmost);
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
    cache_cuts(&s);
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
