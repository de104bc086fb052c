/*
 * test_self_check.c - the safety net on pages built in C: layout's
 * self-check (bs_layout_doubt) fails a page whose masthead holds it, one
 * without body text and one whose bands or columns overlap, and passes a
 * normal page; a page in doubt keeps Tesseract's order, with an article
 * at each headline and every text block in one (bs_segment_plain), in
 * the articles and in the physical order alike.
 */
#include "check.h"
#include "../../pipeline/layout/layout.h"
#include "../../pipeline/segment/segment.h"

#include <stdlib.h>
#include <string.h>

static struct bs_block *add(struct bs_page *p, enum bs_role role, int x,
                            int y, int w, int h)
{
    return bs_page_add_block(p, role, (struct bs_box){x, y, w, h});
}

/* A normal page: a masthead over a band of three columns of body with a
 * headline and a rule. */
static struct bs_page *normal_page(void)
{
    struct bs_page *p = bs_page_new();
    struct bs_band *band;

    p->width = 2400;
    p->height = 3400;
    add(p, BS_ROLE_MASTHEAD, 200, 100, 2000, 250);
    add(p, BS_ROLE_FOLIO, 200, 360, 2000, 40);
    add(p, BS_ROLE_SEPARATOR, 200, 420, 2000, 6);
    band = bs_page_add_band(p, 440, 3300);
    bs_band_add_col(band, 200, 850);
    bs_band_add_col(band, 875, 1525);
    bs_band_add_col(band, 1550, 2200);
    add(p, BS_ROLE_HEADLINE, 200, 450, 1325, 120);
    for (int c = 0; c < 3; c++)
        add(p, BS_ROLE_BODY, 200 + 675 * c, 600, 650, 2650);
    return p;
}

static void test_normal_page(void)
{
    struct bs_profile pr;
    struct bs_page *p = normal_page();
    char why[256] = "x";

    bs_profile_defaults(&pr);
    CHECK(bs_layout_doubt(p, &pr, why, sizeof(why)) == 0);
    CHECK_STR(why, "");
    /* the operator's override doubts every page; 0 none */
    pr.layout_check = 2;
    CHECK(bs_layout_doubt(p, &pr, why, sizeof(why)) == 1);
    CHECK(strstr(why, "layout_check=2") != NULL);
    bs_page_free(&p);
}

static void test_masthead_holds_page(void)
{
    struct bs_profile pr;
    struct bs_page *p = normal_page();
    char why[256];

    bs_profile_defaults(&pr);
    /* everything under the title taken for masthead and folios */
    p->blocks[4].role = BS_ROLE_FOLIO;
    p->blocks[5].role = BS_ROLE_MASTHEAD;
    CHECK(bs_layout_doubt(p, &pr, why, sizeof(why)) == 1);
    CHECK(strstr(why, "masthead and folios hold") != NULL);
    bs_page_free(&p);

    /* a masthead reaching down past the middle of the text area, though
     * the page's body is large enough */
    p = normal_page();
    p->blocks[0].box.h = 1700;
    p->blocks[0].box.w = 600;
    p->blocks[3].box.y = 1850;
    for (int i = 4; i < p->nblocks; i++) {
        p->blocks[i].box.y = 1900;
        p->blocks[i].box.h = 1400;
    }
    CHECK(bs_layout_doubt(p, &pr, why, sizeof(why)) == 1);
    CHECK(strstr(why, "masthead b001 reaches below the middle") != NULL);
    bs_page_free(&p);

    /* a running foot below the middle is where folios belong */
    p = normal_page();
    add(p, BS_ROLE_FOLIO, 200, 3260, 2000, 40);
    CHECK(bs_layout_doubt(p, &pr, why, sizeof(why)) == 0);
    bs_page_free(&p);
}

static void test_no_body(void)
{
    struct bs_profile pr;
    struct bs_page *p = normal_page();
    char why[256];

    bs_profile_defaults(&pr);
    for (int i = 0; i < p->nblocks; i++)
        if (p->blocks[i].role == BS_ROLE_BODY)
            p->blocks[i].role = BS_ROLE_HEADLINE;
    CHECK(bs_layout_doubt(p, &pr, why, sizeof(why)) == 1);
    CHECK_STR(why, "no body text found");
    bs_page_free(&p);

    /* body only a sliver of the text */
    p = normal_page();
    for (int i = 4; i < p->nblocks; i++)
        p->blocks[i].role = BS_ROLE_CAPTION;
    add(p, BS_ROLE_BODY, 200, 3260, 300, 30);
    CHECK(bs_layout_doubt(p, &pr, why, sizeof(why)) == 1);
    CHECK(strstr(why, "body text holds 0% of the text area") != NULL);
    bs_page_free(&p);

    /* no text block at all */
    p = bs_page_new();
    add(p, BS_ROLE_IMAGE, 0, 0, 100, 100);
    CHECK(bs_layout_doubt(p, &pr, why, sizeof(why)) == 1);
    CHECK_STR(why, "no text block found");
    /* the check off: never in doubt */
    pr.layout_check = 0;
    CHECK(bs_layout_doubt(p, &pr, why, sizeof(why)) == 0);
    bs_page_free(&p);
}

static void test_bands_contradict(void)
{
    struct bs_profile pr;
    struct bs_page *p = normal_page();
    struct bs_band *band;
    char why[256];

    bs_profile_defaults(&pr);
    band = bs_page_add_band(p, 3000, 3390);
    bs_band_add_col(band, 200, 2200);
    CHECK(bs_layout_doubt(p, &pr, why, sizeof(why)) == 1);
    CHECK(strstr(why, "bands 0 and 1 overlap") != NULL);
    bs_page_free(&p);

    p = normal_page();
    p->bands[0].cols[1].x0 = 800; /* over the first column */
    CHECK(bs_layout_doubt(p, &pr, why, sizeof(why)) == 1);
    CHECK(strstr(why, "columns 0 and 1 of band 0 overlap") != NULL);
    bs_page_free(&p);
}

/* Blocks as Tesseract's regions: order set, no bands. */
static void test_plain_segment(void)
{
    struct bs_page *p = bs_page_new();
    int group[8], seq[8], phys[8], n;

    p->width = 2000;
    p->height = 3000;
    bs_set_str(&p->doubt, "no body text found");
    /* Tesseract's order is not top to bottom: b003 comes first */
    add(p, BS_ROLE_BODY, 100, 100, 800, 300)->order = 1;       /* b001 */
    add(p, BS_ROLE_HEADLINE, 100, 500, 800, 80)->order = 2;    /* b002 */
    add(p, BS_ROLE_BODY, 1000, 100, 800, 2000)->order = 0;     /* b003 */
    add(p, BS_ROLE_BODY, 100, 600, 800, 1000)->order = 3;      /* b004 */
    add(p, BS_ROLE_IMAGE, 100, 2200, 800, 600);                /* b005 */
    /* a byline split off the headline later: same order, below it */
    add(p, BS_ROLE_BYLINE, 100, 585, 800, 14)->order = 2;      /* b006 */
    n = bs_segment(p, 2.5, group, seq);
    CHECK(n == 2);
    CHECK(seq[2] == 0 && seq[0] == 1 && seq[1] == 2 && seq[5] == 3 &&
          seq[3] == 4);
    CHECK(seq[4] == -1 && group[4] == -1);
    /* headless first article: b003 b001; the headline opens the next */
    CHECK(group[2] == 0 && group[0] == 0);
    CHECK(group[1] == 1 && group[5] == 1 && group[3] == 1);
    bs_physical_order(p, 20, phys);
    for (int i = 0; i < p->nblocks; i++)
        CHECK(phys[i] == seq[i]);
    bs_segment_apply_order(p, seq);
    CHECK(p->blocks[2].order == 0 && p->blocks[3].order == 4);
    /* ordering again gives the same order */
    bs_segment(p, 2.5, group, seq);
    CHECK(seq[2] == 0 && seq[5] == 3 && seq[3] == 4);
    bs_page_free(&p);
}

int main(int argc, char **argv)
{
    (void)argc;
    test_normal_page();
    test_masthead_holds_page();
    test_no_body();
    test_bands_contradict();
    test_plain_segment();
    return check_report(argv[0]);
}
