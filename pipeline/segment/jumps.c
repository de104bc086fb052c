/*
 * jumps.c - jump line recognition, English and Chinese (see segment.h).
 */
#include "segment.h"

#include "../base/base.h"
#include "../model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Characters that may surround a jump phrase without making it body text. */
static int is_decoration(uint32_t c)
{
    static const uint32_t extra[] = {
        0x25A0, 0x25A1, 0x25B2, 0x25B3, 0x25C6, 0x25C7, 0x25CF, 0x25CB,
        0x2605, 0x2606, 0x2014, 0x2013, 0x2015, 0x2026, 0x00B7, 0x30FB,
    };
    if (bs_cp_is_space(c) || bs_cp_is_punct(c))
        return 1;
    for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
        if (c == extra[i])
            return 1;
    return 0;
}

/* Full-width ASCII (！..～) to ASCII; everything else unchanged. */
static uint32_t narrow(uint32_t c)
{
    if (c >= 0xFF01 && c <= 0xFF5E)
        return c - 0xFF01 + 0x21;
    if (c == 0x3000)
        return ' ';
    return c;
}

static int cn_digit(uint32_t c)
{
    switch (c) {
    case 0x96F6: case 0x3007: return 0;   /* 零 〇 */
    case 0x4E00: return 1;                /* 一 */
    case 0x4E8C: case 0x4E24: return 2;   /* 二 两 */
    case 0x4E09: return 3;                /* 三 */
    case 0x56DB: return 4;                /* 四 */
    case 0x4E94: return 5;                /* 五 */
    case 0x516D: return 6;                /* 六 */
    case 0x4E03: return 7;                /* 七 */
    case 0x516B: return 8;                /* 八 */
    case 0x4E5D: return 9;                /* 九 */
    default: return -1;
    }
}

static int cn_unit(uint32_t c)
{
    switch (c) {
    case 0x5341: return 10;    /* 十 */
    case 0x767E: return 100;   /* 百 */
    case 0x5343: return 1000;  /* 千 */
    default: return 0;
    }
}

int bs_chinese_number(const uint32_t *cps, int n)
{
    int total = 0, digit = -1, last_unit = 100000, any = 0;

    if (n <= 0)
        return -1;
    for (int i = 0; i < n; i++) {
        int d = cn_digit(cps[i]), u = cn_unit(cps[i]);
        if (d >= 0) {
            if (digit > 0)
                return -1;           /* two digits in a row: "二三" */
            digit = d;
            any = 1;
        } else if (u) {
            if (u >= last_unit)
                return -1;           /* units must fall: 百 before 十 */
            total += (digit < 0 ? (u == 10 && total == 0 ? 1 : -100000)
                                : digit) * u;
            if (total < 0)
                return -1;           /* "百" with no digit */
            last_unit = u;
            digit = -1;
            any = 1;
        } else {
            return -1;
        }
    }
    if (!any)
        return -1;
    if (digit > 0)
        total += digit;
    return total > 0 ? total : -1;
}

/* ---- Chinese: [上]接[第]N版 / [下]转[第]N版 ---- */

static int parse_chinese(const uint32_t *c, int n, struct bs_jump *out)
{
    int i = 0, dir, start, end, page = 0;

    while (i < n && is_decoration(c[i]))
        i++;
    if (i + 1 < n && c[i] == 0x4E0A && c[i + 1] == 0x63A5) {        /* 上接 */
        dir = BS_JUMP_FROM;
        i += 2;
    } else if (i + 1 < n && c[i] == 0x4E0B && c[i + 1] == 0x8F6C) { /* 下转 */
        dir = BS_JUMP_TO;
        i += 2;
    } else if (i < n && c[i] == 0x63A5) {                           /* 接 */
        dir = BS_JUMP_FROM;
        i++;
    } else if (i < n && c[i] == 0x8F6C) {                           /* 转 */
        dir = BS_JUMP_TO;
        i++;
    } else {
        return 0;
    }
    while (i < n && bs_cp_is_space(c[i]))
        i++;
    if (i < n && c[i] == 0x7B2C) /* 第 */
        i++;
    while (i < n && bs_cp_is_space(c[i]))
        i++;
    start = i;
    if (i < n && ((c[i] >= 'A' && c[i] <= 'Z') || (c[i] >= 'a' && c[i] <= 'z')))
        start = ++i; /* section letter: 转A4版 */
    while (i < n && c[i] >= '0' && c[i] <= '9')
        i++;
    if (i > start) {
        if (i - start > 4)
            return 0;
        for (int k = start; k < i; k++)
            page = page * 10 + (int)(c[k] - '0');
    } else {
        while (i < n && (cn_digit(c[i]) >= 0 || cn_unit(c[i])))
            i++;
        page = bs_chinese_number(c + start, i - start);
    }
    end = i;
    while (end < n && bs_cp_is_space(c[end]))
        end++;
    /* 版 (edition page) or 页 / 面 */
    if (page <= 0 || end >= n ||
        !(c[end] == 0x7248 || c[end] == 0x9875 || c[end] == 0x9762))
        return 0;
    for (int k = end + 1; k < n; k++)
        if (!is_decoration(c[k]))
            return 0;
    out->dir = (enum bs_jump_dir)dir;
    out->page = page;
    return 1;
}

/* ---- English: word tokens ---- */

#define MAX_TOKENS 16

struct tokens {
    char low[MAX_TOKENS][32];  /* lower-cased */
    char raw[MAX_TOKENS][32];
    int n;
};

/* Splits ASCII letters/digits/apostrophes into words; any other character
 * than decoration (a CJK character, say) makes the line not English. */
static int tokenize(const uint32_t *c, int n, struct tokens *t)
{
    int i = 0;

    t->n = 0;
    while (i < n) {
        uint32_t ch = c[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
            (ch >= '0' && ch <= '9')) {
            int len = 0;
            if (t->n == MAX_TOKENS)
                return 0;
            while (i < n && ((c[i] >= 'a' && c[i] <= 'z') ||
                             (c[i] >= 'A' && c[i] <= 'Z') ||
                             (c[i] >= '0' && c[i] <= '9') || c[i] == '\'' ||
                             c[i] == 0x2019)) {
                if (len < 31 && c[i] < 0x80) {
                    t->raw[t->n][len] = (char)c[i];
                    t->low[t->n][len] = (char)(c[i] >= 'A' && c[i] <= 'Z'
                                                   ? c[i] + 32 : c[i]);
                    len++;
                }
                i++;
            }
            t->raw[t->n][len] = t->low[t->n][len] = '\0';
            t->n++;
        } else if (is_decoration(ch)) {
            i++;
        } else {
            return 0;
        }
    }
    return 1;
}

static int is_word(const char *w, const char *const *set)
{
    for (int i = 0; set[i]; i++)
        if (strcmp(w, set[i]) == 0)
            return 1;
    return 0;
}

/* "4", "12", "A4", "B12" -> page number; 0 if not a page token. */
static int page_token(const char *w)
{
    const char *p = w;
    int v = 0, digits = 0;

    if (*p >= 'a' && *p <= 'z' && p[1])
        p++;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || ++digits > 4)
            return 0;
        v = v * 10 + (*p - '0');
    }
    return digits ? v : 0;
}

static const char *const w_continued[] = {"continued", "cont", "contd",
                                          "cont'd", "continues", NULL};
static const char *const w_page[] = {"page", "p", "pg", "pages", NULL};

/* At t[i]: ["page"] N end.  Returns the page or 0. */
static int page_tail(const struct tokens *t, int i)
{
    if (i < t->n && is_word(t->low[i], w_page))
        i++;
    if (i == t->n - 1)
        return page_token(t->low[i]);
    return 0;
}

static void keyword_from(const struct tokens *t, int a, int b, char *out,
                         size_t size)
{
    out[0] = '\0';
    for (int k = a; k < b; k++) {
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s%s", k > a ? " " : "", t->raw[k]);
    }
}

static int parse_english(const uint32_t *c, int n, struct bs_jump *out)
{
    struct tokens t;
    int page, i;

    if (!tokenize(c, n, &t) || t.n < 2)
        return 0;
    /* Continued on/to/from Page N */
    if (is_word(t.low[0], w_continued)) {
        i = 1;
        int dir = BS_JUMP_TO;
        if (i < t.n && (strcmp(t.low[i], "on") == 0 ||
                        strcmp(t.low[i], "to") == 0))
            i++;
        else if (i < t.n && strcmp(t.low[i], "from") == 0) {
            dir = BS_JUMP_FROM;
            i++;
        }
        /* "Continued on Page 4" needs the word page; "Continued on 4" too
         * short to be sure of. */
        if (i < t.n && is_word(t.low[i], w_page) &&
            (page = page_tail(&t, i)) > 0) {
            out->dir = (enum bs_jump_dir)dir;
            out->page = page;
            return 1;
        }
        return 0;
    }
    /* See KEYWORD[,] [on] Page N;  See Page N */
    if (strcmp(t.low[0], "see") == 0) {
        int kw_end = 1;
        while (kw_end < t.n && !is_word(t.low[kw_end], w_page) &&
               strcmp(t.low[kw_end], "on") != 0 && kw_end < 5)
            kw_end++;
        i = kw_end;
        if (i < t.n && strcmp(t.low[i], "on") == 0)
            i++;
        if (i >= t.n || !is_word(t.low[i], w_page))
            return 0;
        /* The keyword is set in capitals: "See BUDGET", not "See you". */
        for (int k = 1; k < kw_end; k++)
            for (const char *p = t.raw[k]; *p; p++)
                if (*p >= 'a' && *p <= 'z')
                    return 0;
        if ((page = page_tail(&t, i)) <= 0)
            return 0;
        out->dir = BS_JUMP_TO;
        out->page = page;
        keyword_from(&t, 1, kw_end, out->keyword, sizeof(out->keyword));
        return 1;
    }
    /* KEYWORD from Page N (the head over a jumped-to part) */
    for (i = 0; i < t.n && i < 4; i++)
        if (strcmp(t.low[i], "from") == 0)
            break;
    if (i >= 1 && i < t.n && strcmp(t.low[i], "from") == 0 &&
        i + 1 < t.n && is_word(t.low[i + 1], w_page) &&
        (page = page_tail(&t, i + 1)) > 0) {
        for (int k = 0; k < i; k++)
            for (const char *p = t.raw[k]; *p; p++)
                if (*p >= 'a' && *p <= 'z')
                    return 0;
        out->dir = BS_JUMP_FROM;
        out->page = page;
        keyword_from(&t, 0, i, out->keyword, sizeof(out->keyword));
        return 1;
    }
    return 0;
}

int bs_jump_parse(const char *text, struct bs_jump *out)
{
    int n, ok = 0;
    uint32_t *cps;

    memset(out, 0, sizeof(*out));
    if (!text || !*text || strlen(text) > 200)
        return 0;
    cps = bs_utf8_to_cps(text, &n);
    for (int i = 0; i < n; i++)
        cps[i] = narrow(cps[i]);
    ok = parse_chinese(cps, n, out) || parse_english(cps, n, out);
    free(cps);
    if (!ok)
        memset(out, 0, sizeof(*out));
    return ok;
}

void bs_article_read_jumps(const struct bs_page *page, struct bs_article *a)
{
    for (int k = 0; k < a->nblocks; k++) {
        int bi = bs_page_find_block(page, a->blocks[k]);
        const struct bs_block *b;
        if (bi < 0)
            continue;
        b = &page->blocks[bi];
        if (b->role != BS_ROLE_CONTINUATION)
            continue;
        for (int l = 0; l < b->nlines; l++) {
            char *t = bs_line_text(&b->lines[l]);
            struct bs_jump j;
            if (bs_jump_parse(t, &j)) {
                if (j.dir == BS_JUMP_TO && !a->continued_to)
                    a->continued_to = j.page;
                else if (j.dir == BS_JUMP_FROM && !a->continued_from)
                    a->continued_from = j.page;
            }
            free(t);
        }
    }
}
