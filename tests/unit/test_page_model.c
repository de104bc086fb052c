/*
 * test_page_model.c - the page model and its JSON artifact: building,
 * text assembly, save/load round trip, and clean errors on bad artifacts.
 */
#include "check.h"
#include "../../pipeline/base/base.h"
#include "../../pipeline/model/model.h"

#include <stdlib.h>
#include <unistd.h>

static struct bs_page *sample_page(void)
{
    struct bs_page *page = bs_page_new();
    struct bs_block *b;
    struct bs_line *line;
    struct bs_band *band;
    struct bs_article *a;

    bs_set_str(&page->id, "p1");
    bs_set_str(&page->lang, "chi_sim+eng");
    page->width = 2000;
    page->height = 3000;
    band = bs_page_add_band(page, 0, 3000);
    bs_band_add_col(band, 100, 900);
    bs_band_add_col(band, 1000, 1900);
    b = bs_page_add_block(page, BS_ROLE_HEADLINE, (struct bs_box){100, 100, 1800, 120});
    b->band = 0;
    b->col_first = 0;
    b->col_last = 1;
    line = bs_block_add_line(b, (struct bs_box){100, 100, 1800, 120});
    bs_line_add_word(line, "让民生", (struct bs_box){100, 100, 300, 120}, 91.5f);
    bs_line_add_word(line, "福祉", (struct bs_box){420, 100, 200, 120}, 88.0f);
    b = bs_page_add_block(page, BS_ROLE_BODY, (struct bs_box){100, 300, 800, 600});
    line = bs_block_add_line(b, (struct bs_box){100, 300, 800, 40});
    bs_line_add_word(line, "Walla", (struct bs_box){100, 300, 100, 40}, 95);
    bs_line_add_word(line, "Walla", (struct bs_box){210, 300, 100, 40}, 96);
    bs_line_add_word(line, "2020年", (struct bs_box){320, 300, 100, 40}, 97);
    a = bs_page_add_article(page);
    bs_set_str(&a->headline, "让民生福祉");
    bs_set_str(&a->body, "Walla Walla 2020年");
    a->continued_to = 4;
    bs_article_add_block(a, "b001");
    bs_article_add_block(a, "b002");
    return page;
}

static void test_text(void)
{
    struct bs_page *page = sample_page();
    char *t = bs_line_text(&page->blocks[0].lines[0]);

    CHECK_STR(t, "让民生福祉"); /* no space between CJK words */
    free(t);
    t = bs_line_text(&page->blocks[1].lines[0]);
    CHECK_STR(t, "Walla Walla 2020年");
    free(t);
    CHECK(bs_page_find_block(page, "b002") == 1);
    CHECK(bs_page_find_block(page, "b999") == -1);
    CHECK_STR(bs_role_name(BS_ROLE_CONTINUATION), "continuation");
    CHECK(bs_role_from_name("caption") == BS_ROLE_CAPTION);
    CHECK(bs_role_from_name("nonsense") == -1);
    bs_page_free(&page);
    CHECK(page == NULL);
}

static void test_round_trip(void)
{
    struct bs_page *page = sample_page(), *back = NULL;
    struct bs_error err;
    char path[] = "/tmp/bs_test_modelXXXXXX";
    int fd = mkstemp(path);
    json_t *a, *b;

    close(fd);
    CHECK(bs_page_save(page, path, &err) == 0);
    CHECK(bs_page_load(path, &back, &err) == 0);
    if (back) {
        CHECK(back->nblocks == 2);
        CHECK(back->blocks[0].role == BS_ROLE_HEADLINE);
        CHECK(back->blocks[0].col_last == 1);
        CHECK(back->narticles == 1);
        CHECK(back->articles[0].continued_to == 4);
        CHECK_STR(back->blocks[1].lines[0].words[2].text, "2020年");
        /* Saving what was loaded gives the same JSON. */
        a = bs_page_to_json(page);
        b = bs_page_to_json(back);
        CHECK(json_equal(a, b));
        json_decref(a);
        json_decref(b);
    }
    bs_page_free(&page);
    bs_page_free(&back);
    unlink(path);
}

/* Each bad artifact must fail with a one-line message naming the file. */
static void expect_bad(const char *text, const char *what)
{
    char path[] = "/tmp/bs_test_badXXXXXX";
    int fd = mkstemp(path);
    struct bs_page *page = NULL;
    struct bs_error err = {""};
    ssize_t n = write(fd, text, strlen(text));

    (void)n;
    close(fd);
    CHECK(bs_page_load(path, &page, &err) == -1);
    CHECK(page == NULL);
    CHECK(strstr(err.msg, path) != NULL);
    CHECK(strchr(err.msg, '\n') == NULL);
    if (strstr(err.msg, path) == NULL)
        fprintf(stderr, "  (%s) message: %s\n", what, err.msg);
    unlink(path);
}

static void test_bad_artifacts(void)
{
    struct bs_page *page = sample_page();
    json_t *root = bs_page_to_json(page);
    char *good = json_dumps(root, JSON_COMPACT);
    char *trunc = strdup(good);

    trunc[strlen(trunc) / 2] = '\0';
    expect_bad("", "empty");
    expect_bad(trunc, "truncated");
    expect_bad("[1,2,3]", "not an object");
    expect_bad("{\"format\":\"broadsheet-page\",\"version\":99,\"page\":{}}",
               "wrong version");
    expect_bad("{\"format\":\"other\",\"version\":1}", "wrong format");
    expect_bad("{\"format\":\"broadsheet-page\",\"version\":1,\"page\":{},"
               "\"blocks\":[{\"id\":\"b1\",\"role\":\"dragon\"}]}",
               "unknown role");
    expect_bad("{\"format\":\"broadsheet-page\",\"version\":1,\"page\":{},"
               "\"blocks\":[{\"id\":\"b1\",\"role\":\"body\",\"bbox\":[0,0,-5,"
               "3]}]}", "negative size");
    expect_bad("{\"format\":\"broadsheet-page\",\"version\":1,\"page\":{},"
               "\"blocks\":[{\"id\":\"b1\",\"role\":\"body\",\"band\":7}]}",
               "band out of range");
    expect_bad("{\"format\":\"broadsheet-page\",\"version\":1,\"page\":{},"
               "\"articles\":[{\"id\":\"a1\",\"blocks\":[\"zz\"]}]}",
               "unknown block");
    free(good);
    free(trunc);
    json_decref(root);
    bs_page_free(&page);
}

static void test_atomic_and_ids(void)
{
    struct bs_error err;
    char *id;

    CHECK(bs_write_atomic("/nonexistent-dir/x", "a", 1, &err) == -1);
    id = bs_page_id_from_path("../../x.png", -1);
    CHECK_STR(id, "x");
    free(id);
    id = bs_page_id_from_path("dir/..png", -1);
    CHECK(strchr(id, '/') == NULL && id[0] != '.');
    free(id);
    id = bs_page_id_from_path("a\nb.tif", 2);
    CHECK_STR(id, "a_b-p003");
    free(id);
    id = bs_page_id_from_path("bad\xff\xfe.png", -1);
    CHECK_STR(id, "bad__");
    free(id);
    id = bs_page_id_from_path("name with spaces.png", -1);
    CHECK_STR(id, "name with spaces");
    free(id);
    /* ids from a path below the folder given keep its folders; every
     * component is made safe, only the file loses its extension */
    id = bs_page_id_from_rel("1912-01-01/0001.tif", -1);
    CHECK_STR(id, "1912-01-01/0001");
    free(id);
    id = bs_page_id_from_rel("./a.b/./.hidden/x.y.png", 0);
    CHECK_STR(id, "a.b/_hidden/x.y-p001");
    free(id);
    id = bs_page_id_from_rel("a//..//b\\c\n/p.png", -1);
    CHECK_STR(id, "a/_./b_c_/p");
    free(id);
    id = bs_page_id_from_rel("", -1);
    CHECK_STR(id, "page");
    free(id);
    {
        char hex[65];
        bs_sha256_hex("abc", 3, hex);
        CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}

/* Ids that are paths, and far-out band coordinates, are refused. */
static void test_hostile_artifacts(void)
{
    expect_bad("{\"format\":\"broadsheet-page\",\"version\":1,\"page\":{},"
               "\"articles\":[{\"id\":\"../../../PWNED\"}]}",
               "an article id that is a path");
    expect_bad("{\"format\":\"broadsheet-page\",\"version\":1,\"page\":{},"
               "\"blocks\":[{\"id\":\"a/b\",\"role\":\"body\"}]}",
               "a block id with a slash");
    expect_bad("{\"format\":\"broadsheet-page\",\"version\":1,\"page\":{},"
               "\"blocks\":[{\"id\":\"b1\",\"role\":\"body\","
               "\"article\":\"..\"}]}", "an article reference \"..\"");
    expect_bad("{\"format\":\"broadsheet-page\",\"version\":1,\"page\":{},"
               "\"bands\":[{\"y\":[0,10],\"columns\":[[-2147483648,"
               "2147483647]]}]}", "a band column far out of range");
    CHECK(bs_id_is_valid("a001") && bs_id_is_valid("b_2.x-1"));
    CHECK(!bs_id_is_valid("..") && !bs_id_is_valid(".a") &&
          !bs_id_is_valid("a/b") && !bs_id_is_valid("") &&
          !bs_id_is_valid("a b") && !bs_id_is_valid("0123456789abcdef"));
    CHECK(bs_name_is_safe("a001.txt") && !bs_name_is_safe("../x") &&
          !bs_name_is_safe("..") && !bs_name_is_safe(".lock") &&
          !bs_name_is_safe("a\nb"));
}

/* Blocks are found by id through the page's index, whatever happens to
 * the page: 10000 added, ids set right after adding (as the artifact
 * readers do), some removed, the array reordered. */
static int cmp_block_y(const void *a, const void *b)
{
    return ((const struct bs_block *)b)->box.y -
           ((const struct bs_block *)a)->box.y;
}

static void test_block_index(void)
{
    struct bs_page *page = bs_page_new();
    char id[16];
    int ok = 1;

    for (int i = 0; i < 10000; i++) {
        struct bs_block *b = bs_page_add_block(page, BS_ROLE_BODY,
                                               (struct bs_box){0, i, 10, 1});
        if (i % 3 == 0)
            snprintf(b->id, sizeof(b->id), "x%d", i);
    }
    for (int i = 0; i < 10000 && ok; i++) {
        if (i % 3 == 0)
            snprintf(id, sizeof(id), "x%d", i);
        else
            snprintf(id, sizeof(id), "b%03d", i + 1);
        ok = bs_page_find_block(page, id) == i;
    }
    CHECK(ok);
    CHECK(bs_page_find_block(page, "nope") < 0);
    bs_page_remove_block(page, 5); /* b006 */
    CHECK(bs_page_find_block(page, "b006") < 0);
    CHECK(bs_page_find_block(page, "b008") == 6);
    qsort(page->blocks, (size_t)page->nblocks, sizeof(*page->blocks),
          cmp_block_y);
    ok = 1;
    for (int i = 0; i < page->nblocks && ok; i++)
        ok = bs_page_find_block(page, page->blocks[i].id) == i;
    CHECK(ok);
    /* a fresh block never takes an id already there */
    {
        struct bs_block *b = bs_page_add_block(page, BS_ROLE_BODY,
                                               (struct bs_box){0, 0, 1, 1});
        CHECK(bs_page_find_block(page, b->id) == page->nblocks - 1);
        for (int i = 0; i + 1 < page->nblocks; i++)
            if (strcmp(page->blocks[i].id, b->id) == 0)
                CHECK(0);
    }
    bs_page_free(&page);
}

int main(void)
{
    test_text();
    test_round_trip();
    test_bad_artifacts();
    test_hostile_artifacts();
    test_block_index();
    test_atomic_and_ids();
    return check_report("test_page_model");
}
