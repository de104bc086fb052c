/*
 * progress.c - the batch's progress bar or per-page lines (progress.h).
 */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 24

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void bs_progress_init(struct bs_progress *p, int total, int quiet)
{
    memset(p, 0, sizeof(*p));
    p->total = total;
    p->quiet = quiet;
    p->tty = isatty(STDERR_FILENO);
    p->t0 = now_seconds();
}

/* "1h02m", "12m", "40s". */
static void format_duration(double s, char *buf, size_t size)
{
    long t = (long)(s + 0.5);

    if (t >= 3600)
        snprintf(buf, size, "%ldh%02ldm", t / 3600, (t % 3600) / 60);
    else if (t >= 60)
        snprintf(buf, size, "%ldm%02lds", t / 60, t % 60);
    else
        snprintf(buf, size, "%lds", t);
}

/* Pages per minute over the pages actually worked on (skipped pages take
 * no time and would make the ETA lie). */
static double rate_per_minute(const struct bs_progress *p, double elapsed)
{
    int worked = p->done + p->failed;
    return elapsed > 0 && worked > 0 ? worked * 60.0 / elapsed : 0;
}

static void clear_bar(struct bs_progress *p)
{
    if (p->bar_shown) {
        fputs("\r\033[K", stderr);
        p->bar_shown = 0;
    }
}

static void draw_bar(struct bs_progress *p)
{
    double elapsed = now_seconds() - p->t0, rate = rate_per_minute(p, elapsed);
    int fill = p->total > 0 ? p->finished * BAR_WIDTH / p->total : BAR_WIDTH;
    char bar[BAR_WIDTH + 1], eta[32] = "?";

    for (int i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[BAR_WIDTH] = '\0';
    if (rate > 0)
        format_duration((p->total - p->finished) * 60.0 / rate, eta,
                        sizeof(eta));
    fprintf(stderr, "\r\033[K[%s] %d/%d pages  %.1f pages/min  ETA %s  "
            "%d failed", bar, p->finished, p->total, rate, eta, p->failed);
    fflush(stderr);
    p->bar_shown = 1;
    p->last_draw = now_seconds();
}

void bs_progress_page(struct bs_progress *p, const char *id, int status,
                      double seconds, const char *reason)
{
    p->finished++;
    if (status == BS_JOB_DONE)
        p->done++;
    else if (status == BS_JOB_SKIPPED)
        p->skipped++;
    else
        p->failed++;
    if (status == BS_JOB_FAILED) {
        clear_bar(p);
        fprintf(stderr, "broadsheet: %s: failed: %s\n", id, reason);
    } else if (!p->quiet && !p->tty) {
        if (status == BS_JOB_DONE)
            fprintf(stderr, "broadsheet: [%d/%d] %s: done in %.1f s\n",
                    p->finished, p->total, id, seconds);
        else
            fprintf(stderr, "broadsheet: [%d/%d] %s: skipped (up to date)\n",
                    p->finished, p->total, id);
    }
    if (!p->quiet && p->tty)
        draw_bar(p);
    fflush(stderr);
}

void bs_progress_tick(struct bs_progress *p)
{
    if (!p->quiet && p->tty && now_seconds() - p->last_draw >= 0.5)
        draw_bar(p);
}

void bs_progress_finish(struct bs_progress *p, int interrupted)
{
    char took[32];

    clear_bar(p);
    if (p->quiet)
        return;
    format_duration(now_seconds() - p->t0, took, sizeof(took));
    fprintf(stderr, "broadsheet: %d page%s done, %d failed, %d skipped (up to "
            "date)%s in %s\n", p->done, p->done == 1 ? "" : "s", p->failed,
            p->skipped, interrupted ? ", interrupted" : "", took);
}
