/*
 * blocks.c - text blocks: lines found per column, grouped into blocks at
 * vertical gaps and changes of type size, and pieces of one spanning
 * headline or deck in neighbouring columns joined again.
 *
 * Blocks are cut column by column, so a body block never crosses a gutter;
 * only a piece whose ink crosses the gutter, or which stands beside a piece
 * of the same large type, is joined to its neighbour.
 */
#include "layout.h"
#include "../image/image.h"

#include <stdlib.h>
#include <string.h>

#define SIZE_CHANGE 1.35   /* line height ratio that starts a new block */
#define NOISE_DENSITY 0.02 /* ink share under which a piece is no text */
#define SPARSE_DENSITY 0.1 /* ink share under which its components tell */

struct piece {
    struct bs_box box;     /* ink box */
    int band, col, nlines;
    int line_h;            /* median line height */
};

struct pieces {
    struct piece *v;
    int n, cap;
};

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static int median(int *v, int n)
{
    if (n <= 0)
        return 0;
    qsort(v, (size_t)n, sizeof(*v), cmp_int);
    return v[n / 2];
}

/* Rows with ink per row of the rectangle (x, y, w, h) of pix. */
static l_int32 *row_counts(PIX *pix, int x, int y, int w, int h)
{
    BOX *b = boxCreate(x, y, w, h);
    PIX *clip = pixClipRectangle(pix, b, NULL);
    NUMA *na = clip ? pixCountPixelsByRow(clip, NULL) : NULL;
    l_int32 *out = calloc((size_t)h + 1, sizeof(*out));

    if (!out)
        bs_oom();
    for (int i = 0; na && i < numaGetCount(na) && i < h; i++) {
        l_int32 v;
        numaGetIValue(na, i, &v);
        out[i] = v;
    }
    numaDestroy(&na);
    pixDestroy(&clip);
    boxDestroy(&b);
    return out;
}

/* Runs of inked rows: lines[2*i], lines[2*i+1] = [y0, y1) relative.  A
 * row with at most `faint` ink pixels counts as white: descenders touching
 * the next line's ascenders (tight leading, black letter) leave a few. */
static int find_lines(const l_int32 *rows, int h, int faint, int **lines)
{
    int n = 0, cap = 16, y = 0;
    int *v = malloc((size_t)cap * 2 * sizeof(*v));

    if (!v)
        bs_oom();
    while (y < h) {
        int s;
        if (rows[y] <= faint) {
            y++;
            continue;
        }
        s = y;
        while (y < h && rows[y] > faint)
            y++;
        if (n == cap) {
            cap *= 2;
            v = realloc(v, (size_t)cap * 2 * sizeof(*v));
            if (!v)
                bs_oom();
        }
        v[2 * n] = s;
        v[2 * n + 1] = y;
        n++;
    }
    *lines = v;
    return n;
}

/* Lines much taller than body type are either large type or several
 * lines whose descenders touch the next ascenders (tight leading, blur);
 * the latter fall apart into two or more sizeable lines when faint rows
 * count as white.  Returns the new
 * count; *lines may be reallocated. */
static int split_tall(const l_int32 *rows, int **lines, int n, int faint,
                      int body_h)
{
    int *ln = *lines, *out, k = 0, cap = n + 16;

    out = malloc((size_t)cap * 2 * sizeof(*out));
    if (!out)
        bs_oom();
    for (int i = 0; i < n; i++) {
        int y0 = ln[2 * i], y1 = ln[2 * i + 1], *sub = NULL, ns = 0, good = 0;
        if (y1 - y0 > 5 * body_h / 2 && faint > 0) {
            /* two lines of large type: two halves of a good size */
            int least = body_h / 2 > (y1 - y0) / 4 ? body_h / 2 : (y1 - y0) / 4;
            ns = find_lines(rows + y0, y1 - y0, faint, &sub);
            for (int j = 0; j < ns; j++)
                good += sub[2 * j + 1] - sub[2 * j] >= least;
            if (good < 2) {
                /* many body lines: valleys under a fifth of the typical
                 * row's ink, three or more lines of body height */
                int *tmp = malloc((size_t)(y1 - y0) * sizeof(*tmp));
                if (!tmp)
                    bs_oom();
                for (int y = y0; y < y1; y++)
                    tmp[y - y0] = rows[y];
                least = median(tmp, y1 - y0) / 5;
                free(tmp);
                free(sub);
                sub = NULL;
                ns = find_lines(rows + y0, y1 - y0,
                                least > faint ? least : faint, &sub);
                good = 0;
                for (int j = 0; j < ns; j++)
                    good += sub[2 * j + 1] - sub[2 * j] >= body_h / 2;
                good = good >= 3 ? 2 : 0;
            }
        }
        if (good < 2)
            ns = 0;
        if (k + (ns ? ns : 1) > cap) {
            cap = 2 * (k + ns + 1);
            out = realloc(out, (size_t)cap * 2 * sizeof(*out));
            if (!out)
                bs_oom();
        }
        if (!ns) {
            out[2 * k] = y0;
            out[2 * k + 1] = y1;
            k++;
        }
        for (int j = 0; j < ns; j++) {
            out[2 * k] = y0 + sub[2 * j];
            out[2 * k + 1] = y0 + sub[2 * j + 1];
            k++;
        }
        free(sub);
    }
    free(ln);
    *lines = out;
    return k;
}

/* Joins slivers (dots over i, accents, rule remains, dust) to the nearer
 * of the lines around them when it is close, and lines only 2 px apart to
 * each other; returns the new count.  A sliver never bridges two lines:
 * dust between the two lines of a headline would make them one line of
 * twice the size. */
static int merge_slivers(int *ln, int n, int body_h)
{
    int small = body_h * 2 / 5, near = body_h / 2, k = 0;
    int sliver_after = 0, sliver_before = 0; /* joined to the last kept
                                                 line, to the next one */

    for (int i = 0; i < n; i++) {
        int h = ln[2 * i + 1] - ln[2 * i];
        int prev_gap = k > 0 ? ln[2 * i] - ln[2 * k - 1] : -1;
        int next_gap = i + 1 < n ? ln[2 * i + 2] - ln[2 * i + 1] : -1;
        if (h < small) {
            int to_prev = prev_gap >= 0 && prev_gap < near;
            int to_next = next_gap >= 0 && next_gap < near;
            if (to_prev && to_next)
                to_prev = prev_gap <= next_gap;
            if (to_prev) {
                ln[2 * k - 1] = ln[2 * i + 1];
                sliver_after = 1;
                continue;
            }
            if (to_next) {
                ln[2 * i + 2] = ln[2 * i]; /* joins the next line */
                sliver_before = 1;
                continue;
            }
        } else if (k > 0 && prev_gap <= 2 && !sliver_after &&
                   !sliver_before) {
            ln[2 * k - 1] = ln[2 * i + 1];
            continue;
        }
        ln[2 * k] = ln[2 * i];
        ln[2 * k + 1] = ln[2 * i + 1];
        k++;
        sliver_after = sliver_before = 0;
    }
    return k;
}

int bs_body_line_height(PIX *text, const struct bs_page *page)
{
    int w = pixGetWidth(text), h = pixGetHeight(text);
    int strip = bs_at_dpi(150, bs_page_res(page)), nh = 0, caph = 256;
    int *hs = malloc((size_t)caph * sizeof(*hs)), med;

    if (!hs)
        bs_oom();
    for (int x = 0; x + strip <= w; x += strip * 3) {
        l_int32 *rows = row_counts(text, x, 0, strip, h);
        int *ln, n = find_lines(rows, h, 0, &ln);
        for (int i = 0; i < n; i++) {
            int lh = ln[2 * i + 1] - ln[2 * i];
            if (lh < 4)
                continue;
            if (nh == caph) {
                caph *= 2;
                hs = realloc(hs, (size_t)caph * sizeof(*hs));
                if (!hs)
                    bs_oom();
            }
            hs[nh++] = lh;
        }
        free(ln);
        free(rows);
    }
    med = median(hs, nh);
    free(hs);
    return med > 0 ? med : bs_at_dpi(30, bs_page_res(page));
}

static void add_piece(struct pieces *ps, struct piece p)
{
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? ps->cap * 2 : 64;
        ps->v = realloc(ps->v, (size_t)ps->cap * sizeof(*ps->v));
        if (!ps->v)
            bs_oom();
    }
    ps->v[ps->n++] = p;
}

/* The ink box of rows [y0, y1) of column (x0, x1); 0 when no ink. */
static int ink_box(PIX *text, int x0, int x1, int y0, int y1,
                   struct bs_box *out)
{
    BOX *b = boxCreate(x0, y0, x1 - x0, y1 - y0), *fg = NULL;
    int ok = pixClipBoxToForeground(text, b, NULL, &fg) == 0 && fg;

    if (ok)
        boxGetGeometry(fg, &out->x, &out->y, &out->w, &out->h);
    boxDestroy(&fg);
    boxDestroy(&b);
    return ok;
}

/* True when the top or bottom edge of a photo overlapping columns x0..x1
 * lies in rows [y0, y1): text beside a photo is a block of its own. */
static int photo_edge(BOXA *photos, int x0, int x1, int y0, int y1)
{
    for (int i = 0; photos && i < boxaGetCount(photos); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(photos, i, &x, &y, &w, &h);
        if (x >= x1 || x + w <= x0)
            continue;
        if ((y >= y0 && y < y1) || (y + h >= y0 && y + h < y1))
            return 1;
    }
    return 0;
}

/* True when the ink of box b is not type: nearly empty (specks scattered
 * over blank paper), or sparse and made mostly of fragments under a third
 * of a body line tall (the torn, dirty edge of a scan).  Type, even letter
 * spaced, is mostly glyph-tall components.  The component count runs on
 * sparse boxes only, which are few and small. */
static int noise(PIX *text, struct bs_box b, int body_h)
{
    BOX *box = boxCreate(b.x, b.y, b.w, b.h);
    PIX *clip = NULL;
    BOXA *comps = NULL;
    l_int32 ink = 0;
    double area = (double)b.w * b.h;
    int n, tall = 0, res = 0;

    if (!box)
        bs_oom();
    pixCountPixelsInRect(text, box, &ink, NULL);
    if (ink < NOISE_DENSITY * area)
        res = 1;
    else if (ink < SPARSE_DENSITY * area &&
             (clip = pixClipRectangle(text, box, NULL)) &&
             (comps = pixConnComp(clip, NULL, 8))) {
        n = boxaGetCount(comps);
        for (int i = 0; i < n; i++) {
            l_int32 h;
            boxaGetBoxGeometry(comps, i, NULL, NULL, NULL, &h);
            tall += 3 * h >= body_h;
        }
        res = tall * 5 < n;
    }
    boxaDestroy(&comps);
    pixDestroy(&clip);
    boxDestroy(&box);
    return res;
}

/* The extent in box b of text of the components at least min_h tall:
 * the glyphs of a line without the dust and fibres beside it.  0 when
 * there are none. */
static int glyph_extent(PIX *text, struct bs_box b, int min_h,
                        struct bs_box *out)
{
    BOX *box = boxCreate(b.x, b.y, b.w, b.h);
    PIX *clip = box ? pixClipRectangle(text, box, NULL) : NULL;
    BOXA *comps = clip ? pixConnComp(clip, NULL, 8) : NULL;
    int x0 = b.w, x1 = -1;

    for (int i = 0; comps && i < boxaGetCount(comps); i++) {
        l_int32 x, w, h;
        boxaGetBoxGeometry(comps, i, &x, NULL, &w, &h);
        if (h < min_h)
            continue;
        x0 = x < x0 ? x : x0;
        x1 = x + w > x1 ? x + w : x1;
    }
    boxaDestroy(&comps);
    pixDestroy(&clip);
    boxDestroy(&box);
    if (x1 < 0)
        return 0;
    *out = (struct bs_box){b.x + x0, b.y, x1 - x0, b.h};
    return 1;
}

/* Flags (a new array of n) the lines set apart as a heading inside a
 * column: one line of body-sized type, centred with wide margins on both
 * sides, between lines that are not centred (the letter-spaced country
 * headings of an 1812 front page, "P o l e n."; a centred subhead or
 * "* * *" between paragraphs).  A centred caption or verse of several
 * lines is left whole. */
static char *heading_lines(PIX *text, struct bs_span col, int y0,
                           const int *ln, int n, int body_h)
{
    int colw, nfull = 0, x0, x1;
    char *centred = calloc((size_t)n + 1, 1);
    char *heading = calloc((size_t)n + 1, 1);
    struct bs_box *ink = malloc(((size_t)n + 1) * sizeof(*ink));
    int *lefts = malloc(((size_t)n + 1) * sizeof(*lefts));
    int *rights = malloc(((size_t)n + 1) * sizeof(*rights));

    if (!centred || !heading || !ink || !lefts || !rights)
        bs_oom();
    for (int i = 0; i < n; i++) {
        int lh = ln[2 * i + 1] - ln[2 * i];
        if (lh > SIZE_CHANGE * body_h || 2 * lh < body_h ||
            !ink_box(text, col.x0, col.x1, y0 + ln[2 * i], y0 + ln[2 * i + 1],
                     &ink[i])) {
            ink[i].w = 0;
            continue;
        }
        lefts[nfull] = ink[i].x;
        rights[nfull++] = bs_box_right(ink[i]);
    }
    /* the column's text edges: where most lines start and end (the
     * column's own edges may take in a dirty page edge or a rule) */
    x0 = nfull ? median(lefts, nfull) : col.x0;
    x1 = nfull ? median(rights, nfull) : col.x1;
    colw = x1 - x0;
    for (int i = 0; i < n && colw > 0; i++) {
        int lh = ln[2 * i + 1] - ln[2 * i], left, right;
        struct bs_box b = ink[i];
        if (b.w <= 0)
            continue;
        left = b.x - x0;
        right = x1 - bs_box_right(b);
        /* a full line (most lines) needs no closer look */
        if ((left < colw / 50 && right < colw / 50) ||
            !glyph_extent(text, b, lh / 3, &b))
            continue;
        left = b.x - x0;
        right = x1 - bs_box_right(b);
        centred[i] = left > colw / 8 && right > colw / 8 &&
                     abs(left - right) < colw / 8;
    }
    for (int i = 0; i < n; i++)
        heading[i] = centred[i] && (i == 0 || !centred[i - 1]) &&
                     (i == n - 1 || !centred[i + 1]);
    free(centred);
    free(ink);
    free(lefts);
    free(rights);
    return heading;
}

/* Splits the lines of ln[0..n) that hold several lines of body type:
 * descenders touching the next line's ascenders (tight leading, ink
 * spread, black letter) or a stroke down the column's edge leave no white
 * row between them, but the x-height glyphs of body type (core, the rows
 * of `cores`: glyphs of the page's measured x-height, which touch nothing
 * of the line above or below) still come in separate runs a line pitch
 * apart (a little askew, they overlap at their edges: a run is where
 * the x-height ink passes a quarter of the line's most).  Each line with
 * two or more such runs is cut between them, at its emptiest row.  Returns the new count; *lines may be reallocated. */
static int split_at_cores(const l_int32 *rows, const l_int32 *core, int **lines,
                          int n, int xh, int pitch, int colw)
{
    int *ln = *lines, *out, k = 0, cap = n + 16;

    if (xh <= 0 || pitch <= xh)
        return n;
    out = malloc((size_t)cap * 2 * sizeof(*out));
    if (!out)
        bs_oom();
    for (int i = 0; i < n; i++) {
        int y0 = ln[2 * i], y1 = ln[2 * i + 1], start = y0;
        int prev_end = -1, prev_mid = -1, low = 0;
        /* a row is in a core when it holds a quarter of the line's most
         * x-height ink: lines a little askew overlap at their edges */
        for (int y = y0; y < y1; y++)
            low = core[y] > low ? core[y] : low;
        low /= 4;
        if (y1 - y0 >= pitch + xh / 2) {
            for (int y = y0; y < y1;) {
                int s, e, mid, most = 0, at = y;
                if (core[y] <= low) {
                    y++;
                    continue;
                }
                for (s = y; y < y1 && core[y] > low; y++)
                    if (core[y] > most) {
                        most = core[y];
                        at = y;
                    }
                e = y;
                mid = (s + e) / 2;
                /* a line of body type fills a good part of the column
                 * with x-height glyphs, or (a paragraph's short last
                 * line) they are most of its row's ink; a few fragments
                 * (the parts of a large Chinese character, dust) are no
                 * line */
                if (e - s < xh / 2 || (8 * most < colw && 2 * most < rows[at]))
                    continue;
                if (prev_end >= 0 && 10 * (mid - prev_mid) >= 7 * pitch) {
                    /* cut at the emptiest row between the two runs */
                    int cut = prev_end;
                    for (int r = prev_end; r < s; r++)
                        if (rows[r] < rows[cut])
                            cut = r;
                    if (k + 2 > cap) {
                        cap = 2 * (k + 2);
                        out = realloc(out, (size_t)cap * 2 * sizeof(*out));
                        if (!out)
                            bs_oom();
                    }
                    out[2 * k] = start;
                    out[2 * k + 1] = cut;
                    k++;
                    start = cut + 1;
                }
                prev_end = e;
                prev_mid = mid;
            }
        }
        if (k + 1 > cap) {
            cap = 2 * (k + 1);
            out = realloc(out, (size_t)cap * 2 * sizeof(*out));
            if (!out)
                bs_oom();
        }
        out[2 * k] = start;
        out[2 * k + 1] = y1;
        k++;
    }
    free(ln);
    *lines = out;
    return k;
}

/* The glyphs of text that are body type's x-height tall (a, e, n, o...),
 * or NULL when the page's type is unknown: what split_at_cores follows. */
static PIX *xheight_glyphs(PIX *text, const struct bs_type_size *t)
{
    struct bs_comps cc;
    unsigned char *keep;
    PIX *out = NULL;
    double xh = t->x_height;

    if (xh < 4 || t->line_pitch <= xh)
        return NULL;
    if (bs_comps_find(text, &cc) < 0) {
        bs_comps_release(&cc);
        return NULL;
    }
    keep = calloc((size_t)cc.n + 1, 1);
    if (!keep)
        bs_oom();
    for (int c = 0; c < cc.n; c++) {
        int w = cc.x1[c] - cc.x0[c], h = cc.y1[c] - cc.y0[c];
        keep[c] = h >= 0.7 * xh && h <= 1.3 * xh && w <= 3 * h;
    }
    out = bs_comps_render(&cc, text, keep);
    free(keep);
    bs_comps_release(&cc);
    return out;
}

/* Trims each line of ln[0..n) to its type: rows at its top and bottom
 * with under a twentieth of its fullest row's ink are dust or a stray
 * stroke beside the line, which would make it look a size larger. */
static void trim_lines(const l_int32 *rows, int *ln, int n)
{
    for (int i = 0; i < n; i++) {
        int y0 = ln[2 * i], y1 = ln[2 * i + 1], most = 0;
        for (int y = y0; y < y1; y++)
            most = rows[y] > most ? rows[y] : most;
        while (y1 - y0 > 2 && rows[y0] * 20 < most)
            y0++;
        while (y1 - y0 > 2 && rows[y1 - 1] * 20 < most)
            y1--;
        ln[2 * i] = y0;
        ln[2 * i + 1] = y1;
    }
}

/* Cuts one column of a band into pieces. */
static void column_pieces(PIX *text, PIX *cores, const struct bs_page *page,
                          int bi, int ci, int body_h, double gap_lines,
                          BOXA *photos, struct pieces *ps)
{
    const struct bs_band *band = &page->bands[bi];
    struct bs_span col = band->cols[ci];
    int h = band->y1 - band->y0, *ln, n, i = 0;
    l_int32 *rows = row_counts(text, col.x0, band->y0, col.x1 - col.x0, h);
    char *heading;

    n = find_lines(rows, h, 0, &ln);
    n = split_tall(rows, &ln, n, (col.x1 - col.x0) / 50, body_h);
    n = merge_slivers(ln, n, body_h);
    if (cores) {
        l_int32 *core = row_counts(cores, col.x0, band->y0, col.x1 - col.x0,
                                   h);
        n = split_at_cores(rows, core, &ln, n, (int)page->type.x_height,
                           (int)page->type.line_pitch, col.x1 - col.x0);
        free(core);
    }
    trim_lines(rows, ln, n);
    heading = heading_lines(text, col, band->y0, ln, n, body_h);
    while (i < n) {
        int first = i, hs[512], nh = 0, med;
        hs[nh++] = ln[2 * i + 1] - ln[2 * i];
        med = hs[0];
        for (i++; i < n; i++) {
            int lh = ln[2 * i + 1] - ln[2 * i];
            int gap = ln[2 * i] - ln[2 * i - 1];
            int ref = med > lh ? med : lh;
            if (ref < body_h)
                ref = body_h;
            if (gap > gap_lines * ref || heading[i] || heading[i - 1] ||
                lh > SIZE_CHANGE * med || lh * SIZE_CHANGE < med ||
                photo_edge(photos, col.x0, col.x1,
                           band->y0 + ln[2 * i - 2] + 1,
                           band->y0 + ln[2 * i] + 1))
                break;
            if (nh < 512)
                hs[nh++] = lh;
            {
                int tmp[512];
                memcpy(tmp, hs, (size_t)nh * sizeof(int));
                med = median(tmp, nh);
            }
        }
        {
            struct piece p = {{0, 0, 0, 0}, bi, ci, i - first, med};
            /* remains of a removed rule, a stray speck */
            if (ln[2 * i - 1] - ln[2 * first] < body_h / 3)
                continue;
            if (!ink_box(text, col.x0, col.x1, band->y0 + ln[2 * first],
                         band->y0 + ln[2 * i - 1], &p.box) ||
                noise(text, p.box, body_h))
                continue;
            /* a heading's box is its glyphs, without the dust beside it,
             * so it still reads as centred */
            if (i - first == 1 && heading[first])
                glyph_extent(text, p.box, p.box.h / 3, &p.box);
            add_piece(ps, p);
        }
    }
    free(heading);
    free(ln);
    free(rows);
}

static int uf_find(int *uf, int i)
{
    while (uf[i] != i)
        i = uf[i] = uf[uf[i]];
    return i;
}

/* Rows of a gutter strip with ink in both its left and right thirds: type
 * running across, not a column rule or a speck in the middle. */
static int crossing_rows(PIX *g)
{
    int w = pixGetWidth(g), h = pixGetHeight(g), wpl = pixGetWpl(g);
    int third = w / 3 > 0 ? w / 3 : 1, n = 0;
    l_uint32 *data = pixGetData(g);

    for (int y = 0; y < h; y++) {
        l_uint32 *line = data + (size_t)y * wpl;
        int left = 0, right = 0;
        for (int x = 0; x < third && !left; x++)
            left = GET_DATA_BIT(line, x);
        for (int x = w - third; x < w && !right; x++)
            right = GET_DATA_BIT(line, x);
        n += left && right;
    }
    return n;
}

/* True when a and b (neighbouring columns) are parts of one spanning line
 * of type: ink in the gutter between them, or the same large type side by
 * side. */
static int one_piece(PIX *text, const struct bs_band *band,
                     const struct piece *a, const struct piece *b, int body_h,
                     double big)
{
    int top = a->box.y > b->box.y ? a->box.y : b->box.y;
    int bot = bs_box_bottom(a->box) < bs_box_bottom(b->box)
                  ? bs_box_bottom(a->box) : bs_box_bottom(b->box);
    int minh = a->box.h < b->box.h ? a->box.h : b->box.h;
    int g0 = band->cols[a->col].x1 + 2, g1 = band->cols[b->col].x0 - 2;

    if (bot - top < minh / 2)
        return 0;
    if (g1 > g0) {
        /* type crossing the gutter marks a good part of the rows */
        BOX *gb = boxCreate(g0, top, g1 - g0, bot - top);
        PIX *g = pixClipRectangle(text, gb, NULL);
        int inked = g ? crossing_rows(g) : 0;
        pixDestroy(&g);
        boxDestroy(&gb);
        if (inked * 5 >= bot - top)
            return 1;
    }
    if (a->line_h >= big * body_h && b->line_h >= big * body_h) {
        int ra = a->line_h, rb = b->line_h;
        int gap = b->box.x - bs_box_right(a->box);
        int dy = a->box.y - b->box.y;
        return ra * 3 < rb * 4 && rb * 3 < ra * 4 && dy < minh / 3 &&
               -dy < minh / 3 && gap < (ra > rb ? ra : rb) + (g1 - g0);
    }
    return 0;
}

/* True when a column rule runs down the gutter between a and b beside
 * both: rules stop where a headline crosses the gutter. */
static int ruled(BOXA *vrules, const struct bs_band *band,
                 const struct piece *a, const struct piece *b)
{
    int g0 = band->cols[a->col].x1, g1 = band->cols[b->col].x0;
    int top = a->box.y > b->box.y ? a->box.y : b->box.y;
    int bot = bs_box_bottom(a->box) < bs_box_bottom(b->box)
                  ? bs_box_bottom(a->box) : bs_box_bottom(b->box);

    for (int i = 0; vrules && i < boxaGetCount(vrules); i++) {
        l_int32 x, y, w, h;
        boxaGetBoxGeometry(vrules, i, &x, &y, &w, &h);
        if (x + w > g0 - 4 && x < g1 + 4 && y <= top && y + h >= bot)
            return 1;
    }
    return 0;
}

/* Median height of the glyphs (components at least 3 px tall) in box b of
 * text; 0 when none. */
static int glyph_height(PIX *text, struct bs_box b)
{
    BOX *box = boxCreate(b.x, b.y, b.w, b.h);
    PIX *clip = box ? pixClipRectangle(text, box, NULL) : NULL;
    BOXA *comps = clip ? pixConnComp(clip, NULL, 8) : NULL;
    int n = comps ? boxaGetCount(comps) : 0, k = 0, med;
    int *hs = malloc(((size_t)n + 1) * sizeof(*hs));

    if (!hs)
        bs_oom();
    for (int i = 0; i < n; i++) {
        l_int32 h;
        boxaGetBoxGeometry(comps, i, NULL, NULL, NULL, &h);
        if (h >= 3)
            hs[k++] = h;
    }
    med = median(hs, k);
    free(hs);
    boxaDestroy(&comps);
    pixDestroy(&clip);
    boxDestroy(&box);
    return med;
}

/* True when most of the ink of box b of text lies in glyphs taller than
 * limit: large type, even when it has many small pieces (the flourishes
 * and hairlines of a black-letter masthead make its median glyph small). */
static int mostly_large(PIX *text, struct bs_box b, int limit)
{
    BOX *box = boxCreate(b.x, b.y, b.w, b.h);
    PIX *clip = box ? pixClipRectangle(text, box, NULL) : NULL;
    PIX *large = clip ? bs_select_by_size(clip, 0, limit, L_SELECT_HEIGHT,
                                          L_SELECT_IF_GT)
                      : NULL;
    l_int32 all = 0, big = 0;

    if (large) {
        pixCountPixels(clip, &all, NULL);
        pixCountPixels(large, &big, NULL);
    }
    pixDestroy(&large);
    pixDestroy(&clip);
    boxDestroy(&box);
    return big * 2 > all;
}

/* Pieces whose lines look large only because body lines touch (black
 * letter, tight leading): their glyphs are body-sized.  They get the body
 * line height, so they are neither headlines nor scaled down for OCR. */
static void unmerge_sizes(PIX *text, struct pieces *ps, int body_h,
                          double big)
{
    int sample[4], ns = 0, body_glyph;

    for (int i = 0; i < ps->n && ns < 4; i++)
        if (ps->v[i].nlines >= 4 && ps->v[i].line_h <= body_h * 11 / 10)
            sample[ns++] = glyph_height(text, ps->v[i].box);
    body_glyph = median(sample, ns);
    if (body_glyph <= 0)
        return;
    for (int i = 0; i < ps->n; i++) {
        struct piece *pc = &ps->v[i];
        if (pc->line_h >= big * body_h && pc->line_h <= 6 * body_h &&
            glyph_height(text, pc->box) * 10 < body_glyph * 12 &&
            !mostly_large(text, pc->box, body_glyph * 3 / 2))
            pc->line_h = body_h;
    }
}

/* The line height most lines of the pieces have (weighted median). */
static int typical_line(const struct pieces *ps, int fallback)
{
    size_t total = 0, n = 0;
    int *hs, med;

    for (int i = 0; i < ps->n; i++)
        total += (size_t)ps->v[i].nlines;
    if (total == 0)
        return fallback;
    hs = malloc(total * sizeof(*hs));
    if (!hs)
        bs_oom();
    for (int i = 0; i < ps->n; i++)
        for (int k = 0; k < ps->v[i].nlines; k++)
            hs[n++] = ps->v[i].line_h;
    med = median(hs, (int)n);
    free(hs);
    return med > 0 ? med : fallback;
}

/* Joins to a spanning headline the pieces of large type lying inside its
 * box: the last letters of a line that end just past a gutter ("Cost|s")
 * make a piece of their own there, cut off from the line's first row in
 * that column by the lines that stop short of it.  Only large type is
 * taken, so a body column beside a stepped headline keeps its own block. */
static void absorb_enclosed(const struct pieces *ps, int *uf, int body_h,
                            double big)
{
    struct bs_box *group = malloc((size_t)ps->n * sizeof(*group));
    int *group_lh = malloc((size_t)ps->n * sizeof(*group_lh));

    if (!group || !group_lh)
        bs_oom();
    for (int i = 0; i < ps->n; i++) {
        group[i] = ps->v[i].box;
        group_lh[i] = ps->v[i].line_h;
    }
    for (int i = 0; i < ps->n; i++) {
        int r = uf_find(uf, i);
        if (r == i)
            continue;
        group[r] = bs_box_union(group[r], ps->v[i].box);
        if (ps->v[i].line_h > group_lh[r])
            group_lh[r] = ps->v[i].line_h;
    }
    for (int j = 0; j < ps->n; j++) {
        const struct piece *pc = &ps->v[j];
        int rj = uf_find(uf, j);
        if (pc->line_h < big * body_h)
            continue;
        for (int i = 0; i < ps->n; i++) {
            int ri = uf_find(uf, i);
            if (ri != i || ri == rj || ps->v[i].band != pc->band ||
                group_lh[ri] < big * body_h)
                continue;
            if (bs_box_area(bs_box_intersect(group[ri], pc->box)) * 5 >=
                bs_box_area(pc->box) * 4) {
                uf[rj] = ri;
                break;
            }
        }
    }
    free(group);
    free(group_lh);
}

/* Adds island box b of text as a block of its own: the band holding its
 * centre, the columns it overlaps, its median line height. */
static void add_island(struct bs_page *page, PIX *text, struct bs_box b,
                       int body_h)
{
    l_int32 *rows = row_counts(text, b.x, b.y, b.w, b.h);
    int *ln, n = find_lines(rows, b.h, 0, &ln), *hs, cy = b.y + b.h / 2;
    struct bs_block *blk = bs_page_add_block(page, BS_ROLE_BODY, b);

    n = merge_slivers(ln, n, body_h);
    hs = malloc(((size_t)n + 1) * sizeof(*hs));
    if (!hs)
        bs_oom();
    for (int i = 0; i < n; i++)
        hs[i] = ln[2 * i + 1] - ln[2 * i];
    blk->text_height = (float)(n > 0 ? median(hs, n) : body_h);
    for (int bi = 0; bi < page->nbands; bi++) {
        const struct bs_band *band = &page->bands[bi];
        if (cy < band->y0 || cy >= band->y1)
            continue;
        blk->band = bi;
        for (int c = 0; c < band->ncols; c++) {
            if (band->cols[c].x1 <= b.x || band->cols[c].x0 >= bs_box_right(b))
                continue;
            if (blk->col_first < 0)
                blk->col_first = c;
            blk->col_last = c;
        }
        break;
    }
    free(hs);
    free(ln);
    free(rows);
}

int bs_find_blocks(struct bs_page *page, PIX *text, BOXA *photos,
                   BOXA *islands, BOXA *vrules, int body_h,
                   const struct bs_profile *p)
{
    struct pieces ps = {NULL, 0, 0};
    int *uf, nisl = islands ? boxaGetCount(islands) : 0;
    PIX *rest = text;   /* the columns' text: islands left out */
    PIX *cores;
    BOXA *edges = photos;

    if (nisl > 0) {
        rest = pixCopy(NULL, text);
        edges = photos ? boxaCopy(photos, L_COPY) : boxaCreate(nisl);
        if (!rest || !edges)
            bs_oom();
        boxaJoin(edges, islands, 0, -1);
        for (int i = 0; i < nisl; i++) {
            l_int32 x, y, w, h;
            boxaGetBoxGeometry(islands, i, &x, &y, &w, &h);
            pixRasterop(rest, x, y, w, h, PIX_CLR, NULL, 0, 0);
        }
    }
    cores = xheight_glyphs(rest, &page->type);
    for (int bi = 0; bi < page->nbands; bi++)
        for (int ci = 0; ci < page->bands[bi].ncols; ci++)
            column_pieces(rest, cores, page, bi, ci, body_h,
                          p->block_gap_lines, edges, &ps);
    if (ps.n <= 0)
        goto out;
    body_h = typical_line(&ps, body_h);
    unmerge_sizes(rest, &ps, body_h, p->subheadline_ratio);
    uf = malloc((size_t)ps.n * sizeof(*uf));
    if (!uf)
        bs_oom();
    for (int i = 0; i < ps.n; i++)
        uf[i] = i;
    for (int i = 0; i < ps.n; i++)
        for (int j = 0; j < ps.n; j++) {
            const struct piece *a = &ps.v[i], *b = &ps.v[j];
            if (a->band != b->band || b->col != a->col + 1)
                continue;
            if (!ruled(vrules, &page->bands[a->band], a, b) &&
                one_piece(rest, &page->bands[a->band], a, b, body_h,
                          p->subheadline_ratio))
                uf[uf_find(uf, j)] = uf_find(uf, i);
        }
    absorb_enclosed(&ps, uf, body_h, p->subheadline_ratio);
    for (int i = 0; i < ps.n; i++) {
        struct bs_box box = ps.v[i].box;
        int c0 = ps.v[i].col, c1 = c0, lh = ps.v[i].line_h;
        struct bs_block *blk;
        if (uf_find(uf, i) != i)
            continue;
        for (int j = 0; j < ps.n; j++) {
            if (j == i || uf_find(uf, j) != i)
                continue;
            box = bs_box_union(box, ps.v[j].box);
            c0 = ps.v[j].col < c0 ? ps.v[j].col : c0;
            c1 = ps.v[j].col > c1 ? ps.v[j].col : c1;
            lh = ps.v[j].line_h > lh ? ps.v[j].line_h : lh;
        }
        blk = bs_page_add_block(page, BS_ROLE_BODY, box);
        blk->band = ps.v[i].band;
        blk->col_first = c0;
        blk->col_last = c1;
        blk->text_height = (float)lh;
    }
    free(uf);
out:
    for (int i = 0; i < nisl; i++) {
        struct bs_box b;
        boxaGetBoxGeometry(islands, i, &b.x, &b.y, &b.w, &b.h);
        add_island(page, text, b, body_h);
    }
    free(ps.v);
    pixDestroy(&cores);
    if (rest != text)
        pixDestroy(&rest);
    if (edges != photos)
        boxaDestroy(&edges);
    return body_h;
}
