/*
 * repair_overlap.c - geometric duplicates: the same ink read twice because
 * two OCR regions overlap.  Two words of a line whose boxes overlap by at
 * least half and that hold the same text are one word; two lines (of any
 * blocks) whose boxes overlap by at least 60% and that hold the same text
 * (spaces ignored, or one contained in the other) are one line.  The later
 * copy (the shorter one for lines) is dropped.  Text without boxes is never
 * judged here.
 *
 * Near-linear in words and lines, so a hostile import (one line of 25000
 * overlapping words, 40000 lines) costs seconds, not minutes and
 * gigabytes: words are compared only with earlier readings of the same
 * text (a hash of the text), the last OVERLAP_MAX_PEERS of them; lines
 * only with lines their rows overlap (found by a sweep down the page), at
 * most OVERLAP_MAX_PEERS each.  Real pages are far inside both bounds: a
 * line has a handful of repeated words, a row of lines one per column.
 * Words and lines are dropped by marking, and each block is compacted
 * once; a line whose words were deduplicated is logged once, with its text
 * before and after.
 */
#include "repair.h"

#include "../base/base.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WORD_OVERLAP 0.5
#define LINE_OVERLAP 0.6
/* Most earlier readings a word or line is compared with (see above). */
#define OVERLAP_MAX_PEERS 64
/* Most word pairs a line's log entry lists as evidence. */
#define EVIDENCE_MAX 20

/* Two readings of the same ink have boxes of about the same size; a
 * word box that merely contains a smaller one (an engine's odd box for a
 * repeated word) is no duplicate. */
static int similar_size(struct bs_box a, struct bs_box b)
{
    return (long)a.w * 3 >= (long)b.w * 2 && (long)b.w * 3 >= (long)a.w * 2 &&
           (long)a.h * 3 >= (long)b.h * 2 && (long)b.h * 3 >= (long)a.h * 2;
}

static int similar_height(struct bs_box a, struct bs_box b)
{
    return (long)a.h * 3 >= (long)b.h * 2 && (long)b.h * 3 >= (long)a.h * 2;
}

static json_t *box_json(struct bs_box b)
{
    return json_pack("[i, i, i, i]", b.x, b.y, b.w, b.h);
}

static uint64_t text_hash(const char *s)
{
    uint64_t h = 14695981039346656037ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* ---- words ------------------------------------------------------------ */

struct wref {
    uint64_t hash;
    int word;
};

static int cmp_wref(const void *pa, const void *pb)
{
    const struct wref *a = pa, *b = pb;

    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return a->word - b->word;
}

/* Drops the words of one line that repeat an earlier kept reading of the
 * same text over the same ink; one log entry when any went. */
static void dedup_line_words(struct bs_block *block, int l,
                             struct bs_repair_log *log)
{
    struct bs_line *line = &block->lines[l];
    int n = line->nwords, dropped = 0, m = 0;
    struct wref *refs;
    unsigned char *drop;
    json_t *pairs;
    char *before;

    if (n < 2)
        return;
    refs = bs_calloc((size_t)n, sizeof(*refs));
    drop = bs_calloc((size_t)n, 1);
    for (int w = 0; w < n; w++) {
        refs[w].hash = text_hash(line->words[w].text);
        refs[w].word = w;
    }
    /* Readings of one text together, in line order. */
    qsort(refs, (size_t)n, sizeof(*refs), cmp_wref);
    pairs = json_array();
    for (int g = 0; g < n;) {
        int e = g, *kept, nkept = 0;
        while (e < n && refs[e].hash == refs[g].hash)
            e++;
        kept = bs_calloc((size_t)(e - g), sizeof(*kept));
        for (int r = g; r < e; r++) {
            struct bs_word *b = &line->words[refs[r].word];
            int match = -1;
            double ratio = 0;
            for (int k = nkept - 1; k >= 0 && k >= nkept - OVERLAP_MAX_PEERS;
                 k--) {
                struct bs_word *a = &line->words[kept[k]];
                if (bs_box_empty(a->box) || bs_box_empty(b->box) ||
                    strcmp(a->text, b->text) != 0)
                    continue;
                ratio = bs_box_overlap_ratio(a->box, b->box);
                if (ratio >= WORD_OVERLAP && similar_size(a->box, b->box)) {
                    match = kept[k];
                    break;
                }
            }
            if (match < 0) {
                kept[nkept++] = refs[r].word;
                continue;
            }
            drop[refs[r].word] = 1;
            if (dropped++ < EVIDENCE_MAX)
                json_array_append_new(
                    pairs, json_pack("{s:f, s:o, s:o}", "overlap", ratio,
                                     "kept", box_json(line->words[match].box),
                                     "dropped", box_json(b->box)));
        }
        free(kept);
        g = e;
    }
    if (!dropped) {
        json_decref(pairs);
        free(refs);
        free(drop);
        return;
    }
    before = bs_line_text(line);
    for (int w = 0; w < n; w++) {
        if (drop[w]) {
            free(line->words[w].text);
            continue;
        }
        line->words[m++] = line->words[w];
    }
    if (m < n)
        memset(&line->words[m], 0, (size_t)(n - m) * sizeof(*line->words));
    line->nwords = m;
    bs_line_fit_box(line);
    {
        char *after = bs_line_text(line);
        bs_repair_log_add(log, "overlap", block->id, l, before, after,
                          json_pack("{s:s, s:i, s:o}", "pattern",
                                    "overlapping-word-boxes", "dropped",
                                    dropped, "pairs", pairs));
        free(after);
    }
    free(before);
    free(refs);
    free(drop);
}

/* ---- lines ------------------------------------------------------------ */

/* One line of the page, in page order (block by block, line by line). */
struct lref {
    int block, line;
    int y0, y1;
    int unboxed;            /* no geometry: never judged here */
    int dropped;
    int *peers, npeers;     /* later lines (in page order) sharing its rows */
};

static int cmp_by_top(const void *pa, const void *pb, void *ctx)
{
    const struct lref *v = ctx;
    int a = *(const int *)pa, b = *(const int *)pb;

    if (v[a].y0 != v[b].y0)
        return v[a].y0 < v[b].y0 ? -1 : 1;
    return a - b;
}

static int cmp_int(const void *pa, const void *pb)
{
    return *(const int *)pa - *(const int *)pb;
}

/* The line's characters without spaces; malloc'd. */
static char *squeeze(const struct bs_line *line)
{
    char *t = bs_line_text(line), *o = t;

    for (char *p = t; *p; p++)
        if (*p != ' ')
            *o++ = *p;
    *o = '\0';
    return t;
}

static int line_has_boxes(const struct bs_line *line)
{
    return line->nwords > 0 && !bs_box_empty(line->box);
}

/* Lines removed so far before each line (a Fenwick tree over page order),
 * so a log entry names a line by its index at the time, as the blocks
 * will read once the dropped lines are gone. */
static void fen_add(int *t, int n, int i)
{
    for (i++; i <= n; i += i & -i)
        t[i]++;
}

static int fen_sum(const int *t, int i) /* removed among [0, i) */
{
    int s = 0;

    for (; i > 0; i -= i & -i)
        s += t[i];
    return s;
}

/* The index line L has in its block once the lines dropped before it
 * are gone. */
static int index_now(const struct lref *v, const int *start, const int *fen,
                     const struct lref *L)
{
    int at = (int)(L - v);

    return L->line - (fen_sum(fen, at) - fen_sum(fen, start[L->block]));
}

/* Every line, and for each the later lines whose rows overlap its own (a
 * sweep over the lines sorted by top), at most OVERLAP_MAX_PEERS. */
static struct lref *collect_lines(const struct bs_page *page, int *nout,
                                  int **start_out)
{
    struct lref *v = NULL;
    int n = 0, cap = 0, *start, *by_top;

    start = bs_calloc((size_t)page->nblocks + 1, sizeof(*start));
    for (int b = 0; b < page->nblocks; b++) {
        start[b] = n;
        for (int l = 0; l < page->blocks[b].nlines; l++) {
            const struct bs_line *line = &page->blocks[b].lines[l];
            bs_grow((void **)&v, &cap, n + 1, sizeof(*v));
            v[n].block = b;
            v[n].line = l;
            v[n].y0 = line->box.y;
            v[n].y1 = bs_box_bottom(line->box);
            v[n].unboxed = !line_has_boxes(line);
            n++;
        }
    }
    start[page->nblocks] = n;
    by_top = bs_calloc((size_t)n + 1, sizeof(*by_top));
    for (int i = 0; i < n; i++)
        by_top[i] = i;
    qsort_r(by_top, (size_t)n, sizeof(*by_top), cmp_by_top, v);
    for (int k = 0; k < n; k++) {
        struct lref *a = &v[by_top[k]];
        if (a->unboxed)
            continue;
        for (int q = k + 1; q < n && v[by_top[q]].y0 < a->y1; q++) {
            int j = by_top[q], lo = by_top[k] < j ? by_top[k] : j,
                hi = by_top[k] < j ? j : by_top[k];
            struct lref *x = &v[lo];
            if (v[j].unboxed || x->npeers >= OVERLAP_MAX_PEERS)
                continue;
            if (!x->peers)
                x->peers = bs_calloc(OVERLAP_MAX_PEERS, sizeof(int));
            x->peers[x->npeers++] = hi;
        }
    }
    for (int i = 0; i < n; i++)
        if (v[i].npeers > 1)
            qsort(v[i].peers, (size_t)v[i].npeers, sizeof(int), cmp_int);
    free(by_top);
    *nout = n;
    *start_out = start;
    return v;
}

static void dedup_lines(struct bs_page *page, struct bs_repair_log *log)
{
    int n, *start, *fen;
    struct lref *v = collect_lines(page, &n, &start);

    fen = bs_calloc((size_t)n + 1, sizeof(*fen));
    /* Every pair once, x before y in page order, as x's peers. */
    for (int xi = 0; xi < n; xi++) {
        struct lref *X = &v[xi];
        for (int p = 0; p < X->npeers && !X->dropped; p++) {
            struct lref *Y = &v[X->peers[p]];
            struct bs_block *B1 = &page->blocks[X->block],
                            *B2 = &page->blocks[Y->block];
            struct bs_line *x = &B1->lines[X->line], *y = &B2->lines[Y->line];
            struct lref *D, *K;
            char *sx, *sy, *before;
            double r;
            int drop_y;

            if (Y->dropped)
                continue;
            r = bs_box_overlap_ratio(x->box, y->box);
            if (r < LINE_OVERLAP || !similar_height(x->box, y->box))
                continue;
            sx = squeeze(x);
            sy = squeeze(y);
            if (!*sx || !*sy ||
                (strcmp(sx, sy) != 0 && !strstr(sx, sy) && !strstr(sy, sx))) {
                free(sx);
                free(sy);
                continue;
            }
            /* Keep the longer reading; on a tie the first. */
            drop_y = strlen(sy) <= strlen(sx);
            D = drop_y ? Y : X;
            K = drop_y ? X : Y;
            before = bs_line_text(drop_y ? y : x);
            bs_repair_log_add(
                log, "overlap", page->blocks[D->block].id,
                index_now(v, start, fen, D), before, "",
                json_pack("{s:s, s:f, s:s, s:i, s:o}", "pattern",
                          "overlapping-lines", "overlap", r, "kept_block",
                          page->blocks[K->block].id, "kept_line",
                          index_now(v, start, fen, K), "dropped",
                          box_json(drop_y ? y->box : x->box)));
            free(before);
            free(sx);
            free(sy);
            D->dropped = 1;
            fen_add(fen, n, (int)(D - v));
        }
    }
    /* Each block compacted once. */
    for (int b = 0; b < page->nblocks; b++) {
        struct bs_block *block = &page->blocks[b];
        int m = 0;
        for (int l = 0; l < block->nlines; l++) {
            struct lref *L = &v[start[b] + l];
            struct bs_line *line = &block->lines[l];
            if (L->dropped) {
                for (int w = 0; w < line->nwords; w++)
                    free(line->words[w].text);
                free(line->words);
                continue;
            }
            block->lines[m++] = *line;
        }
        if (m < block->nlines)
            memset(&block->lines[m], 0,
                   (size_t)(block->nlines - m) * sizeof(*block->lines));
        block->nlines = m;
    }
    for (int i = 0; i < n; i++)
        free(v[i].peers);
    free(v);
    free(start);
    free(fen);
}

void bs_repair_overlap(struct bs_page *page, struct bs_repair_log *log)
{
    for (int b = 0; b < page->nblocks; b++)
        if (bs_role_has_text(page->blocks[b].role))
            for (int l = 0; l < page->blocks[b].nlines; l++)
                dedup_line_words(&page->blocks[b], l, log);
    dedup_lines(page, log);
}
