/*
 * article_text.h - turning an article's blocks into its text fields.
 *
 * Both `articles` (first assembly) and `repair` (after fixing the lines) fill
 * kicker, headline, subheadline, byline and body from the article's blocks in
 * reading order.  How two lines are joined is the caller's choice (a
 * bs_joiner): `articles` joins plainly, `repair` consults its lexicon for
 * hyphenated words.
 */
#ifndef BS_ARTICLE_TEXT_H
#define BS_ARTICLE_TEXT_H

#include "../model/page.h"

enum bs_join {
    BS_JOIN_SPACE,       /* "end" + " " + "start" (Latin text) */
    BS_JOIN_NONE,        /* "end" + "start" (CJK text) */
    BS_JOIN_DEHYPHEN,    /* drop the trailing hyphen: "inter-" "national" */
};

/* Decides how the line ending in `prev` continues with `next`.  ctx is the
 * joiner's own state. */
struct bs_joiner {
    enum bs_join (*decide)(const char *prev, const char *next, void *ctx);
    void *ctx;
};

/* The default decision: no space between CJK characters, otherwise one
 * space; hyphens kept (without a lexicon nobody can tell "well-" "known"
 * from "inter-" "national"). */
enum bs_join bs_join_plain(const char *prev, const char *next, void *ctx);

/* Appends `next` to the malloc'd string *acc with the joiner's decision. */
void bs_join_append(char **acc, const char *next, const struct bs_joiner *j);

/* The paragraphs of a block, separated by '\n'.  A line starts a new
 * paragraph when it is indented or the line before it ends short; lines
 * without geometry are one paragraph each.  malloc'd. */
char *bs_block_paragraphs(const struct bs_block *b, const struct bs_joiner *j);

/* Refills the text fields of article `a` from its blocks (a->blocks, in
 * reading order).  Jump lines are not part of the body: they become
 * continued_from / continued_to (set by `articles`). */
void bs_article_build_text(const struct bs_page *page, struct bs_article *a,
                           const struct bs_joiner *j);

/* Recomputes a->box as the union of its blocks' boxes. */
void bs_article_fit_box(const struct bs_page *page, struct bs_article *a);

#endif
