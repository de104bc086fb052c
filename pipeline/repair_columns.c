/*
 * repair_columns.c - merged columns: a line whose words lie on both sides of
 * a column gutter (page->bands[].cols) was read across two columns.  It is
 * cut at the gutter (a word straddling it is cut in proportion to its
 * characters) and the right part goes to the block of the next column that
 * covers the line's height, in line order; when no such block exists one is
 * made (same role) and put right after the source block in its article.
 * Headlines, decks, kickers, mastheads and folios span columns on purpose
 * and are left alone.
 *
 * In text without geometry, a line that is only two or more column labels
 * ("【学报告】 【大家谈】") becomes one line per label.
 */
#include "repair.h"

#include "utf8.h"

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

static int splittable(enum bs_role r)
{
    return r == BS_ROLE_BODY || r == BS_ROLE_CAPTION || r == BS_ROLE_BYLINE ||
           r == BS_ROLE_UNKNOWN || r == BS_ROLE_CONTINUATION;
}

static int band_of(const struct bs_page *page, const struct bs_block *b)
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

static int centre_x(struct bs_box b) { return b.x + b.w / 2; }

/* A word with no letter or digit: "|", "—", "=": often a column rule read
 * as text. */
static int no_letters(const char *text)
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

/* A gutter a line may run across: the cut x, the white gap, and the x-span
 * of the column to its right (where the right parts go). */
struct gutter {
    int gx, g0, g1;
    int rx0, rx1;
    int col;              /* right column's index in the band, -1 unknown */
    const char *source;   /* "band" (layout's columns) or "text" */
};

/* The block covering x-span [rx0, rx1) and the line's height, or -1. */
static int target_block(const struct bs_page *page, int src,
                        const struct gutter *g, struct bs_box lbox)
{
    for (int b = 0; b < page->nblocks; b++) {
        const struct bs_block *B = &page->blocks[b];
        int cx = centre_x(B->box), slack = lbox.h * 2;

        if (b == src || !bs_role_has_text(B->role) || !splittable(B->role) ||
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

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* A gutter the layout missed, found in the text itself: an x-stripe inside
 * the block that no word of (nearly) any long line covers while most of
 * those lines have words on both sides.  Justified text never lines its
 * word gaps up like that over four or more lines. */
static int text_gutter(const struct bs_block *B, struct gutter *g)
{
    int x0 = B->box.x, w = B->box.w, nl = 0, best = -1, best_w = 0, h;
    int *cov, hs[256], nh = 0;

    if (bs_box_empty(B->box) || w > 20000)
        return 0;
    cov = bs_calloc((size_t)w + 1, sizeof(int));
    for (int l = 0; l < B->nlines; l++) {
        const struct bs_line *line = &B->lines[l];
        if (line->nwords < 2 || line->box.w < w * 6 / 10)
            continue;
        nl++;
        if (nh < 256)
            hs[nh++] = line->box.h;
        for (int k = 0; k < line->nwords; k++) {
            struct bs_box wb = line->words[k].box;
            if (no_letters(line->words[k].text))
                continue;
            for (int x = wb.x; x < bs_box_right(wb); x++)
                if (x >= x0 && x < x0 + w)
                    cov[x - x0]++;
        }
    }
    if (nl < 4) {
        free(cov);
        return 0;
    }
    qsort(hs, (size_t)nh, sizeof(int), cmp_int);
    h = hs[nh / 2];
    /* widest stripe covered by at most 15% of the lines (a photo's noise
     * or a straddling word), in the middle 70% of the block */
    for (int x = w * 15 / 100; x < w * 85 / 100;) {
        int e = x;
        while (e < w * 85 / 100 && cov[e] * 100 <= nl * 15)
            e++;
        if (e - x > best_w)
            best_w = e - x, best = x;
        x = e + 1;
    }
    free(cov);
    if (best < 0 || best_w < (h * 3 / 10 > 3 ? h * 3 / 10 : 3))
        return 0;
    {
        int gx = x0 + best + best_w / 2, both = 0;
        for (int l = 0; l < B->nlines; l++) {
            const struct bs_line *line = &B->lines[l];
            int left = 0, right = 0;
            if (line->nwords < 2 || line->box.w < w * 6 / 10)
                continue;
            for (int k = 0; k < line->nwords; k++) {
                if (no_letters(line->words[k].text))
                    continue;
                left |= bs_box_right(line->words[k].box) <= gx;
                right |= line->words[k].box.x >= gx;
            }
            both += left && right;
        }
        if (both < 3 || both * 10 < nl * 6)
            return 0;
        g->gx = gx;
        g->g0 = x0 + best;
        g->g1 = x0 + best + best_w;
        g->rx0 = g->g1;
        g->rx1 = bs_box_right(B->box);
        g->col = -1;
        g->source = "text";
    }
    return 1;
}

/* The gutters block src runs across: the band's, else one from its text. */
static int find_gutters(const struct bs_page *page, int src, int band,
                        struct gutter *out, int max)
{
    const struct bs_block *B = &page->blocks[src];
    int n = 0;

    if (band >= 0) {
        const struct bs_band *bd = &page->bands[band];
        for (int c = 0; c + 1 < bd->ncols && n < max; c++) {
            int gx = (bd->cols[c].x1 + bd->cols[c + 1].x0) / 2;
            if (B->box.x >= gx || bs_box_right(B->box) <= gx)
                continue;
            out[n].gx = gx;
            out[n].g0 = bd->cols[c].x1;
            out[n].g1 = bd->cols[c + 1].x0;
            out[n].rx0 = bd->cols[c + 1].x0;
            out[n].rx1 = bd->cols[c + 1].x1;
            out[n].col = c + 1;
            out[n].source = "band";
            n++;
        }
    }
    if (n == 0 && max > 0 && text_gutter(B, &out[0]))
        n = 1;
    return n;
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

/* Moves words [from, nwords) of line l of block src to a line of block dst,
 * placed by its y.  Indexes, not pointers: blocks may move. */
static int move_right_part(struct bs_page *page, int src, int l, int from,
                           int dst)
{
    struct bs_block *D = &page->blocks[dst];
    struct bs_line *line = &page->blocks[src].lines[l], *nl;
    int at = 0;

    while (at < D->nlines && D->lines[at].box.y <= line->box.y)
        at++;
    nl = insert_line(D, at);
    line = &page->blocks[src].lines[l];
    for (int w = from; w < line->nwords; w++) {
        bs_line_add_word(nl, line->words[w].text, line->words[w].box,
                         line->words[w].conf);
        free(line->words[w].text);
        line->words[w].text = NULL;
    }
    line->nwords = from;
    bs_line_fit_box(line);
    bs_line_fit_box(nl);
    D->box = bs_box_union(D->box, nl->box);
    return at;
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

/* Makes a new block beside src for the right parts; returns its index. */
static int new_block(struct bs_page *page, int src, struct bs_box box)
{
    struct bs_block *nb;
    char art[16], after[16];
    enum bs_role role = page->blocks[src].role;

    snprintf(art, sizeof(art), "%s", page->blocks[src].article);
    snprintf(after, sizeof(after), "%s", page->blocks[src].id);
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

/* Prepares line `cut` (a copy) for a split at gutter g: straddling words
 * cut, rule marks in the gutter dropped (names appended to marks).
 * Returns the index of the first word of the right part, or -1 when the
 * line does not run across the gutter. */
static int plan_cut(struct bs_line *cut, const struct gutter *g, json_t *marks)
{
    int first_right = -1;

    for (int w = 0; w < cut->nwords; w++)
        cut_straddler(cut, w, g->gx);
    for (int w = 0; w < cut->nwords; w++) {
        int cx = centre_x(cut->words[w].box);
        /* rule marks sit in the gutter, give or take half a line height */
        if (cx >= g->g0 - cut->box.h / 2 && cx <= g->g1 + cut->box.h / 2 &&
            no_letters(cut->words[w].text)) {
            json_array_append_new(marks, json_string(cut->words[w].text));
            remove_word(cut, w--);
        }
    }
    for (int w = 0; w < cut->nwords; w++)
        if (!bs_box_empty(cut->words[w].box) &&
            centre_x(cut->words[w].box) >= g->gx) {
            first_right = w;
            break;
        }
    if (first_right <= 0)
        return -1;
    /* every word right of the cut must lie right of the gutter */
    for (int w = first_right; w < cut->nwords; w++)
        if (centre_x(cut->words[w].box) < g->gx)
            return -1;
    return first_right;
}

/* Splits the lines of block src that run across a gutter; returns the
 * number split. */
static int geometry_block(struct bs_page *page, int src,
                          struct bs_repair_log *log)
{
    int band = band_of(page, &page->blocks[src]), ng, changed = 0;
    struct gutter gs[16];

    ng = find_gutters(page, src, band, gs, 16);
    for (int l = 0; l < page->blocks[src].nlines && ng > 0; l++) {
        for (int gi = 0; gi < ng; gi++) {
            const struct gutter *g = &gs[gi];
            int first_right, dst, at;
            struct bs_line *line = &page->blocks[src].lines[l], cut;
            char *before, *after_left, *after_right;
            char id[16];
            json_t *marks;

            if (bs_box_empty(line->box) || line->box.x >= g->gx ||
                bs_box_right(line->box) <= g->gx)
                continue;
            marks = json_array();
            line_copy(&cut, line);
            first_right = plan_cut(&cut, g, marks);
            if (first_right < 0) {
                line_release(&cut);
                json_decref(marks);
                continue;
            }
            before = bs_line_text(line);
            line_release(line);
            *line = cut; /* the line now owns the cut words */
            dst = target_block(page, src, g, line->box);
            if (dst < 0)
                dst = new_block(page, src, line->box);
            at = move_right_part(page, src, l, first_right, dst);
            after_left = bs_line_text(&page->blocks[src].lines[l]);
            after_right = bs_line_text(&page->blocks[dst].lines[at]);
            snprintf(id, sizeof(id), "%s", page->blocks[dst].id);
            bs_repair_log_add(
                log, "columns", page->blocks[src].id, l, before, after_left,
                json_pack("{s:s, s:s, s:i, s:[i,i], s:i, s:s, s:i, s:s, s:o}",
                          "pattern", "line-spans-gutter", "gutter_from",
                          g->source, "band", band, "gutter", g->g0, g->g1,
                          "cut_x", g->gx, "moved_to_block", id,
                          "moved_to_line", at, "moved_text", after_right,
                          "dropped_rule_marks", marks));
            fit_block(&page->blocks[dst]);
            fit_cols(page, &page->blocks[dst], band);
            free(after_right);
            free(after_left);
            free(before);
            changed++;
            break; /* the right part is judged again in its new block */
        }
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
    for (int pass = 0; pass < 16; pass++) {
        int moved = 0;
        for (int b = 0; b < page->nblocks; b++)
            if (bs_role_has_text(page->blocks[b].role) &&
                splittable(page->blocks[b].role))
                moved += geometry_block(page, b, log);
        if (!moved)
            break;
    }
}
