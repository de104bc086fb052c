/*
 * progress.h - what a batch says on stderr while it runs.
 *
 * On a terminal: a progress bar redrawn in place (pages finished of total,
 * pages per minute, ETA, failures).  Otherwise (a log file, a pipe, GNU
 * parallel, Slurm): one line per finished page.  --quiet silences both.  A
 * failed page is always one line "broadsheet: ID: failed: REASON", quiet or
 * not, so it reaches logs, and so is a warning about a done page ("its
 * later outputs are stale").  The bar fits the terminal's width.
 */
#ifndef BS_PROGRESS_H
#define BS_PROGRESS_H

#include "workers.h"

struct bs_progress {
    int total;              /* pages in this run (after --shard) */
    int finished, done, failed, skipped;
    int worked;             /* pages a worker spent time on (the rate's) */
    int quiet, tty;
    int bar_shown;          /* a bar is on the current terminal line */
    double t0;              /* monotonic start */
    double last_draw;
};

void bs_progress_init(struct bs_progress *p, int total, int quiet);
/* A page ended: status is enum bs_job_status.  reason: a failed page's;
 * for a done page a note (why it was redone, or what it left stale),
 * printed unless quiet, or also when quiet if warn; NULL or "" none. */
void bs_progress_page(struct bs_progress *p, const char *id, int status,
                      double seconds, const char *reason, int warn);
/* Redraws the bar (terminal only, at most twice a second). */
void bs_progress_tick(struct bs_progress *p);
/* Clears the bar and prints the summary line (unless quiet). */
void bs_progress_finish(struct bs_progress *p, int interrupted);

#endif
