/*
 * articles.c - stage `articles`: groups blocks into articles.
 *
 * First refines roles by the text OCR found (jump lines become
 * continuation blocks, bylines and photo credits;
 * pipeline/segment/text_roles.c) and by place (a subheadline under body
 * text is a crosshead: body), then groups and orders the blocks
 * (pipeline/segment/segment.c: headline spans, rules, photos with captions,
 * bylines) and rewrites block->order to match.  Each article gets its
 * blocks in reading order, its text fields
 * (pipeline/segment/article_text.c) and the page numbers of its jump lines in
 * continued_from / continued_to.  Articles are stored in reading order.
 */
#include "../pipeline/run/run.h"
#include "../pipeline/segment/segment.h"

#include <stdio.h>
#include <stdlib.h>

struct by_seq {
    int block, seq;
};

static int cmp_seq(const void *pa, const void *pb)
{
    const struct by_seq *a = pa, *b = pb;
    return a->seq - b->seq;
}

/* True when some text block of the m blocks v[] has text. */
static int group_has_text(const struct bs_page *page, const struct by_seq *v,
                          int m)
{
    for (int k = 0; k < m; k++)
        if (bs_role_has_text(page->blocks[v[k].block].role) &&
            page->blocks[v[k].block].nlines > 0)
            return 1;
    return 0;
}

/* Crossheads: a "subheadline" below body text of its own article is a
 * heading inside the body (小标题), read in its place as a paragraph.
 * Returns the number of blocks changed. */
static int crossheads_to_body(struct bs_page *page, const int *group)
{
    int changed = 0;

    for (int i = 0; i < page->nblocks; i++) {
        struct bs_block *sub = &page->blocks[i];
        if (sub->role != BS_ROLE_SUBHEADLINE || group[i] < 0)
            continue;
        for (int k = 0; k < page->nblocks; k++) {
            const struct bs_block *b = &page->blocks[k];
            if (group[k] == group[i] && b->role == BS_ROLE_BODY &&
                bs_box_bottom(b->box) <= sub->box.y + sub->box.h / 2 &&
                bs_box_xoverlap(b->box, sub->box) > 0) {
                sub->role = BS_ROLE_BODY;
                changed++;
                break;
            }
        }
    }
    return changed;
}

static int articles_run(struct bs_run *run, struct bs_page *page,
                        struct bs_error *err)
{
    struct bs_joiner plain = {bs_join_plain, NULL};
    int *group, *seq, *start, ngroups, n;
    struct by_seq *v;

    (void)err;
    bs_page_clear_articles(page);
    bs_text_refine_roles(page, run->settings->profile.headline_ratio);
    n = page->nblocks;
    group = bs_calloc((size_t)n + 1, sizeof(int));
    seq = bs_calloc((size_t)n + 1, sizeof(int));
    v = bs_calloc((size_t)n + 1, sizeof(*v));
    ngroups = bs_segment(page, run->settings->profile.article_gap_lines,
                         group, seq);
    if (crossheads_to_body(page, group) > 0)
        ngroups = bs_segment(page, run->settings->profile.article_gap_lines,
                             group, seq);
    bs_segment_apply_order(page, seq);
    for (int i = 0; i < n; i++)
        page->blocks[i].article[0] = '\0';
    /* The blocks of each group together (a counting sort, in block
     * order), not a pass over the page per group. */
    start = bs_calloc((size_t)ngroups + 2, sizeof(int));
    for (int i = 0; i < n; i++)
        if (group[i] >= 0 && group[i] < ngroups)
            start[group[i] + 1]++;
    for (int g = 0; g < ngroups; g++)
        start[g + 1] += start[g];
    {
        int *fill = bs_calloc((size_t)ngroups + 1, sizeof(int));
        for (int i = 0; i < n; i++) {
            int g = group[i];
            if (g < 0 || g >= ngroups)
                continue;
            v[start[g] + fill[g]].block = i;
            v[start[g] + fill[g]].seq = seq[i];
            fill[g]++;
        }
        free(fill);
    }
    for (int g = 0; g < ngroups; g++) {
        struct bs_article *a;
        struct by_seq *gv = v + start[g];
        int m = start[g + 1] - start[g];

        if (!group_has_text(page, gv, m))
            continue;
        qsort(gv, (size_t)m, sizeof(*gv), cmp_seq);
        a = bs_page_add_article(page);
        for (int k = 0; k < m; k++) {
            struct bs_block *b = &page->blocks[gv[k].block];
            bs_article_add_block(a, b->id);
            snprintf(b->article, sizeof(b->article), "%s", a->id);
        }
    }
    free(start);
    for (int a = 0; a < page->narticles; a++) {
        bs_set_str(&page->articles[a].lang, page->lang);
        bs_article_read_jumps(page, &page->articles[a]);
        bs_article_build_text(page, &page->articles[a], &plain);
        bs_article_fit_box(page, &page->articles[a]);
    }
    free(group);
    free(seq);
    free(v);
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
