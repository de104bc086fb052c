/*
 * roles_layout.c - gives text blocks their roles from geometry alone:
 * type size relative to the body, position on the page and neighbours
 * (a caption under a photo, a kicker over a headline, a byline under it).
 * The ocr stage refines roles from the text later (text_roles.c).
 */
#include "layout.h"

#include <math.h>

static int nlines(const struct bs_block *b)
{
    double pitch = b->text_height > 0 ? b->text_height * 1.25 : b->box.h;
    int n = (int)lround(b->box.h / pitch);
    return n < 1 ? 1 : n;
}

static int xoverlap(struct bs_box a, struct bs_box b)
{
    int l = a.x > b.x ? a.x : b.x;
    int r = bs_box_right(a) < bs_box_right(b) ? bs_box_right(a)
                                                : bs_box_right(b);
    return r - l;
}

/* Index of a block of role r just below (below=1) or above b: vertical gap
 * in [0, maxgap], overlapping horizontally; -1 when none. */
static int neighbour(const struct bs_page *page, int bi, enum bs_role r,
                     int below, int maxgap)
{
    const struct bs_block *b = &page->blocks[bi];
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *o = &page->blocks[i];
        int gap = below ? b->box.y - bs_box_bottom(o->box)
                        : o->box.y - bs_box_bottom(b->box);
        if (i != bi && o->role == r && gap >= -2 && gap <= maxgap &&
            xoverlap(o->box, b->box) > 0)
            return i;
    }
    return -1;
}

/* True when a text block lies between block `top` and block `b` below it,
 * overlapping b horizontally: b is then not the first text under top (the
 * body under a photo's caption is no caption). */
static int text_between(const struct bs_page *page, int top, int bi)
{
    const struct bs_block *t = &page->blocks[top], *b = &page->blocks[bi];

    for (int j = 0; j < page->nblocks; j++) {
        const struct bs_block *o = &page->blocks[j];
        if (j != top && j != bi && bs_role_has_text(o->role) &&
            o->box.y >= bs_box_bottom(t->box) - 2 &&
            bs_box_bottom(o->box) <= b->box.y + 2 &&
            xoverlap(o->box, b->box) > 0)
            return 1;
    }
    return 0;
}

/* True when some line of text in smaller than deck type lies wholly above
 * block i (a kicker over a headline; a masthead has at most a line of
 * issue number and date in large type over it).  A blob a few glyphs wide
 * (a stamp's digit, a blot) is no line. */
static int text_above(const struct bs_page *page, int i, int body_h,
                      double ratio)
{
    for (int j = 0; j < page->nblocks; j++) {
        const struct bs_block *o = &page->blocks[j];
        if (j != i && bs_role_has_text(o->role) &&
            o->text_height < ratio * body_h &&
            o->box.w >= 3 * o->text_height &&
            o->box.y > page->height / 20 &&
            bs_box_bottom(o->box) <= page->blocks[i].box.y)
            return 1;
    }
    return 0;
}

void bs_layout_roles(struct bs_page *page, int body_h,
                     const struct bs_profile *p)
{
    int n = page->nblocks;

    /* type size first; a masthead is the page's top text, centred */
    for (int i = 0; i < n; i++) {
        struct bs_block *b = &page->blocks[i];
        double r = b->text_height / body_h;
        int centre = b->box.x + b->box.w / 2 - page->width / 2;
        if (b->role != BS_ROLE_BODY)
            continue;
        if (r >= p->masthead_ratio && b->box.y < page->height / 5 &&
            centre < page->width / 10 && -centre < page->width / 10 &&
            !text_above(page, i, body_h, p->subheadline_ratio))
            b->role = BS_ROLE_MASTHEAD;
        else if (r >= p->headline_ratio)
            b->role = BS_ROLE_HEADLINE;
    }
    for (int i = 0; i < n; i++) {
        struct bs_block *b = &page->blocks[i];
        double r = b->text_height / body_h;
        int under = b->role == BS_ROLE_BODY &&
                    neighbour(page, i, BS_ROLE_HEADLINE, 1, 3 * body_h) >= 0;
        /* larger type right under a headline is its deck; elsewhere it
         * is a smaller headline of its own.  Body-sized type spanning
         * columns right under a headline is a deck too (a Chinese 副题
         * "——…" is often set no larger than the body): body text never
         * crosses a gutter. */
        if (under && r < p->subheadline_ratio &&
            b->col_last > b->col_first && nlines(b) <= 2)
            b->role = BS_ROLE_SUBHEADLINE;
        if (b->role != BS_ROLE_BODY || r < p->subheadline_ratio)
            continue;
        b->role = under ? BS_ROLE_SUBHEADLINE : BS_ROLE_HEADLINE;
    }
    /* the lines in large type right over and under the masthead (issue
     * number and year, weekday and date) are part of it */
    for (int m = 0; m < n; m++) {
        const struct bs_block *mh = &page->blocks[m];
        if (mh->role != BS_ROLE_MASTHEAD)
            continue;
        for (int i = 0; i < n; i++) {
            struct bs_block *b = &page->blocks[i];
            int gap = b->box.y > mh->box.y ? b->box.y - bs_box_bottom(mh->box)
                                           : mh->box.y - bs_box_bottom(b->box);
            if ((b->role == BS_ROLE_HEADLINE ||
                 b->role == BS_ROLE_SUBHEADLINE) &&
                b->band == mh->band && gap < mh->text_height &&
                xoverlap(b->box, mh->box) > 0)
                b->role = BS_ROLE_MASTHEAD;
        }
    }
    /* the one-column strips between the masthead and the first headline
     * (imprint, contents, weather) are the masthead's furniture, no
     * article */
    for (int m = 0; m < n; m++) {
        int first_head = page->height;
        if (page->blocks[m].role != BS_ROLE_MASTHEAD)
            continue;
        for (int i = 0; i < n; i++)
            if (page->blocks[i].role == BS_ROLE_HEADLINE &&
                page->blocks[i].box.y < first_head)
                first_head = page->blocks[i].box.y;
        for (int i = 0; i < n; i++) {
            struct bs_block *b = &page->blocks[i];
            const struct bs_band *band =
                b->band >= 0 && b->band < page->nbands ? &page->bands[b->band]
                                                       : NULL;
            if (b->role == BS_ROLE_BODY && band && band->ncols == 1 &&
                band->y1 <= first_head &&
                b->box.y >= page->blocks[m].box.y)
                b->role = BS_ROLE_FOLIO;
        }
        break;
    }
    /* then neighbours */
    for (int i = 0; i < n; i++) {
        struct bs_block *b = &page->blocks[i];
        int one = nlines(b) == 1, h;
        if (b->role != BS_ROLE_BODY)
            continue;
        if (nlines(b) <= 5 &&
            (h = neighbour(page, i, BS_ROLE_IMAGE, 1, 3 * body_h)) >= 0 &&
            xoverlap(page->blocks[h].box, b->box) >= b->box.w / 2 &&
            !text_between(page, h, i)) {
            b->role = BS_ROLE_CAPTION;
        } else if (one && (h = neighbour(page, i, BS_ROLE_HEADLINE, 0,
                                         3 * body_h)) >= 0 &&
                   b->box.w < page->blocks[h].box.w / 2) {
            b->role = BS_ROLE_KICKER;
        } else if (one && b->box.w < page->width / 4 &&
                   (neighbour(page, i, BS_ROLE_HEADLINE, 1, 2 * body_h) >= 0 ||
                    neighbour(page, i, BS_ROLE_SUBHEADLINE, 1, 2 * body_h) >=
                        0)) {
            b->role = BS_ROLE_BYLINE;
        }
    }
    /* running foot: a single line of body or smaller type at the very
     * bottom, with no text below it (page number, title and date) */
    for (int i = 0; i < n; i++) {
        struct bs_block *b = &page->blocks[i];
        int below = 0;
        if (b->role != BS_ROLE_BODY || nlines(b) != 1 ||
            b->text_height > body_h * p->subheadline_ratio ||
            b->box.y < page->height - page->height / 12)
            continue;
        for (int j = 0; j < n && !below; j++)
            below = j != i && bs_role_has_text(page->blocks[j].role) &&
                    page->blocks[j].box.y >= bs_box_bottom(b->box);
        if (!below)
            b->role = BS_ROLE_FOLIO;
    }
    /* folio: small single lines at the very top, with nothing but a
     * masthead or rules above them */
    for (int i = 0; i < n; i++) {
        struct bs_block *b = &page->blocks[i];
        int above = 0;
        if (b->role != BS_ROLE_BODY || nlines(b) != 1 ||
            b->box.y > page->height / 8)
            continue;
        for (int j = 0; j < n && !above; j++) {
            const struct bs_block *o = &page->blocks[j];
            above = j != i && bs_role_has_text(o->role) &&
                    o->role != BS_ROLE_MASTHEAD && o->role != BS_ROLE_FOLIO &&
                    bs_box_bottom(o->box) <= b->box.y;
        }
        if (!above)
            b->role = BS_ROLE_FOLIO;
    }
}
