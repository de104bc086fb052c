/*
 * layout.c - stage `layout`: rules, photos, column bands, text blocks and
 * their roles, from the binarized page.
 *
 * Photos are found first and blanked, then dust and rules, then drawings
 * and engravings; what remains is text.
 * The page is cut into bands at full-width rules, each band gets its
 * columns from white space (gutters.c), text set over a gutter between
 * two columns' text is set apart (islands.c), each column is cut into
 * blocks (blocks.c) and pieces of spanning headlines are joined; roles
 * come from type size and neighbours (roles_layout.c).  Reads binary.png;
 * writes bands and blocks (rules as separator blocks, photos as image
 * blocks) into the model.  Last, layout checks its result
 * (pipeline/layout/self_check.c) and records a failed check in
 * page->doubt, which makes ocr read the page by Tesseract's own page
 * segmentation.
 */
#include "../pipeline/image/image.h"
#include "../pipeline/layout/layout.h"
#include "../pipeline/run/run.h"

#include <stdlib.h>

/* Sets band and columns of a block from the band holding its centre. */
static void place(const struct bs_page *page, struct bs_block *b)
{
    int cy = b->box.y + b->box.h / 2;

    for (int bi = 0; bi < page->nbands; bi++) {
        const struct bs_band *band = &page->bands[bi];
        if (cy < band->y0 || cy >= band->y1)
            continue;
        b->band = bi;
        for (int c = 0; c < band->ncols; c++) {
            if (band->cols[c].x1 <= b->box.x ||
                band->cols[c].x0 >= bs_box_right(b->box))
                continue;
            if (b->col_first < 0)
                b->col_first = c;
            b->col_last = c;
        }
        return;
    }
}

/* Removes the rules lying within box f (grown by a few px): strokes of a
 * drawing. */
static void drop_inside(BOXA *rules, BOX *f)
{
    l_int32 fx, fy, fw, fh;

    boxGetGeometry(f, &fx, &fy, &fw, &fh);
    for (int i = boxaGetCount(rules) - 1; i >= 0; i--) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(rules, i, &x, &y, &w, &h);
        if (x >= fx - 4 && y >= fy - 4 && x + w <= fx + fw + 4 &&
            y + h <= fy + fh + 4)
            boxaRemoveBox(rules, i);
    }
}

/* Pictures found after the rules (drawings, engravings): each is blanked
 * from text, the rules inside it are its strokes and go, and it joins
 * photos. */
static void take_pictures(BOXA *found, PIX *text, BOXA *hrules, BOXA *vrules,
                          BOXA *photos)
{
    for (int i = 0; i < boxaGetCount(found); i++) {
        BOX *f = boxaGetBox(found, i, L_CLONE);
        l_int32 x, y, w, h;
        boxGetGeometry(f, &x, &y, &w, &h);
        pixRasterop(text, x - 2, y - 2, w + 4, h + 4, PIX_CLR, NULL, 0, 0);
        drop_inside(hrules, f);
        drop_inside(vrules, f);
        boxaAddBox(photos, f, L_INSERT);
    }
}

static void add_boxes(struct bs_page *page, BOXA *boxes, enum bs_role role)
{
    for (int i = 0; i < boxaGetCount(boxes); i++) {
        struct bs_box box;
        struct bs_block *b;
        boxaGetBoxGeometry(boxes, i, &box.x, &box.y, &box.w, &box.h);
        b = bs_page_add_block(page, role, box);
        place(page, b);
    }
}

static int layout_run(struct bs_run *run, struct bs_page *page,
                      struct bs_error *err)
{
    const struct bs_profile *p = &run->settings->profile;
    PIX *bin = bs_run_image(run, "binary.png", err);
    PIX *text = NULL, *rules = NULL, *body = NULL;
    BOXA *photos = NULL, *hrules = NULL, *vrules = NULL, *framed = NULL;
    BOXA *cboxes = NULL, *engravings = NULL, *islands = NULL;
    PIXA *cpixa = NULL;
    struct bs_comps cc = {0};
    int res = bs_page_res(page), body_h, rc = -1;

    if (!bin)
        return -1;
    /* A re-run starts from the previous model: drop what we made before. */
    while (page->nblocks)
        bs_page_remove_block(page, page->nblocks - 1);
    bs_page_clear_bands(page);
    bs_page_clear_articles(page);

    photos = bs_find_photos(bin, bs_at_dpi(p->photo_min_px, res));
    text = pixCopy(NULL, bin);
    if (!photos || !text) {
        bs_fail(err, "%s: layout: photo search failed", run->dir);
        goto out;
    }
    for (int i = 0; i < boxaGetCount(photos); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(photos, i, &x, &y, &w, &h);
        pixRasterop(text, x - 2, y - 2, w + 4, h + 4, PIX_CLR, NULL, 0, 0);
    }
    /* dust and paper fibres left by binarize, lying away from text */
    if (bs_remove_specks(text, bs_at_dpi(6, res),
                         bs_at_dpi(12, res), bs_at_dpi(3, res),
                         bs_at_dpi(60, res)) < 0) {
        bs_fail(err, "%s: layout: speck removal failed", run->dir);
        goto out;
    }
    if (bs_find_rules(text, bs_at_dpi(p->min_rule_px, res),
                      bs_at_dpi(p->max_rule_thickness_px, res),
                      &hrules, &vrules, &rules) < 0) {
        bs_fail(err, "%s: layout: rule search failed", run->dir);
        goto out;
    }
    pixSubtract(text, text, rules);

    body_h = bs_body_line_height(text, page);
    {
        BOXA *all = boxaCopy(hrules, L_COPY);
        boxaJoin(all, vrules, 0, -1);
        framed = bs_find_drawn_photos(text, all,
                                      bs_at_dpi(p->min_rule_px, res),
                                      bs_at_dpi(p->photo_min_px, res));
        boxaDestroy(&all);
    }
    if (!framed) {
        bs_fail(err, "%s: layout: drawing search failed", run->dir);
        goto out;
    }
    take_pictures(framed, text, hrules, vrules, photos);
    /* engravings are among the few components photo-sized both ways:
     * only those are copied out one by one */
    if (bs_comps_find(text, &cc) == 0) {
        int side = bs_at_dpi(p->photo_min_px, res);
        PIX *big = bs_comps_select(&cc, text, side, side, L_SELECT_IF_BOTH,
                                   L_SELECT_IF_GTE);
        cboxes = big ? pixConnComp(big, &cpixa, 8) : NULL;
        pixDestroy(&big);
    }
    engravings = cboxes ? bs_find_engravings(cboxes, cpixa,
                                             bs_at_dpi(p->photo_min_px,
                                                       res))
                        : NULL;
    if (!engravings) {
        bs_fail(err, "%s: layout: component search failed", run->dir);
        goto out;
    }
    take_pictures(engravings, text, hrules, vrules, photos);
    /* text changed only where engravings were blanked: its components are
     * found again only then */
    if (boxaGetCount(engravings) > 0) {
        bs_comps_release(&cc);
        if (bs_comps_find(text, &cc) < 0) {
            bs_fail(err, "%s: layout: component search failed", run->dir);
            goto out;
        }
    }
    /* columns are judged on body-sized type: headlines span gutters */
    body = bs_comps_select(&cc, text, 0, (int)(p->headline_ratio * body_h),
                           L_SELECT_HEIGHT, L_SELECT_IF_LTE);
    if (!body) {
        bs_fail(err, "%s: layout: component selection failed", run->dir);
        goto out;
    }
    bs_find_bands(page, text, body, hrules, p, body_h);
    /* a white run a line height wide: wider than word spaces */
    islands = bs_find_islands(text, body, page, body_h, body_h);
    if (!islands) {
        bs_fail(err, "%s: layout: island search failed", run->dir);
        goto out;
    }
    body_h = bs_find_blocks(page, text, photos, islands, vrules, body_h, p);
    add_boxes(page, photos, BS_ROLE_IMAGE);
    add_boxes(page, hrules, BS_ROLE_SEPARATOR);
    add_boxes(page, vrules, BS_ROLE_SEPARATOR);
    /* More blocks than a page may hold: refused before roles are given,
     * which relate every block to the others. */
    if (bs_page_check_size(page, run->dir, err) < 0)
        goto out;
    bs_layout_roles(page, body_h, p);
    {
        /* a layout breaking the page's conventions is not read along:
         * ocr reads such a page by Tesseract's own segmentation */
        char why[256];
        bs_set_str(&page->doubt,
                   bs_layout_doubt(page, p, why, sizeof(why)) ? why : NULL);
    }
    rc = 0;
out:
    bs_comps_release(&cc);
    boxaDestroy(&photos);
    boxaDestroy(&framed);
    boxaDestroy(&engravings);
    boxaDestroy(&islands);
    boxaDestroy(&cboxes);
    pixaDestroy(&cpixa);
    boxaDestroy(&hrules);
    boxaDestroy(&vrules);
    pixDestroy(&rules);
    pixDestroy(&body);
    pixDestroy(&text);
    return rc;
}

const struct bs_stage bs_stage_layout = {
    .name = "layout",
    .summary = "find column bands, rules, photos, blocks and their roles",
    .reads = "binary.png",
    .writes = "",
    .saves_model = 1,
    .run = layout_run,
};
