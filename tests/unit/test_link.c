/*
 * test_link.c - continued articles linked across two pages: the jump from
 * page 1 finds its continuation on page 4 by page numbers and keyword (not
 * the other article that also comes from page 1), both files of both pages
 * get the refs, and a third page with no jump is left untouched.
 */
#include "check.h"
#include "../../pipeline/base/base.h"
#include "../../pipeline/model/model.h"
#include "../../pipeline/segment/segment.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void add_article(struct bs_page *p, const char *headline,
                        const char *jump, int from, int to)
{
    struct bs_article *a = bs_page_add_article(p);
    struct bs_block *b;
    char id[16];

    snprintf(id, sizeof(id), "%s", a->id);
    bs_set_str(&a->headline, headline);
    bs_set_str(&a->body, "text");
    a->continued_from = from;
    a->continued_to = to;
    b = bs_page_add_block(p, BS_ROLE_HEADLINE, (struct bs_box){0, 0, 10, 10});
    bs_line_add_word(bs_block_add_line(b, b->box), headline, b->box, 90);
    snprintf(b->article, sizeof(b->article), "%s", id);
    bs_article_add_block(&p->articles[p->narticles - 1], b->id);
    if (jump) {
        b = bs_page_add_block(p, BS_ROLE_CONTINUATION,
                              (struct bs_box){0, 20, 10, 10});
        bs_line_add_word(bs_block_add_line(b, b->box), jump, b->box, 90);
        snprintf(b->article, sizeof(b->article), "%s", id);
        bs_article_add_block(&p->articles[p->narticles - 1], b->id);
    }
}

static void save(struct bs_page *p, const char *dir)
{
    struct bs_error err;
    char *m = bs_path_join(dir, "model.repair.json");
    char *a = bs_path_join(dir, "articles.json");

    CHECK(bs_mkdir_p(dir, &err) == 0);
    CHECK(bs_page_save(p, m, &err) == 0);
    CHECK(bs_articles_save(p, a, &err) == 0);
    free(m);
    free(a);
    bs_page_free(&p);
}

static struct bs_page *load(const char *dir, const char *file)
{
    struct bs_error err;
    struct bs_page *p = NULL;
    char *path = bs_path_join(dir, file);

    if (strcmp(file, "articles.json") == 0)
        CHECK(bs_articles_load(path, &p, &err) == 0);
    else
        CHECK(bs_page_load(path, &p, &err) == 0);
    free(path);
    return p;
}

int main(int argc, char **argv)
{
    char tmpl[] = "/tmp/bs-link-XXXXXX";
    char *root = mkdtemp(tmpl);
    char *d1, *d4, *d5, *dirs[3];
    struct bs_page *p;
    struct bs_error err;
    const char *files[2] = {"model.repair.json", "articles.json"};

    (void)argc;
    CHECK(root != NULL);
    d1 = bs_path_join(root, "front");
    d4 = bs_path_join(root, "inside");
    d5 = bs_path_join(root, "other");

    p = bs_page_new();
    bs_set_str(&p->id, "front");
    p->number = 1;
    add_article(p, "City Budget Passes After Long Night", "See BUDGET, Page 4",
                0, 4);
    add_article(p, "老旧小区改造惠及三万居民", "下转第4版", 0, 4);
    add_article(p, "Weather", NULL, 0, 0);
    save(p, d1);

    p = bs_page_new();
    bs_set_str(&p->id, "inside");
    p->number = 4;
    add_article(p, "Schools Open Late", NULL, 0, 0);
    add_article(p, "老旧小区改造", "上接第1版", 1, 0);
    add_article(p, "BUDGET", "BUDGET from Page 1", 1, 0);
    save(p, d4);

    p = bs_page_new();
    bs_set_str(&p->id, "other");
    p->number = 5;
    add_article(p, "Sports", NULL, 0, 0);
    save(p, d5);

    dirs[0] = d1;
    dirs[1] = d4;
    dirs[2] = d5;
    CHECK(bs_link_continuations(dirs, 3, &err) == 2);
    for (int f = 0; f < 2; f++) {
        p = load(d1, files[f]);
        CHECK_STR(p->articles[0].continued_to_ref, "inside/a003");
        CHECK_STR(p->articles[1].continued_to_ref, "inside/a002");
        CHECK(p->articles[2].continued_to_ref == NULL);
        bs_page_free(&p);
        p = load(d4, files[f]);
        CHECK(p->articles[0].continued_from_ref == NULL);
        CHECK_STR(p->articles[1].continued_from_ref, "front/a002");
        CHECK_STR(p->articles[2].continued_from_ref, "front/a001");
        CHECK(p->articles[2].continued_from == 1);
        bs_page_free(&p);
    }
    /* A second run links nothing new and changes nothing. */
    CHECK(bs_link_continuations(dirs, 3, &err) == 0);
    CHECK(bs_link_similarity("City Budget Passes", "BUDGET") == 1);
    CHECK(bs_link_similarity("老旧小区改造惠及", "老旧小区") == 3);
    CHECK(bs_link_similarity("The Weather", "the end") == 0);
    /* A folder without a finished page is skipped, not an error. */
    dirs[2] = root;
    CHECK(bs_link_continuations(dirs, 3, &err) == 0);

    for (int k = 0; k < 3; k++) {
        const char *d = k == 0 ? d1 : k == 1 ? d4 : d5;
        for (int f = 0; f < 2; f++) {
            char *path = bs_path_join(d, files[f]);
            unlink(path);
            free(path);
        }
        rmdir(d);
    }
    rmdir(root);
    free(d1);
    free(d4);
    free(d5);
    return check_report(argv[0]);
}
