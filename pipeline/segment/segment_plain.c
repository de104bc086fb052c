/*
 * segment_plain.c - articles of a page read by Tesseract's own page
 * segmentation (page->doubt set, segment.h).
 *
 * On such a page layout's columns and bands are what is in doubt, so no
 * convention that leans on them (headline spans, columns, rules) is used:
 * the blocks keep Tesseract's reading order (bs_doubt_order) and an
 * article begins at each headline.  Every text block is in an article, so
 * nothing read is lost from the articles and page.txt.
 */
#include "segment.h"

#include <stdlib.h>

/* Display type over a story: a headline (or its kicker) opens one. */
static int opens_article(enum bs_role r)
{
    return r == BS_ROLE_HEADLINE || r == BS_ROLE_KICKER;
}

/* The head of a story: kicker, headline, deck, byline.  A headline after
 * only these is the same head broken in parts (a kicker over its
 * headline, a headline in two lines), not a new story. */
static int head_part(enum bs_role r)
{
    return r == BS_ROLE_KICKER || r == BS_ROLE_HEADLINE ||
           r == BS_ROLE_SUBHEADLINE || r == BS_ROLE_BYLINE;
}

int bs_segment_plain(const struct bs_page *page, int *group, int *seq)
{
    int n = page->nblocks, ngroups = 0, placed, cur = -1, body_seen = 0;
    int *by_seq = bs_malloc(((size_t)n + 1) * sizeof(int));

    placed = bs_doubt_order(page, seq);
    for (int i = 0; i < n; i++) {
        group[i] = -1;
        if (seq[i] >= 0)
            by_seq[seq[i]] = i;
    }
    for (int k = 0; k < placed; k++) {
        enum bs_role r = page->blocks[by_seq[k]].role;
        if (cur < 0 || (opens_article(r) && body_seen)) {
            cur = ngroups++;
            body_seen = 0;
        }
        group[by_seq[k]] = cur;
        body_seen |= !head_part(r);
    }
    free(by_seq);
    return ngroups;
}
