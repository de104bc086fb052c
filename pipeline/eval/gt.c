/*
 * gt.c - reading the texts eval compares: broadsheet's page folders and
 * ground truth (articles.json schema, PAGE XML, per-article .txt folders,
 * plain page text).  See eval.h for the forms and their rules.
 */
#include "eval.h"

#include "metrics.h"
#include "../base/base.h"
#include "../model/model.h"

#include <dirent.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define GT_MAX_BYTES (64u << 20)
/* Longest article id kept from PAGE truth (ids like "P1_TB00001
 * Leitartikel"): any non-empty UTF-8 string up to this many bytes. */
#define GT_ID_MAX 512

void bs_doc_free(struct bs_doc **doc)
{
    struct bs_doc *d = doc ? *doc : NULL;

    if (!d)
        return;
    for (int i = 0; i < d->narticles; i++) {
        free(d->articles[i].id);
        free(d->articles[i].headline);
        free(d->articles[i].header);
        free(d->articles[i].text);
    }
    free(d->articles);
    for (int i = 0; i < d->nrepairs; i++)
        free(d->repair_kinds[i]);
    free(d->repair_kinds);
    free(d->repair_counts);
    free(d->id);
    free(d->source);
    free(d->lang);
    free(d->page_text);
    free(d);
    *doc = NULL;
}

static struct bs_doc *doc_new(const char *id, const char *source)
{
    struct bs_doc *d = bs_calloc(1, sizeof(*d));

    d->id = bs_strdup(id ? id : "page");
    d->source = bs_strdup(source ? source : "");
    return d;
}

/* Adds an article; takes ownership of headline, header and text. */
static void doc_add(struct bs_doc *d, const char *id, char *headline,
                    char *header, char *text)
{
    struct bs_doc_article *a;

    bs_grow((void **)&d->articles, &d->caparticles, d->narticles + 1,
            sizeof(*d->articles));
    a = &d->articles[d->narticles++];
    a->id = bs_strdup(id);
    a->headline = headline;
    a->header = header;
    a->text = text ? text : bs_strdup("");
}

struct bs_doc *bs_doc_from_page(const struct bs_page *page, const char *source)
{
    struct bs_doc *d = doc_new(page->id, source);

    d->has_articles = 1;
    if (page->lang)
        d->lang = bs_strdup(page->lang);
    for (int i = 0; i < page->narticles; i++) {
        const struct bs_article *a = &page->articles[i];
        doc_add(d, a->id, bs_strdup(a->headline ? a->headline : ""), NULL,
                bs_article_to_text(a));
    }
    return d;
}

static char *articles_joined(const struct bs_doc *doc)
{
    char *out = bs_strdup(""), *o;

    for (int i = 0; i < doc->narticles; i++) {
        o = bs_sprintf("%s%s%s", out, i ? "\n" : "", doc->articles[i].text);
        free(out);
        out = o;
    }
    return out;
}

char *bs_doc_page_text(const struct bs_doc *doc)
{
    return doc->page_text ? bs_strdup(doc->page_text) : articles_joined(doc);
}

char *bs_doc_articles_text(const struct bs_doc *doc)
{
    if (!doc->has_articles)
        return bs_strdup(doc->page_text ? doc->page_text : "");
    return articles_joined(doc);
}

/* Orders block indexes of a page (arg) top to bottom, then left to right. */
static int furn_cmp_y(const void *a, const void *b, void *arg)
{
    const struct bs_page *page = arg;
    const struct bs_box *x = &page->blocks[*(const int *)a].box;
    const struct bs_box *y = &page->blocks[*(const int *)b].box;

    if (x->y != y->y)
        return x->y < y->y ? -1 : 1;
    return x->x < y->x ? -1 : x->x > y->x;
}

static void append_line(char **acc, const char *text)
{
    char *o = bs_sprintf("%s%s%s", *acc, **acc ? "\n" : "", text);

    free(*acc);
    *acc = o;
}

/* The whole text of a truth page in the articles.json schema, composed the
 * way fulltext.txt is: the blocks with text in no article (masthead,
 * folios) that start above the first article, one block a line, then the
 * articles in reading order, then those further down (a running foot). */
static char *truth_page_text(const struct bs_page *page, const struct bs_doc *d)
{
    int *idx = bs_calloc((size_t)page->nblocks + 1, sizeof(*idx));
    int n = 0, art_top = -1;
    char *head = bs_strdup(""), *foot = bs_strdup(""), *arts, *out;

    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        if (b->article[0]) {
            if (b->nlines && (art_top < 0 || b->box.y < art_top))
                art_top = b->box.y;
        } else if (b->nlines) {
            idx[n++] = i;
        }
    }
    qsort_r(idx, (size_t)n, sizeof(*idx), furn_cmp_y, (void *)page);
    for (int i = 0; i < n;) {
        /* one row: the blocks that start above the first one's bottom */
        const struct bs_box *first = &page->blocks[idx[i]].box;
        int j = i + 1;
        while (j < n && page->blocks[idx[j]].box.y < first->y + first->h)
            j++;
        for (int a = i + 1; a < j; a++)        /* left to right */
            for (int b = a; b > i && page->blocks[idx[b]].box.x <
                                         page->blocks[idx[b - 1]].box.x; b--) {
                int t = idx[b];
                idx[b] = idx[b - 1];
                idx[b - 1] = t;
            }
        for (; i < j; i++) {
            char *t = bs_block_text(&page->blocks[idx[i]]);
            if (*t)
                append_line(art_top < 0 || first->y < art_top ? &head : &foot, t);
            free(t);
        }
    }
    arts = articles_joined(d);
    out = bs_sprintf("%s%s%s%s%s", head, *head && *arts ? "\n" : "", arts,
                     *foot && (*head || *arts) ? "\n" : "", foot);
    free(arts);
    free(head);
    free(foot);
    free(idx);
    return out;
}

/* The last path component; a pointer into path. */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');

    return s ? s + 1 : path;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

char *bs_gt_stem(const char *path)
{
    static const char *const suffixes[] = {
        ".articles.page.xml", ".page.xml", ".xml", ".json", ".txt",
    };
    char *b = bs_strdup(base_name(path));
    size_t n = strlen(b);

    while (n > 1 && b[n - 1] == '/')
        b[--n] = '\0';
    for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
        if (ends_with(b, suffixes[i]) && strlen(b) > strlen(suffixes[i])) {
            b[strlen(b) - strlen(suffixes[i])] = '\0';
            break;
        }
    }
    return b;
}

int bs_gt_is_truth_name(const char *name)
{
    return name[0] != '.' &&
           (ends_with(name, ".json") || ends_with(name, ".xml") ||
            ends_with(name, ".txt"));
}

/* ---- output page folders -------------------------------------------- */

static int load_repairs(struct bs_doc *d, const char *path, struct bs_error *err)
{
    json_t *root, *list, *e;
    size_t i;

    if (bs_json_load_file(path, GT_MAX_BYTES, &root, err) < 0)
        return -1;
    list = json_is_object(root) ? json_object_get(root, "repairs") : NULL;
    if (!json_is_array(list)) {
        json_decref(root);
        return bs_fail(err, "%s: no \"repairs\" array", path);
    }
    json_array_foreach(list, i, e) {
        const char *kind = json_string_value(json_object_get(e, "kind"));
        int k;
        if (!kind) {
            json_decref(root);
            return bs_fail(err, "%s: repair %zu has no \"kind\"", path, i);
        }
        for (k = 0; k < d->nrepairs; k++)
            if (strcmp(d->repair_kinds[k], kind) == 0)
                break;
        if (k == d->nrepairs) {
            int cap = d->caprepairs;
            bs_grow((void **)&d->repair_kinds, &d->caprepairs, k + 1,
                    sizeof(*d->repair_kinds));
            bs_grow((void **)&d->repair_counts, &cap, k + 1,
                    sizeof(*d->repair_counts));
            d->repair_kinds[k] = bs_strdup(kind);
            d->repair_counts[k] = 0;
            d->nrepairs++;
        }
        d->repair_counts[k]++;
    }
    json_decref(root);
    return 0;
}

static int read_text(const char *path, char **data, struct bs_error *err);

int bs_doc_load_output(const char *page_dir, struct bs_doc **out,
                       struct bs_error *err)
{
    char *path = bs_path_join(page_dir, "articles.json");
    char *rpath = bs_path_join(page_dir, "repairs.json");
    char *fpath = bs_path_join(page_dir, "fulltext.txt");
    struct bs_page *page = NULL;
    struct bs_doc *d = NULL;
    int rc = -1;

    *out = NULL;
    if (bs_articles_load(path, &page, err) < 0)
        goto done;
    d = bs_doc_from_page(page, page_dir);
    if (!page->id) {
        free(d->id);
        d->id = bs_gt_stem(page_dir);
    }
    if ((bs_is_file(rpath) && load_repairs(d, rpath, err) < 0) ||
        (bs_is_file(fpath) && read_text(fpath, &d->page_text, err) < 0)) {
        bs_doc_free(&d);
        goto done;
    }
    *out = d;
    rc = 0;
done:
    bs_page_free(&page);
    free(path);
    free(rpath);
    free(fpath);
    return rc;
}

/* ---- joining lines ---------------------------------------------------- */

/* Appends line `next` to paragraph *acc the way a correct transcription
 * reads: a line ending in the not sign or a soft hyphen (how PAGE ground
 * truth marks a word split at the line end) loses it and joins directly; a
 * line ending in a hyphen keeps it and joins directly; CJK joins CJK
 * without space; otherwise one space. */
static void join_line(char **acc, const char *next)
{
    size_t n = strlen(*acc);
    char *o;
    const char *sep = " ";

    if (n == 0) {
        free(*acc);
        *acc = bs_strdup(next);
        return;
    }
    if (n >= 2 && ((unsigned char)(*acc)[n - 2] == 0xC2) &&
        ((unsigned char)(*acc)[n - 1] == 0xAC || (unsigned char)(*acc)[n - 1] == 0xAD)) {
        (*acc)[n - 2] = '\0';
        sep = "";
    } else if ((*acc)[n - 1] == '-') {
        sep = "";
    } else {
        /* last code point of acc and first of next */
        size_t s = n - 1;
        int l1, l2;
        uint32_t a, b;
        while (s > 0 && ((unsigned char)(*acc)[s] & 0xC0) == 0x80)
            s--;
        a = bs_utf8_decode(*acc + s, n - s, &l1);
        b = bs_utf8_decode(next, strlen(next), &l2);
        if (bs_cp_is_cjk(a) && bs_cp_is_cjk(b))
            sep = "";
    }
    o = bs_sprintf("%s%s%s", *acc, sep, next);
    free(*acc);
    *acc = o;
}

/* ---- PAGE XML ----------------------------------------------------------- */

struct px_line {
    char *text;          /* NULL when the line has no TextEquiv */
    int has_geom;
    double x0, x1, y;    /* baseline (or box) x range and mean y */
    double h;            /* box height, 0 unknown */
    char art[GT_ID_MAX]; /* article tag, "" none */
};

struct px_region {
    char *id;
    char *type;
    char *text;          /* the region's own TextEquiv, NULL none */
    char art[GT_ID_MAX];
    struct px_line *lines;
    int nlines, caplines;
};

struct px_page {
    struct px_region *regions;   /* in reading order once sorted */
    int nregions, capregions;
    int has_text, has_tags;
};

static void px_free(struct px_page *p)
{
    for (int i = 0; i < p->nregions; i++) {
        struct px_region *r = &p->regions[i];
        for (int l = 0; l < r->nlines; l++)
            free(r->lines[l].text);
        free(r->lines);
        free(r->id);
        free(r->type);
        free(r->text);
    }
    free(p->regions);
    memset(p, 0, sizeof(*p));
}

static int is_el(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE &&
           strcmp((const char *)n->name, name) == 0;
}

static xmlNodePtr child_el(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is_el(c, name))
            return c;
    return NULL;
}

static char *attr(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    char *s;

    if (!v)
        return NULL;
    s = bs_strdup((const char *)v);
    xmlFree(v);
    return s;
}

/* The Unicode text of a node's first direct TextEquiv, NULL when none.
 * Surrounding white space is trimmed. */
static char *text_equiv(xmlNodePtr n)
{
    xmlNodePtr te = child_el(n, "TextEquiv"), u = child_el(te, "Unicode");
    xmlChar *c;
    char *s, *t;
    size_t len;

    if (!u)
        return NULL;
    c = xmlNodeGetContent(u);
    if (!c)
        return NULL;
    s = (char *)c;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
                       s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    t = bs_strndup(s, len);
    xmlFree(c);
    return t;
}

/* The article id of a `custom` attribute: "structure {id:a1; type:article;}"
 * gives "a1" (a value runs to the next ';' or '}', spaces and all); ""
 * when there is none. */
static void custom_article(const char *custom, char out[GT_ID_MAX])
{
    const char *s = custom ? strstr(custom, "structure") : NULL;
    const char *open, *close, *id, *type;
    size_t n;

    out[0] = '\0';
    if (!s || !(open = strchr(s, '{')) || !(close = strchr(open, '}')))
        return;
    type = strstr(open, "type:");
    if (!type || type > close)
        return;
    type += 5;
    while (*type == ' ')
        type++;
    if (strncmp(type, "article", 7) != 0)
        return;
    id = strstr(open, "id:");
    if (!id || id > close)
        return;
    id += 3;
    while (*id == ' ')
        id++;
    n = strcspn(id, ";}");
    while (n > 0 && id[n - 1] == ' ')
        n--;
    if (n == 0 || n >= GT_ID_MAX || id + n > close ||
        !bs_utf8_valid(id, n))
        return;
    memcpy(out, id, n);
    out[n] = '\0';
}

/* Geometry of a line: the baseline's x range and mean y, else the Coords
 * box's x range and middle. */
static void line_geom(xmlNodePtr line, struct px_line *pl)
{
    xmlNodePtr bl = child_el(line, "Baseline"), co = child_el(line, "Coords");
    double miny = 1e18, maxy = -1e18;

    for (int pass = 0; pass < 2; pass++) {
        xmlNodePtr el = pass == 0 ? co : bl;
        char *pts = el ? attr(el, "points") : NULL;
        const char *p = pts;
        double x0 = 1e18, x1 = -1e18, ysum = 0, y0 = 1e18, y1 = -1e18;
        int n = 0;

        while (p && *p) {
            char *end;
            double x = strtod(p, &end), y;
            if (end == p || *end != ',')
                break;
            y = strtod(end + 1, &end);
            if (!isfinite(x) || !isfinite(y))
                break;
            x0 = fmin(x0, x);
            x1 = fmax(x1, x);
            y0 = fmin(y0, y);
            y1 = fmax(y1, y);
            ysum += y;
            n++;
            p = end;
            while (*p == ' ')
                p++;
        }
        free(pts);
        if (n == 0)
            continue;
        if (pass == 0) {
            miny = y0;
            maxy = y1;
            pl->x0 = x0;
            pl->x1 = x1;
            pl->y = (y0 + y1) / 2;
            pl->has_geom = 1;
        } else {
            pl->x0 = x0;
            pl->x1 = x1;
            pl->y = ysum / n;
            pl->has_geom = 1;
        }
    }
    if (maxy > miny)
        pl->h = maxy - miny;
}

static void collect_regions(xmlNodePtr n, struct px_page *p)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(c, "TextRegion")) {
            struct px_region *r;
            char *custom = attr(c, "custom");
            bs_grow((void **)&p->regions, &p->capregions, p->nregions + 1,
                    sizeof(*p->regions));
            r = &p->regions[p->nregions++];
            r->id = attr(c, "id");
            r->type = attr(c, "type");
            r->text = text_equiv(c);
            custom_article(custom, r->art);
            free(custom);
            if (r->art[0])
                p->has_tags = 1;
            if (r->text && *r->text)
                p->has_text = 1;
            for (xmlNodePtr l = c->children; l; l = l->next) {
                struct px_line *pl;
                if (!is_el(l, "TextLine"))
                    continue;
                bs_grow((void **)&r->lines, &r->caplines, r->nlines + 1,
                        sizeof(*r->lines));
                pl = &r->lines[r->nlines++];
                pl->text = text_equiv(l);
                custom = attr(l, "custom");
                custom_article(custom, pl->art);
                free(custom);
                if (!pl->art[0])
                    memcpy(pl->art, r->art, sizeof(pl->art));
                if (pl->art[0])
                    p->has_tags = 1;
                if (pl->text && *pl->text)
                    p->has_text = 1;
                line_geom(l, pl);
            }
            /* nested regions come after their parent */
            collect_regions(c, p);
        } else if (!is_el(c, "TextLine")) {
            collect_regions(c, p);
        }
    }
}

/* Region ids in reading order, flattened from (nested) groups. */
struct ro_ref {
    void *node;
    long index;
    int seq;
};

static int ro_cmp(const void *a, const void *b)
{
    const struct ro_ref *x = a, *y = b;

    if (x->index != y->index)
        return x->index < y->index ? -1 : 1;
    return x->seq - y->seq;
}

static void ro_walk(xmlNodePtr group, char ***ids, int *n, int *cap)
{
    struct ro_ref *refs = NULL;
    int nrefs = 0, caprefs = 0, seq = 0;

    for (xmlNodePtr c = group->children; c; c = c->next) {
        char *idx;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!strstr((const char *)c->name, "Region") &&
            !strstr((const char *)c->name, "Group"))
            continue;
        idx = attr(c, "index");
        bs_grow((void **)&refs, &caprefs, nrefs + 1, sizeof(*refs));
        refs[nrefs].index = idx ? strtol(idx, NULL, 10) : seq;
        refs[nrefs].seq = seq++;
        refs[nrefs].node = c;
        nrefs++;
        free(idx);
    }
    qsort(refs, (size_t)nrefs, sizeof(*refs), ro_cmp);
    for (int i = 0; i < nrefs; i++) {
        xmlNodePtr c = refs[i].node;
        char *ref = attr(c, "regionRef");
        if (ref) {
            bs_grow((void **)ids, cap, *n + 1, sizeof(**ids));
            (*ids)[(*n)++] = ref;
        }
        if (strstr((const char *)c->name, "Group"))
            ro_walk(c, ids, n, cap);
    }
    free(refs);
}

/* Sorts p->regions into the page's ReadingOrder; regions it does not name
 * follow in document order. */
static void px_order(xmlNodePtr page_el, struct px_page *p)
{
    xmlNodePtr ro = child_el(page_el, "ReadingOrder");
    char **ids = NULL;
    int nids = 0, capids = 0, k = 0;
    struct px_region *sorted;
    char *used;

    if (!ro)
        return;
    ro_walk(ro, &ids, &nids, &capids);
    sorted = bs_calloc((size_t)p->nregions + 1, sizeof(*sorted));
    used = bs_calloc((size_t)p->nregions + 1, 1);
    for (int i = 0; i < nids; i++)
        for (int r = 0; r < p->nregions; r++)
            if (!used[r] && p->regions[r].id && strcmp(p->regions[r].id, ids[i]) == 0) {
                sorted[k++] = p->regions[r];
                used[r] = 1;
                break;
            }
    for (int r = 0; r < p->nregions; r++)
        if (!used[r])
            sorted[k++] = p->regions[r];
    free(p->regions);
    p->regions = sorted;
    p->capregions = p->nregions;
    free(used);
    for (int i = 0; i < nids; i++)
        free(ids[i]);
    free(ids);
}

static int px_parse(const char *path, struct px_page *p, struct bs_error *err)
{
    char *data = NULL;
    size_t len;
    xmlDocPtr doc;
    xmlNodePtr root, page_el;
    int rc = -1;

    memset(p, 0, sizeof(*p));
    if (bs_read_file(path, GT_MAX_BYTES, &data, &len, err) < 0)
        return -1;
    doc = xmlReadMemory(data, (int)len, path, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    free(data);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        const char *msg = e && e->message ? e->message : "parse error";
        return bs_fail(err, "%s: not well-formed XML (line %d: %.*s)", path,
                       e ? e->line : 0, (int)strcspn(msg, "\n"), msg);
    }
    root = xmlDocGetRootElement(doc);
    if (!is_el(root, "PcGts") || !(page_el = child_el(root, "Page"))) {
        bs_fail(err, "%s: not a PAGE XML file (no PcGts/Page)", path);
        goto done;
    }
    collect_regions(page_el, p);
    px_order(page_el, p);
    rc = 0;
done:
    xmlFreeDoc(doc);
    if (rc < 0)
        px_free(p);
    return rc;
}

/* Gives every line of `text` the article tag of the line of `tags` at the
 * same place: the tagged line whose baseline is within reach vertically and
 * overlaps most horizontally. */
static void px_transfer_tags(struct px_page *text, const struct px_page *tags)
{
    for (int r = 0; r < text->nregions; r++) {
        for (int l = 0; l < text->regions[r].nlines; l++) {
            struct px_line *tl = &text->regions[r].lines[l];
            double best = 0, bestdy = 0, tol;
            const char *tag = NULL;

            tl->art[0] = '\0';
            if (!tl->has_geom)
                continue;
            tol = tl->h > 0 ? 0.6 * tl->h : 20;
            if (tol < 10)
                tol = 10;
            for (int r2 = 0; r2 < tags->nregions; r2++)
                for (int l2 = 0; l2 < tags->regions[r2].nlines; l2++) {
                    const struct px_line *al = &tags->regions[r2].lines[l2];
                    double ov, dy, wmin;
                    if (!al->has_geom)
                        continue;
                    dy = fabs(al->y - tl->y);
                    ov = fmin(al->x1, tl->x1) - fmax(al->x0, tl->x0);
                    wmin = fmin(al->x1 - al->x0, tl->x1 - tl->x0);
                    if (dy > tol || ov <= 0 || ov < 0.3 * wmin)
                        continue;
                    if (!tag || ov > best || (ov == best && dy < bestdy)) {
                        best = ov;
                        bestdy = dy;
                        tag = al->art;
                    }
                }
            if (tag)
                memcpy(tl->art, tag, sizeof(tl->art));
        }
    }
}

/* Builds the doc from parsed PAGE regions (text and tags in p). */
static struct bs_doc *px_doc(const struct px_page *p, const char *path)
{
    char *stem = bs_gt_stem(path);
    struct bs_doc *d = doc_new(stem, path);
    /* per article: paragraphs, and facts about its first paragraph */
    struct art_acc {
        char id[GT_ID_MAX];
        char *text;
        char *first;        /* first paragraph */
        int first_lines;    /* lines in it */
        int first_region_lines;
        int first_heading;  /* its region's type is heading */
        int nparas;
    } *acc = NULL;
    int nacc = 0, capacc = 0;

    free(stem);
    d->has_articles = p->has_tags;
    d->page_text = bs_strdup("");
    for (int r = 0; r < p->nregions; r++) {
        const struct px_region *reg = &p->regions[r];
        int heading = reg->type && (strcmp(reg->type, "heading") == 0 ||
                                    strcmp(reg->type, "header") == 0);
        int textlines = 0;
        /* lines carry text, or the region does (split at '\n') */
        for (int l = 0; l < reg->nlines; l++)
            if (reg->lines[l].text)
                textlines++;
        for (int l = 0; l < (textlines ? reg->nlines : 1);) {
            const char *tag = textlines ? reg->lines[l].art : reg->art;
            char *para = bs_strdup("");
            int nl = 0, a;
            /* one paragraph: consecutive lines of one article */
            if (textlines) {
                while (l < reg->nlines && strcmp(reg->lines[l].art, tag) == 0) {
                    if (reg->lines[l].text && *reg->lines[l].text) {
                        join_line(&para, reg->lines[l].text);
                        nl++;
                    }
                    l++;
                }
            } else {
                const char *s = reg->text ? reg->text : "";
                while (*s) {
                    size_t n = strcspn(s, "\n");
                    char *line = bs_strndup(s, n), *c = NULL;
                    c = line;
                    while (*c == ' ' || *c == '\t' || *c == '\r')
                        c++;
                    if (*c) {
                        join_line(&para, c);
                        nl++;
                    }
                    free(line);
                    s += n;
                    if (*s == '\n')
                        s++;
                }
                l = 1;
            }
            if (nl == 0) {
                free(para);
                continue;
            }
            /* the whole page: every paragraph, in an article or not */
            append_line(&d->page_text, para);
            if (!p->has_tags || !tag[0]) {
                free(para);
                continue;
            }
            for (a = 0; a < nacc; a++)
                if (strcmp(acc[a].id, tag) == 0)
                    break;
            if (a == nacc) {
                bs_grow((void **)&acc, &capacc, nacc + 1, sizeof(*acc));
                memcpy(acc[a].id, tag, sizeof(acc[a].id));
                acc[a].text = bs_strdup("");
                acc[a].first = bs_strdup(para);
                acc[a].first_lines = nl;
                acc[a].first_region_lines = textlines ? textlines : 1;
                acc[a].first_heading = heading;
                acc[a].nparas = 0;
                nacc++;
            }
            {
                char *o = bs_sprintf("%s%s%s", acc[a].text,
                                     acc[a].nparas ? "\n" : "", para);
                free(acc[a].text);
                acc[a].text = o;
                acc[a].nparas++;
            }
            free(para);
        }
    }
    for (int a = 0; a < nacc; a++) {
        /* The first paragraph is the headline when its region is a heading,
         * or when it is a region of one line followed by more text. */
        int is_head = acc[a].first_heading ||
                      (acc[a].first_lines == 1 && acc[a].first_region_lines == 1 &&
                       acc[a].nparas > 1);
        doc_add(d, acc[a].id, bs_strdup(is_head ? acc[a].first : ""), NULL,
                acc[a].text);
        free(acc[a].first);
    }
    free(acc);
    return d;
}

/* The sibling holding the text of an article-tag file: "x.articles.page.xml"
 * -> "x.page.xml".  NULL when the name has no ".articles.". */
static char *text_sibling(const char *path)
{
    const char *b = base_name(path), *s = strstr(b, ".articles.");
    char *out;

    if (!s)
        return NULL;
    out = bs_sprintf("%.*s%s", (int)(s - path), path, s + 9);
    return out;
}

static int load_page_xml(const char *path, struct bs_doc **out,
                         struct bs_error *err)
{
    struct px_page p, t;
    char *sib = NULL;
    int rc = -1;

    memset(&t, 0, sizeof(t));
    if (px_parse(path, &p, err) < 0)
        return -1;
    if (!p.has_text) {
        sib = text_sibling(path);
        if (!p.has_tags || !sib || !bs_is_file(sib)) {
            bs_fail(err, "%s: PAGE XML without text%s%s%s", path,
                    p.has_tags ? " (its text would be in " : "",
                    p.has_tags ? (sib ? sib : "a sibling named *.page.xml") : "",
                    p.has_tags ? ", not found)" : "");
            goto done;
        }
        if (px_parse(sib, &t, err) < 0)
            goto done;
        if (!t.has_text) {
            bs_fail(err, "%s: PAGE XML without text", sib);
            goto done;
        }
        px_transfer_tags(&t, &p);
        t.has_tags = 1;
        *out = px_doc(&t, path);
    } else {
        *out = px_doc(&p, path);
    }
    rc = 0;
done:
    px_free(&p);
    px_free(&t);
    free(sib);
    return rc;
}

/* ---- text files ---------------------------------------------------------- */

static int read_text(const char *path, char **data, struct bs_error *err)
{
    size_t len;

    if (bs_read_file(path, GT_MAX_BYTES, data, &len, err) < 0)
        return -1;
    if (strlen(*data) != len || !bs_utf8_valid(*data, len)) {
        free(*data);
        *data = NULL;
        return bs_fail(err, "%s: not UTF-8 text", path);
    }
    return 0;
}

int bs_doc_load_text(const char *path, struct bs_doc **out,
                     struct bs_error *err)
{
    char *text, *stem;

    *out = NULL;
    if (read_text(path, &text, err) < 0)
        return -1;
    stem = bs_gt_stem(path);
    *out = doc_new(stem, path);
    (*out)->page_text = text;
    free(stem);
    return 0;
}

/* One article in the aNNN.txt form: header lines, a blank line, body
 * paragraphs separated by blank lines.  Without a blank line the whole
 * file is body. */
static void parse_article_txt(struct bs_doc *d, const char *id, const char *s)
{
    char *header = bs_strdup(""), *body = bs_strdup(""), *o;
    int nhead = 0, in_body = strstr(s, "\n\n") == NULL && s[0] != '\n';

    while (*s) {
        size_t n = strcspn(s, "\n");
        char *raw = bs_strndup(s, n), *line = bs_collapse_space(raw);
        free(raw);
        if (!*line) {
            in_body = 1;
        } else if (!in_body) {
            o = bs_sprintf("%s%s%s", header, nhead ? "\n" : "", line);
            free(header);
            header = o;
            nhead++;
        } else {
            o = bs_sprintf("%s%s%s", body, *body ? "\n" : "", line);
            free(body);
            body = o;
        }
        free(line);
        s += n;
        if (*s == '\n')
            s++;
    }
    o = bs_sprintf("%s%s%s", header, *header && *body ? "\n" : "", body);
    free(body);
    if (nhead <= 1) {
        doc_add(d, id, header, NULL, o);
    } else {
        doc_add(d, id, NULL, header, o);
    }
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_txt_folder(const char *dir, struct bs_doc **out,
                           struct bs_error *err)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    char **names = NULL, *stem;
    int n = 0, cap = 0, rc = -1;
    struct bs_doc *d = NULL;

    if (!dp)
        return bs_fail(err, "%s: cannot open folder", dir);
    while ((e = readdir(dp)))
        if (e->d_name[0] != '.' && ends_with(e->d_name, ".txt")) {
            bs_grow((void **)&names, &cap, n + 1, sizeof(*names));
            names[n++] = bs_strdup(e->d_name);
        }
    closedir(dp);
    if (n == 0) {
        bs_fail(err, "%s: no ground truth here (no articles.json, *.txt or "
                "articles/*.txt)", dir);
        goto done;
    }
    qsort(names, (size_t)n, sizeof(*names), name_cmp);
    stem = bs_gt_stem(dir);
    if (strcmp(stem, "articles") == 0) {
        /* OUT/<page>/articles: the page is the parent folder */
        char *parent = bs_strdup(dir), *slash;
        size_t l = strlen(parent);
        while (l > 1 && parent[l - 1] == '/')
            parent[--l] = '\0';
        slash = strrchr(parent, '/');
        if (slash) {
            *slash = '\0';
            free(stem);
            stem = bs_gt_stem(parent);
        }
        free(parent);
    }
    d = doc_new(stem, dir);
    free(stem);
    d->has_articles = 1;
    for (int i = 0; i < n; i++) {
        char *path = bs_path_join(dir, names[i]), *text, *id;
        if (read_text(path, &text, err) < 0) {
            free(path);
            bs_doc_free(&d);
            goto done;
        }
        id = bs_gt_stem(names[i]);
        parse_article_txt(d, id, text);
        free(id);
        free(text);
        free(path);
    }
    *out = d;
    rc = 0;
done:
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* articles.json-schema truth whose article ids are not the page model's
 * short ones ("P1_TB00001 Leitartikel"): each article id (any non-empty
 * UTF-8 string up to GT_ID_MAX bytes, each once) is given a short stand-in
 * in the parsed JSON (its articles, reading order and the blocks' article
 * references) for the model's reader, and the doc gets the real ids back.
 * *ids (malloc'd, n of them, in article order) holds the real ids. */
static int articles_load_long_ids(const char *path, struct bs_page **page,
                                  char ***ids, int *nids,
                                  struct bs_error *err)
{
    json_t *root = NULL, *arts, *order, *blocks, *v;
    size_t i, k;
    int rc = -1;

    *page = NULL;
    *ids = NULL;
    *nids = 0;
    if (bs_json_load_file(path, GT_MAX_BYTES, &root, err) < 0)
        return -1;
    arts = json_object_get(root, "articles");
    if (json_is_array(arts)) {
        *ids = bs_calloc(json_array_size(arts) + 1, sizeof(**ids));
        json_array_foreach(arts, i, v) {
            json_t *id = json_object_get(v, "id");
            char stand[16];
            size_t len = json_is_string(id) ? json_string_length(id) : 0;
            if (!len || len >= GT_ID_MAX ||
                strlen(json_string_value(id)) != len) {
                bs_fail(err, "%s: article %zu has no valid id (a non-empty "
                        "string of at most %d bytes)", path, i, GT_ID_MAX - 1);
                goto done;
            }
            for (k = 0; k < i; k++)
                if (strcmp((*ids)[k], json_string_value(id)) == 0) {
                    bs_fail(err, "%s: duplicate article id \"%s\"", path,
                            json_string_value(id));
                    goto done;
                }
            (*ids)[i] = bs_strdup(json_string_value(id));
            (*nids)++;
            snprintf(stand, sizeof(stand), "t%u", (unsigned)i + 1);
            json_object_set_new(v, "id", json_string(stand));
        }
    }
    /* the references to those ids, by the same stand-ins */
    order = json_object_get(root, "reading_order");
    blocks = json_object_get(root, "blocks");
    for (int pass = 0; pass < 2; pass++) {
        json_t *list = pass ? blocks : order;
        if (!json_is_array(list))
            continue;
        json_array_foreach(list, i, v) {
            json_t *ref = pass ? json_object_get(v, "article") : v;
            const char *name = json_string_value(ref);
            for (k = 0; name && k < (size_t)*nids; k++)
                if (strcmp((*ids)[k], name) == 0) {
                    char stand[16];
                    snprintf(stand, sizeof(stand), "t%u", (unsigned)k + 1);
                    if (pass)
                        json_object_set_new(v, "article", json_string(stand));
                    else
                        json_array_set_new(list, i, json_string(stand));
                    break;
                }
        }
    }
    rc = bs_articles_from_json(root, path, page, err);
done:
    json_decref(root);
    if (rc < 0) {
        for (int n = 0; n < *nids; n++)
            free((*ids)[n]);
        free(*ids);
        *ids = NULL;
        *nids = 0;
    }
    return rc;
}

/* Gives the doc's articles their real ids back (articles_load_long_ids). */
static void real_ids(struct bs_doc *d, char **ids, int nids)
{
    for (int a = 0; a < d->narticles; a++) {
        long k = d->articles[a].id[0] == 't' ? strtol(d->articles[a].id + 1,
                                                      NULL, 10) : 0;
        if (k >= 1 && k <= nids) {
            free(d->articles[a].id);
            d->articles[a].id = ids[k - 1];
            ids[k - 1] = NULL;
        }
    }
    for (int k = 0; k < nids; k++)
        free(ids[k]);
    free(ids);
}

int bs_gt_load(const char *path, struct bs_doc **out, struct bs_error *err)
{
    *out = NULL;
    if (bs_is_dir(path)) {
        char *aj = bs_path_join(path, "articles.json");
        char *sub = bs_path_join(path, "articles");
        int rc;
        if (bs_is_file(aj))
            rc = bs_doc_load_output(path, out, err);
        else if (bs_is_dir(sub))
            rc = load_txt_folder(sub, out, err);
        else
            rc = load_txt_folder(path, out, err);
        if (rc == 0 && bs_is_file(aj)) {
            /* truth has no repairs to count */
            struct bs_doc *d = *out;
            for (int i = 0; i < d->nrepairs; i++)
                free(d->repair_kinds[i]);
            d->nrepairs = 0;
        }
        free(aj);
        free(sub);
        return rc;
    }
    if (!bs_is_file(path))
        return bs_fail(err, "%s: no such ground-truth file or folder", path);
    if (ends_with(path, ".json")) {
        struct bs_page *page = NULL;
        char **ids;
        int nids;
        if (articles_load_long_ids(path, &page, &ids, &nids, err) < 0)
            return -1;
        *out = bs_doc_from_page(page, path);
        if (!page->id) {
            free((*out)->id);
            (*out)->id = bs_gt_stem(path);
        }
        (*out)->page_text = truth_page_text(page, *out);
        real_ids(*out, ids, nids);
        bs_page_free(&page);
        return 0;
    }
    if (ends_with(path, ".xml"))
        return load_page_xml(path, out, err);
    if (ends_with(path, ".txt"))
        return bs_doc_load_text(path, out, err);
    return bs_fail(err, "%s: unknown ground-truth format (want .json, .xml, "
                   ".txt or a folder)", path);
}
