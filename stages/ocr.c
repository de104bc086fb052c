/*
 * ocr.c - stage `ocr`: reads each text block on its own crop with Tesseract.
 *
 * Reads gray.png (or binary.png with ocr_binary=1) and the blocks from
 * layout; writes lines and words, in page coordinates, into the blocks.
 * Rules and photos are never sent to Tesseract.  Blocks whose text is taller
 * than headline_max_px are scaled down first: Tesseract's LSTM misses glyphs
 * much larger than it was trained on.
 */
#include "../pipeline/stage.h"
#include "../pipeline/tess.h"

#include <math.h>
#include <stdlib.h>

static int psm_for(const struct bs_block *b, const struct bs_profile *p)
{
    switch (b->role) {
    case BS_ROLE_BODY:
    case BS_ROLE_CAPTION:
        return p->psm_body;
    default:
        return p->psm_headline;
    }
}

/* Crops a block with a white margin, scaled so its text is at most
 * headline_max_px tall.  Returns a new PIX owned by the caller and the map
 * back to page coordinates. */
static PIX *block_crop(PIX *src, const struct bs_block *b,
                       const struct bs_profile *p, struct bs_tess_map *map)
{
    BOX *box = boxCreate(b->box.x, b->box.y, b->box.w, b->box.h);
    PIX *crop = pixClipRectangle(src, box, NULL);
    PIX *padded, *scaled;
    int pad = p->ocr_pad_px;
    double scale = 1.0;

    boxDestroy(&box);
    if (!crop)
        return NULL;
    map->x = b->box.x;
    map->y = b->box.y;
    if (b->text_height > p->headline_max_px)
        scale = p->headline_max_px / b->text_height;
    if (scale < 0.999) {
        scaled = pixGetDepth(crop) == 1
                     ? pixScaleToGray(crop, (l_float32)scale)
                     : pixScaleSmooth(crop, (l_float32)scale, (l_float32)scale);
        if (scaled) {
            pixDestroy(&crop);
            crop = scaled;
        } else {
            scale = 1.0;
        }
    }
    padded = pixAddBorder(crop, pad, pixGetDepth(crop) == 1 ? 0 : 255);
    pixDestroy(&crop);
    if (!padded)
        return NULL;
    map->x -= (int)lround(pad / scale);
    map->y -= (int)lround(pad / scale);
    map->scale = scale;
    return padded;
}

static int ocr_run(struct bs_run *run, struct bs_page *page,
                   struct bs_error *err)
{
    const struct bs_settings *s = run->settings;
    const struct bs_profile *p = &s->profile;
    PIX *src = bs_run_image(run, p->ocr_binary ? "binary.png" : "gray.png",
                            err);

    if (!src)
        return -1;
    if (!run->tess)
        return bs_fail(err, "%s: no Tesseract engine for this run", run->dir);
    const char *lang = bs_settings_lang(s, page->lang);
    char *page_lang = bs_strdup(lang);

    /* page->lang may be the string `lang` points into: copy first. */
    bs_set_str(&page->lang, page_lang);
    free(page_lang);
    lang = page->lang;
    for (int i = 0; i < page->nblocks; i++) {
        struct bs_block *b = &page->blocks[i];
        struct bs_tess_map map;
        PIX *crop;
        int rc;

        bs_block_clear_lines(b);
        if (!bs_role_has_text(b->role) || bs_box_empty(b->box))
            continue;
        crop = block_crop(src, b, p, &map);
        if (!crop)
            return bs_fail(err, "%s: block %s lies outside the page",
                           run->dir, b->id);
        rc = bs_tess_read(run->tess, b->lang ? b->lang : lang, crop,
                          psm_for(b, p),
                          (int)lround(page->dpi * map.scale), map, b, err);
        pixDestroy(&crop);
        if (rc < 0)
            return -1;
        if (p->ocr_min_conf > 0) {
            for (int l = 0; l < b->nlines; l++) {
                struct bs_line *line = &b->lines[l];
                int k = 0;
                for (int w = 0; w < line->nwords; w++) {
                    if (line->words[w].conf >= 0 &&
                        line->words[w].conf < p->ocr_min_conf) {
                        free(line->words[w].text);
                        continue;
                    }
                    line->words[k++] = line->words[w];
                }
                line->nwords = k;
            }
        }
    }
    return 0;
}

const struct bs_stage bs_stage_ocr = {
    .name = "ocr",
    .summary = "read each text block with Tesseract (C API)",
    .reads = "gray.png",
    .writes = "",
    .saves_model = 1,
    .run = ocr_run,
};
