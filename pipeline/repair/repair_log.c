/*
 * repair_log.c - the list of repairs made to one page, saved as
 * repairs.json beside the page's other artifacts.
 *
 * Every entry names the kind, the block and line, the text before and after
 * and the evidence the decision rested on, so a wrong repair can be found
 * and its kind switched off (--no-repair=KIND).
 */
#include "repair.h"

#include "../model/model.h"

#include <string.h>

void bs_repair_log_init(struct bs_repair_log *log)
{
    log->entries = json_array();
    if (!log->entries)
        bs_oom();
}

void bs_repair_log_release(struct bs_repair_log *log)
{
    json_decref(log->entries);
    log->entries = NULL;
}

void bs_repair_log_add(struct bs_repair_log *log, const char *kind,
                       const char *block, int line, const char *before,
                       const char *after, json_t *evidence)
{
    json_t *e = json_object();

    if (!e)
        bs_oom();
    json_object_set_new(e, "kind", json_string(kind));
    json_object_set_new(e, "block", json_string(block ? block : ""));
    if (line >= 0)
        json_object_set_new(e, "line", json_integer(line));
    json_object_set_new(e, "before", json_string(before ? before : ""));
    json_object_set_new(e, "after", json_string(after ? after : ""));
    json_object_set_new(e, "evidence", evidence ? evidence : json_object());
    json_array_append_new(log->entries, e);
}

int bs_repair_log_count(const struct bs_repair_log *log, const char *kind)
{
    size_t i;
    json_t *e;
    int n = 0;

    json_array_foreach(log->entries, i, e) {
        const char *k = json_string_value(json_object_get(e, "kind"));
        if (!kind || (k && strcmp(k, kind) == 0))
            n++;
    }
    return n;
}

int bs_repair_log_save(const struct bs_repair_log *log, const char *page_id,
                       const char *path, struct bs_error *err)
{
    json_t *root = json_pack("{s:s, s:i, s:s, s:O}", "format",
                             "broadsheet-repairs", "version", 1, "page",
                             page_id ? page_id : "", "repairs", log->entries);
    int rc;

    if (!root)
        bs_oom();
    rc = bs_json_save_file(root, path, err);
    json_decref(root);
    return rc;
}
