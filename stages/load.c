/*
 * load.c - stage `load`: reads the input scan, checks it, and writes the
 * page image every later stage starts from.
 *
 * Reads: the input image (any format Leptonica knows; multi-page TIFF by
 * page).  Writes: image.png (8-bit grey, turned upright when Tesseract's
 * OSD is sure the scan lies sideways or upside down) and model.load.json
 * (page id, source, checksum, size, resolution, languages, the turn).
 */
#include "../pipeline/fsutil.h"
#include "../pipeline/image.h"
#include "../pipeline/stage.h"
#include "../pipeline/tess.h"

#include <stdlib.h>

/* Resolutions outside this range are treated as a missing tag: scanners
 * write 1 or 72 when they do not know. */
#define DPI_MIN 100
#define DPI_MAX 1600

/* Turns *gray upright when OSD finds it turned with at least the profile's
 * confidence, and records the turn in page->rotated_deg.  Orientation only
 * helps: a page OSD cannot judge (too little text, no osd.traineddata, no
 * engines in this run) is kept as it is, never failed. */
static void orient_upright(struct bs_run *run, struct bs_page *page,
                           PIX **gray)
{
    const struct bs_profile *p = &run->settings->profile;
    struct bs_error ignored;
    int deg, quads;
    float conf;
    PIX *turned;

    page->rotated_deg = 0;
    if (!p->orient || !run->tess)
        return;
    if (bs_tess_orientation(run->tess, *gray, &deg, &conf, &ignored) < 0 ||
        deg % 90 != 0 || deg == 0 || conf < p->orient_min_conf)
        return;
    /* OSD names the page's orientation counter-clockwise; Leptonica turns
     * clockwise by quarter turns. */
    quads = ((360 - deg) % 360) / 90;
    turned = pixRotateOrth(*gray, quads);
    if (!turned)
        return;
    pixDestroy(gray);
    *gray = turned;
    page->rotated_deg = quads * 90;
}

static int load_run(struct bs_run *run, struct bs_page *page,
                    struct bs_error *err)
{
    const struct bs_settings *s = run->settings;
    char sum[65];
    PIX *gray;
    int dpi;

    if (!run->input)
        return bs_fail(err, "%s: load needs an input image", run->dir);
    if (bs_image_read_gray(run->input, run->subpage, s->max_pixels, &gray,
                           &dpi, err) < 0)
        return -1;
    if (bs_sha256_file(run->input, sum, err) < 0) {
        pixDestroy(&gray);
        return -1;
    }
    if (s->dpi > 0)
        dpi = s->dpi;
    else if (dpi < DPI_MIN || dpi > DPI_MAX)
        dpi = 300;
    pixSetResolution(gray, dpi, dpi);
    orient_upright(run, page, &gray);
    bs_set_str(&page->id, run->page_id);
    bs_set_str(&page->source, run->input);
    bs_set_str(&page->checksum, sum);
    bs_set_str(&page->lang, bs_settings_lang(s, NULL));
    page->width = pixGetWidth(gray);
    page->height = pixGetHeight(gray);
    page->dpi = dpi;
    return bs_run_put_image(run, "image.png", gray, err);
}

const struct bs_stage bs_stage_load = {
    .name = "load",
    .summary = "read and check the scan; normalise it to 8-bit grey",
    .reads = "the input image",
    .writes = "image.png",
    .saves_model = 1,
    .run = load_run,
};
