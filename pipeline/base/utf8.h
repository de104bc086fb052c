/*
 * utf8.h - decoding UTF-8 text and classifying code points (CJK, punctuation).
 *
 * Repair, eval and the text joins all work on code points, never bytes:
 * Chinese text has no spaces, and a character error is one code point.
 */
#ifndef BS_UTF8_H
#define BS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (at most n bytes).  Stores the byte length in
 * *len (>= 1).  Invalid or truncated sequences decode as U+FFFD, length 1. */
uint32_t bs_utf8_decode(const char *s, size_t n, int *len);
/* Encodes cp into out (at least 4 bytes); returns the byte count. */
int bs_utf8_encode(uint32_t cp, char *out);
/* True when the whole string is valid UTF-8. */
int bs_utf8_valid(const char *s, size_t n);

/* The first and the last code point of a NUL-terminated string; 0 for "". */
uint32_t bs_utf8_first(const char *s);
uint32_t bs_utf8_last(const char *s);

/* Decodes a NUL-terminated string into a malloc'd array of code points;
 * *count gets its length. */
uint32_t *bs_utf8_to_cps(const char *s, int *count);
/* Encodes count code points into a malloc'd NUL-terminated string. */
char *bs_utf8_from_cps(const uint32_t *cps, int count);

/* Han ideographs, kana, hangul and CJK full-width punctuation: characters
 * that are written without spaces between them. */
int bs_cp_is_cjk(uint32_t cp);
/* Han ideographs only. */
int bs_cp_is_han(uint32_t cp);
/* Punctuation of either script (ASCII, general, CJK and full-width). */
int bs_cp_is_punct(uint32_t cp);
/* Unicode white space that OCR emits (ASCII, NBSP, ideographic space). */
int bs_cp_is_space(uint32_t cp);
/* Latin letter or digit (ASCII and Latin-1/Extended letters). */
int bs_cp_is_latin_alnum(uint32_t cp);

#endif
