/*
 * batch_page.c - one page of a batch, inside a worker: the resume check,
 * the stamp, the stages.
 *
 * Order matters for crash safety: the old stamp goes first, then stale temp
 * files, then the stages write their outputs (each atomically), and the new
 * stamp goes last.  A kill at any point leaves a page either stamped and
 * complete or unstamped (redone by the next run).
 */
#include "batch_state.h"

#include "temps.h"
#include "../base/base.h"
#include "../model/model.h"
#include "../run/run.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* The checksum of what the page was made from: the input image, or on a
 * re-run the checksum recorded by `load`.  "" when unknown. */
static void page_checksum(const struct bs_batch *b, const struct bs_job *job,
                          char out[65])
{
    struct bs_error err;

    out[0] = '\0';
    if (job->input) {
        if (bs_sha256_file(job->input, out, &err) < 0)
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
    (void)b;
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
    double t0 = now_seconds();
    int have_ok, rc;

    memset(&want, 0, sizeof(want));
    snprintf(want.page, sizeof(want.page), "%s", job->id);
    snprintf(want.broadsheet, sizeof(want.broadsheet), "%s", BS_VERSION);
    page_checksum(b, job, want.checksum);
    snprintf(want.settings, sizeof(want.settings), "%s", b->settings_hash);
    snprintf(want.through, sizeof(want.through), "%s", b->through);
    want.subpage = job->subpage;
    memcpy(res->checksum, want.checksum, sizeof(want.checksum));

    have_ok = bs_stamp_read(job->dir, &have, NULL) == 0;
    if (have_ok && !job->input)
        want.subpage = have.subpage; /* a re-run keeps the page's subpage */
    if (have_ok && !cli->force && want.checksum[0] &&
        bs_stamp_matches(&want, &have)) {
        res->status = BS_JOB_SKIPPED;
        res->seconds = now_seconds() - t0;
        return;
    }
    if (bs_stamp_remove(job->dir, &err) < 0)
        goto failed;
    bs_remove_temps(job->dir, 0);
    test_fault(job->id);

    memset(&run, 0, sizeof(run));
    run.settings = &cli->settings;
    run.input = job->input;
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
    res->status = BS_JOB_DONE;
    res->seconds = now_seconds() - t0;
    return;
failed:
    res->status = BS_JOB_FAILED;
    res->seconds = now_seconds() - t0;
    snprintf(res->reason, sizeof(res->reason), "%s", err.msg);
}
