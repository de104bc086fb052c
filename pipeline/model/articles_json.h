/*
 * articles_json.h - the output contract: articles.json.
 *
 *   {"format": "broadsheet-articles", "version": 1,
 *    "page": {"id", "source", "width", "height", "dpi", "lang",
 *             "number"? (printed page number, when known)},
 *    "articles": [{"id", "kicker"?, "headline", "subheadline"?, "byline"?,
 *                  "body", "lang", "bbox": [x, y, w, h], "blocks": [ids],
 *                  "continued_from"?, "continued_to"?,
 *                  "continued_from_ref"?, "continued_to_ref"?}],
 *    "reading_order": [article ids],
 *    "columns": [{"y": [y0, y1], "columns": [[x0, x1], ...]}],
 *    "blocks": [{"id", "role", "bbox", "article"?, "text"}]}
 *
 * The fixtures' ground truth uses the same schema, so eval reads both with
 * bs_articles_load().
 */
#ifndef BS_ARTICLES_JSON_H
#define BS_ARTICLES_JSON_H

#include "../base/error.h"
#include "page.h"

#include <jansson.h>

#define BS_ARTICLES_FORMAT "broadsheet-articles"
#define BS_ARTICLES_VERSION 1

/* The contract's JSON for a page; caller owns the result. */
json_t *bs_articles_to_json(const struct bs_page *page);
int bs_articles_save(const struct bs_page *page, const char *path,
                     struct bs_error *err);
/* Reads articles.json (ours or ground truth) into a page holding the page
 * info, bands, blocks (with their text as one line each, no words) and
 * articles in reading order.  Caller owns *out. */
int bs_articles_load(const char *path, struct bs_page **out,
                     struct bs_error *err);

/* The text form of one article (articles/aNNN.txt): kicker, headline,
 * subheadline and byline lines (those present), a blank line, then the body
 * one paragraph per line with blank lines between.  malloc'd. */
char *bs_article_to_text(const struct bs_article *a);

#endif
