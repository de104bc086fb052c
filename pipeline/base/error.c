/*
 * error.c - status messages and the allocation wrappers.
 *
 * Allocation failure is the only fatal error in broadsheet: everything else
 * is reported through struct bs_error and returned.
 */
#include "base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bs_fail(struct bs_error *err, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return -1;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
    va_end(ap);
    /* One line: a message is printed as one line on stderr and in manifests. */
    for (char *p = err->msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return -1;
}

int bs_fail_prefix(struct bs_error *err, const char *fmt, ...)
{
    char prefix[512], old[sizeof(err->msg)];
    va_list ap;

    if (!err)
        return -1;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof(prefix), fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof(old));
    return bs_fail(err, "%s: %s", prefix, old);
}

void bs_oom(void)
{
    fputs("broadsheet: out of memory\n", stderr);
    exit(3);
}

void *bs_malloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        bs_oom();
    return p;
}

void *bs_calloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        bs_oom();
    return p;
}

void *bs_realloc(void *old, size_t n)
{
    void *p = realloc(old, n ? n : 1);
    if (!p)
        bs_oom();
    return p;
}

char *bs_strdup(const char *s)
{
    return bs_strndup(s ? s : "", strlen(s ? s : ""));
}

char *bs_strndup(const char *s, size_t n)
{
    char *p = bs_malloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bs_sprintf(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    p = bs_malloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void bs_grow(void **array, int *cap, int need, size_t size)
{
    int newcap;

    if (need <= *cap)
        return;
    newcap = *cap ? *cap : 8;
    while (newcap < need)
        newcap *= 2;
    *array = bs_realloc(*array, (size_t)newcap * size);
    memset((char *)*array + (size_t)*cap * size, 0,
           (size_t)(newcap - *cap) * size);
    *cap = newcap;
}
