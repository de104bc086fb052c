/*
 * gt.h - the texts eval compares: a page's articles in reading order, read
 * from broadsheet's output or from ground truth in any of its forms.
 *
 * Forms read (bs_gt_load picks by name and content):
 *   - articles.json schema (our output, the fixtures' truth): bs_articles_load
 *   - PAGE XML (any version; elements matched by local name): text regions
 *     in ReadingOrder, text of lines (TextLine/TextEquiv/Unicode) or of the
 *     region; articles from `custom="structure {id:aN; type:article;}"` on
 *     lines or regions.  A file with article tags but no text (like
 *     nzz_*.articles.page.xml) takes its text from the sibling without
 *     ".articles" in its name, matching lines by position.
 *   - a folder of per-article text files (*.txt in the articles/aNNN.txt
 *     form: header lines, blank line, body paragraphs)
 *   - a plain .txt file: page text only (no article structure)
 * Everything read is untrusted: bad input gives one line naming the file.
 *
 * Besides its articles a doc may hold the whole page's text (page_text):
 * what a transcription of the whole page reads, the masthead, folios and
 * text in no article too.  Truth in PAGE XML and plain text always has it
 * (a tag-only PAGE file: its sibling's whole text), truth in the
 * articles.json schema has it from its blocks (the text in no article
 * round its articles), an output page folder from its fulltext.txt, another
 * engine's plain text is nothing else.  Page-level scores compare whole
 * page texts whenever the truth has one (bs_doc_page_text), so a page
 * folder and another engine's text are scored alike.
 */
#ifndef BS_GT_H
#define BS_GT_H

#include "error.h"
#include "page.h"

/* One article's text. */
struct bs_doc_article {
    char *id;
    char *headline;  /* "" none; NULL when the truth does not say which
                        header line is the headline (then `header` holds
                        the candidates) */
    char *header;    /* header lines ('\n'-separated) when headline is NULL */
    char *text;      /* header lines then body paragraphs, '\n' between */
};

/* A page's texts.  Owns everything in it. */
struct bs_doc {
    char *id;            /* page id (file stem for truth files) */
    char *source;        /* file or folder read */
    char *lang;          /* may be NULL */
    int has_articles;    /* 0: page text only (article metrics not defined) */
    struct bs_doc_article *articles;   /* reading order */
    int narticles, caparticles;
    char *page_text;     /* the whole page's text (see above), NULL when the
                            source has none (then: the articles') */
    /* repairs.json counts by kind (output side only) */
    char **repair_kinds;
    int *repair_counts;
    int nrepairs, caprepairs;
};

void bs_doc_free(struct bs_doc **doc);

/* A doc from a loaded articles.json page (headline "" when none). */
struct bs_doc *bs_doc_from_page(const struct bs_page *page, const char *source);

/* The whole page's text: page_text, else the articles' texts in reading
 * order separated by '\n'.  malloc'd. */
char *bs_doc_page_text(const struct bs_doc *doc);

/* The articles' texts in reading order separated by '\n' (page_text, or ""
 * when the doc has no articles).  malloc'd. */
char *bs_doc_articles_text(const struct bs_doc *doc);

/* Reads broadsheet's page folder: articles.json, and fulltext.txt and
 * repairs.json when present. */
int bs_doc_load_output(const char *page_dir, struct bs_doc **out,
                       struct bs_error *err);

/* Reads a file of plain UTF-8 page text (another engine's output, a .txt
 * truth) whatever its name: page_text only, no articles.  The id is the
 * file's stem. */
int bs_doc_load_text(const char *path, struct bs_doc **out,
                     struct bs_error *err);

/* Reads ground truth from a file (articles.json schema, PAGE XML, .txt) or
 * a folder of per-article .txt files.  The page id is the file's stem
 * (without .json, .xml, .page.xml, .articles.page.xml, .txt) or the page id
 * inside articles.json when it has one. */
int bs_gt_load(const char *path, struct bs_doc **out, struct bs_error *err);

/* The stem a truth file is matched to pages by ("nzz_1812" for
 * "dir/nzz_1812.articles.page.xml").  malloc'd. */
char *bs_gt_stem(const char *path);

/* True when the name looks like a truth file bs_gt_load reads. */
int bs_gt_is_truth_name(const char *name);

#endif
