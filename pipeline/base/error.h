/*
 * error.h - the status every broadsheet function returns.
 *
 * A function that can fail takes a `struct bs_error *` as its last argument
 * and returns 0 on success or -1 after filling the message with one line that
 * names the file and the problem.  Only main() turns an error into an exit
 * code; nothing below it exits or aborts on bad input.  Out-of-memory is the
 * one fatal condition (bs_oom()).
 */
#ifndef BS_ERROR_H
#define BS_ERROR_H

#include <stddef.h>

struct bs_error {
    char msg[1024];
};

/* Sets err->msg from a printf format and returns -1, so callers can write
 * `return bs_fail(err, "%s: truncated", path);`.  err may be NULL. */
int bs_fail(struct bs_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prefixes the message already in err with "prefix: " and returns -1. */
int bs_fail_prefix(struct bs_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints "broadsheet: out of memory" and exits; the only exit below main. */
void bs_oom(void) __attribute__((noreturn));

/* Allocation wrappers that never return NULL. */
void *bs_malloc(size_t n);
void *bs_calloc(size_t n, size_t size);
void *bs_realloc(void *p, size_t n);
char *bs_strdup(const char *s);
char *bs_strndup(const char *s, size_t n);
/* Returns a malloc'd string built from a printf format. */
char *bs_sprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows *array (of elements of `size` bytes) so that it holds at least
 * `need` elements; *cap is updated.  New memory is zeroed. */
void bs_grow(void **array, int *cap, int need, size_t size);

#endif
