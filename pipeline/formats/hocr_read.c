/*
 * hocr_read.c - hOCR (Tesseract's, broadsheet's, other engines'; XHTML or
 * plain HTML) into a page model.
 *
 * ocr_page gives the page size (bbox) and image; each ocr_carea becomes a
 * block (an ocr_par or line outside any carea starts one of its own), each
 * ocr_line / ocr_header / ocr_caption / ocr_textfloat / ocr_footer a line,
 * each ocrx_word a word (its text, bbox, x_wconf).  A line without words
 * becomes one word of its whole text.  ocr_separator becomes a rule,
 * ocr_photo / ocr_image a photo.  Roles: x_role (what hocr_write.c
 * writes), else headline for a block of ocr_header lines, caption for
 * ocr_caption lines, body otherwise.  Order: x_order, else document order.
 * Blocks with the same x_article make one article.
 */
#include "formats.h"

#include "xmlin.h"

#include <stdlib.h>
#include <string.h>

struct hocr {
    const char *what;
    struct bs_error *err;
    struct bs_page *page;
    struct bs_import_limits lim;
    int block;    /* block being filled, -1 none */
    int headers, captions, plain; /* line classes seen in the block */
};

/* True when the space-separated class list holds `name`. */
static int has_class(const char *classes, const char *name)
{
    size_t k = strlen(name);

    for (const char *p = classes; p && *p;) {
        size_t n;
        while (*p == ' ' || *p == '\t')
            p++;
        n = strcspn(p, " \t");
        if (n == k && strncmp(p, name, n) == 0)
            return 1;
        p += n;
    }
    return 0;
}

/* The value of a title property ("bbox 1 2 3 4; x_wconf 90"), or NULL.
 * Returns a pointer into title. */
static const char *prop(const char *title, const char *name, size_t *len)
{
    size_t k = strlen(name);

    for (const char *p = title; p && *p;) {
        size_t n;
        while (*p == ' ' || *p == ';')
            p++;
        n = strcspn(p, ";");
        if (n > k && strncmp(p, name, k) == 0 && p[k] == ' ') {
            *len = n - k - 1;
            return p + k + 1;
        }
        p += n;
    }
    return NULL;
}

static int bbox(struct hocr *r, const xmlNode *n, const char *title,
                struct bs_box *box)
{
    size_t len;
    const char *v = prop(title, "bbox", &len);
    long c[4];
    char buf[96], *p, *end;

    *box = (struct bs_box){0, 0, 0, 0};
    if (!v)
        return 0;
    if (len >= sizeof(buf))
        goto bad;
    memcpy(buf, v, len);
    buf[len] = '\0';
    p = buf;
    for (int i = 0; i < 4; i++) {
        c[i] = strtol(p, &end, 10);
        if (end == p || c[i] < 0 || c[i] > BS_IMPORT_MAX_COORD)
            goto bad;
        p = end;
    }
    if (c[2] < c[0] || c[3] < c[1])
        goto bad;
    *box = (struct bs_box){(int)c[0], (int)c[1], (int)(c[2] - c[0]),
                           (int)(c[3] - c[1])};
    return 0;
bad:
    return bs_fail(r->err, "%s: line %ld: bad bbox", r->what,
                   (long)xmlGetLineNo(n));
}

static long num_prop(const char *title, const char *name, long lo, long hi,
                     long dflt)
{
    size_t len;
    const char *v = prop(title, name, &len);
    char *end;
    double d;

    if (!v)
        return dflt;
    d = strtod(v, &end);
    if (end == v || !(d >= lo && d <= hi))
        return dflt;
    return (long)(d + 0.5);
}

/* Closes the block being filled: its role from its line classes. */
static void end_block(struct hocr *r)
{
    if (r->block >= 0) {
        struct bs_block *b = &r->page->blocks[r->block];
        if (b->role == BS_ROLE_UNKNOWN)
            b->role = r->headers && !r->plain && !r->captions
                          ? BS_ROLE_HEADLINE
                      : r->captions && !r->plain ? BS_ROLE_CAPTION
                                                 : BS_ROLE_BODY;
    }
    r->block = -1;
    r->headers = r->captions = r->plain = 0;
}

static int start_block(struct hocr *r, const xmlNode *n, const char *title,
                       enum bs_role role)
{
    struct bs_box box;
    struct bs_block *b;
    size_t len;
    const char *v;

    end_block(r);
    if (bbox(r, n, title, &box) < 0 ||
        !(b = bs_import_block(r->page, &r->lim, role, box, r->what, r->err)))
        return -1;
    if (role == BS_ROLE_UNKNOWN && (v = prop(title, "x_role", &len))) {
        char name[32];
        int ro;
        if (len < sizeof(name)) {
            memcpy(name, v, len);
            name[len] = '\0';
            ro = bs_role_from_name(name);
            if (ro > 0)
                b->role = (enum bs_role)ro;
        }
    }
    b->order = (int)num_prop(title, "x_order", 0, BS_IMPORT_MAX_BLOCKS, -1);
    if ((v = prop(title, "x_article", &len)) != NULL)
        snprintf(b->article, sizeof(b->article), "%.*s",
                 (int)(len < 15 ? len : 15), v);
    r->block = r->page->nblocks - 1;
    return 0;
}

static int read_words(struct hocr *r, xmlNode *n, struct bs_line *line,
                      int *nwords, int depth)
{
    if (depth > 64)
        return bs_fail(r->err, "%s: elements nested too deep", r->what);
    for (xmlNode *c = n->children; c; c = c->next) {
        char *cls, *title, *text;
        int rc = 0;
        if (c->type != XML_ELEMENT_NODE)
            continue;
        cls = bs_xml_attr(c, "class");
        if (!cls || !has_class(cls, "ocrx_word")) {
            free(cls);
            if (read_words(r, c, line, nwords, depth + 1) < 0)
                return -1;
            continue;
        }
        free(cls);
        title = bs_xml_attr(c, "title");
        if (bs_xml_text(c, r->what, &text, r->err) < 0) {
            free(title);
            return -1;
        }
        if (text[0]) {
            struct bs_box box;
            long conf = num_prop(title, "x_wconf", 0, 100, -1);
            rc = bbox(r, c, title, &box);
            if (rc == 0 && !bs_import_word(line, &r->lim, text, box,
                                           (float)conf, r->what, r->err))
                rc = -1;
            (*nwords)++;
        }
        free(text);
        free(title);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int read_line(struct hocr *r, xmlNode *n, const char *cls,
                     const char *title)
{
    struct bs_box box;
    struct bs_line *line;
    int nwords = 0;

    if (r->block < 0 && start_block(r, n, title, BS_ROLE_UNKNOWN) < 0)
        return -1;
    if (bbox(r, n, title, &box) < 0)
        return -1;
    if (has_class(cls, "ocr_header"))
        r->headers++;
    else if (has_class(cls, "ocr_caption"))
        r->captions++;
    else
        r->plain++;
    line = bs_block_add_line(&r->page->blocks[r->block], box);
    if (read_words(r, n, line, &nwords, 0) < 0)
        return -1;
    if (!nwords) {
        char *text;
        if (bs_xml_text(n, r->what, &text, r->err) < 0)
            return -1;
        if (text[0] && !bs_import_word(line, &r->lim, text, box, -1, r->what,
                                       r->err)) {
            free(text);
            return -1;
        }
        free(text);
    }
    return 0;
}

static int walk(struct hocr *r, xmlNode *n, int depth)
{
    if (depth > 256)
        return bs_fail(r->err, "%s: elements nested too deep", r->what);
    for (xmlNode *c = n->children; c; c = c->next) {
        char *cls, *title;
        int rc = 0, recurse = 1;

        if (c->type != XML_ELEMENT_NODE)
            continue;
        cls = bs_xml_attr(c, "class");
        title = bs_xml_attr(c, "title");
        if (!cls) {
            /* not an hOCR element */
        } else if (has_class(cls, "ocr_page")) {
            struct bs_box box;
            size_t len;
            const char *img;
            rc = bbox(r, c, title, &box);
            if (rc == 0 && !r->page->width) {
                r->page->width = bs_box_right(box);
                r->page->height = bs_box_bottom(box);
            }
            if (rc == 0 && (img = prop(title, "image", &len)) && len >= 2 &&
                img[0] == '"' && img[len - 1] == '"' && !r->page->source) {
                char *s = bs_strndup(img + 1, len - 2);
                if (s[0])
                    bs_set_str(&r->page->source, s);
                free(s);
            }
        } else if (has_class(cls, "ocr_carea")) {
            rc = start_block(r, c, title, BS_ROLE_UNKNOWN);
            if (rc == 0)
                rc = walk(r, c, depth + 1);
            end_block(r);
            recurse = 0;
        } else if (has_class(cls, "ocr_separator") ||
                   has_class(cls, "ocr_photo") ||
                   has_class(cls, "ocr_image")) {
            rc = start_block(r, c, title, has_class(cls, "ocr_separator")
                                              ? BS_ROLE_SEPARATOR
                                              : BS_ROLE_IMAGE);
            end_block(r);
            recurse = 0;
        } else if (has_class(cls, "ocr_par") && r->block < 0) {
            rc = start_block(r, c, title, BS_ROLE_UNKNOWN);
            if (rc == 0)
                rc = walk(r, c, depth + 1);
            end_block(r);
            recurse = 0;
        } else if (has_class(cls, "ocr_line") ||
                   has_class(cls, "ocr_header") ||
                   has_class(cls, "ocr_caption") ||
                   has_class(cls, "ocr_textfloat") ||
                   has_class(cls, "ocr_footer")) {
            rc = read_line(r, c, cls, title);
            recurse = 0;
        }
        free(cls);
        free(title);
        if (rc < 0 || (recurse && walk(r, c, depth + 1) < 0))
            return -1;
    }
    return 0;
}

int bs_hocr_read(const char *data, size_t len, const char *what,
                 struct bs_page **out, struct bs_error *err)
{
    struct hocr r;
    xmlDocPtr doc;
    int rc;

    *out = NULL;
    if (bs_xml_parse(data, len, what, 1, &doc, err) < 0)
        return -1;
    memset(&r, 0, sizeof(r));
    r.what = what;
    r.err = err;
    r.block = -1;
    r.page = bs_page_new();
    r.page->dpi = 300;
    rc = walk(&r, xmlDocGetRootElement(doc), 0);
    end_block(&r);
    xmlFreeDoc(doc);
    if (rc == 0 && r.page->nblocks == 0)
        rc = bs_fail(err, "%s: no hOCR content (ocr_carea, ocr_line, "
                     "ocrx_word)", what);
    if (rc < 0) {
        bs_page_free(&r.page);
        return -1;
    }
    bs_import_finish(r.page);
    *out = r.page;
    return 0;
}
