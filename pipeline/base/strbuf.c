/*
 * strbuf.c - a growing string (see base.h): text built piece by piece in
 * linear time, where "%s%s" into a new string each time was quadratic.
 */
#include "base.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bs_buf_addn(struct bs_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = bs_realloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void bs_buf_add(struct bs_buf *b, const char *s)
{
    bs_buf_addn(b, s, strlen(s));
}

void bs_buf_addf(struct bs_buf *b, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        bs_oom();
    va_end(ap);
    bs_buf_add(b, s);
    free(s);
}

const char *bs_buf_str(const struct bs_buf *b)
{
    return b->s ? b->s : "";
}

void bs_buf_truncate(struct bs_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->s[len] = '\0';
    }
}

char *bs_buf_take(struct bs_buf *b)
{
    char *s = b->s ? b->s : bs_strdup("");

    memset(b, 0, sizeof(*b));
    return s;
}

void bs_buf_release(struct bs_buf *b)
{
    free(b->s);
    memset(b, 0, sizeof(*b));
}
