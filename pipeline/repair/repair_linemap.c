/*
 * repair_linemap.c - a line's text as code points, each mapped back to the
 * word it came from, so text-level repairs can edit the words (and their
 * boxes) of an OCR'd line as well as a plain-text line.
 */
#include "repair.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

void bs_linemap_build(const struct bs_line *line, struct bs_linemap *m)
{
    size_t cap = 1;

    for (int w = 0; w < line->nwords; w++)
        cap += strlen(line->words[w].text) + 1;
    m->cps = bs_malloc(cap * sizeof(*m->cps));
    m->word = bs_malloc(cap * sizeof(*m->word));
    m->n = 0;
    for (int w = 0; w < line->nwords; w++) {
        const char *t = line->words[w].text;
        size_t len = strlen(t);
        int k;

        if (!len)
            continue;
        /* The same rule as bs_line_text: no space between CJK. */
        if (m->n > 0 &&
            !(bs_cp_is_cjk(m->cps[m->n - 1]) &&
              bs_cp_is_cjk(bs_utf8_decode(t, len, &k)))) {
            m->cps[m->n] = ' ';
            m->word[m->n++] = -1;
        }
        for (size_t i = 0; i < len; i += (size_t)k) {
            m->cps[m->n] = bs_utf8_decode(t + i, len - i, &k);
            m->word[m->n++] = w;
        }
    }
}

void bs_linemap_release(struct bs_linemap *m)
{
    free(m->cps);
    free(m->word);
    m->cps = NULL;
    m->word = NULL;
    m->n = 0;
}

/* Box of source word w cut to its kept slots [first, last] of len. */
static struct bs_box cut_box(struct bs_box b, int first, int last, int len)
{
    struct bs_box o = b;

    if (bs_box_empty(b) || len <= 0 || (first == 0 && last == len - 1))
        return b;
    o.x = b.x + (int)((long)b.w * first / len);
    o.w = b.x + (int)((long)b.w * (last + 1) / len) - o.x;
    if (o.w < 1)
        o.w = 1;
    return o;
}

struct out_word {
    char *text;
    size_t len, cap;
    struct bs_box box;
    float conf;
};

static void out_put(struct out_word *o, uint32_t cp)
{
    char buf[4];
    int k = bs_utf8_encode(cp, buf);

    if (o->len + (size_t)k + 1 > o->cap) {
        o->cap = (o->len + (size_t)k + 1) * 2;
        o->text = bs_realloc(o->text, o->cap);
    }
    memcpy(o->text + o->len, buf, (size_t)k);
    o->len += (size_t)k;
    o->text[o->len] = '\0';
}

void bs_linemap_apply(struct bs_line *line, const struct bs_linemap *m,
                      const unsigned char *keep)
{
    int nw = line->nwords, nout = 0, cur_w = -1, merge = 0;
    int *first = bs_malloc(((size_t)nw + 1) * sizeof(int));
    int *last = bs_malloc(((size_t)nw + 1) * sizeof(int));
    int *len = bs_calloc((size_t)nw + 1, sizeof(int));
    int *seen = bs_calloc((size_t)nw + 1, sizeof(int));
    struct out_word *out = bs_calloc((size_t)m->n + 1, sizeof(*out));

    for (int w = 0; w < nw; w++)
        first[w] = last[w] = -1;
    /* Where each source word keeps its slots, for the cut boxes. */
    for (int i = 0; i < m->n; i++) {
        int w = m->word[i];
        if (w < 0)
            continue;
        if (keep[i]) {
            if (first[w] < 0)
                first[w] = len[w];
            last[w] = len[w];
        }
        len[w]++;
    }
    for (int i = 0; i < m->n; i++) {
        int w = m->word[i];
        struct out_word *o;

        if (w < 0) {
            if (keep[i])
                merge = 0, cur_w = -2; /* a kept space ends the word */
            else
                merge = 1;
            continue;
        }
        if (!keep[i])
            continue;
        if (nout == 0 || (w != cur_w && !merge)) {
            o = &out[nout++];
            o->conf = line->words[w].conf;
        } else {
            o = &out[nout - 1];
        }
        if (!seen[w] || w != cur_w) {
            struct bs_word *src = &line->words[w];
            o->box = bs_box_union(o->box,
                                  cut_box(src->box, first[w], last[w], len[w]));
            if (src->conf >= 0 && (o->conf < 0 || src->conf < o->conf))
                o->conf = src->conf;
            seen[w] = 1;
        }
        out_put(o, m->cps[i]);
        cur_w = w;
        merge = 0;
    }
    for (int w = 0; w < nw; w++)
        free(line->words[w].text);
    line->nwords = 0;
    for (int k = 0; k < nout; k++) {
        bs_line_add_word(line, out[k].text ? out[k].text : "", out[k].box,
                         out[k].conf);
        free(out[k].text);
    }
    bs_line_fit_box(line);
    free(out);
    free(seen);
    free(len);
    free(last);
    free(first);
}
