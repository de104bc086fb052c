/*
 * articles_json.c - articles.json, the output contract, written and read.
 */
#include "model.h"


#include <stdlib.h>
#include <string.h>

static void set_str_if(json_t *obj, const char *key, const char *value)
{
    if (value)
        json_object_set_new(obj, key, json_string(value));
}

/* Adds the words of a text block with a known confidence to the sums. */
static void add_conf(const struct bs_block *b, double *sum, long *n)
{
    if (!bs_role_has_text(b->role))
        return;
    for (int l = 0; l < b->nlines; l++)
        for (int w = 0; w < b->lines[l].nwords; w++) {
            const struct bs_word *wd = &b->lines[l].words[w];
            if (wd->conf >= 0 && wd->text && wd->text[0]) {
                *sum += wd->conf > 100 ? 100 : wd->conf;
                (*n)++;
            }
        }
}

double bs_mean_word_conf(const struct bs_page *page,
                         const struct bs_article *a)
{
    double sum = 0;
    long n = 0;

    if (!a) {
        for (int i = 0; i < page->nblocks; i++)
            add_conf(&page->blocks[i], &sum, &n);
    } else {
        for (int k = 0; k < a->nblocks; k++) {
            int i = bs_page_find_block(page, a->blocks[k]);
            if (i >= 0)
                add_conf(&page->blocks[i], &sum, &n);
        }
    }
    return n ? sum / (double)n : -1;
}

/* A confidence as JSON: one decimal, null when unknown. */
static json_t *conf_json(double c)
{
    return c < 0 ? json_null() : json_real((double)(long)(c * 10 + 0.5) / 10);
}

json_t *bs_articles_to_json(const struct bs_page *page)
{
    json_t *root = json_object(), *info = json_object();
    json_t *arts = json_array(), *order = json_array(), *bands = json_array(),
           *blocks = json_array();

    json_object_set_new(root, "format", json_string(BS_ARTICLES_FORMAT));
    json_object_set_new(root, "version", json_integer(BS_ARTICLES_VERSION));
    set_str_if(info, "id", page->id);
    set_str_if(info, "source", page->source);
    json_object_set_new(info, "width", json_integer(page->width));
    json_object_set_new(info, "height", json_integer(page->height));
    json_object_set_new(info, "dpi", json_integer(page->dpi));
    json_object_set_new(info, "lang", json_string(page->lang ? page->lang : ""));
    /* The printed page number, for linking jumps across pages. */
    if (page->number > 0)
        json_object_set_new(info, "number", json_integer(page->number));
    /* mean word confidence (0..100): triage without ground truth */
    json_object_set_new(info, "confidence",
                        conf_json(bs_mean_word_conf(page, NULL)));
    /* why the page was read by Tesseract's own segmentation (layout's
     * self-check, a poor confidence): QA looks for these pages */
    set_str_if(info, "layout_fallback", page->doubt);
    json_object_set_new(root, "page", info);
    for (int i = 0; i < page->narticles; i++) {
        const struct bs_article *a = &page->articles[i];
        json_t *obj = json_object(), *ids = json_array();

        json_object_set_new(obj, "id", json_string(a->id));
        set_str_if(obj, "kicker", a->kicker);
        json_object_set_new(obj, "headline",
                            json_string(a->headline ? a->headline : ""));
        set_str_if(obj, "subheadline", a->subheadline);
        set_str_if(obj, "byline", a->byline);
        json_object_set_new(obj, "body", json_string(a->body ? a->body : ""));
        json_object_set_new(obj, "lang",
                            json_string(a->lang ? a->lang
                                                : page->lang ? page->lang : ""));
        json_object_set_new(obj, "bbox", bs_box_to_json(a->box));
        json_object_set_new(obj, "confidence",
                            conf_json(bs_mean_word_conf(page, a)));
        for (int b = 0; b < a->nblocks; b++)
            json_array_append_new(ids, json_string(a->blocks[b]));
        json_object_set_new(obj, "blocks", ids);
        if (a->continued_from)
            json_object_set_new(obj, "continued_from",
                                json_integer(a->continued_from));
        if (a->continued_to)
            json_object_set_new(obj, "continued_to",
                                json_integer(a->continued_to));
        set_str_if(obj, "continued_from_ref", a->continued_from_ref);
        set_str_if(obj, "continued_to_ref", a->continued_to_ref);
        json_array_append_new(arts, obj);
        json_array_append_new(order, json_string(a->id));
    }
    json_object_set_new(root, "articles", arts);
    json_object_set_new(root, "reading_order", order);
    for (int i = 0; i < page->nbands; i++) {
        json_t *cols = json_array();
        for (int c = 0; c < page->bands[i].ncols; c++)
            json_array_append_new(cols, json_pack("[ii]",
                                                  page->bands[i].cols[c].x0,
                                                  page->bands[i].cols[c].x1));
        json_array_append_new(bands, json_pack("{s:[ii], s:o}", "y",
                                               page->bands[i].y0,
                                               page->bands[i].y1, "columns",
                                               cols));
    }
    json_object_set_new(root, "columns", bands);
    for (int i = 0; i < page->nblocks; i++) {
        const struct bs_block *b = &page->blocks[i];
        json_t *obj = json_object();
        char *text = bs_block_text(b);

        json_object_set_new(obj, "id", json_string(b->id));
        json_object_set_new(obj, "role", json_string(bs_role_name(b->role)));
        json_object_set_new(obj, "bbox", bs_box_to_json(b->box));
        if (b->article[0])
            json_object_set_new(obj, "article", json_string(b->article));
        json_object_set_new(obj, "text", json_string(text));
        free(text);
        json_array_append_new(blocks, obj);
    }
    json_object_set_new(root, "blocks", blocks);
    return root;
}

int bs_articles_save(const struct bs_page *page, const char *path,
                     struct bs_error *err)
{
    json_t *root = bs_articles_to_json(page);
    int rc = bs_json_save_file(root, path, err);
    json_decref(root);
    return rc;
}

/* Reads an optional string member into *field. */
static int opt_str(json_t *obj, const char *key, char **field,
                   const char *path, struct bs_error *err)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return bs_fail(err, "%s: \"%s\" is not a string", path, key);
    bs_set_str(field, json_string_value(v));
    return 0;
}

static int opt_int(json_t *obj, const char *key, int *out, const char *path,
                   struct bs_error *err)
{
    json_t *v = json_object_get(obj, key);
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > 1000000)
        return bs_fail(err, "%s: \"%s\" is not a page number", path, key);
    *out = (int)json_integer_value(v);
    return 0;
}

static int read_blocks(json_t *root, struct bs_page *page, const char *path,
                       struct bs_error *err)
{
    json_t *blocks = json_object_get(root, "blocks"), *v;
    size_t i;

    if (!blocks)
        return 0;
    if (!json_is_array(blocks))
        return bs_fail(err, "%s: \"blocks\" is not an array", path);
    json_array_foreach(blocks, i, v) {
        json_t *id = json_object_get(v, "id"), *role = json_object_get(v, "role");
        json_t *text = json_object_get(v, "text"), *bbox;
        struct bs_box box = {0, 0, 0, 0};
        struct bs_block *b;
        int r;

        if (!json_is_string(id) || json_string_length(id) == 0 ||
            json_string_length(id) >= 16)
            return bs_fail(err, "%s: block %zu has no valid id", path, i);
        r = json_is_string(role) ? bs_role_from_name(json_string_value(role))
                                 : BS_ROLE_UNKNOWN;
        if (r < 0)
            return bs_fail(err, "%s: block %s has an unknown role", path,
                           json_string_value(id));
        bbox = json_object_get(v, "bbox");
        if (bbox && bs_box_from_json(bbox, path, &box, err) < 0)
            return -1;
        if (bs_page_find_block(page, json_string_value(id)) >= 0)
            return bs_fail(err, "%s: duplicate block id %s", path,
                           json_string_value(id));
        b = bs_page_add_block(page, (enum bs_role)r, box);
        snprintf(b->id, sizeof(b->id), "%s", json_string_value(id));
        if (json_is_string(json_object_get(v, "article")) &&
            json_string_length(json_object_get(v, "article")) < 16)
            snprintf(b->article, sizeof(b->article), "%s",
                     json_string_value(json_object_get(v, "article")));
        if (json_is_string(text) && json_string_length(text) > 0) {
            /* One line per text line; geometry is the block's. */
            char *copy = bs_strdup(json_string_value(text));
            char *save = NULL;
            for (char *t = strtok_r(copy, "\n", &save); t;
                 t = strtok_r(NULL, "\n", &save)) {
                struct bs_line *line = bs_block_add_line(b, (struct bs_box){0, 0, 0, 0});
                bs_line_add_word(line, t, (struct bs_box){0, 0, 0, 0}, -1);
            }
            free(copy);
        }
    }
    return 0;
}

int bs_articles_load(const char *path, struct bs_page **out,
                     struct bs_error *err)
{
    json_t *root;
    int rc;

    *out = NULL;
    if (bs_json_load_file(path, 64u << 20, &root, err) < 0)
        return -1;
    rc = bs_articles_from_json(root, path, out, err);
    json_decref(root);
    return rc;
}

int bs_articles_from_json(json_t *root, const char *path,
                          struct bs_page **out, struct bs_error *err)
{
    json_t *info, *arts, *order, *cols, *v;
    struct bs_page *page = NULL;
    size_t i;

    *out = NULL;
    if (!json_is_object(root)) {
        bs_fail(err, "%s: not an articles.json object", path);
        goto fail;
    }
    v = json_object_get(root, "format");
    if (v && (!json_is_string(v) ||
              strcmp(json_string_value(v), BS_ARTICLES_FORMAT) != 0)) {
        bs_fail(err, "%s: not an articles.json file (format)", path);
        goto fail;
    }
    v = json_object_get(root, "version");
    if (v && (!json_is_integer(v) ||
              json_integer_value(v) != BS_ARTICLES_VERSION)) {
        bs_fail(err, "%s: unsupported articles.json version", path);
        goto fail;
    }
    page = bs_page_new();
    info = json_object_get(root, "page");
    if (info) {
        if (!json_is_object(info)) {
            bs_fail(err, "%s: \"page\" is not an object", path);
            goto fail;
        }
        if (opt_str(info, "id", &page->id, path, err) < 0 ||
            opt_str(info, "source", &page->source, path, err) < 0 ||
            opt_str(info, "lang", &page->lang, path, err) < 0 ||
            opt_int(info, "width", &page->width, path, err) < 0 ||
            opt_int(info, "height", &page->height, path, err) < 0 ||
            opt_int(info, "dpi", &page->dpi, path, err) < 0 ||
            opt_int(info, "number", &page->number, path, err) < 0)
            goto fail;
    }
    cols = json_object_get(root, "columns");
    if (cols && json_is_array(cols)) {
        json_array_foreach(cols, i, v) {
            json_t *y = json_object_get(v, "y"), *cs = json_object_get(v, "columns"), *c;
            size_t k;
            struct bs_band *band;
            if (!json_is_array(y) || json_array_size(y) != 2 || !json_is_array(cs)) {
                bs_fail(err, "%s: bad \"columns\" entry %zu", path, i);
                goto fail;
            }
            band = bs_page_add_band(page,
                                    (int)json_integer_value(json_array_get(y, 0)),
                                    (int)json_integer_value(json_array_get(y, 1)));
            json_array_foreach(cs, k, c) {
                if (!json_is_array(c) || json_array_size(c) != 2) {
                    bs_fail(err, "%s: bad column in band %zu", path, i);
                    goto fail;
                }
                bs_band_add_col(band, (int)json_integer_value(json_array_get(c, 0)),
                                (int)json_integer_value(json_array_get(c, 1)));
            }
        }
    }
    if (read_blocks(root, page, path, err) < 0)
        goto fail;
    arts = json_object_get(root, "articles");
    if (!json_is_array(arts)) {
        bs_fail(err, "%s: missing \"articles\" array", path);
        goto fail;
    }
    json_array_foreach(arts, i, v) {
        struct bs_article *a;
        json_t *id = json_object_get(v, "id"), *ids, *bv, *bbox;
        size_t k;

        if (!json_is_object(v) || !json_is_string(id) ||
            json_string_length(id) == 0 || json_string_length(id) >= 16) {
            bs_fail(err, "%s: article %zu has no valid id", path, i);
            goto fail;
        }
        a = bs_page_add_article(page);
        snprintf(a->id, sizeof(a->id), "%s", json_string_value(id));
        if (opt_str(v, "kicker", &a->kicker, path, err) < 0 ||
            opt_str(v, "headline", &a->headline, path, err) < 0 ||
            opt_str(v, "subheadline", &a->subheadline, path, err) < 0 ||
            opt_str(v, "byline", &a->byline, path, err) < 0 ||
            opt_str(v, "body", &a->body, path, err) < 0 ||
            opt_str(v, "lang", &a->lang, path, err) < 0 ||
            opt_str(v, "continued_from_ref", &a->continued_from_ref, path, err) < 0 ||
            opt_str(v, "continued_to_ref", &a->continued_to_ref, path, err) < 0 ||
            opt_int(v, "continued_from", &a->continued_from, path, err) < 0 ||
            opt_int(v, "continued_to", &a->continued_to, path, err) < 0)
            goto fail;
        if (!a->body)
            a->body = bs_strdup("");
        bbox = json_object_get(v, "bbox");
        if (bbox && bs_box_from_json(bbox, path, &a->box, err) < 0)
            goto fail;
        ids = json_object_get(v, "blocks");
        if (ids && json_is_array(ids)) {
            json_array_foreach(ids, k, bv) {
                if (json_is_string(bv))
                    bs_article_add_block(a, json_string_value(bv));
            }
        }
    }
    /* Articles are kept in reading order. */
    order = json_object_get(root, "reading_order");
    if (order && json_is_array(order) &&
        json_array_size(order) == (size_t)page->narticles) {
        struct bs_article *sorted = bs_calloc((size_t)page->narticles + 1,
                                              sizeof(*sorted));
        char *used = bs_calloc((size_t)page->narticles + 1, 1);
        int ok = 1;
        json_array_foreach(order, i, v) {
            int found = -1;
            for (int a = 0; json_is_string(v) && a < page->narticles; a++)
                if (strcmp(page->articles[a].id, json_string_value(v)) == 0)
                    found = a;
            /* Each article exactly once: the copies below are shallow. */
            if (found < 0 || used[found]) {
                ok = 0;
                break;
            }
            used[found] = 1;
            sorted[i] = page->articles[found];
        }
        free(used);
        if (ok) {
            free(page->articles);
            page->articles = sorted;
            page->caparticles = page->narticles;
        } else {
            free(sorted);
            bs_fail(err, "%s: \"reading_order\" names unknown or repeated articles", path);
            goto fail;
        }
    }
    *out = page;
    return 0;
fail:
    bs_page_free(&page);
    return -1;
}

char *bs_article_to_text(const struct bs_article *a)
{
    struct bs_buf out = {0};
    const char *heads[4] = {a->kicker, a->headline, a->subheadline, a->byline};

    for (int i = 0; i < 4; i++) {
        if (heads[i] && *heads[i]) {
            bs_buf_add(&out, heads[i]);
            bs_buf_add(&out, "\n");
        }
    }
    bs_buf_add(&out, "\n");
    if (a->body && *a->body) {
        const char *p = a->body;
        int first = 1;
        while (*p) {
            size_t n = strcspn(p, "\n");
            if (!first)
                bs_buf_add(&out, "\n");
            bs_buf_addn(&out, p, n);
            bs_buf_add(&out, "\n");
            first = 0;
            p += n;
            if (*p == '\n')
                p++;
        }
    }
    return bs_buf_take(&out);
}
