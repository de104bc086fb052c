/*
 * segment.h - article segmentation and reading order from the page model.
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
#ifndef BS_SEGMENT_H
#define BS_SEGMENT_H

#include "../model/page.h"

/* For each block i of the page fills group[i] with its article (0-based, in
 * reading order) or -1 (rules, mastheads, folios, stray photos), and seq[i]
 * with its place in the page's reading order (mastheads and folios first)
 * or -1 (rules, stray photos).  gap_lines: a vertical gap of this many body
 * text heights separates two headless articles.  The arrays hold
 * page->nblocks ints, owned by the caller.  Returns the number of
 * articles. */
int bs_segment(const struct bs_page *page, double gap_lines, int *group,
               int *seq);

/* Sets block->order from bs_segment's seq: text blocks get 0, 1, 2, ...
 * in reading order; rules, photos and left-out blocks get -1. */
void bs_segment_apply_order(struct bs_page *page, const int *seq);

#endif
