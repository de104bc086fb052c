/*
 * page.h - the page model: the one structure every stage reads and writes.
 *
 * A page holds column bands, blocks (each with a role), the blocks' lines and
 * words, and the articles made from the blocks.  Coordinates are pixels of the
 * deskewed page image (binarize's output), origin top left.
 *
 * Ownership: a page owns everything reachable from it; bs_page_free() frees
 * it all.  Arrays grow by realloc, so a pointer returned by an add function is
 * valid only until the next add on the same array; keep indexes, not pointers,
 * across adds.
 */
#ifndef BS_PAGE_H
#define BS_PAGE_H

#include "box.h"

/* Block roles.  The names (bs_role_name) are part of the artifact format. */
enum bs_role {
    BS_ROLE_UNKNOWN = 0,
    BS_ROLE_MASTHEAD,     /* the paper's name, largest type, top of page 1 */
    BS_ROLE_FOLIO,        /* date / page number / section line */
    BS_ROLE_KICKER,       /* section banner or overline above a headline */
    BS_ROLE_HEADLINE,
    BS_ROLE_SUBHEADLINE,  /* deck; Chinese 副题 often opens with a dash */
    BS_ROLE_BYLINE,
    BS_ROLE_BODY,
    BS_ROLE_CAPTION,
    BS_ROLE_CONTINUATION, /* jump line: "Continued on Page 4", "下转第4版" */
    BS_ROLE_SEPARATOR,    /* a rule; never OCR'd */
    BS_ROLE_IMAGE,        /* photo, halftone, drawing; never OCR'd */
    BS_ROLE_COUNT
};

const char *bs_role_name(enum bs_role role);
/* Returns the role for a name, or -1 when the name is unknown. */
int bs_role_from_name(const char *name);
/* True for roles whose blocks hold text to read (not rules or photos). */
int bs_role_has_text(enum bs_role role);

struct bs_word {
    char *text;          /* UTF-8, owned */
    struct bs_box box;   /* all zero when the source had no geometry */
    float conf;          /* 0..100; -1 when unknown */
};

struct bs_line {
    struct bs_box box;
    struct bs_word *words;
    int nwords, capwords;
};

struct bs_block {
    char id[16];         /* "b001": unique within the page */
    enum bs_role role;
    struct bs_box box;
    int band;            /* index into page->bands, -1 when unknown */
    int col_first;       /* first and last column of the band it covers, */
    int col_last;        /* -1 when unknown */
    int order;           /* reading order index, -1 until `order` runs */
    float text_height;   /* median glyph height in px (layout), 0 unknown */
    char article[16];    /* id of the owning article, "" until `articles` */
    char *lang;          /* Tesseract language for this block, NULL = page's */
    struct bs_line *lines;
    int nlines, caplines;
};

struct bs_span {
    int x0, x1;          /* inclusive left, exclusive right */
};

/* A horizontal band of the page with its own column structure (a page can
 * have 6 columns above a rule and 4 below). */
struct bs_band {
    int y0, y1;
    struct bs_span *cols;
    int ncols, capcols;
};

struct bs_article {
    char id[16];         /* "a001" */
    char *kicker;        /* NULL when absent */
    char *headline;      /* "" when the article has none, never NULL once built */
    char *subheadline;
    char *byline;
    char *body;          /* paragraphs separated by one '\n' */
    char *lang;
    struct bs_box box;
    char **blocks;       /* block ids, in reading order */
    int nblocks, capblocks;
    int continued_from;  /* page number the article continues from, 0 none */
    int continued_to;    /* page number it continues on, 0 none */
    char *continued_from_ref; /* "<page-id>/<article-id>" once linked */
    char *continued_to_ref;
};

struct bs_page {
    char *id;            /* page id: the OUT sub-folder name */
    char *source;        /* input path as given */
    char *checksum;      /* sha256 of the input file, hex */
    int width, height, dpi;
    char *lang;          /* Tesseract language string, e.g. "chi_sim+eng" */
    float skew_deg;      /* skew of the scan found by binarize, degrees in
                          * pixRotate's sense; binarize rotated the page by
                          * -skew_deg to straighten it */
    int rotated_deg;     /* turn load gave the scan to read upright: 0, 90,
                            180 or 270 degrees clockwise */
    int number;          /* printed page (folio) number, 0 unknown */
    char *stage;         /* last stage that wrote this page */
    struct bs_band *bands;
    int nbands, capbands;
    struct bs_block *blocks;
    int nblocks, capblocks;
    struct bs_article *articles; /* in reading order */
    int narticles, caparticles;
};

struct bs_page *bs_page_new(void);
void bs_page_free(struct bs_page **page);

/* Sets a string field: frees the old value, stores a copy of `value`
 * (NULL clears it). */
void bs_set_str(char **field, const char *value);

/* The add functions return the new zeroed element (see the note on
 * pointer validity above). */
struct bs_band *bs_page_add_band(struct bs_page *page, int y0, int y1);
void bs_band_add_col(struct bs_band *band, int x0, int x1);
/* Adds a block with a fresh unique id, band/cols/order = -1. */
struct bs_block *bs_page_add_block(struct bs_page *page, enum bs_role role,
                                   struct bs_box box);
struct bs_line *bs_block_add_line(struct bs_block *block, struct bs_box box);
struct bs_word *bs_line_add_word(struct bs_line *line, const char *text,
                                 struct bs_box box, float conf);
struct bs_article *bs_page_add_article(struct bs_page *page);
void bs_article_add_block(struct bs_article *article, const char *block_id);

/* Frees the lines and words of a block (for a re-run of ocr). */
void bs_block_clear_lines(struct bs_block *block);
/* Frees all articles (for a re-run of articles). */
void bs_page_clear_articles(struct bs_page *page);
/* Removes blocks[i], keeping the order of the others. */
void bs_page_remove_block(struct bs_page *page, int i);
/* Frees all bands. */
void bs_page_clear_bands(struct bs_page *page);

/* Index of the block with this id, or -1. */
int bs_page_find_block(const struct bs_page *page, const char *id);
struct bs_article *bs_page_find_article(struct bs_page *page, const char *id);

/* Text of a line: words joined by one space, except that no space is put
 * between two CJK characters.  Returns a malloc'd string. */
char *bs_line_text(const struct bs_line *line);
/* Text of a block: its lines joined by '\n'.  Returns a malloc'd string. */
char *bs_block_text(const struct bs_block *block);
/* Recomputes a line's box as the union of its word boxes (if any). */
void bs_line_fit_box(struct bs_line *line);

#endif
