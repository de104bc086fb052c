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

/* A legend in the top left corner: a swatch and the name of each role the
 * page's blocks have, in the role's colour, on white. */
static void legend(PIX *pix, const struct bs_page *page, L_BMF *font,
                   int scale)
{
    int used[BS_ROLE_COUNT] = {0}, n = 0, row = 14 * scale, y;
    BOX *bg;

    for (int i = 0; i < page->nblocks; i++) {
        int r = page->blocks[i].role;
        if (r >= 0 && r < BS_ROLE_COUNT && !used[r]) {
            used[r] = 1;
            n++;
        }
    }
    if (!n || !font)
        return;
    bg = boxCreate(4, 4, 130 * scale, row * n + 8 * scale);
    if (bg) {
        pixSetInRectArbitrary(pix, bg, 0xffffff00);
        pixRenderBoxArb(pix, bg, 1, 0, 0, 0);
        boxDestroy(&bg);
    }
    y = 4 + 4 * scale;
    for (int r = 0; r < BS_ROLE_COUNT; r++) {
        unsigned rgb = role_colours[r];
        BOX *sw;
        if (!used[r])
            continue;
        sw = boxCreate(8, y + 2 * scale, 10 * scale, 9 * scale);
        if (sw) {
            pixSetInRectArbitrary(pix, sw, (l_uint32)rgb << 8);
            boxDestroy(&sw);
        }
        pixSetTextline(pix, font, bs_role_name((enum bs_role)r),
                       (l_uint32)rgb << 8, 8 + 14 * scale, y + 11 * scale,
                       NULL, NULL);
        y += row;
    }
}

PIX *bs_overlay_render(PIX *img, const struct bs_page *page)
{
    PIX *pix;
    L_BMF *font;
    int big = page->width > 2000, line = big ? 6 : 3;

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
    font = bmfCreate(NULL, big ? 20 : 12);
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        unsigned rgb = bs_overlay_role_colour(b->role);
        BOX *box = clipped_box(pix, b->box.x, b->box.y,
                               (long long)b->box.x + b->box.w,
                               (long long)b->box.y + b->box.h);
        char label[48] = "";
        if (!box)
            continue;
        if (b->role == BS_ROLE_SEPARATOR)
            pixRenderBoxArb(pix, box, 1, 255, 0, 0);
        else
            pixRenderBoxArb(pix, box, line, (rgb >> 16) & 0xff,
                            (rgb >> 8) & 0xff, rgb & 0xff);
        /* reading order number and the article the block belongs to */
        if (b->order >= 0 && b->article[0])
            snprintf(label, sizeof(label), "%d %s", b->order + 1, b->article);
        else if (b->order >= 0)
            snprintf(label, sizeof(label), "%d", b->order + 1);
        else if (b->article[0])
            snprintf(label, sizeof(label), "%s", b->article);
        if (font && label[0])
            pixSetTextline(pix, font, label, (l_uint32)rgb << 8,
                           (int)(box->x + line + 2), (int)(box->y + line + 24),
                           NULL, NULL);
        boxDestroy(&box);
    }
    legend(pix, page, font, big ? 2 : 1);
    bmfDestroy(&font);
    return pix;
}
