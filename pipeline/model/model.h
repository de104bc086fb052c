/*
 * model.h - pipeline/model/, the page model and its artifacts: boxes
 * (box.c), the page with its bands, blocks, lines, words and articles
 * (page.c), its physical reading order (xycut.c; doubt_order.c for a page
 * read by Tesseract's segmentation), its on-disk forms model.<stage>.json (page_json.c) and
 * articles.json (articles_json.c), the settings of a run (settings.c) with
 * the newspaper profile (profile.c), and a finished page's stamp done.json
 * (stamp.c).
 *
 * The model knows no stage, image or engine: it includes only base/, and
 * every part that reads or writes a page includes this header.
 */
#ifndef BS_MODEL_H
#define BS_MODEL_H

#include "../base/base.h"

#include <jansson.h>
#include <stdio.h>

/* ---- box.c ---- */
/*
 * Axis-aligned pixel rectangles and their arithmetic.
 */

struct bs_box {
    int x, y, w, h;
};

static inline int bs_box_empty(struct bs_box b) { return b.w <= 0 || b.h <= 0; }
static inline int bs_box_right(struct bs_box b) { return b.x + b.w; }
static inline int bs_box_bottom(struct bs_box b) { return b.y + b.h; }
static inline long bs_box_area(struct bs_box b)
{
    return bs_box_empty(b) ? 0 : (long)b.w * b.h;
}

/* Smallest box holding both; an empty box is ignored. */
struct bs_box bs_box_union(struct bs_box a, struct bs_box b);
/* Intersection; w/h 0 when they do not meet. */
struct bs_box bs_box_intersect(struct bs_box a, struct bs_box b);
/* Overlap of the x-ranges (or y-ranges) in pixels, <= 0 when disjoint. */
int bs_box_xoverlap(struct bs_box a, struct bs_box b);
int bs_box_yoverlap(struct bs_box a, struct bs_box b);
/* Intersection area over the smaller box's area, 0..1. */
double bs_box_overlap_ratio(struct bs_box a, struct bs_box b);

/* ---- page.c ---- */
/*
 * The page model: the one structure every stage reads and writes.
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

/* The size of a page's body type as measured on its ink
 * (pipeline/image/type_size.c), in px of the page.  All zero until
 * binarize has measured it, or when the page holds too little text. */
struct bs_type_size {
    float x_height;      /* commonest glyph height: Latin x-height, CJK
                            character height */
    float line_pitch;    /* distance between two body lines, 0 unknown */
    float stroke;        /* commonest stroke width */
    int glyphs;          /* letter-like components it was measured on */
};

struct bs_block_index;

/* The most blocks and words one page may hold.  A broadsheet has hundreds
 * of blocks and some tens of thousands of words; a layout, an artifact or
 * an imported file with more is no newspaper page, and is refused (the
 * stages that relate blocks to each other would spend their time on it).
 * Checked when an artifact is read (page_json.c), after every stage
 * (run/runner.c), in layout before roles are given, and by the importers
 * (formats/xmlin.h). */
#define BS_PAGE_MAX_BLOCKS 10000
#define BS_PAGE_MAX_WORDS 1000000

struct bs_page {
    char *id;            /* page id: the OUT sub-folder name */
    char *source;        /* input path as given */
    char *checksum;      /* sha256 of the input file, hex */
    int width, height;
    int dpi;             /* resolution the file or --dpi gave: only a hint
                            (bs_page_res) and what the outputs record */
    struct bs_type_size type; /* body type, measured by binarize */
    char *lang;          /* Tesseract language string, e.g. "chi_sim+eng" */
    float skew_deg;      /* skew of the scan found by binarize, degrees in
                          * pixRotate's sense; binarize rotated the page by
                          * -skew_deg to straighten it */
    int rotated_deg;     /* turn load gave the scan to read upright: 0, 90,
                            180 or 270 degrees clockwise */
    int number;          /* printed page (folio) number, 0 unknown */
    char *stage;         /* last stage that wrote this page */
    char *doubt;         /* why the page was read by Tesseract's own page
                            segmentation instead of its layout (layout's
                            self-check or a poor OCR confidence), NULL when
                            it was not; then blocks are in Tesseract's
                            reading order (bs_doubt_order) */
    struct bs_band *bands;
    int nbands, capbands;
    struct bs_block *blocks;
    int nblocks, capblocks;
    struct bs_article *articles; /* in reading order */
    int narticles, caparticles;
    struct bs_block_index *index; /* page.c's id -> block lookup, owned by
                                     the page (see bs_page_find_block) */
};

/* Body line pitch, in px, of newspaper body type (9 pt on 11 pt leading)
 * scanned at 300 dpi: the type that every length setting "in px at 300
 * dpi" is given for. */
#define BS_REF_LINE_PITCH 45.83

/* The resolution a page's lengths are scaled to: the one at which its
 * measured body type would be the reference type (BS_REF_LINE_PITCH), so
 * settings follow the type on the page, whatever its file says.  Without a
 * measurement (too little text, an old artifact) the resolution hint
 * page->dpi, else 300. */
int bs_page_res(const struct bs_page *page);

/* ---- xycut.c ---- */
/*
 * The physical reading order of a page's text blocks: band by band, in a
 * band column by column (recursive XY-cut preferring cuts between
 * columns), each top to bottom -- a page transcription's order, where
 * segment.c's reads each article whole.
 */

/* Fills seq[i] (page->nblocks ints, the caller's) with text block i's
 * place in the physical order, -1 for rules, photos and empty blocks.
 * body_h: the body text height, px (two boxes overlapping by half of it
 * are still cut apart). */
void bs_physical_order(const struct bs_page *page, double body_h, int *seq);

/* ---- doubt_order.c ---- */
/*
 * The reading order of a page read by Tesseract's own segmentation
 * (page->doubt set): its text blocks in the order Tesseract gave them
 * (block->order, set by ocr), a block split off later (a byline, a jump
 * line) beside the one it came from.  Neither columns nor bands are
 * consulted: on such a page they are what is in doubt.
 */

/* Fills seq[i] (page->nblocks ints, the caller's) with text block i's
 * place: by block->order, then top to bottom, then index; -1 for rules,
 * photos and empty boxes.  Returns the number of blocks placed. */
int bs_doubt_order(const struct bs_page *page, int *seq);

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

/* Index of the block with this id (the first, were there two), or -1.
 * A hash lookup, kept up to date as blocks are added and checked on every
 * hit, so a page of 10000 blocks is not searched end to end per lookup.
 * What keeps it right: a block's id is set when it is added (by
 * bs_page_add_block or right after it, before the next lookup) and not
 * changed afterwards, and blocks leave through bs_page_remove_block;
 * moving blocks around the array is fine. */
int bs_page_find_block(const struct bs_page *page, const char *id);
struct bs_article *bs_page_find_article(struct bs_page *page, const char *id);

/* Fails (err names `what`) when the page holds more blocks or words than
 * a page may (BS_PAGE_MAX_BLOCKS, BS_PAGE_MAX_WORDS). */
int bs_page_check_size(const struct bs_page *page, const char *what,
                       struct bs_error *err);

/* Text of a line: words joined by one space, except that no space is put
 * between two CJK characters.  Returns a malloc'd string. */
char *bs_line_text(const struct bs_line *line);
/* Text of a block: its lines joined by '\n'.  Returns a malloc'd string. */
char *bs_block_text(const struct bs_block *block);
/* Recomputes a line's box as the union of its word boxes (if any). */
void bs_line_fit_box(struct bs_line *line);

/* ---- page_json.c ---- */
/*
 * The page model's on-disk form: a versioned JSON artifact.
 *
 * Every stage but export writes "model.<stage>.json" in the page folder; the
 * next stage (or a re-run) loads it.  Artifacts are untrusted input: the
 * loader checks the format name, the version, every type and every bound,
 * and reports the first problem as one line naming the file.
 */

#define BS_MODEL_FORMAT "broadsheet-page"
#define BS_MODEL_VERSION 1
/* Largest artifact we agree to read (a full page with words is ~2 MB). */
#define BS_MODEL_MAX_BYTES (256u << 20)
/* Flags for every JSON file broadsheet writes: stable, diffable text. */
#define BS_JSON_FLAGS (JSON_INDENT(1) | JSON_REAL_PRECISION(6))

/* Builds the JSON form; the caller owns the result (json_decref). */
json_t *bs_page_to_json(const struct bs_page *page);
/* Parses the JSON form into a new page owned by the caller.  `what` names the
 * source in messages (usually the file path). */
int bs_page_from_json(json_t *root, const char *what, struct bs_page **out,
                      struct bs_error *err);

/* Saves atomically (temp file + rename). */
int bs_page_save(const struct bs_page *page, const char *path,
                 struct bs_error *err);
/* Loads and validates; *out is NULL on failure. */
int bs_page_load(const char *path, struct bs_page **out, struct bs_error *err);

/* Helpers shared with the other JSON readers (articles.json, profiles):
 * load a file as JSON with a clean one-line error, and write JSON
 * atomically. */
int bs_json_load_file(const char *path, size_t max, json_t **out,
                      struct bs_error *err);
int bs_json_save_file(json_t *root, const char *path, struct bs_error *err);
json_t *bs_box_to_json(struct bs_box box);
/* Reads [x, y, w, h] with bounds checks. */
int bs_box_from_json(json_t *v, const char *what, struct bs_box *box,
                     struct bs_error *err);

/* ---- articles_json.c ---- */
/*
 * The output contract: articles.json.
 *
 *   {"format": "broadsheet-articles", "version": 1,
 *    "page": {"id", "source", "width", "height", "dpi", "lang",
 *             "number"? (printed page number, when known),
 *             "confidence" (mean word confidence 0..100, null unknown),
 *             "layout_fallback"? (why the page was read by Tesseract's own
 *             page segmentation instead of its layout: page->doubt)},
 *    "articles": [{"id", "kicker"?, "headline", "subheadline"?, "byline"?,
 *                  "body", "lang", "bbox": [x, y, w, h], "confidence",
 *                  "blocks": [ids],
 *                  "continued_from"?, "continued_to"?,
 *                  "continued_from_ref"?, "continued_to_ref"?}],
 *    "reading_order": [article ids],
 *    "columns": [{"y": [y0, y1], "columns": [[x0, x1], ...]}],
 *    "blocks": [{"id", "role", "bbox", "article"?, "text"}]}
 *
 * The fixtures' ground truth uses the same schema, so eval reads both with
 * bs_articles_load().
 */

#define BS_ARTICLES_FORMAT "broadsheet-articles"
#define BS_ARTICLES_VERSION 1

/* The mean confidence (0..100) of the words with one in the text blocks
 * of article a, or of the whole page when a is NULL; -1 when none has. */
double bs_mean_word_conf(const struct bs_page *page,
                         const struct bs_article *a);
/* The contract's JSON for a page; caller owns the result. */
json_t *bs_articles_to_json(const struct bs_page *page);
int bs_articles_save(const struct bs_page *page, const char *path,
                     struct bs_error *err);
/* Reads articles.json (ours or ground truth) into a page holding the page
 * info, bands, blocks (with their text as one line each, no words) and
 * articles in reading order.  Caller owns *out. */
int bs_articles_load(const char *path, struct bs_page **out,
                     struct bs_error *err);
/* The same from JSON already parsed (root borrowed); `path` names it in
 * messages. */
int bs_articles_from_json(json_t *root, const char *path,
                          struct bs_page **out, struct bs_error *err);

/* The text form of one article (articles/aNNN.txt): kicker, headline,
 * subheadline and byline lines (those present), a blank line, then the body
 * one paragraph per line with blank lines between.  malloc'd. */
char *bs_article_to_text(const struct bs_article *a);

/* ---- profile.c ---- */
/*
 * Per-newspaper settings for the stages, from models/profiles/.
 *
 * One table (profile.c) lists every tunable: its name, type, default and a
 * one-line description.  A profile file (JSON: {"name": ..., "params":
 * {...}}) and `--set NAME=VALUE` on the command line both go through that
 * table, so an unknown or badly typed setting is a clean error and
 * `broadsheet profile` prints the documented defaults.
 */

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
    int layout_check;          /* 0 off, 1 check layout's result, 2 doubt
                                  every page (bs_layout_doubt) */
    double layout_max_masthead_share; /* of the text area */
    double layout_min_body_share;     /* of the text area */
    /* ocr */
    int psm_body;
    int psm_headline;
    int psm_line;              /* one-line blocks (headline, byline, kicker) */
    int psm_region;            /* body blocks wider than a column */
    int psm_column;            /* a column's blocks read as one strip, 0 off */
    int headline_max_px;       /* text taller than this is scaled down for OCR */
    int ocr_min_xheight_px;    /* smaller body type is scaled up for OCR */
    int ocr_pad_px;
    int ocr_threads;           /* blocks of one page read in parallel, 0 auto */
    int ocr_split;             /* threads share psm_region blocks by region */
    double ocr_min_conf;       /* words below this confidence are dropped */
    double ocr_speck_conf;     /* ASCII marks alone below it are specks */
    int ocr_binary;            /* 1: OCR the binarized image, 0: the grey one */
    double ocr_doubt_conf;     /* a page read with a lower mean word
                                  confidence is read again by Tesseract's
                                  segmentation; 0 off */
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

/* ---- settings.c ---- */
/*
 * What one broadsheet run was asked to do, shared read-only by
 * every stage: languages, profile, output formats, switched-off repairs,
 * limits.  Filled by the CLI (cmd_*.c); stages never change it.
 */

enum bs_format {
    BS_FMT_TXT = 1 << 0,   /* page.txt and articles/aNNN.txt */
    BS_FMT_JSON = 1 << 1,  /* articles.json */
    BS_FMT_ALTO = 1 << 2,  /* page.alto.xml */
    BS_FMT_PAGE = 1 << 3,  /* page.xml (PAGE 2019) */
    BS_FMT_HOCR = 1 << 4,  /* page.hocr */
    BS_FMT_METS = 1 << 5,  /* OUT/mets.xml for the run */
    BS_FMT_PDF = 1 << 6,   /* page.pdf: image with a text layer */
};
#define BS_FMT_DEFAULT (BS_FMT_TXT | BS_FMT_JSON)

struct bs_settings {
    char lang[128];             /* Tesseract languages: "eng", "chi_sim+eng";
                                   "" = the page's own (eng for new pages) */
    struct bs_profile profile;
    unsigned formats;           /* enum bs_format bits */
    char repairs_off[256];      /* comma list of repair kinds switched off */
    int dpi;                    /* 0: from the image (300 if it has none) */
    long long max_pixels;       /* refuse larger images before decoding */
    char tessdata[512];         /* "" = Tesseract's default */
    int page_cores;             /* cores one page may use (cores / pages in
                                   parallel); 0 = all.  For ocr_threads=0;
                                   changes no output, so not fingerprinted */
};

#define BS_DEFAULT_MAX_PIXELS 250000000LL

void bs_settings_defaults(struct bs_settings *s);
/* The languages to read a page with: --lang if given, else the language
 * the page was loaded with, else "eng". */
const char *bs_settings_lang(const struct bs_settings *s,
                             const char *page_lang);
/* Parses "txt,json,alto" into bits; "all" selects every format. */
int bs_formats_parse(const char *list, unsigned *out, struct bs_error *err);
/* Writes the format names of `bits` into buf as a comma list. */
void bs_formats_format(unsigned bits, char *buf, size_t size);
/* True unless `kind` is in settings->repairs_off. */
int bs_settings_repair_on(const struct bs_settings *s, const char *kind);
/* A stable text form of everything that changes a page's outputs, for the
 * batch resume check (the same text means the same settings). */
char *bs_settings_fingerprint(const struct bs_settings *s);

/* ---- stamp.c ---- */
/*
 * Done.json, the stamp that says a page folder is complete.
 *
 * A worker removes the stamp before it touches a page and writes it
 * (atomically) after the page's last output, so a stamp exists only beside
 * complete outputs.  It records what the outputs were made from: the
 * broadsheet version, the input's SHA-256 (and page of a multi-page TIFF),
 * a hash of the settings each stage ran with (and those settings in words),
 * the last stage run, and the files the page folder held then (its
 * outputs; not timing.json, which changes every run, nor the *.png image
 * artifacts, which may be deleted to save room).  A batch skips a page
 * whose stamp matches all of these and whose listed outputs are all still
 * there (resume); --force ignores it.
 *
 * The stamp holds no time, so an interrupted and resumed batch writes the
 * same bytes as an uninterrupted one.
 */

#define BS_STAMP_NAME "done.json"
#define BS_STAMP_FORMAT "broadsheet-done"
#define BS_STAMP_VERSION 2

struct bs_stamp {
    char page[1024];        /* page id */
    char broadsheet[32];    /* version that wrote the outputs */
    char checksum[65];      /* SHA-256 of the input file */
    int subpage;            /* page of a multi-page TIFF, 0-based */
    char settings[65];      /* SHA-256 of the settings each stage ran with */
    char through[32];       /* last stage run */
    char made_with[8192];   /* JSON object, stage -> its settings in words
                               (what differs from the defaults); "" none.
                               Not compared: settings says it */
};

/* Writes dir/done.json atomically, listing the files of dir (and of its
 * sub-folders: articles/) as its outputs. */
int bs_stamp_write(const char *dir, const struct bs_stamp *st,
                   struct bs_error *err);
/* Reads dir/done.json.  Fails (err set) when it is missing, unreadable,
 * not a valid stamp (a stamp is untrusted input), or when an output it
 * lists is no longer there (deleted since: the page is not complete). */
int bs_stamp_read(const char *dir, struct bs_stamp *st, struct bs_error *err);
/* Removes dir/done.json if present. */
int bs_stamp_remove(const char *dir, struct bs_error *err);
/* True when two stamps describe the same outputs (page id aside). */
int bs_stamp_matches(const struct bs_stamp *a, const struct bs_stamp *b);

#endif
