/*
 * specks.c - removes specks: dust and noise dots that survive binarization
 * and would otherwise make lines and blocks of their own.
 *
 * A speck is a component smaller than `size` both ways lying farther than
 * `reach` from any larger ink; the dot of an i, a full stop and a comma lie
 * next to their letters and stay.  The work is done at half resolution (a
 * pixel is on when any of its four is), a quarter of the cost; run it after
 * halftones are blanked, since their dots are specks by this measure.
 */
#include "layout_parts.h"

#include "components.h"

int bs_remove_specks(PIX *bin, int size, int reach)
{
    PIX *half, *small = NULL, *big = NULL, *near = NULL, *kept = NULL;
    PIX *lone = NULL, *full = NULL;
    int rc = -1, s = (size + 1) / 2, r = (reach + 1) / 2;

    if (!bin || pixGetDepth(bin) != 1 || size < 2 || reach < 1)
        return ERROR_INT("bad arguments", __func__, -1);
    half = pixReduceRankBinary2(bin, 1, NULL);
    if (half)
        small = bs_select_by_size(half, s, s, L_SELECT_IF_BOTH,
                                  L_SELECT_IF_LT);
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
