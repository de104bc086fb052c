/*
 * strips.c - the column strips of a page: all the text blocks that layout
 * found in one column of one band, read by Tesseract in one piece.
 *
 * Why: a column of a newspaper is one galley of type.  Read whole, its
 * lines are found by Tesseract's own line finder, which copes with touching
 * lines, noise and a heading between paragraphs far better than a block cut
 * a few lines high; and text that layout left out of its blocks (a line it
 * took for noise, a gap between two blocks) is read all the same, so
 * nothing of the column is lost.  The lines read go back to the blocks
 * that hold them, so roles, reading order and articles still come from
 * layout.  Blocks spanning columns (headlines, decks, islands), mastheads
 * and very large type are read alone, as before.
 */
#include "ocr.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

/* Roles read inside their column's strip: type set in the column. */
static int strip_role(enum bs_role r)
{
    return bs_role_has_text(r) && r != BS_ROLE_MASTHEAD;
}

static int same_lang(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int bs_strips_plan(const struct bs_page *page, double max_text_px,
                   struct bs_strip **out, int *in_strip)
{
    struct bs_strip *v = NULL;
    int n = 0, cap = 0;

    *out = NULL;
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        int k;
        in_strip[i] = -1;
        if (!strip_role(b->role) || bs_box_empty(b->box) || b->band < 0 ||
            b->col_first < 0 || b->col_first != b->col_last ||
            (max_text_px > 0 && b->text_height > max_text_px))
            continue;
        for (k = 0; k < n; k++)
            if (v[k].band == b->band && v[k].col == b->col_first &&
                same_lang(page->blocks[v[k].members[0]].lang, b->lang))
                break;
        if (k == n) {
            bs_grow((void **)&v, &cap, n + 1, sizeof(*v));
            memset(&v[n], 0, sizeof(v[n]));
            v[n].band = b->band;
            v[n].col = b->col_first;
            v[n].box = b->box;
            n++;
        }
        bs_grow((void **)&v[k].members, &v[k].capmembers, v[k].nmembers + 1,
                sizeof(int));
        v[k].members[v[k].nmembers++] = i;
        v[k].box = bs_box_union(v[k].box, b->box);
        in_strip[i] = k;
    }
    *out = v;
    return n;
}

void bs_strip_mask(PIX *crop, PIX *src, const struct bs_page *page,
                   const struct bs_strip *s, const int *in_strip, int si)
{
    int depth = pixGetDepth(crop);
    int white = depth == 1 ? PIX_CLR : PIX_SET;

    /* what stands in the strip's box but is not its own */
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *o = &page->blocks[i];
        if (in_strip[i] == si || bs_box_xoverlap(o->box, s->box) <= 0 ||
            bs_box_yoverlap(o->box, s->box) <= 0)
            continue;
        pixRasterop(crop, o->box.x - s->box.x, o->box.y - s->box.y,
                    o->box.w, o->box.h, white, NULL, 0, 0);
    }
    /* its own blocks whole again, where another's box reached into them */
    for (int m = 0; m < s->nmembers; m++) {
        const struct bs_block *b = &page->blocks[s->members[m]];
        pixRasterop(crop, b->box.x - s->box.x, b->box.y - s->box.y, b->box.w,
                    b->box.h, PIX_SRC, src, b->box.x, b->box.y);
    }
}

/* Distance from y to the rows [y0, y1): 0 inside. */
static int row_distance(int y, int y0, int y1)
{
    return y < y0 ? y0 - y : y >= y1 ? y - y1 + 1 : 0;
}

void bs_strip_distribute(struct bs_page *page, const struct bs_strip *s,
                         struct bs_block *from)
{
    for (int l = 0; l < from->nlines; l++) {
        struct bs_line *line = &from->lines[l];
        int cx = line->box.x + line->box.w / 2;
        int cy = line->box.y + line->box.h / 2, best = -1, bestd = 0;
        struct bs_block *to;
        struct bs_line *dst;
        for (int m = 0; m < s->nmembers; m++) {
            const struct bs_block *b = &page->blocks[s->members[m]];
            int d = row_distance(cy, b->box.y, bs_box_bottom(b->box));
            if (d == 0 && (cx < b->box.x || cx >= bs_box_right(b->box)))
                d = 1;
            if (best < 0 || d < bestd) {
                best = s->members[m];
                bestd = d;
            }
        }
        if (best < 0)
            break;
        to = &page->blocks[best];
        bs_grow((void **)&to->lines, &to->caplines, to->nlines + 1,
                sizeof(*to->lines));
        dst = &to->lines[to->nlines++];
        *dst = *line;
        /* a line found beside its block (layout missed it) widens it */
        to->box = bs_box_union(to->box, line->box);
    }
    /* the lines now belong to the blocks */
    free(from->lines);
    from->lines = NULL;
    from->nlines = from->caplines = 0;
}

void bs_strips_free(struct bs_strip *v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i].members);
    free(v);
}
