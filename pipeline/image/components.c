/*
 * components.c - 8-connected components of a 1-bit image from its runs of
 * ink: runs of neighbouring rows that touch (diagonally included) are
 * joined with union-find, then each run learns its component and each
 * component its bounding box.
 *
 * Pixels are read a word at a time (Leptonica keeps the leftmost pixel of
 * a word in its most significant bit), so the cost follows the number of
 * runs, not of pixels; nothing is allocated per component.
 */
#include "image.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

static void *grow(void *p, size_t n, size_t size)
{
    p = realloc(p, n * size);
    if (!p)
        bs_oom();
    return p;
}

/* Appends run [x0, x1) of row y, a component of its own for now. */
static void push_run(struct bs_comps *cc, int **parent, int *cap, int y,
                     int x0, int x1)
{
    if (cc->nruns == *cap) {
        *cap *= 2;
        cc->runs = grow(cc->runs, (size_t)*cap, sizeof(*cc->runs));
        *parent = grow(*parent, (size_t)*cap, sizeof(**parent));
    }
    cc->runs[cc->nruns] = (struct bs_inkrun){y, x0, x1, 0};
    (*parent)[cc->nruns] = cc->nruns;
    cc->nruns++;
}

/* Appends the runs of one row (w pixels) to cc, growing runs and parent
 * (*cap entries) as needed.  A bit of t = word ^ (word >> 1, carrying the
 * last pixel of the previous word) marks a pixel unlike its left
 * neighbour: a run starts or ends there, so the cost follows the runs and
 * a white or solid word costs one test. */
static void row_runs(const l_uint32 *line, int wpl, int w, int y,
                     struct bs_comps *cc, int **parent, int *cap)
{
    l_uint32 carry = 0;
    int inrun = 0, x0 = 0;

    for (int wd = 0; wd < wpl; wd++) {
        l_uint32 word = line[wd], t;
        if (wd == wpl - 1 && (w & 31))
            word &= 0xffffffffu << (32 - (w & 31));  /* pad bits */
        t = word ^ ((word >> 1) | carry);
        carry = word << 31;
        while (t) {
            int b = __builtin_clz(t), x = (wd << 5) + b;
            t &= ~(0x80000000u >> b);
            if (!inrun) {
                x0 = x;
                inrun = 1;
                continue;
            }
            inrun = 0;
            push_run(cc, parent, cap, y, x0, x);
        }
    }
    if (inrun)
        push_run(cc, parent, cap, y, x0, w);
}

static int uf_root(int *parent, int i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static void uf_join(int *parent, int a, int b)
{
    a = uf_root(parent, a);
    b = uf_root(parent, b);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

int bs_comps_find(PIX *pix, struct bs_comps *cc)
{
    int w, h, wpl, cap = 4096, prev0 = 0, prev1 = 0, *parent = NULL;
    l_uint32 *data;

    if (!cc)
        return ERROR_INT("no output", __func__, -1);
    memset(cc, 0, sizeof(*cc));
    if (!pix || pixGetDepth(pix) != 1)
        return ERROR_INT("not a 1-bit image", __func__, -1);
    w = pixGetWidth(pix);
    h = pixGetHeight(pix);
    wpl = pixGetWpl(pix);
    data = pixGetData(pix);
    cc->runs = grow(NULL, (size_t)cap, sizeof(*cc->runs));
    parent = grow(NULL, (size_t)cap, sizeof(*parent));
    for (int y = 0; y < h; y++) {
        int cur0 = cc->nruns, i = prev0;
        row_runs(data + (size_t)y * wpl, wpl, w, y, cc, &parent, &cap);
        /* each run joins the runs of the row above touching [x0 - 1, x1] */
        for (int k = cur0; k < cc->nruns; k++) {
            int x0 = cc->runs[k].x0, x1 = cc->runs[k].x1;
            while (i < prev1 && cc->runs[i].x1 < x0)
                i++;
            for (int j = i; j < prev1 && cc->runs[j].x0 <= x1; j++)
                uf_join(parent, j, k);
        }
        prev0 = cur0;
        prev1 = cc->nruns;
    }
    /* component ids in order of first run, and boxes: a root is the
     * first run of its component, so its id is set before any other run
     * of the component asks for it */
    for (int i = 0; i < cc->nruns; i++) {
        struct bs_inkrun *r = &cc->runs[i];
        int c;
        if (parent[i] == i) {
            c = cc->n++;
            if ((cc->n & (cc->n - 1)) == 0) {
                size_t m = (size_t)cc->n * 2;
                cc->x0 = grow(cc->x0, m, sizeof(int));
                cc->y0 = grow(cc->y0, m, sizeof(int));
                cc->x1 = grow(cc->x1, m, sizeof(int));
                cc->y1 = grow(cc->y1, m, sizeof(int));
            }
            cc->x0[c] = r->x0;
            cc->x1[c] = r->x1;
            cc->y0[c] = r->y;
            cc->y1[c] = r->y + 1;
        } else {
            c = cc->runs[uf_root(parent, i)].comp;
            if (r->x0 < cc->x0[c])
                cc->x0[c] = r->x0;
            if (r->x1 > cc->x1[c])
                cc->x1[c] = r->x1;
            cc->y1[c] = r->y + 1;
        }
        r->comp = c;
    }
    free(parent);
    return 0;
}

void bs_comps_release(struct bs_comps *cc)
{
    if (!cc)
        return;
    free(cc->runs);
    free(cc->x0);
    free(cc->y0);
    free(cc->x1);
    free(cc->y1);
    memset(cc, 0, sizeof(*cc));
}

/* Sets pixels [x0, x1) of one row. */
static void set_span(l_uint32 *line, int x0, int x1)
{
    int w0 = x0 >> 5, w1 = (x1 - 1) >> 5;
    l_uint32 head = 0xffffffffu >> (x0 & 31);
    l_uint32 tail = 0xffffffffu << (31 - ((x1 - 1) & 31));

    if (w0 == w1) {
        line[w0] |= head & tail;
        return;
    }
    line[w0] |= head;
    for (int k = w0 + 1; k < w1; k++)
        line[k] = 0xffffffffu;
    line[w1] |= tail;
}

PIX *bs_comps_render(const struct bs_comps *cc, PIX *like,
                     const unsigned char *keep)
{
    PIX *out;
    l_uint32 *data;
    int wpl;

    if (!cc || !like || pixGetDepth(like) != 1 || (cc->n && !keep))
        return (PIX *)ERROR_PTR("bad arguments", __func__, NULL);
    out = pixCreateTemplate(like);
    if (!out)
        return (PIX *)ERROR_PTR("no image", __func__, NULL);
    data = pixGetData(out);
    wpl = pixGetWpl(out);
    for (int i = 0; i < cc->nruns; i++) {
        const struct bs_inkrun *r = &cc->runs[i];
        if (keep[r->comp])
            set_span(data + (size_t)r->y * wpl, r->x0, r->x1);
    }
    return out;
}

int bs_size_selected(int w, int h, int width, int height, int type,
                     int relation)
{
    int a, b;

    switch (relation) {
    case L_SELECT_IF_LT:
        a = w < width, b = h < height;
        break;
    case L_SELECT_IF_GT:
        a = w > width, b = h > height;
        break;
    case L_SELECT_IF_LTE:
        a = w <= width, b = h <= height;
        break;
    case L_SELECT_IF_GTE:
        a = w >= width, b = h >= height;
        break;
    default:
        return 0;
    }
    switch (type) {
    case L_SELECT_WIDTH:
        return a;
    case L_SELECT_HEIGHT:
        return b;
    case L_SELECT_IF_EITHER:
        return a || b;
    case L_SELECT_IF_BOTH:
        return a && b;
    default:
        return 0;
    }
}

PIX *bs_comps_select(const struct bs_comps *cc, PIX *like, int width,
                     int height, int type, int relation)
{
    unsigned char *keep;
    PIX *out;

    if (type != L_SELECT_WIDTH && type != L_SELECT_HEIGHT &&
        type != L_SELECT_IF_EITHER && type != L_SELECT_IF_BOTH)
        return (PIX *)ERROR_PTR("bad type", __func__, NULL);
    if (relation != L_SELECT_IF_LT && relation != L_SELECT_IF_GT &&
        relation != L_SELECT_IF_LTE && relation != L_SELECT_IF_GTE)
        return (PIX *)ERROR_PTR("bad relation", __func__, NULL);
    keep = malloc((size_t)cc->n + 1);
    if (!keep)
        bs_oom();
    for (int c = 0; c < cc->n; c++)
        keep[c] = (unsigned char)bs_size_selected(
            cc->x1[c] - cc->x0[c], cc->y1[c] - cc->y0[c], width, height, type,
            relation);
    out = bs_comps_render(cc, like, keep);
    free(keep);
    return out;
}

PIX *bs_select_by_size(PIX *pix, int width, int height, int type,
                       int relation)
{
    struct bs_comps cc;
    PIX *out;

    if (!pix || pixGetDepth(pix) != 1)
        return (PIX *)ERROR_PTR("not a 1-bit image", __func__, NULL);
    if (bs_comps_find(pix, &cc) < 0) {
        bs_comps_release(&cc);
        return NULL;
    }
    out = bs_comps_select(&cc, pix, width, height, type, relation);
    bs_comps_release(&cc);
    return out;
}
