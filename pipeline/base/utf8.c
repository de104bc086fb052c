/*
 * utf8.c - UTF-8 decoding and code point classes.
 */
#include "base.h"


#include <string.h>

uint32_t bs_utf8_decode(const char *str, size_t n, int *len)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t cp;
    int need, i;

    *len = 1;
    if (n == 0)
        return 0xFFFD;
    if (s[0] < 0x80)
        return s[0];
    if ((s[0] & 0xE0) == 0xC0) {
        need = 1;
        cp = s[0] & 0x1F;
    } else if ((s[0] & 0xF0) == 0xE0) {
        need = 2;
        cp = s[0] & 0x0F;
    } else if ((s[0] & 0xF8) == 0xF0) {
        need = 3;
        cp = s[0] & 0x07;
    } else {
        return 0xFFFD;
    }
    if ((size_t)need >= n)
        return 0xFFFD;
    for (i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    /* Reject overlong forms, surrogates and values past U+10FFFF. */
    if ((need == 1 && cp < 0x80) || (need == 2 && cp < 0x800) ||
        (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *len = need + 1;
    return cp;
}

int bs_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;

    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int bs_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    int len;

    while (i < n) {
        uint32_t cp = bs_utf8_decode(s + i, n - i, &len);
        if (cp == 0xFFFD &&
            !(len == 3 && (unsigned char)s[i] == 0xEF &&
              (unsigned char)s[i + 1] == 0xBF &&
              (unsigned char)s[i + 2] == 0xBD))
            return 0;
        i += (size_t)len;
    }
    return 1;
}

uint32_t bs_utf8_first(const char *s)
{
    int len;
    return *s ? bs_utf8_decode(s, strlen(s), &len) : 0;
}

uint32_t bs_utf8_last(const char *s)
{
    size_t n = strlen(s), i = n;
    int len;

    if (n == 0)
        return 0;
    /* Back over continuation bytes to the lead byte of the last one. */
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0)
        i--;
    return bs_utf8_decode(s + i, n - i, &len);
}

uint32_t *bs_utf8_to_cps(const char *s, int *count)
{
    size_t n = strlen(s), i = 0;
    uint32_t *cps = bs_malloc((n + 1) * sizeof(*cps));
    int k = 0, len;

    while (i < n) {
        cps[k++] = bs_utf8_decode(s + i, n - i, &len);
        i += (size_t)len;
    }
    *count = k;
    return cps;
}

char *bs_utf8_from_cps(const uint32_t *cps, int count)
{
    char *out = bs_malloc((size_t)count * 4 + 1);
    int k = 0;

    for (int i = 0; i < count; i++)
        k += bs_utf8_encode(cps[i], out + k);
    out[k] = '\0';
    return out;
}

int bs_cp_is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0xF900 && cp <= 0xFAFF);
}

int bs_cp_is_cjk(uint32_t cp)
{
    return bs_cp_is_han(cp) ||
           (cp >= 0x3000 && cp <= 0x303F) ||   /* CJK symbols, punctuation */
           (cp >= 0x3040 && cp <= 0x30FF) ||   /* kana */
           (cp >= 0xAC00 && cp <= 0xD7AF) ||   /* hangul */
           (cp >= 0xFF00 && cp <= 0xFF60) ||   /* full-width forms */
           (cp >= 0xFFE0 && cp <= 0xFFE6) ||
           (cp >= 0x2460 && cp <= 0x24FF) ||   /* circled numbers ⑦ */
           (cp >= 0x25A0 && cp <= 0x25FF) ||   /* ■ □ ▲ */
           cp == 0x2014 || cp == 0x2026 ||     /* — … as set in CJK text */
           cp == 0x201C || cp == 0x201D ||     /* “ ” */
           cp == 0x2018 || cp == 0x2019 || cp == 0x00B7;
}

int bs_cp_is_punct(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) ||
               (cp >= 0x5B && cp <= 0x60) || (cp >= 0x7B && cp <= 0x7E);
    return (cp >= 0x2010 && cp <= 0x205E) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
           (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
           cp == 0x00A1 || cp == 0x00AB || cp == 0x00B7 || cp == 0x00BB ||
           cp == 0x00BF;
}

int bs_cp_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x00A0 || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F;
}

int bs_cp_is_latin_alnum(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

int bs_cp_is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp >= 0xDF && cp <= 0xFF)
        return cp != 0xF7;
    if (cp >= 0x100 && cp <= 0x17F) {
        /* Latin Extended-A: capital and small in pairs, the small one odd
         * up to U+0137 and from U+014A, even in U+0139-0148 and
         * U+0179-017E; kra, n-apostrophe and long s are small */
        if (cp == 0x138 || cp == 0x149 || cp == 0x17F)
            return 1;
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
            return cp % 2 == 0;
        return cp % 2 == 1 && cp != 0x178;
    }
    return (cp >= 0x3B1 && cp <= 0x3C9) || (cp >= 0x430 && cp <= 0x45F);
}

int bs_cp_is_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0x00AD || cp == 0x00AC || cp == 0x2E17 ||
           cp == 0x2010 || cp == 0x2011;
}
