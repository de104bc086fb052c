/*
 * test_layout.c - the layout helpers on small pages drawn in memory: rules,
 * photos and engravings, specks and fibres, column gutters (with and
 * without a spanning headline), blocks that keep to their column, no
 * blocks of dust, islands over a gutter, and roles from geometry; large
 * type's bars are no rules, a headline's last letters past a gutter stay
 * in it, the body under a caption is no caption, a body-sized line
 * spanning columns under a headline is its deck, a centred one-line
 * heading in a column is a block, the last line at the page's foot is
 * its running foot, a strip under the masthead is its furniture.
 */
#include "check.h"
#include "../../pipeline/layout/layout.h"

#include <stdlib.h>

/* Lines of "words" (ink boxes 9 px tall, pitch 14 px) across [x0, x1). */
static void draw_text(PIX *pix, int x0, int x1, int y0, int y1,
                      unsigned seed)
{
    for (int y = y0; y + 9 <= y1; y += 14) {
        int x = x0;
        while (x < x1) {
            int w = 12 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 40;
            if (x + w > x1)
                w = x1 - x;
            pixRasterop(pix, x, y, w, 9, PIX_SET, NULL, 0, 0);
            x += w + 6;
        }
    }
}

/* Gives a 620x420 page one band of two columns, [20, 290) and
 * [310, 580), the geometry the drawn two-column pages use. */
static void two_columns(struct bs_page *page)
{
    struct bs_band *band = bs_page_add_band(page, 20, 400);

    page->width = 620;
    page->height = 420;
    bs_band_add_col(band, 20, 290);
    bs_band_add_col(band, 310, 580);
}

static PIX *three_columns(void)
{
    PIX *pix = pixCreate(620, 420, 1);
    draw_text(pix, 20, 190, 20, 400, 1);
    draw_text(pix, 210, 380, 20, 400, 2);
    draw_text(pix, 400, 570, 20, 400, 3);
    return pix;
}

static void test_columns(void)
{
    PIX *pix = three_columns();
    struct bs_band band = {0, 420, NULL, 0, 0};
    int n = bs_find_columns(pix, 0, 420, 12, 8, 60, &band);

    CHECK(n == 3);
    if (n == 3) {
        CHECK(abs(band.cols[0].x0 - 20) <= 2 && abs(band.cols[0].x1 - 190) <= 2);
        CHECK(abs(band.cols[1].x0 - 210) <= 2 && abs(band.cols[1].x1 - 380) <= 2);
        CHECK(abs(band.cols[2].x0 - 400) <= 2 && abs(band.cols[2].x1 - 570) <= 2);
    }
    free(band.cols);
    /* at most 2 columns asked for: the narrower gutter gives way */
    band.cols = NULL;
    band.ncols = band.capcols = 0;
    CHECK(bs_find_columns(pix, 0, 420, 12, 2, 60, &band) <= 2);
    free(band.cols);
    /* too short a band is one column */
    band.cols = NULL;
    band.ncols = band.capcols = 0;
    CHECK(bs_find_columns(pix, 0, 40, 12, 8, 60, &band) == 1);
    free(band.cols);
    pixDestroy(&pix);
}

static void test_rules_and_specks(void)
{
    PIX *pix = three_columns();
    BOXA *h = NULL, *v = NULL;
    PIX *mask = NULL;
    l_int32 on = 0;

    pixRasterop(pix, 195, 20, 2, 380, PIX_SET, NULL, 0, 0);  /* column rule */
    pixRasterop(pix, 20, 405, 560, 3, PIX_SET, NULL, 0, 0);  /* cutoff rule */
    CHECK(bs_find_rules(pix, 120, 10, &h, &v, &mask) == 0);
    CHECK(h && boxaGetCount(h) == 1);
    CHECK(v && boxaGetCount(v) == 1);
    if (v && boxaGetCount(v) == 1) {
        l_int32 x, y, w, hh;
        boxaGetBoxGeometry(v, 0, &x, &y, &w, &hh);
        CHECK(abs(x - 195) <= 2 && hh >= 370);
    }
    boxaDestroy(&h);
    boxaDestroy(&v);
    pixDestroy(&mask);
    CHECK(bs_find_rules(NULL, 120, 10, &h, &v, NULL) < 0);

    /* a lone speck goes, a dot beside a word stays */
    pixRasterop(pix, 600, 200, 3, 3, PIX_SET, NULL, 0, 0);
    pixRasterop(pix, 572, 24, 3, 3, PIX_SET, NULL, 0, 0);
    CHECK(bs_remove_specks(pix, 6, 12, 0, 0) == 0);
    {
        BOX *lone = boxCreate(598, 198, 8, 8), *dot = boxCreate(571, 23, 5, 5);
        pixCountPixelsInRect(pix, lone, &on, NULL);
        CHECK(on == 0);
        pixCountPixelsInRect(pix, dot, &on, NULL);
        CHECK(on == 9);
        boxDestroy(&lone);
        boxDestroy(&dot);
    }
    /* a lone fibre goes; a hairline hyphen beside a word and a long thin
     * line stay */
    for (int i = 0; i < 20; i++)
        pixSetPixel(pix, 585 + i, 150 + i, 1);
    pixRasterop(pix, 572, 52, 8, 1, PIX_SET, NULL, 0, 0);
    pixRasterop(pix, 600, 250, 1, 100, PIX_SET, NULL, 0, 0);
    CHECK(bs_remove_specks(pix, 6, 12, 3, 60) == 0);
    {
        BOX *fibre = boxCreate(584, 149, 22, 22);
        BOX *hyphen = boxCreate(572, 52, 8, 1);
        BOX *line = boxCreate(600, 250, 1, 100);
        pixCountPixelsInRect(pix, fibre, &on, NULL);
        CHECK(on == 0);
        pixCountPixelsInRect(pix, hyphen, &on, NULL);
        CHECK(on == 8);
        pixCountPixelsInRect(pix, line, &on, NULL);
        CHECK(on == 100);
        boxDestroy(&fibre);
        boxDestroy(&hyphen);
        boxDestroy(&line);
    }
    pixDestroy(&pix);
}

/* The bar of a masthead's "T" (as long as a short rule, as thin) is part
 * of its glyph; a free rule and an underline brushing descenders are
 * rules. */
static void test_glyph_bars(void)
{
    PIX *pix = pixCreate(800, 600, 1);
    BOXA *h = NULL, *v = NULL;

    pixRasterop(pix, 40, 40, 140, 6, PIX_SET, NULL, 0, 0);   /* T's bar */
    pixRasterop(pix, 90, 46, 40, 200, PIX_SET, NULL, 0, 0);  /* its stem */
    pixRasterop(pix, 300, 100, 400, 3, PIX_SET, NULL, 0, 0); /* a rule */
    draw_text(pix, 300, 700, 300, 330, 7);                   /* a line */
    pixRasterop(pix, 300, 316, 400, 3, PIX_SET, NULL, 0, 0); /* underline */
    CHECK(bs_find_rules(pix, 120, 10, &h, &v, NULL) == 0);
    CHECK(h && boxaGetCount(h) == 2);
    for (int i = 0; h && i < boxaGetCount(h); i++) {
        l_int32 x, y, w, hh;
        boxaGetBoxGeometry(h, i, &x, &y, &w, &hh);
        CHECK(x >= 290);
    }
    boxaDestroy(&h);
    boxaDestroy(&v);
    pixDestroy(&pix);
}

/* "Over Rising Cost|s": a headline's last line ends just past the gutter,
 * its first line crosses it, the middle line stops short of it.  The
 * letters past the gutter join the headline, not a block of their own. */
static void test_headline_tail(void)
{
    PIX *pix = pixCreate(620, 420, 1);
    struct bs_page *page = bs_page_new();
    struct bs_profile p;
    int blocks_in_head = 0;

    bs_profile_defaults(&p);
    for (int x = 20; x + 28 <= 440; x += 34) /* line 1 crosses the gutter */
        pixRasterop(pix, x, 20, 28, 40, PIX_SET, NULL, 0, 0);
    for (int x = 20; x + 28 <= 250; x += 34) /* line 2 stops short */
        pixRasterop(pix, x, 70, 28, 40, PIX_SET, NULL, 0, 0);
    for (int x = 20; x + 28 <= 290; x += 34) /* line 3 ... */
        pixRasterop(pix, x, 120, 28, 40, PIX_SET, NULL, 0, 0);
    pixRasterop(pix, 312, 130, 20, 30, PIX_SET, NULL, 0, 0); /* ... "s" */
    draw_text(pix, 20, 290, 200, 400, 8);
    draw_text(pix, 310, 580, 200, 400, 9);
    two_columns(page);
    bs_find_blocks(page, pix, NULL, NULL, NULL, 9, &p);
    for (int i = 0; i < page->nblocks; i++)
        blocks_in_head += bs_box_bottom(page->blocks[i].box) <= 180;
    CHECK(blocks_in_head == 1);
    bs_page_free(&page);
    pixDestroy(&pix);
}

/* Dust in the white between the two lines of a headline joins one of
 * them; it does not make the two one line of twice the size. */
static void test_dust_between_lines(void)
{
    PIX *pix = pixCreate(400, 420, 1);
    struct bs_page *page = bs_page_new();
    struct bs_profile p;

    bs_profile_defaults(&p);
    /* two lines of 40 px type 5 px apart, dust 2 px from each */
    for (int x = 20; x + 28 <= 380; x += 34) {
        pixRasterop(pix, x, 20, 28, 40, PIX_SET, NULL, 0, 0);
        pixRasterop(pix, x, 65, 28, 40, PIX_SET, NULL, 0, 0);
    }
    pixRasterop(pix, 100, 62, 3, 2, PIX_SET, NULL, 0, 0);
    pixRasterop(pix, 300, 62, 2, 1, PIX_SET, NULL, 0, 0);
    draw_text(pix, 20, 380, 140, 400, 13);
    page->width = 400;
    page->height = 420;
    bs_band_add_col(bs_page_add_band(page, 20, 400), 20, 380);
    bs_find_blocks(page, pix, NULL, NULL, NULL, 9, &p);
    CHECK(page->nblocks == 2);
    if (page->nblocks > 0)
        CHECK(page->blocks[0].text_height < 50);
    bs_page_free(&page);
    pixDestroy(&pix);
}

/* A centred one-line heading between paragraphs of a column ("P o l e n."
 * with dust beside it) is a block of its own, boxed to its glyphs; a
 * centred caption of two lines is not cut. */
static void test_centred_heading(void)
{
    PIX *pix = pixCreate(400, 420, 1);
    struct bs_page *page = bs_page_new();
    struct bs_profile p;
    int heading = 0;

    bs_profile_defaults(&p);
    draw_text(pix, 20, 380, 20, 160, 10);
    for (int x = 150; x + 8 <= 250; x += 16) /* letter-spaced, centred */
        pixRasterop(pix, x, 162, 8, 9, PIX_SET, NULL, 0, 0);
    pixRasterop(pix, 30, 166, 2, 2, PIX_SET, NULL, 0, 0);  /* dust */
    pixRasterop(pix, 350, 165, 3, 2, PIX_SET, NULL, 0, 0);
    draw_text(pix, 20, 380, 176, 300, 11);
    for (int y = 302; y <= 316; y += 14) /* a centred caption, two lines */
        pixRasterop(pix, 120, y, 160, 9, PIX_SET, NULL, 0, 0);
    draw_text(pix, 20, 380, 330, 400, 12);
    page->width = 400;
    page->height = 420;
    bs_band_add_col(bs_page_add_band(page, 20, 400), 20, 380);
    bs_find_blocks(page, pix, NULL, NULL, NULL, 9, &p);
    for (int i = 0; i < page->nblocks; i++) {
        struct bs_box b = page->blocks[i].box;
        if (b.y >= 160 && bs_box_bottom(b) <= 174) {
            heading++;
            CHECK(b.x >= 148 && bs_box_right(b) <= 252);
        }
    }
    CHECK(heading == 1);
    CHECK(page->nblocks == 3);
    bs_page_free(&page);
    pixDestroy(&pix);
}

static void test_photos(void)
{
    PIX *pix = three_columns();
    BOXA *photos;

    /* a halftone: a 3 px dot every 4 px over 200 x 160 */
    pixRasterop(pix, 200, 100, 240, 200, PIX_CLR, NULL, 0, 0);
    for (int y = 120; y < 280; y += 4)
        for (int x = 210; x < 410; x += 4)
            pixRasterop(pix, x, y, 3, 3, PIX_SET, NULL, 0, 0);
    photos = bs_find_photos(pix, 120);
    CHECK(photos && boxaGetCount(photos) == 1);
    if (photos && boxaGetCount(photos) == 1) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(photos, 0, &x, &y, &w, &h);
        CHECK(abs(x - 210) <= 8 && abs(y - 120) <= 8);
        CHECK(abs(w - 200) <= 12 && abs(h - 160) <= 12);
    }
    boxaDestroy(&photos);
    pixDestroy(&pix);
    /* text alone is no photo */
    pix = three_columns();
    photos = bs_find_photos(pix, 120);
    CHECK(photos && boxaGetCount(photos) == 0);
    boxaDestroy(&photos);
    pixDestroy(&pix);

    /* an engraving: one component, a 6 x 6 lattice of cells; a large
     * letter O beside it: one component with one counter */
    pix = pixCreate(620, 420, 1);
    for (int k = 0; k <= 6; k++) {
        pixRasterop(pix, 40 + 30 * k, 40, 4, 184, PIX_SET, NULL, 0, 0);
        pixRasterop(pix, 40, 40 + 30 * k, 184, 4, PIX_SET, NULL, 0, 0);
    }
    pixRasterop(pix, 300, 40, 200, 200, PIX_SET, NULL, 0, 0);
    pixRasterop(pix, 340, 80, 120, 120, PIX_CLR, NULL, 0, 0);
    {
        PIXA *comps = NULL;
        BOXA *boxes = pixConnComp(pix, &comps, 8);
        photos = bs_find_engravings(boxes, comps, 120);
        CHECK(photos && boxaGetCount(photos) == 1);
        if (photos && boxaGetCount(photos) == 1) {
            l_int32 x, y, w, h;
            boxaGetBoxGeometry(photos, 0, &x, &y, &w, &h);
            CHECK(x == 40 && y == 40 && w == 184 && h == 184);
        }
        boxaDestroy(&photos);
        CHECK(bs_find_engravings(NULL, comps, 120) == NULL);
        boxaDestroy(&boxes);
        pixaDestroy(&comps);
    }
    pixDestroy(&pix);
}

static void test_blocks(void)
{
    PIX *pix = pixCreate(620, 420, 1);
    struct bs_page *page = bs_page_new();
    struct bs_profile p;
    int spanning = 0, crossing = 0;

    bs_profile_defaults(&p);
    /* a headline in 40 px type across both columns (not centred: no
     * masthead), body under it */
    for (int x = 20; x < 420; x += 34)
        pixRasterop(pix, x, 20, 28, 40, PIX_SET, NULL, 0, 0);
    draw_text(pix, 20, 290, 90, 400, 4);
    draw_text(pix, 310, 580, 90, 400, 5);
    two_columns(page);
    bs_find_blocks(page, pix, NULL, NULL, NULL, 9, &p);
    bs_layout_roles(page, 9, &p);
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        if (b->role == BS_ROLE_HEADLINE && b->col_first == 0 && b->col_last == 1)
            spanning++;
        else if (b->box.x < 290 && bs_box_right(b->box) > 310)
            crossing++;
    }
    if (getenv("BSDBG"))
        for (int i = 0; i < page->nblocks; i++)
            fprintf(stderr, "%d %s [%d %d %d %d] c%d-%d th%.0f\n", i,
                    bs_role_name(page->blocks[i].role), page->blocks[i].box.x,
                    page->blocks[i].box.y, page->blocks[i].box.w,
                    page->blocks[i].box.h, page->blocks[i].col_first,
                    page->blocks[i].col_last, page->blocks[i].text_height);
    CHECK(spanning == 1);
    CHECK(crossing == 0);
    bs_page_free(&page);
    pixDestroy(&pix);
}

static void test_noise_blocks(void)
{
    PIX *pix = pixCreate(620, 420, 1);
    struct bs_page *page = bs_page_new();
    struct bs_profile p;

    bs_profile_defaults(&p);
    draw_text(pix, 20, 580, 20, 200, 6);
    /* dust scattered over blank paper: rows 260-300 all hold a speck */
    for (int k = 0; k < 20; k++)
        pixRasterop(pix, 25 + 27 * k, 260 + 2 * k, 2, 2, PIX_SET, NULL, 0, 0);
    /* a dirty edge: a strip of fragments, none glyph-tall */
    for (int k = 0; k < 50; k++)
        pixRasterop(pix, 30 + 10 * k, 330 + (k % 4) * 2, 3, 2, PIX_SET, NULL,
                    0, 0);
    page->width = 620;
    page->height = 420;
    bs_band_add_col(bs_page_add_band(page, 20, 400), 20, 580);
    bs_find_blocks(page, pix, NULL, NULL, NULL, 9, &p);
    CHECK(page->nblocks == 1);
    for (int i = 0; i < page->nblocks; i++)
        CHECK(bs_box_bottom(page->blocks[i].box) <= 200);
    bs_page_free(&page);
    pixDestroy(&pix);
}

/* Two columns [20,290) and [310,580) with text above and below; in rows
 * 136-220 an island over the gutter (x 230-370, its first line short and
 * clear of the gutter) with each column's text beside it, ending 30 px
 * short of it.  With `across`, the rows 150-220 hold body text running
 * right across both columns instead: no island. */
static PIX *wrap_page(struct bs_page *page, int across)
{
    PIX *pix = pixCreate(620, 420, 1);

    draw_text(pix, 20, 290, 20, 120, 11);
    draw_text(pix, 310, 580, 20, 120, 12);
    if (across) {
        draw_text(pix, 20, 580, 150, 220, 13);
    } else {
        draw_text(pix, 240, 285, 136, 145, 14);
        draw_text(pix, 230, 370, 150, 220, 15);
        draw_text(pix, 20, 200, 136, 220, 16);
        draw_text(pix, 400, 580, 136, 220, 17);
    }
    draw_text(pix, 20, 290, 240, 400, 18);
    draw_text(pix, 310, 580, 240, 400, 19);
    two_columns(page);
    return pix;
}

static void test_islands(void)
{
    struct bs_page *page = bs_page_new();
    PIX *pix = wrap_page(page, 0);
    BOXA *isl = bs_find_islands(pix, pix, page, 9, 9);
    struct bs_profile p;
    int n = isl ? boxaGetCount(isl) : -1, own = 0, crossing = 0;

    bs_profile_defaults(&p);
    CHECK(n == 1);
    if (n == 1) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(isl, 0, &x, &y, &w, &h);
        CHECK(abs(x - 230) <= 1 && abs(x + w - 370) <= 1);
        CHECK(abs(y - 136) <= 1 && abs(y + h - 215) <= 1);
    }
    /* the island is a block of its own, the columns' blocks keep to
     * their side of it and of the gutter */
    bs_find_blocks(page, pix, NULL, isl, NULL, 9, &p);
    for (int i = 0; i < page->nblocks; i++) {
        struct bs_box b = page->blocks[i].box;
        if (b.x == 230 && b.y == 136 && page->blocks[i].col_first == 0 &&
            page->blocks[i].col_last == 1)
            own++;
        else if ((b.x < 290 && bs_box_right(b) > 310) ||
                 (b.x < 370 && bs_box_right(b) > 230 && b.y < 215 &&
                  bs_box_bottom(b) > 136))
            crossing++;
    }
    CHECK(own == 1);
    CHECK(crossing == 0);
    boxaDestroy(&isl);
    bs_page_free(&page);
    pixDestroy(&pix);

    /* text running across the gutter with nothing but word spaces in it */
    page = bs_page_new();
    pix = wrap_page(page, 1);
    isl = bs_find_islands(pix, pix, page, 9, 9);
    CHECK(isl && boxaGetCount(isl) == 0);
    boxaDestroy(&isl);
    bs_page_free(&page);
    pixDestroy(&pix);

    /* a caption across the gutter with white out to both columns' edges
     * (under a two-column photo): not an island */
    page = bs_page_new();
    pix = pixCreate(620, 420, 1);
    draw_text(pix, 20, 290, 20, 120, 21);
    draw_text(pix, 310, 580, 20, 120, 22);
    draw_text(pix, 230, 370, 150, 220, 23);
    draw_text(pix, 20, 290, 240, 400, 24);
    draw_text(pix, 310, 580, 240, 400, 25);
    two_columns(page);
    isl = bs_find_islands(pix, pix, page, 9, 9);
    CHECK(isl && boxaGetCount(isl) == 0);
    boxaDestroy(&isl);
    bs_page_free(&page);
    pixDestroy(&pix);
}

static void test_roles(void)
{
    struct bs_page *page = bs_page_new();
    struct bs_profile p;
    struct bs_box img = {20, 300, 300, 200}, cap = {20, 510, 280, 20};
    struct bs_box kick = {20, 100, 80, 12}, head = {20, 120, 500, 40};
    struct bs_box deck = {20, 170, 480, 16}, body = {20, 600, 280, 300};
    struct bs_box under = {20, 533, 280, 58};
    struct bs_block *b;

    bs_profile_defaults(&p);
    page->width = 1000;
    page->height = 1400;
    bs_page_add_block(page, BS_ROLE_IMAGE, img);
    b = bs_page_add_block(page, BS_ROLE_BODY, cap);
    b->text_height = 12;
    b = bs_page_add_block(page, BS_ROLE_BODY, kick);
    b->text_height = 12;
    b = bs_page_add_block(page, BS_ROLE_BODY, head);
    b->text_height = 40;
    b = bs_page_add_block(page, BS_ROLE_BODY, deck);
    b->text_height = 16;
    b = bs_page_add_block(page, BS_ROLE_BODY, body);
    b->text_height = 12;
    /* body right under the caption, near enough to the photo */
    b = bs_page_add_block(page, BS_ROLE_BODY, under);
    b->text_height = 12;
    bs_layout_roles(page, 12, &p);
    CHECK(page->blocks[1].role == BS_ROLE_CAPTION);
    CHECK(page->blocks[2].role == BS_ROLE_KICKER);
    CHECK(page->blocks[3].role == BS_ROLE_HEADLINE);
    CHECK(page->blocks[4].role == BS_ROLE_SUBHEADLINE);
    CHECK(page->blocks[5].role == BS_ROLE_BODY);
    CHECK(page->blocks[6].role == BS_ROLE_BODY);
    bs_page_free(&page);
}

/* A line of body-sized type right under a headline is its deck when it
 * spans a gutter (body text never does), body when it keeps to a column. */
static void test_spanning_deck(void)
{
    struct bs_page *page = bs_page_new();
    struct bs_profile p;
    struct bs_box head = {20, 100, 900, 40}, deck = {20, 160, 880, 13};
    struct bs_box text = {20, 200, 420, 13};
    struct bs_block *b;

    bs_profile_defaults(&p);
    page->width = 1000;
    page->height = 1400;
    b = bs_page_add_block(page, BS_ROLE_BODY, head);
    b->text_height = 30;
    b->col_first = 0;
    b->col_last = 1;
    b = bs_page_add_block(page, BS_ROLE_BODY, deck);
    b->text_height = 13;
    b->col_first = 0;
    b->col_last = 1;
    bs_layout_roles(page, 12, &p);
    CHECK(page->blocks[1].role == BS_ROLE_SUBHEADLINE);
    bs_page_free(&page);

    page = bs_page_new();
    page->width = 1000;
    page->height = 1400;
    b = bs_page_add_block(page, BS_ROLE_BODY, head);
    b->text_height = 30;
    b->col_first = 0;
    b->col_last = 1;
    b = bs_page_add_block(page, BS_ROLE_BODY, text);
    b->text_height = 13;
    b->col_first = b->col_last = 0;
    bs_layout_roles(page, 12, &p);
    CHECK(page->blocks[1].role == BS_ROLE_BODY);
    bs_page_free(&page);
}

/* A single line at the very foot of the page, nothing under it, is the
 * running foot (a folio); the last line of a column above it is not. */
static void test_running_foot(void)
{
    struct bs_page *page = bs_page_new();
    struct bs_profile p;
    struct bs_block *b;

    bs_profile_defaults(&p);
    page->width = 1000;
    page->height = 1400;
    b = bs_page_add_block(page, BS_ROLE_BODY, (struct bs_box){20, 100, 460, 1180});
    b->text_height = 12;
    b = bs_page_add_block(page, BS_ROLE_BODY, (struct bs_box){520, 1290, 460, 14});
    b->text_height = 12;
    b = bs_page_add_block(page, BS_ROLE_BODY, (struct bs_box){20, 1340, 600, 14});
    b->text_height = 12;
    bs_layout_roles(page, 12, &p);
    CHECK(page->blocks[0].role == BS_ROLE_BODY);
    CHECK(page->blocks[1].role == BS_ROLE_BODY);
    CHECK(page->blocks[2].role == BS_ROLE_FOLIO);
    bs_page_free(&page);
}

/* Between the masthead and the first headline, a one-column strip of
 * body type (imprint, contents lines) is the masthead's furniture. */
static void test_masthead_strip(void)
{
    struct bs_page *page = bs_page_new();
    struct bs_profile p;
    struct bs_block *b;
    struct bs_band *band;

    bs_profile_defaults(&p);
    page->width = 1000;
    page->height = 1400;
    bs_band_add_col(bs_page_add_band(page, 20, 120), 20, 980);
    bs_band_add_col(bs_page_add_band(page, 130, 165), 20, 980);
    band = bs_page_add_band(page, 170, 1380);
    bs_band_add_col(band, 20, 490);
    bs_band_add_col(band, 510, 980);
    b = bs_page_add_block(page, BS_ROLE_BODY, (struct bs_box){200, 20, 600, 100});
    b->text_height = 90;
    b->band = 0;
    b = bs_page_add_block(page, BS_ROLE_BODY, (struct bs_box){20, 132, 960, 30});
    b->text_height = 12;
    b->band = 1;
    b = bs_page_add_block(page, BS_ROLE_BODY, (struct bs_box){20, 175, 470, 30});
    b->text_height = 30;
    b->band = 2;
    b = bs_page_add_block(page, BS_ROLE_BODY, (struct bs_box){20, 210, 470, 600});
    b->text_height = 12;
    b->band = 2;
    bs_layout_roles(page, 12, &p);
    CHECK(page->blocks[0].role == BS_ROLE_MASTHEAD);
    CHECK(page->blocks[1].role == BS_ROLE_FOLIO);
    CHECK(page->blocks[2].role == BS_ROLE_HEADLINE);
    CHECK(page->blocks[3].role == BS_ROLE_BODY);
    bs_page_free(&page);
}

int main(int argc, char **argv)
{
    (void)argc;
    setMsgSeverity(L_SEVERITY_NONE);
    test_columns();
    test_rules_and_specks();
    test_glyph_bars();
    test_photos();
    test_blocks();
    test_headline_tail();
    test_centred_heading();
    test_dust_between_lines();
    test_noise_blocks();
    test_islands();
    test_roles();
    test_spanning_deck();
    test_running_foot();
    test_masthead_strip();
    return check_report(argv[0]);
}
