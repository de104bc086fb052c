/*
 * stamp.c - reading and writing done.json (see model.h).
 */
#include "model.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

int bs_stamp_write(const char *dir, const struct bs_stamp *st,
                   struct bs_error *err)
{
    char *path = bs_path_join(dir, BS_STAMP_NAME);
    json_t *root = json_pack(
        "{s:s, s:i, s:s, s:s, s:s, s:i, s:s, s:s}", "format", BS_STAMP_FORMAT,
        "version", BS_STAMP_VERSION, "page", st->page, "broadsheet",
        st->broadsheet, "checksum", st->checksum, "subpage", st->subpage,
        "settings", st->settings, "through", st->through);
    int rc;

    if (!root)
        bs_oom();
    if (st->made_with[0]) {
        json_t *m = json_loads(st->made_with, 0, NULL);
        if (json_is_object(m))
            json_object_set_new(root, "made_with", m);
        else
            json_decref(m);
    }
    rc = bs_json_save_file(root, path, err);
    json_decref(root);
    free(path);
    return rc;
}

static int get_str(json_t *root, const char *key, char *out, size_t size,
                   const char *path, struct bs_error *err)
{
    json_t *v = json_object_get(root, key);

    if (!json_is_string(v) || json_string_length(v) >= size)
        return bs_fail(err, "%s: \"%s\" missing or not a short string", path,
                       key);
    memcpy(out, json_string_value(v), json_string_length(v) + 1);
    return 0;
}

int bs_stamp_read(const char *dir, struct bs_stamp *st, struct bs_error *err)
{
    char *path = bs_path_join(dir, BS_STAMP_NAME);
    json_t *root = NULL, *v;
    int rc = -1;

    memset(st, 0, sizeof(*st));
    if (bs_json_load_file(path, 1u << 16, &root, err) < 0)
        goto out;
    v = json_object_get(root, "format");
    if (!json_is_string(v) ||
        strcmp(json_string_value(v), BS_STAMP_FORMAT) != 0) {
        bs_fail(err, "%s: not a broadsheet stamp", path);
        goto out;
    }
    v = json_object_get(root, "version");
    if (!json_is_integer(v) || json_integer_value(v) != BS_STAMP_VERSION) {
        bs_fail(err, "%s: unsupported stamp version", path);
        goto out;
    }
    v = json_object_get(root, "subpage");
    if (!json_is_integer(v) || json_integer_value(v) < 0 ||
        json_integer_value(v) > 1000000) {
        bs_fail(err, "%s: bad \"subpage\"", path);
        goto out;
    }
    st->subpage = (int)json_integer_value(v);
    if (get_str(root, "page", st->page, sizeof(st->page), path, err) < 0 ||
        get_str(root, "broadsheet", st->broadsheet, sizeof(st->broadsheet),
                path, err) < 0 ||
        get_str(root, "checksum", st->checksum, sizeof(st->checksum), path,
                err) < 0 ||
        get_str(root, "settings", st->settings, sizeof(st->settings), path,
                err) < 0 ||
        get_str(root, "through", st->through, sizeof(st->through), path,
                err) < 0)
        goto out;
    v = json_object_get(root, "made_with");
    if (json_is_object(v)) {
        char *text = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
        if (text && strlen(text) < sizeof(st->made_with))
            memcpy(st->made_with, text, strlen(text) + 1);
        free(text);
    }
    rc = 0;
out:
    json_decref(root);
    free(path);
    return rc;
}

int bs_stamp_remove(const char *dir, struct bs_error *err)
{
    char *path = bs_path_join(dir, BS_STAMP_NAME);
    int rc = bs_remove_if_exists(path, err);

    free(path);
    return rc;
}

int bs_stamp_matches(const struct bs_stamp *a, const struct bs_stamp *b)
{
    return strcmp(a->broadsheet, b->broadsheet) == 0 &&
           strcmp(a->checksum, b->checksum) == 0 && a->subpage == b->subpage &&
           strcmp(a->settings, b->settings) == 0 &&
           strcmp(a->through, b->through) == 0;
}
