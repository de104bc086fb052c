/*
 * page_json.c - page model <-> versioned JSON artifact (jansson).
 */
#include "model.h"

#include "../base/base.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Coordinates and counts beyond these are refused as corrupt. */
#define MAX_COORD 1000000
#define MAX_ITEMS 10000000

json_t *bs_box_to_json(struct bs_box b)
{
    return json_pack("[iiii]", b.x, b.y, b.w, b.h);
}

static void set_str_if(json_t *obj, const char *key, const char *value)
{
    if (value)
        json_object_set_new(obj, key, json_string(value));
}

static double round1(double v)
{
    return round(v * 10.0) / 10.0;
}

static json_t *line_to_json(const struct bs_line *line)
{
    json_t *words = json_array();

    for (int w = 0; w < line->nwords; w++) {
        const struct bs_word *word = &line->words[w];
        json_array_append_new(
            words, json_pack("{s:s, s:o, s:f}", "text", word->text, "bbox",
                             bs_box_to_json(word->box), "conf",
                             round1(word->conf)));
    }
    return json_pack("{s:o, s:o}", "bbox", bs_box_to_json(line->box), "words",
                     words);
}

static json_t *block_to_json(const struct bs_block *b)
{
    json_t *obj = json_object(), *lines = json_array();

    json_object_set_new(obj, "id", json_string(b->id));
    json_object_set_new(obj, "role", json_string(bs_role_name(b->role)));
    json_object_set_new(obj, "bbox", bs_box_to_json(b->box));
    json_object_set_new(obj, "band", json_integer(b->band));
    json_object_set_new(obj, "columns",
                        json_pack("[ii]", b->col_first, b->col_last));
    json_object_set_new(obj, "order", json_integer(b->order));
    json_object_set_new(obj, "text_height", json_real(round1(b->text_height)));
    if (b->article[0])
        json_object_set_new(obj, "article", json_string(b->article));
    set_str_if(obj, "lang", b->lang);
    for (int l = 0; l < b->nlines; l++)
        json_array_append_new(lines, line_to_json(&b->lines[l]));
    json_object_set_new(obj, "lines", lines);
    return obj;
}

static json_t *article_to_json(const struct bs_article *a)
{
    json_t *obj = json_object(), *blocks = json_array();

    json_object_set_new(obj, "id", json_string(a->id));
    set_str_if(obj, "kicker", a->kicker);
    json_object_set_new(obj, "headline",
                        json_string(a->headline ? a->headline : ""));
    set_str_if(obj, "subheadline", a->subheadline);
    set_str_if(obj, "byline", a->byline);
    json_object_set_new(obj, "body", json_string(a->body ? a->body : ""));
    set_str_if(obj, "lang", a->lang);
    json_object_set_new(obj, "bbox", bs_box_to_json(a->box));
    for (int i = 0; i < a->nblocks; i++)
        json_array_append_new(blocks, json_string(a->blocks[i]));
    json_object_set_new(obj, "blocks", blocks);
    if (a->continued_from)
        json_object_set_new(obj, "continued_from",
                            json_integer(a->continued_from));
    if (a->continued_to)
        json_object_set_new(obj, "continued_to", json_integer(a->continued_to));
    set_str_if(obj, "continued_from_ref", a->continued_from_ref);
    set_str_if(obj, "continued_to_ref", a->continued_to_ref);
    return obj;
}

json_t *bs_page_to_json(const struct bs_page *page)
{
    json_t *root = json_object(), *info = json_object();
    json_t *bands = json_array(), *blocks = json_array(),
           *articles = json_array();

    json_object_set_new(root, "format", json_string(BS_MODEL_FORMAT));
    json_object_set_new(root, "version", json_integer(BS_MODEL_VERSION));
    json_object_set_new(root, "stage", json_string(page->stage ? page->stage
                                                                : ""));
    set_str_if(info, "id", page->id);
    set_str_if(info, "source", page->source);
    set_str_if(info, "checksum", page->checksum);
    json_object_set_new(info, "width", json_integer(page->width));
    json_object_set_new(info, "height", json_integer(page->height));
    json_object_set_new(info, "dpi", json_integer(page->dpi));
    set_str_if(info, "lang", page->lang);
    json_object_set_new(info, "skew_deg",
                        json_real(round(page->skew_deg * 1000.0) / 1000.0));
    json_object_set_new(info, "number", json_integer(page->number));
    set_str_if(info, "doubt", page->doubt);
    if (page->rotated_deg)
        json_object_set_new(info, "rotated_deg",
                            json_integer(page->rotated_deg));
    if (page->type.glyphs > 0)
        json_object_set_new(
            info, "type",
            json_pack("{s:f, s:f, s:f, s:i}", "x_height",
                      round1(page->type.x_height), "line_pitch",
                      round1(page->type.line_pitch), "stroke",
                      round1(page->type.stroke), "glyphs",
                      page->type.glyphs));
    json_object_set_new(root, "page", info);

    for (int i = 0; i < page->nbands; i++) {
        const struct bs_band *band = &page->bands[i];
        json_t *cols = json_array();
        for (int c = 0; c < band->ncols; c++)
            json_array_append_new(
                cols, json_pack("[ii]", band->cols[c].x0, band->cols[c].x1));
        json_array_append_new(bands,
                              json_pack("{s:[ii], s:o}", "y", band->y0,
                                        band->y1, "columns", cols));
    }
    json_object_set_new(root, "bands", bands);
    for (int b = 0; b < page->nblocks; b++)
        json_array_append_new(blocks, block_to_json(&page->blocks[b]));
    json_object_set_new(root, "blocks", blocks);
    for (int a = 0; a < page->narticles; a++)
        json_array_append_new(articles, article_to_json(&page->articles[a]));
    json_object_set_new(root, "articles", articles);
    return root;
}

/* ---- loading: every value checked ---- */

struct reader {
    const char *what;
    struct bs_error *err;
};

static int get_int(struct reader *r, json_t *obj, const char *key, int lo,
                   int hi, int dflt, int *out)
{
    json_t *v = json_object_get(obj, key);

    if (!v) {
        *out = dflt;
        return 0;
    }
    if (!json_is_integer(v))
        return bs_fail(r->err, "%s: \"%s\" is not an integer", r->what, key);
    if (json_integer_value(v) < lo || json_integer_value(v) > hi)
        return bs_fail(r->err, "%s: \"%s\" out of range (%lld)", r->what, key,
                       (long long)json_integer_value(v));
    *out = (int)json_integer_value(v);
    return 0;
}

static int get_num(struct reader *r, json_t *obj, const char *key, double lo,
                   double hi, double *out)
{
    json_t *v = json_object_get(obj, key);

    if (!v)
        return 0;
    if (!json_is_number(v))
        return bs_fail(r->err, "%s: \"%s\" is not a number", r->what, key);
    *out = json_number_value(v);
    if (!(*out >= lo && *out <= hi))
        return bs_fail(r->err, "%s: \"%s\" out of range", r->what, key);
    return 0;
}

/* Copies an optional string into *field (left untouched when absent). */
static int get_str(struct reader *r, json_t *obj, const char *key, char **field)
{
    json_t *v = json_object_get(obj, key);

    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return bs_fail(r->err, "%s: \"%s\" is not a string", r->what, key);
    bs_set_str(field, json_string_value(v));
    return 0;
}

static int get_id(struct reader *r, json_t *obj, const char *key,
                  char out[16], int required)
{
    json_t *v = json_object_get(obj, key);

    if (!v) {
        if (required)
            return bs_fail(r->err, "%s: missing \"%s\"", r->what, key);
        return 0;
    }
    /* Ids name files (articles/<id>.txt): never a path. */
    if (!json_is_string(v) || json_string_length(v) >= 16 ||
        !bs_id_is_valid(json_string_value(v)))
        return bs_fail(r->err, "%s: \"%s\" must be an id: 1-15 letters, "
                       "digits, '_', '-' or '.'", r->what, key);
    strcpy(out, json_string_value(v));
    return 0;
}

/* An integer coordinate within +-MAX_COORD (beyond, sums and widths of
 * coordinates could overflow an int). */
static int in_coord(json_t *v)
{
    return json_is_integer(v) && json_integer_value(v) >= -MAX_COORD &&
           json_integer_value(v) <= MAX_COORD;
}

int bs_box_from_json(json_t *v, const char *what, struct bs_box *box,
                     struct bs_error *err)
{
    int vals[4];

    if (!json_is_array(v) || json_array_size(v) != 4)
        return bs_fail(err, "%s: bbox must be [x, y, w, h]", what);
    for (int i = 0; i < 4; i++) {
        json_t *e = json_array_get(v, (size_t)i);
        if (!json_is_integer(e) || json_integer_value(e) < -MAX_COORD ||
            json_integer_value(e) > MAX_COORD ||
            (i >= 2 && json_integer_value(e) < 0))
            return bs_fail(err, "%s: bbox value out of range", what);
        vals[i] = (int)json_integer_value(e);
    }
    box->x = vals[0];
    box->y = vals[1];
    box->w = vals[2];
    box->h = vals[3];
    return 0;
}

static int get_box(struct reader *r, json_t *obj, struct bs_box *box)
{
    json_t *v = json_object_get(obj, "bbox");
    if (!v)
        return 0;
    return bs_box_from_json(v, r->what, box, r->err);
}

static int get_array(struct reader *r, json_t *obj, const char *key,
                     json_t **out)
{
    json_t *v = json_object_get(obj, key);

    *out = NULL;
    if (!v)
        return 0;
    if (!json_is_array(v) || json_array_size(v) > MAX_ITEMS)
        return bs_fail(r->err, "%s: \"%s\" is not an array", r->what, key);
    *out = v;
    return 0;
}

/* The optional "type" of the page: the body type binarize measured.
 * Absent (an artifact of an older broadsheet), it stays zero and lengths
 * follow the resolution hint. */
static int read_type(struct reader *r, json_t *info, struct bs_type_size *t)
{
    json_t *v = json_object_get(info, "type");
    double xh = 0, pitch = 0, stroke = 0;

    memset(t, 0, sizeof(*t));
    if (!v)
        return 0;
    if (!json_is_object(v))
        return bs_fail(r->err, "%s: \"type\" is not an object", r->what);
    if (get_num(r, v, "x_height", 0, MAX_COORD, &xh) < 0 ||
        get_num(r, v, "line_pitch", 0, MAX_COORD, &pitch) < 0 ||
        get_num(r, v, "stroke", 0, MAX_COORD, &stroke) < 0 ||
        get_int(r, v, "glyphs", 0, 1 << 30, 0, &t->glyphs) < 0)
        return -1;
    t->x_height = (float)xh;
    t->line_pitch = (float)pitch;
    t->stroke = (float)stroke;
    return 0;
}

static int read_line(struct reader *r, json_t *obj, struct bs_block *block)
{
    struct bs_box box = {0, 0, 0, 0};
    struct bs_line *line;
    json_t *words;
    size_t i;
    json_t *wv;

    if (!json_is_object(obj))
        return bs_fail(r->err, "%s: a line is not an object", r->what);
    if (get_box(r, obj, &box) < 0 || get_array(r, obj, "words", &words) < 0)
        return -1;
    line = bs_block_add_line(block, box);
    json_array_foreach(words, i, wv) {
        struct bs_box wbox = {0, 0, 0, 0};
        double conf = -1;
        json_t *text = json_object_get(wv, "text");

        if (!json_is_object(wv) || !json_is_string(text))
            return bs_fail(r->err, "%s: a word has no text", r->what);
        if (get_box(r, wv, &wbox) < 0 ||
            get_num(r, wv, "conf", -1, 100, &conf) < 0)
            return -1;
        bs_line_add_word(line, json_string_value(text), wbox, (float)conf);
    }
    return 0;
}

static int read_block(struct reader *r, struct bs_page *page, json_t *obj)
{
    struct bs_block *b;
    struct bs_box box = {0, 0, 0, 0};
    char id[16] = "";
    json_t *role, *cols, *lines, *lv;
    int rolev, n = page->nblocks;
    double th = 0;
    size_t i;

    if (!json_is_object(obj))
        return bs_fail(r->err, "%s: a block is not an object", r->what);
    if (get_id(r, obj, "id", id, 1) < 0 || get_box(r, obj, &box) < 0)
        return -1;
    if (bs_page_find_block(page, id) >= 0)
        return bs_fail(r->err, "%s: duplicate block id \"%s\"", r->what, id);
    role = json_object_get(obj, "role");
    rolev = json_is_string(role) ? bs_role_from_name(json_string_value(role))
                                 : -1;
    if (rolev < 0)
        return bs_fail(r->err, "%s: block %s has an unknown role", r->what, id);
    b = bs_page_add_block(page, (enum bs_role)rolev, box);
    strcpy(b->id, id);
    if (get_int(r, obj, "band", -1, MAX_ITEMS, -1, &b->band) < 0 ||
        get_int(r, obj, "order", -1, MAX_ITEMS, -1, &b->order) < 0 ||
        get_num(r, obj, "text_height", 0, MAX_COORD, &th) < 0 ||
        get_id(r, obj, "article", b->article, 0) < 0 ||
        get_str(r, obj, "lang", &b->lang) < 0)
        return -1;
    b->text_height = (float)th;
    cols = json_object_get(obj, "columns");
    if (cols) {
        if (!json_is_array(cols) || json_array_size(cols) != 2 ||
            !json_is_integer(json_array_get(cols, 0)) ||
            !json_is_integer(json_array_get(cols, 1)))
            return bs_fail(r->err, "%s: block %s: bad \"columns\"", r->what,
                           id);
        b->col_first = (int)json_integer_value(json_array_get(cols, 0));
        b->col_last = (int)json_integer_value(json_array_get(cols, 1));
        if (b->col_first < -1 || b->col_last < b->col_first ||
            b->col_last > 64)
            return bs_fail(r->err, "%s: block %s: bad \"columns\"", r->what,
                           id);
    }
    if (b->band >= page->nbands)
        return bs_fail(r->err, "%s: block %s: band %d does not exist",
                       r->what, id, b->band);
    if (b->band >= 0 && b->col_last >= page->bands[b->band].ncols)
        return bs_fail(r->err, "%s: block %s: column %d does not exist",
                       r->what, id, b->col_last);
    if (get_array(r, obj, "lines", &lines) < 0)
        return -1;
    json_array_foreach(lines, i, lv) {
        if (read_line(r, lv, &page->blocks[n]) < 0)
            return -1;
    }
    return 0;
}

static int read_article(struct reader *r, struct bs_page *page, json_t *obj)
{
    struct bs_article *a;
    json_t *blocks, *bv;
    size_t i;

    if (!json_is_object(obj))
        return bs_fail(r->err, "%s: an article is not an object", r->what);
    a = bs_page_add_article(page);
    if (get_id(r, obj, "id", a->id, 1) < 0 ||
        get_str(r, obj, "kicker", &a->kicker) < 0 ||
        get_str(r, obj, "headline", &a->headline) < 0 ||
        get_str(r, obj, "subheadline", &a->subheadline) < 0 ||
        get_str(r, obj, "byline", &a->byline) < 0 ||
        get_str(r, obj, "body", &a->body) < 0 ||
        get_str(r, obj, "lang", &a->lang) < 0 || get_box(r, obj, &a->box) < 0 ||
        get_int(r, obj, "continued_from", 0, 1000000, 0, &a->continued_from) < 0 ||
        get_int(r, obj, "continued_to", 0, 1000000, 0, &a->continued_to) < 0 ||
        get_str(r, obj, "continued_from_ref", &a->continued_from_ref) < 0 ||
        get_str(r, obj, "continued_to_ref", &a->continued_to_ref) < 0 ||
        get_array(r, obj, "blocks", &blocks) < 0)
        return -1;
    json_array_foreach(blocks, i, bv) {
        if (!json_is_string(bv) ||
            bs_page_find_block(page, json_string_value(bv)) < 0)
            return bs_fail(r->err, "%s: article %s names an unknown block",
                           r->what, a->id);
        bs_article_add_block(a, json_string_value(bv));
    }
    return 0;
}

int bs_page_from_json(json_t *root, const char *what, struct bs_page **out,
                      struct bs_error *err)
{
    struct reader r = {what, err};
    struct bs_page *page;
    json_t *info, *bands, *blocks, *articles, *v;
    int version;
    double skew = 0;
    size_t i;

    *out = NULL;
    if (!json_is_object(root))
        return bs_fail(err, "%s: not a broadsheet page artifact", what);
    v = json_object_get(root, "format");
    if (!json_is_string(v) || strcmp(json_string_value(v), BS_MODEL_FORMAT))
        return bs_fail(err, "%s: not a broadsheet page artifact (format)",
                       what);
    if (get_int(&r, root, "version", 0, 1000000, -1, &version) < 0)
        return -1;
    if (version != BS_MODEL_VERSION)
        return bs_fail(err, "%s: artifact version %d, this broadsheet reads "
                       "version %d; re-run the earlier stages", what, version,
                       BS_MODEL_VERSION);
    info = json_object_get(root, "page");
    if (!json_is_object(info))
        return bs_fail(err, "%s: missing \"page\"", what);

    page = bs_page_new();
    if (get_str(&r, root, "stage", &page->stage) < 0 ||
        get_str(&r, info, "id", &page->id) < 0 ||
        get_str(&r, info, "source", &page->source) < 0 ||
        get_str(&r, info, "checksum", &page->checksum) < 0 ||
        get_str(&r, info, "lang", &page->lang) < 0 ||
        get_str(&r, info, "doubt", &page->doubt) < 0 ||
        get_int(&r, info, "width", 0, MAX_COORD, 0, &page->width) < 0 ||
        get_int(&r, info, "height", 0, MAX_COORD, 0, &page->height) < 0 ||
        get_int(&r, info, "dpi", 0, 100000, 300, &page->dpi) < 0 ||
        get_int(&r, info, "number", 0, 1000000, 0, &page->number) < 0 ||
        get_int(&r, info, "rotated_deg", 0, 270, 0, &page->rotated_deg) < 0 ||
        get_num(&r, info, "skew_deg", -90, 90, &skew) < 0)
        goto fail;
    page->skew_deg = (float)skew;
    if (read_type(&r, info, &page->type) < 0)
        goto fail;
    if (page->rotated_deg % 90 != 0) {
        bs_fail(err, "%s: \"rotated_deg\" is not 0, 90, 180 or 270", what);
        goto fail;
    }

    if (get_array(&r, root, "bands", &bands) < 0)
        goto fail;
    json_array_foreach(bands, i, v) {
        json_t *y = json_object_get(v, "y"), *cols, *cv;
        struct bs_band *band;
        size_t c;

        if (!json_is_array(y) || json_array_size(y) != 2 ||
            !in_coord(json_array_get(y, 0)) ||
            !in_coord(json_array_get(y, 1))) {
            bs_fail(err, "%s: band %zu: bad \"y\" (two integers within "
                    "+-%d)", what, i, MAX_COORD);
            goto fail;
        }
        band = bs_page_add_band(page,
                                (int)json_integer_value(json_array_get(y, 0)),
                                (int)json_integer_value(json_array_get(y, 1)));
        if (get_array(&r, v, "columns", &cols) < 0)
            goto fail;
        json_array_foreach(cols, c, cv) {
            if (!json_is_array(cv) || json_array_size(cv) != 2 ||
                !in_coord(json_array_get(cv, 0)) ||
                !in_coord(json_array_get(cv, 1)) || c >= 64) {
                bs_fail(err, "%s: band %zu: bad column", what, i);
                goto fail;
            }
            bs_band_add_col(band, (int)json_integer_value(json_array_get(cv, 0)),
                            (int)json_integer_value(json_array_get(cv, 1)));
        }
    }
    if (get_array(&r, root, "blocks", &blocks) < 0)
        goto fail;
    if (blocks && json_array_size(blocks) > BS_PAGE_MAX_BLOCKS) {
        bs_fail(err, "%s: %zu blocks, more than the %d a page may hold",
                what, json_array_size(blocks), BS_PAGE_MAX_BLOCKS);
        goto fail;
    }
    json_array_foreach(blocks, i, v) {
        if (read_block(&r, page, v) < 0)
            goto fail;
    }
    if (bs_page_check_size(page, what, err) < 0)
        goto fail;
    if (get_array(&r, root, "articles", &articles) < 0)
        goto fail;
    json_array_foreach(articles, i, v) {
        if (read_article(&r, page, v) < 0)
            goto fail;
    }
    *out = page;
    return 0;
fail:
    bs_page_free(&page);
    return -1;
}

int bs_json_load_file(const char *path, size_t max, json_t **out,
                      struct bs_error *err)
{
    char *data;
    size_t len;
    json_error_t jerr;

    *out = NULL;
    if (bs_read_file(path, max, &data, &len, err) < 0)
        return -1;
    if (len == 0) {
        free(data);
        return bs_fail(err, "%s: empty file", path);
    }
    *out = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    free(data);
    if (!*out)
        return bs_fail(err, "%s: malformed JSON at line %d: %s", path,
                       jerr.line, jerr.text);
    return 0;
}

int bs_json_save_file(json_t *root, const char *path, struct bs_error *err)
{
    char *text = json_dumps(root, BS_JSON_FLAGS);
    char *withnl;
    int rc;

    if (!text)
        bs_oom();
    /* Text files end with a newline, so they diff and cat cleanly. */
    withnl = bs_sprintf("%s\n", text);
    free(text);
    rc = bs_write_atomic(path, withnl, strlen(withnl), err);
    free(withnl);
    return rc;
}

int bs_page_save(const struct bs_page *page, const char *path,
                 struct bs_error *err)
{
    json_t *root = bs_page_to_json(page);
    int rc = bs_json_save_file(root, path, err);
    json_decref(root);
    return rc;
}

int bs_page_load(const char *path, struct bs_page **out, struct bs_error *err)
{
    json_t *root;
    int rc;

    *out = NULL;
    if (bs_json_load_file(path, BS_MODEL_MAX_BYTES, &root, err) < 0)
        return -1;
    rc = bs_page_from_json(root, path, out, err);
    json_decref(root);
    return rc;
}
