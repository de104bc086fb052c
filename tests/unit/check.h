/*
 * check.h - the tiny assertion kit of broadsheet's unit tests.
 *
 * Each tests/unit/test_*.c is its own program: it calls its test functions
 * from main() and ends with `return check_report(argv0)`, which prints one
 * summary line and returns non-zero when any check failed.
 */
#ifndef BS_CHECK_H
#define BS_CHECK_H

#include <ftw.h>
#include <stdio.h>
#include <string.h>

static int check_total, check_failed;

#define CHECK(cond)                                                        \
    do {                                                                   \
        check_total++;                                                     \
        if (!(cond)) {                                                     \
            check_failed++;                                                \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                      \
        }                                                                  \
    } while (0)

#define CHECK_STR(got, want)                                               \
    do {                                                                   \
        const char *g_ = (got), *w_ = (want);                              \
        check_total++;                                                     \
        if (!g_ || !w_ || strcmp(g_, w_) != 0) {                           \
            check_failed++;                                                \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__,  \
                    __LINE__, g_ ? g_ : "(null)", w_ ? w_ : "(null)");     \
        }                                                                  \
    } while (0)

#define CHECK_NEAR(got, want, tol)                                         \
    do {                                                                   \
        double g_ = (got), w_ = (want);                                    \
        check_total++;                                                     \
        if (!(g_ >= w_ - (tol) && g_ <= w_ + (tol))) {                     \
            check_failed++;                                                \
            fprintf(stderr, "%s:%d: got %g, want %g +- %g\n", __FILE__,    \
                    __LINE__, g_, w_, (double)(tol));                      \
        }                                                                  \
    } while (0)

static inline int check_report(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, check_total, check_failed);
    return check_failed ? 1 : 0;
}

static inline int check_remove_one(const char *path, const struct stat *st,
                                   int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Removes a test's scratch folder and all below it (no shell).  Returns 0,
 * or -1 when something could not be removed. */
static inline int check_remove_tree(const char *dir)
{
    return nftw(dir, check_remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

#endif
