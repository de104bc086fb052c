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

/* Seconds since the epoch to stamp documents that need a date (PAGE
 * Created, hOCR has none): SOURCE_DATE_EPOCH when set, else the source
 * file's modification time, else 0, so a rerun writes the same bytes. */
long long bs_xml_doc_time(const char *source);
/* "YYYY-MM-DDThh:mm:ss" (UTC) of bs_xml_doc_time(). */
void bs_xml_doc_date(const char *source, char out[32]);

struct bs_page;
struct bs_article;
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
