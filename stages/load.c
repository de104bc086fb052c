/*
 * load.c - stage `load`: reads the input scan, checks it, and writes the
 * page image every later stage starts from.
 *
 * Reads: the input image (any format Leptonica knows; multi-page TIFF by
 * page).  Writes: image.png (8-bit grey) and model.load.json (page id,
 * source, checksum, size, resolution, languages).
 */
#include "../pipeline/fsutil.h"
#include "../pipeline/image.h"
#include "../pipeline/stage.h"

#include <stdlib.h>

/* Resolutions outside this range are treated as a missing tag: scanners
 * write 1 or 72 when they do not know. */
#define DPI_MIN 100
#define DPI_MAX 1600

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
