/*
 * overlay.c - draws a page model over its page image (see image.h).
 */
#include "image.h"

#include <stdio.h>

static const unsigned role_colours[BS_ROLE_COUNT] = {
    [BS_ROLE_UNKNOWN] = 0x808080,
    [BS_ROLE_MASTHEAD] = 0x8000c0,
    [BS_ROLE_FOLIO] = 0x606060,
    [BS_ROLE_KICKER] = 0xff8000,
    [BS_ROLE_HEADLINE] = 0xe00000,
    [BS_ROLE_SUBHEADLINE] = 0xc06000,
    [BS_ROLE_BYLINE] = 0x008080,
    [BS_ROLE_BODY] = 0x0050ff,
    [BS_ROLE_CAPTION] = 0x00a000,
    [BS_ROLE_CONTINUATION] = 0xc000c0,
    [BS_ROLE_SEPARATOR] = 0xff0000,
    [BS_ROLE_IMAGE] = 0x00c0c0,
};

unsigned bs_overlay_role_colour(enum bs_role role)
{
    return role >= 0 && role < BS_ROLE_COUNT ? role_colours[role] : 0x808080;
}

/* A box given by its corners, clipped to the image (a model is untrusted:
 * its coordinates may lie anywhere), or NULL when nothing of it is on the
 * image.  Computed in long long, so no corner can overflow an int. */
static BOX *clipped_box(const PIX *pix, long long x0, long long y0,
                        long long x1, long long y1)
{
    long long w = pixGetWidth((PIX *)pix), h = pixGetHeight((PIX *)pix);

    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    x1 = x1 > w ? w : x1;
    y1 = y1 > h ? h : y1;
    if (x1 <= x0 || y1 <= y0)
        return NULL;
    return boxCreate((int)x0, (int)y0, (int)(x1 - x0), (int)(y1 - y0));
}

static void outline(PIX *pix, long long x0, long long y0, long long x1,
                    long long y1, int width, unsigned rgb, float blend)
{
    BOX *b = clipped_box(pix, x0, y0, x1, y1);
    if (!b)
        return;
    pixRenderBoxBlend(pix, b, width, (rgb >> 16) & 0xff, (rgb >> 8) & 0xff,
                      rgb & 0xff, blend);
    boxDestroy(&b);
}

PIX *bs_overlay_render(PIX *img, const struct bs_page *page)
{
    PIX *pix;
    L_BMF *font;
    int line = page->width > 2000 ? 6 : 3;

    if (!img || !page)
        return (PIX *)ERROR_PTR("bad arguments", __func__, NULL);
    pix = pixConvertTo32(img);
    if (!pix)
        return NULL;
    for (int bi = 0; bi < page->nbands; bi++) {
        const struct bs_band *band = &page->bands[bi];
        for (int c = 0; c < band->ncols; c++)
            outline(pix, band->cols[c].x0, band->y0, band->cols[c].x1,
                    band->y1, line * 2, 0x60a0ff, 0.35f);
    }
    font = bmfCreate(NULL, page->width > 2000 ? 20 : 12);
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        unsigned rgb = bs_overlay_role_colour(b->role);
        BOX *box = clipped_box(pix, b->box.x, b->box.y,
                               (long long)b->box.x + b->box.w,
                               (long long)b->box.y + b->box.h);
        if (!box)
            continue;
        if (b->role == BS_ROLE_SEPARATOR)
            pixRenderBoxArb(pix, box, 1, 255, 0, 0);
        else
            pixRenderBoxArb(pix, box, line, (rgb >> 16) & 0xff,
                            (rgb >> 8) & 0xff, rgb & 0xff);
        if (font && b->order >= 0) {
            char num[16];
            snprintf(num, sizeof(num), "%d", b->order + 1);
            pixSetTextline(pix, font, num, (l_uint32)rgb << 8,
                           (int)(box->x + line + 2), (int)(box->y + line + 24),
                           NULL, NULL);
        }
        boxDestroy(&box);
    }
    bmfDestroy(&font);
    return pix;
}
