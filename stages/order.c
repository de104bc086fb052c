/*
 * order.c - stage `order`: the reading order of the page's blocks.
 *
 * First form: band by band, then column by column, then top to bottom.
 * Writes block->order (0-based) for text blocks; rules and photos get -1.
 */
#include "../pipeline/stage.h"

#include <stdlib.h>

static int cmp_reading(const void *pa, const void *pb)
{
    const struct bs_block *a = *(const struct bs_block *const *)pa;
    const struct bs_block *b = *(const struct bs_block *const *)pb;

    if (a->band != b->band)
        return a->band - b->band;
    if (a->col_first != b->col_first)
        return a->col_first - b->col_first;
    if (a->box.y != b->box.y)
        return a->box.y - b->box.y;
    return a->box.x - b->box.x;
}

static int order_run(struct bs_run *run, struct bs_page *page,
                     struct bs_error *err)
{
    struct bs_block **v;
    int n = 0;

    (void)run;
    (void)err;
    v = calloc((size_t)page->nblocks + 1, sizeof(*v));
    if (!v)
        bs_oom();
    for (int i = 0; i < page->nblocks; i++) {
        page->blocks[i].order = -1;
        if (bs_role_has_text(page->blocks[i].role))
            v[n++] = &page->blocks[i];
    }
    qsort(v, (size_t)n, sizeof(*v), cmp_reading);
    for (int i = 0; i < n; i++)
        v[i]->order = i;
    free(v);
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
