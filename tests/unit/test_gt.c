/*
 * test_gt.c - the ground-truth readers on small files written here: PAGE
 * XML with line and region text, ReadingOrder and article tags; a tag-only
 * PAGE file whose text comes from its sibling by line position; the whole
 * page's text beside the articles; per-article text folders; bad input.
 */
#include "check.h"

#include "../../pipeline/base/base.h"
#include "../../pipeline/eval/eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static char *put(const char *name, const char *text)
{
    char *path = bs_path_join(dir, name);
    struct bs_error err;

    CHECK(bs_write_atomic(path, text, strlen(text), &err) == 0);
    return path;
}

#define NS "xmlns=\"http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15\""

/* Region r2 comes first in the reading order.  a1 = heading region + a
 * hyphenated paragraph; a2 = one region; untagged masthead left out. */
static const char tagged_text[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PcGts " NS "><Page imageWidth=\"100\" imageHeight=\"100\">"
    "<ReadingOrder><OrderedGroup id=\"g\">"
    "<RegionRefIndexed index=\"1\" regionRef=\"r1\"/>"
    "<RegionRefIndexed index=\"0\" regionRef=\"r0\"/>"
    "<RegionRefIndexed index=\"2\" regionRef=\"r2\"/>"
    "<RegionRefIndexed index=\"3\" regionRef=\"r3\"/>"
    "</OrderedGroup></ReadingOrder>"
    "<TextRegion id=\"r1\" type=\"heading\" custom=\"structure {id:a1; type:article;}\">"
    "<TextLine id=\"l1\"><TextEquiv><Unicode>Harbor &amp; Tram</Unicode></TextEquiv></TextLine></TextRegion>"
    "<TextRegion id=\"r0\" type=\"heading\"><TextEquiv><Unicode>THE DAILY</Unicode></TextEquiv></TextRegion>"
    "<TextRegion id=\"r2\" type=\"paragraph\">"
    "<TextLine id=\"l2\" custom=\"readingOrder {index:0;} structure {id:a1; type:article;}\"><TextEquiv><Unicode>The coun\xc2\xac</Unicode></TextEquiv></TextLine>"
    "<TextLine id=\"l3\" custom=\"structure {id:a1; type:article;}\"><TextEquiv><Unicode>cil voted.</Unicode></TextEquiv></TextLine>"
    "</TextRegion>"
    "<TextRegion id=\"r3\" custom=\"structure {id:a2; type:article;}\"><TextEquiv><Unicode>北京欢迎你\n上海很美</Unicode></TextEquiv></TextRegion>"
    "</Page></PcGts>\n";

static void test_page_xml(void)
{
    char *p = put("page1.page.xml", tagged_text);
    struct bs_doc *d = NULL;
    struct bs_error err;

    CHECK(bs_gt_load(p, &d, &err) == 0);
    if (d) {
        CHECK_STR(d->id, "page1");
        CHECK(d->has_articles == 1);
        CHECK(d->narticles == 2);
        if (d->narticles == 2) {
            CHECK_STR(d->articles[0].id, "a1");
            CHECK_STR(d->articles[0].headline, "Harbor & Tram");
            CHECK_STR(d->articles[0].text, "Harbor & Tram\nThe council voted.");
            CHECK_STR(d->articles[1].id, "a2");
            /* one line region: not a headline when it is the whole article */
            CHECK_STR(d->articles[1].headline, "");
            CHECK_STR(d->articles[1].text, "北京欢迎你上海很美");
        }
        /* the whole page: the untagged masthead too, in reading order */
        CHECK_STR(d->page_text, "THE DAILY\nHarbor & Tram\nThe council voted.\n"
                  "北京欢迎你上海很美");
        bs_doc_free(&d);
    }
    free(p);
}

/* A tag-only file and its text sibling with different line splits: lines
 * are matched by position (baselines). */
static void test_tag_transfer(void)
{
    char *text = put("p2.page.xml",
        "<PcGts " NS "><Page>"
        "<TextRegion id=\"t1\"><Coords points=\"0,0 500,0 500,200 0,200\"/>"
        "<TextLine id=\"x1\"><Coords points=\"10,10 400,10 400,40 10,40\"/><Baseline points=\"10,35 400,35\"/>"
        "<TextEquiv><Unicode>Polen.</Unicode></TextEquiv></TextLine>"
        "<TextLine id=\"x2\"><Coords points=\"10,50 400,50 400,80 10,80\"/><Baseline points=\"10,75 400,75\"/>"
        "<TextEquiv><Unicode>Auf Veranlassung</Unicode></TextEquiv></TextLine>"
        "<TextLine id=\"x3\"><Coords points=\"10,90 400,90 400,120 10,120\"/><Baseline points=\"10,115 400,115\"/>"
        "<TextEquiv><Unicode>Masthead noise</Unicode></TextEquiv></TextLine>"
        "</TextRegion></Page></PcGts>");
    char *tags = put("p2.articles.page.xml",
        "<PcGts " NS "><Page><TextRegion id=\"q\">"
        "<TextLine id=\"y2\" custom=\"structure {id:a7; type:article;}\"><Baseline points=\"12,77 200,76 390,78\"/></TextLine>"
        "<TextLine id=\"y1\" custom=\"structure {id:a7; type:article;}\"><Baseline points=\"15,33 380,36\"/></TextLine>"
        "<TextLine id=\"y3\"><Baseline points=\"15,113 380,116\"/></TextLine>"
        "</TextRegion></Page></PcGts>");
    struct bs_doc *d = NULL;
    struct bs_error err;

    CHECK(bs_gt_load(tags, &d, &err) == 0);
    if (d) {
        CHECK_STR(d->id, "p2");
        CHECK(d->narticles == 1);
        if (d->narticles == 1) {
            CHECK_STR(d->articles[0].id, "a7");
            CHECK_STR(d->articles[0].text, "Polen. Auf Veranlassung");
        }
        /* the whole page comes from the text sibling, untagged lines too */
        CHECK_STR(d->page_text, "Polen. Auf Veranlassung\nMasthead noise");
        bs_doc_free(&d);
    }
    /* without the sibling: one clear error naming it */
    unlink(text);
    CHECK(bs_gt_load(tags, &d, &err) == -1);
    CHECK(strstr(err.msg, "p2.page.xml") != NULL);
    free(text);
    free(tags);
}

static void test_txt_folder(void)
{
    char *sub = bs_path_join(dir, "arts"), *a1, *a2;
    struct bs_doc *d = NULL;
    struct bs_error err;

    CHECK(bs_mkdir_p(sub, &err) == 0);
    a1 = put("arts/a001.txt", "Harbor Tram\n\nFirst paragraph.\n\nSecond one.\n");
    a2 = put("arts/a002.txt", "KICKER\nReal Headline\nBy X\n\nBody.\n");
    CHECK(bs_gt_load(sub, &d, &err) == 0);
    if (d) {
        CHECK(d->narticles == 2);
        if (d->narticles == 2) {
            CHECK_STR(d->articles[0].headline, "Harbor Tram");
            CHECK_STR(d->articles[0].text, "Harbor Tram\nFirst paragraph.\nSecond one.");
            CHECK(d->articles[1].headline == NULL);
            CHECK_STR(d->articles[1].header, "KICKER\nReal Headline\nBy X");
        }
        bs_doc_free(&d);
    }
    free(a1);
    free(a2);
    free(sub);
}

static void test_bad_input(void)
{
    char *p = put("bad.xml", "<PcGts><Page><TextRegion></Page>");
    char *q = put("notpage.xml", "<html/>");
    char *t = put("bin.txt", "ab\xff\xfe");
    struct bs_doc *d = NULL;
    struct bs_error err;

    CHECK(bs_gt_load(p, &d, &err) == -1 && d == NULL);
    CHECK(strstr(err.msg, "bad.xml: not well-formed XML") != NULL);
    CHECK(bs_gt_load(q, &d, &err) == -1);
    CHECK(strstr(err.msg, "not a PAGE XML") != NULL);
    CHECK(bs_gt_load(t, &d, &err) == -1);
    CHECK(strstr(err.msg, "not UTF-8") != NULL);
    CHECK(bs_gt_load("/nonexistent/x.json", &d, &err) == -1);
    free(p);
    free(q);
    free(t);
}


int main(int argc, char **argv)
{
    (void)argc;
    snprintf(dir, sizeof(dir), "/tmp/bs-test-gt.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    test_page_xml();
    test_tag_transfer();
    test_txt_folder();
    test_bad_input();
    check_remove_tree(dir);
    return check_report(argv[0]);
}
