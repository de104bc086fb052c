/*
 * xmlin.c - safe libxml2 parsing and bounded tree access for the readers.
 */
#include "xmlin.h"

#include "xmlout.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Refuses a document whose DTD declares entities: with no substitution
 * they would be lost text at best and an expansion bomb at worst. */
static int has_entity_decls(xmlDocPtr doc)
{
    xmlDtdPtr dtds[2] = {doc->intSubset, doc->extSubset};

    for (int i = 0; i < 2; i++) {
        if (!dtds[i])
            continue;
        for (xmlNode *c = dtds[i]->children; c; c = c->next)
            if (c->type == XML_ENTITY_DECL)
                return 1;
    }
    return 0;
}

int bs_xml_parse(const char *data, size_t len, const char *what, int html,
                 xmlDocPtr *doc, struct bs_error *err)
{
    xmlDocPtr d = NULL;
    const xmlError *e;

    *doc = NULL;
    if (len > (size_t)0x7fffffff)
        return bs_fail(err, "%s: too large", what);
    if (html) {
        htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
        if (!ctxt)
            bs_oom();
        d = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, "UTF-8",
                               HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                   HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS);
        e = xmlCtxtGetLastError(ctxt);
        if (!d) {
            int line = e ? e->line : 0;
            htmlFreeParserCtxt(ctxt);
            return bs_fail(err, "%s: not a readable HTML document (line %d)",
                           what, line);
        }
        htmlFreeParserCtxt(ctxt);
    } else {
        xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
        if (!ctxt)
            bs_oom();
        d = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR |
                                  XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
        if (!d || !ctxt->wellFormed) {
            char msg[160] = "";
            int line;
            e = xmlCtxtGetLastError(ctxt);
            line = e ? e->line : 0;
            if (e && e->message)
                snprintf(msg, sizeof(msg), "%s", e->message);
            msg[strcspn(msg, "\r\n")] = '\0';
            xmlFreeDoc(d);
            xmlFreeParserCtxt(ctxt);
            return bs_fail(err, "%s: not well-formed XML (line %d: %s)",
                           what, line, msg[0] ? msg : "parse error");
        }
        xmlFreeParserCtxt(ctxt);
    }
    if (has_entity_decls(d)) {
        xmlFreeDoc(d);
        return bs_fail(err, "%s: declares entities, which are not accepted",
                       what);
    }
    if (!xmlDocGetRootElement(d)) {
        xmlFreeDoc(d);
        return bs_fail(err, "%s: empty document", what);
    }
    *doc = d;
    return 0;
}

int bs_xml_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name &&
           strcmp((const char *)n->name, name) == 0;
}

/* The attribute's value from its text children only: entity references
 * are never followed. */
char *bs_xml_attr(const xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next) {
        size_t total = 0;
        char *v, *clean;
        if (!a->name || strcmp((const char *)a->name, name) != 0)
            continue;
        for (xmlNode *c = a->children; c; c = c->next)
            if (c->type == XML_TEXT_NODE && c->content)
                total += strlen((const char *)c->content);
        v = bs_malloc(total + 1);
        v[0] = '\0';
        total = 0;
        for (xmlNode *c = a->children; c; c = c->next)
            if (c->type == XML_TEXT_NODE && c->content) {
                size_t k = strlen((const char *)c->content);
                memcpy(v + total, c->content, k);
                total += k;
                v[total] = '\0';
            }
        clean = bs_xml_clean(v);
        free(v);
        return clean;
    }
    return NULL;
}

int bs_xml_attr_num(const xmlNode *n, const char *name, double lo, double hi,
                    double dflt, double *out, const char *what,
                    struct bs_error *err)
{
    char *v = bs_xml_attr(n, name), *end;
    double d;

    *out = dflt;
    if (!v)
        return 0;
    d = strtod(v, &end);
    while (*end == ' ')
        end++;
    if (end == v || *end || !isfinite(d) || d < lo || d > hi) {
        int rc = bs_fail(err, "%s: line %ld: %s=\"%.40s\" is not a number in "
                         "%g..%g", what, (long)xmlGetLineNo(n), name, v, lo,
                         hi);
        free(v);
        return rc;
    }
    free(v);
    *out = d;
    return 0;
}

static int append_text(xmlNode *n, char *buf, size_t *len, int depth)
{
    if (depth > 64)
        return 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE && c->content) {
            size_t k = strlen((const char *)c->content);
            if (*len + k > BS_IMPORT_MAX_TEXT)
                return -1;
            memcpy(buf + *len, c->content, k);
            *len += k;
            buf[*len] = '\0';
        } else if (c->type == XML_ELEMENT_NODE) {
            if (append_text(c, buf, len, depth + 1) < 0)
                return -1;
        }
    }
    return 0;
}

int bs_xml_text(xmlNode *n, const char *what, char **out,
                struct bs_error *err)
{
    char *buf = bs_malloc(BS_IMPORT_MAX_TEXT + 1), *clean, *o;
    size_t len = 0;
    int space = 0;

    buf[0] = '\0';
    *out = NULL;
    if (append_text(n, buf, &len, 0) < 0) {
        free(buf);
        return bs_fail(err, "%s: line %ld: text longer than %d bytes", what,
                       (long)xmlGetLineNo(n), BS_IMPORT_MAX_TEXT);
    }
    clean = bs_xml_clean(buf);
    free(buf);
    o = clean;
    for (const char *p = clean; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
            space = o != clean;
            continue;
        }
        if (space)
            *o++ = ' ';
        space = 0;
        *o++ = *p;
    }
    *o = '\0';
    *out = clean;
    return 0;
}

struct bs_block *bs_import_block(struct bs_page *page,
                                 struct bs_import_limits *lim,
                                 enum bs_role role, struct bs_box box,
                                 const char *what, struct bs_error *err)
{
    if (++lim->blocks > BS_IMPORT_MAX_BLOCKS) {
        bs_fail(err, "%s: more than %d blocks", what, BS_IMPORT_MAX_BLOCKS);
        return NULL;
    }
    return bs_page_add_block(page, role, box);
}

struct bs_word *bs_import_word(struct bs_line *line,
                               struct bs_import_limits *lim, const char *text,
                               struct bs_box box, float conf,
                               const char *what, struct bs_error *err)
{
    if (++lim->words > BS_IMPORT_MAX_WORDS) {
        bs_fail(err, "%s: more than %d words", what, BS_IMPORT_MAX_WORDS);
        return NULL;
    }
    return bs_line_add_word(line, text, box, conf);
}

static int cmp_block_order(const void *pa, const void *pb)
{
    const struct bs_block *a = pa, *b = pb;
    long ka = a->order >= 0 ? a->order : 1L << 40;
    long kb = b->order >= 0 ? b->order : 1L << 40;

    if (ka != kb)
        return ka < kb ? -1 : 1;
    return a->band - b->band; /* band holds the document index here */
}

/* Blocks that share an article key become one article, in reading order
 * of their first blocks; keys are replaced by the article ids. */
static void group_articles(struct bs_page *page)
{
    int n = page->nblocks;
    char (*keys)[16] = bs_calloc((size_t)n + 1, sizeof(*keys));

    for (int i = 0; i < n; i++) {
        memcpy(keys[i], page->blocks[i].article, sizeof(keys[i]));
        page->blocks[i].article[0] = '\0';
    }
    for (int i = 0; i < n; i++) {
        struct bs_article *a;
        if (!keys[i][0] || page->blocks[i].article[0])
            continue;
        a = bs_page_add_article(page);
        for (int k = i; k < n; k++) {
            if (strcmp(keys[k], keys[i]) != 0 || page->blocks[k].article[0])
                continue;
            bs_article_add_block(a, page->blocks[k].id);
            snprintf(page->blocks[k].article, sizeof(page->blocks[k].article),
                     "%s", a->id);
        }
    }
    free(keys);
}

void bs_import_finish(struct bs_page *page)
{
    struct bs_box all = {0, 0, 0, 0};
    int next = 0;

    for (int i = 0; i < page->nblocks; i++) {
        struct bs_block *b = &page->blocks[i];
        struct bs_box lines = {0, 0, 0, 0};
        for (int l = 0; l < b->nlines; l++) {
            if (bs_box_empty(b->lines[l].box))
                bs_line_fit_box(&b->lines[l]);
            lines = bs_box_union(lines, b->lines[l].box);
        }
        if (bs_box_empty(b->box))
            b->box = lines;
        all = bs_box_union(all, b->box);
        b->band = i;
    }
    /* A photo keeps its place in the file's reading order (ahead of its
     * caption) for the sort; only text blocks keep an order after it.
     * Stable: the document index breaks ties. */
    qsort(page->blocks, (size_t)page->nblocks, sizeof(*page->blocks),
          cmp_block_order);
    for (int i = 0; i < page->nblocks; i++) {
        struct bs_block *b = &page->blocks[i];
        b->band = -1;
        b->order = bs_role_has_text(b->role) ? next++ : -1;
    }
    group_articles(page);
    if (page->width <= 0 || page->height <= 0) {
        page->width = bs_box_right(all) > 0 ? bs_box_right(all) : 1;
        page->height = bs_box_bottom(all) > 0 ? bs_box_bottom(all) : 1;
    }
}
