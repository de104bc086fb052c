/*
 * repair.h - the repair kinds the `repair` stage and the `repair` command
 * apply to a page model, and the log they all write.
 *
 * Each kind is one file (repair_<kind>.c) with one page-level entry point
 * that edits the page's lines in place and appends one log entry per change.
 * Kinds never fail on odd input: a line they cannot judge is left alone.
 * The kinds and their names on the command line (--no-repair=KIND):
 *   overlap  - geometric duplicates: overlapping word boxes or lines that
 *              hold the same text (two OCR regions read the same ink)
 *   columns  - lines running across a column gutter are split at it
 *   doubled  - text read twice: whole-line X+X, chunk-by-chunk doubling,
 *              doubled circled numbers
 *   spacing  - letter-spaced CJK closed up, spaces between CJK and digits
 *   punct    - half-width punctuation between Han characters made
 *              full-width, a deck's opening "——" read as "一一"
 *   join     - hyphenated Latin words at line ends joined when the lexicon
 *              knows the joined word
 */
#ifndef BS_REPAIR_H
#define BS_REPAIR_H

#include "../base/base.h"
#include "../model/model.h"
#include "../segment/segment.h"

#include <jansson.h>
#include <stdint.h>

/* ---- the kinds' names (repair_kinds.c) ---- */

extern const char *const bs_repair_kinds[];
extern const int bs_repair_kind_count;
/* Checks a --no-repair list ("doubled,join", "all"): every name a kind. */
int bs_repair_kinds_check(const char *list, struct bs_error *err);

/* ---- the log (repair_log.c): repairs.json ---- */

/* An ordered list of repairs; owned by whoever made it. */
struct bs_repair_log {
    json_t *entries;           /* JSON array of repair objects */
};

void bs_repair_log_init(struct bs_repair_log *log);
void bs_repair_log_release(struct bs_repair_log *log);
/* Appends {kind, block, line, before, after, evidence}; takes ownership of
 * `evidence` (a JSON object, may be NULL).  line < 0 leaves "line" out. */
void bs_repair_log_add(struct bs_repair_log *log, const char *kind,
                       const char *block, int line, const char *before,
                       const char *after, json_t *evidence);
int bs_repair_log_count(const struct bs_repair_log *log, const char *kind);
/* Writes {"format":"broadsheet-repairs","version":1,"page":id,
 * "repairs":[...]} atomically. */
int bs_repair_log_save(const struct bs_repair_log *log, const char *page_id,
                       const char *path, struct bs_error *err);

/* ---- a line as code points mapped to its words (repair_linemap.c) ---- */

/* The text of a line exactly as bs_line_text() builds it, one code point
 * per slot, with the word each slot came from (-1 for the space put
 * between two words).  Owned by the caller; release frees it. */
struct bs_linemap {
    uint32_t *cps;
    int *word;
    int n;
};

void bs_linemap_build(const struct bs_line *line, struct bs_linemap *m);
void bs_linemap_release(struct bs_linemap *m);
/* Rewrites the line's words keeping only slots with keep[i] != 0.  A word
 * that loses every slot is removed; one that loses some has its box cut in
 * proportion; two words whose separating space is dropped become one word
 * (union box).  The line box is refitted. */
void bs_linemap_apply(struct bs_line *line, const struct bs_linemap *m,
                      const unsigned char *keep);

/* ---- doubled text (repair_doubled.c) ---- */

struct bs_doubled_opts {
    int min_chunk;        /* a chunk-doubled line needs chunks this long */
    int min_whole;        /* X+X needs X at least this many characters */
    int spaced_junction;  /* 1: X+X may have a space between the copies
                             (headlines read word by word) */
    int approx;           /* 1: X+X' with X' one OCR error per 8 characters
                             away from X counts too (OCR'd headlines) */
};

/* What a find rested on, for the log. */
struct bs_doubled_hit {
    const char *pattern;  /* "whole-line", "whole-line-approx", "chunks" or
                             "circled-number" */
    int chunks;           /* doubled chunks found */
    int lead;             /* undoubled leading characters ("——") */
    int kept;             /* characters kept (spaces not counted) */
};

/* Finds doubling in cps[0..n).  On a find returns 1, sets keep[i] = 0 for
 * the slots of the second copies (and spaces beside them) and 1 elsewhere,
 * and fills *hit.  Returns 0 (keep untouched) when the line is not
 * doubled.  The decision is made over the whole line, never per pair. */
int bs_doubled_find(const uint32_t *cps, int n,
                    const struct bs_doubled_opts *o, unsigned char *keep,
                    struct bs_doubled_hit *hit);
/* The text form: a malloc'd repaired copy of `text`, or NULL when the text
 * is not doubled.  hit may be NULL. */
char *bs_doubled_text(const char *text, const struct bs_doubled_opts *o,
                      struct bs_doubled_hit *hit);
void bs_repair_doubled(struct bs_page *page, const struct bs_settings *s,
                       struct bs_repair_log *log);

/* ---- geometric duplicates (repair_overlap.c) ---- */

void bs_repair_overlap(struct bs_page *page, struct bs_repair_log *log);

/* ---- column gutters (repair_gutters.c) ---- */

#define BS_MAX_GUTTERS 16

/* A gutter a line may run across: the cut x, the white gap, and the x-span
 * of the column to its right (where the right parts go). */
struct bs_gutter {
    int gx, g0, g1;
    int rx0, rx1;
    int col;              /* right column's index in the band, -1 unknown */
    const char *source;   /* "band" (layout's columns) or "text" */
    int support;          /* lines running across it (text gutters) */
};

/* The gutters of each block, by block index: n[b] of them in g[b], in x
 * order; blocks added after bs_gutters_find have none (b >= cap or
 * n[b] < 0).  Owned by the caller; release frees. */
struct bs_gutters {
    struct bs_gutter (*g)[BS_MAX_GUTTERS];
    int *n;
    int cap;
};

void bs_gutters_find(const struct bs_page *page, struct bs_gutters *gs);
void bs_gutters_release(struct bs_gutters *gs);
/* Roles whose lines may be split at a gutter (not headlines, decks,
 * kickers, mastheads or folios, which span columns on purpose). */
int bs_repair_splittable(enum bs_role r);
/* The band a block lies in (its own, else the one it overlaps most), -1. */
int bs_block_band(const struct bs_page *page, const struct bs_block *b);
/* True for a word with no letter or digit ("|", "—": a rule read as text). */
int bs_text_no_letters(const char *text);
/* A word that shows where text is: it has letters and the engine was at
 * least 50% sure of it (photo noise read as "CCC", "eee" is not). */
int bs_word_evidence(const struct bs_word *w);
/* Median line height of a block, 0 when no line has a box. */
int bs_block_line_height(const struct bs_block *b);
/* True for a line of body size (not much taller than median_h). */
int bs_line_body_size(const struct bs_line *line, int median_h);

/* ---- merged columns (repair_columns.c) ---- */

/* Text-only form: the labels of a line like "【学报告】 【大家谈】", as a
 * malloc'd array of malloc'd strings (NULL-terminated), or NULL when the line
 * is not two or more column labels. */
char **bs_columns_split_labels(const char *text);
void bs_repair_columns(struct bs_page *page, struct bs_repair_log *log);

/* ---- spacing (repair_spacing.c) ---- */

/* Why spaces were dropped (bits of bs_spacing_find's *why). */
enum {
    BS_SPACING_LETTER = 1,   /* inside a letter-spaced CJK run */
    BS_SPACING_DIGIT = 2,    /* between CJK and a number */
    BS_SPACING_PUNCT = 4,    /* beside full-width CJK punctuation */
    BS_SPACING_EXTRA = 8,    /* at a line end, or a run of spaces cut to one */
};
/* Sets keep[i] for every slot of cps[0..n) (0 = drop this space) and
 * returns the number dropped; *why gets the BS_SPACING_* reasons. */
int bs_spacing_find(const uint32_t *cps, int n, unsigned char *keep,
                    unsigned *why);
/* The text form: malloc'd repaired copy, or NULL when nothing changes. */
char *bs_spacing_text(const char *text);
void bs_repair_spacing(struct bs_page *page, struct bs_repair_log *log);

/* ---- Chinese punctuation look-alikes (repair_punct.c) ---- */

/* Rewrites cps[0..n) in place (the count never changes); deck: the line
 * opens a subheadline.  Returns the number of marks changed. */
int bs_punct_fix(uint32_t *cps, int n, int deck);
/* The text form: malloc'd repaired copy, or NULL when nothing changes. */
char *bs_punct_text(const char *text, int deck);
void bs_repair_punct(struct bs_page *page, struct bs_repair_log *log);

/* ---- line joining and the lexicon (repair_join.c) ---- */

/* A sorted list of lower-case words, models/lexicon/en.txt. */
struct bs_lexicon {
    char *data;           /* the file, owned */
    char **words;         /* pointers into data, sorted (strcmp) */
    int n;
};

/* Loads a lexicon file (one word a line, any order). */
int bs_lexicon_load(struct bs_lexicon *lex, const char *path,
                    struct bs_error *err);
/* Loads <models>/lexicon/en.txt. */
int bs_lexicon_load_default(struct bs_lexicon *lex, struct bs_error *err);
void bs_lexicon_release(struct bs_lexicon *lex);
/* True when the word (any case) is in the lexicon. */
int bs_lexicon_has(const struct bs_lexicon *lex, const char *word);

/* The repair joiner: like bs_join_plain, but a Latin word hyphenated at the
 * line end loses its hyphen when the joined word is in the lexicon.
 * ctx is a const struct bs_lexicon *. */
enum bs_join bs_join_lexicon(const char *prev, const char *next, void *ctx);
/* Logs the line ends of every block that the joiner dehyphenates. */
void bs_repair_join_log(const struct bs_page *page,
                        const struct bs_lexicon *lex,
                        struct bs_repair_log *log);

/* ---- the whole pass (stages/repair.c) ---- */

/* Applies every kind switched on in `s` to the page, logs each change, and
 * rebuilds every article's text with the lexicon joiner (plain joins when
 * `join` is off or lex is NULL). */
void bs_repair_page(struct bs_page *page, const struct bs_settings *s,
                    const struct bs_lexicon *lex, struct bs_repair_log *log);

#endif
