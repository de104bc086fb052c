/*
 * load.c - stage `load`: reads the input scan, checks it, and writes the
 * page image every later stage starts from.
 *
 * Reads: the input image (any format Leptonica knows; multi-page TIFF by
 * page).  Writes: image.png (8-bit grey, or 1-bit for a 1-bit scan; turned
 * upright when Tesseract's OSD is sure the scan lies sideways or upside
 * down) and model.load.json (page id, source, checksum, size, resolution,
 * languages, the turn).
 */
#include "../pipeline/base/base.h"
#include "../pipeline/image/image.h"
#include "../pipeline/ocr/ocr.h"
#include "../pipeline/run/run.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Resolutions outside this range are treated as a missing tag: scanners
 * write 1 or 72 when they do not know. */
#define DPI_MIN 100
#define DPI_MAX 1600

/* Small grey copy of the page for the cheap checks: halved until no side is
 * over this (text lines stay several pixels apart). */
#define CHECK_SIDE_PX 1400

/* True when the page clearly reads upright, so OSD (about 0.5 s of CPU on
 * a full broadsheet, 15% of the page's time) need not judge it: its text
 * lines run across (the differential square sums of row against column
 * profiles, and the skew search's confidence along rows against along
 * columns, pixFindSkew's measures), and its ascenders and descenders say
 * it is not upside down (pixUpDownDetect, which works on Latin, Fraktur
 * and, more weakly, Chinese pages).  Any doubt sends the page to OSD. */
static int surely_upright(PIX *page)
{
    PIX *small = pixClone(page), *half = NULL, *bin = NULL, *bin90 = NULL,
        *halfbin = NULL;
    l_float32 rows = 0, cols = 0, angle, conf_rows = 0, conf_cols = 0,
              updown = 0;
    l_int32 t = 128;
    int upright = 0;

    /* A 1-bit page halves straight to grey (each pixel the share of white
     * in its 2x2 block), never expanded to 8 bits at full size. */
    while (small && (pixGetWidth(small) > CHECK_SIDE_PX ||
                     pixGetHeight(small) > CHECK_SIDE_PX)) {
        PIX *next = pixGetDepth(small) == 1 ? pixScaleToGray2(small)
                                            : pixScaleAreaMap2(small);
        if (!half)
            half = pixClone(next);
        pixDestroy(&small);
        small = next;
    }
    if (small && pixGetDepth(small) == 1) {
        PIX *grey = pixConvertTo8(small, FALSE);
        pixDestroy(&small);
        small = grey;
    }
    /* Otsu's threshold over the whole page (what pixOtsuAdaptiveThreshold
     * does with one tile, without copying the page in and out of it) */
    if (!small ||
        pixSplitDistributionFgBg(small, 0.1f, 1, &t, NULL, NULL, NULL) != 0 ||
        !(bin = pixThresholdToBinary(small, t)))
        goto out;
    bin90 = pixRotate90(bin, 1);
    if (!bin90 || pixFindDifferentialSquareSum(bin, &rows) != 0 ||
        pixFindDifferentialSquareSum(bin90, &cols) != 0 || rows <= 0)
        goto out;
    /* The coarse sweep at half size costs half as much; the confidence
     * comes from the fine search at full size (the same on every fixture
     * page). */
    pixFindSkewSweepAndSearch(bin, &angle, &conf_rows, 2, 1, 5.0f, 1.0f,
                              0.01f);
    pixFindSkewSweepAndSearch(bin90, &angle, &conf_cols, 2, 1, 5.0f, 1.0f,
                              0.01f);
    /* upright pages measure 0.45-0.66 here, turned ones 1.5 and more */
    if (conf_rows <= 0 || sqrt((cols / rows) * (conf_cols / conf_rows)) > 0.8)
        goto out;
    if (half)
        halfbin = pixThresholdToBinary(half, t);
    else
        halfbin = pixGetDepth(page) == 1 ? pixClone(page)
                                         : pixThresholdToBinary(page, t);
    if (!halfbin || pixUpDownDetect(halfbin, &updown, 0, 0, 0) != 0)
        goto out;
    upright = updown >= 2.0f; /* upright pages 3.9-43, turned ones < 0 */
out:
    pixDestroy(&small);
    pixDestroy(&half);
    pixDestroy(&bin);
    pixDestroy(&bin90);
    pixDestroy(&halfbin);
    return upright;
}

/* What OSD is given of a large page.  Its cost grows with the page's
 * pixels and, far more, with its connected components (a 12000 x 12000
 * checkerboard, within the default pixel limit, cost 80 s and 5.8 GB), and
 * it needs text at full size (at half the fixtures' resolution it no longer
 * tells a page turned a quarter).  So a page over OSD_SCALE_PIXELS is first
 * scaled down to that many (text on the largest scans stays over 0.7 of its
 * size), then a page still wider or taller than OSD_CROP_SIDE gives OSD its
 * middle, OSD_CROP_SIDE square: a newspaper's middle is text, and OSD reads
 * a few dozen characters, not a page. */
#define OSD_SCALE_PIXELS 36000000.0
#define OSD_CROP_SIDE 3000

/* The part of the page OSD judges (above), a new image; NULL on failure. */
static PIX *osd_view(PIX *page)
{
    double pixels = (double)pixGetWidth(page) * pixGetHeight(page);
    PIX *view, *crop;
    BOX *box;
    int w, h;

    if (pixels > OSD_SCALE_PIXELS) {
        float f = (float)sqrt(OSD_SCALE_PIXELS / pixels);
        view = pixGetDepth(page) == 1 ? pixScaleToGray(page, f)
                                      : pixScaleAreaMap(page, f, f);
    } else {
        view = pixClone(page);
    }
    if (!view)
        return NULL;
    w = pixGetWidth(view);
    h = pixGetHeight(view);
    if (w <= OSD_CROP_SIDE && h <= OSD_CROP_SIDE)
        return view;
    box = boxCreate(w > OSD_CROP_SIDE ? (w - OSD_CROP_SIDE) / 2 : 0,
                    h > OSD_CROP_SIDE ? (h - OSD_CROP_SIDE) / 2 : 0,
                    w > OSD_CROP_SIDE ? OSD_CROP_SIDE : w,
                    h > OSD_CROP_SIDE ? OSD_CROP_SIDE : h);
    crop = box ? pixClipRectangle(view, box, NULL) : NULL;
    boxDestroy(&box);
    pixDestroy(&view);
    return crop;
}

/* Turns *scan upright when OSD finds it turned with at least the profile's
 * confidence, and records the turn in page->rotated_deg.  Orientation only
 * helps: a page OSD cannot judge (too little text, no osd.traineddata, no
 * engines in this run) is kept as it is, never failed. */
static void orient_upright(struct bs_run *run, struct bs_page *page,
                           PIX **scan)
{
    const struct bs_profile *p = &run->settings->profile;
    struct bs_error ignored;
    int deg, quads, rc;
    float conf;
    PIX *turned, *view;

    page->rotated_deg = 0;
    if (!p->orient || !run->tess || surely_upright(*scan))
        return;
    view = osd_view(*scan);
    rc = view ? bs_tess_orientation(run->tess, view, &deg, &conf, &ignored)
              : -1;
    pixDestroy(&view);
    if (rc < 0 || deg % 90 != 0 || deg == 0 || conf < p->orient_min_conf)
        return;
    /* OSD names the page's orientation counter-clockwise; Leptonica turns
     * clockwise by quarter turns. */
    quads = ((360 - deg) % 360) / 90;
    turned = pixRotateOrth(*scan, quads);
    if (!turned)
        return;
    pixDestroy(scan);
    *scan = turned;
    page->rotated_deg = quads * 90;
}

static int load_run(struct bs_run *run, struct bs_page *page,
                    struct bs_error *err)
{
    const struct bs_settings *s = run->settings;
    char sum[65];
    PIX *scan;
    int dpi;

    if (!run->input)
        return bs_fail(err, "%s: load needs an input image", run->dir);
    if (bs_image_read_scan(run->input, run->subpage, s->max_pixels, &scan,
                           &dpi, err) < 0)
        return -1;
    if (run->checksum && strlen(run->checksum) == 64) {
        memcpy(sum, run->checksum, sizeof(sum));
    } else if (bs_sha256_file(run->input, sum, err) < 0) {
        pixDestroy(&scan);
        return -1;
    }
    if (s->dpi > 0)
        dpi = s->dpi;
    else if (dpi < DPI_MIN || dpi > DPI_MAX)
        dpi = 300;
    pixSetResolution(scan, dpi, dpi);
    orient_upright(run, page, &scan);
    bs_set_str(&page->id, run->page_id);
    bs_set_str(&page->source, run->input);
    bs_set_str(&page->checksum, sum);
    bs_set_str(&page->lang, bs_settings_lang(s, NULL));
    page->width = pixGetWidth(scan);
    page->height = pixGetHeight(scan);
    page->dpi = dpi;
    /* A grey PNG as load would write it is copied, not encoded again. */
    if (page->rotated_deg == 0 &&
        bs_image_png_as_is(run->input, pixGetDepth(scan)))
        return bs_run_put_image_copy(run, "image.png", run->input, scan,
                                     err);
    return bs_run_put_image(run, "image.png", scan, err);
}

const struct bs_stage bs_stage_load = {
    .name = "load",
    .summary = "read and check the scan; normalise it to 8-bit grey or 1-bit",
    .reads = "the input image",
    .writes = "image.png",
    .saves_model = 1,
    .run = load_run,
};
