/*
 * eval.h - pipeline/eval/, scoring output against ground truth: the texts
 * compared, read from our output or from truth in any of its forms (gt.c),
 * the scores per article, page and run (eval.c, with the error measures of
 * metrics.h and the assignment of assign.h inside), and the reports: JSON
 * (eval_json.c) and HTML (report_html.c).
 */
#ifndef BS_EVAL_H
#define BS_EVAL_H

#include "metrics.h"
#include "../base/base.h"
#include "../model/model.h"

#include <jansson.h>

/* ---- gt.c ---- */
/*
 * The texts eval compares: a page's articles in reading order, read
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

/* ---- eval.c ---- */
/*
 * Scoring broadsheet's output against ground truth: per article,
 * per page and per run.
 *
 * A page's predicted articles are paired with its truth articles by optimal
 * assignment (assign.h) on their CER capped at 1; a pair with capped CER 1
 * is no pair.  A truth article is found when its pair's CER is below the
 * match threshold.  All totals are micro-averages: summed errors over summed
 * reference length, summed counts.
 *
 * Page-level scores (page CER, WER, bag-of-words error, FCA) compare whole
 * page texts when the truth has one (gt.c): the output's fulltext.txt, or
 * another engine's plain text, against the truth's full reading order.
 * Without one, the articles' texts in reading order on both sides.  An
 * output without articles (plain text) has no article metrics.
 */

#define BS_EVAL_MATCH_CER 0.25

struct bs_eval_opts {
    double match_cer;   /* found when CER < this (default 0.25) */
    int no_fca;         /* skip the flexible character accuracy */
    int fold;           /* compare bs_fold_text() forms of both sides */
};

/* One row of a page's article table: a pair, a missed truth article
 * (pred -1) or an invented output article (gt -1). */
struct bs_eval_row {
    int gt, pred;                 /* article indexes, -1 none */
    struct bs_err_count cer, wer, fca;
    int fca_ok;                   /* fca computed */
    int found;                    /* paired and CER < threshold */
    int headline_scored;          /* truth has a headline to get right */
    int headline_ok;
};

struct bs_eval_page {
    char *id;
    struct bs_doc *gt, *pred;     /* owned */
    int missing_output;           /* the page folder has no articles.json */
    int has_articles;             /* truth and output have articles */
    struct bs_eval_row *rows;     /* truth order, then invented articles */
    int nrows;
    struct bs_err_count page_cer, page_wer, page_bow, page_fca;
    int page_fca_ok;
    struct bs_err_count art_cer, art_wer;  /* over truth articles */
    int n_gt, n_pred, n_found;
    int head_total, head_ok;
    /* repairs by kind (from pred) are read from pred->repair_* */
};

/* Totals of a run (also used per page by the reports). */
struct bs_eval_totals {
    int pages, pages_missing, pages_with_articles;
    struct bs_err_count page_cer, page_wer, page_bow, page_fca, art_cer, art_wer;
    int fca_ok;                    /* every page had its FCA computed */
    int n_gt, n_pred, n_found;
    int head_total, head_ok;
};

struct bs_eval_run {
    struct bs_eval_page *pages;
    int npages, cappages;
    struct bs_eval_opts opts;
};

/* Scores one page; takes ownership of gt and pred (pred may be an empty doc
 * for a page whose output is missing).  Appends the page to run.  Never
 * fails. */
void bs_eval_add_page(struct bs_eval_run *run, struct bs_doc *gt,
                      struct bs_doc *pred, int missing_output);
void bs_eval_run_release(struct bs_eval_run *run);

/* Sums pages [from, to) of the run. */
void bs_eval_sum(const struct bs_eval_run *run, int from, int to,
                 struct bs_eval_totals *t);

/* Rates from totals; a rate without a denominator is NAN (reported as
 * null / "-"). */
double bs_eval_precision(const struct bs_eval_totals *t);
double bs_eval_recall(const struct bs_eval_totals *t);
double bs_eval_f1(const struct bs_eval_totals *t);
double bs_eval_headline_accuracy(const struct bs_eval_totals *t);
/* Article CER / WER of the totals; NAN without truth articles. */
double bs_eval_article_cer(const struct bs_eval_totals *t);
double bs_eval_article_wer(const struct bs_eval_totals *t);
/* Flexible character accuracy of the totals; NAN when not computed. */
double bs_eval_fca(const struct bs_eval_totals *t);

/* ---- eval_json.c ---- */
/*
 * The JSON form of an eval run (--json FILE), which is also
 * the one source of the numbers in the terminal table and the HTML report.
 *
 *   {"format": "broadsheet-eval", "version": 1, "match_cer": 0.25,
 *    "summary": {metrics..., "repairs": {kind: n}},
 *    "pages": [{"id", "truth", "output", "missing_output", "has_articles",
 *               metrics..., "repairs": {kind: n},
 *               "articles": [{"truth", "output", "truth_headline",
 *                             "output_headline", "chars", "errors", "cer",
 *                             "wer", "fca", "found", "headline_ok"}]}]}
 *
 * metrics: pages, pages_missing, article_cer, article_wer, page_cer,
 * page_wer, page_bow (the bag-of-words error, metrics.h), fca, precision,
 * recall, f1, headline_accuracy, articles_truth, articles_output,
 * articles_found, headlines_scored, headlines_correct, chars_truth,
 * char_errors, words_truth (page text), approximate (a distance was a
 * banded upper bound).  A metric without a denominator is null;
 * "has_articles" is false (and the article metrics null) when the truth or
 * the output has no articles.
 */

/* Caller owns the result. */
json_t *bs_eval_to_json(const struct bs_eval_run *run);

/* A number or null (NAN) rounded to 6 decimals: the form every eval number
 * takes in JSON and HTML. */
json_t *bs_eval_num(double v);

/* ---- report_html.c ---- */
/*
 * The eval report as one self-contained HTML page (--html):
 * summary, thresholds, a table per run and per page, and a side-by-side
 * diff of every article with insertions and deletions highlighted.
 *
 * Numbers come from the JSON report (eval_json.c), so the page and --json
 * always agree; every summary number sits in an element with
 * id="sum-<key>" and data-value="<the JSON number>" for tools to read.
 * All text is HTML-escaped; the page has no scripts and loads nothing.
 */

/* Writes the page atomically to path. */
int bs_eval_write_html(const struct bs_eval_run *run, json_t *report,
                       const char *path, struct bs_error *err);

#endif
