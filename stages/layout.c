/*
 * layout.c - stage `layout`: columns, and text blocks inside them.
 *
 * First form: one band over the page; column gutters are runs of white in
 * the vertical ink profile at least min_gutter_px wide; each column is cut
 * into blocks at vertical gaps.  Reads binary.png; writes bands and blocks
 * into the model.
 */
#include "../pipeline/stage.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int at_dpi(int px300, int dpi)
{
    int v = (int)lround((double)px300 * dpi / 300.0);
    return v < 1 ? 1 : v;
}

/* Ink pixels per pixel column (vertical) or row (horizontal) of a region. */
static l_int32 *ink_profile(PIX *bin, struct bs_box r, int vertical)
{
    int n = vertical ? r.w : r.h;
    l_int32 *prof = calloc((size_t)n, sizeof(*prof));
    l_uint32 *data = pixGetData(bin);
    int wpl = pixGetWpl(bin);

    if (!prof)
        bs_oom();
    for (int y = r.y; y < r.y + r.h; y++) {
        l_uint32 *line = data + (size_t)y * wpl;
        for (int x = r.x; x < r.x + r.w; x++) {
            if (GET_DATA_BIT(line, x)) {
                if (vertical)
                    prof[x - r.x]++;
                else
                    prof[y - r.y]++;
            }
        }
    }
    return prof;
}

/* Finds columns as the spans between white runs >= gutter in the profile. */
static void find_columns(const l_int32 *prof, int n, int gutter, int thresh,
                         struct bs_band *band, int x0)
{
    int start = -1, white = 0;

    for (int x = 0; x <= n; x++) {
        int ink = x < n && prof[x] > thresh;
        if (ink) {
            if (start < 0)
                start = x;
            white = 0;
        } else if (start >= 0) {
            white++;
            if (white >= gutter || x == n) {
                int end = x - white + 1;
                if (end - start > gutter * 2)
                    bs_band_add_col(band, x0 + start, x0 + end);
                start = -1;
                white = 0;
            }
        }
    }
}

static int layout_run(struct bs_run *run, struct bs_page *page,
                      struct bs_error *err)
{
    const struct bs_profile *p = &run->settings->profile;
    PIX *bin = bs_run_image(run, "binary.png", err);
    struct bs_box all;
    l_int32 *vprof;
    struct bs_band *band;
    int gutter, bi;

    if (!bin)
        return -1;
    /* A re-run starts from the previous model: drop what we made before. */
    while (page->nblocks)
        bs_page_remove_block(page, page->nblocks - 1);
    bs_page_clear_bands(page);
    bs_page_clear_articles(page);

    all.x = 0;
    all.y = 0;
    all.w = pixGetWidth(bin);
    all.h = pixGetHeight(bin);
    gutter = at_dpi(p->min_gutter_px, page->dpi);
    vprof = ink_profile(bin, all, 1);
    band = bs_page_add_band(page, 0, all.h);
    find_columns(vprof, all.w, gutter, 0, band, 0);
    free(vprof);
    if (band->ncols == 0)
        return 0; /* a blank page has no columns and no blocks */

    bi = 0;
    for (int c = 0; c < page->bands[bi].ncols; c++) {
        struct bs_span col = page->bands[bi].cols[c];
        struct bs_box r = {col.x0, 0, col.x1 - col.x0, all.h};
        l_int32 *hprof = ink_profile(bin, r, 0);
        int gap = at_dpi(40, page->dpi), start = -1, white = 0;

        for (int y = 0; y <= r.h; y++) {
            int ink = y < r.h && hprof[y] > 0;
            if (ink) {
                if (start < 0)
                    start = y;
                white = 0;
            } else if (start >= 0) {
                white++;
                if (white >= gap || y == r.h) {
                    int end = y - white + 1;
                    struct bs_box box = {col.x0, start, col.x1 - col.x0,
                                         end - start};
                    struct bs_block *b;
                    if (end - start >= 4) {
                        b = bs_page_add_block(page, BS_ROLE_BODY, box);
                        b->band = bi;
                        b->col_first = b->col_last = c;
                    }
                    start = -1;
                    white = 0;
                }
            }
        }
        free(hprof);
    }
    return 0;
}

const struct bs_stage bs_stage_layout = {
    .name = "layout",
    .summary = "find column bands, rules, blocks and their roles",
    .reads = "binary.png",
    .writes = "",
    .saves_model = 1,
    .run = layout_run,
};
