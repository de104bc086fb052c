/*
 * run.h - pipeline/run/, the stage descriptor, the stage table and the
 * per-page run.
 *
 * A stage is one file under stages/ exporting one `const struct bs_stage`;
 * the table in stages.c lists them in pipeline order.  Adding a stage is one
 * file plus one line in that table.
 *
 * The runner (runner.c) gives each stage the page model: in a full run it is
 * passed from stage to stage in memory; when a run starts at stage N the
 * model is loaded from model.<stage N-1>.json in the page folder.  After each
 * stage the runner saves model.<stage>.json (atomically), so any stage can be
 * re-run alone from the artifact before it.
 */
#ifndef BS_RUN_H
#define BS_RUN_H

#include "../base/base.h"
#include "../model/model.h"

#include <leptonica/allheaders.h>

struct bs_tess;

#define BS_RUN_MAX_IMAGES 8
#define BS_STAGE_MAX 16

/* One page going through the stages.  Owned by the caller (a worker);
 * bs_run_release() frees the images it cached. */
struct bs_run {
    const struct bs_settings *settings;
    const char *input;       /* image file for `load`; NULL on re-runs */
    const char *checksum;    /* the input's SHA-256 when the caller has it
                                (64 hex digits), else NULL: load hashes */
    int subpage;             /* page of a multi-page TIFF (0-based), or 0 */
    const char *dir;         /* the page folder OUT/<page-id> */
    const char *page_id;
    struct bs_tess *tess;    /* engines, owned by the worker */
    struct {
        char name[32];
        PIX *pix;            /* owned by the run */
    } images[BS_RUN_MAX_IMAGES];
    double seconds[BS_STAGE_MAX]; /* wall time of each stage this run */
    /* filled by bs_pipeline_run: the later stages whose outputs this run
     * made stale (made before it, from what it replaced), "ocr, order";
     * "" none */
    char stale[256];
    double confidence;       /* the page's mean word confidence after the
                                run (model.h), -1 unknown */
    char doubt[256];         /* why the page was read by Tesseract's own
                                segmentation (page->doubt), "" not */
};

struct bs_stage {
    const char *name;
    const char *summary;
    /* Files it reads, for --help and README; also every image artifact it
     * takes with bs_run_image(), by name: the runner frees a cached image
     * once no later stage names it. */
    const char *reads;
    const char *writes;      /* files it writes besides its model artifact */
    int saves_model;         /* 1: runner saves model.<name>.json after it */
    /* Does the stage's work on `page`.  On failure returns -1 with err set;
     * the runner then writes no artifact for this stage. */
    int (*run)(struct bs_run *run, struct bs_page *page, struct bs_error *err);
};

extern const struct bs_stage *const bs_stage_table[];
extern const int bs_stage_count;

/* Index of the stage with this name, or -1. */
int bs_stage_find(const char *name);

/* Path of a file in the page folder; malloc'd. */
char *bs_run_path(const struct bs_run *run, const char *name);
/* The artifact name for a stage's model: "model.<stage>.json"; malloc'd. */
char *bs_model_name(const char *stage);

/* An image artifact of the page folder ("gray.png"), read once and cached:
 * the returned PIX is borrowed from the run. */
PIX *bs_run_image(struct bs_run *run, const char *name, struct bs_error *err);
/* Writes an image artifact atomically and caches it; takes ownership of
 * pix (also on failure). */
int bs_run_put_image(struct bs_run *run, const char *name, PIX *pix,
                     struct bs_error *err);
/* The same for an image already encoded in file `from` (an earlier
 * artifact, or an input that is a plain grey PNG: bs_image_png_as_is): the
 * file is copied instead of pix encoded again.  pix must be what reading
 * `from` gives.  Takes ownership of pix (also on failure). */
int bs_run_put_image_copy(struct bs_run *run, const char *name,
                          const char *from, PIX *pix, struct bs_error *err);
/* Frees the cached copy of an image artifact (the file stays); a stage
 * that keeps a smaller form of it calls this.  Pointers bs_run_image gave
 * for it become invalid. */
void bs_run_forget_image(struct bs_run *run, const char *name);
void bs_run_release(struct bs_run *run);

/* Runs stages from..to (indexes into the table) on one page.  Loads the
 * model of stage from-1 from disk unless from is 0.  Writes timing.json,
 * records in settings.json what each stage ran with, and names in
 * run->stale the later stages it left stale. */
int bs_pipeline_run(struct bs_run *run, int from, int to,
                    struct bs_error *err);

/* ---- made_with.c ---- */
/*
 * settings.json in the page folder: the settings each stage's artifact was
 * made with (the part of bs_run_fingerprint's text it depends on,
 * bs_stage_words) and the run that made it (a
 * counter: an artifact made by a later run than the stage after it made
 * that one stale).  Written by the runner; read by the batch (stamps, and
 * why a page is redone).
 */
#define BS_MADE_WITH_NAME "settings.json"

struct bs_made_with {
    char *words[BS_STAGE_MAX];  /* NULL: no record of that stage */
    int run[BS_STAGE_MAX];
};
/* Reads dir/settings.json; a missing or malformed file is no record (every
 * words[] NULL), never an error. */
int bs_made_with_read(const char *dir, struct bs_made_with *m);
int bs_made_with_save(const char *dir, const struct bs_made_with *m,
                      struct bs_error *err);
void bs_made_with_release(struct bs_made_with *m);
/* The fingerprint (model.h) of settings as a stage applies them to a page
 * loaded in page_lang: the language resolved ("" is the page's own, eng
 * for a new page), so "" and "eng" on an English page are not a change.
 * malloc'd. */
char *bs_run_fingerprint(const struct bs_settings *s, const char *page_lang);
/* The part of a fingerprint a stage's output depends on: the settings of
 * that stage and of the stages before it (a profile setting belongs to
 * the stage its doc names).  malloc'd. */
char *bs_stage_words(const char *words, int stage);
/* One more than any run recorded. */
int bs_made_with_next_run(const struct bs_made_with *m);
/* The settings that differ from `from` to `to` (fingerprint texts), in
 * words: "min_gutter_px 20 -> 40, lang eng -> deu"; "" when none.
 * malloc'd. */
char *bs_settings_diff(const char *from, const char *to);
/* The settings of a fingerprint that are not the defaults, in words
 * ("lang=eng min_gutter_px=20"), "defaults" when none.  malloc'd. */
char *bs_settings_words(const char *words);

#endif
