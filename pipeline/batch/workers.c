/*
 * workers.c - the forked worker pool: hand out jobs, read results, survive
 * crashes and hangs, recycle workers, stop on a signal.
 */
#include "workers.h"

#include "interrupt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* How often busy workers' memory is read when there is a limit, ms. */
#define WATCH_MS 100

struct worker {
    pid_t pid;          /* 0: empty slot */
    int to_fd;          /* parent writes job numbers here */
    int from_fd;        /* parent reads results here */
    int job;            /* job in progress, -1 idle */
    int jobs_done;      /* jobs finished by this process */
    double started;     /* monotonic start of the job in progress */
};

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Full read/write on a pipe, retrying on EINTR.  Returns bytes moved. */
static size_t io_full(int fd, void *buf, size_t len, int writing)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = writing ? write(fd, (char *)buf + done, len - done)
                            : read(fd, (char *)buf + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    return done;
}

void bs_describe_wait_status(int status, char *buf, size_t size)
{
    if (WIFSIGNALED(status))
        snprintf(buf, size, "worker crashed: signal %d (%s)",
                 WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status))
        snprintf(buf, size, "worker exited with status %d",
                 WEXITSTATUS(status));
    else
        snprintf(buf, size, "worker stopped (wait status %d)", status);
}

/* The worker process: jobs in, results out, until the parent closes the
 * job pipe.  Never returns. */
static void __attribute__((noreturn))
worker_main(const struct bs_pool_ops *ops, int in, int out)
{
    int job;

    if (ops->worker_init)
        ops->worker_init(ops->ctx);
    while (io_full(in, &job, sizeof(job), 0) == sizeof(job)) {
        struct bs_job_result res;

        memset(&res, 0, sizeof(res));
        ops->work(ops->ctx, job, &res);
        res.job = job;
        res.reason[sizeof(res.reason) - 1] = '\0';
        if (io_full(out, &res, sizeof(res), 1) != sizeof(res))
            break;
    }
    if (ops->worker_fini)
        ops->worker_fini(ops->ctx);
    close(in);
    close(out);
    exit(0);
}

static int spawn(struct worker *ws, int nws, int slot,
                 const struct bs_pool_ops *ops, struct bs_error *err)
{
    int to[2], from[2];
    pid_t parent = getpid(), pid;

    if (pipe2(to, O_CLOEXEC) != 0)
        return bs_fail(err, "cannot create a pipe: %s", strerror(errno));
    if (pipe2(from, O_CLOEXEC) != 0) {
        int e = errno;
        close(to[0]);
        close(to[1]);
        return bs_fail(err, "cannot create a pipe: %s", strerror(e));
    }
    fflush(NULL); /* or buffered output would be written twice */
    pid = fork();
    if (pid < 0) {
        int e = errno;
        close(to[0]);
        close(to[1]);
        close(from[0]);
        close(from[1]);
        return bs_fail(err, "cannot start a worker: %s", strerror(e));
    }
    if (pid == 0) {
        /* Die with the parent, even if it is killed with SIGKILL. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent)
            _exit(1);
        bs_interrupt_child();
        /* Other workers' pipe ends would hide their deaths from the
         * parent (no EOF while we hold a write end). */
        for (int i = 0; i < nws; i++) {
            if (ws[i].pid) {
                close(ws[i].to_fd);
                close(ws[i].from_fd);
            }
        }
        close(to[1]);
        close(from[0]);
        worker_main(ops, to[0], from[1]);
    }
    close(to[0]);
    close(from[1]);
    ws[slot].pid = pid;
    ws[slot].to_fd = to[1];
    ws[slot].from_fd = from[0];
    ws[slot].job = -1;
    ws[slot].jobs_done = 0;
    return 0;
}

/* Closes the slot's pipes and reaps its process (which must be exiting or
 * killed).  Returns the wait status. */
static int reap(struct worker *w)
{
    int status = 0;

    close(w->to_fd);
    close(w->from_fd);
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    memset(w, 0, sizeof(*w));
    w->job = -1;
    return status;
}

/* A busy worker is gone (crashed, or killed by us): report its job. */
static void job_lost(const struct bs_pool_ops *ops, struct worker *w,
                     const char *reason)
{
    struct bs_job_result res;
    int job = w->job;
    pid_t pid = w->pid;

    memset(&res, 0, sizeof(res));
    res.job = job;
    res.status = BS_JOB_FAILED;
    res.lost = 1;
    res.seconds = now_seconds() - w->started;
    snprintf(res.reason, sizeof(res.reason), "%s", reason);
    if (ops->lost)
        ops->lost(ops->ctx, job, pid);
    ops->finished(ops->ctx, &res);
}

/* An idle worker leaves (its job pipe closed): it should exit 0. */
static void retire(struct worker *w, struct bs_pool_report *rep)
{
    int status = reap(w);

    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0)) {
        if (rep->bad_exits++ == 0)
            bs_describe_wait_status(status, rep->bad_exit,
                                    sizeof(rep->bad_exit));
    }
}

/* The worker's result pipe is readable: a result, or its death. */
static void collect(const struct bs_pool_ops *ops,
                    const struct bs_pool_opts *opts, struct worker *w,
                    struct bs_pool_report *rep)
{
    struct bs_job_result res;
    char why[256];
    int status;

    if (io_full(w->from_fd, &res, sizeof(res), 0) == sizeof(res) &&
        res.job == w->job) {
        res.reason[sizeof(res.reason) - 1] = '\0';
        res.checksum[sizeof(res.checksum) - 1] = '\0';
        w->job = -1;
        w->jobs_done++;
        ops->finished(ops->ctx, &res);
        if (opts->recycle > 0 && w->jobs_done >= opts->recycle)
            retire(w, rep); /* closing its job pipe makes it exit */
        return;
    }
    /* EOF or a torn record: the worker died mid-job. */
    kill(w->pid, SIGKILL);
    {
        struct worker copy = *w;
        status = reap(w);
        bs_describe_wait_status(status, why, sizeof(why));
        job_lost(ops, &copy, why);
    }
}

/* Resident bytes of process pid (/proc/PID/statm), -1 when unknown. */
static long long resident_bytes(pid_t pid)
{
    char path[64], buf[128];
    long long size = 0, rss = 0;
    ssize_t n;
    int fd;

    snprintf(path, sizeof(path), "/proc/%ld/statm", (long)pid);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    if (sscanf(buf, "%lld %lld", &size, &rss) != 2)
        return -1;
    return rss * sysconf(_SC_PAGESIZE);
}

/* A busy worker over the memory limit is killed and its job failed. */
static void kill_over_memory(const struct bs_pool_ops *ops, struct worker *w,
                             long long rss, long long limit)
{
    struct worker copy = *w;
    char why[192];

    kill(w->pid, SIGKILL);
    reap(w);
    snprintf(why, sizeof(why), "stopped: over the memory limit (%lld MB "
             "resident, --max-memory %lld MB)", rss >> 20, limit >> 20);
    job_lost(ops, &copy, why);
}

static void kill_timed_out(const struct bs_pool_ops *ops, struct worker *w,
                           double timeout)
{
    struct worker copy = *w;
    char why[128];

    kill(w->pid, SIGKILL);
    reap(w);
    snprintf(why, sizeof(why), "timed out after %g s", timeout);
    job_lost(ops, &copy, why);
}

/* Terminates every worker, reaps it and reports busy ones as lost. */
static void stop_all(const struct bs_pool_ops *ops, struct worker *ws, int n)
{
    for (int i = 0; i < n; i++)
        if (ws[i].pid)
            kill(ws[i].pid, SIGTERM);
    for (int i = 0; i < n; i++) {
        if (!ws[i].pid)
            continue;
        {
            int job = ws[i].job;
            pid_t pid = ws[i].pid;
            reap(&ws[i]);
            if (job >= 0 && ops->lost)
                ops->lost(ops->ctx, job, pid);
        }
    }
}

int bs_pool_run(const struct bs_pool_ops *ops, const struct bs_pool_opts *opts,
                struct bs_pool_report *rep, struct bs_error *err)
{
    int n = opts->workers > 0 ? opts->workers : 1;
    struct worker *ws = bs_calloc((size_t)n, sizeof(*ws));
    struct pollfd *pfd = bs_calloc((size_t)n + 1, sizeof(*pfd));
    int pending = -1, no_more = 0, rc = 0;
    double last_tick = now_seconds();

    memset(rep, 0, sizeof(*rep));
    for (int i = 0; i < n; i++)
        ws[i].job = -1;
    for (;;) {
        int busy = 0, alive = 0, np = 0, wait_ms = 1000;
        double t;

        if (opts->stop_fd >= 0 && bs_interrupt_signal()) {
            rep->stopped = 1;
            stop_all(ops, ws, n);
            goto out;
        }
        /* Hand out jobs to idle or empty slots. */
        for (int i = 0; i < n && !no_more; i++) {
            if (ws[i].pid && ws[i].job >= 0)
                continue;
            if (pending < 0 && (pending = ops->next(ops->ctx)) < 0) {
                no_more = 1;
                break;
            }
            if (!ws[i].pid && spawn(ws, n, i, ops, err) < 0) {
                int any = 0;
                for (int k = 0; k < n; k++)
                    any |= ws[k].pid != 0;
                if (!any) {
                    rc = -1;
                    goto out;
                }
                break; /* go on with the workers we have */
            }
            if (io_full(ws[i].to_fd, &pending, sizeof(pending), 1) !=
                sizeof(pending)) {
                reap(&ws[i]); /* died while idle: a new one next round */
                continue;
            }
            ws[i].job = pending;
            ws[i].started = now_seconds();
            pending = -1;
        }
        /* Nothing left to hand out: idle workers may go. */
        for (int i = 0; i < n; i++) {
            if (no_more && ws[i].pid && ws[i].job < 0)
                retire(&ws[i], rep);
            alive += ws[i].pid != 0;
            busy += ws[i].pid && ws[i].job >= 0;
        }
        if (no_more && busy == 0)
            break;
        if (busy == 0 && alive == 0 && pending >= 0) {
            /* Could not hand the job to anyone (workers died idle): retry. */
            continue;
        }

        t = now_seconds();
        if (opts->stop_fd >= 0) {
            pfd[np].fd = opts->stop_fd;
            pfd[np].events = POLLIN;
            np++;
        }
        for (int i = 0; i < n; i++) {
            if (!ws[i].pid || ws[i].job < 0)
                continue;
            pfd[np].fd = ws[i].from_fd;
            pfd[np].events = POLLIN;
            np++;
            if (opts->timeout > 0) {
                double left = ws[i].started + opts->timeout - t;
                int ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
                if (ms < wait_ms)
                    wait_ms = ms;
            }
            if (opts->max_rss > 0 && wait_ms > WATCH_MS)
                wait_ms = WATCH_MS;
        }
        if (poll(pfd, (nfds_t)np, wait_ms) < 0 && errno != EINTR) {
            rc = bs_fail(err, "poll: %s", strerror(errno));
            stop_all(ops, ws, n);
            goto out;
        }
        if (opts->stop_fd >= 0 && bs_interrupt_signal()) {
            rep->stopped = 1;
            stop_all(ops, ws, n);
            goto out;
        }
        for (int p = 0; p < np; p++) {
            if (pfd[p].fd == opts->stop_fd || !(pfd[p].revents &
                                                 (POLLIN | POLLHUP | POLLERR)))
                continue;
            for (int i = 0; i < n; i++)
                if (ws[i].pid && ws[i].job >= 0 &&
                    ws[i].from_fd == pfd[p].fd)
                    collect(ops, opts, &ws[i], rep);
        }
        if (opts->timeout > 0) {
            t = now_seconds();
            for (int i = 0; i < n; i++)
                if (ws[i].pid && ws[i].job >= 0 &&
                    t - ws[i].started >= opts->timeout)
                    kill_timed_out(ops, &ws[i], opts->timeout);
        }
        for (int i = 0; opts->max_rss > 0 && i < n; i++) {
            long long rss;
            if (!ws[i].pid || ws[i].job < 0)
                continue;
            rss = resident_bytes(ws[i].pid);
            if (rss > opts->max_rss)
                kill_over_memory(ops, &ws[i], rss, opts->max_rss);
        }
        if (ops->tick && now_seconds() - last_tick >= 1.0) {
            ops->tick(ops->ctx);
            last_tick = now_seconds();
        }
    }
out:
    free(pfd);
    free(ws);
    return rc;
}
