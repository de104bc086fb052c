/*
 * page_json.h - the page model's on-disk form: a versioned JSON artifact.
 *
 * Every stage but export writes "model.<stage>.json" in the page folder; the
 * next stage (or a re-run) loads it.  Artifacts are untrusted input: the
 * loader checks the format name, the version, every type and every bound,
 * and reports the first problem as one line naming the file.
 */
#ifndef BS_PAGE_JSON_H
#define BS_PAGE_JSON_H

#include "../base/error.h"
#include "page.h"

#include <jansson.h>

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

#endif
