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

    if (b->cli->from == 0) {
        struct stat st;
        if (lstat(job->dir, &st) == 0 && S_ISLNK(st.st_mode))
            return bs_fail(err, "%s: the page folder is a symbolic link; "
                           "broadsheet writes only inside OUT", job->dir);
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

void bs_batch_page(struct bs_batch *b, int j, struct bs_job_result *res)
{
    const struct bs_cli *cli = b->cli;
    struct bs_job *job = &b->jobs.v[j];
    struct bs_stamp want, have;
    struct bs_error err;
    struct bs_run run;
    struct bs_lock lock = {-1};
    double t0 = now_seconds();
    int have_ok, rc;

    memset(&want, 0, sizeof(want));
    snprintf(want.page, sizeof(want.page), "%s", job->id);
    snprintf(want.broadsheet, sizeof(want.broadsheet), "%s", BS_VERSION);
    page_checksum(job, want.checksum);
    snprintf(want.settings, sizeof(want.settings), "%s", b->settings_hash);
    snprintf(want.through, sizeof(want.through), "%s", b->through);
    want.subpage = job->subpage;
    memcpy(res->checksum, want.checksum, sizeof(want.checksum));

    if (lock_page(b, job, &lock, &err) < 0)
        goto failed;
    /* Whatever a killed writer left here goes, also on a page that is up to
     * date (a kill during the cross-page linking of a done page). */
    bs_remove_temps(job->dir, 0, 1);
    have_ok = bs_stamp_read(job->dir, &have, NULL) == 0;
    if (have_ok && !job->input)
        want.subpage = have.subpage; /* a re-run keeps the page's subpage */
    if (have_ok && !cli->force && want.checksum[0] &&
        bs_stamp_matches(&want, &have)) {
        bs_lock_release(&lock);
        res->status = BS_JOB_SKIPPED;
        res->seconds = now_seconds() - t0;
        return;
    }
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
    bs_run_release(&run);
    if (rc < 0)
        goto failed;
    if (b->stamps && want.checksum[0] &&
        bs_stamp_write(job->dir, &want, &err) < 0)
        goto failed;
    bs_lock_release(&lock);
    res->status = BS_JOB_DONE;
    res->seconds = now_seconds() - t0;
    return;
failed:
    bs_lock_release(&lock);
    res->status = BS_JOB_FAILED;
    res->seconds = now_seconds() - t0;
    snprintf(res->reason, sizeof(res->reason), "%s", err.msg);
}
