/*
 * inputs.c - expanding files, folders, @lists and multi-page TIFFs into jobs.
 */
#include "batch.h"

#include "../base/base.h"
#include "../image/image.h"
#include "../run/run.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Nesting limit for folders and @lists: a symlink loop must not hang us. */
#define MAX_DEPTH 32

/* What collecting needs besides the job list: the ids taken so far (an
 * open-addressing hash set, so 100 000 pages stay fast), the output
 * folder (never searched for inputs) and the folders being searched (a
 * symlink back to one of them is a loop). */
struct collect {
    struct bs_jobs *jobs;
    int from;
    const char *out;
    char **ids;                 /* hash set of borrowed job ids */
    size_t nids, capids;
    int have_out;
    dev_t out_dev;
    ino_t out_ino;
    struct {
        dev_t dev;
        ino_t ino;
    } path[MAX_DEPTH + 2];
    int npath;
};

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

static uint64_t hash_str(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/* The slot of `id` in the set: where it is, or the empty one to use. */
static size_t id_slot(const struct collect *c, const char *id)
{
    size_t i = (size_t)hash_str(id) & (c->capids - 1);
    while (c->ids[i] && strcmp(c->ids[i], id) != 0)
        i = (i + 1) & (c->capids - 1);
    return i;
}

static void id_insert(struct collect *c, char *id)
{
    if ((c->nids + 1) * 2 > c->capids) {
        char **old = c->ids;
        size_t oldcap = c->capids;
        c->capids = oldcap ? oldcap * 2 : 256;
        c->ids = bs_calloc(c->capids, sizeof(*c->ids));
        for (size_t i = 0; i < oldcap; i++)
            if (old[i])
                c->ids[id_slot(c, old[i])] = old[i];
        free(old);
    }
    c->ids[id_slot(c, id)] = id;
    c->nids++;
}

static int id_taken(const struct collect *c, const char *id)
{
    return c->capids && c->ids[id_slot(c, id)] != NULL;
}

/* Makes id unique among the jobs so far ("x", "x-2", "x-3"...).  The id is
 * owned by the job `j` the caller stores it in; the set borrows it. */
static char *unique_id(struct collect *c, const char *base)
{
    char *id = bs_strdup(base);
    int k = 1;

    while (id_taken(c, id)) {
        free(id);
        id = bs_sprintf("%s-%d", base, ++k);
    }
    id_insert(c, id);
    return id;
}

static void add_image(struct collect *c, const char *path)
{
    struct bs_jobs *jobs = c->jobs;
    const char *out = c->out;
    struct bs_error err;
    int npages = 1;

    if (bs_image_count_pages(path, &npages, &err) < 0) {
        char *base = bs_page_id_from_path(path, -1);
        struct bs_job *j;
        char *id = unique_id(c, base);
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
        char *id = unique_id(c, base);
        struct bs_job *j = job_add(jobs);
        j->input = bs_strdup(path);
        j->subpage = p;
        j->id = id;
        j->dir = bs_path_join(out, id);
        free(base);
    }
}


static void add_arg(struct collect *c, const char *arg, int depth);

/* An argument that cannot be used becomes a job that already failed.  Its
 * folder (when there is an output folder) is where its page would be. */
static void add_failed(struct collect *c, const char *arg, int with_dir,
                       const char *msg)
{
    char *base = bs_page_id_from_path(arg, -1);
    char *id = unique_id(c, base);
    struct bs_job *j = job_add(c->jobs);

    j->input = bs_strdup(arg);
    j->id = id;
    j->dir = with_dir && c->out ? bs_path_join(c->out, id) : NULL;
    j->error = bs_strdup(msg);
    free(base);
}

static void add_list_file(struct collect *c, const char *path, int depth)
{
    struct bs_error err;
    char *data, *save = NULL;
    size_t len;

    if (bs_read_file(path, 64u << 20, &data, &len, &err) < 0) {
        add_failed(c, path, 1, err.msg);
        return;
    }
    for (char *line = strtok_r(data, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        add_arg(c, line, depth + 1);
    }
    free(data);
}

/* A page folder to resume: its id is its own name.  With msg, a page
 * folder that cannot be resumed (a job that already failed). */
static void add_page_dir_msg(struct collect *c, const char *dir,
                             const char *msg)
{
    struct bs_jobs *jobs = c->jobs;
    char *copy = bs_strdup(dir);
    size_t n = strlen(copy);
    const char *base;
    struct bs_job *j;

    while (n > 1 && copy[n - 1] == '/')
        copy[--n] = '\0';
    base = strrchr(copy, '/');
    j = job_add(jobs);
    j->dir = bs_strdup(copy);
    j->id = unique_id(c, base ? base + 1 : copy);
    j->error = msg ? bs_strdup(msg) : NULL;
    free(copy);
}

static void add_page_dir(struct collect *c, const char *dir)
{
    add_page_dir_msg(c, dir, NULL);
}

/* True when `dir` is a page folder (has a load artifact): never searched
 * for input images, its images are outputs. */
static int is_page_dir(const char *dir)
{
    char *probe = bs_path_join(dir, "model.load.json");
    int yes = bs_is_file(probe);

    free(probe);
    return yes;
}

/* Inputs of a re-run (--from STAGE): page folders, or folders of them. */
static void add_rerun_arg(struct collect *c, const char *arg)
{
    const char *prev = bs_stage_table[c->from - 1]->name;
    char *model = bs_model_name(prev);
    char *probe = bs_path_join(arg, model);
    struct bs_error err;

    if (bs_is_file(probe)) {
        add_page_dir(c, arg);
    } else if (is_page_dir(arg)) {
        char *msg = bs_sprintf("%s: no %s; run stage \"%s\" first", arg,
                               model, prev);
        add_page_dir_msg(c, arg, msg);
        free(msg);
    } else if (bs_is_dir(arg)) {
        int n, found = 0;
        char **names;
        if (bs_list_dir(arg, &names, &n, &err) < 0) {
            add_failed(c, arg, 0, err.msg);
            free(probe);
            free(model);
            return;
        }
        for (int i = 0; i < n; i++) {
            char *sub = bs_path_join(arg, names[i]);
            char *p2 = bs_path_join(sub, model);
            if (bs_is_file(p2)) {
                add_page_dir(c, sub);
                found++;
            } else if (is_page_dir(sub)) {
                /* A page that stopped before this stage (it failed): say
                 * so rather than leave it out silently. */
                char *msg = bs_sprintf("%s: no %s; run stage \"%s\" first",
                                       sub, model, prev);
                add_page_dir_msg(c, sub, msg);
                free(msg);
                found++;
            }
            free(p2);
            free(sub);
        }
        bs_free_names(names, n);
        if (!found) {
            char *msg = bs_sprintf("%s: no page folder with %s here", arg,
                                   model);
            add_failed(c, arg, 0, msg);
            free(msg);
        }
    } else {
        char *msg = bs_sprintf("%s: not a page folder (no %s)", arg, model);
        add_failed(c, arg, 0, msg);
        free(msg);
    }
    free(probe);
    free(model);
}

/* Searches a folder for images, recursively, in name order.  Skips the
 * output folder, page folders and symlinks back to a folder being searched.
 */
static void add_folder(struct collect *c, const char *dir, int depth)
{
    struct stat st;
    struct bs_error err;
    char **names;
    int n;

    if (stat(dir, &st) != 0)
        return;
    /* OUT inside an input folder: its images are outputs.  (OUT given as
     * the input folder itself is searched; its page folders are not.) */
    if (depth > 0 && c->have_out && st.st_dev == c->out_dev &&
        st.st_ino == c->out_ino)
        return;
    for (int i = 0; i < c->npath; i++)
        if (c->path[i].dev == st.st_dev && c->path[i].ino == st.st_ino)
            return; /* a symlink loop */
    if (is_page_dir(dir))
        return;
    if (bs_list_dir(dir, &names, &n, &err) < 0) {
        add_failed(c, dir, 1, err.msg);
        return;
    }
    c->path[c->npath].dev = st.st_dev;
    c->path[c->npath].ino = st.st_ino;
    c->npath++;
    for (int i = 0; i < n; i++) {
        char *sub = bs_path_join(dir, names[i]);
        if (bs_is_dir(sub))
            add_arg(c, sub, depth + 1);
        else if (bs_is_image_name(names[i]))
            add_image(c, sub);
        free(sub);
    }
    c->npath--;
    bs_free_names(names, n);
}

static void add_arg(struct collect *c, const char *arg, int depth)
{
    if (depth > MAX_DEPTH) {
        add_failed(c, arg, 1, "folders or lists nested too deep");
        return;
    }
    if (arg[0] == '@') {
        add_list_file(c, arg + 1, depth);
        return;
    }
    if (c->from > 0) {
        add_rerun_arg(c, arg);
        return;
    }
    if (bs_is_dir(arg)) {
        add_folder(c, arg, depth);
        return;
    }
    add_image(c, arg);
}

int bs_jobs_collect(char **args, int nargs, int from_stage, const char *out,
                    struct bs_jobs *jobs, struct bs_error *err)
{
    struct collect c;
    struct stat st;

    memset(jobs, 0, sizeof(*jobs));
    if (nargs == 0)
        return bs_fail(err, "no input given");
    if (from_stage == 0 && !out)
        return bs_fail(err, "no output folder given (-o OUT)");
    memset(&c, 0, sizeof(c));
    c.jobs = jobs;
    c.from = from_stage;
    c.out = from_stage == 0 ? out : NULL;
    if (c.out && stat(c.out, &st) == 0) {
        c.have_out = 1;
        c.out_dev = st.st_dev;
        c.out_ino = st.st_ino;
    }
    for (int i = 0; i < nargs; i++)
        add_arg(&c, args[i], 0);
    free(c.ids);
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
