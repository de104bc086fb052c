/*
 * specks.c - removes specks: dust, noise dots and paper fibres that survive
 * binarization and would otherwise make lines and blocks of their own.
 *
 * A speck is a component lying farther than `reach` from any larger ink
 * that is either small (under `size` both ways) or thin: a fibre or hair
 * under `fibre` both ways with no `stroke` x `stroke` solid part, which
 * type of the page's own weight always has.  The dot of an i, a full stop,
 * a comma and a hairline hyphen lie next to their letters and stay.  Long
 * thin lines (rules, strokes of a drawing) are never specks.
 *
 * The thin test only runs when the page's type is solid: when under 90% of
 * the ink (specks aside) lies in components with a solid part, the type is
 * light (small CJK, a thin face at low resolution) and thin components are
 * as likely letters as fibres.
 *
 * The work is done at half resolution (a pixel is on when any of its four
 * is), a quarter of the cost; run it after halftones are blanked, since
 * their dots are specks by this measure.
 */
#include "layout.h"

#include "../image/image.h"

#define SOLID_SHARE 0.9

/* Components of half (the half-resolution page) with a solid part about
 * stroke x stroke: at half resolution, where a 2x2 cell counts as solid
 * when three of its four pixels are ink (a hair one or two pixels wide
 * rarely fills three), a quarter of the cost of eroding the full page.
 * A new PIX, NULL on failure. */
static PIX *solid_parts(PIX *bin, PIX *half, int stroke)
{
    int s = (stroke + 1) / 2;
    PIX *full = pixReduceRankBinary2(bin, 3, NULL);
    PIX *core = full ? pixErodeBrick(NULL, full, s, s) : NULL;
    PIX *solid = core ? pixSeedfillBinary(NULL, core, half, 8) : NULL;

    pixDestroy(&core);
    pixDestroy(&full);
    return solid;
}

/* Adds to cand (in place) the thin components of half: those under
 * `fibre` both ways with no solid part, when the page's other ink is
 * mostly solid.  Returns 0, or -1 on failure. */
static int add_thin(PIX *bin, PIX *half, PIX *cand, int stroke, int fibre)
{
    PIX *solid = solid_parts(bin, half, stroke), *thin = NULL;
    PIX *short_thin = NULL;
    l_int32 all = 0, kept = 0;
    int rc = -1;

    if (!solid)
        return -1;
    /* ink outside the small specks, and its solid share */
    thin = pixSubtract(NULL, half, cand);
    if (thin && pixCountPixels(thin, &all, NULL) == 0) {
        pixSubtract(solid, solid, cand);
        pixCountPixels(solid, &kept, NULL);
        rc = 0;
        if (all > 0 && kept >= SOLID_SHARE * all) {
            pixSubtract(thin, thin, solid);
            short_thin = pixSelectBySize(thin, fibre, fibre, 8,
                                         L_SELECT_IF_BOTH, L_SELECT_IF_LT,
                                         NULL);
            if (short_thin)
                pixOr(cand, cand, short_thin);
            else
                rc = -1;
        }
    }
    pixDestroy(&short_thin);
    pixDestroy(&thin);
    pixDestroy(&solid);
    return rc;
}

int bs_remove_specks(PIX *bin, int size, int reach, int stroke, int fibre)
{
    PIX *half, *small = NULL, *big = NULL, *near = NULL, *kept = NULL;
    PIX *lone = NULL, *full = NULL;
    int rc = -1, s = (size + 1) / 2, r = (reach + 1) / 2;

    if (!bin || pixGetDepth(bin) != 1 || size < 2 || reach < 1 ||
        stroke < 0 || fibre < 0)
        return ERROR_INT("bad arguments", __func__, -1);
    half = pixReduceRankBinary2(bin, 1, NULL);
    if (half)
        small = bs_select_by_size(half, s, s, L_SELECT_IF_BOTH,
                                  L_SELECT_IF_LT);
    if (small && stroke > 1 && fibre > size &&
        add_thin(bin, half, small, stroke, (fibre + 1) / 2) < 0)
        pixDestroy(&small);
    if (small)
        big = pixSubtract(NULL, half, small);
    if (big)
        near = pixDilateCompBrick(NULL, big, 2 * r + 1, 2 * r + 1);
    if (near) {
        PIX *seed = pixAnd(NULL, small, near);
        kept = seed ? pixSeedfillBinary(NULL, seed, small, 8) : NULL;
        pixDestroy(&seed);
    }
    if (kept)
        lone = pixSubtract(NULL, small, kept);
    if (lone)
        full = pixExpandBinaryReplicate(lone, 2, 2);
    if (full) {
        /* bin minus the lone specks; the expansion may be a pixel larger */
        pixRasterop(bin, 0, 0, pixGetWidth(bin), pixGetHeight(bin),
                    PIX_DST & PIX_NOT(PIX_SRC), full, 0, 0);
        rc = 0;
    }
    pixDestroy(&full);
    pixDestroy(&lone);
    pixDestroy(&kept);
    pixDestroy(&near);
    pixDestroy(&big);
    pixDestroy(&small);
    pixDestroy(&half);
    return rc < 0 ? ERROR_INT("speck removal failed", __func__, -1) : 0;
}
