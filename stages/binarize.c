/*
 * binarize.c - stage `binarize`: evens out the background, binarizes with
 * Sauvola, finds and corrects skew, removes specks and scan borders.
 *
 * Reads: image.png.  Writes: gray.png (deskewed grey, what OCR reads by
 * default; 1-bit for a bilevel scan; a byte copy of image.png when there
 * was no skew to correct), binary.png (deskewed 1-bit, what layout reads);
 * the skew angle corrected goes into the page model.
 */
#include "../pipeline/image/image.h"
#include "../pipeline/run/run.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Scales a length given at 300 dpi to the page's resolution. */
static int at_dpi(int px300, int dpi)
{
    int v = (int)lround((double)px300 * dpi / 300.0);
    return v < 1 ? 1 : v;
}

/* True when a grey page holds only black and white (a 1-bit scan read as
 * grey): it needs no thresholding beyond 128.  Judged on every 4th pixel
 * of every 4th row (as pixGetGrayHistogram(gray, 4) samples); the first
 * grey pixel ends the search. */
static int is_bilevel(PIX *gray)
{
    NUMA *hist;
    int levels = 0;

    if (pixGetDepth(gray) == 8 && !pixGetColormap(gray)) {
        int w = pixGetWidth(gray), h = pixGetHeight(gray);
        int wpl = pixGetWpl(gray);
        const l_uint32 *data = pixGetData(gray);
        for (int y = 0; y < h; y += 4) {
            const l_uint32 *line = data + (size_t)y * wpl;
            for (int x = 0; x < w; x += 4) {
                int v = GET_DATA_BYTE(line, x);
                if (v != 0 && v != 255)
                    return 0;
            }
        }
        return 1;
    }
    hist = pixGetGrayHistogram(gray, 4);
    for (int i = 0; hist && i < numaGetCount(hist); i++) {
        l_float32 v;
        numaGetFValue(hist, i, &v);
        if (v > 0 && i != 0 && i != 255)
            levels++;
    }
    if (!hist)
        return 0;
    numaDestroy(&hist);
    return levels == 0;
}

/* pixThresholdToBinary(gray, 128): a pixel below 128 is ink.  For 8-bit
 * grey without a colormap that is a clear top bit, so a word of four
 * pixels packs with a few shifts instead of a compare per pixel. */
static PIX *threshold_128(PIX *gray)
{
    int w = pixGetWidth(gray), h = pixGetHeight(gray);
    int wpls = pixGetWpl(gray), wpld, full;
    const l_uint32 *datas;
    l_uint32 *datad, last;
    PIX *bin;

    if (pixGetDepth(gray) != 8 || pixGetColormap(gray))
        return pixThresholdToBinary(gray, 128);
    bin = pixCreate(w, h, 1);
    if (!bin)
        return NULL;
    pixCopyResolution(bin, gray);
    pixCopyInputFormat(bin, gray);
    datas = pixGetData(gray);
    datad = pixGetData(bin);
    wpld = pixGetWpl(bin);
    full = w / 32;
    /* the pixels of the last, partial word; pad bits stay clear */
    last = w % 32 ? 0xffffffffu << (32 - w % 32) : 0;
    for (int y = 0; y < h; y++) {
        const l_uint32 *src = datas + (size_t)y * wpls;
        l_uint32 *dst = datad + (size_t)y * wpld;
        for (int k = 0; k < wpld; k++) {
            l_uint32 out = 0;
            for (int j = 0; j < 8; j++) {
                int i = 8 * k + j;
                l_uint32 v = i < wpls ? ~src[i] & 0x80808080u : 0;
                out = (out << 4) | ((v >> 28) & 8) | ((v >> 21) & 4) |
                      ((v >> 14) & 2) | ((v >> 7) & 1);
            }
            dst[k] = k < full ? out : out & last;
        }
    }
    return bin;
}

/* The body type of the page, measured on a first global threshold of the
 * evened-out page (Otsu's), into page->type: the Sauvola window and every
 * later length follow it. */
static void measure_type(PIX *norm, struct bs_page *page)
{
    l_int32 thresh = 128;
    PIX *quick;

    pixSplitDistributionFgBg(norm, 0.1f, 4, &thresh, NULL, NULL, 0);
    quick = pixThresholdToBinary(norm, thresh);
    if (quick)
        bs_type_measure(quick, &page->type);
    pixDestroy(&quick);
}

/* Sauvola on an evened-out background: uneven lighting and yellowed paper
 * would otherwise turn whole regions black or white.  The window follows
 * the body type (measured here first). */
static PIX *binarize(PIX *gray, const struct bs_profile *p,
                     struct bs_page *page)
{
    PIX *norm, *bin;

    norm = pixBackgroundNormSimple(gray, NULL, NULL);
    if (!norm)
        norm = pixClone(gray);
    measure_type(norm, page);
    /* NULL when the page is no larger than the window (a thumbnail) */
    bin = bs_sauvola(norm, at_dpi(p->sauvola_window, bs_page_res(page)),
                     (float)p->sauvola_k);
    if (!bin)
        bin = pixThresholdToBinary(norm, 160);
    pixDestroy(&norm);
    return bin;
}

/* The components of bin to keep: dark scan borders are large components
 * touching the edge (text near the edge is small, so only big ones go) and
 * whatever lies beside the print area (bs_print_area: a border strip
 * parted from the type by white, however broken up); specks are smaller
 * than speckle_max_px both ways.  All are judged on the same components,
 * found once, on which the page's type is measured again (into
 * page->type) as layout will see it.  Returns a new image, NULL on
 * failure (bin is then kept as it is). */
static PIX *clean_components(PIX *bin, const struct bs_profile *p,
                             struct bs_page *page)
{
    int w = pixGetWidth(bin), h = pixGetHeight(bin);
    int s = p->speckle_max_px > 0
                ? at_dpi(p->speckle_max_px, bs_page_res(page)) + 1
                : 0;
    struct bs_comps cc;
    unsigned char *keep;
    PIX *out = NULL;

    if (bs_comps_find(bin, &cc) == 0) {
        struct bs_box area = {0, 0, w, h};
        struct bs_type_size t;
        /* the type as layout will see it: measured again on the final
         * binary (the first measure, on a global threshold, only sized
         * the Sauvola window) */
        bs_type_measure_comps(&cc, &t);
        if (t.glyphs > 0 && t.line_pitch > 0)
            page->type = t;
        int xh = (int)page->type.x_height, pitch = (int)page->type.line_pitch;
        if (p->border_clean)
            bs_print_area(&cc, &page->type, w, h, &area);
        int max_thick = at_dpi(p->max_rule_thickness_px, bs_page_res(page));
        long *ink = calloc((size_t)cc.n + 1, sizeof(*ink));
        keep = malloc((size_t)cc.n + 1);
        if (!keep || !ink)
            bs_oom();
        for (int r = 0; r < cc.nruns; r++)
            ink[cc.runs[r].comp] += cc.runs[r].x1 - cc.runs[r].x0;
        for (int c = 0; c < cc.n; c++) {
            int cw = cc.x1[c] - cc.x0[c], ch = cc.y1[c] - cc.y0[c];
            int cx = (cc.x0[c] + cc.x1[c]) / 2;
            int edge = cc.x0[c] == 0 || cc.y0[c] == 0 || cc.x1[c] == w ||
                       cc.y1[c] == h;
            /* beside the type: gone, but for a rule (long and thin: ink
             * over length) or a picture that stands out a little past it,
             * within a line pitch; a dark page edge is neither */
            int outside = cx < area.x - xh / 2 ||
                          cx >= bs_box_right(area) + xh / 2;
            int near = cx >= area.x - pitch && cx < bs_box_right(area) + pitch;
            int len = cw > ch ? cw : ch;
            int rule = len >= 4 * pitch && ink[c] <= (long)len * max_thick;
            int picture = cw >= 4 * pitch && ch >= 4 * pitch;
            int border = p->border_clean &&
                         ((edge && (cw >= w / 8 || ch >= h / 8)) ||
                          (outside && !(near && (rule || picture))));
            keep[c] = !border && (cw >= s || ch >= s);
        }
        out = bs_comps_render(&cc, bin, keep);
        free(keep);
        free(ink);
    }
    bs_comps_release(&cc);
    return out;
}

static int binarize_run(struct bs_run *run, struct bs_page *page,
                        struct bs_error *err)
{
    const struct bs_profile *p = &run->settings->profile;
    PIX *image = bs_run_image(run, "image.png", err);
    PIX *gray, *bin, *gray_out, *clean;
    l_float32 angle = 0, conf = 0;

    if (!image)
        return -1;
    /* A 1-bit scan stays 1-bit: OCR reads the same pixels from a PNG a
     * fraction of the size, and there is nothing to threshold.  An 8-bit
     * page holding only black and white becomes that 1-bit scan. */
    if (pixGetDepth(image) == 1 || is_bilevel(image)) {
        gray = pixGetDepth(image) == 1 ? pixClone(image)
                                       : threshold_128(image);
        bin = gray ? pixCopy(NULL, gray) : NULL;
        memset(&page->type, 0, sizeof(page->type));
        if (bin)
            bs_type_measure(bin, &page->type);
    } else {
        gray = pixClone(image);
        bin = binarize(gray, p, page);
    }
    if (!bin) {
        pixDestroy(&gray);
        return bs_fail(err, "%s: binarization failed", run->dir);
    }

    page->skew_deg = 0;
    gray_out = NULL;
    if (p->deskew &&
        pixFindSkewSweepAndSearch(bin, &angle, &conf, 4, 2,
                                  (l_float32)p->deskew_max_deg, 1.0f,
                                  0.01f) == 0 &&
        conf > 2.5f && fabsf(angle) >= 0.05f &&
        fabsf(angle) <= (float)p->deskew_max_deg) {
        /* pixFindSkew* returns the rotation that deskews (pixDeskew
         * rotates by +angle); the page's own skew is the opposite. */
        l_float32 rad = angle * (l_float32)(M_PI / 180.0);
        PIX *rg = pixRotate(gray, rad, L_ROTATE_SHEAR, L_BRING_IN_WHITE, 0, 0);
        PIX *rb = pixRotate(bin, rad, L_ROTATE_SHEAR, L_BRING_IN_WHITE, 0, 0);
        if (rg && rb) {
            pixDestroy(&bin);
            bin = rb;
            gray_out = rg;
            page->skew_deg = -angle;
        } else {
            pixDestroy(&rg);
            pixDestroy(&rb);
        }
    }
    if (!gray_out)
        gray_out = pixClone(gray);
    pixDestroy(&gray);

    clean = bin;
    {
        PIX *kept = clean_components(clean, p, page);
        if (kept) {
            pixDestroy(&clean);
            clean = kept;
        }
    }
    pixSetResolution(clean, page->dpi, page->dpi);
    page->width = pixGetWidth(clean);
    page->height = pixGetHeight(clean);
    if (bs_run_put_image(run, "binary.png", clean, err) < 0) {
        pixDestroy(&gray_out);
        return -1;
    }
    /* Unturned, the grey page is the scan itself: its file is copied
     * rather than encoded a second time. */
    if (gray_out == image) {
        char *from = bs_run_path(run, "image.png");
        int rc = bs_run_put_image_copy(run, "gray.png", from, gray_out, err);
        free(from);
        return rc;
    }
    /* No later stage reads the scan: let it go before the encoder copies
     * the turned page, so a grey page is held twice, not three times. */
    bs_run_forget_image(run, "image.png");
    pixSetResolution(gray_out, page->dpi, page->dpi);
    return bs_run_put_image(run, "gray.png", gray_out, err);
}

const struct bs_stage bs_stage_binarize = {
    .name = "binarize",
    .summary = "even the background, binarize (Sauvola), deskew, despeckle",
    .reads = "image.png",
    .writes = "gray.png, binary.png",
    .saves_model = 1,
    .run = binarize_run,
};
