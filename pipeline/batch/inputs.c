/*
 * inputs.c - expanding files, folders, @lists and multi-page TIFFs into
 * jobs, each with its page id (batch.h says the rule).
 *
 * Collecting is linear in the real files: every file, folder and list is
 * visited once by (device, inode) (a symlink DAG, a list that includes
 * itself or a folder given twice add nothing), ids go into hash maps, and
 * nothing that is not a regular file or a folder is ever opened (a FIFO
 * with no writer would block the run before its first page).
 */
#include "batch.h"

#include "../base/base.h"
#include "../formats/formats.h"
#include "../image/image.h"
#include "../model/model.h"
#include "../run/run.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Nesting limit for folders and @lists. */
#define MAX_DEPTH 32

/* A hash map from strings (borrowed) to job indexes. */
struct idmap {
    const char **keys;
    int *job;
    size_t n, cap;
};

/* What collecting needs besides the job list. */
struct collect {
    struct bs_jobs *jobs;
    int from;
    const char *out;
    struct idmap ids;           /* page id -> job */
    struct idmap prefixes;      /* every folder above a page id -> job */
    char **owned;               /* prefix strings the map borrows */
    int nowned, capowned;
    struct bs_inode_set files;  /* images and page folders taken */
    struct bs_inode_set dirs;   /* folders searched */
    struct bs_inode_set lists;  /* @lists read */
    struct bs_inode_set cycles; /* @lists found to include themselves */
    struct {
        dev_t dev;
        ino_t ino;
    } open_lists[MAX_DEPTH + 2]; /* @lists being read (a cycle) */
    int nopen;
    int have_out;
    dev_t out_dev;
    ino_t out_ino;
    char *clash;                /* the first clash, a usage error */
    int nclash;
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

int bs_is_run_file_name(const char *name)
{
    return strcmp(name, BS_METS_NAME) == 0 || bs_is_manifest_name(name);
}

/* ---- the id maps ------------------------------------------------------ */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 14695981039346656037ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static size_t map_slot(const struct idmap *m, const char *key)
{
    size_t i = (size_t)hash_str(key) & (m->cap - 1);
    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* The job holding key, or -1. */
static int map_get(const struct idmap *m, const char *key)
{
    size_t i;

    if (!m->cap)
        return -1;
    i = map_slot(m, key);
    return m->keys[i] ? m->job[i] : -1;
}

static void map_put(struct idmap *m, const char *key, int job)
{
    size_t i;

    if ((m->n + 1) * 2 > m->cap) {
        struct idmap big = {0};
        big.cap = m->cap ? m->cap * 2 : 256;
        big.keys = bs_calloc(big.cap, sizeof(*big.keys));
        big.job = bs_calloc(big.cap, sizeof(*big.job));
        for (size_t k = 0; k < m->cap; k++)
            if (m->keys[k]) {
                size_t s = map_slot(&big, m->keys[k]);
                big.keys[s] = m->keys[k];
                big.job[s] = m->job[k];
            }
        big.n = m->n;
        free(m->keys);
        free(m->job);
        *m = big;
    }
    i = map_slot(m, key);
    if (!m->keys[i])
        m->n++;
    m->keys[i] = key;
    m->job[i] = job;
}

static void map_release(struct idmap *m)
{
    free(m->keys);
    free(m->job);
    memset(m, 0, sizeof(*m));
}

/* ---- jobs --------------------------------------------------------------- */

static struct bs_job *job_add(struct bs_jobs *jobs)
{
    bs_grow((void **)&jobs->v, &jobs->cap, jobs->n + 1, sizeof(*jobs->v));
    return &jobs->v[jobs->n++];
}

static const char *job_name(const struct bs_job *j)
{
    return j->input ? j->input : j->dir ? j->dir : j->id;
}

static void clash(struct collect *c, int other, const char *input,
                  const char *id, const char *how)
{
    if (c->nclash++ == 0)
        c->clash = bs_sprintf("page id \"%s\": %s and %s %s; give the "
                              "folder above them (ids keep the folders "
                              "below the one given) or rename one", id,
                              job_name(&c->jobs->v[other]), input, how);
}

/* Takes `id` (malloc'd) for a new job of `input`, unless it clashes with
 * another page: the same id, or a page folder inside the other's folder
 * ("1912" and "1912/0001" cannot both be pages).  Returns the job or NULL
 * (the clash is recorded; id is freed). */
static struct bs_job *job_with_id(struct collect *c, const char *input,
                                  char *id)
{
    int other = map_get(&c->ids, id);
    struct bs_job *j;
    int idx;

    if (other < 0)
        other = map_get(&c->prefixes, id);
    if (other >= 0) {
        clash(c, other, input, id, strcmp(c->jobs->v[other].id, id) == 0
                                       ? "both map to it"
                                       : "would put one page folder inside "
                                         "the other's");
        free(id);
        return NULL;
    }
    for (char *s = strchr(id, '/'); s; s = strchr(s + 1, '/')) {
        char *prefix = bs_strndup(id, (size_t)(s - id));
        other = map_get(&c->ids, prefix);
        if (other >= 0) {
            clash(c, other, input, prefix, "would put one page folder "
                  "inside the other's");
            free(prefix);
            free(id);
            return NULL;
        }
        if (map_get(&c->prefixes, prefix) >= 0) {
            free(prefix);
            continue;
        }
        bs_grow((void **)&c->owned, &c->capowned, c->nowned + 1,
                sizeof(*c->owned));
        c->owned[c->nowned++] = prefix;
        map_put(&c->prefixes, prefix, c->jobs->n);
    }
    idx = c->jobs->n;
    j = job_add(c->jobs);
    j->id = id;
    map_put(&c->ids, j->id, idx);
    return j;
}

/* A page id's first component may not name a run-level file of OUT
 * (mets.xml, manifest.tsv, manifest-K-of-N.tsv): such a page's folder
 * gets "_" after that component, the same on every run. */
static char *unreserved(char *id)
{
    size_t n = strcspn(id, "/");
    char *first = bs_strndup(id, n), *fixed;

    if (!bs_is_run_file_name(first)) {
        free(first);
        return id;
    }
    fixed = bs_sprintf("%s_%s", first, id + n);
    free(first);
    free(id);
    return fixed;
}

/* An argument that cannot be used becomes a job that already failed.  It
 * has no page folder and takes part in no clash: there is no page. */
static void add_failed(struct collect *c, const char *arg, const char *msg)
{
    struct bs_job *j = job_add(c->jobs);

    j->input = bs_strdup(arg);
    j->id = unreserved(bs_page_id_from_path(arg, -1));
    j->error = bs_strdup(msg);
}

/* An image file: one job, or one per page of a multi-page TIFF.  `rel` is
 * its path below the folder given, or NULL for a file given by name. */
static void add_image(struct collect *c, const char *path, const char *rel)
{
    struct bs_error err;
    struct stat st;
    int npages = 1, bad;

    if (stat(path, &st) != 0) {
        char *msg = bs_sprintf("%s: cannot open: %s", path, strerror(errno));
        add_failed(c, path, msg);
        free(msg);
        return;
    }
    if (!S_ISREG(st.st_mode)) {
        char *msg = bs_sprintf("%s: not a regular file", path);
        add_failed(c, path, msg);
        free(msg);
        return;
    }
    if (!bs_inode_set_add(&c->files, st.st_dev, st.st_ino))
        return; /* the same file by another name: read once */
    bad = bs_image_count_pages(path, &npages, &err) < 0;
    if (bad)
        npages = 1;
    for (int p = 0; p < npages; p++) {
        int sub = !bad && npages > 1 ? p : -1;
        char *id = rel ? bs_page_id_from_rel(rel, sub)
                       : bs_page_id_from_path(path, sub);
        struct bs_job *j = job_with_id(c, path, unreserved(id));
        if (!j)
            continue;
        j->input = bs_strdup(path);
        j->subpage = p;
        j->dir = bs_path_join(c->out, j->id);
        j->error = bad ? bs_strdup(err.msg) : NULL;
    }
}

static void add_arg(struct collect *c, const char *arg, int depth);

static void add_list_file(struct collect *c, const char *path, int depth)
{
    struct bs_error err;
    struct stat st;
    char *data, *save = NULL;
    size_t len;

    /* bs_read_file refuses what is not a regular file: a FIFO is never
     * opened */
    if (bs_read_file(path, 64u << 20, &data, &len, &err) < 0) {
        add_failed(c, path, err.msg);
        return;
    }
    if (stat(path, &st) != 0) {
        free(data);
        return; /* gone since */
    }
    for (int i = 0; i < c->nopen; i++)
        if (c->open_lists[i].dev == st.st_dev &&
            c->open_lists[i].ino == st.st_ino) {
            char *msg = bs_sprintf("@%s: the list includes itself", path);
            if (bs_inode_set_add(&c->cycles, st.st_dev, st.st_ino))
                add_failed(c, path, msg);
            free(msg);
            free(data);
            return;
        }
    if (!bs_inode_set_add(&c->lists, st.st_dev, st.st_ino)) {
        free(data);
        return; /* read already: its pages are in */
    }
    c->open_lists[c->nopen].dev = st.st_dev;
    c->open_lists[c->nopen].ino = st.st_ino;
    c->nopen++;
    for (char *line = strtok_r(data, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        add_arg(c, line, depth + 1);
    }
    c->nopen--;
    free(data);
}

/* ---- re-runs: page folders ---------------------------------------------- */

/* True when `dir` is a page folder (has a load artifact or a stamp): never
 * searched for input images, its images are outputs. */
static int is_page_dir(const char *dir)
{
    char *probe = bs_path_join(dir, "model.load.json");
    int yes = bs_is_file(probe);

    free(probe);
    if (!yes) {
        probe = bs_path_join(dir, BS_STAMP_NAME);
        yes = bs_is_file(probe);
        free(probe);
    }
    return yes;
}


/* A path without trailing slashes; malloc'd. */
static char *trimmed(const char *path)
{
    char *p = bs_strdup(path);
    size_t n = strlen(p);

    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    return p;
}

/* The id of a page folder: the one `load` recorded when the folder sits
 * where that id puts it (DIR ends in /<id>), else its path below the folder
 * given (`rel`), else its own name. */
static char *page_dir_id(const char *dir, const char *rel)
{
    char *path = bs_path_join(dir, "model.load.json");
    struct bs_page *page = NULL;
    char *id = NULL, *d = trimmed(dir);

    if (bs_page_load(path, &page, NULL) == 0 && page->id && page->id[0]) {
        size_t n = strlen(d), k = strlen(page->id);
        if ((n == k && strcmp(d, page->id) == 0) ||
            (n > k && d[n - k - 1] == '/' && strcmp(d + n - k, page->id) == 0))
            id = bs_strdup(page->id);
    }
    bs_page_free(&page);
    free(path);
    if (!id && rel && rel[0])
        id = bs_page_id_from_rel(rel, -1);
    if (!id) {
        const char *slash = strrchr(d, '/');
        id = bs_page_id_from_rel(slash ? slash + 1 : d, -1);
    }
    free(d);
    return id;
}

/* A page folder to re-run: a job, or one that failed when the page never
 * got to the stage before --from. */
static void add_page_dir(struct collect *c, const char *dir, const char *rel)
{
    const char *prev = bs_stage_table[c->from - 1]->name;
    char *model = bs_model_name(prev), *probe = bs_path_join(dir, model);
    struct stat st;
    struct bs_job *j;

    if (stat(dir, &st) == 0 &&
        !bs_inode_set_add(&c->files, st.st_dev, st.st_ino))
        goto out; /* the same folder by another name */
    j = job_with_id(c, dir, page_dir_id(dir, rel));
    if (!j)
        goto out;
    j->dir = trimmed(dir);
    if (!bs_is_file(probe))
        j->error = bs_sprintf("%s: no %s; run stage \"%s\" first", j->dir,
                              model, prev);
out:
    free(probe);
    free(model);
}

struct rerun_walk {
    struct collect *c;
    char *model;        /* the artifact the re-run starts from */
    int found;
};

/* A re-run's page folder: a page folder, or a folder holding the model
 * the re-run starts from (pages made by hand or by another tool). */
static int is_rerun_dir(void *ctx, const char *dir)
{
    const struct rerun_walk *w = ctx;
    char *p = bs_path_join(dir, w->model);
    int yes = bs_is_file(p) || is_page_dir(dir);

    free(p);
    return yes;
}

static void rerun_found(void *ctx, const char *dir, const char *rel)
{
    struct rerun_walk *w = ctx;

    add_page_dir(w->c, dir, rel);
    w->found++;
}

/* Inputs of a re-run (--from STAGE): page folders, or folders holding
 * them at any depth. */
static void add_rerun_arg(struct collect *c, const char *arg)
{
    struct rerun_walk w = {c, NULL, 0};

    w.model = bs_model_name(bs_stage_table[c->from - 1]->name);
    if (!bs_is_dir(arg)) {
        char *msg = bs_sprintf("%s: not a page folder (no %s)", arg, w.model);
        add_failed(c, arg, msg);
        free(msg);
    } else {
        bs_walk_leaf_dirs(arg, is_rerun_dir, rerun_found, &w);
        if (!w.found) {
            char *msg = bs_sprintf("%s: no page folder with %s here (in it "
                                   "or below it)", arg, w.model);
            add_failed(c, arg, msg);
            free(msg);
        }
    }
    free(w.model);
}

/* ---- folders of images ---------------------------------------------------- */

/* Searches a folder for images, recursively, in name order; `root` is the
 * folder given, ids are paths below it.  Skips the output folder, page
 * folders and folders already searched. */
static void add_folder(struct collect *c, const char *dir, const char *root,
                       int depth)
{
    struct stat st;
    struct bs_error err;
    char **names;
    int n;

    if (depth > MAX_DEPTH) {
        add_failed(c, dir, "folders or lists nested too deep");
        return;
    }
    if (stat(dir, &st) != 0)
        return;
    /* OUT inside an input folder: its images are outputs.  (OUT given as
     * the input folder itself is searched; its page folders are not.) */
    if (dir != root && c->have_out && st.st_dev == c->out_dev &&
        st.st_ino == c->out_ino)
        return;
    if (!bs_inode_set_add(&c->dirs, st.st_dev, st.st_ino))
        return; /* searched already, by this name or another */
    if (is_page_dir(dir))
        return;
    if (bs_list_dir(dir, &names, &n, &err) < 0) {
        add_failed(c, dir, err.msg);
        return;
    }
    for (int i = 0; i < n; i++) {
        char *sub = bs_path_join(dir, names[i]);
        struct stat sst;
        if (stat(sub, &sst) == 0 && S_ISDIR(sst.st_mode)) {
            add_folder(c, sub, root, depth + 1);
        } else if (bs_is_image_name(names[i])) {
            size_t skip = strlen(root);
            while (sub[skip] == '/')
                skip++;
            add_image(c, sub, sub + skip);
        }
        free(sub);
    }
    bs_free_names(names, n);
}

static void add_arg(struct collect *c, const char *arg, int depth)
{
    if (depth > MAX_DEPTH) {
        add_failed(c, arg, "folders or lists nested too deep");
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
        /* the folder's own path is not part of the ids: join on it as
         * given, so sub + strlen(root) is the path below it */
        char *root = trimmed(arg);
        add_folder(c, root, root, depth);
        free(root);
        return;
    }
    add_image(c, arg, NULL);
}

/* ---- the run's folder ------------------------------------------------------ */

/* For a re-run, the folder the pages' ids are relative to (their OUT),
 * when all of them share one and it is OUT by the look of it: a folder the
 * command named, or one holding a run's manifest.  NULL otherwise: no
 * run-level file (manifest, METS) is written into a folder that is not a
 * run's. */
static char *rerun_root(const struct bs_jobs *jobs, char **args, int nargs)
{
    char *root = NULL;
    struct stat rs;
    int ok = 0;

    for (int i = 0; i < jobs->n; i++) {
        const char *d = jobs->v[i].dir, *id = jobs->v[i].id;
        size_t n, k;
        char *r;

        if (!d)
            continue;
        n = strlen(d);
        k = strlen(id);
        if (n > k && d[n - k - 1] == '/' && strcmp(d + n - k, id) == 0)
            r = n - k - 1 == 0 ? bs_strdup("/") : bs_strndup(d, n - k - 1);
        else if (n == k && strcmp(d, id) == 0)
            r = bs_strdup(".");
        else
            r = NULL;
        if (!r || (root && strcmp(root, r) != 0)) {
            free(r);
            free(root);
            return NULL;
        }
        if (!root)
            root = r;
        else
            free(r);
    }
    if (!root || stat(root, &rs) != 0) {
        free(root);
        return NULL;
    }
    for (int i = 0; i < nargs && !ok; i++) {
        struct stat as;
        const char *a = args[i][0] == '@' ? NULL : args[i];
        ok = a && stat(a, &as) == 0 && as.st_dev == rs.st_dev &&
             as.st_ino == rs.st_ino;
    }
    if (!ok) {
        char **names;
        int nn;
        if (bs_list_dir(root, &names, &nn, NULL) == 0) {
            for (int i = 0; i < nn && !ok; i++)
                ok = bs_is_manifest_name(names[i]);
            bs_free_names(names, nn);
        }
    }
    if (!ok) {
        free(root);
        return NULL;
    }
    return root;
}

int bs_jobs_collect(char **args, int nargs, int from_stage, const char *out,
                    struct bs_jobs *jobs, struct bs_error *err)
{
    struct collect c;
    struct stat st;
    int rc = 0;

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
    if (c.clash) {
        rc = c.nclash > 1 ? bs_fail(err, "%s (and %d more clashes)", c.clash,
                                    c.nclash - 1)
                          : bs_fail(err, "%s", c.clash);
        bs_jobs_release(jobs);
    } else {
        jobs->root = from_stage == 0 ? bs_strdup(out)
                                     : rerun_root(jobs, args, nargs);
    }
    free(c.clash);
    map_release(&c.ids);
    map_release(&c.prefixes);
    for (int i = 0; i < c.nowned; i++)
        free(c.owned[i]);
    free(c.owned);
    bs_inode_set_release(&c.files);
    bs_inode_set_release(&c.dirs);
    bs_inode_set_release(&c.lists);
    bs_inode_set_release(&c.cycles);
    return rc;
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
    free(jobs->root);
    memset(jobs, 0, sizeof(*jobs));
}
