/*
 * repair_columns.c - merged columns: a line whose words lie on both sides of
 * a column gutter (the layout's page->bands[].cols, or one seen in the text:
 * repair_gutters.c) was read across columns.  It is cut at every gutter it
 * crosses (a word straddling a layout gutter is cut in proportion to its
 * characters; column-rule marks such as "|" in the gutter are dropped) and
 * each part goes to the block of its own column that covers the line's
 * height, in line order; when no such block exists one is made (same role)
 * and put after the source block in its article.  Headlines, decks,
 * kickers, mastheads and folios span columns on purpose and are left alone,
 * as is a block set over a layout gutter, reaching a third of a column or
 * less into each side (a caption centred in a text wrap: repair_gutters.c),
 * as are lines of much larger type and, at a gutter seen only in the text,
 * lines whose words run on across it (a caption under a two-column photo);
 * a caption line also at a layout gutter, where no wider gap than its own
 * word gaps falls on the gutter.
 *
 * In text without geometry, a line that is only two or more column labels
 * ("【学报告】 【大家谈】") becomes one line per label.
 */
#include "repair.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

/* ---- text only ---- */

char **bs_columns_split_labels(const char *text)
{
    char **out = NULL;
    int n = 0;
    const char *p = text;

    for (;;) {
        const char *open, *close;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        if (strncmp(p, "【", strlen("【")) != 0)
            goto not_labels;
        open = p;
        close = strstr(open, "】");
        if (!close)
            goto not_labels;
        close += strlen("】");
        out = bs_realloc(out, (size_t)(n + 2) * sizeof(*out));
        out[n++] = bs_strndup(open, (size_t)(close - open));
        out[n] = NULL;
        p = close;
    }
    if (n >= 2)
        return out;
not_labels:
    for (int i = 0; i < n; i++)
        free(out[i]);
    free(out);
    return NULL;
}

/* Opens a zeroed line at index `at` of the block; the pointer is valid
 * until the block's lines change again. */
static struct bs_line *insert_line(struct bs_block *block, int at)
{
    bs_block_add_line(block, (struct bs_box){0, 0, 0, 0});
    memmove(&block->lines[at + 1], &block->lines[at],
            (size_t)(block->nlines - 1 - at) * sizeof(*block->lines));
    memset(&block->lines[at], 0, sizeof(*block->lines));
    return &block->lines[at];
}

static void text_labels(struct bs_block *block, struct bs_repair_log *log)
{
    for (int l = 0; l < block->nlines; l++) {
        struct bs_line *line = &block->lines[l];
        char *text, **labels;
        int n = 0;
        json_t *parts;

        if (line->nwords == 0 || !bs_box_empty(line->box))
            continue;
        text = bs_line_text(line);
        labels = bs_columns_split_labels(text);
        if (!labels) {
            free(text);
            continue;
        }
        parts = json_array();
        for (n = 0; labels[n]; n++)
            json_array_append_new(parts, json_string(labels[n]));
        /* The first label stays in this line, the others follow it. */
        for (int w = 0; w < line->nwords; w++)
            free(line->words[w].text);
        line->nwords = 0;
        bs_line_add_word(line, labels[0], (struct bs_box){0, 0, 0, 0}, -1);
        for (int i = 1; i < n; i++) {
            struct bs_line *nl = insert_line(block, l + i);
            bs_line_add_word(nl, labels[i], (struct bs_box){0, 0, 0, 0}, -1);
        }
        {
            char *after = bs_strdup(labels[0]);
            for (int i = 1; i < n; i++) {
                char *o = bs_sprintf("%s\n%s", after, labels[i]);
                free(after);
                after = o;
            }
            bs_repair_log_add(log, "columns", block->id, l, text, after,
                              json_pack("{s:s, s:o}", "pattern",
                                        "column-labels", "labels", parts));
            free(after);
        }
        for (int i = 0; labels[i]; i++)
            free(labels[i]);
        free(labels);
        free(text);
        l += n - 1;
    }
}

/* ---- geometry ---- */

static int centre_x(struct bs_box b) { return b.x + b.w / 2; }

static void remove_word(struct bs_line *line, int w)
{
    free(line->words[w].text);
    memmove(&line->words[w], &line->words[w + 1],
            (size_t)(line->nwords - w - 1) * sizeof(*line->words));
    line->nwords--;
    memset(&line->words[line->nwords], 0, sizeof(*line->words));
}

/* Cuts word w of the line at x (in proportion to its characters) when it
 * straddles x by a fifth of its width on each side. */
static void cut_straddler(struct bs_line *line, int w, int x)
{
    struct bs_word *word = &line->words[w];
    int n, k;
    uint32_t *cps;
    char *left, *right;
    struct bs_box lb, rb;
    float conf = word->conf;

    if (bs_box_empty(word->box) || x - word->box.x < word->box.w / 5 ||
        bs_box_right(word->box) - x < word->box.w / 5)
        return;
    cps = bs_utf8_to_cps(word->text, &n);
    if (n < 2) {
        free(cps);
        return;
    }
    k = (int)((double)n * (x - word->box.x) / word->box.w + 0.5);
    if (k < 1)
        k = 1;
    if (k > n - 1)
        k = n - 1;
    left = bs_utf8_from_cps(cps, k);
    right = bs_utf8_from_cps(cps + k, n - k);
    lb = rb = word->box;
    lb.w = word->box.w * k / n;
    rb.x = lb.x + lb.w;
    rb.w = word->box.w - lb.w;
    /* Replace word w by left, then insert right after it. */
    free(word->text);
    word->text = left;
    word->box = lb;
    free(bs_line_add_word(line, "", rb, conf)->text); /* a free slot */
    memmove(&line->words[w + 2], &line->words[w + 1],
            (size_t)(line->nwords - w - 2) * sizeof(*line->words));
    line->words[w + 1].text = right;
    line->words[w + 1].box = rb;
    line->words[w + 1].conf = conf;
    free(cps);
}

/* The block covering x-span [rx0, rx1) and the line's height, or -1. */
static int target_block(const struct bs_page *page, int src,
                        const struct bs_gutter *g, struct bs_box lbox)
{
    for (int b = 0; b < page->nblocks; b++) {
        const struct bs_block *B = &page->blocks[b];
        int cx = centre_x(B->box), slack = lbox.h * 2;

        if (b == src || !bs_role_has_text(B->role) || !bs_repair_splittable(B->role) ||
            bs_box_empty(B->box))
            continue;
        if (cx < g->rx0 || cx >= g->rx1 || B->box.x < g->g0 ||
            B->box.w > (g->rx1 - g->rx0) * 3 / 2)
            continue;
        if (lbox.y + lbox.h / 2 < B->box.y - slack ||
            lbox.y + lbox.h / 2 > bs_box_bottom(B->box) + slack)
            continue;
        return b;
    }
    return -1;
}

static void article_insert_after(struct bs_page *page, const char *art,
                                 const char *after, const char *id)
{
    struct bs_article *a = *art ? bs_page_find_article(page, art) : NULL;
    int at = -1;

    if (!a)
        return;
    for (int i = 0; i < a->nblocks; i++)
        if (strcmp(a->blocks[i], after) == 0)
            at = i;
    bs_article_add_block(a, id);
    if (at >= 0) {
        char *moved = a->blocks[a->nblocks - 1];
        memmove(&a->blocks[at + 2], &a->blocks[at + 1],
                (size_t)(a->nblocks - at - 2) * sizeof(*a->blocks));
        a->blocks[at + 1] = moved;
    }
}

static void fit_block(struct bs_block *b)
{
    struct bs_box u = {0, 0, 0, 0};
    for (int l = 0; l < b->nlines; l++)
        u = bs_box_union(u, b->lines[l].box);
    if (!bs_box_empty(u))
        b->box = u;
}

/* Columns of the band that block b's box overlaps. */
static void fit_cols(const struct bs_page *page, struct bs_block *b, int band)
{
    int c0 = -1, c1 = -1;

    if (band < 0)
        return;
    b->band = band;
    for (int c = 0; c < page->bands[band].ncols; c++) {
        const struct bs_span *sp = &page->bands[band].cols[c];
        if (bs_box_right(b->box) > sp->x0 && b->box.x < sp->x1) {
            if (c0 < 0)
                c0 = c;
            c1 = c;
        }
    }
    if (c0 >= 0) {
        b->col_first = c0;
        b->col_last = c1;
    }
}

/* Makes a new block beside src for the right parts, placed in src's
 * article right after block `after` (src itself, or the block that took
 * the column before); returns its index. */
static int new_block(struct bs_page *page, int src, int after_b,
                     struct bs_box box)
{
    struct bs_block *nb;
    char art[16], after[16];
    enum bs_role role = page->blocks[src].role;

    snprintf(art, sizeof(art), "%s", page->blocks[src].article);
    snprintf(after, sizeof(after), "%s", page->blocks[after_b].id);
    nb = bs_page_add_block(page, role, box);
    nb->order = page->blocks[src].order;
    nb->text_height = page->blocks[src].text_height;
    snprintf(nb->article, sizeof(nb->article), "%s", art);
    if (page->blocks[src].lang)
        bs_set_str(&nb->lang, page->blocks[src].lang);
    nb->box.w = 0; /* fitted from its lines */
    article_insert_after(page, art, after, nb->id);
    return page->nblocks - 1;
}

static void line_copy(struct bs_line *dst, const struct bs_line *src)
{
    memset(dst, 0, sizeof(*dst));
    dst->box = src->box;
    for (int w = 0; w < src->nwords; w++)
        bs_line_add_word(dst, src->words[w].text, src->words[w].box,
                         src->words[w].conf);
}

static void line_release(struct bs_line *line)
{
    for (int w = 0; w < line->nwords; w++)
        free(line->words[w].text);
    free(line->words);
    memset(line, 0, sizeof(*line));
}

/* Column segment of x: 1 + the index of the last gutter left of it that
 * is on for this line (0 left of them all). */
static int segment_of(const struct bs_gutter *gs, const int *on, int ng,
                      int x)
{
    int sgm = 0;
    for (int i = 0; i < ng; i++)
        if (on[i] && x >= gs[i].gx)
            sgm = i + 1;
    return sgm;
}

/* Prepares line `cut` (a copy) for a split at the gutters it runs across:
 * straddling words cut, rule marks in a gutter dropped (appended to marks),
 * and *segs set to a malloc'd segment index per word.  Returns the number
 * of segments holding words; below 2 there is nothing to split and *segs is
 * NULL. */
static int cmp_gap(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* Does a caption line run on across x?  A word covers x, or the gap there
 * is no wider than twice its usual gap between words (or CJK characters):
 * a caption under a photo spanning columns, not two captions side by
 * side. */
static int caption_runs_on(const struct bs_line *line, int x)
{
    int gaps[256], n = 0, prev = -1, left = -1, right = -1, on;

    for (int w = 0; w < line->nwords; w++) {
        struct bs_box wb = line->words[w].box;
        if (!bs_word_evidence(&line->words[w]) || bs_box_empty(wb))
            continue;
        if (wb.x < x && bs_box_right(wb) > x)
            return 1;
        if (bs_box_right(wb) <= x && bs_box_right(wb) > left)
            left = bs_box_right(wb);
        if (wb.x >= x && (right < 0 || wb.x < right))
            right = wb.x;
        if (prev >= 0 && n < 256 && wb.x >= prev)
            gaps[n++] = wb.x - prev;
        prev = bs_box_right(wb);
    }
    if (left < 0 || right < 0 || n < 3)
        return 0;
    qsort(gaps, (size_t)n, sizeof(int), cmp_gap);
    on = right - left <= 2 * gaps[n / 2] + 2;
    return on;
}

static int plan_cuts(struct bs_line *cut, const struct bs_gutter *gs, int ng,
                     json_t *marks, int **segs, enum bs_role role)
{
    int parts = 0, on[BS_MAX_GUTTERS];
    int *sg;

    *segs = NULL;
    for (int gi = 0; gi < ng; gi++) {
        on[gi] = 1;
        if (cut->box.x >= gs[gi].gx || bs_box_right(cut->box) <= gs[gi].gx)
            continue;
        /* A gutter seen only in the text is no gutter for a line whose
         * words run on across it (a caption under a two-column photo). */
        for (int w = 0; w < cut->nwords && gs[gi].col < 0 && on[gi]; w++) {
            struct bs_box wb = cut->words[w].box;
            int m = cut->box.h / 4;
            if (wb.x < gs[gi].g0 - m && bs_box_right(wb) > gs[gi].g1 + m &&
                bs_word_evidence(&cut->words[w]))
                on[gi] = 0;
        }
        if (on[gi] && role == BS_ROLE_CAPTION &&
            caption_runs_on(cut, gs[gi].gx))
            on[gi] = 0;
        if (!on[gi])
            continue;
        for (int w = 0; w < cut->nwords; w++)
            cut_straddler(cut, w, gs[gi].gx);
        for (int w = 0; w < cut->nwords; w++) {
            int cx = centre_x(cut->words[w].box);
            /* rule marks sit in the gutter, give or take half a line */
            if (cx >= gs[gi].g0 - cut->box.h / 2 &&
                cx <= gs[gi].g1 + cut->box.h / 2 &&
                bs_text_no_letters(cut->words[w].text)) {
                json_array_append_new(marks, json_string(cut->words[w].text));
                remove_word(cut, w--);
            }
        }
    }
    /* Words out of x order (the engine stitched pieces of several columns
     * together) still go each to its own column, in the engine's order. */
    sg = bs_malloc(((size_t)cut->nwords + 1) * sizeof(int));
    for (int w = 0; w < cut->nwords; w++) {
        int seen = 0;
        sg[w] = segment_of(gs, on, ng, centre_x(cut->words[w].box));
        for (int k = 0; k < w && !seen; k++)
            seen = sg[k] == sg[w];
        parts += !seen;
    }
    if (parts < 2) {
        free(sg);
        return parts;
    }
    *segs = sg;
    return parts;
}

/* Moves the words of segment sgm of line l of block src into a new line of
 * block dst, placed by its y; returns that line's index.  Indexes, not
 * pointers: the blocks array may move. */
static int move_segment(struct bs_page *page, int src, int l, const int *segs,
                        int sgm, int dst)
{
    struct bs_block *D = &page->blocks[dst];
    struct bs_line *line = &page->blocks[src].lines[l], *nl;
    int at = 0;

    while (at < D->nlines && D->lines[at].box.y <= line->box.y)
        at++;
    nl = insert_line(D, at);
    line = &page->blocks[src].lines[l]; /* dst may be src */
    for (int w = 0; w < line->nwords; w++)
        if (segs[w] == sgm)
            bs_line_add_word(nl, line->words[w].text, line->words[w].box,
                             line->words[w].conf);
    bs_line_fit_box(nl);
    return at;
}

/* Drops the words of line l not in segment keep. */
static void keep_segment(struct bs_line *line, const int *segs, int keep)
{
    int n = 0;

    for (int w = 0; w < line->nwords; w++) {
        if (segs[w] == keep)
            line->words[n++] = line->words[w];
        else
            free(line->words[w].text);
    }
    for (int w = n; w < line->nwords; w++)
        memset(&line->words[w], 0, sizeof(line->words[w]));
    line->nwords = n;
    bs_line_fit_box(line);
}

/* Splits the lines of block src that run across gutters, each part to the
 * block of its own column; returns the number of lines split. */
static int geometry_block(struct bs_page *page, int src,
                          struct bs_gutters *memo, struct bs_repair_log *log)
{
    int band = bs_block_band(page, &page->blocks[src]), ng, changed = 0;
    int median_h = bs_block_line_height(&page->blocks[src]);
    struct bs_gutter *gs;

    /* blocks made by the split hold one column's parts already */
    if (src >= memo->cap || memo->n[src] < 0)
        return 0;
    gs = memo->g[src];
    ng = memo->n[src];
    for (int l = 0; l < page->blocks[src].nlines && ng > 0; l++) {
        struct bs_line *line = &page->blocks[src].lines[l], cut;
        int *segs = NULL, keep, nparts, prev;
        json_t *marks, *parts, *gutters;
        char *before, *after;

        if (!bs_line_body_size(line, median_h))
            continue;
        marks = json_array();
        line_copy(&cut, line);
        nparts = plan_cuts(&cut, gs, ng, marks, &segs,
                           page->blocks[src].role);
        if (nparts < 2) {
            line_release(&cut);
            json_decref(marks);
            continue;
        }
        before = bs_line_text(line);
        line_release(line);
        *line = cut; /* the line now owns the cut words */
        keep = segs[0];
        for (int w = 1; w < line->nwords; w++)
            keep = segs[w] < keep ? segs[w] : keep;
        prev = src;
        parts = json_array();
        gutters = json_array();
        for (int sgm = keep + 1; sgm <= ng; sgm++) {
            struct bs_gutter *g = &gs[sgm - 1];
            struct bs_box pbox = {0, 0, 0, 0};
            int dst, at, any = 0;
            char *t;

            line = &page->blocks[src].lines[l];
            for (int w = 0; w < line->nwords; w++)
                if (segs[w] == sgm) {
                    pbox = bs_box_union(pbox, line->words[w].box);
                    any = 1;
                }
            if (!any)
                continue;
            /* the gutter just left of this part is where it was cut */
            json_array_append_new(gutters, json_pack("[i,i]", g->g0, g->g1));
            dst = target_block(page, src, g, pbox);
            if (dst < 0)
                dst = new_block(page, src, prev, pbox);
            prev = dst;
            at = move_segment(page, src, l, segs, sgm, dst);
            t = bs_line_text(&page->blocks[dst].lines[at]);
            json_array_append_new(parts,
                                  json_pack("{s:s, s:i, s:s}", "block",
                                            page->blocks[dst].id, "line", at,
                                            "text", t));
            free(t);
            fit_block(&page->blocks[dst]);
            fit_cols(page, &page->blocks[dst], band);
        }
        keep_segment(&page->blocks[src].lines[l], segs, keep);
        after = bs_line_text(&page->blocks[src].lines[l]);
        bs_repair_log_add(
            log, "columns", page->blocks[src].id, l, before, after,
            json_pack("{s:s, s:s, s:i, s:o, s:o, s:o}", "pattern",
                      "line-spans-gutter", "gutter_from", gs[0].source,
                      "band", band, "gutters", gutters, "moved", parts,
                      "dropped_rule_marks", marks));
        free(after);
        free(before);
        free(segs);
        changed++;
    }
    if (changed) {
        fit_block(&page->blocks[src]);
        fit_cols(page, &page->blocks[src], band);
    }
    return changed;
}

void bs_repair_columns(struct bs_page *page, struct bs_repair_log *log)
{
    for (int b = 0; b < page->nblocks; b++)
        if (bs_role_has_text(page->blocks[b].role))
            text_labels(&page->blocks[b], log);
    /* A block may run across several gutters and a right part may land in
     * a block already seen: passes until nothing moves (new blocks are
     * appended, so each pass also visits them). */
    struct bs_gutters memo;

    bs_gutters_find(page, &memo);
    for (int pass = 0; pass < 16; pass++) {
        int moved = 0;
        for (int b = 0; b < page->nblocks; b++)
            if (bs_role_has_text(page->blocks[b].role) &&
                bs_repair_splittable(page->blocks[b].role))
                moved += geometry_block(page, b, &memo, log);
        if (!moved)
            break;
    }
    bs_gutters_release(&memo);
}
