/*
 * repair_gutters.c - where the column gutters of a page are, for the
 * merged-columns repair: the layout's column bands where it found them,
 * else gutters seen in the text itself.
 *
 * A text gutter is an x-stripe inside a block that (nearly) no word of the
 * lines running across it covers, at least a quarter line height wide, with a
 * column's left edge just right of it (the next words start at the same x).
 * One seen in fewer than 8 lines must show in a second block too, or sit on
 * the grid of the block's other gutters (a steady column pitch): word gaps
 * of justified text line up by chance over a few lines, never down a page.
 * Blocks too short to show a gutter alone take the page's gutters that
 * show in them.  Each side of a gutter holds four line heights at least:
 * the cell gaps of justified CJK text line up down a column too.
 */
#include "repair.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

int bs_repair_splittable(enum bs_role r)
{
    return r == BS_ROLE_BODY || r == BS_ROLE_CAPTION || r == BS_ROLE_BYLINE ||
           r == BS_ROLE_UNKNOWN || r == BS_ROLE_CONTINUATION;
}

int bs_block_band(const struct bs_page *page, const struct bs_block *b)
{
    int best = -1, best_ov = 0;

    if (b->band >= 0 && b->band < page->nbands)
        return b->band;
    for (int i = 0; i < page->nbands; i++) {
        int ov = (b->box.y + b->box.h < page->bands[i].y1
                      ? b->box.y + b->box.h
                      : page->bands[i].y1) -
                 (b->box.y > page->bands[i].y0 ? b->box.y : page->bands[i].y0);
        if (ov > best_ov)
            best_ov = ov, best = i;
    }
    return best;
}

/* A word with no letter or digit: "|", "—", "=": often a column rule read
 * as text. */
int bs_text_no_letters(const char *text)
{
    int n;
    uint32_t *cps = bs_utf8_to_cps(text, &n);
    int none = 1;

    for (int i = 0; i < n && none; i++)
        none = !(bs_cp_is_latin_alnum(cps[i]) || bs_cp_is_han(cps[i]) ||
                 (bs_cp_is_cjk(cps[i]) && !bs_cp_is_punct(cps[i])));
    free(cps);
    return none;
}

int bs_word_evidence(const struct bs_word *w)
{
    return !bs_text_no_letters(w->text) && (w->conf < 0 || w->conf >= 50);
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int bs_block_line_height(const struct bs_block *B)
{
    int hs[256], n = 0;

    for (int l = 0; l < B->nlines && n < 256; l++)
        if (B->lines[l].box.h > 0)
            hs[n++] = B->lines[l].box.h;
    if (!n)
        return 0;
    qsort(hs, (size_t)n, sizeof(int), cmp_int);
    return hs[n / 2];
}

/* Lines of body size with two or more words: the ones that show a gutter.
 * A line of much larger type (a headline the layout left in a body block)
 * spans columns on purpose. */
int bs_line_body_size(const struct bs_line *line, int median_h)
{
    return !bs_box_empty(line->box) &&
           (median_h <= 0 || line->box.h * 5 <= median_h * 7);
}

static int gutter_witness(const struct bs_line *line, int median_h)
{
    return line->nwords >= 2 && bs_line_body_size(line, median_h);
}

/* Do the lines running across x start a column just right of it?  The
 * first letter word right of x begins at the same place (within 0.15 line
 * height, 0.25 for CJK) in `min` or more lines and three in ten of them
 * (a photo may push some lines' start further right): a column's left
 * edge, where word gaps that line up by chance start anywhere. */
static int column_starts(const struct bs_block *B, int h, int x, int min)
{
    int starts[512], n = 0, tol, best = 0, cjk = 0, words = 0;

    /* CJK ink starts anywhere in its cell: a looser match */
    for (int l = 0; l < B->nlines; l++)
        for (int w = 0; w < B->lines[l].nwords; w++) {
            int k;
            const char *t = B->lines[l].words[w].text;
            words++;
            cjk += *t && bs_cp_is_cjk(bs_utf8_decode(t, strlen(t), &k));
        }
    tol = 2 * cjk > words ? h / 4 : h * 15 / 100;
    if (tol < 3)
        tol = 3;

    for (int l = 0; l < B->nlines && n < 512; l++) {
        const struct bs_line *line = &B->lines[l];
        int left = 0, first = -1;

        if (!gutter_witness(line, h))
            continue;
        for (int w = 0; w < line->nwords; w++) {
            struct bs_box wb = line->words[w].box;
            /* positions only: a low-confidence word still starts where
             * its ink does */
            if (bs_text_no_letters(line->words[w].text) || bs_box_empty(wb))
                continue;
            if (bs_box_right(wb) <= x)
                left = 1;
            else if (wb.x >= x && (first < 0 || wb.x < first))
                first = wb.x;
        }
        if (left && first >= 0)
            starts[n++] = first;
    }
    if (n < min)
        return 0;
    /* the largest group of starts within tol of each other */
    qsort(starts, (size_t)n, sizeof(int), cmp_int);
    for (int i = 0, j = 0; i < n; i++) {
        while (starts[i] - starts[j] > 2 * tol)
            j++;
        if (i - j + 1 > best)
            best = i - j + 1;
    }
    return best >= min && best * 10 >= n * 3;
}

/* Gutters the layout missed, found in the text itself: x-stripes that
 * (nearly) no word of the lines running across it covers, where four or
 * more lines run across it.  Justified text never lines its word gaps up
 * like that, and a CJK text grid's gaps are far narrower than the quarter line
 * height asked for. */
static int text_gutters(const struct bs_block *B, struct bs_gutter *g, int max)
{
    int x0 = B->box.x, w = B->box.w, n = 0, min_stripe;
    int h = bs_block_line_height(B);
    int *cov, *span;

    if (bs_box_empty(B->box) || w > 20000 || h <= 0)
        return 0;
    cov = bs_calloc((size_t)w + 1, sizeof(int));
    span = bs_calloc((size_t)w + 1, sizeof(int));
    for (int l = 0; l < B->nlines; l++) {
        const struct bs_line *line = &B->lines[l];
        int lx0 = -1, lx1 = -1;

        if (!gutter_witness(line, h))
            continue;
        /* the line's extent by its letter words */
        for (int k = 0; k < line->nwords; k++) {
            struct bs_box wb = line->words[k].box;
            if (!bs_word_evidence(&line->words[k]) || bs_box_empty(wb))
                continue;
            if (lx0 < 0 || wb.x < lx0)
                lx0 = wb.x;
            if (bs_box_right(wb) > lx1)
                lx1 = bs_box_right(wb);
            for (int x = wb.x; x < bs_box_right(wb); x++)
                if (x >= x0 && x < x0 + w)
                    cov[x - x0]++;
        }
        for (int x = lx0; lx0 >= 0 && x < lx1; x++)
            if (x >= x0 && x < x0 + w)
                span[x - x0]++;
    }
    /* stripes where four or more lines run across and at most a fifth of
     * them cover it (a photo's noise, a straddling word), wide enough: a
     * quarter line, or in CJK text, whose grid of cells lines its gaps up
     * down the column, half a line */
    {
        int cjk = 0, words = 0;
        for (int l = 0; l < B->nlines; l++)
            for (int k = 0; k < B->lines[l].nwords; k++) {
                const char *t = B->lines[l].words[k].text;
                words++;
                cjk += *t && bs_cp_is_cjk(bs_utf8_first(t));
            }
        min_stripe = 2 * cjk > words ? h / 2 : h / 4;
        if (min_stripe < 3)
            min_stripe = 3;
    }
    for (int x = 0; x < w && n < max;) {
        int e = x;
        while (e < w && span[e] >= 4 && cov[e] * 100 <= span[e] * 20)
            e++;
        if (e - x >= min_stripe &&
            column_starts(B, h, x0 + (x + e) / 2, 3)) {
            int sup = 0;
            for (int k = x; k < e; k++)
                sup = span[k] > sup ? span[k] : sup;
            g[n].support = sup;
            g[n].gx = x0 + (x + e) / 2;
            g[n].g0 = x0 + x;
            g[n].g1 = x0 + e;
            g[n].rx0 = x0 + e;
            g[n].rx1 = bs_box_right(B->box);
            g[n].col = -1;
            g[n].source = "text";
            if (n > 0)
                g[n - 1].rx1 = g[n].g0;
            n++;
        }
        x = e + 1;
    }
    free(span);
    free(cov);
    /* A column holds a few characters at least: a "gutter" closer than
     * that to the block's edge or to the last gutter is the gap between
     * two cells of a justified CJK grid, which lines up down the column. */
    {
        int k = 0, left = B->box.x, min_w = 4 * h;
        for (int i = 0; i < n; i++) {
            int right_end = i + 1 < n ? g[i + 1].g0 : bs_box_right(B->box);
            if (g[i].g0 - left < min_w || right_end - g[i].g1 < min_w)
                continue;
            g[k++] = g[i];
            left = g[i].g1;
        }
        for (int i = 0; i < k; i++)
            g[i].rx1 = i + 1 < k ? g[i + 1].g0 : bs_box_right(B->box);
        n = k;
    }
    return n;
}

/* The gutters block src runs across: the band's (but those it is set
 * over, reaching only a little into each column), else one from its
 * text. */
static int find_gutters(const struct bs_page *page, int src, int band,
                        struct bs_gutter *out, int max)
{
    const struct bs_block *B = &page->blocks[src];
    int n = 0;

    if (band >= 0) {
        const struct bs_band *bd = &page->bands[band];
        for (int c = 0; c + 1 < bd->ncols && n < max; c++) {
            int gx = (bd->cols[c].x1 + bd->cols[c + 1].x0) / 2;
            if (B->box.x >= gx || bs_box_right(B->box) <= gx)
                continue;
            /* a block reaching a third of a column or less into each side
             * is set over the gutter (a caption centred in a text wrap, an
             * inset): one text, not two columns' lines run together */
            if (3 * (bd->cols[c].x1 - B->box.x) <=
                    bd->cols[c].x1 - bd->cols[c].x0 &&
                3 * (bs_box_right(B->box) - bd->cols[c + 1].x0) <=
                    bd->cols[c + 1].x1 - bd->cols[c + 1].x0)
                continue;
            out[n].gx = gx;
            out[n].g0 = bd->cols[c].x1;
            out[n].g1 = bd->cols[c + 1].x0;
            out[n].rx0 = bd->cols[c + 1].x0;
            out[n].rx1 = bd->cols[c + 1].x1;
            out[n].col = c + 1;
            out[n].source = "band";
            out[n].support = 0;
            n++;
        }
    }
    if (n == 0)
        n = text_gutters(B, out, max);
    return n;
}

/* Finds block b's gutters unless already known. */
static void memo_find(const struct bs_page *page, struct bs_gutters *memo,
                      int b)
{
    if (b >= memo->cap) {
        int old = memo->cap;
        memo->cap = page->nblocks * 2 + 16;
        memo->g = bs_realloc(memo->g, (size_t)memo->cap * sizeof(*memo->g));
        memo->n = bs_realloc(memo->n, (size_t)memo->cap * sizeof(int));
        for (int i = old; i < memo->cap; i++)
            memo->n[i] = -1;
    }
    if (memo->n[b] < 0)
        memo->n[b] = find_gutters(page, b, bs_block_band(page, &page->blocks[b]),
                                  memo->g[b], BS_MAX_GUTTERS);
}

static void memo_fill(const struct bs_page *page, struct bs_gutters *memo)
{
    for (int b = 0; b < page->nblocks; b++)
        memo_find(page, memo, b);
}

/* Does text gutter g (found in another block) show in block B too?  Two or
 * more of B's body lines run across it and four in five of those leave it
 * clear of letters. */
static int gutter_shows(const struct bs_block *B, const struct bs_gutter *g)
{
    int h = bs_block_line_height(B), half, across = 0, clear = 0;

    if (h <= 0 || g->gx <= B->box.x || g->gx >= bs_box_right(B->box))
        return 0;
    half = (h / 4 > 3 ? h / 4 : 3) / 2;
    for (int l = 0; l < B->nlines; l++) {
        const struct bs_line *line = &B->lines[l];
        int left = 0, right = 0, hit = 0;

        if (!gutter_witness(line, h))
            continue;
        for (int w = 0; w < line->nwords; w++) {
            struct bs_box wb = line->words[w].box;
            if (!bs_word_evidence(&line->words[w]))
                continue;
            left |= wb.x < g->gx;
            right |= bs_box_right(wb) > g->gx;
            hit |= wb.x < g->gx + half && bs_box_right(wb) > g->gx - half;
        }
        if (left && right) {
            across++;
            clear += !hit;
        }
    }
    return across >= 2 && clear * 5 >= across * 4 &&
           column_starts(B, h, g->gx, 2);
}

/* A text gutter seen in fewer than 8 lines may be word gaps lining up by
 * chance; it stays only when another block shows a gutter at the same x
 * (columns run down the page) or it sits on the block's column grid. */
#define GUTTER_ALONE_LINES 8

/* Does gx sit on the grid of the confirmed gutters ok[] of a block?  Two
 * or more of them at a steady pitch P (within 3%), and gx a whole number of
 * pitches (one or two) from the nearest one. */
static int on_grid(const struct bs_gutter *gs, const int *ok, int n, int gx)
{
    int prev = -1, pitch = 0, steady = 1, count = 0, near = -1;

    for (int i = 0; i < n; i++) {
        if (!ok[i])
            continue;
        if (prev >= 0) {
            int d = gs[i].gx - gs[prev].gx;
            if (pitch == 0)
                pitch = d;
            else if (abs(d - pitch) * 100 > pitch * 3 &&
                     abs(d - 2 * pitch) * 100 > pitch * 3)
                steady = 0;
        }
        if (near < 0 || abs(gs[i].gx - gx) < abs(gs[near].gx - gx))
            near = i;
        prev = i;
        count++;
    }
    if (count < 2 || !steady || pitch <= 0 || near < 0)
        return 0;
    for (int k = 1; k <= 2; k++) {
        int tol = pitch * 3 / 100 > 8 ? pitch * 3 / 100 : 8;
        if (abs(abs(gx - gs[near].gx) - k * pitch) <= tol)
            return 1;
    }
    return 0;
}

static void confirm_gutters(const struct bs_page *page,
                            struct bs_gutters *memo)
{
    for (int b = 0; b < page->nblocks && b < memo->cap; b++) {
        int n = 0, ok[BS_MAX_GUTTERS];
        for (int i = 0; i < memo->n[b]; i++) {
            const struct bs_gutter *g = &memo->g[b][i];
            ok[i] = g->col >= 0 || g->support >= GUTTER_ALONE_LINES;
            for (int o = 0; o < page->nblocks && o < memo->cap && !ok[i]; o++)
                for (int k = 0; o != b && k < memo->n[o] && !ok[i]; k++)
                    ok[i] = memo->g[o][k].g0 < g->g1 + 4 &&
                            memo->g[o][k].g1 > g->g0 - 4;
        }
        /* columns are set on a grid: a weakly seen gutter on the grid of
         * the block's confirmed ones is real too */
        {
            int grid[BS_MAX_GUTTERS];
            for (int i = 0; i < memo->n[b]; i++)
                grid[i] = ok[i] ||
                          on_grid(memo->g[b], ok, memo->n[b], memo->g[b][i].gx);
            for (int i = 0; i < memo->n[b]; i++)
                if (grid[i])
                    memo->g[b][n++] = memo->g[b][i];
        }
        for (int i = 0; i + 1 < n; i++)
            if (memo->g[b][i].col < 0)
                memo->g[b][i].rx1 = memo->g[b][i + 1].g0;
        if (n > 0 && memo->g[b][n - 1].col < 0)
            memo->g[b][n - 1].rx1 = bs_box_right(page->blocks[b].box);
        memo->n[b] = n;
    }
}

/* Gives blocks with no gutters of their own the page's text gutters that
 * show in them (a block with too few lines to show one alone). */
static void share_gutters(const struct bs_page *page, struct bs_gutters *memo)
{
    struct bs_gutter pool[64];
    int np = 0;

    for (int b = 0; b < page->nblocks && b < memo->cap; b++)
        for (int i = 0; i < memo->n[b] && np < 64; i++) {
            const struct bs_gutter *g = &memo->g[b][i];
            int dup = 0;
            if (g->col >= 0)
                continue;
            for (int k = 0; k < np && !dup; k++)
                dup = g->gx >= pool[k].g0 && g->gx <= pool[k].g1;
            if (!dup)
                pool[np++] = *g;
        }
    for (int b = 0; b < page->nblocks && b < memo->cap; b++) {
        const struct bs_block *B = &page->blocks[b];
        int n = 0;

        if (memo->n[b] != 0 || !bs_repair_splittable(B->role))
            continue;
        for (int k = 0; k < np && n < BS_MAX_GUTTERS; k++)
            if (gutter_shows(B, &pool[k]))
                memo->g[b][n++] = pool[k];
        /* in x order, each one's right column ending at the next */
        for (int i = 1; i < n; i++)
            for (int j = i; j > 0 && memo->g[b][j - 1].gx > memo->g[b][j].gx;
                 j--) {
                struct bs_gutter t = memo->g[b][j];
                memo->g[b][j] = memo->g[b][j - 1];
                memo->g[b][j - 1] = t;
            }
        for (int i = 0; i < n; i++)
            memo->g[b][i].rx1 =
                i + 1 < n ? memo->g[b][i + 1].g0 : bs_box_right(B->box);
        memo->n[b] = n;
    }
}

void bs_gutters_find(const struct bs_page *page, struct bs_gutters *gs)
{
    memset(gs, 0, sizeof(*gs));
    memo_fill(page, gs);
    confirm_gutters(page, gs);
    share_gutters(page, gs);
}

void bs_gutters_release(struct bs_gutters *gs)
{
    free(gs->g);
    free(gs->n);
    memset(gs, 0, sizeof(*gs));
}
