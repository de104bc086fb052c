/*
 * profile.c - the table of stage settings, profile files and --set.
 */
#include "model.h"

#include "../base/base.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef BS_MODELS_DIR
#define BS_MODELS_DIR "/usr/local/share/broadsheet/models"
#endif

#define P(field, type, d, lo, hi, doc) \
    {#field, type, offsetof(struct bs_profile, field), d, lo, hi, doc}

const struct bs_param bs_params[] = {
    P(orient, BS_PARAM_INT, 1, 0, 1,
      "load: turn pages scanned sideways or upside down (Tesseract OSD)"),
    P(orient_min_conf, BS_PARAM_DOUBLE, 10.0, 0.0, 100.0,
      "load: OSD confidence needed to turn a page"),
    P(sauvola_window, BS_PARAM_INT, 25, 4, 400,
      "binarize: Sauvola half-window in px at 300 dpi"),
    P(sauvola_k, BS_PARAM_DOUBLE, 0.34, 0.01, 1.0,
      "binarize: Sauvola k (higher keeps less ink)"),
    P(deskew, BS_PARAM_INT, 1, 0, 1, "binarize: find and correct skew"),
    P(deskew_max_deg, BS_PARAM_DOUBLE, 3.0, 0.1, 10.0,
      "binarize: largest skew searched, degrees"),
    P(speckle_max_px, BS_PARAM_INT, 2, 0, 20,
      "binarize: specks up to this size (px at 300 dpi) are removed"),
    P(border_clean, BS_PARAM_INT, 1, 0, 1,
      "binarize: remove dark scan borders touching the page edge"),
    P(min_gutter_px, BS_PARAM_INT, 12, 3, 200,
      "layout: narrowest white column gutter, px at 300 dpi"),
    P(max_columns, BS_PARAM_INT, 8, 1, 20, "layout: most columns expected"),
    P(headline_ratio, BS_PARAM_DOUBLE, 1.6, 1.05, 10.0,
      "layout: text this many times the body height is a headline"),
    P(subheadline_ratio, BS_PARAM_DOUBLE, 1.2, 1.0, 10.0,
      "layout: text this many times the body height is a subheadline"),
    P(masthead_ratio, BS_PARAM_DOUBLE, 3.0, 1.5, 20.0,
      "layout: text this many times the body height at the top is a masthead"),
    P(min_rule_px, BS_PARAM_INT, 120, 20, 5000,
      "layout: shortest line kept as a rule, px at 300 dpi"),
    P(max_rule_thickness_px, BS_PARAM_INT, 20, 1, 50,
      "layout: thickest line kept as a rule, px at 300 dpi"),
    P(photo_min_px, BS_PARAM_INT, 120, 20, 5000,
      "layout: smallest side of a photo, px at 300 dpi"),
    P(block_gap_lines, BS_PARAM_DOUBLE, 0.7, 0.2, 10.0,
      "layout: a vertical gap this many line heights ends a block"),
    P(layout_check, BS_PARAM_INT, 1, 0, 2,
      "layout: check layout's own result (masthead holding the page, no "
      "body text, bands or columns that overlap) and read a page failing "
      "it by Tesseract's own page segmentation; 0: never, 2: every page"),
    P(layout_max_masthead_share, BS_PARAM_DOUBLE, 0.5, 0.05, 1.0,
      "layout: the check fails when masthead and folios hold more than this "
      "share of the text area"),
    P(layout_min_body_share, BS_PARAM_DOUBLE, 0.25, 0.0, 1.0,
      "layout: the check fails when body text holds less than this share of "
      "the text area"),
    P(psm_body, BS_PARAM_INT, 6, 3, 13,
      "ocr: Tesseract page segmentation mode for body blocks"),
    P(psm_headline, BS_PARAM_INT, 6, 3, 13,
      "ocr: page segmentation mode for headline-like blocks"),
    P(psm_line, BS_PARAM_INT, 7, 3, 13,
      "ocr: page segmentation mode for blocks of one line"),
    P(psm_region, BS_PARAM_INT, 3, 3, 13,
      "ocr: mode for body blocks too wide to be one column (layout missed "
      "a gutter)"),
    P(psm_column, BS_PARAM_INT, 3, 0, 13,
      "ocr: page segmentation mode for the blocks of one column of a band, "
      "read as one strip; 0: every block read alone"),
    P(headline_max_px, BS_PARAM_INT, 40, 16, 400,
      "ocr: text taller than this (px of the image Tesseract reads) is "
      "scaled down before OCR"),
    P(ocr_min_xheight_px, BS_PARAM_INT, 20, 0, 100,
      "ocr: a page whose body x-height is under this (px of the scan) is "
      "scaled up to it for OCR (not for less than 10%); 0: never"),
    P(ocr_pad_px, BS_PARAM_INT, 10, 0, 100,
      "ocr: white margin added around each block crop"),
    P(ocr_threads, BS_PARAM_INT, 0, 0, 64,
      "ocr: blocks of one page read in parallel (one engine per thread); "
      "0: the cores left to each page (cores / pages in parallel)"),
    P(ocr_split, BS_PARAM_INT, 0, 0, 1,
      "ocr: with several threads, read blocks Tesseract lays out itself "
      "(psm_region) region by region, shared by the threads (faster, less "
      "memory; reading order can differ)"),
    P(ocr_min_conf, BS_PARAM_DOUBLE, 0, 0, 100,
      "ocr: words below this confidence are dropped"),
    P(ocr_speck_conf, BS_PARAM_DOUBLE, 50, 0, 100,
      "ocr: a word of ASCII marks alone (\"~\", \"|\", \".\") below this "
      "confidence is a speck and dropped"),
    P(ocr_binary, BS_PARAM_INT, 0, 0, 1,
      "ocr: read the binarized image (1) or the grey one (0)"),
    P(ocr_doubt_conf, BS_PARAM_DOUBLE, 55, 0, 100,
      "ocr: a page read with a mean word confidence (by characters) under "
      "this is read again by Tesseract's own page segmentation, kept when "
      "more confident; 0: never"),
    P(article_gap_lines, BS_PARAM_DOUBLE, 2.5, 0.5, 50.0,
      "articles: a vertical gap this many body heights separates articles"),
    P(repair_min_chunk, BS_PARAM_INT, 2, 1, 20,
      "repair: shortest doubled chunk, in characters, that is repaired"),
    P(repair_min_whole, BS_PARAM_INT, 6, 2, 200,
      "repair: a line X+X is doubled when X has this many characters"),
    P(repair_min_whole_head, BS_PARAM_INT, 4, 2, 200,
      "repair: the same for headlines, decks and kickers"),
};

const int bs_param_count = (int)(sizeof(bs_params) / sizeof(bs_params[0]));

static void param_store(struct bs_profile *p, const struct bs_param *d,
                        double v)
{
    char *base = (char *)p + d->offset;
    if (d->type == BS_PARAM_INT)
        *(int *)base = (int)lround(v);
    else
        *(double *)base = v;
}

static double param_fetch(const struct bs_profile *p, const struct bs_param *d)
{
    const char *base = (const char *)p + d->offset;
    return d->type == BS_PARAM_INT ? *(const int *)base : *(const double *)base;
}

void bs_profile_defaults(struct bs_profile *p)
{
    memset(p, 0, sizeof(*p));
    strcpy(p->name, "default");
    for (int i = 0; i < bs_param_count; i++)
        param_store(p, &bs_params[i], bs_params[i].dflt);
}

static const struct bs_param *param_find(const char *name, size_t len)
{
    for (int i = 0; i < bs_param_count; i++)
        if (strlen(bs_params[i].name) == len &&
            strncmp(bs_params[i].name, name, len) == 0)
            return &bs_params[i];
    return NULL;
}

static int param_assign(struct bs_profile *p, const struct bs_param *d,
                        double v, const char *what, struct bs_error *err)
{
    if (d->type == BS_PARAM_INT && v != floor(v))
        return bs_fail(err, "%s: %s must be a whole number", what, d->name);
    if (!(v >= d->lo && v <= d->hi))
        return bs_fail(err, "%s: %s = %g is outside %g..%g", what, d->name, v,
                       d->lo, d->hi);
    param_store(p, d, v);
    return 0;
}

int bs_profile_set(struct bs_profile *p, const char *assignment,
                   const char *what, struct bs_error *err)
{
    const char *eq = strchr(assignment, '=');
    const struct bs_param *d;
    char *end;
    double v;

    if (!eq || eq == assignment)
        return bs_fail(err, "%s: expected NAME=VALUE, got \"%s\"", what,
                       assignment);
    d = param_find(assignment, (size_t)(eq - assignment));
    if (!d)
        return bs_fail(err, "%s: unknown setting \"%.*s\" (see `broadsheet "
                       "profile`)", what, (int)(eq - assignment), assignment);
    errno = 0;
    v = strtod(eq + 1, &end);
    if (errno || end == eq + 1 || *end)
        return bs_fail(err, "%s: %s: \"%s\" is not a number", what, d->name,
                       eq + 1);
    return param_assign(p, d, v, what, err);
}

/* The models folder, first found of: $BROADSHEET_MODELS; models/ beside
 * the binary (a source tree); ../share/broadsheet/models from the binary
 * (installed under any PREFIX); the folder compiled in.  Worked out once;
 * the returned string lives as long as the process. */
const char *bs_models_dir(void)
{
    static char *found; /* owned by the process, never freed */
    const char *env = getenv("BROADSHEET_MODELS");
    static const char *const beside[] = {"models",
                                         "../share/broadsheet/models"};
    char exe[4096];
    char *slash;
    ssize_t n;

    if (env && *env)
        return env;
    if (found)
        return found;
    n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    if (n <= 0)
        return BS_MODELS_DIR;
    exe[n] = '\0';
    slash = strrchr(exe, '/');
    if (!slash)
        return BS_MODELS_DIR;
    *slash = '\0';
    for (size_t i = 0; i < sizeof(beside) / sizeof(beside[0]); i++) {
        char *dir = bs_path_join(exe, beside[i]);
        char *profiles = bs_path_join(dir, "profiles");
        int ok = bs_is_dir(profiles);

        free(profiles);
        if (ok) {
            found = dir;
            return found;
        }
        free(dir);
    }
    return BS_MODELS_DIR;
}

int bs_profile_load(struct bs_profile *p, const char *name_or_path,
                    struct bs_error *err)
{
    char *path;
    json_t *root = NULL, *params, *v;
    const char *key;
    int rc = -1;

    if (strchr(name_or_path, '/') || strstr(name_or_path, ".json")) {
        path = bs_strdup(name_or_path);
    } else {
        char *dir = bs_path_join(bs_models_dir(), "profiles");
        char *file = bs_sprintf("%s.json", name_or_path);
        path = bs_path_join(dir, file);
        free(dir);
        free(file);
    }
    if (bs_json_load_file(path, 1u << 20, &root, err) < 0)
        goto out;
    if (!json_is_object(root)) {
        bs_fail(err, "%s: a profile must be a JSON object", path);
        goto out;
    }
    v = json_object_get(root, "name");
    if (json_is_string(v))
        snprintf(p->name, sizeof(p->name), "%s", json_string_value(v));
    params = json_object_get(root, "params");
    if (params && !json_is_object(params)) {
        bs_fail(err, "%s: \"params\" must be an object", path);
        goto out;
    }
    json_object_foreach(params, key, v) {
        const struct bs_param *d = param_find(key, strlen(key));
        if (!d) {
            bs_fail(err, "%s: unknown setting \"%s\"", path, key);
            goto out;
        }
        if (!json_is_number(v)) {
            bs_fail(err, "%s: %s must be a number", path, key);
            goto out;
        }
        if (param_assign(p, d, json_number_value(v), path, err) < 0)
            goto out;
    }
    rc = 0;
out:
    json_decref(root);
    free(path);
    return rc;
}

void bs_profile_print(const struct bs_profile *p, FILE *fp)
{
    fprintf(fp, "profile: %s\n", p->name);
    for (int i = 0; i < bs_param_count; i++) {
        const struct bs_param *d = &bs_params[i];
        fprintf(fp, "  %-22s %-8g (default %g)  %s\n", d->name,
                param_fetch(p, d), d->dflt, d->doc);
    }
}
