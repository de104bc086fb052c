/*
 * articles.c - stage `articles`: groups blocks into articles.
 *
 * First form: walking the blocks in reading order, a headline starts a new
 * article and every other text block joins the current one.  Fills each
 * article's text fields (plain line joining; `repair` refills them).
 */
#include "../pipeline/article_text.h"
#include "../pipeline/stage.h"

#include <stdio.h>
#include <stdlib.h>

static int by_order(const void *pa, const void *pb)
{
    const struct bs_block *a = *(const struct bs_block *const *)pa;
    const struct bs_block *b = *(const struct bs_block *const *)pb;
    return a->order - b->order;
}

static int articles_run(struct bs_run *run, struct bs_page *page,
                        struct bs_error *err)
{
    struct bs_block **v;
    int n = 0, current = -1;
    struct bs_joiner plain = {bs_join_plain, NULL};

    (void)run;
    (void)err;
    bs_page_clear_articles(page);
    v = calloc((size_t)page->nblocks + 1, sizeof(*v));
    if (!v)
        bs_oom();
    for (int i = 0; i < page->nblocks; i++)
        if (page->blocks[i].order >= 0 && page->blocks[i].nlines > 0)
            v[n++] = &page->blocks[i];
    qsort(v, (size_t)n, sizeof(*v), by_order);
    for (int i = 0; i < n; i++) {
        struct bs_article *a;
        if (current < 0 || v[i]->role == BS_ROLE_HEADLINE ||
            v[i]->role == BS_ROLE_KICKER) {
            /* A kicker directly before a headline belongs with it. */
            if (!(current >= 0 && v[i]->role == BS_ROLE_HEADLINE && i > 0 &&
                  v[i - 1]->role == BS_ROLE_KICKER)) {
                bs_page_add_article(page);
                current = page->narticles - 1;
            }
        }
        a = &page->articles[current];
        bs_article_add_block(a, v[i]->id);
        snprintf(v[i]->article, sizeof(v[i]->article), "%s", a->id);
    }
    free(v);
    for (int a = 0; a < page->narticles; a++) {
        bs_set_str(&page->articles[a].lang, page->lang);
        bs_article_build_text(page, &page->articles[a], &plain);
        bs_article_fit_box(page, &page->articles[a]);
    }
    return 0;
}

const struct bs_stage bs_stage_articles = {
    .name = "articles",
    .summary = "group blocks into articles; find jump lines",
    .reads = "",
    .writes = "",
    .saves_model = 1,
    .run = articles_run,
};
