/*
 * eval.h - scoring broadsheet's output against ground truth: per article,
 * per page and per run.
 *
 * A page's predicted articles are paired with its truth articles by optimal
 * assignment (assign.h) on their CER capped at 1; a pair with capped CER 1
 * is no pair.  A truth article is found when its pair's CER is below the
 * match threshold.  All totals are micro-averages: summed errors over summed
 * reference length, summed counts.
 *
 * Page-level scores (page CER, WER, bag-of-words error, FCA) compare whole
 * page texts when the truth has one (gt.h): the output's fulltext.txt, or
 * another engine's plain text, against the truth's full reading order.
 * Without one, the articles' texts in reading order on both sides.  An
 * output without articles (plain text) has no article metrics.
 */
#ifndef BS_EVAL_H
#define BS_EVAL_H

#include "gt.h"
#include "metrics.h"

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

#endif
