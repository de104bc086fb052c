/*
 * test_formats.c - the archive formats on a small in-memory page: ALTO,
 * PAGE XML and hOCR written and read back give the same blocks, roles,
 * words, confidences and reading order; METS joins an article continued on
 * another page into one ARTICLE div; hostile documents (entity
 * declarations, external entities, bad numbers, garbage) fail with one
 * line naming the file.
 */
#include "check.h"
#include "../../pipeline/base/base.h"
#include "../../pipeline/formats/formats.h"
#include "../../pipeline/model/model.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct bs_page *sample_page(const char *id)
{
    struct bs_page *p = bs_page_new();
    struct bs_block *b;
    struct bs_line *l;
    struct bs_article *a;

    bs_set_str(&p->id, id);
    bs_set_str(&p->source, "scan & <1>.png");
    p->width = 1000;
    p->height = 800;
    p->dpi = 300;
    /* Stored out of reading order on purpose: body b001 reads second. */
    b = bs_page_add_block(p, BS_ROLE_BODY, (struct bs_box){10, 100, 400, 60});
    b->order = 1;
    l = bs_block_add_line(b, (struct bs_box){10, 100, 400, 30});
    bs_line_add_word(l, "Body", (struct bs_box){10, 100, 100, 30}, 91);
    bs_line_add_word(l, "\"text\"", (struct bs_box){120, 100, 100, 30}, 80);
    l = bs_block_add_line(b, (struct bs_box){10, 130, 400, 30});
    bs_line_add_word(l, "über", (struct bs_box){10, 130, 100, 30}, 70);
    b = bs_page_add_block(p, BS_ROLE_HEADLINE, (struct bs_box){10, 10, 900, 80});
    b->order = 0;
    l = bs_block_add_line(b, (struct bs_box){10, 10, 900, 80});
    bs_line_add_word(l, "Big", (struct bs_box){10, 10, 200, 80}, 99);
    bs_line_add_word(l, "News", (struct bs_box){220, 10, 300, 80}, 98);
    b = bs_page_add_block(p, BS_ROLE_SEPARATOR, (struct bs_box){10, 95, 900, 3});
    b = bs_page_add_block(p, BS_ROLE_CAPTION, (struct bs_box){500, 300, 300, 30});
    b->order = 2;
    l = bs_block_add_line(b, (struct bs_box){500, 300, 300, 30});
    bs_line_add_word(l, "这是说明", (struct bs_box){500, 300, 300, 30}, 60);
    b = bs_page_add_block(p, BS_ROLE_IMAGE, (struct bs_box){500, 100, 300, 190});
    a = bs_page_add_article(p);
    bs_set_str(&a->headline, "Big News");
    bs_article_add_block(a, "b002");
    bs_article_add_block(a, "b001");
    snprintf(p->blocks[0].article, sizeof(p->blocks[0].article), "%s", a->id);
    snprintf(p->blocks[1].article, sizeof(p->blocks[1].article), "%s", a->id);
    return p;
}

/* The page's text blocks as "role:text" in reading order, '|' between. */
static char *signature(const struct bs_page *p)
{
    char *s = bs_strdup("");

    for (int o = 0; o < p->nblocks; o++)
        for (int i = 0; i < p->nblocks; i++) {
            const struct bs_block *b = &p->blocks[i];
            char *t, *n;
            if (b->order != o)
                continue;
            t = bs_block_text(b);
            n = bs_sprintf("%s%s:%s|", s, bs_role_name(b->role), t);
            free(s);
            free(t);
            s = n;
        }
    return s;
}

static int count_role(const struct bs_page *p, enum bs_role role)
{
    int n = 0;
    for (int i = 0; i < p->nblocks; i++)
        n += p->blocks[i].role == role;
    return n;
}

static void round_trip(const char *dir, const char *name,
                       int (*write)(const struct bs_page *, const char *,
                                    struct bs_error *),
                       int keeps_roles)
{
    struct bs_page *p = sample_page("p1"), *q = NULL;
    struct bs_error err;
    char *path = bs_path_join(dir, name), *want, *got;

    CHECK(write(p, path, &err) == 0);
    CHECK(bs_import_file(path, &q, &err) == 0);
    if (!q) {
        fprintf(stderr, "%s: %s\n", name, err.msg);
        free(path);
        bs_page_free(&p);
        return;
    }
    want = signature(p);
    got = signature(q);
    if (keeps_roles)
        CHECK_STR(got, want);
    CHECK(count_role(q, BS_ROLE_SEPARATOR) == 1);
    CHECK(count_role(q, BS_ROLE_IMAGE) == 1);
    CHECK(q->width == 1000 && q->height == 800);
    /* the image the file names, beside the file (relative to it) */
    {
        char *xdir = bs_strdup(path), *slash = strrchr(xdir, '/'), *want_src;
        if (slash)
            *slash = '\0';
        want_src = bs_path_join(xdir, "scan & <1>.png");
        CHECK_STR(q->source, want_src);
        free(want_src);
        free(xdir);
    }
    /* Words keep their boxes and confidences. */
    for (int i = 0; i < q->nblocks; i++)
        if (q->blocks[i].order == 1) {
            const struct bs_word *w = &q->blocks[i].lines[0].words[1];
            CHECK_STR(w->text, "\"text\"");
            CHECK(w->box.x == 120 && w->box.w == 100);
            CHECK_NEAR(w->conf, 80, 0.5);
        }
    free(want);
    free(got);
    free(path);
    bs_page_free(&p);
    bs_page_free(&q);
}

static void write_file(const char *path, const char *text)
{
    struct bs_error err;
    CHECK(bs_write_atomic(path, text, strlen(text), &err) == 0);
}

static void hostile(const char *dir)
{
    static const struct {
        const char *name, *text, *want;
    } cases[] = {
        {"laughs.alto.xml",
         "<?xml version=\"1.0\"?><!DOCTYPE alto [<!ENTITY a \"aaaaaaaa\">"
         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><alto><Layout><Page>"
         "<PrintSpace><TextBlock><TextLine><String CONTENT=\"&b;\"/>"
         "</TextLine></TextBlock></PrintSpace></Page></Layout></alto>",
         "entities"},
        {"xxe.alto.xml",
         "<?xml version=\"1.0\"?><!DOCTYPE alto [<!ENTITY x SYSTEM "
         "\"file:///etc/passwd\">]><alto><Layout><Page/></Layout></alto>",
         "entities"},
        {"coord.alto.xml",
         "<alto><Layout><Page><PrintSpace><TextBlock HPOS=\"-5\"/>"
         "</PrintSpace></Page></Layout></alto>",
         "HPOS"},
        {"broken.xml", "<alto><Layout><Page>", "well-formed"},
        {"nothing.xml", "<?xml version=\"1.0\"?><root/>", "not ALTO"},
        {"points.page.xml",
         "<PcGts><Page imageWidth=\"10\" imageHeight=\"10\" imageFilename=\"x\">"
         "<TextRegion id=\"r\"><Coords points=\"1,2 x\"/></TextRegion></Page>"
         "</PcGts>",
         "Coords"},
        {"bbox.hocr",
         "<html><body><div class='ocr_page' title='bbox 0 0 9 9'>"
         "<span class='ocr_line' title='bbox 5 5 1 1'>x</span></div>"
         "</body></html>",
         "bbox"},
        {"empty.hocr", "<html><body><p class='ocr_page'></p></body></html>",
         "no hOCR content"},
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *path = bs_path_join(dir, cases[i].name);
        struct bs_page *p = NULL;
        struct bs_error err = {{0}};
        write_file(path, cases[i].text);
        CHECK(bs_import_file(path, &p, &err) < 0);
        CHECK(p == NULL);
        CHECK(strstr(err.msg, path) != NULL);
        CHECK(strstr(err.msg, cases[i].want) != NULL);
        CHECK(strchr(err.msg, '\n') == NULL);
        if (!strstr(err.msg, cases[i].want))
            fprintf(stderr, "%s: %s\n", cases[i].name, err.msg);
        bs_page_free(&p);
        free(path);
    }
}

/* Two finished page folders; a001 on p1 continues as a001 on p4. */
static void mets(const char *dir)
{
    const char *ids[2] = {"p1", "p4"};
    struct bs_error err;
    char *out = bs_path_join(dir, "run"), *mets_path, *xml = NULL;
    size_t len;

    for (int k = 0; k < 2; k++) {
        struct bs_page *p = sample_page(ids[k]);
        char *pd = bs_path_join(out, ids[k]);
        char *m = bs_path_join(pd, "model.repair.json");
        char *alto = bs_path_join(pd, BS_ALTO_NAME);
        struct bs_stamp st;
        memset(&st, 0, sizeof(st));
        snprintf(st.page, sizeof(st.page), "%s", ids[k]);
        snprintf(st.through, sizeof(st.through), "export");
        if (k == 0)
            bs_set_str(&p->articles[0].continued_to_ref, "p4/a001");
        else
            bs_set_str(&p->articles[0].continued_from_ref, "p1/a001");
        CHECK(bs_mkdir_p(pd, &err) == 0);
        CHECK(bs_page_save(p, m, &err) == 0);
        CHECK(bs_alto_write(p, alto, &err) == 0);
        CHECK(bs_stamp_write(pd, &st, &err) == 0);
        free(m);
        free(alto);
        free(pd);
        bs_page_free(&p);
    }
    CHECK(bs_mets_write_dir(out, &err) == 0);
    mets_path = bs_path_join(out, BS_METS_NAME);
    CHECK(bs_read_file(mets_path, 1 << 20, &xml, &len, &err) == 0);
    if (xml) {
        const char *art = strstr(xml, "TYPE=\"ARTICLE\"");
        /* One article, its areas on both pages, in page order. */
        CHECK(art != NULL);
        CHECK(art && strstr(art + 1, "TYPE=\"ARTICLE\"") == NULL);
        CHECK(strstr(xml, "LABEL=\"Big News\"") != NULL);
        CHECK(strstr(xml, "FILEID=\"ALTO_0001\" BEGIN=\"b002\"") != NULL);
        CHECK(strstr(xml, "FILEID=\"ALTO_0002\" BEGIN=\"b001\"") != NULL);
        CHECK(art && strstr(art, "ALTO_0001") < strstr(art, "ALTO_0002"));
        CHECK(strstr(xml, "xlink:href=\"p4/page.alto.xml\"") != NULL);
    }
    free(xml);
    free(mets_path);
    free(out);
}

int main(int argc, char **argv)
{
    char tmpl[] = "/tmp/bs-test-formats.XXXXXX";
    char *dir = mkdtemp(tmpl);

    (void)argc;
    if (!dir)
        return 1;
    round_trip(dir, "x.alto.xml", bs_alto_write, 1);
    round_trip(dir, "x.page.xml", bs_pagexml_write, 1);
    round_trip(dir, "x.hocr", bs_hocr_write, 1);
    hostile(dir);
    mets(dir);
    if (check_remove_tree(dir) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_report(argv[0]);
}
