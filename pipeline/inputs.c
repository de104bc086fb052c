/*
 * inputs.c - expanding files, folders, @lists and multi-page TIFFs into jobs.
 */
#include "inputs.h"

#include "fsutil.h"
#include "image.h"
#include "stage.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Nesting limit for folders and @lists: a symlink loop must not hang us. */
#define MAX_DEPTH 32

int bs_is_image_name(const char *name)
{
    static const char *const exts[] = {".png", ".tif", ".tiff", ".jpg",
                                       ".jpeg", ".jp2", ".bmp", ".pnm",
                                       ".pgm", ".ppm", ".pbm", ".gif",
                                       ".webp"};
    const char *dot = strrchr(name, '.');

    if (!dot)
        return 0;
    for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
        if (strcasecmp(dot, exts[i]) == 0)
            return 1;
    return 0;
}

static struct bs_job *job_add(struct bs_jobs *jobs)
{
    bs_grow((void **)&jobs->v, &jobs->cap, jobs->n + 1, sizeof(*jobs->v));
    return &jobs->v[jobs->n++];
}

/* Makes id unique among the jobs so far ("x", "x-2", "x-3"...). */
static char *unique_id(struct bs_jobs *jobs, const char *base)
{
    char *id = bs_strdup(base);
    int k = 1;

    for (;;) {
        int clash = 0;
        for (int i = 0; i < jobs->n && !clash; i++)
            if (jobs->v[i].id && strcmp(jobs->v[i].id, id) == 0)
                clash = 1;
        if (!clash)
            return id;
        free(id);
        id = bs_sprintf("%s-%d", base, ++k);
    }
}

static void add_image(struct bs_jobs *jobs, const char *path, const char *out)
{
    struct bs_error err;
    int npages = 1;

    if (bs_image_count_pages(path, &npages, &err) < 0) {
        char *base = bs_page_id_from_path(path, -1);
        struct bs_job *j;
        char *id = unique_id(jobs, base);
        j = job_add(jobs);
        j->input = bs_strdup(path);
        j->id = id;
        j->dir = bs_path_join(out, id);
        j->error = bs_strdup(err.msg);
        free(base);
        return;
    }
    for (int p = 0; p < npages; p++) {
        char *base = bs_page_id_from_path(path, npages > 1 ? p : -1);
        char *id = unique_id(jobs, base);
        struct bs_job *j = job_add(jobs);
        j->input = bs_strdup(path);
        j->subpage = p;
        j->id = id;
        j->dir = bs_path_join(out, id);
        free(base);
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted entries of a folder (stable order: a batch is reproducible). */
static char **list_dir(const char *dir, int *count)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    int n = 0, cap = 0;

    *count = 0;
    if (!d)
        return NULL;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        bs_grow((void **)&names, &cap, n + 1, sizeof(*names));
        names[n++] = bs_strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof(*names), cmp_str);
    *count = n;
    return names;
}

static void free_list(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

static void add_arg(struct bs_jobs *jobs, const char *arg, int from,
                    const char *out, int depth);

static void add_failed(struct bs_jobs *jobs, const char *arg, const char *out,
                       const char *msg)
{
    char *base = bs_page_id_from_path(arg, -1);
    char *id = unique_id(jobs, base);
    struct bs_job *j = job_add(jobs);

    j->input = bs_strdup(arg);
    j->id = id;
    j->dir = out ? bs_path_join(out, id) : NULL;
    j->error = bs_strdup(msg);
    free(base);
}

static void add_list_file(struct bs_jobs *jobs, const char *path, int from,
                          const char *out, int depth)
{
    struct bs_error err;
    char *data, *save = NULL;
    size_t len;

    if (bs_read_file(path, 64u << 20, &data, &len, &err) < 0) {
        add_failed(jobs, path, out, err.msg);
        return;
    }
    for (char *line = strtok_r(data, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        add_arg(jobs, line, from, out, depth + 1);
    }
    free(data);
}

/* A page folder to resume: its id is its own name. */
static void add_page_dir(struct bs_jobs *jobs, const char *dir)
{
    char *copy = bs_strdup(dir);
    size_t n = strlen(copy);
    const char *base;
    struct bs_job *j;

    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    base = strrchr(copy, '/');
    j = job_add(jobs);
    j->dir = bs_strdup(copy);
    j->id = bs_strdup(base ? base + 1 : copy);
    free(copy);
}

static void add_arg(struct bs_jobs *jobs, const char *arg, int from,
                    const char *out, int depth)
{
    if (depth > MAX_DEPTH) {
        add_failed(jobs, arg, out, "folders or lists nested too deep");
        return;
    }
    if (arg[0] == '@') {
        add_list_file(jobs, arg + 1, from, out, depth);
        return;
    }
    if (from > 0) {
        char *model = bs_model_name(bs_stage_table[from - 1]->name);
        char *probe = bs_path_join(arg, model);
        if (bs_is_file(probe)) {
            add_page_dir(jobs, arg);
        } else if (bs_is_dir(arg)) {
            int n, found = 0;
            char **names = list_dir(arg, &n);
            for (int i = 0; i < n; i++) {
                char *sub = bs_path_join(arg, names[i]);
                char *p2 = bs_path_join(sub, model);
                if (bs_is_file(p2)) {
                    add_page_dir(jobs, sub);
                    found++;
                }
                free(p2);
                free(sub);
            }
            free_list(names, n);
            if (!found) {
                char *msg = bs_sprintf("%s: no page folder with %s here", arg,
                                       model);
                add_failed(jobs, arg, NULL, msg);
                free(msg);
            }
        } else {
            char *msg = bs_sprintf("%s: not a page folder (no %s)", arg, model);
            add_failed(jobs, arg, NULL, msg);
            free(msg);
        }
        free(probe);
        free(model);
        return;
    }
    if (bs_is_dir(arg)) {
        int n;
        char **names = list_dir(arg, &n);
        for (int i = 0; i < n; i++) {
            char *sub = bs_path_join(arg, names[i]);
            if (bs_is_dir(sub) || bs_is_image_name(names[i]))
                add_arg(jobs, sub, from, out, depth + 1);
            free(sub);
        }
        free_list(names, n);
        return;
    }
    add_image(jobs, arg, out);
}

int bs_jobs_collect(char **args, int nargs, int from_stage, const char *out,
                    struct bs_jobs *jobs, struct bs_error *err)
{
    memset(jobs, 0, sizeof(*jobs));
    if (nargs == 0)
        return bs_fail(err, "no input given");
    if (from_stage == 0 && !out)
        return bs_fail(err, "no output folder given (-o OUT)");
    for (int i = 0; i < nargs; i++)
        add_arg(jobs, args[i], from_stage, out, 0);
    return 0;
}

void bs_jobs_release(struct bs_jobs *jobs)
{
    for (int i = 0; i < jobs->n; i++) {
        free(jobs->v[i].input);
        free(jobs->v[i].id);
        free(jobs->v[i].dir);
        free(jobs->v[i].error);
    }
    free(jobs->v);
    memset(jobs, 0, sizeof(*jobs));
}
