/*
 * progress.c - the batch's progress bar or per-page lines (progress.h).
 */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define BAR_WIDTH 24
/* No rate is shown before this many seconds: a page that failed at once
 * would make it thousands of pages a minute. */
#define RATE_MIN_SECONDS 1.0

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

/* Pages per minute over the pages a worker actually spent time on
 * (skipped pages and inputs that failed before a worker took them take no
 * time and would make the ETA lie); 0 while too little time has passed to
 * say. */
static double rate_per_minute(const struct bs_progress *p, double elapsed)
{
    return elapsed >= RATE_MIN_SECONDS && p->worked > 0
               ? p->worked * 60.0 / elapsed
               : 0;
}

static void clear_bar(struct bs_progress *p)
{
    if (p->bar_shown) {
        fputs("\r\033[K", stderr);
        p->bar_shown = 0;
    }
}

/* The terminal's width in columns (80 when it does not say). */
static int term_width(void)
{
    struct winsize ws;

    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

static void draw_bar(struct bs_progress *p)
{
    double elapsed = now_seconds() - p->t0, rate = rate_per_minute(p, elapsed);
    int width = term_width(), barw = BAR_WIDTH, fill;
    char bar[BAR_WIDTH + 1], eta[32] = "?", speed[32] = "-", line[256];

    /* the bar shrinks first, then the line is cut: it never wraps */
    if (width < 72)
        barw = width > 52 ? width - 48 : 4;
    fill = p->total > 0 ? p->finished * barw / p->total : barw;
    for (int i = 0; i < barw; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[barw] = '\0';
    if (rate > 0) {
        format_duration((p->total - p->finished) * 60.0 / rate, eta,
                        sizeof(eta));
        snprintf(speed, sizeof(speed), "%.1f", rate);
    }
    snprintf(line, sizeof(line), "[%s] %d/%d pages  %s pages/min  ETA %s  "
             "%d failed", bar, p->finished, p->total, speed, eta, p->failed);
    if (width > 1 && (int)strlen(line) > width - 1 &&
        width - 1 < (int)sizeof(line))
        line[width - 1] = '\0';
    fprintf(stderr, "\r\033[K%s", line);
    fflush(stderr);
    p->bar_shown = 1;
    p->last_draw = now_seconds();
}

void bs_progress_page(struct bs_progress *p, const char *id, int status,
                      double seconds, const char *reason, int warn)
{
    int note = status == BS_JOB_DONE && reason && *reason;

    p->finished++;
    if (status == BS_JOB_DONE)
        p->done++;
    else if (status == BS_JOB_SKIPPED)
        p->skipped++;
    else
        p->failed++;
    if (status != BS_JOB_SKIPPED && seconds > 0.01)
        p->worked++;
    if (status == BS_JOB_FAILED) {
        clear_bar(p);
        fprintf(stderr, "broadsheet: %s: failed: %s\n", id, reason);
    } else if (note && (warn || !p->quiet) && (p->quiet || p->tty)) {
        clear_bar(p);
        fprintf(stderr, "broadsheet: %s: %s\n", id, reason);
    } else if (!p->quiet && !p->tty) {
        if (status == BS_JOB_DONE)
            fprintf(stderr, "broadsheet: [%d/%d] %s: done in %.1f s%s%s%s\n",
                    p->finished, p->total, id, seconds, note ? " (" : "",
                    note ? reason : "", note ? ")" : "");
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
