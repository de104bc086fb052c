/*
 * interrupt.c - SIGINT/SIGTERM to a self-pipe for the batch loop.
 */
#include "interrupt.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t caught;
static int pipe_fds[2] = {-1, -1};
static struct sigaction old_int, old_term, old_pipe;
static int installed;

static void on_signal(int sig)
{
    int saved = errno;
    char c = (char)sig;

    if (!caught)
        caught = sig;
    if (pipe_fds[1] >= 0 && write(pipe_fds[1], &c, 1) < 0) {
        /* pipe full: the loop is already awake */
    }
    errno = saved;
}

int bs_interrupt_install(int *fd, struct bs_error *err)
{
    struct sigaction sa;

    caught = 0;
    if (pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0)
        return bs_fail(err, "cannot create a pipe: %s", strerror(errno));
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, &old_pipe);
    installed = 1;
    *fd = pipe_fds[0];
    return 0;
}

void bs_interrupt_remove(void)
{
    if (!installed)
        return;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigaction(SIGPIPE, &old_pipe, NULL);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    pipe_fds[0] = pipe_fds[1] = -1;
    installed = 0;
}

int bs_interrupt_signal(void)
{
    return caught;
}

void bs_interrupt_child(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = SIG_DFL;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGPIPE, &sa, NULL);
    if (pipe_fds[0] >= 0) {
        close(pipe_fds[0]);
        close(pipe_fds[1]);
        pipe_fds[0] = pipe_fds[1] = -1;
    }
    installed = 0;
}
