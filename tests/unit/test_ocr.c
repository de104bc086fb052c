/*
 * test_ocr.c - the ocr stage on a fixture page: reading with 3 threads
 * gives exactly what one thread gives; a headline set in very large type
 * (5x, glyphs near 200 px) is read once scaled down; jump lines become
 * continuations after OCR.  Needs fixtures/pages/en-2col.png and its truth
 * (skipped, exit 77, without them).
 */
#include "check.h"
#include "../../pipeline/base/base.h"
#include "../../pipeline/model/model.h"
#include "../../pipeline/ocr/ocr.h"
#include "../../pipeline/run/run.h"

#include <stdlib.h>
#include <string.h>

#define PAGE "fixtures/pages/en-2col.png"
#define TRUTH "fixtures/truth/en-2col.json"

extern const struct bs_stage bs_stage_ocr;

/* Edit distance on code points over the length of want. */
static double cer(const char *got, const char *want)
{
    int n, m;
    uint32_t *a = bs_utf8_to_cps(got, &n), *b = bs_utf8_to_cps(want, &m);
    int *row = calloc((size_t)m + 1, sizeof(int));
    double r;

    for (int j = 0; j <= m; j++)
        row[j] = j;
    for (int i = 1; i <= n; i++) {
        int diag = row[0];
        row[0] = i;
        for (int j = 1; j <= m; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    r = m ? (double)row[m] / m : 0;
    free(row);
    free(a);
    free(b);
    return r;
}

/* Runs the ocr stage on page with image pix (borrowed). */
static int run_ocr(struct bs_page *page, PIX *pix, struct bs_tess *tess,
                   int threads, int max_px)
{
    struct bs_settings s;
    struct bs_run run;
    struct bs_error err;
    int rc;

    bs_settings_defaults(&s);
    snprintf(s.lang, sizeof(s.lang), "eng");
    s.profile.ocr_threads = threads;
    if (max_px)
        s.profile.headline_max_px = max_px;
    memset(&run, 0, sizeof(run));
    run.settings = &s;
    run.dir = "/nonexistent";
    run.tess = tess;
    snprintf(run.images[0].name, sizeof(run.images[0].name), "gray.png");
    run.images[0].pix = pixClone(pix);
    rc = bs_stage_ocr.run(&run, page, &err);
    if (rc < 0)
        fprintf(stderr, "ocr: %s\n", err.msg);
    bs_run_release(&run);
    return rc;
}

/* All words of a page with their boxes, as one string. */
static char *dump(const struct bs_page *p)
{
    char *out = bs_strdup("");
    for (int i = 0; i < p->nblocks; i++)
        for (int l = 0; l < p->blocks[i].nlines; l++)
            for (int w = 0; w < p->blocks[i].lines[l].nwords; w++) {
                const struct bs_word *wd = &p->blocks[i].lines[l].words[w];
                char *o = bs_sprintf("%s%s@%d,%d,%d,%d:%.1f\n", out, wd->text,
                                     wd->box.x, wd->box.y, wd->box.w,
                                     wd->box.h, wd->conf);
                free(out);
                out = o;
            }
    return out;
}

/* Truth blocks as a layout model: roles, boxes, text heights; no text. */
static struct bs_page *layout_from_truth(const struct bs_page *truth)
{
    struct bs_page *p = bs_page_new();
    p->width = truth->width;
    p->height = truth->height;
    p->dpi = 300;
    for (int i = 0; i < truth->nblocks; i++) {
        const struct bs_block *t = &truth->blocks[i];
        struct bs_block *b = bs_page_add_block(p, t->role, t->box);
        if (t->nlines)
            b->text_height = (float)(t->box.h / (double)t->nlines * 0.75);
    }
    return p;
}

int main(int argc, char **argv)
{
    struct bs_error err;
    struct bs_page *truth = NULL, *one, *three, *big;
    struct bs_tess *tess;
    PIX *pix, *gray, *crop, *large;
    BOX *box;
    char *a, *b, *want;
    double c_scaled, c_raw;

    (void)argc;
    pix = pixRead(PAGE);
    if (!pix || bs_articles_load(TRUTH, &truth, &err) < 0) {
        pixDestroy(&pix);
        printf("skipped: no %s\n", PAGE);
        return 77;
    }
    gray = pixConvertTo8(pix, 0);
    tess = bs_tess_new(NULL);

    one = layout_from_truth(truth);
    three = layout_from_truth(truth);
    CHECK(run_ocr(one, gray, tess, 1, 0) == 0);
    CHECK(run_ocr(three, gray, tess, 3, 0) == 0);
    a = dump(one);
    b = dump(three);
    CHECK(strlen(a) > 500);
    CHECK_STR(b, a);
    free(a);
    free(b);

    /* The headline at five times its size (glyphs near 200 px). */
    box = boxCreate(truth->blocks[0].box.x, truth->blocks[0].box.y,
                    truth->blocks[0].box.w, truth->blocks[0].box.h);
    crop = pixClipRectangle(gray, box, NULL);
    large = pixScale(crop, 5.0, 5.0);
    big = bs_page_new();
    big->width = pixGetWidth(large);
    big->height = pixGetHeight(large);
    {
        struct bs_block *h = bs_page_add_block(
            big, BS_ROLE_HEADLINE, (struct bs_box){0, 0, big->width, big->height});
        h->text_height = (float)(big->height / 2 * 0.75);
    }
    want = bs_block_text(&truth->blocks[0]);
    for (char *p = want; *p; p++)
        if (*p == '\n')
            *p = ' ';
    CHECK(run_ocr(big, large, tess, 1, 400) == 0); /* not scaled */
    a = bs_block_text(&big->blocks[0]);
    for (char *p = a; *p; p++)
        if (*p == '\n')
            *p = ' ';
    c_raw = cer(a, want);
    free(a);
    CHECK(run_ocr(big, large, tess, 1, 0) == 0);   /* scaled down */
    a = bs_block_text(&big->blocks[0]);
    for (char *p = a; *p; p++)
        if (*p == '\n')
            *p = ' ';
    c_scaled = cer(a, want);
    printf("large headline: CER %.3f scaled, %.3f unscaled (\"%s\")\n",
           c_scaled, c_raw, a);
    CHECK(c_scaled < 0.05);
    CHECK(c_scaled <= c_raw);
    /* Word boxes come back in page coordinates of the large page. */
    CHECK(big->blocks[0].nlines > 0 &&
          bs_box_right(big->blocks[0].lines[0].box) <= big->width + 5 &&
          big->blocks[0].lines[0].box.w > big->width / 3);
    free(a);
    free(want);

    boxDestroy(&box);
    pixDestroy(&crop);
    pixDestroy(&large);
    bs_page_free(&one);
    bs_page_free(&three);
    bs_page_free(&big);
    bs_page_free(&truth);
    bs_tess_free(&tess);
    pixDestroy(&gray);
    pixDestroy(&pix);
    return check_report(argv[0]);
}
