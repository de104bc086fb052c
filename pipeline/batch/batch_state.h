/*
 * batch_state.h - the state of one batch, shared by its parent side (batch.c:
 * choosing pages, manifest, progress, the after-the-run hooks) and its
 * worker side (batch_page.c: one page with its resume check and stamp).
 *
 * The parent builds it before forking; workers read it (their copy) and
 * own only `tess`.
 */
#ifndef BS_BATCH_STATE_H
#define BS_BATCH_STATE_H

#include "batch.h"
#include "progress.h"
#include "workers.h"
#include "../cli/cli.h"

struct bs_tess;

/* Pages a worker does before it is replaced by a fresh process (memory
 * stays flat whatever a library keeps; reloading a model costs < 1 s). */
#ifndef BS_WORKER_RECYCLE
#define BS_WORKER_RECYCLE 50   /* 0 = never (build with -DBS_WORKER_RECYCLE=0) */
#endif

struct bs_batch {
    struct bs_cli *cli;
    struct bs_jobs jobs;            /* every page of the inputs */
    int *todo;                      /* indexes into jobs: this shard's */
    int ntodo, next;                /* next: first not yet handed out */
    const char *through;            /* name of the last stage run */
    int stamps;                     /* 1: pages get done.json on success */
    unsigned char *ok;              /* per job: 1 done or up to date */
    struct bs_manifest manifest;    /* parent only */
    struct bs_progress progress;    /* parent only */
    struct bs_tess *tess;           /* worker only: its own engines */
};

/* Worker side: does one page (resume check, stamp, stages) and fills res. */
void bs_batch_page(struct bs_batch *b, int job, struct bs_job_result *res);

#endif
