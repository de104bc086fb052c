/*
 * pagexml_read.c - PAGE XML (2010 to 2019 schemas; any namespace) into a
 * page model.
 *
 * TextRegions (nested ones too) become blocks, TextLines lines, Words
 * words; boxes are the bounding boxes of Coords points; text and
 * confidence come from the first TextEquiv (Unicode).  A line without Words
 * becomes words split from its text (no word geometry); a region without
 * lines, lines from its text.  The role comes from custom="structure
 * {type:ROLE;}" when ROLE is a broadsheet role (what pagexml_write.c
 * writes), else from the region type (heading: headline, caption, header/
 * footer/page-number: folio, credit: byline, others: body).
 * SeparatorRegions become rules, Image/Graphic/Chart regions photos.  The
 * reading order is that of ReadingOrder (indexed groups by index), else
 * document order; a group nested in the top group is an article.
 */
#include "formats.h"

#include "xmlin.h"

#include <stdlib.h>
#include <string.h>

#define PAGE_MAX_POINTS 100000

struct pxml {
    const char *what;
    struct bs_error *err;
    struct bs_page *page;
    struct bs_import_limits lim;
    char **ids;
    int capids;
    int groups;   /* article groups seen in the reading order */
};

/* The bounding box of the element's Coords child (empty when none). */
static int coords_box(struct pxml *r, const xmlNode *n, struct bs_box *box)
{
    *box = (struct bs_box){0, 0, 0, 0};
    for (xmlNode *c = n->children; c; c = c->next) {
        char *pts, *p;
        long x0 = BS_IMPORT_MAX_COORD, y0 = BS_IMPORT_MAX_COORD, x1 = -1,
             y1 = -1;
        int npts = 0;

        if (!bs_xml_is(c, "Coords"))
            continue;
        if (!(pts = bs_xml_attr(c, "points")))
            return 0;
        for (p = pts; *p;) {
            char *end;
            long x, y;
            while (*p == ' ' || *p == '\t' || *p == '\n')
                p++;
            if (!*p)
                break;
            x = strtol(p, &end, 10);
            if (end == p || *end != ',')
                goto bad;
            p = end + 1;
            y = strtol(p, &end, 10);
            if (end == p || x < 0 || y < 0 || x > BS_IMPORT_MAX_COORD ||
                y > BS_IMPORT_MAX_COORD || ++npts > PAGE_MAX_POINTS)
                goto bad;
            p = end;
            x0 = x < x0 ? x : x0;
            y0 = y < y0 ? y : y0;
            x1 = x > x1 ? x : x1;
            y1 = y > y1 ? y : y1;
        }
        free(pts);
        if (npts)
            *box = (struct bs_box){(int)x0, (int)y0, (int)(x1 - x0),
                                   (int)(y1 - y0)};
        return 0;
    bad:
        free(pts);
        return bs_fail(r->err, "%s: line %ld: bad Coords points", r->what,
                       (long)xmlGetLineNo(c));
    }
    return 0;
}

/* Text and conf of the element's first TextEquiv; *text NULL when none. */
static int text_equiv(struct pxml *r, const xmlNode *n, char **text,
                      float *conf)
{
    *text = NULL;
    *conf = -1;
    for (xmlNode *c = n->children; c; c = c->next) {
        double v;
        if (!bs_xml_is(c, "TextEquiv"))
            continue;
        if (bs_xml_attr_num(c, "conf", 0, 1, -1, &v, r->what, r->err) < 0)
            return -1;
        *conf = v < 0 ? -1 : (float)(v * 100.0);
        for (xmlNode *u = c->children; u; u = u->next)
            if (bs_xml_is(u, "Unicode"))
                return bs_xml_text(u, r->what, text, r->err);
        return 0;
    }
    return 0;
}

/* Words split from a line's text, without geometry. */
static int split_words(struct pxml *r, struct bs_line *line, char *text,
                       float conf)
{
    char *save = NULL;

    for (char *t = strtok_r(text, " ", &save); t;
         t = strtok_r(NULL, " ", &save))
        if (!bs_import_word(line, &r->lim, t, (struct bs_box){0, 0, 0, 0},
                            conf, r->what, r->err))
            return -1;
    return 0;
}

static int read_line(struct pxml *r, const xmlNode *tl, int bi)
{
    struct bs_box box;
    struct bs_line *line;
    int nwords = 0;
    char *text;
    float conf;

    if (coords_box(r, tl, &box) < 0)
        return -1;
    line = bs_block_add_line(&r->page->blocks[bi], box);
    for (xmlNode *w = tl->children; w; w = w->next) {
        struct bs_box wbox;
        if (!bs_xml_is(w, "Word"))
            continue;
        if (coords_box(r, w, &wbox) < 0 || text_equiv(r, w, &text, &conf) < 0)
            return -1;
        if (text && text[0] &&
            !bs_import_word(line, &r->lim, text, wbox, conf, r->what,
                            r->err)) {
            free(text);
            return -1;
        }
        nwords += text && text[0];
        free(text);
    }
    if (nwords)
        return 0;
    if (text_equiv(r, tl, &text, &conf) < 0)
        return -1;
    if (text) {
        int rc = split_words(r, line, text, conf);
        free(text);
        return rc;
    }
    return 0;
}

static enum bs_role text_role(const xmlNode *n)
{
    static const struct {
        const char *type;
        enum bs_role role;
    } types[] = {
        {"heading", BS_ROLE_HEADLINE}, {"caption", BS_ROLE_CAPTION},
        {"header", BS_ROLE_FOLIO},     {"footer", BS_ROLE_FOLIO},
        {"page-number", BS_ROLE_FOLIO}, {"credit", BS_ROLE_BYLINE},
    };
    char *custom = bs_xml_attr(n, "custom"), *type;
    enum bs_role role = BS_ROLE_BODY;

    if (custom) {
        const char *s = strstr(custom, "structure");
        const char *t = s ? strstr(s, "type:") : NULL;
        if (t) {
            char name[32];
            size_t k = strcspn(t + 5, ";} ");
            if (k < sizeof(name)) {
                int ro;
                memcpy(name, t + 5, k);
                name[k] = '\0';
                ro = bs_role_from_name(name);
                if (ro > 0) {
                    free(custom);
                    return (enum bs_role)ro;
                }
            }
        }
        free(custom);
    }
    if ((type = bs_xml_attr(n, "type")) != NULL) {
        for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
            if (strcmp(type, types[i].type) == 0)
                role = types[i].role;
        free(type);
    }
    return role;
}

static int read_regions(struct pxml *r, const xmlNode *parent, int depth)
{
    if (depth > 32)
        return bs_fail(r->err, "%s: regions nested too deep", r->what);
    for (xmlNode *n = parent->children; n; n = n->next) {
        struct bs_box box;
        enum bs_role role;
        int bi, nlines = 0;

        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (bs_xml_is(n, "TextRegion"))
            role = text_role(n);
        else if (bs_xml_is(n, "SeparatorRegion"))
            role = BS_ROLE_SEPARATOR;
        else if (bs_xml_is(n, "ImageRegion") ||
                 bs_xml_is(n, "GraphicRegion") || bs_xml_is(n, "ChartRegion"))
            role = BS_ROLE_IMAGE;
        else
            continue;
        if (coords_box(r, n, &box) < 0 ||
            !bs_import_block(r->page, &r->lim, role, box, r->what, r->err))
            return -1;
        bi = r->page->nblocks - 1;
        bs_grow((void **)&r->ids, &r->capids, bi + 1, sizeof(*r->ids));
        r->ids[bi] = bs_xml_attr(n, "id");
        for (xmlNode *tl = n->children; tl; tl = tl->next)
            if (bs_xml_is(tl, "TextLine")) {
                if (read_line(r, tl, bi) < 0)
                    return -1;
                nlines++;
            }
        if (!nlines && bs_role_has_text(role)) {
            char *text;
            float conf;
            if (text_equiv(r, n, &text, &conf) < 0)
                return -1;
            /* bs_xml_text collapsed newlines: one line of words. */
            if (text && text[0]) {
                struct bs_line *line = bs_block_add_line(
                    &r->page->blocks[bi], (struct bs_box){0, 0, 0, 0});
                if (split_words(r, line, text, conf) < 0) {
                    free(text);
                    return -1;
                }
            }
            free(text);
        }
        if (bs_xml_is(n, "TextRegion") && read_regions(r, n, depth + 1) < 0)
            return -1;
    }
    return 0;
}

static int cmp_index(const void *pa, const void *pb)
{
    const xmlNode *a = *(xmlNode *const *)pa, *b = *(xmlNode *const *)pb;
    char *ia = bs_xml_attr(a, "index"), *ib = bs_xml_attr(b, "index");
    long ka = ia ? strtol(ia, NULL, 10) : 0, kb = ib ? strtol(ib, NULL, 10) : 0;

    free(ia);
    free(ib);
    return ka < kb ? -1 : ka > kb;
}

static void order_ref(struct pxml *r, const xmlNode *ref, int *next,
                      const char *key)
{
    char *id = bs_xml_attr(ref, "regionRef");

    if (!id)
        return;
    for (int i = 0; i < r->page->nblocks; i++)
        if (r->ids[i] && strcmp(r->ids[i], id) == 0 &&
            r->page->blocks[i].order < 0) {
            r->page->blocks[i].order = (*next)++;
            if (key)
                snprintf(r->page->blocks[i].article,
                         sizeof(r->page->blocks[i].article), "%s", key);
        }
    free(id);
}

/* Walks a group: indexed children sorted by index, others in document
 * order; a group's own regionRef comes first.  A group inside the top
 * group is an article (what pagexml_write.c writes): its regions get the
 * article key `key`. */
static void read_order(struct pxml *r, xmlNode *g, int *next, int depth,
                       const char *key)
{
    char k[16];

    xmlNode **kids = NULL;
    int n = 0, cap = 0;

    if (depth > 32)
        return;
    if (depth == 2 && !key) {
        snprintf(k, sizeof(k), "g%d", ++r->groups);
        key = k;
    }
    if (!bs_xml_is(g, "ReadingOrder"))
        order_ref(r, g, next, key);
    for (xmlNode *c = g->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (n >= 100000)
            break;
        bs_grow((void **)&kids, &cap, n + 1, sizeof(*kids));
        kids[n++] = c;
    }
    if (n > 1 && (bs_xml_is(g, "OrderedGroup") ||
                  bs_xml_is(g, "OrderedGroupIndexed")))
        qsort(kids, (size_t)n, sizeof(*kids), cmp_index);
    for (int i = 0; i < n; i++) {
        if (bs_xml_is(kids[i], "RegionRefIndexed") ||
            bs_xml_is(kids[i], "RegionRef"))
            order_ref(r, kids[i], next, key);
        else if (strstr((const char *)kids[i]->name, "Group"))
            read_order(r, kids[i], next, depth + 1, key);
    }
    free(kids);
}

int bs_pagexml_read(const char *data, size_t len, const char *what,
                    struct bs_page **out, struct bs_error *err)
{
    struct pxml r;
    xmlDocPtr doc;
    xmlNode *root, *page = NULL;
    double v;
    int rc = -1;

    *out = NULL;
    if (bs_xml_parse(data, len, what, 0, &doc, err) < 0)
        return -1;
    memset(&r, 0, sizeof(r));
    r.what = what;
    r.err = err;
    r.page = bs_page_new();
    r.page->dpi = 300;
    root = xmlDocGetRootElement(doc);
    if (bs_xml_is(root, "PcGts"))
        for (xmlNode *c = root->children; c && !page; c = c->next)
            if (bs_xml_is(c, "Page"))
                page = c;
    if (!page) {
        bs_fail(err, "%s: not PAGE XML (no PcGts/Page)", what);
        goto out;
    }
    {
        char *img = bs_xml_attr(page, "imageFilename");
        if (img && img[0])
            bs_set_str(&r.page->source, img);
        free(img);
    }
    if (bs_xml_attr_num(page, "imageWidth", 0, BS_IMPORT_MAX_COORD, 0, &v,
                        what, err) < 0)
        goto out;
    r.page->width = (int)v;
    if (bs_xml_attr_num(page, "imageHeight", 0, BS_IMPORT_MAX_COORD, 0, &v,
                        what, err) < 0)
        goto out;
    r.page->height = (int)v;
    if (read_regions(&r, page, 0) < 0)
        goto out;
    for (xmlNode *c = page->children; c; c = c->next)
        if (bs_xml_is(c, "ReadingOrder")) {
            int next = 0;
            read_order(&r, c, &next, 0, NULL);
        }
    rc = 0;
out:
    for (int i = 0; i < r.page->nblocks && r.ids; i++)
        free(r.ids[i]);
    free(r.ids);
    xmlFreeDoc(doc);
    if (rc < 0) {
        bs_page_free(&r.page);
        return -1;
    }
    bs_import_finish(r.page);
    *out = r.page;
    return 0;
}
