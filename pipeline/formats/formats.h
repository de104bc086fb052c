/*
 * formats.h - the archive formats: page writers (ALTO 4.4, PAGE XML
 * 2019-07-15, hOCR), the run's METS, and the import readers that build a
 * page model from ALTO, PAGE or hOCR made by broadsheet or another engine.
 *
 * Writers take a finished page (after `articles`; block roles, reading
 * order and articles are written when present) and write one file
 * atomically; on failure no file is left and err says why.
 *
 * Readers treat the file as hostile: at most BS_IMPORT_MAX_BYTES, parsed
 * by libxml2 without network access, without DTD loading or entity
 * expansion, with every count and coordinate bounded.  On failure they
 * return -1 with one line naming the file; *out is NULL.  On success the
 * caller owns *out: a page with blocks (roles from the file when it says
 * them, else body), lines and words with boxes and confidences, and
 * block->order from the file's reading order (or document order).
 */
#ifndef BS_FORMATS_H
#define BS_FORMATS_H

#include "../base/base.h"
#include "../model/model.h"

#define BS_IMPORT_MAX_BYTES (64u << 20)

/* File names in the page folder. */
#define BS_ALTO_NAME "page.alto.xml"
#define BS_PAGEXML_NAME "page.xml"
#define BS_HOCR_NAME "page.hocr"
#define BS_METS_NAME "mets.xml"
#define BS_PDF_NAME "page.pdf"

int bs_alto_write(const struct bs_page *page, const char *path,
                  struct bs_error *err);
int bs_pagexml_write(const struct bs_page *page, const char *path,
                     struct bs_error *err);
int bs_hocr_write(const struct bs_page *page, const char *path,
                  struct bs_error *err);
/* A searchable PDF (pdf_write.c): the page image image_png (a grey or RGB
 * PNG, embedded without decoding; the image the page's coordinates are
 * pixels of) with the page's words as invisible text at their boxes in the
 * glyphless font font_ttf (Tesseract's pdf.ttf), one bookmark per article
 * in reading order.  The page's dpi sets the size in points. */
int bs_pdf_write(const struct bs_page *page, const char *image_png,
                 const char *font_ttf, const char *path, struct bs_error *err);

/* Writes out_dir/mets.xml describing every finished page folder under
 * out_dir at any depth (those holding done.json and model.repair.json;
 * the page id is the folder's path below out_dir), in page-id order: file groups IMAGE (gray.png, the image the coordinates refer
 * to), ALTO and PAGE (those that exist), a physical structMap with one
 * div per page, and a logical structMap with one ARTICLE div per article,
 * articles continued across pages (continued_to_ref) joined into one.
 * Describing the folder rather than the run makes the file the same
 * whatever way the pages were run (shards, one page per process). */
int bs_mets_write_dir(const char *out_dir, struct bs_error *err);

enum bs_import_kind {
    BS_IMPORT_UNKNOWN = 0,
    BS_IMPORT_ALTO,
    BS_IMPORT_PAGEXML,
    BS_IMPORT_HOCR,
};
/* Guesses the format from the first bytes of a document. */
enum bs_import_kind bs_import_sniff(const char *data, size_t len);
const char *bs_import_kind_name(enum bs_import_kind kind);

/* Parse a document held in memory; `what` names it in messages. */
int bs_alto_read(const char *data, size_t len, const char *what,
                 struct bs_page **out, struct bs_error *err);
int bs_pagexml_read(const char *data, size_t len, const char *what,
                    struct bs_page **out, struct bs_error *err);
int bs_hocr_read(const char *data, size_t len, const char *what,
                 struct bs_page **out, struct bs_error *err);
/* The page id of a file read as a page: its name without the extension
 * and without a format suffix (".alto", ".page", ".hocr"); broadsheet's
 * own page.alto.xml, page.xml, page.hocr and page.txt take their folder's
 * name.  malloc'd. */
char *bs_import_id(const char *path);
/* Sniffs and reads one file of any of the three formats.  Sets the page's
 * id from the file name and its source to the image the file names (else
 * the file itself). */
int bs_import_file(const char *path, struct bs_page **out,
                   struct bs_error *err);

#endif
