/*
 * interrupt.h - SIGINT/SIGTERM as an event the batch loop can wait for.
 *
 * While installed, the first SIGINT or SIGTERM is recorded and makes a
 * self-pipe readable, so the batch's poll() loop wakes, stops handing out
 * pages, terminates its workers and returns.  SIGPIPE is ignored while
 * installed (a dead worker's pipe gives EPIPE instead of killing the batch).
 */
#ifndef BS_INTERRUPT_H
#define BS_INTERRUPT_H

#include "../base/base.h"

/* Installs the handlers; returns the fd to poll for readability. */
int bs_interrupt_install(int *fd, struct bs_error *err);
/* Restores the previous handlers and closes the pipe. */
void bs_interrupt_remove(void);
/* The signal caught since install, or 0. */
int bs_interrupt_signal(void);
/* In a forked worker: back to the default handlers, SIGINT ignored (the
 * batch parent decides when to stop), pipe closed. */
void bs_interrupt_child(void);

#endif
