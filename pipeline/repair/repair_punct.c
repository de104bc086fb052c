/*
 * repair_punct.c - Chinese punctuation that OCR reads as a look-alike:
 * half-width ";" "?" "!" ":" "," after a Han character and before another
 * or at the line's end (Chinese sets full-width punctuation: "时间;要" ->
 * "时间；要"), and the dash opening a Chinese deck (副题, GLOSSARY.md) read
 * as "一一", "-一", "—一" ("一一写在" -> "——写在").
 *
 * Kept on purpose: punctuation between Latin letters or digits ("10:30",
 * "3,000"), and "一一" anywhere but at the head of a subheadline, where it
 * is a word ("一一对应").
 */
#include "repair.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

static uint32_t full_width(uint32_t cp)
{
    switch (cp) {
    case ';': return 0xFF1B;
    case '?': return 0xFF1F;
    case '!': return 0xFF01;
    case ':': return 0xFF1A;
    case ',': return 0xFF0C;
    default: return 0;
    }
}

/* Glyphs a dash is read as: dashes, hyphens, box rules, underscores, 一. */
static int dash_like(uint32_t cp)
{
    return cp == '-' || cp == '_' || cp == 0x4E00 || cp == 0x2010 ||
           cp == 0x2013 || cp == 0x2014 || cp == 0x2015 || cp == 0x2500 ||
           cp == 0xFF0D || cp == 0xFE58;
}

int bs_punct_fix(uint32_t *cps, int n, int deck)
{
    int changed = 0, i = 0;

    while (i < n && bs_cp_is_space(cps[i]))
        i++;
    /* a deck's opening dash: two dash glyphs before a Han letter */
    if (deck) {
        int at[3], k = 0;
        for (int j = i; j < n && k < 3; j++)
            if (!bs_cp_is_space(cps[j]))
                at[k++] = j;
        if (k == 3 && dash_like(cps[at[0]]) && dash_like(cps[at[1]]) &&
            bs_cp_is_han(cps[at[2]]) &&
            !(cps[at[0]] == 0x2014 && cps[at[1]] == 0x2014)) {
            cps[at[0]] = cps[at[1]] = 0x2014;
            changed++;
        }
    }
    for (int j = 0; j < n; j++) {
        uint32_t fw = full_width(cps[j]);
        int p = j - 1, q = j + 1;
        if (!fw)
            continue;
        while (p >= 0 && bs_cp_is_space(cps[p]))
            p--;
        while (q < n && bs_cp_is_space(cps[q]))
            q++;
        if (p >= 0 && bs_cp_is_han(cps[p]) && (q >= n || bs_cp_is_han(cps[q]))) {
            cps[j] = fw;
            changed++;
        }
    }
    return changed;
}

char *bs_punct_text(const char *text, int deck)
{
    int n;
    uint32_t *cps = bs_utf8_to_cps(text, &n);
    char *out = NULL;

    if (bs_punct_fix(cps, n, deck) > 0)
        out = bs_utf8_from_cps(cps, n);
    free(cps);
    return out;
}

/* Rewrites one line word by word: the code points of all its words are
 * judged together (a ";" read as a word of its own sits between two
 * others), then handed back to their words.  The count of code points never
 * changes, so each word keeps its own. */
static int fix_line(struct bs_line *line, int deck)
{
    int total = 0, at = 0, changed;
    int *len = bs_calloc((size_t)line->nwords + 1, sizeof(int));
    uint32_t *all;

    for (int w = 0; w < line->nwords; w++) {
        uint32_t *c = bs_utf8_to_cps(line->words[w].text, &len[w]);
        free(c);
        total += len[w] + 1;
    }
    all = bs_calloc((size_t)total + 1, sizeof(uint32_t));
    for (int w = 0; w < line->nwords; w++) {
        int m;
        uint32_t *c = bs_utf8_to_cps(line->words[w].text, &m);
        memcpy(all + at, c, (size_t)m * sizeof(uint32_t));
        at += m;
        all[at++] = ' ';
        free(c);
    }
    changed = bs_punct_fix(all, at, deck);
    if (changed) {
        at = 0;
        for (int w = 0; w < line->nwords; w++) {
            free(line->words[w].text);
            line->words[w].text = bs_utf8_from_cps(all + at, len[w]);
            at += len[w] + 1;
        }
    }
    free(all);
    free(len);
    return changed;
}

void bs_repair_punct(struct bs_page *page, struct bs_repair_log *log)
{
    for (int b = 0; b < page->nblocks; b++) {
        struct bs_block *block = &page->blocks[b];

        if (!bs_role_has_text(block->role))
            continue;
        for (int l = 0; l < block->nlines; l++) {
            int deck = l == 0 && block->role == BS_ROLE_SUBHEADLINE;
            char *before = bs_line_text(&block->lines[l]), *after;
            int n = fix_line(&block->lines[l], deck);

            if (n > 0) {
                after = bs_line_text(&block->lines[l]);
                bs_repair_log_add(log, "punct", block->id, l, before, after,
                                  json_pack("{s:s, s:i}", "pattern",
                                            "cjk-punctuation", "marks", n));
                free(after);
            }
            free(before);
        }
    }
}
