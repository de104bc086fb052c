/*
 * self_check.c - layout checks its own result before anything is read.
 *
 * Layout reads a page by newspaper conventions (a masthead over columns of
 * body type, bands stacked down the page); a page that breaks them badly
 * was misread, and reading it along that layout loses text that plain
 * Tesseract would find.  Each check below is one convention; the first one
 * broken is the page's doubt, and the ocr stage then reads the page by
 * Tesseract's own page segmentation instead (stages/ocr.c).  Checks look
 * at the model only, so they are tested on pages built in C.
 */
#include "layout.h"

#include <stdio.h>

/* What the checks measure: the text blocks' area (their boxes, which do
 * not overlap), the box around them, and the shares of masthead and folio
 * and of body type. */
struct text_area {
    long total, furniture, body;
    struct bs_box box;
    int nbody;
};

static void measure(const struct bs_page *page, struct text_area *t)
{
    t->total = t->furniture = t->body = 0;
    t->nbody = 0;
    t->box = (struct bs_box){0, 0, 0, 0};
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        long a = bs_box_area(b->box);
        if (!bs_role_has_text(b->role) || a == 0)
            continue;
        t->total += a;
        t->box = bs_box_union(t->box, b->box);
        if (b->role == BS_ROLE_MASTHEAD || b->role == BS_ROLE_FOLIO)
            t->furniture += a;
        if (b->role == BS_ROLE_BODY) {
            t->body += a;
            t->nbody++;
        }
    }
}

/* The masthead is the paper's name, a line or two of the largest type,
 * and folios (date, number, price) are single lines: together a small
 * part of a page's type.  Holding most of it, they have swallowed the
 * text under them. */
static int masthead_holds_page(const struct text_area *t,
                               const struct bs_profile *p, char *why,
                               size_t size)
{
    double share = t->total ? (double)t->furniture / (double)t->total : 0;

    if (share <= p->layout_max_masthead_share)
        return 0;
    snprintf(why, size, "masthead and folios hold %.0f%% of the text area "
             "(layout_max_masthead_share %.0f%%)", 100 * share,
             100 * p->layout_max_masthead_share);
    return 1;
}

/* The masthead stands at the head of the page: one reaching from the
 * upper half of the text area past its middle has taken in the page
 * below it.  (A running foot stands wholly below the middle, so folios
 * there are fine; a folio crossing the middle is as wrong as a
 * masthead.) */
static int masthead_reaches_down(const struct bs_page *page,
                                 const struct text_area *t, char *why,
                                 size_t size)
{
    int mid = t->box.y + t->box.h / 2;

    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        if ((b->role != BS_ROLE_MASTHEAD && b->role != BS_ROLE_FOLIO) ||
            b->box.y >= mid || bs_box_bottom(b->box) <= mid)
            continue;
        snprintf(why, size, "%s %s reaches below the middle of the text "
                 "area (rows %d-%d of %d-%d)", bs_role_name(b->role), b->id,
                 b->box.y, bs_box_bottom(b->box), t->box.y,
                 bs_box_bottom(t->box));
        return 1;
    }
    return 0;
}

/* A newspaper page is mostly body type in columns; headlines, decks and
 * captions are set around it.  Finding none, or only a sliver, layout took
 * the body for something else. */
static int no_body_text(const struct text_area *t, const struct bs_profile *p,
                        char *why, size_t size)
{
    double share = t->total ? (double)t->body / (double)t->total : 0;

    if (t->total == 0) {
        snprintf(why, size, "no text block found");
        return 1;
    }
    if (t->nbody == 0) {
        snprintf(why, size, "no body text found");
        return 1;
    }
    if (share >= p->layout_min_body_share)
        return 0;
    snprintf(why, size, "body text holds %.0f%% of the text area "
             "(layout_min_body_share %.0f%%)", 100 * share,
             100 * p->layout_min_body_share);
    return 1;
}

/* Bands are horizontal slices of the page stacked top to bottom, and the
 * columns of a band stand side by side, left to right, parted by gutters:
 * two bands sharing rows, or columns sharing x, contradict each other. */
static int bands_contradict(const struct bs_page *page, char *why,
                            size_t size)
{
    for (int i = 0; i < page->nbands; i++) {
        const struct bs_band *a = &page->bands[i];
        for (int j = i + 1; j < page->nbands; j++) {
            const struct bs_band *b = &page->bands[j];
            int lo = a->y0 > b->y0 ? a->y0 : b->y0;
            int hi = a->y1 < b->y1 ? a->y1 : b->y1;
            if (hi > lo) {
                snprintf(why, size, "bands %d and %d overlap (rows %d-%d and "
                         "%d-%d)", i, j, a->y0, a->y1, b->y0, b->y1);
                return 1;
            }
        }
        for (int c = 0; c + 1 < a->ncols; c++) {
            if (a->cols[c].x1 > a->cols[c + 1].x0) {
                snprintf(why, size, "columns %d and %d of band %d overlap "
                         "(x %d-%d and %d-%d)", c, c + 1, i, a->cols[c].x0,
                         a->cols[c].x1, a->cols[c + 1].x0,
                         a->cols[c + 1].x1);
                return 1;
            }
        }
    }
    return 0;
}

int bs_layout_doubt(const struct bs_page *page, const struct bs_profile *p,
                    char *why, size_t size)
{
    struct text_area t;

    if (size > 0)
        why[0] = '\0';
    if (p->layout_check == 0)
        return 0;
    if (p->layout_check == 2) {
        snprintf(why, size, "every page read so (layout_check=2)");
        return 1;
    }
    measure(page, &t);
    return no_body_text(&t, p, why, size) ||
           masthead_holds_page(&t, p, why, size) ||
           masthead_reaches_down(page, &t, why, size) ||
           bands_contradict(page, why, size);
}
