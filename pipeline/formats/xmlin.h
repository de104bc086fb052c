/*
 * xmlin.h - the shared safe parsing of the import readers (ALTO, PAGE,
 * hOCR): libxml2 on an in-memory document with no network, no DTD loading,
 * no entity substitution and no libxml2 messages on stderr; documents that
 * declare entities are refused.  Plus bounded helpers to read numbers and
 * text out of the tree.
 */
#ifndef BS_XMLIN_H
#define BS_XMLIN_H

#include "../base/base.h"
#include "../model/model.h"

#include <libxml/tree.h>

/* Limits for imported pages; beyond them the file is refused. */
#define BS_IMPORT_MAX_COORD 1000000
#define BS_IMPORT_MAX_BLOCKS BS_PAGE_MAX_BLOCKS
#define BS_IMPORT_MAX_WORDS BS_PAGE_MAX_WORDS
#define BS_IMPORT_MAX_TEXT 65536

/* Parses data as XML (html = 0) or as HTML (html = 1, for hOCR).  On
 * success the caller owns *doc (xmlFreeDoc).  On failure err names `what`
 * and the first parse error. */
int bs_xml_parse(const char *data, size_t len, const char *what, int html,
                 xmlDocPtr *doc, struct bs_error *err);

/* True when the element's local name is `name` (any namespace). */
int bs_xml_is(const xmlNode *n, const char *name);
/* An attribute as a malloc'd cleaned string, or NULL when absent. */
char *bs_xml_attr(const xmlNode *n, const char *name);
/* An attribute as a number in lo..hi.  Absent: *out = dflt, returns 0.
 * Present but not a number in range: returns -1 with err naming `what`,
 * the line and the attribute. */
int bs_xml_attr_num(const xmlNode *n, const char *name, double lo, double hi,
                    double dflt, double *out, const char *what,
                    struct bs_error *err);
/* The text content of an element, cleaned (xmlout.h: bs_xml_clean) and
 * with runs of white space collapsed to one space and trimmed; at most
 * BS_IMPORT_MAX_TEXT bytes (longer: -1 with err).  malloc'd in *out. */
int bs_xml_text(xmlNode *n, const char *what, char **out,
                struct bs_error *err);

/* Counters that enforce the limits while a reader builds a page. */
struct bs_import_limits {
    int blocks, words;
};
/* Adds a block/word or fails with err when a limit is passed. */
struct bs_block *bs_import_block(struct bs_page *page,
                                 struct bs_import_limits *lim,
                                 enum bs_role role, struct bs_box box,
                                 const char *what, struct bs_error *err);
struct bs_word *bs_import_word(struct bs_line *line,
                               struct bs_import_limits *lim, const char *text,
                               struct bs_box box, float conf,
                               const char *what, struct bs_error *err);
/* Finishes an imported page: line boxes from words, block boxes from
 * lines where missing, page size from the blocks when the file gave none,
 * articles made of the blocks that share a key in block->article (the
 * readers' groups; any string), blocks sorted in reading order (blocks with order >= 0 first,
 * ascending, then the others in document order) and every text block
 * given a dense order (rules and photos -1). */
void bs_import_finish(struct bs_page *page);

#endif
