/*
 * test_segment.c - article grouping and reading order on hand-built pages
 * and on the fixture pages' ground truth (blocks with roles and boxes, no
 * images): the groups must be the truth's articles and the body blocks must
 * come in the truth's order.  Also roles refined by text (jump lines split
 * off a column, bylines).
 */
#include "check.h"
#include "../../pipeline/model/model.h"
#include "../../pipeline/segment/segment.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

static struct bs_block *add(struct bs_page *p, enum bs_role role, int x, int y,
                            int w, int h, const char *text)
{
    struct bs_block *b = bs_page_add_block(p, role, (struct bs_box){x, y, w, h});
    if (text) {
        char *copy = bs_strdup(text), *save = NULL;
        int ly = y;
        for (char *t = strtok_r(copy, "\n", &save); t;
             t = strtok_r(NULL, "\n", &save)) {
            struct bs_line *l = bs_block_add_line(b, (struct bs_box){x, ly, w, 30});
            bs_line_add_word(l, t, (struct bs_box){x, ly, w, 30}, 90);
            ly += 40;
        }
        free(copy);
    }
    return b;
}

/* The blocks of group g in reading order, as "b001 b002 ...". */
static char *group_str(const struct bs_page *p, const int *group,
                       const int *seq, int g)
{
    char *out = bs_strdup("");
    for (int s = 0; s < p->nblocks * 2; s++)
        for (int i = 0; i < p->nblocks; i++)
            if (group[i] == g && seq[i] == s) {
                char *o = bs_sprintf("%s%s%s", out, *out ? " " : "",
                                     p->blocks[i].id);
                free(out);
                out = o;
            }
    return out;
}

/* Three columns, a kicker over a headline over all three with a photo and
 * caption in column 1, a full-width rule, then a two-column story and a
 * headless story in column 3. */
static void test_broadsheet(void)
{
    struct bs_page *p = bs_page_new();
    struct bs_band *band;
    int group[32], seq[32], n;
    char *s;

    p->width = 1900;
    p->height = 2250;
    band = bs_page_add_band(p, 90, 2170);
    bs_band_add_col(band, 80, 631);
    bs_band_add_col(band, 675, 1225);
    bs_band_add_col(band, 1269, 1820);
    add(p, BS_ROLE_KICKER, 81, 103, 277, 27, "CITY");                  /* b001 */
    add(p, BS_ROLE_HEADLINE, 79, 174, 1508, 180, "Flood Barrier");    /* b002 */
    add(p, BS_ROLE_BYLINE, 82, 389, 310, 29, "By MARTA");             /* b003 */
    add(p, BS_ROLE_IMAGE, 80, 432, 551, 420, NULL);                    /* b004 */
    add(p, BS_ROLE_CAPTION, 80, 877, 512, 102, "Engineers");          /* b005 */
    add(p, BS_ROLE_BODY, 81, 1008, 548, 351, "col one");              /* b006 */
    add(p, BS_ROLE_BODY, 1269, 445, 549, 903, "col three");           /* b007 */
    add(p, BS_ROLE_BODY, 675, 445, 549, 911, "col two");              /* b008 */
    add(p, BS_ROLE_SEPARATOR, 80, 1378, 1740, 3, NULL);                /* b009 */
    add(p, BS_ROLE_HEADLINE, 82, 1429, 1107, 126, "Library");         /* b010 */
    add(p, BS_ROLE_BODY, 674, 1626, 550, 443, "lib two");             /* b011 */
    add(p, BS_ROLE_BODY, 80, 1626, 549, 494, "lib one");              /* b012 */
    add(p, BS_ROLE_BYLINE, 1271, 1418, 229, 29, "By NINA");           /* b013 */
    add(p, BS_ROLE_BODY, 1268, 1474, 550, 588, "night bus");          /* b014 */
    add(p, BS_ROLE_SEPARATOR, 652, 431, 2, 937, NULL);                 /* b015 */
    n = bs_segment(p, 2.5, group, seq);
    CHECK(n == 3);
    s = group_str(p, group, seq, 0);
    CHECK_STR(s, "b001 b002 b003 b006 b008 b007 b004 b005");
    free(s);
    s = group_str(p, group, seq, 1);
    CHECK_STR(s, "b010 b012 b011");
    free(s);
    s = group_str(p, group, seq, 2);
    CHECK_STR(s, "b013 b014");
    free(s);
    CHECK(group[8] == -1 && seq[8] == -1); /* the rule */
    bs_segment_apply_order(p, seq);
    CHECK(p->blocks[0].order == 0);
    CHECK(p->blocks[3].order == -1); /* photo */
    CHECK(p->blocks[4].order == 6);  /* caption after the body */
    bs_page_free(&p);
}

/* A 1400x2000 page of one band with two columns, [100, 650) and
 * [750, 1300): the text-around-a-photo pages below. */
static void two_column_page(struct bs_page *p)
{
    struct bs_band *band = bs_page_add_band(p, 0, 2000);

    p->width = 1400;
    p->height = 2000;
    bs_band_add_col(band, 100, 650);
    bs_band_add_col(band, 750, 1300);
}

/* Text wrapping around a photo in the middle of two columns: column one
 * above, beside and below the photo, then column two. */
static void test_wrap(void)
{
    struct bs_page *p = bs_page_new();
    int group[16], seq[16];
    char *s;

    two_column_page(p);
    add(p, BS_ROLE_HEADLINE, 100, 100, 1200, 100, "Head");         /* b001 */
    add(p, BS_ROLE_BODY, 750, 300, 550, 300, "r top");             /* b002 */
    add(p, BS_ROLE_BODY, 100, 300, 550, 300, "l top");             /* b003 */
    add(p, BS_ROLE_IMAGE, 450, 650, 500, 500, NULL);               /* b004 */
    add(p, BS_ROLE_BODY, 100, 650, 330, 500, "l beside");          /* b005 */
    add(p, BS_ROLE_BODY, 970, 650, 330, 500, "r beside");          /* b006 */
    add(p, BS_ROLE_BODY, 100, 1200, 550, 400, "l below");          /* b007 */
    add(p, BS_ROLE_BODY, 750, 1200, 550, 400, "r below");          /* b008 */
    CHECK(bs_segment(p, 2.5, group, seq) == 1);
    s = group_str(p, group, seq, 0);
    CHECK_STR(s, "b001 b003 b005 b007 b002 b006 b008 b004");
    free(s);
    bs_page_free(&p);
}

/* The same with the photo's caption set over the gutter under it, the
 * columns running on beside it (an island, layout's col_first < col_last),
 * and a running foot: the island is read after both columns, the foot
 * after every article. */
static void test_wrap_island(void)
{
    struct bs_page *p = bs_page_new();
    struct bs_block *b;
    int group[16], seq[16], last = -1;
    char *s;

    two_column_page(p);
    add(p, BS_ROLE_HEADLINE, 100, 100, 1200, 100, "Head");         /* b001 */
    add(p, BS_ROLE_BODY, 100, 300, 550, 300, "l top");             /* b002 */
    add(p, BS_ROLE_BODY, 750, 300, 550, 300, "r top");             /* b003 */
    add(p, BS_ROLE_IMAGE, 450, 650, 500, 500, NULL);               /* b004 */
    add(p, BS_ROLE_BODY, 100, 650, 330, 500, "l beside");          /* b005 */
    add(p, BS_ROLE_BODY, 970, 650, 330, 500, "r beside");          /* b006 */
    b = add(p, BS_ROLE_BODY, 470, 1200, 460, 150, "island");       /* b007 */
    b->col_first = 0;
    b->col_last = 1;
    add(p, BS_ROLE_BODY, 100, 1200, 350, 400, "l below");          /* b008 */
    add(p, BS_ROLE_BODY, 950, 1200, 350, 400, "r below");          /* b009 */
    add(p, BS_ROLE_FOLIO, 100, 1900, 600, 30, "54 PAGE FOOT");     /* b010 */
    CHECK(bs_segment(p, 2.5, group, seq) == 1);
    s = group_str(p, group, seq, 0);
    CHECK_STR(s, "b001 b002 b005 b008 b003 b006 b009 b007 b004");
    free(s);
    for (int i = 0; i < p->nblocks; i++)
        if (seq[i] >= 0 && (last < 0 || seq[i] > seq[last]))
            last = i;
    CHECK(last == 9);
    bs_page_free(&p);
}

/* Text running from the foot of column one to the top of column two stays
 * in its article; a byline at the top of column two starts another. */
static void test_column_flow(void)
{
    struct bs_page *p = bs_page_new();
    int group[16], seq[16];
    char *s;

    two_column_page(p);
    add(p, BS_ROLE_SEPARATOR, 100, 80, 1200, 4, NULL);           /* b001 */
    add(p, BS_ROLE_BODY, 750, 100, 550, 800, "flows on");        /* b002 */
    add(p, BS_ROLE_HEADLINE, 300, 100, 200, 40, "Polen.");       /* b003 */
    add(p, BS_ROLE_BODY, 100, 160, 550, 1500, "Warschau");       /* b004 */
    add(p, BS_ROLE_HEADLINE, 900, 950, 200, 40, "Schweden.");    /* b005 */
    add(p, BS_ROLE_BODY, 750, 1000, 550, 600, "Stockholm");      /* b006 */
    CHECK(bs_segment(p, 2.5, group, seq) == 2);
    s = group_str(p, group, seq, 0);
    CHECK_STR(s, "b003 b004 b002");
    free(s);
    s = group_str(p, group, seq, 1);
    CHECK_STR(s, "b005 b006");
    free(s);
    p->blocks[1].role = BS_ROLE_BYLINE;
    CHECK(bs_segment(p, 2.5, group, seq) == 3);
    bs_page_free(&p);
}

/* A centred headline narrower than its article: the kicker and byline in
 * the first column and the body in the columns beside the headline belong
 * to it, up to the column rule that crosses the headline's height.  An
 * item under a cutoff rule over one column only starts anew. */
static void test_narrow_headline(void)
{
    struct bs_page *p = bs_page_new();
    struct bs_band *band;
    int group[16], seq[16];
    char *s;

    p->width = 1700;
    p->height = 1000;
    band = bs_page_add_band(p, 80, 1000);
    bs_band_add_col(band, 100, 450);
    bs_band_add_col(band, 470, 820);
    bs_band_add_col(band, 840, 1190);
    bs_band_add_col(band, 1210, 1560);
    add(p, BS_ROLE_KICKER, 110, 90, 150, 30, "【记者手记】");        /* b001 */
    add(p, BS_ROLE_HEADLINE, 425, 140, 440, 80, "让乡村更加宜居");   /* b002 */
    add(p, BS_ROLE_BYLINE, 100, 250, 200, 30, "本报记者 梅刚");      /* b003 */
    add(p, BS_ROLE_BODY, 100, 300, 350, 600, "初冬的清晨");          /* b004 */
    add(p, BS_ROLE_BODY, 470, 300, 350, 600, "水横流的样子");        /* b005 */
    add(p, BS_ROLE_BODY, 840, 300, 350, 600, "丽庭院的人家");        /* b006 */
    add(p, BS_ROLE_SEPARATOR, 1199, 80, 2, 900, NULL);               /* b007 */
    add(p, BS_ROLE_HEADLINE, 1210, 140, 350, 60, "小切口办成大实事"); /* b008 */
    add(p, BS_ROLE_BODY, 1210, 230, 350, 500, "一盏路灯");           /* b009 */
    add(p, BS_ROLE_SEPARATOR, 1210, 760, 350, 4, NULL);              /* b010 */
    add(p, BS_ROLE_BODY, 1210, 780, 350, 150, "本报讯 市图书馆");    /* b011 */
    CHECK(bs_segment(p, 2.5, group, seq) == 3);
    s = group_str(p, group, seq, 0);
    CHECK_STR(s, "b001 b002 b003 b004 b005 b006");
    free(s);
    s = group_str(p, group, seq, 1);
    CHECK_STR(s, "b008 b009");
    free(s);
    s = group_str(p, group, seq, 2);
    CHECK_STR(s, "b011");
    free(s);
    bs_page_free(&p);
}

/* Roles from text: a jump line at the foot of a column becomes its own
 * continuation block; bylines and photo credits are recognised. */
static void test_text_roles(void)
{
    struct bs_page *p = bs_page_new();
    struct bs_article *a;

    add(p, BS_ROLE_HEADLINE, 100, 100, 1000, 80, "Tram");
    add(p, BS_ROLE_BODY, 100, 200, 500, 30, "By JANE DOE");
    add(p, BS_ROLE_BODY, 100, 260, 500, 200,
        "The council voted\nseven to two.\nContinued on Page 4");
    add(p, BS_ROLE_BODY, 600, 260, 500, 30, "（下转第二版）");
    CHECK(bs_text_refine_roles(p, 1.6) == 3);
    CHECK(p->nblocks == 5);
    CHECK(p->blocks[1].role == BS_ROLE_BYLINE);
    CHECK(p->blocks[2].nlines == 2);
    CHECK(p->blocks[3].role == BS_ROLE_CONTINUATION);
    CHECK(p->blocks[4].role == BS_ROLE_CONTINUATION);
    CHECK(p->blocks[4].nlines == 1);
    a = bs_page_add_article(p);
    for (int i = 0; i < p->nblocks; i++)
        bs_article_add_block(a, p->blocks[i].id);
    bs_article_build_text(p, a, NULL);
    CHECK_STR(a->body, "The council voted seven to two.");
    CHECK_STR(a->byline, "By JANE DOE");
    CHECK(bs_text_is_byline("本报记者 梅刚"));
    bs_page_free(&p);
    /* A country head centred in its column opens an article; a short
     * left-aligned line does not. */
    p = bs_page_new();
    {
        struct bs_band *band = bs_page_add_band(p, 0, 2000);
        bs_band_add_col(band, 100, 900);
        struct bs_block *h = add(p, BS_ROLE_BODY, 420, 300, 160, 30, NULL);
        struct bs_line *l = bs_block_add_line(h, (struct bs_box){420, 300, 160, 30});
        bs_line_add_word(l, "Türkey.", l->box, 90);
        h->band = 0;
        h->col_first = h->col_last = 0;
        h = add(p, BS_ROLE_BODY, 100, 400, 200, 30, NULL);
        l = bs_block_add_line(h, (struct bs_box){100, 400, 200, 30});
        bs_line_add_word(l, "Salonichi.", l->box, 90);
        h->band = 0;
        h->col_first = h->col_last = 0;
        /* set in type three times the body's: an untagged headline */
        h = add(p, BS_ROLE_BODY, 100, 560, 700, 90, NULL);
        l = bs_block_add_line(h, (struct bs_box){100, 560, 700, 90});
        bs_line_add_word(l, "Council Votes Yes", l->box, 90);
        h = add(p, BS_ROLE_BODY, 100, 660, 700, 300, "body one\nbody two\nbody three");
    }
    /* a short line over a headline: its kicker */
    add(p, BS_ROLE_BODY, 1000, 300, 200, 30, "CITY & REGION");
    add(p, BS_ROLE_HEADLINE, 1000, 360, 800, 90, "Flood Barrier");
    CHECK(bs_text_refine_roles(p, 1.6) == 3);
    CHECK(p->blocks[0].role == BS_ROLE_HEADLINE);
    CHECK(p->blocks[1].role == BS_ROLE_BODY);
    CHECK(p->blocks[2].role == BS_ROLE_HEADLINE);
    CHECK(p->blocks[3].role == BS_ROLE_BODY);
    CHECK(p->blocks[4].role == BS_ROLE_KICKER);
    CHECK(bs_text_is_byline("By Jane Doe and Tom Ash"));
    CHECK(!bs_text_is_byline("By the end of the year, the city had"));
    CHECK(!bs_text_is_byline("本报讯 记者从市住房和城乡建设局获悉，今年"));
    CHECK(!bs_text_is_byline("记者从市住房和城乡建设局获"));
    CHECK(bs_text_is_byline("本报记者梅刚"));
    CHECK(bs_text_is_photo_credit("本报记者 王磊 通讯员 朱小萌 摄"));
    CHECK(!bs_text_is_photo_credit("摄影展今天开幕。"));
    bs_page_free(&p);
}

/* Ground truth of the fixture pages: grouping and body order. */
static void test_truth(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int pages = 0;

    if (!d) {
        printf("no %s: truth checks skipped\n", dir);
        return;
    }
    while ((e = readdir(d)) != NULL) {
        struct bs_page *p = NULL;
        struct bs_error err;
        char *path;
        int *group, *seq;

        if (!strstr(e->d_name, ".json"))
            continue;
        path = bs_sprintf("%s/%s", dir, e->d_name);
        if (bs_articles_load(path, &p, &err) < 0) {
            fprintf(stderr, "%s\n", err.msg);
            CHECK(0);
            free(path);
            continue;
        }
        pages++;
        group = bs_calloc((size_t)p->nblocks + 1, sizeof(int));
        seq = bs_calloc((size_t)p->nblocks + 1, sizeof(int));
        for (int i = 0; i < p->nblocks; i++)
            p->blocks[i].article[0] = '\0';
        /* with the truth's columns, then with none (layout found none) */
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1)
                bs_page_clear_bands(p);
            int n = bs_segment(p, 2.5, group, seq);
            CHECK(n == p->narticles);
            for (int a = 0; a < p->narticles && a < n; a++) {
                /* truth article a = our group a, same blocks; body order */
                char *want = bs_strdup(""), *got;
                for (int k = 0; k < p->articles[a].nblocks; k++) {
                    int bi = bs_page_find_block(p, p->articles[a].blocks[k]);
                    char *o;
                    if (bi < 0 || p->blocks[bi].role == BS_ROLE_CAPTION ||
                        p->blocks[bi].role == BS_ROLE_IMAGE)
                        continue;
                    o = bs_sprintf("%s%s%s", want, *want ? " " : "",
                                   p->blocks[bi].id);
                    free(want);
                    want = o;
                }
                got = group_str(p, group, seq, a);
                /* drop images and captions from ours */
                {
                    char *clean = bs_strdup(""), *save = NULL;
                    for (char *t = strtok_r(got, " ", &save); t;
                         t = strtok_r(NULL, " ", &save)) {
                        int bi = bs_page_find_block(p, t);
                        char *o;
                        if (p->blocks[bi].role == BS_ROLE_CAPTION ||
                            p->blocks[bi].role == BS_ROLE_IMAGE)
                            continue;
                        o = bs_sprintf("%s%s%s", clean, *clean ? " " : "", t);
                        free(clean);
                        clean = o;
                    }
                    free(got);
                    got = clean;
                }
                if (strcmp(got, want) != 0)
                    fprintf(stderr, "%s article %s:\n", path, p->articles[a].id);
                CHECK_STR(got, want);
                free(want);
                free(got);
            }
        }
        free(group);
        free(seq);
        free(path);
        bs_page_free(&p);
    }
    closedir(d);
    printf("%d truth pages checked\n", pages);
}

/* Degenerate pages: nothing, only rules and photos, empty boxes. */
static void test_degenerate(void)
{
    struct bs_page *p = bs_page_new();
    int group[8], seq[8];

    CHECK(bs_segment(p, 2.5, group, seq) == 0);
    add(p, BS_ROLE_SEPARATOR, 0, 10, 100, 2, NULL);
    add(p, BS_ROLE_IMAGE, 0, 20, 100, 100, NULL);
    add(p, BS_ROLE_BODY, 0, 0, 0, 0, NULL);
    CHECK(bs_segment(p, 2.5, group, seq) == 1);
    CHECK(group[0] == -1 && group[1] == -1 && group[2] == 0);
    bs_page_free(&p);
}

int main(int argc, char **argv)
{
    const char *truth = getenv("BS_TRUTH_DIR");
    (void)argc;
    test_broadsheet();
    test_wrap();
    test_wrap_island();
    test_column_flow();
    test_narrow_headline();
    test_degenerate();
    test_text_roles();
    test_truth(truth ? truth : "fixtures/truth");
    return check_report(argv[0]);
}
