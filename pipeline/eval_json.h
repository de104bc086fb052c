/*
 * eval_json.h - the JSON form of an eval run (--json FILE), which is also
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
#ifndef BS_EVAL_JSON_H
#define BS_EVAL_JSON_H

#include "eval.h"

#include <jansson.h>

/* Caller owns the result. */
json_t *bs_eval_to_json(const struct bs_eval_run *run);

/* A number or null (NAN) rounded to 6 decimals: the form every eval number
 * takes in JSON and HTML. */
json_t *bs_eval_num(double v);

#endif
