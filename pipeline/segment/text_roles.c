/*
 * text_roles.c - roles from text: jump lines, bylines, photo credits.
 */
#include "segment.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

/* Code points of s with the spaces removed; *n its length. */
static uint32_t *squeeze(const char *s, int *n)
{
    int k = 0, len;
    uint32_t *c = bs_utf8_to_cps(s, &len);
    for (int i = 0; i < len; i++)
        if (!bs_cp_is_space(c[i]))
            c[k++] = c[i];
    *n = k;
    return c;
}

static int has_seq(const uint32_t *c, int n, const char *what, int within)
{
    int m;
    uint32_t *w = bs_utf8_to_cps(what, &m);
    int found = 0;
    for (int i = 0; i + m <= n && i <= within; i++)
        if (memcmp(c + i, w, (size_t)m * sizeof(*w)) == 0) {
            found = 1;
            break;
        }
    free(w);
    return found;
}

static int has_sentence_punct(const uint32_t *c, int n)
{
    for (int i = 0; i < n; i++)
        if (c[i] == 0x3002 || c[i] == 0xFF0C || c[i] == 0xFF1B ||
            c[i] == 0x3001 || c[i] == 0xFF01 || c[i] == 0xFF1F)
            return 1;
    return 0;
}

int bs_text_is_byline(const char *line)
{
    int n, ok = 0;
    uint32_t *c;

    if (!line)
        return 0;
    /* English: "By" and one to five capitalised words. */
    if ((line[0] == 'B' || line[0] == 'b') && (line[1] == 'y' || line[1] == 'Y') &&
        line[2] == ' ' && strlen(line) < 70) {
        const char *p = line + 3;
        int words = 0, caps = 1;
        while (*p) {
            while (*p == ' ')
                p++;
            if (!*p)
                break;
            if (!((*p >= 'A' && *p <= 'Z') ||
                  ((unsigned char)*p >= 0xC0)))
                if (strncmp(p, "and ", 4) != 0 && strncmp(p, "de ", 3) != 0 &&
                    strncmp(p, "van ", 4) != 0)
                    caps = 0;
            words++;
            while (*p && *p != ' ')
                p++;
        }
        return caps && words >= 1 && words <= 6;
    }
    /* Chinese: a short line opening with the reporter's title, then
     * names ("本报记者 梅刚", "通讯员 朱小萌"); "记者从……获悉" is a
     * dateline sentence, longer and with a verb after 记者. */
    c = squeeze(line, &n);
    if (n >= 4 && n <= 24 && !has_sentence_punct(c, n) &&
        (has_seq(c, n, "本报记者", 0) || has_seq(c, n, "本报通讯员", 0) ||
         has_seq(c, n, "特约记者", 0) || has_seq(c, n, "通讯员", 0) ||
         has_seq(c, n, "实习生", 0) ||
         (has_seq(c, n, "记者", 0) && n <= 8 &&
          !has_seq(c, n, "从", 2) && !has_seq(c, n, "在", 2))))
        ok = 1;
    free(c);
    return ok;
}

int bs_text_is_photo_credit(const char *line)
{
    int n, ok;
    uint32_t *c = squeeze(line ? line : "", &n);

    ok = n >= 2 && n <= 40 && c[n - 1] == 0x6444 /* 摄 */ &&
         !has_sentence_punct(c, n);
    free(c);
    return ok;
}

/* Moves line li of block bi into a new block of `role`; returns 1. */
static int split_line(struct bs_page *page, int bi, int li, enum bs_role role)
{
    struct bs_block *b = &page->blocks[bi];
    struct bs_line moved = b->lines[li];
    struct bs_block *nb;
    struct bs_line *nl;
    int band = b->band, c0 = b->col_first, c1 = b->col_last, ord = b->order;
    float th = b->text_height;
    char *lang = b->lang ? bs_strdup(b->lang) : NULL;
    struct bs_box box = moved.box;

    memmove(&b->lines[li], &b->lines[li + 1],
            (size_t)(b->nlines - li - 1) * sizeof(*b->lines));
    b->nlines--;
    if (!bs_box_empty(moved.box)) {
        if (li == 0 && bs_box_bottom(moved.box) > b->box.y) {
            int bottom = bs_box_bottom(b->box);
            b->box.y = bs_box_bottom(moved.box);
            b->box.h = bottom - b->box.y;
        } else if (li > 0 && moved.box.y < bs_box_bottom(b->box)) {
            b->box.h = moved.box.y - b->box.y;
        }
        if (b->box.h < 1)
            b->box.h = 1;
    } else {
        box = b->box;
    }
    nb = bs_page_add_block(page, role, box); /* b is invalid from here */
    nb->band = band;
    nb->col_first = c0;
    nb->col_last = c1;
    /* its source's place in the order until the order is made again (on
     * a page in Tesseract's order, bs_doubt_order keeps it there) */
    nb->order = ord;
    nb->text_height = th;
    nb->lang = lang;
    nl = bs_block_add_line(nb, moved.box);
    nl->words = moved.words;
    nl->nwords = moved.nwords;
    nl->capwords = moved.capwords;
    return 1;
}

static int image_above(const struct bs_page *page, const struct bs_block *b)
{
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *im = &page->blocks[i];
        if (im->role == BS_ROLE_IMAGE && bs_box_xoverlap(im->box, b->box) > 0 &&
            b->box.y >= bs_box_bottom(im->box) - b->box.h &&
            b->box.y - bs_box_bottom(im->box) < 3 * b->box.h + 60)
            return 1;
    }
    return 0;
}

/* A heading set in body type: one short line centred in its block, Latin
 * script, a few words ("Türkey.", "Großbritannien.") - how 19th-century
 * papers open each country's news. */
static int centred_heading(const struct bs_page *page,
                           const struct bs_block *b, const char *text)
{
    const struct bs_line *l = &b->lines[0];
    int left, right, words = 1, n, x0 = b->box.x, x1 = bs_box_right(b->box);
    uint32_t *c;

    if (b->nlines != 1 || bs_box_empty(l->box) || l->nwords > 4)
        return 0;
    /* Centred in its column(s) when layout knows them, else its block. */
    if (b->band >= 0 && b->band < page->nbands && b->col_first >= 0 &&
        b->col_last < page->bands[b->band].ncols) {
        x0 = page->bands[b->band].cols[b->col_first].x0;
        x1 = page->bands[b->band].cols[b->col_last].x1;
    }
    left = l->box.x - x0;
    right = x1 - bs_box_right(l->box);
    /* Margins on both sides, roughly equal (OCR specks widen the box). */
    if (left < 2 * l->box.h || right < 2 * l->box.h ||
        left < 0.12 * (x1 - x0) || right < 0.12 * (x1 - x0) ||
        abs(left - right) > 0.45 * (left + right))
        return 0;
    c = bs_utf8_to_cps(text, &n);
    for (int i = 0; i < n; i++) {
        if (c[i] == ' ')
            words++;
        else if (bs_cp_is_cjk(c[i]))
            words = 99;
    }
    free(c);
    return n >= 3 && words <= 3;
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* Median height of the lines OCR found in body blocks; 0 when none. */
static int body_line_height(const struct bs_page *page)
{
    int n = 0, cap = 0, *v = NULL, h;

    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        if (b->role != BS_ROLE_BODY)
            continue;
        for (int l = 0; l < b->nlines; l++)
            if (b->lines[l].box.h > 0) {
                bs_grow((void **)&v, &cap, n + 1, sizeof(int));
                v[n++] = b->lines[l].box.h;
            }
    }
    if (!n)
        return 0;
    qsort(v, (size_t)n, sizeof(int), cmp_int);
    h = v[n / 2];
    free(v);
    return h;
}

/* A body block of at most three lines set far larger than the body text
 * is a headline layout did not tag. */
static int large_type(const struct bs_block *b, int body_h, double ratio)
{
    int hs[3], n = 0;

    if (body_h <= 0 || ratio <= 0 || b->nlines > 3 || b->nlines == 0)
        return 0;
    for (int l = 0; l < b->nlines; l++)
        if (b->lines[l].box.h > 0)
            hs[n++] = b->lines[l].box.h;
    if (!n)
        return 0;
    /* the lower median: one line box OCR drew over two lines (a
     * descender touching) does not make a block large type */
    qsort(hs, (size_t)n, sizeof(int), cmp_int);
    return hs[(n - 1) / 2] >= ratio * body_h;
}

/* Block positions by the value key gives them, then block order. */
struct keyed {
    int key, block;
};

static int cmp_keyed(const void *pa, const void *pb)
{
    const struct keyed *a = pa, *b = pb;

    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->block - b->block;
}

/* The first entry of v (n, sorted) with key >= k. */
static int keyed_from(const struct keyed *v, int n, int k)
{
    int lo = 0, hi = n;

    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (v[mid].key < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A short one-line body block just over a headline, in smaller type, is
 * its kicker ("CITY & REGION", "经济观察").  Text blocks by bottom and
 * headlines by top, so each block looks only at what lies just above and
 * just below it (a page of 40000 blocks looked at every pair). */
static int find_kickers(struct bs_page *page)
{
    int n = page->nblocks, ntext = 0, nhead = 0, changed = 0, maxh = 0;
    struct keyed *text = bs_calloc((size_t)n + 1, sizeof(*text));
    struct keyed *heads = bs_calloc((size_t)n + 1, sizeof(*heads));

    for (int i = 0; i < n; i++) {
        const struct bs_block *b = &page->blocks[i];
        if (bs_role_has_text(b->role)) {
            text[ntext].key = bs_box_bottom(b->box);
            text[ntext++].block = i;
        }
        if (b->role == BS_ROLE_HEADLINE) {
            heads[nhead].key = b->box.y;
            heads[nhead++].block = i;
            maxh = b->box.h > maxh ? b->box.h : maxh;
        }
    }
    qsort(text, (size_t)ntext, sizeof(*text), cmp_keyed);
    qsort(heads, (size_t)nhead, sizeof(*heads), cmp_keyed);
    for (int i = 0; i < n; i++) {
        struct bs_block *k = &page->blocks[i];
        int alone = 1;
        if (k->role != BS_ROLE_BODY || k->nlines != 1 || bs_box_empty(k->box))
            continue;
        /* not the last line of text just above it: a text block ending
         * less than three of its heights over it */
        for (int r = keyed_from(text, ntext, k->box.y - 3 * k->box.h + 1);
             r < ntext && text[r].key <= k->box.y && alone; r++) {
            const struct bs_block *up = &page->blocks[text[r].block];
            if (text[r].block != i && bs_box_xoverlap(up->box, k->box) > 0)
                alone = 0;
        }
        for (int r = keyed_from(heads, nhead, bs_box_bottom(k->box));
             alone && r < nhead &&
             heads[r].key <= bs_box_bottom(k->box) + 2 * k->box.h + maxh / 2;
             r++) {
            const struct bs_block *hd = &page->blocks[heads[r].block];
            int gap = hd->box.y - bs_box_bottom(k->box);
            if (gap < 0 || gap > 2 * k->box.h + hd->box.h / 2 ||
                k->box.w > hd->box.w / 2 || k->box.h >= hd->box.h ||
                k->box.x > bs_box_right(hd->box) ||
                bs_box_right(k->box) < hd->box.x - hd->box.w / 2)
                continue;
            k->role = BS_ROLE_KICKER;
            changed++;
            break;
        }
    }
    free(text);
    free(heads);
    return changed;
}

int bs_text_refine_roles(struct bs_page *page, double headline_ratio)
{
    int changed = 0, n = page->nblocks;
    int body_h = body_line_height(page);

    for (int i = 0; i < n; i++) {
        struct bs_block *b = &page->blocks[i];
        struct bs_jump j;
        char *first, *last;

        if (!bs_role_has_text(b->role) || b->nlines == 0 ||
            b->role == BS_ROLE_HEADLINE || b->role == BS_ROLE_MASTHEAD ||
            b->role == BS_ROLE_CONTINUATION)
            continue;
        first = bs_line_text(&b->lines[0]);
        last = bs_line_text(&b->lines[b->nlines - 1]);
        if (b->nlines == 1 && bs_jump_parse(first, &j)) {
            b->role = BS_ROLE_CONTINUATION;
            changed++;
        } else if (b->nlines > 1 && bs_jump_parse(last, &j)) {
            changed += split_line(page, i, page->blocks[i].nlines - 1,
                                  BS_ROLE_CONTINUATION);
        } else if (b->nlines > 1 && bs_jump_parse(first, &j)) {
            changed += split_line(page, i, 0, BS_ROLE_CONTINUATION);
        } else if (b->nlines <= 2 && b->role != BS_ROLE_BYLINE &&
                   b->role != BS_ROLE_CAPTION &&
                   bs_text_is_photo_credit(last)) {
            b->role = image_above(page, b) ? BS_ROLE_CAPTION : BS_ROLE_BYLINE;
            changed++;
        } else if (b->nlines <= 2 && b->role != BS_ROLE_BYLINE &&
                   b->role != BS_ROLE_CAPTION && bs_text_is_byline(first) &&
                   (b->nlines == 1 || bs_text_is_byline(last))) {
            b->role = BS_ROLE_BYLINE;
            changed++;
        } else if (b->role == BS_ROLE_BODY &&
                   (centred_heading(page, b, first) ||
                    large_type(b, body_h, headline_ratio))) {
            b->role = BS_ROLE_HEADLINE;
            changed++;
        } else if (b->nlines > 2 && b->role == BS_ROLE_BODY &&
                   bs_text_is_byline(first) &&
                   b->lines[0].box.w < 0.6 * b->lines[1].box.w) {
            changed += split_line(page, i, 0, BS_ROLE_BYLINE);
        }
        free(first);
        free(last);
    }
    changed += find_kickers(page);
    return changed;
}
