/*
 * batch.c - runs the pages of one `run` or `stage` command as a batch:
 * picks this shard's pages, hands them to a pool of worker processes
 * (workers.c), records each result in the manifest and on stderr, and after
 * the last page calls the hooks that need the whole run.
 *
 * Exit code: 0 every page done or up to date, 1 some page failed, 2 usage
 * error, 128+signal when stopped by SIGINT/SIGTERM (unfinished pages stay
 * unstamped; the next run does them).
 */
#include "../cli/cli.h"

#include "batch_state.h"
#include "interrupt.h"
#include "shard.h"
#include "temps.h"
#include "../base/base.h"
#include "../formats/formats.h"
#include "../ocr/ocr.h"
#include "../run/run.h"
#include "../segment/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- after all pages of the run ------------------------------------- */

/* Runs once every page of this run (this shard, with --shard) has ended,
 * unless the run was interrupted.  `dirs` are the page folders that are
 * done or were already up to date, in input order; failed pages are left
 * out.  `root` is the run's folder (batch.h: bs_jobs.root), NULL when the
 * pages are in no run's folder.  Add run-wide steps here, one call each
 * (linking continuations across pages, METS for the run, ...).  A failing
 * hook reports its error and makes the run exit 1. */
static int after_all_pages(const struct bs_cli *cli, const char *root,
                           char **dirs, int ndirs)
{
    struct bs_error err;

    /* Continued articles are linked across the pages that were exported
     * in this run (this shard).  Pages stopped earlier have no articles. */
    if (ndirs > 1 && cli->to == bs_stage_count - 1 &&
        bs_link_continuations(dirs, ndirs, &err) < 0) {
        fprintf(stderr, "broadsheet: linking continued articles: %s\n",
                err.msg);
        return -1;
    }
    /* METS describes the run's folder, every finished page in it. */
    if ((cli->settings.formats & BS_FMT_METS) && ndirs > 0 && root &&
        cli->to == bs_stage_count - 1 && bs_mets_write_dir(root, &err) < 0) {
        fprintf(stderr, "broadsheet: writing METS: %s\n", err.msg);
        return -1;
    }
    return 0;
}

/* ---- the parent's side of the pool ---------------------------------- */

/* Logs one finished page: the manifest line (its reason: why it failed,
 * or for a done page why it was redone), stderr and progress.  note and
 * warn are a done page's (workers.h). */
static void record(struct bs_batch *b, int j, int status, double seconds,
                   const char *checksum, const char *reason, const char *note,
                   int warn, double confidence)
{
    struct bs_job *job = &b->jobs.v[j];
    static const char *const names[] = {"done", "failed", "skipped"};
    struct bs_error err;

    if (bs_manifest_add(&b->manifest, job->id, names[status], seconds,
                        checksum, status == BS_JOB_FAILED ? reason : note,
                        job->input ? job->input : job->dir, confidence,
                        &err) < 0) {
        /* A page the manifest does not record is not done as far as the
         * batch can tell: a failed page (its stamp stays, so the next run
         * that can write the manifest records it as skipped).  The other
         * pages go on; the disk may have room again for them. */
        status = BS_JOB_FAILED;
        reason = err.msg;
    }
    b->ok[j] = status != BS_JOB_FAILED;
    bs_progress_page(&b->progress, job->id, status, seconds,
                     status == BS_JOB_FAILED ? reason : note, warn);
}

static int pool_next(void *ctx)
{
    struct bs_batch *b = ctx;

    while (b->next < b->ntodo) {
        int j = b->todo[b->next++];
        /* Inputs already known to be bad fail here, without a worker. */
        if (b->jobs.v[j].error) {
            record(b, j, BS_JOB_FAILED, 0, NULL, b->jobs.v[j].error, NULL,
                   0, -1);
            continue;
        }
        return j;
    }
    return -1;
}

static void pool_finished(void *ctx, const struct bs_job_result *res)
{
    struct bs_batch *b = ctx;
    const struct bs_job *job = &b->jobs.v[res->job];

    if (res->lost) {
        /* The pool's reason names no file: say which page it was. */
        char *reason = bs_sprintf("%s: %s", job->input ? job->input : job->dir,
                                  res->reason);
        record(b, res->job, res->status, res->seconds, res->checksum, reason,
               NULL, 0, -1);
        free(reason);
        return;
    }
    record(b, res->job, res->status, res->seconds, res->checksum, res->reason,
           res->note, res->warn,
           res->status == BS_JOB_DONE ? res->confidence : -1);
}

static void pool_lost(void *ctx, int j, pid_t pid)
{
    struct bs_batch *b = ctx;
    /* The worker may have died between writing a temp file and renaming
     * it; its pid is in the temp name. */
    bs_remove_temps(b->jobs.v[j].dir, pid, 1);
}

static void pool_tick(void *ctx)
{
    struct bs_batch *b = ctx;
    bs_progress_tick(&b->progress);
}

/* ---- the worker's side ----------------------------------------------- */

static void worker_init(void *ctx)
{
    struct bs_batch *b = ctx;
    b->tess = bs_tess_new(b->cli->settings.tessdata);
}

static void worker_fini(void *ctx)
{
    struct bs_batch *b = ctx;
    bs_tess_free(&b->tess);
    bs_tess_pool_free();
}

static void worker_work(void *ctx, int job, struct bs_job_result *res)
{
    bs_batch_page(ctx, job, res);
}

/* ---- setting up ------------------------------------------------------ */

static int default_workers(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* The memory a worker may hold, bytes (0: no limit): --max-memory, else
 * three quarters of the machine's memory shared among the workers, so
 * that one page cannot take the machine and the others still fit. */
static long long worker_memory(const struct bs_cli *cli, int workers)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGESIZE);
    long long total;

    if (cli->max_memory_mb >= 0)
        return cli->max_memory_mb << 20;
    if (pages <= 0 || size <= 0)
        return 0;
    total = (long long)pages * size;
    return total / 4 * 3 / (workers > 0 ? workers : 1);
}

/* Takes OUT's lock (base.h), saying so when another run holds it: the
 * run-level files are written by one run at a time. */
static int lock_out(const char *dir, struct bs_lock *lock)
{
    struct bs_error err;
    int rc = bs_lock_take(lock, dir, 0, &err);

    if (rc == 1) {
        fprintf(stderr, "broadsheet: %s: another broadsheet run is writing "
                "this folder's run-level files; waiting for it\n", dir);
        rc = bs_lock_take(lock, dir, 1, &err);
    }
    if (rc < 0)
        fprintf(stderr, "broadsheet: %s\n", err.msg);
    return rc;
}

static void batch_release(struct bs_batch *b)
{
    bs_manifest_close(&b->manifest);
    bs_jobs_release(&b->jobs);
    free(b->todo);
    free(b->ok);
}

int bs_run_pages(struct bs_cli *cli)
{
    struct bs_batch b;
    struct bs_error err;
    struct bs_pool_opts opts;
    struct bs_pool_ops ops = {
        .worker_init = worker_init, .worker_fini = worker_fini,
        .work = worker_work, .next = pool_next, .finished = pool_finished,
        .lost = pool_lost, .tick = pool_tick,
    };
    struct bs_pool_report rep;
    struct bs_lock out_lock = {-1};
    char *mdir;
    int stopped = 0, rc = BS_EXIT_OK, failed = 0, stop_fd = -1;

    memset(&b, 0, sizeof(b));
    memset(&opts, 0, sizeof(opts));
    b.cli = cli;
    b.manifest.fd = -1;
    ops.ctx = &b;
    if (bs_jobs_collect(cli->inputs, cli->ninputs, cli->from, cli->out,
                        &b.jobs, &err) < 0) {
        fprintf(stderr, "broadsheet: %s\n", err.msg);
        return BS_EXIT_USAGE;
    }
    if (cli->page_id) {
        /* `stage load` again: the page keeps its id, only its own page of
         * a multi-page scan is read */
        int keep = -1;
        for (int i = 0; i < b.jobs.n; i++)
            if (b.jobs.v[i].subpage == cli->page_subpage && keep < 0)
                keep = i;
        for (int i = 0; i < b.jobs.n; i++)
            if (i != keep) {
                free(b.jobs.v[i].input);
                free(b.jobs.v[i].id);
                free(b.jobs.v[i].dir);
                free(b.jobs.v[i].error);
            }
        if (keep >= 0) {
            struct bs_job j = b.jobs.v[keep];
            free(j.id);
            free(j.dir);
            j.id = bs_strdup(cli->page_id);
            j.dir = bs_path_join(cli->out, j.id);
            b.jobs.v[0] = j;
        }
        b.jobs.n = keep >= 0;
    }
    if (b.jobs.n == 0) {
        fprintf(stderr, "broadsheet: no page images found in the inputs\n");
        batch_release(&b);
        return BS_EXIT_USAGE;
    }
    /* A wrong --lang is a usage error, found before any page is read.  The
     * engine is freed before the workers start: each loads its own. */
    if (cli->settings.lang[0] || cli->settings.tessdata[0]) {
        /* --tessdata alone: the default language must be there */
        struct bs_tess *tess = bs_tess_new(cli->settings.tessdata);
        int bad = bs_tess_check_lang(tess, bs_settings_lang(&cli->settings,
                                                            NULL), &err) < 0;
        bs_tess_free(&tess);
        if (bad) {
            fprintf(stderr, "broadsheet: %s\n", err.msg);
            batch_release(&b);
            return BS_EXIT_USAGE;
        }
    }

    /* This shard's pages, in input order.  Ids were made unique over all
     * inputs, so every shard agrees on them. */
    b.todo = bs_calloc((size_t)b.jobs.n, sizeof(*b.todo));
    b.ok = bs_calloc((size_t)b.jobs.n, 1);
    for (int i = 0; i < b.jobs.n; i++)
        if (cli->shard_n == 0 ||
            bs_shard_of(b.jobs.v[i].id, cli->shard_n) == cli->shard_k)
            b.todo[b.ntodo++] = i;

    b.through = bs_stage_table[cli->to]->name;
    /* A stamp means "complete from the scan through `through`": runs from
     * the scan, and re-runs that reach the last stage. */
    b.stamps = cli->from == 0 || cli->to == bs_stage_count - 1;

    opts.workers = cli->jobs > 0 ? cli->jobs : default_workers();
    if (opts.workers > b.ntodo)
        opts.workers = b.ntodo > 0 ? b.ntodo : 1;
    /* ocr_threads=0 reads the blocks of a page with the cores the other
     * workers leave free: a single page gets them all. */
    cli->settings.page_cores = default_workers() / opts.workers;
    if (cli->settings.page_cores < 1)
        cli->settings.page_cores = 1;
    opts.timeout = cli->page_timeout;
    opts.max_rss = worker_memory(cli, opts.workers);
    opts.recycle = BS_WORKER_RECYCLE;

    mdir = b.jobs.root ? bs_strdup(b.jobs.root) : NULL;
    if (mdir && b.ntodo > 0 &&
        bs_manifest_open(&b.manifest, mdir, cli->shard_k, cli->shard_n,
                         opts.workers, &err) < 0) {
        fprintf(stderr, "broadsheet: %s\n", err.msg);
        free(mdir);
        batch_release(&b);
        return BS_EXIT_USAGE;
    }
    /* Leftovers of a run killed while it wrote OUT's own files (METS):
     * cleared holding OUT's lock, so a run writing them now is not robbed
     * of its temp file. */
    if (mdir && b.manifest.fd >= 0 && lock_out(mdir, &out_lock) == 0) {
        bs_remove_temps(mdir, 0, 0);
        bs_lock_release(&out_lock);
    }
    if (bs_interrupt_install(&stop_fd, &err) < 0) {
        fprintf(stderr, "broadsheet: %s\n", err.msg);
        free(mdir);
        batch_release(&b);
        return BS_EXIT_FAILED;
    }
    opts.stop_fd = stop_fd;
    bs_progress_init(&b.progress, b.ntodo, cli->quiet);
    if (bs_pool_run(&ops, &opts, &rep, &err) < 0) {
        fprintf(stderr, "broadsheet: %s\n", err.msg);
        rc = BS_EXIT_FAILED;
    }
    stopped = rep.stopped;
    bs_progress_finish(&b.progress, stopped);
    failed = b.progress.failed;
    if (rep.bad_exits) {
        /* Every page was reported, but a worker ended badly after its last
         * one (under `make check`: a leak report).  Not silent. */
        fprintf(stderr, "broadsheet: %d worker%s ended badly after their "
                "pages (first: %s)\n", rep.bad_exits,
                rep.bad_exits == 1 ? "" : "s", rep.bad_exit);
        failed++;
    }
    if (stopped) {
        int sig = bs_interrupt_signal();
        fprintf(stderr, "broadsheet: stopped by signal %d (%s); %d of %d "
                "pages unfinished, a rerun does them\n", sig, strsignal(sig),
                b.ntodo - b.progress.finished, b.ntodo);
        rc = 128 + sig;
    }
    bs_interrupt_remove();

    if (!stopped && rc == BS_EXIT_OK) {
        char **dirs = bs_calloc((size_t)b.ntodo + 1, sizeof(*dirs));
        int ndirs = 0, locked;
        for (int t = 0; t < b.ntodo; t++)
            if (b.ok[b.todo[t]])
                dirs[ndirs++] = b.jobs.v[b.todo[t]].dir;
        locked = mdir && ndirs > 0 && lock_out(mdir, &out_lock) == 0;
        if (after_all_pages(cli, b.jobs.root, dirs, ndirs) < 0)
            failed++;
        if (locked)
            bs_lock_release(&out_lock);
        free(dirs);
    }
    free(mdir);
    if (rc == BS_EXIT_OK && failed)
        rc = BS_EXIT_FAILED;
    batch_release(&b);
    return rc;
}
