/*
 * order.c - stage `order`: the reading order of the page's blocks.
 *
 * Articles from the top left, band by band, column by column; inside an
 * article kicker, headline, subheadline, byline, body columns left to right
 * (each top to bottom), then captions (pipeline/segment/segment.c decides).
 * Writes block->order (0-based, dense) for text blocks; rules and photos
 * get -1.  Article ids are left to `articles`.
 */
#include "../pipeline/run/run.h"
#include "../pipeline/segment/segment.h"

#include <stdlib.h>

static int order_run(struct bs_run *run, struct bs_page *page,
                     struct bs_error *err)
{
    int n = page->nblocks;
    int *group = calloc((size_t)n + 1, sizeof(int));
    int *seq = calloc((size_t)n + 1, sizeof(int));

    (void)err;
    if (!group || !seq)
        bs_oom();
    bs_segment(page, run->settings->profile.article_gap_lines, group, seq);
    bs_segment_apply_order(page, seq);
    free(group);
    free(seq);
    return 0;
}

const struct bs_stage bs_stage_order = {
    .name = "order",
    .summary = "put the blocks in the order a reader reads them",
    .reads = "",
    .writes = "",
    .saves_model = 1,
    .run = order_run,
};
