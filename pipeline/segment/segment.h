/*
 * segment.h - pipeline/segment/, articles and reading order from the page
 * model: the newspaper conventions that group blocks into articles and
 * order them (segment.c; segment_plain.c on a page read by Tesseract's
 * own segmentation), roles told from the text (text_roles.c), jump
 * lines (jumps.c), an article's text from its blocks (article_text.c) and
 * continuations linked across the pages of a run (link.c).
 *
 * Works on the model only (roles, boxes, bands, text), never on images.
 */
#ifndef BS_SEGMENT_H
#define BS_SEGMENT_H

#include "../base/base.h"
#include "../model/model.h"

#include <stdint.h>

/* ---- segment.c ---- */
/*
 * Article segmentation and reading order from the page model.
 *
 * Works on the model contract only (block roles, boxes, bands and their
 * columns), never on images, so `order` and `articles` agree and both can
 * be tested on hand-built pages.
 *
 * Articles: a headline owns the blocks below it in the columns it spans,
 * down to the next horizontal rule or the next headline in those columns
 * (its span takes in a neighbouring column whose text starts right under
 * the head when nothing stands beside the headline there: a flush-left or
 * centred headline narrower than its article); a
 * kicker joins the headline just below it; a headline right under another
 * is the same headline broken in two; a caption goes with its photo; text
 * no headline owns forms headless articles, split at rules, large gaps and
 * bylines; one at the top of a column continues the article at the foot
 * of the column on its left, unless a cutoff rule over it does not cover
 * that foot too.  Reading order: articles band by band (bands end at full-width
 * rules and full-width headlines), in each band column by column from the
 * left, top to bottom; inside an article kicker, headline, subheadline,
 * byline, the body column by column (each top to bottom; a body block
 * spanning columns splits them into sections), photos, then captions.
 */

/* For each block i of the page fills group[i] with its article (0-based, in
 * reading order) or -1 (rules, mastheads, folios, stray photos), and seq[i]
 * with its place in the page's reading order (mastheads and folios first)
 * or -1 (rules, stray photos).  gap_lines: a vertical gap of this many body
 * text heights separates two headless articles.  The arrays hold
 * page->nblocks ints, owned by the caller.  Returns the number of
 * articles. */
int bs_segment(const struct bs_page *page, double gap_lines, int *group,
               int *seq);

/* ---- segment_plain.c ---- */
/* bs_segment for a page read by Tesseract's own segmentation (page->doubt
 * set; bs_segment calls it then): seq is bs_doubt_order's (Tesseract's
 * reading order), and articles follow it, a new one at each headline or
 * kicker after body text, every other text block in the article before
 * it (the first in one of its own).  Rules and photos get group and seq
 * -1.  Returns the number of articles. */
int bs_segment_plain(const struct bs_page *page, int *group, int *seq);

/* Sets block->order from bs_segment's seq: text blocks get 0, 1, 2, ...
 * in reading order; rules, photos and left-out blocks get -1. */
void bs_segment_apply_order(struct bs_page *page, const int *seq);

/* ---- text_roles.c ---- */
/*
 * Block roles told from the text once it is read: jump
 * lines, bylines and photo credits.  Layout decides roles from geometry;
 * some roles only show in the words ("By JANE DOE", "本报记者 梅刚",
 * "Continued on Page 4", "王磊 摄").
 */

/* True when one line of text reads as a byline: "By Jane Doe", "BY JANE
 * DOE", "本报记者 梅刚", "通讯员 朱小萌", a short credit line. */
int bs_text_is_byline(const char *line);
/* True when the line is a photo credit: a short line ending in 摄. */
int bs_text_is_photo_credit(const char *line);

/* Refines the roles of the page's text blocks by their text: a block (or
 * its first or last line, split off into a block of its own) that is a jump
 * line becomes a continuation; a short block that reads as a byline becomes
 * a byline (a photo credit under a photo a caption); a one-line body
 * block of a few Latin words centred in its block becomes a headline (the
 * country heads of early papers), and so does a body block of up to three
 * lines whose OCR'd lines are headline_ratio times the body's (0: off);
 * a short one-line body block just over a headline becomes its kicker.
 * Returns the number of
 * blocks changed or added.  Block pointers are invalid afterwards. */
int bs_text_refine_roles(struct bs_page *page, double headline_ratio);

/* ---- jumps.c ---- */
/*
 * Recognising jump lines: the line that sends a reader to another
 * page ("Continued on Page 4", "See BUDGET, Page 4", "下转第4版", "转第4版",
 * "（下转第二版）") or tells where the text comes from ("Continued from
 * Page 1", "BUDGET from Page 1", "上接第1版", "■上接第一版").
 *
 * A line is a jump line only when the jump phrase is the whole line, up to
 * brackets, ornaments (■□▲◆●★) and punctuation: "转第4版" inside a sentence
 * is body text.  Page numbers may be Arabic (also full width), Chinese
 * numerals (第二十一版) or carry a section letter (A4 -> 4).
 */

enum bs_jump_dir {
    BS_JUMP_NONE = 0,
    BS_JUMP_TO,     /* the article goes on on `page` */
    BS_JUMP_FROM,   /* the article comes from `page` */
};

struct bs_jump {
    enum bs_jump_dir dir;
    int page;            /* 1 and up */
    char keyword[64];    /* "BUDGET" of "See BUDGET, Page 4"; "" none */
};

/* Parses one line of text.  Returns 1 and fills *out when the line is a
 * jump line, else 0 with out->dir = BS_JUMP_NONE. */
int bs_jump_parse(const char *text, struct bs_jump *out);

/* The value of a Chinese numeral of up to 9999 (一 .. 九千九百九十九, with
 * 零/〇/两), or -1 when cps[0..n) is not one. */
int bs_chinese_number(const uint32_t *cps, int n);

/* Reads the jump lines (continuation blocks) of an article into its
 * continued_from / continued_to page numbers (the first of each kind);
 * used by the `articles` stage and by `broadsheet import`. */
void bs_article_read_jumps(const struct bs_page *page, struct bs_article *a);

/* ---- article_text.c ---- */
/*
 * Turning an article's blocks into its text fields.
 *
 * Both `articles` (first assembly) and `repair` (after fixing the lines) fill
 * kicker, headline, subheadline, byline and body from the article's blocks in
 * reading order.  How two lines are joined is the caller's choice (a
 * bs_joiner): `articles` joins plainly, `repair` consults its lexicon for
 * hyphenated words.
 */

enum bs_join {
    BS_JOIN_SPACE,       /* "end" + " " + "start" (Latin text) */
    BS_JOIN_NONE,        /* "end" + "start" (CJK text) */
    BS_JOIN_DEHYPHEN,    /* drop the trailing hyphen: "inter-" "national" */
};

/* Decides how the line ending in `prev` continues with `next`.  prev is
 * the end of the text so far (its last 256 bytes or so: enough for the
 * last word and what comes before it), not all of it.  ctx is the joiner's
 * own state. */
struct bs_joiner {
    enum bs_join (*decide)(const char *prev, const char *next, void *ctx);
    void *ctx;
};

/* The default decision: no space between CJK characters, otherwise one
 * space; hyphens kept (without a lexicon nobody can tell "well-" "known"
 * from "inter-" "national"). */
enum bs_join bs_join_plain(const char *prev, const char *next, void *ctx);

/* Appends `next` to the text in acc with the joiner's decision. */
void bs_join_append(struct bs_buf *acc, const char *next,
                    const struct bs_joiner *j);

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

/* ---- link.c ---- */
/*
 * Linking continued articles across the pages of one run.
 *
 * When a run holds several pages of one issue, an article that jumps
 * ("Continued on Page 4", "下转第4版") is linked to the article it continues
 * on that page: the one whose jump line points back ("Continued from Page
 * 1", "上接第1版") and that shares the jump keyword ("See BUDGET, Page 4" /
 * "BUDGET from Page 1") or headline words.  The link is written in both
 * articles as continued_to_ref / continued_from_ref = "<page-id>/<article-id>"
 * in articles.json and model.repair.json.
 */

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
