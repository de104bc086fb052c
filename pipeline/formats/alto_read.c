/*
 * alto_read.c - ALTO (v2, v3, v4; any namespace) into a page model.
 *
 * TextBlocks (also inside ComposedBlocks and margins) become blocks,
 * TextLines lines, Strings words (CONTENT, HPOS/VPOS/WIDTH/HEIGHT, WC 0..1
 * as confidence 0..100); Illustrations become photo blocks and
 * GraphicalElements rules.  A block's role comes from a tag it points at
 * (TAGREFS) whose LABEL is a broadsheet role name (what alto_write.c
 * writes); otherwise it is body.  The reading order is that of the
 * ElementRefs under ReadingOrder, else document order; a group nested in
 * the top group is an article.  Measurements in
 * mm10 or inch1200 are converted to pixels at the file's or 300 dpi.
 */
#include "formats.h"

#include "xmlin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct alto_tag {
    char *id, *label;
};

struct alto {
    const char *what;
    struct bs_error *err;
    struct bs_page *page;
    struct bs_import_limits lim;
    double scale;          /* file units to pixels */
    struct alto_tag *tags;
    int ntags, captags;
    char **ids;            /* ALTO ID of each block, by block index */
    int capids;
    int depth;
    int groups;            /* article groups seen in the reading order */
};

static int box_of(struct alto *r, const xmlNode *n, struct bs_box *box)
{
    double x, y, w, h;
    const double max = BS_IMPORT_MAX_COORD;

    if (bs_xml_attr_num(n, "HPOS", 0, max, 0, &x, r->what, r->err) < 0 ||
        bs_xml_attr_num(n, "VPOS", 0, max, 0, &y, r->what, r->err) < 0 ||
        bs_xml_attr_num(n, "WIDTH", 0, max, 0, &w, r->what, r->err) < 0 ||
        bs_xml_attr_num(n, "HEIGHT", 0, max, 0, &h, r->what, r->err) < 0)
        return -1;
    x *= r->scale, y *= r->scale, w *= r->scale, h *= r->scale;
    if (x + w > max || y + h > max)
        return bs_fail(r->err, "%s: line %ld: box beyond %d pixels", r->what,
                       (long)xmlGetLineNo(n), BS_IMPORT_MAX_COORD);
    box->x = (int)lround(x);
    box->y = (int)lround(y);
    box->w = (int)lround(w);
    box->h = (int)lround(h);
    return 0;
}

/* The role named by the first of the block's TAGREFS that is a role. */
static enum bs_role tag_role(struct alto *r, const xmlNode *n)
{
    char *refs = bs_xml_attr(n, "TAGREFS"), *save = NULL;
    enum bs_role role = BS_ROLE_BODY;

    if (!refs)
        return role;
    for (char *t = strtok_r(refs, " \t\n", &save); t;
         t = strtok_r(NULL, " \t\n", &save)) {
        for (int i = 0; i < r->ntags; i++) {
            int ro;
            if (strcmp(r->tags[i].id, t) != 0 || !r->tags[i].label)
                continue;
            ro = bs_role_from_name(r->tags[i].label);
            if (ro > 0) {
                free(refs);
                return (enum bs_role)ro;
            }
        }
    }
    free(refs);
    return role;
}

static void read_tags(struct alto *r, xmlNode *tags)
{
    for (xmlNode *t = tags->children; t; t = t->next) {
        char *id;
        if (t->type != XML_ELEMENT_NODE || !(id = bs_xml_attr(t, "ID")))
            continue;
        if (r->ntags >= 4096) {
            free(id);
            break;
        }
        bs_grow((void **)&r->tags, &r->captags, r->ntags + 1,
                sizeof(*r->tags));
        r->tags[r->ntags].id = id;
        r->tags[r->ntags++].label = bs_xml_attr(t, "LABEL");
    }
}

static void remember_id(struct alto *r, const xmlNode *n)
{
    int i = r->page->nblocks - 1;

    bs_grow((void **)&r->ids, &r->capids, i + 1, sizeof(*r->ids));
    r->ids[i] = bs_xml_attr(n, "ID");
}

static int read_line(struct alto *r, xmlNode *tl, int bi)
{
    struct bs_box box;
    struct bs_line *line;
    int li;

    if (box_of(r, tl, &box) < 0)
        return -1;
    line = bs_block_add_line(&r->page->blocks[bi], box);
    li = r->page->blocks[bi].nlines - 1;
    (void)line;
    for (xmlNode *s = tl->children; s; s = s->next) {
        char *content;
        double wc;
        struct bs_box wbox;
        if (!bs_xml_is(s, "String"))
            continue;
        if (box_of(r, s, &wbox) < 0 ||
            bs_xml_attr_num(s, "WC", 0, 1, -1, &wc, r->what, r->err) < 0)
            return -1;
        content = bs_xml_attr(s, "CONTENT");
        if (!content)
            continue;
        if (strlen(content) > BS_IMPORT_MAX_TEXT) {
            free(content);
            return bs_fail(r->err, "%s: line %ld: CONTENT too long", r->what,
                           (long)xmlGetLineNo(s));
        }
        if (content[0] &&
            !bs_import_word(&r->page->blocks[bi].lines[li], &r->lim, content,
                            wbox, wc < 0 ? -1 : (float)(wc * 100.0),
                            r->what, r->err)) {
            free(content);
            return -1;
        }
        free(content);
    }
    return 0;
}

/* Walks the children of a Page, PrintSpace, margin or ComposedBlock. */
static int read_blocks(struct alto *r, xmlNode *parent)
{
    if (++r->depth > 32) {
        r->depth--;
        return bs_fail(r->err, "%s: blocks nested too deep", r->what);
    }
    for (xmlNode *n = parent->children; n; n = n->next) {
        struct bs_box box;
        struct bs_block *b;
        enum bs_role role;
        int bi;

        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (bs_xml_is(n, "PrintSpace") || bs_xml_is(n, "ComposedBlock") ||
            bs_xml_is(n, "TopMargin") || bs_xml_is(n, "BottomMargin") ||
            bs_xml_is(n, "LeftMargin") || bs_xml_is(n, "RightMargin")) {
            if (read_blocks(r, n) < 0)
                return -1;
            continue;
        }
        if (bs_xml_is(n, "TextBlock"))
            role = tag_role(r, n);
        else if (bs_xml_is(n, "Illustration"))
            role = BS_ROLE_IMAGE;
        else if (bs_xml_is(n, "GraphicalElement"))
            role = BS_ROLE_SEPARATOR;
        else
            continue;
        if (box_of(r, n, &box) < 0 ||
            !(b = bs_import_block(r->page, &r->lim, role, box, r->what,
                                  r->err)))
            return -1;
        remember_id(r, n);
        bi = r->page->nblocks - 1;
        if (!bs_xml_is(n, "TextBlock"))
            continue;
        for (xmlNode *tl = n->children; tl; tl = tl->next)
            if (bs_xml_is(tl, "TextLine") && read_line(r, tl, bi) < 0)
                return -1;
    }
    r->depth--;
    return 0;
}

/* Orders blocks by the ElementRefs under ReadingOrder (depth first).  A
 * group inside the top group is an article (what alto_write.c writes):
 * its blocks get the article key `key`. */
static void read_order(struct alto *r, xmlNode *n, int *next, int depth,
                       const char *key)
{
    if (depth > 32)
        return;
    for (xmlNode *c = n->children; c; c = c->next) {
        char *refs, *save = NULL;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!bs_xml_is(c, "ElementRef")) {
            char k[16];
            if (depth == 1 && !key)
                snprintf(k, sizeof(k), "g%d", ++r->groups);
            read_order(r, c, next, depth + 1,
                       key ? key : depth == 1 ? k : NULL);
            continue;
        }
        if (!(refs = bs_xml_attr(c, "REF")))
            continue;
        for (char *t = strtok_r(refs, " \t\n", &save); t;
             t = strtok_r(NULL, " \t\n", &save))
            for (int i = 0; i < r->page->nblocks; i++)
                if (r->ids[i] && strcmp(r->ids[i], t) == 0 &&
                    r->page->blocks[i].order < 0) {
                    r->page->blocks[i].order = (*next)++;
                    if (key)
                        snprintf(r->page->blocks[i].article,
                                 sizeof(r->page->blocks[i].article), "%s",
                                 key);
                }
        free(refs);
    }
}

static int read_alto(struct alto *r, xmlNode *root)
{
    xmlNode *page = NULL, *order = NULL;
    double v;

    for (xmlNode *c = root->children; c; c = c->next) {
        if (bs_xml_is(c, "Description")) {
            for (xmlNode *d = c->children; d; d = d->next) {
                char *unit;
                if (bs_xml_is(d, "MeasurementUnit") &&
                    bs_xml_text(d, r->what, &unit, r->err) == 0) {
                    if (strcmp(unit, "mm10") == 0)
                        r->scale = r->page->dpi / 254.0;
                    else if (strcmp(unit, "inch1200") == 0)
                        r->scale = r->page->dpi / 1200.0;
                    free(unit);
                } else if (bs_xml_is(d, "sourceImageInformation")) {
                    for (xmlNode *f = d->children; f; f = f->next) {
                        char *name;
                        if (bs_xml_is(f, "fileName") &&
                            bs_xml_text(f, r->what, &name, r->err) == 0) {
                            if (name[0])
                                bs_set_str(&r->page->source, name);
                            free(name);
                        }
                    }
                }
            }
        } else if (bs_xml_is(c, "Tags")) {
            read_tags(r, c);
        } else if (bs_xml_is(c, "ReadingOrder")) {
            order = c;
        } else if (bs_xml_is(c, "Layout")) {
            for (xmlNode *p = c->children; p && !page; p = p->next)
                if (bs_xml_is(p, "Page"))
                    page = p;
        }
    }
    if (!page)
        return bs_fail(r->err, "%s: ALTO without Layout/Page", r->what);
    if (bs_xml_attr_num(page, "WIDTH", 0, BS_IMPORT_MAX_COORD, 0, &v,
                        r->what, r->err) < 0)
        return -1;
    r->page->width = (int)lround(v * r->scale);
    if (bs_xml_attr_num(page, "HEIGHT", 0, BS_IMPORT_MAX_COORD, 0, &v,
                        r->what, r->err) < 0)
        return -1;
    r->page->height = (int)lround(v * r->scale);
    if (r->page->width > BS_IMPORT_MAX_COORD ||
        r->page->height > BS_IMPORT_MAX_COORD)
        return bs_fail(r->err, "%s: page larger than %d pixels", r->what,
                       BS_IMPORT_MAX_COORD);
    {
        char *pn = bs_xml_attr(page, "PRINTED_IMG_NR");
        if (pn) {
            char *end;
            long n = strtol(pn, &end, 10);
            if (end != pn && !*end && n > 0 && n < 100000)
                r->page->number = (int)n;
            free(pn);
        }
    }
    if (read_blocks(r, page) < 0)
        return -1;
    if (order) {
        int next = 0;
        read_order(r, order, &next, 0, NULL);
    }
    return 0;
}

int bs_alto_read(const char *data, size_t len, const char *what,
                 struct bs_page **out, struct bs_error *err)
{
    struct alto r;
    xmlDocPtr doc;
    xmlNode *root;
    int rc = -1;

    *out = NULL;
    if (bs_xml_parse(data, len, what, 0, &doc, err) < 0)
        return -1;
    memset(&r, 0, sizeof(r));
    r.what = what;
    r.err = err;
    r.page = bs_page_new();
    r.page->dpi = 300;
    r.scale = 1.0;
    root = xmlDocGetRootElement(doc);
    if (!bs_xml_is(root, "alto"))
        bs_fail(err, "%s: not ALTO (root element <%s>)", what,
                (const char *)root->name);
    else
        rc = read_alto(&r, root);
    for (int i = 0; i < r.ntags; i++) {
        free(r.tags[i].id);
        free(r.tags[i].label);
    }
    free(r.tags);
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
