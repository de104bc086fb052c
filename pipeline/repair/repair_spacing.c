/*
 * repair_spacing.c - spaces that OCR or PDF extraction put into Chinese
 * text: letter-spaced headlines ("让 民 生 福 祉" -> "让民生福祉", also body
 * lines such as "今 天 再 晚 也 是 早 ，明 天"), spaces beside full-width
 * punctuation, and spaces between CJK and numbers ("到 2025年" -> "到2025年":
 * Chinese sets numbers without spaces; the extra space is layout).
 *
 * Kept on purpose: spaces between Latin words (as written, however many),
 * a Latin line's indent, spaces between Latin words and CJK
 * ("28万吨 BDO项目"), and a single space between two runs of two or more
 * Han characters, which Chinese layout uses deliberately ("本报记者 梅刚",
 * "众志成城 同心抗疫").
 */
#include "repair.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

static int is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* CJK that is not a letter: full-width punctuation, quotes, dashes. */
static int is_cjk_punct(uint32_t cp)
{
    return bs_cp_is_cjk(cp) && !bs_cp_is_han(cp) &&
           !(cp >= 0x3040 && cp <= 0x30FF) && !(cp >= 0xAC00 && cp <= 0xD7AF) &&
           !(cp >= 0x2460 && cp <= 0x24FF);
}

static int is_cjk_letter(uint32_t cp)
{
    return bs_cp_is_cjk(cp) && !is_cjk_punct(cp);
}

/* A token of a letter-spaced run: one CJK letter with punctuation around
 * it ("，明", "晚。"), or punctuation alone. */
static int single_token(const uint32_t *cps, int a, int b)
{
    int letters = 0;
    for (int i = a; i < b; i++) {
        if (is_cjk_letter(cps[i]))
            letters++;
        else if (!is_cjk_punct(cps[i]))
            return 0;
    }
    return letters <= 1;
}

int bs_spacing_find(const uint32_t *cps, int n, unsigned char *keep,
                    unsigned *why)
{
    int ntok = 0, dropped = 0, has_cjk = 0;
    int *ta = bs_malloc(((size_t)n + 1) * sizeof(int));
    int *tb = bs_malloc(((size_t)n + 1) * sizeof(int));
    unsigned char *single = bs_malloc((size_t)n + 1);

    *why = 0;
    for (int i = 0; i < n; i++)
        keep[i] = 1;
    /* Tokens: maximal runs of non-space characters. */
    for (int i = 0; i < n;) {
        if (bs_cp_is_space(cps[i])) {
            i++;
            continue;
        }
        ta[ntok] = i;
        while (i < n && !bs_cp_is_space(cps[i]))
            i++;
        tb[ntok] = i;
        single[ntok] = (unsigned char)single_token(cps, ta[ntok], tb[ntok]);
        ntok++;
    }
    /* Line ends are trimmed in Chinese lines only; Latin text keeps its
     * indents as written. */
    for (int i = 0; i < n && !has_cjk; i++)
        has_cjk = is_cjk_letter(cps[i]);
    for (int i = 0; i < n && has_cjk; i++)
        if (bs_cp_is_space(cps[i]) &&
            (ntok == 0 || i < ta[0] || i >= tb[ntok - 1])) {
            keep[i] = 0;
            *why |= BS_SPACING_EXTRA;
        }
    for (int t = 0; t + 1 < ntok; t++) {
        uint32_t a = cps[tb[t] - 1], b = cps[ta[t + 1]];
        int drop = 0, run = 1;

        /* Length of the letter-spaced run through this gap. */
        if (single[t] && single[t + 1]) {
            int lo = t, hi = t + 1;
            while (lo > 0 && single[lo - 1])
                lo--;
            while (hi + 1 < ntok && single[hi + 1])
                hi++;
            run = hi - lo + 1;
        }
        if (run >= 3 && bs_cp_is_cjk(a) && bs_cp_is_cjk(b)) {
            drop = BS_SPACING_LETTER;
        } else if ((bs_cp_is_cjk(a) && is_digit(b)) ||
                   (is_digit(a) && bs_cp_is_cjk(b))) {
            drop = BS_SPACING_DIGIT;
        } else if ((is_cjk_punct(a) && (bs_cp_is_cjk(b) || is_digit(b))) ||
                   (is_cjk_punct(b) && (bs_cp_is_cjk(a) || is_digit(a)))) {
            drop = BS_SPACING_PUNCT;
        }
        /* Otherwise, beside CJK, the first space of the gap stays and the
         * rest go; between Latin words spaces stay as written. */
        for (int i = tb[t]; i < ta[t + 1]; i++) {
            if (drop || (i > tb[t] && (bs_cp_is_cjk(a) || bs_cp_is_cjk(b)))) {
                keep[i] = 0;
                *why |= drop ? (unsigned)drop : BS_SPACING_EXTRA;
            }
        }
    }
    for (int i = 0; i < n; i++)
        dropped += !keep[i];
    free(single);
    free(tb);
    free(ta);
    return dropped;
}

char *bs_spacing_text(const char *text)
{
    int n, m = 0;
    unsigned why;
    uint32_t *cps = bs_utf8_to_cps(text, &n);
    unsigned char *keep = bs_malloc((size_t)n + 1);
    char *out = NULL;

    if (bs_spacing_find(cps, n, keep, &why) > 0) {
        for (int i = 0; i < n; i++)
            if (keep[i])
                cps[m++] = cps[i];
        out = bs_utf8_from_cps(cps, m);
    }
    free(keep);
    free(cps);
    return out;
}

static json_t *why_json(unsigned why)
{
    json_t *a = json_array();

    if (why & BS_SPACING_LETTER)
        json_array_append_new(a, json_string("letter-spaced"));
    if (why & BS_SPACING_DIGIT)
        json_array_append_new(a, json_string("cjk-number"));
    if (why & BS_SPACING_PUNCT)
        json_array_append_new(a, json_string("cjk-punctuation"));
    if (why & BS_SPACING_EXTRA)
        json_array_append_new(a, json_string("extra-space"));
    return a;
}

void bs_repair_spacing(struct bs_page *page, struct bs_repair_log *log)
{
    for (int b = 0; b < page->nblocks; b++) {
        struct bs_block *block = &page->blocks[b];

        if (!bs_role_has_text(block->role))
            continue;
        for (int l = 0; l < block->nlines; l++) {
            struct bs_line *line = &block->lines[l];
            struct bs_linemap m;
            unsigned char *keep;
            unsigned why;
            int dropped;

            bs_linemap_build(line, &m);
            keep = bs_malloc((size_t)m.n + 1);
            dropped = bs_spacing_find(m.cps, m.n, keep, &why);
            if (dropped > 0) {
                char *before = bs_line_text(line), *after;

                bs_linemap_apply(line, &m, keep);
                after = bs_line_text(line);
                if (strcmp(before, after) != 0)
                    bs_repair_log_add(log, "spacing", block->id, l, before,
                                      after,
                                      json_pack("{s:o, s:i}", "pattern",
                                                why_json(why), "spaces",
                                                dropped));
                free(after);
                free(before);
            }
            free(keep);
            bs_linemap_release(&m);
        }
    }
}
