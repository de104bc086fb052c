/*
 * batch.c - runs the pages of one `run` or `stage` command.
 *
 * First form: pages one after another in this process, one Tesseract engine
 * set for all of them.  A page that fails is reported on stderr with its
 * reason and the others go on; the exit code says whether any failed.
 */
#include "cli.h"

#include "inputs.h"
#include "link.h"
#include "stage.h"
#include "tess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bs_run_pages(struct bs_cli *cli)
{
    struct bs_jobs jobs;
    struct bs_error err;
    struct bs_tess *tess = NULL;
    int failed = 0, done = 0;
    char **done_dirs = NULL;

    if (bs_jobs_collect(cli->inputs, cli->ninputs, cli->from, cli->out, &jobs,
                        &err) < 0) {
        fprintf(stderr, "broadsheet: %s\n", err.msg);
        return BS_EXIT_USAGE;
    }
    tess = bs_tess_new(cli->settings.tessdata);
    /* A wrong --lang is a usage error, found before any page is read. */
    if (cli->settings.lang[0] &&
        bs_tess_check_lang(tess, cli->settings.lang, &err) < 0) {
        fprintf(stderr, "broadsheet: %s\n", err.msg);
        bs_tess_free(&tess);
        bs_jobs_release(&jobs);
        return BS_EXIT_USAGE;
    }
    for (int i = 0; i < jobs.n; i++) {
        struct bs_job *job = &jobs.v[i];
        struct bs_run run;
        int rc;

        if (job->error) {
            fprintf(stderr, "broadsheet: %s\n", job->error);
            failed++;
            continue;
        }
        memset(&run, 0, sizeof(run));
        run.settings = &cli->settings;
        run.input = job->input;
        run.subpage = job->subpage;
        run.dir = job->dir;
        run.page_id = job->id;
        run.tess = tess;
        rc = bs_pipeline_run(&run, cli->from, cli->to, &err);
        bs_run_release(&run);
        if (rc < 0) {
            fprintf(stderr, "broadsheet: %s: %s\n", job->id, err.msg);
            failed++;
        } else {
            done_dirs = bs_realloc(done_dirs,
                                   sizeof(char *) * (size_t)(done + 1));
            done_dirs[done] = job->dir;
            done++;
            if (!cli->quiet)
                fprintf(stderr, "broadsheet: %s: done (%s)\n", job->id,
                        job->dir);
        }
    }
    /* Continued articles are linked across the pages that were exported. */
    if (done > 1 && cli->to == bs_stage_count - 1 &&
        bs_link_continuations(done_dirs, done, &err) < 0) {
        fprintf(stderr, "broadsheet: linking continued articles: %s\n",
                err.msg);
        failed++;
    }
    free(done_dirs);
    if (!cli->quiet)
        fprintf(stderr, "broadsheet: %d page%s done, %d failed\n", done,
                done == 1 ? "" : "s", failed);
    bs_tess_free(&tess);
    bs_jobs_release(&jobs);
    return failed ? BS_EXIT_FAILED : BS_EXIT_OK;
}
