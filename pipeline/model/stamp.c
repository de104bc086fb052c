/*
 * stamp.c - reading and writing done.json (see model.h).
 */
#include "model.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The most outputs a stamp lists (a page has at most 10000 blocks, so
 * fewer articles). */
#define MAX_OUTPUTS 100000

/* A real file or folder (not a symbolic link) at path. */
static int lstat_is(const char *path, int dir)
{
    struct stat st;
    return lstat(path, &st) == 0 &&
           (dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
}

/* True for a name ending in ext. */
static int ends_with(const char *s, const char *ext)
{
    size_t n = strlen(s), k = strlen(ext);
    return n >= k && strcmp(s + n - k, ext) == 0;
}

/* Appends the regular files of dir (prefix/NAME when prefix) to list, and
 * those of its real sub-folders one level down; names sorted.  Left out:
 * dot names, the stamp itself, timing.json (it changes every run) and the
 * image artifacts (*.png: big intermediates an operator may delete to save
 * room once a batch is done, without making every page redo). */
static void list_outputs(const char *dir, const char *prefix, json_t *list)
{
    struct bs_error err;
    char **names;
    int n;

    if (bs_list_dir(dir, &names, &n, &err) < 0)
        return;
    for (int i = 0; i < n; i++) {
        char *path = bs_path_join(dir, names[i]);
        char *name = prefix ? bs_sprintf("%s/%s", prefix, names[i])
                            : bs_strdup(names[i]);
        if (lstat_is(path, 0)) {
            if (prefix || (strcmp(names[i], BS_STAMP_NAME) != 0 &&
                           strcmp(names[i], "timing.json") != 0 &&
                           !ends_with(names[i], ".png")))
                json_array_append_new(list, json_string(name));
        } else if (!prefix && lstat_is(path, 1)) {
            list_outputs(path, names[i], list);
        }
        free(name);
        free(path);
    }
    bs_free_names(names, n);
}

/* An outputs entry: "NAME" or "SUB/NAME", each part one safe file name
 * (the stamp is untrusted: no entry may point out of the page folder). */
static int output_name_ok(const char *s)
{
    const char *slash = strchr(s, '/');
    char *sub;
    int ok;

    if (!slash)
        return bs_name_is_safe(s);
    if (strchr(slash + 1, '/'))
        return 0;
    sub = bs_strndup(s, (size_t)(slash - s));
    ok = bs_name_is_safe(sub) && bs_name_is_safe(slash + 1);
    free(sub);
    return ok;
}

int bs_stamp_write(const char *dir, const struct bs_stamp *st,
                   struct bs_error *err)
{
    char *path = bs_path_join(dir, BS_STAMP_NAME);
    json_t *outputs = json_array();
    json_t *root;
    int rc;

    if (!outputs)
        bs_oom();
    list_outputs(dir, NULL, outputs);
    root = json_pack(
        "{s:s, s:i, s:s, s:s, s:s, s:i, s:s, s:s, s:o}", "format",
        BS_STAMP_FORMAT, "version", BS_STAMP_VERSION, "page", st->page,
        "broadsheet", st->broadsheet, "checksum", st->checksum, "subpage",
        st->subpage, "settings", st->settings, "through", st->through,
        "outputs", outputs);
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
    if (bs_json_load_file(path, 16u << 20, &root, err) < 0)
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
    v = json_object_get(root, "outputs");
    if (!json_is_array(v) || json_array_size(v) > MAX_OUTPUTS) {
        bs_fail(err, "%s: bad \"outputs\"", path);
        goto out;
    }
    for (size_t i = 0; i < json_array_size(v); i++) {
        const char *s = json_string_value(json_array_get(v, i));
        char *file;
        int there;
        if (!s || !output_name_ok(s)) {
            bs_fail(err, "%s: bad \"outputs\" entry", path);
            goto out;
        }
        file = bs_path_join(dir, s);
        there = lstat_is(file, 0);
        free(file);
        if (!there) {
            bs_fail(err, "%s: %s, an output it lists, is missing (deleted "
                    "since?)", path, s);
            goto out;
        }
    }
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
