/*
 * gutters.c - finds the columns of one horizontal band from white space:
 * gutters are found whether or not a column rule is drawn in them.
 *
 * The text image is smeared a little sideways (to close letter gaps) and
 * down by about a line (to close the leading), then for every x we count
 * the band's rows with ink.  Inside a column almost every text row has ink;
 * in a gutter only the few rows of a deck or caption spanning several
 * columns do (the caller leaves large type out of `text`).  A gutter is a
 * run of x with less than 40% of the count of the emptier side's nearest
 * text, somewhere below 20%, at least min_gutter wide (less the smear), not at the band's edges.
 */
#include "layout.h"

#include <stdlib.h>
#include <string.h>

#define SMEAR_X 5

struct run {
    int x0, x1;
};

static int cmp_width_desc(const void *a, const void *b)
{
    const struct run *ra = a, *rb = b;
    return (rb->x1 - rb->x0) - (ra->x1 - ra->x0);
}

static int cmp_x(const void *a, const void *b)
{
    return ((const struct run *)a)->x0 - ((const struct run *)b)->x0;
}

/* Removes gutters that cut off a column much narrower than the band's
 * median column (a river between words, a ragged caption edge): each pass
 * drops the gutter beside the narrowest such column.  Returns the new
 * count. */
static int drop_slivers(struct run *runs, int n, int left, int right)
{
    while (n > 0) {
        int w[64], sorted[64], nc = n + 1, med, worst = -1;
        if (nc > 64)
            return n;
        for (int i = 0; i < nc; i++) {
            int x0 = i ? runs[i - 1].x1 : left;
            int x1 = i < n ? runs[i].x0 : right;
            w[i] = sorted[i] = x1 - x0;
        }
        for (int i = 1; i < nc; i++)
            for (int j = i; j > 0 && sorted[j - 1] > sorted[j]; j--) {
                int t = sorted[j];
                sorted[j] = sorted[j - 1];
                sorted[j - 1] = t;
            }
        med = sorted[nc / 2];
        for (int i = 0; i < nc; i++)
            if (w[i] * 3 < med && (worst < 0 || w[i] < w[worst]))
                worst = i;
        if (worst < 0)
            return n;
        /* the gutter on the side of the narrower neighbour */
        {
            int g;
            if (worst == 0)
                g = 0;
            else if (worst == nc - 1)
                g = n - 1;
            else
                g = w[worst - 1] < w[worst + 1] ? worst - 1 : worst;
            memmove(runs + g, runs + g + 1, (size_t)(n - g - 1) * sizeof(*runs));
            n--;
        }
    }
    return n;
}

/* Ink rows per x of pix (already clipped to the band).  The rows are
 * added a word at a time into bit-sliced counters (plane k holds bit k of
 * the count of each of the word's 32 columns), so the cost follows the
 * words, not the ink. */
static l_int32 *count_columns(PIX *pix)
{
    int w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
    int nplanes = 1;
    l_uint32 *data = pixGetData(pix), *planes;
    l_int32 *cnt = calloc((size_t)w + 1, sizeof(*cnt));

    while ((1L << nplanes) <= h)
        nplanes++;
    planes = calloc((size_t)wpl * nplanes, sizeof(*planes));
    if (!cnt || !planes) {
        free(cnt);
        free(planes);
        return NULL;
    }
    for (int y = 0; y < h; y++) {
        const l_uint32 *line = data + (size_t)y * wpl;
        for (int wd = 0; wd < wpl; wd++) {
            l_uint32 carry = line[wd], *pl = planes + (size_t)wd * nplanes;
            for (int k = 0; carry; k++) {
                l_uint32 t = pl[k] & carry;
                pl[k] ^= carry;
                carry = t;
            }
        }
    }
    for (int x = 0; x < w; x++) {
        const l_uint32 *pl = planes + (size_t)(x >> 5) * nplanes;
        int shift = 31 - (x & 31), v = 0;
        for (int k = 0; k < nplanes; k++)
            v |= (int)((pl[k] >> shift) & 1) << k;
        cnt[x] = v;
    }
    free(planes);
    return cnt;
}

/* Ink counts of smear's x in [x0, x1) (out[x - x0]) over the rows that
 * do not cross the run's nearly empty core [c0, c1): a row with ink in the
 * core and on both sides of it is a line set over the gutter (a headline
 * or a deck spanning the columns), which says nothing about where the
 * columns' own edges are.  The columns' lines end short of the core. */
static void edge_counts(PIX *smear, int x0, int x1, int c0, int c1,
                        l_int32 *out)
{
    int wpl = pixGetWpl(smear), h = pixGetHeight(smear);
    const l_uint32 *data = pixGetData(smear);

    memset(out, 0, (size_t)(x1 - x0) * sizeof(*out));
    for (int y = 0; y < h; y++) {
        const l_uint32 *line = data + (size_t)y * wpl;
        int left = 0, core = 0, right = 0;
        for (int x = x0; x < c0 && !left; x++)
            left = GET_DATA_BIT(line, x);
        for (int x = c0; x < c1 && !core; x++)
            core = GET_DATA_BIT(line, x);
        for (int x = c1; x < x1 && !right; x++)
            right = GET_DATA_BIT(line, x);
        if (left && core && right)
            continue;
        for (int x = x0; x < x1; x++)
            out[x - x0] += (l_int32)GET_DATA_BIT(line, x);
    }
}

int bs_find_columns(PIX *text, int y0, int y1, int min_gutter, int max_cols,
                    int min_rows, struct bs_band *band)
{
    PIX *clip = NULL, *smear = NULL;
    BOX *b;
    l_int32 *cnt = NULL;
    struct run *runs = NULL;
    char *low = NULL;
    l_int32 *ref = NULL;
    int deep;
    int w, nruns = 0, peak = 0, lo, left = -1, right = -1, ncols = 0;
    int need;

    if (!text || !band || y1 <= y0)
        return 0;
    w = pixGetWidth(text);
    b = boxCreate(0, y0, w, y1 - y0);
    clip = pixClipRectangle(text, b, NULL);
    boxDestroy(&b);
    if (!clip)
        return 0;
    {
        int vy = min_rows / 12;  /* half a line: closes the leading */
        smear = pixDilateBrick(NULL, clip, SMEAR_X, vy < 3 ? 3 : vy);
    }
    cnt = smear ? count_columns(smear) : NULL;
    if (!cnt)
        goto out;
    for (int x = 0; x < w; x++)
        peak = cnt[x] > peak ? cnt[x] : peak;
    if (peak == 0)
        goto out;
    lo = peak / 4;  /* the band's outer edges: where its columns' text is */
    for (int x = 0; x < w; x++)
        if (cnt[x] > lo) {
            if (left < 0)
                left = x;
            right = x + 1;
        }
    /* ... and out to the last ink beside it: a column's first and last
     * letters are in fewer rows when its edge is a little askew or ragged,
     * and a column cut inside its type loses them */
    {
        int faint = peak / 50 > 0 ? peak / 50 : 1;
        while (left > 0 && (cnt[left - 1] >= faint ||
                            (left > 1 && cnt[left - 2] >= faint)))
            left--;
        while (right < w && (cnt[right] >= faint ||
                             (right + 1 < w && cnt[right + 1] >= faint)))
            right++;
    }
    left += SMEAR_X / 2;
    right -= SMEAR_X / 2;
    if (y1 - y0 < min_rows || max_cols <= 1 || right - left < 4 * min_gutter)
        goto single;
    need = min_gutter - (SMEAR_X - 1);
    if (need < 2)
        need = 2;
    runs = calloc((size_t)w / 2 + 1, sizeof(*runs));
    low = calloc((size_t)w + 1, 1);
    ref = calloc((size_t)w + 1, sizeof(*ref));
    if (!runs || !low || !ref)
        goto single;
    /* white relative to the emptier of the nearest text on each side, so a
     * short column next to a long one still has its gutter */
    {
        int win = min_rows;
        for (int x = left; x < right; x++) {
            int ml = 0, mr = 0;
            for (int k = x - win; k < x; k++)
                if (k >= 0 && cnt[k] > ml)
                    ml = cnt[k];
            for (int k = x + 1; k <= x + win && k < w; k++)
                if (cnt[k] > mr)
                    mr = cnt[k];
            ref[x] = ml < mr ? ml : mr;
            low[x] = cnt[x] * 5 <= 2 * ref[x];
        }
    }
    for (int x = left; x < right;) {
        int s;
        if (!low[x]) {
            x++;
            continue;
        }
        s = x;
        deep = 0;
        for (;;) {
            int k;
            while (x < right && low[x]) {
                /* a gutter is nearly empty somewhere; a river between
                 * words only thins the text */
                deep |= cnt[x] * 5 <= ref[x];
                x++;
            }
            /* a speck or a stray stroke inside a gutter does not split it */
            for (k = x; k < right && k < x + need && !low[k]; k++)
                ;
            if (k >= right || k >= x + need)
                break;
            x = k;
        }
        if (x < right && x - s >= need && deep) {
            /* the columns reach to where the gutter is nearly empty: the
             * thinned edges of a run are the columns' ragged or askew
             * edges, and their letters (counted without the lines that
             * cross the gutter's core: edge_counts) */
            int d0 = s, d1 = x, c0 = s, c1 = x;
            l_int32 *ec = malloc((size_t)(x - s) * sizeof(*ec));
            if (!ec)
                goto single;
            while (c0 < c1 && cnt[c0] * 5 > ref[c0])
                c0++;
            while (c1 > c0 && cnt[c1 - 1] * 5 > ref[c1 - 1])
                c1--;
            edge_counts(smear, s, x, c0, c1, ec);
            while (d0 < d1 && ec[d0 - s] * 5 > ref[d0])
                d0++;
            while (d1 > d0 && ec[d1 - 1 - s] * 5 > ref[d1 - 1])
                d1--;
            free(ec);
            if (d1 - d0 < need) {
                int mid = (d0 + d1) / 2;
                d0 = mid - need / 2 > s ? mid - need / 2 : s;
                d1 = d0 + need < x ? d0 + need : x;
            }
            runs[nruns].x0 = d0;
            runs[nruns].x1 = d1;
            nruns++;
        }
    }
    if (nruns > max_cols - 1) {
        qsort(runs, (size_t)nruns, sizeof(*runs), cmp_width_desc);
        nruns = max_cols - 1;
        qsort(runs, (size_t)nruns, sizeof(*runs), cmp_x);
    }
    nruns = drop_slivers(runs, nruns, left, right);
    {
        int x0 = left;
        for (int i = 0; i <= nruns; i++) {
            int x1 = i < nruns ? runs[i].x0 - SMEAR_X / 2 : right;
            /* a sliver between two gutters is not a column */
            if (x1 - x0 >= 2 * min_gutter) {
                bs_band_add_col(band, x0, x1);
                ncols++;
            }
            if (i < nruns)
                x0 = runs[i].x1 + SMEAR_X / 2;
        }
    }
    goto out;
single:
    if (right > left) {
        bs_band_add_col(band, left, right);
        ncols = 1;
    }
out:
    free(low);
    free(ref);
    free(runs);
    free(cnt);
    pixDestroy(&smear);
    pixDestroy(&clip);
    return ncols;
}
