/*
 * temps.c - removing the temp files a killed writer left in a page folder.
 */
#include "temps.h"

#include "../base/base.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Depth of sub-folders searched below the page folder (articles/ today). */
#define TEMPS_DEPTH 2

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int bs_is_temp_name(const char *name, pid_t pid)
{
    /* NAME.tmp.<pid>.<n>: find the last ".tmp." with digits after it. */
    const char *p = NULL, *q = name;
    const char *dot;

    while ((q = strstr(q, ".tmp.")) != NULL) {
        p = q;
        q++;
    }
    if (!p || p == name)
        return 0;
    p += 5;
    dot = strchr(p, '.');
    if (!dot || !all_digits(p, (size_t)(dot - p)) ||
        !all_digits(dot + 1, strlen(dot + 1)))
        return 0;
    if (pid > 0) {
        char want[32];
        int n = snprintf(want, sizeof(want), "%ld", (long)pid);
        return (size_t)n == (size_t)(dot - p) && strncmp(p, want, n) == 0;
    }
    return 1;
}

static int remove_in(const char *dir, pid_t pid, int depth)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int removed = 0;

    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        char *path;

        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        path = bs_path_join(dir, e->d_name);
        if (bs_is_temp_name(e->d_name, pid) && bs_is_file(path)) {
            if (unlink(path) == 0)
                removed++;
        } else if (depth > 0 && bs_is_dir(path)) {
            removed += remove_in(path, pid, depth - 1);
        }
        free(path);
    }
    closedir(d);
    return removed;
}

int bs_remove_temps(const char *dir, pid_t pid)
{
    return remove_in(dir, pid, TEMPS_DEPTH - 1);
}
