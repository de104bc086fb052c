/*
 * cmd_status.c - `broadsheet status OUT [INPUT...] [--json]`: how far a
 * batch has got, across runs and shards.
 *
 * A page is done when its folder has a valid stamp (done.json); failed when
 * it has none and its last manifest line (any manifest*.tsv in OUT) says
 * failed; pending when it has neither but is known: it appears in a
 * manifest, has a page folder, or is one of the INPUTs (the same arguments
 * given to `run`, so pages no run has reached yet are counted).  Exit code:
 * 0 when every known page is done, 1 otherwise, 2 on a usage error.
 *
 * --worst N lists the N done pages with the lowest mean word confidence
 * (the manifest's, else articles.json's): triage without ground truth, a
 * page read in the wrong language stands out.
 */
#include "cli.h"

#include "../base/base.h"
#include "../batch/batch.h"
#include "../model/model.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Pending pages listed in text output; --json lists all. */
#define SHOW_PENDING 10

enum { ST_PENDING, ST_FAILED, ST_DONE };
static const char *const state_names[] = {"pending", "failed", "done"};

struct page_state {
    char *id;
    int state;
    char *reason;       /* last failure reason from a manifest */
    double conf;        /* mean word confidence, -1 unknown */
};

struct status {
    struct page_state *v;
    int n, cap;
    json_t *index;      /* id -> position in v */
};

static struct page_state *get(struct status *s, const char *id)
{
    json_t *pos = json_object_get(s->index, id);

    if (pos)
        return &s->v[json_integer_value(pos)];
    bs_grow((void **)&s->v, &s->cap, s->n + 1, sizeof(*s->v));
    s->v[s->n].id = bs_strdup(id);
    s->v[s->n].state = ST_PENDING;
    s->v[s->n].conf = -1;
    json_object_set_new(s->index, id, json_integer(s->n));
    return &s->v[s->n++];
}

static void on_manifest_line(void *ctx, const struct bs_manifest_line *l)
{
    struct page_state *p = get(ctx, l->id);

    /* The last line for an id wins; the stamp decides "done" later. */
    free(p->reason);
    p->reason = NULL;
    if (strcmp(l->status, "failed") == 0) {
        p->state = ST_FAILED;
        p->reason = bs_strdup(l->reason);
        p->conf = -1;
    } else {
        p->state = ST_PENDING;
        if (l->confidence >= 0)
            p->conf = l->confidence;
    }
}

static int is_page_folder(void *ctx, const char *dir)
{
    char *load = bs_path_join(dir, "model.load.json");
    char *stamp = bs_path_join(dir, BS_STAMP_NAME);
    int yes = bs_is_file(load) || bs_is_file(stamp);

    (void)ctx;
    free(stamp);
    free(load);
    return yes;
}

static void page_found(void *ctx, const char *dir, const char *rel)
{
    struct bs_stamp st;
    struct page_state *p;

    if (!rel[0])
        return; /* OUT itself is no page */
    p = get(ctx, rel);
    if (bs_stamp_read(dir, &st, NULL) == 0)
        p->state = ST_DONE;
    if (p->state == ST_DONE && p->conf < 0) {
        /* no manifest line says it: the page's own articles.json */
        char *aj = bs_path_join(dir, "articles.json");
        json_t *root = NULL, *c;
        if (bs_is_file(aj) &&
            bs_json_load_file(aj, BS_MODEL_MAX_BYTES, &root, NULL) == 0) {
            c = json_object_get(json_object_get(root, "page"), "confidence");
            if (json_is_number(c) && json_number_value(c) >= 0)
                p->conf = json_number_value(c);
        }
        json_decref(root);
        free(aj);
    }
}

/* Reads OUT: manifests first (in name order), then page folders at any
 * depth (a page id is the folder's path below OUT). */
static int scan_out(struct status *s, const char *out, struct bs_error *err)
{
    char **names;
    int n, rc = 0;

    if (bs_list_dir(out, &names, &n, err) < 0)
        return -1;
    for (int i = 0; i < n && rc == 0; i++) {
        if (bs_is_manifest_name(names[i])) {
            char *path = bs_path_join(out, names[i]);
            rc = bs_manifest_read(path, on_manifest_line, s, err);
            free(path);
        }
    }
    bs_free_names(names, n);
    if (rc == 0)
        bs_walk_leaf_dirs(out, is_page_folder, page_found, s);
    return rc;
}

static int cmp_conf(const void *a, const void *b)
{
    const struct page_state *x = *(const struct page_state *const *)a;
    const struct page_state *y = *(const struct page_state *const *)b;

    if (x->conf != y->conf)
        return x->conf < y->conf ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* The done pages of known confidence, least confident first; *n of them.
 * The array is malloc'd, the pages borrowed. */
static struct page_state **worst_pages(const struct status *s, int *n)
{
    struct page_state **v = bs_calloc((size_t)s->n + 1, sizeof(*v));

    *n = 0;
    for (int i = 0; i < s->n; i++)
        if (s->v[i].state == ST_DONE && s->v[i].conf >= 0)
            v[(*n)++] = &s->v[i];
    if (*n > 1)
        qsort(v, (size_t)*n, sizeof(*v), cmp_conf);
    return v;
}

static void print_worst(const struct status *s, int worst)
{
    int n;
    struct page_state **v = worst_pages(s, &n);

    printf("least confident pages (mean word confidence):\n");
    for (int i = 0; i < n && i < worst; i++)
        printf("  %5.1f  %s\n", v[i]->conf, v[i]->id);
    if (n == 0)
        printf("  (no done page has a confidence)\n");
    free(v);
}

static void print_text(const struct status *s, const char *out,
                       const int count[3])
{
    int shown = 0;

    printf("%s: %d page%s: %d done, %d failed, %d pending\n", out, s->n,
           s->n == 1 ? "" : "s", count[ST_DONE], count[ST_FAILED],
           count[ST_PENDING]);
    if (count[ST_FAILED]) {
        printf("failed:\n");
        for (int i = 0; i < s->n; i++)
            if (s->v[i].state == ST_FAILED)
                printf("  %s\t%s\n", s->v[i].id,
                       s->v[i].reason ? s->v[i].reason : "-");
    }
    if (count[ST_PENDING]) {
        printf("pending:\n");
        for (int i = 0; i < s->n && shown < SHOW_PENDING; i++)
            if (s->v[i].state == ST_PENDING) {
                printf("  %s\n", s->v[i].id);
                shown++;
            }
        if (count[ST_PENDING] > shown)
            printf("  ... and %d more (--json lists all)\n",
                   count[ST_PENDING] - shown);
    }
}

static void print_json(const struct status *s, const char *out,
                       const int count[3], int worst)
{
    json_t *root = json_object(), *pages = json_array();
    char *text;

    for (int i = 0; i < s->n; i++) {
        json_t *p = json_pack("{s:s, s:s}", "id", s->v[i].id, "status",
                              state_names[s->v[i].state]);
        if (s->v[i].conf >= 0)
            json_object_set_new(p, "confidence", json_real(s->v[i].conf));
        if (s->v[i].state == ST_FAILED && s->v[i].reason)
            json_object_set_new(p, "reason", json_string(s->v[i].reason));
        json_array_append_new(pages, p);
    }
    json_object_set_new(root, "format", json_string("broadsheet-status"));
    json_object_set_new(root, "version", json_integer(1));
    json_object_set_new(root, "out", json_string(out));
    json_object_set_new(root, "total", json_integer(s->n));
    json_object_set_new(root, "done", json_integer(count[ST_DONE]));
    json_object_set_new(root, "failed", json_integer(count[ST_FAILED]));
    json_object_set_new(root, "pending", json_integer(count[ST_PENDING]));
    json_object_set_new(root, "pages", pages);
    if (worst > 0) {
        int n;
        struct page_state **v = worst_pages(s, &n);
        json_t *list = json_array();
        for (int i = 0; i < n && i < worst; i++)
            json_array_append_new(list, json_pack("{s:s, s:f}", "id", v[i]->id,
                                                  "confidence", v[i]->conf));
        json_object_set_new(root, "worst", list);
        free(v);
    }
    text = json_dumps(root, JSON_INDENT(1));
    if (!text)
        bs_oom();
    printf("%s\n", text);
    free(text);
    json_decref(root);
}

static int cmp_state(const void *a, const void *b)
{
    return strcmp(((const struct page_state *)a)->id,
                  ((const struct page_state *)b)->id);
}

int bs_cmd_status(int argc, char **argv)
{
    struct status s;
    struct bs_error err;
    const char *out = NULL;
    char **inputs = bs_calloc((size_t)argc + 1, sizeof(*inputs));
    int ninputs = 0, json = 0, rc = BS_EXIT_USAGE, count[3] = {0}, worst = 0;

    memset(&s, 0, sizeof(s));
    s.index = json_object();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            json = 1;
        } else if (strcmp(argv[i], "--worst") == 0) {
            char *end = NULL;
            long v = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
            if (i + 1 >= argc || end == argv[i + 1] || *end || v < 1 ||
                v > 1000000) {
                fprintf(stderr, "broadsheet status: --worst wants a number of "
                        "pages (1 or more)\n");
                goto out;
            }
            worst = (int)v;
            i++;
        } else if (strcmp(argv[i], "--help") == 0) {
            printf("usage: broadsheet status OUT [IMAGE|FOLDER|@LIST...] "
                   "[--json] [--worst N]\n\nCounts the pages of a batch in OUT "
                   "that are done (stamped), failed (last manifest\nline) and "
                   "pending; give the run's inputs to count pages not reached "
                   "yet.\n  --json     the counts and every page as JSON\n"
                   "  --worst N  the N done pages with the lowest mean word "
                   "confidence\nExit code 0 when every page is done.\n");
            rc = BS_EXIT_OK;
            goto out;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "broadsheet status: unknown option \"%s\"\n",
                    argv[i]);
            goto out;
        } else if (!out) {
            out = argv[i];
        } else {
            inputs[ninputs++] = argv[i];
        }
    }
    if (!out) {
        fprintf(stderr, "broadsheet status: no output folder given\n");
        goto out;
    }
    if (!bs_is_dir(out)) {
        fprintf(stderr, "broadsheet status: %s: not a folder\n", out);
        goto out;
    }
    if (ninputs > 0) {
        struct bs_jobs jobs;
        if (bs_jobs_collect(inputs, ninputs, 0, out, &jobs, &err) < 0) {
            fprintf(stderr, "broadsheet status: %s\n", err.msg);
            goto out;
        }
        for (int i = 0; i < jobs.n; i++)
            get(&s, jobs.v[i].id);
        bs_jobs_release(&jobs);
    }
    if (scan_out(&s, out, &err) < 0) {
        fprintf(stderr, "broadsheet status: %s\n", err.msg);
        goto out;
    }
    if (s.n > 1)
        qsort(s.v, (size_t)s.n, sizeof(*s.v), cmp_state);
    for (int i = 0; i < s.n; i++)
        count[s.v[i].state]++;
    if (json) {
        print_json(&s, out, count, worst);
    } else {
        print_text(&s, out, count);
        if (worst > 0)
            print_worst(&s, worst);
    }
    rc = count[ST_DONE] == s.n ? BS_EXIT_OK : BS_EXIT_FAILED;
out:
    for (int i = 0; i < s.n; i++) {
        free(s.v[i].id);
        free(s.v[i].reason);
    }
    free(s.v);
    json_decref(s.index);
    free(inputs);
    return rc;
}
