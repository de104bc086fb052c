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
 * layout.  Blocks spanning columns (headlines, decks, islands) and very
 * large type below the page's head are read alone, as before.
 */
#include "ocr.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

/* True when band holds a masthead block: the head of the page, its
 * title, ears and boxes of small type beside and under large letters. */
static int masthead_band(const struct bs_page *page, int band)
{
    for (int i = 0; i < page->nblocks; i++)
        if (page->blocks[i].band == band &&
            page->blocks[i].role == BS_ROLE_MASTHEAD)
            return 1;
    return 0;
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
    char *head = bs_calloc((size_t)page->nbands + 1, 1);

    for (int bi = 0; bi < page->nbands; bi++)
        head[bi] = (char)masthead_band(page, bi);
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        int k;
        in_strip[i] = -1;
        if (!bs_role_has_text(b->role) || bs_box_empty(b->box) ||
            b->band < 0 || b->band >= page->nbands || b->col_first < 0 ||
            b->col_first != b->col_last)
            continue;
        /* Large type is read alone, scaled down (Tesseract misses glyphs
         * far larger than it learnt), and a masthead block with it (its
         * ornaments are no text) -- except at the head of the page, where
         * the title stands beside and over ears and boxes of small type
         * that a block of its own would scale away: the head is read whole
         * at its own size, as Tesseract reads a page, and Tesseract's own
         * layout sorts its parts. */
        if (!head[b->band] && (b->role == BS_ROLE_MASTHEAD ||
                               (max_text_px > 0 &&
                                b->text_height > max_text_px)))
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
    free(head);
    /* A strip reaches a little into the gutters on both sides (half the
     * gutter, at most a line pitch) and half a line above and below: a
     * column's type can stand a little outside the column layout found
     * (an edge askew, a warped page), and letters cut off there are lost;
     * further out lie only the rule and the dust of the gutter.  What is
     * not the strip's own is painted out of it (bs_strip_mask). */
    for (int k = 0; k < n; k++) {
        const struct bs_band *band = &page->bands[v[k].band];
        const struct bs_span *c = &band->cols[v[k].col];
        int pitch = page->type.line_pitch > 0 ? (int)page->type.line_pitch
                                              : 40;
        int gl = v[k].col > 0 ? (c->x0 - band->cols[v[k].col - 1].x1) / 2
                              : pitch;
        int gr = v[k].col + 1 < band->ncols
                     ? (band->cols[v[k].col + 1].x0 - c->x1) / 2
                     : pitch;
        int x0 = c->x0 - (gl < pitch ? gl : pitch);
        int x1 = c->x1 + (gr < pitch ? gr : pitch);
        int y0 = v[k].box.y - pitch / 2, y1 = bs_box_bottom(v[k].box) + pitch / 2;
        x0 = x0 < v[k].box.x ? x0 : v[k].box.x;
        x1 = x1 > bs_box_right(v[k].box) ? x1 : bs_box_right(v[k].box);
        x0 = x0 < 0 ? 0 : x0;
        y0 = y0 < 0 ? 0 : y0;
        x1 = x1 > page->width ? page->width : x1;
        y1 = y1 > page->height ? page->height : y1;
        v[k].box = (struct bs_box){x0, y0, x1 - x0, y1 - y0};
    }
    *out = v;
    return n;
}

void bs_strip_mask(PIX *crop, PIX *src, const struct bs_page *page,
                   const struct bs_strip *s, const int *in_strip, int si)
{
    int depth = pixGetDepth(crop);
    int white = depth == 1 ? PIX_CLR : PIX_SET;

    /* what stands in the strip's box but is not its own: other text and
     * photos (not rules: Tesseract takes a rule for no letter, and a rule
     * askew in a gutter would take the letters beside it along) */
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *o = &page->blocks[i];
        if (in_strip[i] == si || o->role == BS_ROLE_SEPARATOR || bs_box_xoverlap(o->box, s->box) <= 0 ||
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
        /* the block keeps layout's box (reading order and articles are
         * worked out on those), the line its own */
        *dst = *line;
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
