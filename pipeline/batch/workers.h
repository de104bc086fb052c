/*
 * workers.h - a pool of forked worker processes that do jobs one at a time.
 *
 * Why processes: a crash or hang inside Tesseract on one page must cost only
 * that page.  The parent hands out job numbers over a pipe and reads back a
 * fixed-size result; when a worker dies (a signal, an exit) or a job runs
 * past the timeout (the worker is killed), the parent reports the job as
 * failed with the reason ("worker crashed: signal 11 (Segmentation fault)",
 * "timed out after 60 s", "over the memory limit"), starts a fresh worker
 * and goes on.  A worker is
 * also replaced after `recycle` jobs, so memory stays flat over a long batch
 * whatever a library leaks.
 *
 * The memory limit is a watchdog, not setrlimit: the parent reads each busy
 * worker's resident memory (/proc/PID/statm) ten times a second and kills
 * one over max_rss.  RLIMIT_AS would not do: Tesseract's operator new
 * throws std::bad_alloc, which its C API does not catch, so the worker
 * would abort with no reason to report; the address space counts what is
 * reserved, not used (glibc's 64 MB arena per OCR thread, thread stacks,
 * the mapped models), so a limit tight enough to matter fails good pages;
 * and AddressSanitizer reserves terabytes (make check).  Resident memory
 * is what takes the machine, and the parent can say why it stopped a
 * page.  Workers die with the parent (PR_SET_PDEATHSIG),
 * so `kill -9` of the batch leaves no orphan working on.
 *
 * A worker's process ends inside bs_pool_run() (exit() after its fini
 * callback): the one place below main that ends a process, because the
 * worker's stack must not return into the parent's code.
 */
#ifndef BS_WORKERS_H
#define BS_WORKERS_H

#include "../base/base.h"

#include <sys/types.h>

enum bs_job_status { BS_JOB_DONE = 0, BS_JOB_FAILED, BS_JOB_SKIPPED };

/* What a worker reports for one job; small enough for one atomic pipe
 * write (< PIPE_BUF). */
struct bs_job_result {
    int job;
    int status;             /* enum bs_job_status */
    double seconds;         /* wall time in the worker */
    char checksum[65];      /* input checksum, "" when unknown */
    char reason[1024];      /* one line; "" unless failed */
    char note[1024];        /* a done page: why it was redone, or what it
                               left stale; "" none */
    int warn;               /* 1: the note is a warning (-q shows it) */
    double confidence;      /* a done page's mean word confidence, -1 */
    int lost;               /* 1: the worker died or was killed (the reason
                               is the pool's, it names no file) */
};

struct bs_pool_ops {
    void *ctx;
    /* Worker side, once per worker process (after fork). */
    void (*worker_init)(void *ctx);
    void (*worker_fini)(void *ctx);
    /* Worker side: does job `job`; fills everything but res->job. */
    void (*work)(void *ctx, int job, struct bs_job_result *res);
    /* Parent side: the next job to hand out, or -1 when none is left. */
    int (*next)(void *ctx);
    /* Parent side: a job ended (done, skipped, failed, worker lost). */
    void (*finished)(void *ctx, const struct bs_job_result *res);
    /* Parent side: worker `pid` died or was killed while doing `job`
     * (before finished() for that job, or without it on interrupt): clean
     * what it left. */
    void (*lost)(void *ctx, int job, pid_t pid);
    /* Parent side: about once a second while waiting; may be NULL. */
    void (*tick)(void *ctx);
};

struct bs_pool_opts {
    int workers;            /* >= 1 */
    double timeout;         /* seconds per job; 0 = none */
    long long max_rss;      /* bytes a busy worker may hold resident; more
                               and it is killed, its job failed; 0 = none */
    int recycle;            /* jobs per worker before it is replaced; 0 = never */
    int stop_fd;            /* readable = stop (interrupt.h); -1 = none */
};

struct bs_pool_report {
    int stopped;            /* 1: ended by stop_fd */
    int bad_exits;          /* idle workers that exited non-zero or by a
                               signal when retired (a sanitizer's leak
                               report, a crash in a destructor) */
    char bad_exit[256];     /* the first such exit, described */
};

/* Runs jobs until next() returns -1 and every worker is idle, or until
 * stop_fd becomes readable: then no further job is handed out, workers are
 * terminated (SIGTERM) and reaped, lost() is called for their jobs and
 * rep->stopped is set.  Returns -1 only when no worker can be started at
 * all (fork or pipe failing). */
int bs_pool_run(const struct bs_pool_ops *ops, const struct bs_pool_opts *opts,
                struct bs_pool_report *rep, struct bs_error *err);

/* Describes a wait status: "worker crashed: signal 11 (Segmentation
 * fault)" or "worker exited with status 3". */
void bs_describe_wait_status(int status, char *buf, size_t size);

#endif
