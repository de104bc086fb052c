/*
 * link.h - linking continued articles across the pages of one run.
 *
 * When a run holds several pages of one issue, an article that jumps
 * ("Continued on Page 4", "下转第4版") is linked to the article it continues
 * on that page: the one whose jump line points back ("Continued from Page
 * 1", "上接第1版") and that shares the jump keyword ("See BUDGET, Page 4" /
 * "BUDGET from Page 1") or headline words.  The link is written in both
 * articles as continued_to_ref / continued_from_ref = "<page-id>/<article-id>"
 * in articles.json and model.repair.json.
 */
#ifndef BS_LINK_H
#define BS_LINK_H

#include "../base/error.h"

/* Links the continuations among the page folders page_dirs[0..n), which
 * hold finished pages (articles.json and model.repair.json).  A page's
 * number is its printed page number (page.number) or, when unknown, its
 * place in the list (1-based).  Each changed file is rewritten atomically;
 * folders without the files are left alone.  Returns the number of links
 * made, or -1 with err set when a file cannot be read or written. */
int bs_link_continuations(char **page_dirs, int n, struct bs_error *err);

/* How strongly two headlines or keywords look like the same story: shared
 * words of 3+ letters (Latin, case-folded, without stop words) plus shared
 * pairs of Han characters. */
int bs_link_similarity(const char *a, const char *b);

#endif
