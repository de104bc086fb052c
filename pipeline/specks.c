/*
 * specks.c - removes isolated specks: dust and noise dots that survive
 * binarization and would otherwise make lines and blocks of their own.
 *
 * A speck is a component smaller than `size` both ways; it is kept when it
 * lies within `reach` of larger ink (the dot of an i, a full stop, a comma).
 */
#include "layout_parts.h"

int bs_remove_specks(PIX *bin, int size, int reach)
{
    PIX *small, *big = NULL, *near = NULL, *kept = NULL;
    int rc = -1;

    if (!bin || pixGetDepth(bin) != 1 || size < 2 || reach < 1)
        return ERROR_INT("bad arguments", __func__, -1);
    small = pixSelectBySize(bin, size, size, 8, L_SELECT_IF_BOTH,
                            L_SELECT_IF_LT, NULL);
    if (!small)
        return ERROR_INT("selection failed", __func__, -1);
    big = pixSubtract(NULL, bin, small);
    near = big ? pixDilateCompBrick(NULL, big, 2 * reach + 1, 2 * reach + 1)
               : NULL;
    if (near) {
        /* whole specks touching the neighbourhood of larger ink */
        PIX *seed = pixAnd(NULL, small, near);
        kept = seed ? pixSeedfillBinary(NULL, seed, small, 8) : NULL;
        pixDestroy(&seed);
    }
    if (kept) {
        pixSubtract(bin, bin, small);
        pixOr(bin, bin, kept);
        rc = 0;
    }
    pixDestroy(&kept);
    pixDestroy(&near);
    pixDestroy(&big);
    pixDestroy(&small);
    return rc;
}
