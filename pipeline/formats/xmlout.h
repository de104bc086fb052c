/*
 * xmlout.h - the shared plumbing of the XML writers (ALTO, PAGE, hOCR,
 * METS): a libxml2 xmlTextWriter into memory, committed atomically.
 *
 * Writers build the whole document with xmlTextWriter calls (never by
 * hand-built strings, so escaping and well-formedness are libxml2's job),
 * then bs_xmlout_commit() writes the bytes to a temp file and renames it
 * over the target.  A failed or abandoned document leaves no file.
 */
#ifndef BS_XMLOUT_H
#define BS_XMLOUT_H

#include "../base/base.h"
#include "../model/model.h"

#include <libxml/xmlwriter.h>

struct bs_xmlout {
    xmlBufferPtr buf;     /* owned */
    xmlTextWriterPtr w;   /* owned; writes into buf */
    int failed;           /* set by any failed write call */
};

/* Starts a UTF-8 document (XML declaration written, indented output).
 * Only out-of-memory can fail, and that is fatal. */
void bs_xmlout_start(struct bs_xmlout *x);
/* Ends the document and writes it atomically to path; releases x either
 * way.  Fails when a write call failed or the file cannot be written. */
int bs_xmlout_commit(struct bs_xmlout *x, const char *path,
                     struct bs_error *err);
/* Releases x without writing; safe on a released or zeroed x. */
void bs_xmlout_release(struct bs_xmlout *x);

/* Element and attribute helpers; failures are remembered in x->failed. */
void bs_xo_start(struct bs_xmlout *x, const char *name);
void bs_xo_end(struct bs_xmlout *x);
/* Ends an element with an end tag even when empty (<div></div>, for HTML). */
void bs_xo_end_full(struct bs_xmlout *x);
void bs_xo_attr(struct bs_xmlout *x, const char *name, const char *value);
void bs_xo_attrf(struct bs_xmlout *x, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void bs_xo_attr_int(struct bs_xmlout *x, const char *name, long v);
/* <name>text</name> */
void bs_xo_elem(struct bs_xmlout *x, const char *name, const char *text);
void bs_xo_text(struct bs_xmlout *x, const char *text);

/* A copy of s that is valid XML 1.0 character data: control characters
 * (other than tab/newline/CR) become U+FFFD, as do invalid UTF-8 bytes.
 * malloc'd. */
char *bs_xml_clean(const char *s);

/* Seconds since the epoch to stamp documents with (PAGE Created, ALTO
 * processingDateTime): the time of writing, or SOURCE_DATE_EPOCH when set
 * (reproducible outputs: a rerun then writes the same bytes). */
long long bs_xml_doc_time(void);
/* "YYYY-MM-DDThh:mm:ss" (UTC) of bs_xml_doc_time(). */
void bs_xml_doc_date(char out[32]);

struct bs_page;
struct bs_article;

/* The image a page file's coordinates belong to, as the file at xml_path
 * names it: "gray.png" (the deskewed page) when the XML's folder has one,
 * else the page's source image (an imported page) relative to that
 * folder.  malloc'd. */
char *bs_xml_image_ref(const struct bs_page *page, const char *xml_path);
/* A Tesseract language list's first language as a BCP 47 tag (ALTO LANG:
 * "chi_sim+eng" -> "zh-Hans"); 0 when it has none. */
int bs_xml_lang_bcp47(const char *lang, char out[32]);
/* ... and as PAGE's LanguageSimpleType name ("German"), NULL unknown. */
const char *bs_xml_lang_page(const char *lang);
/* The page's block indexes in reading order, the one order every writer
 * uses: the articles' blocks (articles in order, each article's blocks in
 * its order), then the other blocks with an order (ascending), then the
 * rest in page order.  malloc'd, nblocks long. */
int *bs_xml_block_sequence(const struct bs_page *page);
/* How many of article a's blocks the page still holds (an article whose
 * blocks are all gone gets no reading-order group). */
int bs_xml_article_nblocks(const struct bs_page *page,
                           const struct bs_article *a);

#endif
