/*
 * batch_page.c - one page of a batch, inside a worker: the resume check,
 * the stamp, the stages.
 *
 * The worker holds the page folder's lock throughout (base.h), so no other
 * run touches the folder meanwhile.  Order matters for crash safety: stale
 * temp files go first, then the old stamp, then the stages write their
 * outputs (each atomically), and the new stamp goes last.  A kill at any
 * point leaves a page either stamped and complete or unstamped (redone by
 * the next run), and the kernel drops the lock.
 */
#include "batch_state.h"

#include "temps.h"
#include "../base/base.h"
#include "../model/model.h"
#include "../run/run.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef BS_VERSION
#define BS_VERSION "0.1.0"
#endif

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The last input this worker hashed: the pages of a multi-page TIFF come
 * one after another, and hashing the whole file for each of 2000 pages
 * made a batch quadratic in its pages.  Keyed by the file's identity and
 * modification, so a file replaced between two pages is hashed again. */
static struct {
    char *path;
    dev_t dev;
    ino_t ino;
    off_t size;
    struct timespec mtime;
    char sum[65];
} last_hash;

static int input_checksum(const char *path, char out[65],
                          struct bs_error *err)
{
    struct stat st;

    if (stat(path, &st) != 0)
        return bs_fail(err, "%s: cannot open: %s", path, strerror(errno));
    if (last_hash.path && strcmp(last_hash.path, path) == 0 &&
        last_hash.dev == st.st_dev && last_hash.ino == st.st_ino &&
        last_hash.size == st.st_size &&
        last_hash.mtime.tv_sec == st.st_mtim.tv_sec &&
        last_hash.mtime.tv_nsec == st.st_mtim.tv_nsec) {
        memcpy(out, last_hash.sum, 65);
        return 0;
    }
    if (bs_sha256_file(path, out, err) < 0)
        return -1;
    free(last_hash.path);
    last_hash.path = bs_strdup(path);
    last_hash.dev = st.st_dev;
    last_hash.ino = st.st_ino;
    last_hash.size = st.st_size;
    last_hash.mtime = st.st_mtim;
    memcpy(last_hash.sum, out, 65);
    return 0;
}

/* The checksum of what the page was made from: the input image, or on a
 * re-run the checksum recorded by `load`.  "" when unknown. */
static void page_checksum(const struct bs_job *job, char out[65])
{
    struct bs_error err;

    out[0] = '\0';
    if (job->input) {
        if (input_checksum(job->input, out, &err) < 0)
            out[0] = '\0';
    } else {
        char *path = bs_path_join(job->dir, "model.load.json");
        struct bs_page *page = NULL;
        if (bs_page_load(path, &page, &err) == 0 && page->checksum &&
            strlen(page->checksum) == 64)
            memcpy(out, page->checksum, 65);
        bs_page_free(&page);
        free(path);
    }
}

/* Takes the page folder's lock (base.h), making the folder first on a run
 * from images.  A page folder that is a symbolic link is refused there: it
 * could lead the outputs out of OUT.  When another run holds the lock the
 * worker says so and waits: that run is writing the page, and once it is
 * done the stamp tells whether there is anything left to do. */
static int lock_page(const struct bs_batch *b, const struct bs_job *job,
                     struct bs_lock *lock, struct bs_error *err)
{
    int rc;

    if (b->cli->from == 0 && b->cli->out) {
        /* every folder from OUT down to the page's own (a page id may be
         * a path: "1912-01-01/0001") */
        for (const char *p = job->id; *p;) {
            const char *slash = strchr(p, '/');
            size_t n = slash ? (size_t)(slash - job->id) : strlen(job->id);
            char *sub = bs_sprintf("%s/%.*s", b->cli->out, (int)n, job->id);
            struct stat st;
            int link = lstat(sub, &st) == 0 && S_ISLNK(st.st_mode);
            free(sub);
            if (link)
                return bs_fail(err, "%s: the page folder (or one above it in "
                               "OUT) is a symbolic link; broadsheet writes "
                               "only inside OUT", job->dir);
            p = slash ? slash + 1 : job->id + n;
        }
        if (bs_mkdir_p(job->dir, err) < 0)
            return -1;
    }
    rc = bs_lock_take(lock, job->dir, 0, err);
    if (rc == 1) {
        fprintf(stderr, "broadsheet: %s: another broadsheet run is working "
                "on this page; waiting for it\n", job->id);
        rc = bs_lock_take(lock, job->dir, 1, err);
    }
    return rc < 0 ? -1 : 0;
}

/* Fault injection for the tests of failure isolation: with
 * BS_TEST_FAULT=crash:ID or hang:ID in the environment, the worker doing
 * page ID crashes (SIGSEGV) or hangs, as Tesseract might on a bad page. */
static void test_fault(const char *id)
{
    const char *f = getenv("BS_TEST_FAULT");

    if (!f)
        return;
    if (strncmp(f, "crash:", 6) == 0 && strcmp(f + 6, id) == 0) {
        signal(SIGSEGV, SIG_DFL); /* past a sanitizer's handler */
        raise(SIGSEGV);
    }
    if (strncmp(f, "hang:", 5) == 0 && strcmp(f + 5, id) == 0)
        for (;;)
            pause();
}

/* The settings hash a page's stamp carries: of what each stage from load
 * through `through` was (or will be) made with, the recorded settings for
 * stages before `from`, this run's from `from` on.  Fills words[] (owned
 * by m or borrowed from `now`). */
static void stage_settings(const struct bs_made_with *m, int from, int through,
                           const char *now, char *words[BS_STAGE_MAX],
                           char out[65])
{
    char *text = bs_strdup("");

    for (int i = 0; i <= through && i < BS_STAGE_MAX; i++) {
        char *o;
        words[i] = i >= from ? bs_stage_words(now, i)
                             : bs_strdup(m->words[i] ? m->words[i] : "");
        o = bs_sprintf("%s%s=%s\n", text, bs_stage_table[i]->name, words[i]);
        free(text);
        text = o;
    }
    bs_sha256_hex(text, strlen(text), out);
    free(text);
}

/* Why a page that is not up to date is redone, in words, into note ("" for
 * a page never run here). */
static void redo_reason(const struct bs_stamp *have, int have_ok,
                        const struct bs_stamp *want,
                        const struct bs_made_with *m, int from, int through,
                        char *const words[BS_STAGE_MAX], int force,
                        char *note, size_t size)
{
    note[0] = '\0';
    if (force) {
        if (have_ok)
            snprintf(note, size, "redone (--force)");
        return;
    }
    if (have_ok && strcmp(have->broadsheet, want->broadsheet) != 0) {
        snprintf(note, size, "redone: made by broadsheet %s", have->broadsheet);
        return;
    }
    if (have_ok && (strcmp(have->checksum, want->checksum) != 0 ||
                    have->subpage != want->subpage)) {
        snprintf(note, size, "redone: the input changed since it was made");
        return;
    }
    /* the first stage whose record differs from what this run gives it */
    for (int i = 0; i <= through; i++) {
        char *diff;
        if (!m->words[i] || strcmp(m->words[i], words[i]) == 0)
            continue;
        diff = bs_settings_diff(m->words[i], words[i]);
        snprintf(note, size, "redone%s%s: %s was made with other settings "
                 "(%s)%s", i >= from && from > 0 ? " from " : "",
                 i >= from && from > 0 ? bs_stage_table[from]->name : "",
                 bs_stage_table[i]->name, diff,
                 have_ok ? "" : "; its last run was not a whole run");
        free(diff);
        return;
    }
    if (have_ok && strcmp(have->through, want->through) != 0)
        snprintf(note, size, "redone: its last run stopped after %s",
                 have->through);
    else if (have_ok)
        snprintf(note, size, "redone: settings changed");
    else if (m->words[0])
        snprintf(note, size, "redone: not finished by an earlier run");
}

/* The stamp's made_with: each stage's settings in words, from the record
 * the run just updated. */
static void made_with_json(const char *dir, int through, char *out,
                           size_t size)
{
    struct bs_made_with m;
    json_t *obj = json_object();
    char *text;

    bs_made_with_read(dir, &m);
    for (int i = 0; i <= through; i++)
        if (m.words[i]) {
            char *w = bs_settings_words(m.words[i]);
            json_object_set_new(obj, bs_stage_table[i]->name, json_string(w));
            free(w);
        }
    text = json_dumps(obj, JSON_COMPACT);
    snprintf(out, size, "%s", text && strlen(text) < size ? text : "");
    free(text);
    json_decref(obj);
    bs_made_with_release(&m);
}

void bs_batch_page(struct bs_batch *b, int j, struct bs_job_result *res)
{
    const struct bs_cli *cli = b->cli;
    struct bs_job *job = &b->jobs.v[j];
    struct bs_stamp want, have;
    struct bs_made_with made;
    struct bs_error err;
    struct bs_run run;
    struct bs_lock lock = {-1};
    char *words[BS_STAGE_MAX] = {0};
    char *now = NULL;
    double t0 = now_seconds();
    int have_ok, rc, through = bs_stage_find(b->through);

    memset(&want, 0, sizeof(want));
    memset(&made, 0, sizeof(made));
    snprintf(want.page, sizeof(want.page), "%s", job->id);
    snprintf(want.broadsheet, sizeof(want.broadsheet), "%s", BS_VERSION);
    page_checksum(job, want.checksum);
    snprintf(want.through, sizeof(want.through), "%s", b->through);
    want.subpage = job->subpage;
    memcpy(res->checksum, want.checksum, sizeof(want.checksum));
    res->confidence = -1;
    /* The page's lock first: what follows reads its folder. */
    if (lock_page(b, job, &lock, &err) < 0)
        goto failed;
    /* Whatever a killed writer left here goes, also on a page that is up to
     * date (a kill during the cross-page linking of a done page). */
    bs_remove_temps(job->dir, 0, 1);
    {
        /* as the runner will record it: the language resolved for this
         * page (a new page's is eng, a re-run's the one it was loaded in) */
        char *path = bs_path_join(job->dir, "model.load.json");
        struct bs_page *page = NULL;
        if (cli->from > 0)
            bs_page_load(path, &page, NULL);
        now = bs_run_fingerprint(&cli->settings, page ? page->lang : NULL);
        bs_page_free(&page);
        free(path);
    }
    bs_made_with_read(job->dir, &made);
    stage_settings(&made, cli->from, through, now, words, want.settings);

    have_ok = bs_stamp_read(job->dir, &have, NULL) == 0;
    if (have_ok && !job->input)
        want.subpage = have.subpage; /* a re-run keeps the page's subpage */
    if (have_ok && !cli->force && want.checksum[0] &&
        bs_stamp_matches(&want, &have)) {
        bs_lock_release(&lock);
        res->status = BS_JOB_SKIPPED;
        res->seconds = now_seconds() - t0;
        goto out;
    }
    if (b->stamps)
        redo_reason(&have, have_ok, &want, &made, cli->from, through, words,
                    cli->force, res->note, sizeof(res->note));
    if (bs_stamp_remove(job->dir, &err) < 0)
        goto failed;
    test_fault(job->id);

    memset(&run, 0, sizeof(run));
    run.settings = &cli->settings;
    run.input = job->input;
    run.checksum = job->input && want.checksum[0] ? want.checksum : NULL;
    run.subpage = job->subpage;
    run.dir = job->dir;
    run.page_id = job->id;
    run.tess = b->tess;
    rc = bs_pipeline_run(&run, cli->from, cli->to, &err);
    res->confidence = run.confidence;
    if (rc == 0 && run.stale[0]) {
        /* a stage re-run by hand: what it made stale, and how to redo it */
        snprintf(res->note, sizeof(res->note), "outputs of %s are now stale "
                 "(made before this %s); `broadsheet run --from %s %s` "
                 "redoes them", run.stale, bs_stage_table[cli->to]->name,
                 bs_stage_table[cli->to + 1]->name, job->dir);
        res->warn = 1;
    }
    if (rc == 0 && run.doubt[0]) {
        /* QA finds the pages read by Tesseract's segmentation here */
        size_t used = strlen(res->note);
        snprintf(res->note + used, sizeof(res->note) - used,
                 "%slayout fallback: %s", used ? "; " : "", run.doubt);
    }
    bs_run_release(&run);
    if (rc < 0)
        goto failed;
    if (b->stamps && want.checksum[0]) {
        made_with_json(job->dir, through, want.made_with,
                       sizeof(want.made_with));
        if (bs_stamp_write(job->dir, &want, &err) < 0)
            goto failed;
    }
    bs_lock_release(&lock);
    res->status = BS_JOB_DONE;
    res->seconds = now_seconds() - t0;
    goto out;
failed:
    bs_lock_release(&lock);
    res->status = BS_JOB_FAILED;
    res->seconds = now_seconds() - t0;
    res->note[0] = '\0';
    snprintf(res->reason, sizeof(res->reason), "%s", err.msg);
out:
    bs_made_with_release(&made);
    for (int i = 0; i < BS_STAGE_MAX; i++)
        free(words[i]);
    free(now);
}
