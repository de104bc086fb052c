/*
 * profile.h - per-newspaper settings for the stages, from models/profiles/.
 *
 * One table (profile.c) lists every tunable: its name, type, default and a
 * one-line description.  A profile file (JSON: {"name": ..., "params":
 * {...}}) and `--set NAME=VALUE` on the command line both go through that
 * table, so an unknown or badly typed setting is a clean error and
 * `broadsheet profile` prints the documented defaults.
 */
#ifndef BS_PROFILE_H
#define BS_PROFILE_H

#include "../base/error.h"

#include <stdio.h>

struct bs_profile {
    char name[64];
    /* load */
    int orient;                /* 0 off, 1 turn pages found sideways/upside down */
    double orient_min_conf;    /* OSD confidence needed to turn a page */
    /* binarize */
    int sauvola_window;        /* half-size in px at 300 dpi */
    double sauvola_k;
    int deskew;                /* 0 off, 1 on */
    double deskew_max_deg;
    int speckle_max_px;
    int border_clean;
    /* layout */
    int min_gutter_px;         /* at 300 dpi; scaled by the page's dpi */
    int max_columns;
    double headline_ratio;     /* text height over body median */
    double subheadline_ratio;
    double masthead_ratio;
    int min_rule_px;           /* shortest rule kept, at 300 dpi */
    int max_rule_thickness_px;
    int photo_min_px;          /* smallest photo side, at 300 dpi */
    double block_gap_lines;    /* vertical gap, in text heights, that ends a block */
    /* ocr */
    int psm_body;
    int psm_headline;
    int psm_line;              /* one-line blocks (headline, byline, kicker) */
    int psm_region;            /* body blocks wider than a column */
    int headline_max_px;       /* text taller than this is scaled down for OCR */
    int ocr_pad_px;
    int ocr_threads;           /* blocks of one page read in parallel, 0 auto */
    int ocr_split;             /* threads share psm_region blocks by region */
    double ocr_min_conf;       /* words below this confidence are dropped */
    double ocr_speck_conf;     /* ASCII marks alone below it are specks */
    int ocr_binary;            /* 1: OCR the binarized image, 0: the grey one */
    /* articles */
    double article_gap_lines;  /* vertical gap that separates two articles */
    /* repair */
    int repair_min_chunk;      /* shortest doubled chunk (characters) repaired */
    int repair_min_whole;      /* shortest X of a doubled line X+X (body) */
    int repair_min_whole_head; /* the same for headlines, decks, kickers */
};

enum bs_param_type { BS_PARAM_INT, BS_PARAM_DOUBLE };

struct bs_param {
    const char *name;
    enum bs_param_type type;
    size_t offset;             /* into struct bs_profile */
    double dflt, lo, hi;
    const char *doc;
};

extern const struct bs_param bs_params[];
extern const int bs_param_count;

/* Fills a profile with the table's defaults, name "default". */
void bs_profile_defaults(struct bs_profile *p);
/* Applies one NAME=VALUE (from --set); `what` names its origin. */
int bs_profile_set(struct bs_profile *p, const char *assignment,
                   const char *what, struct bs_error *err);
/* Loads a profile file over the current values.  `name_or_path` is a file
 * path, or a name looked up as <models>/profiles/<name>.json. */
int bs_profile_load(struct bs_profile *p, const char *name_or_path,
                    struct bs_error *err);
/* Prints the table with defaults and docs. */
void bs_profile_print(const struct bs_profile *p, FILE *fp);

/* The models folder: $BROADSHEET_MODELS, else models/ beside the binary,
 * else PREFIX/share/broadsheet/models relative to it, else the folder
 * compiled in.  The returned string lives as long as the process. */
const char *bs_models_dir(void);

#endif
