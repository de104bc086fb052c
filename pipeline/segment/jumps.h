/*
 * jumps.h - recognising jump lines: the line that sends a reader to another
 * page ("Continued on Page 4", "See BUDGET, Page 4", "下转第4版", "转第4版",
 * "（下转第二版）") or tells where the text comes from ("Continued from
 * Page 1", "BUDGET from Page 1", "上接第1版", "■上接第一版").
 *
 * A line is a jump line only when the jump phrase is the whole line, up to
 * brackets, ornaments (■□▲◆●★) and punctuation: "转第4版" inside a sentence
 * is body text.  Page numbers may be Arabic (also full width), Chinese
 * numerals (第二十一版) or carry a section letter (A4 -> 4).
 */
#ifndef BS_JUMPS_H
#define BS_JUMPS_H

#include <stdint.h>

enum bs_jump_dir {
    BS_JUMP_NONE = 0,
    BS_JUMP_TO,     /* the article goes on on `page` */
    BS_JUMP_FROM,   /* the article comes from `page` */
};

struct bs_jump {
    enum bs_jump_dir dir;
    int page;            /* 1 and up */
    char keyword[64];    /* "BUDGET" of "See BUDGET, Page 4"; "" none */
};

/* Parses one line of text.  Returns 1 and fills *out when the line is a
 * jump line, else 0 with out->dir = BS_JUMP_NONE. */
int bs_jump_parse(const char *text, struct bs_jump *out);

/* The value of a Chinese numeral of up to 9999 (一 .. 九千九百九十九, with
 * 零/〇/两), or -1 when cps[0..n) is not one. */
int bs_chinese_number(const uint32_t *cps, int n);

struct bs_page;
struct bs_article;
/* Reads the jump lines (continuation blocks) of an article into its
 * continued_from / continued_to page numbers (the first of each kind);
 * used by the `articles` stage and by `broadsheet import`. */
void bs_article_read_jumps(const struct bs_page *page, struct bs_article *a);

#endif
