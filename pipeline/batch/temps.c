/*
 * temps.c - removing the temp files a killed writer left in a page folder
 * or in OUT (see temps.h).
 */
#include "temps.h"

#include "../base/base.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Length of the run of digits at s. */
static size_t digits(const char *s)
{
    size_t n = 0;

    while (s[n] >= '0' && s[n] <= '9')
        n++;
    return n;
}

/* True when the pid field p (n digits) is `pid` (or pid is 0). */
static int pid_is(const char *p, size_t n, pid_t pid)
{
    char want[32];
    int k;

    if (pid <= 0)
        return 1;
    k = snprintf(want, sizeof(want), "%ld", (long)pid);
    return (size_t)k == n && strncmp(p, want, n) == 0;
}

/* The names broadsheet writes (page folders, OUT, the repair and import
 * commands' folders): an old-style temp of one of them is broadsheet's. */
static int own_name(const char *name, size_t n)
{
    static const char *const names[] = {
        "image.png", "gray.png", "binary.png", "timing.json", "done.json",
        "articles.json", "page.txt", "fulltext.txt", "repairs.json",
        "page.alto.xml", "page.xml", "page.hocr", "mets.xml",
        "paragraphs.txt", NULL};

    for (int i = 0; names[i]; i++)
        if (strlen(names[i]) == n && strncmp(name, names[i], n) == 0)
            return 1;
    /* model.<stage>.json, and an article's aNNN.txt */
    if (n > 11 && strncmp(name, "model.", 6) == 0 &&
        strncmp(name + n - 5, ".json", 5) == 0)
        return 1;
    return n > 5 && name[0] == 'a' && digits(name + 1) == n - 5 &&
           strncmp(name + n - 4, ".txt", 4) == 0;
}

int bs_is_temp_name(const char *name, pid_t pid)
{
    size_t plen = strlen(BS_TEMP_PREFIX), a, b;
    const char *p = NULL, *q = name;

    /* .broadsheet.tmp.<pid>.<n>.NAME */
    if (strncmp(name, BS_TEMP_PREFIX, plen) == 0) {
        const char *d = name + plen;
        a = digits(d);
        if (a == 0 || d[a] != '.')
            return 0;
        b = digits(d + a + 1);
        return b > 0 && d[a + 1 + b] == '.' && d[a + 2 + b] != '\0' &&
               pid_is(d, a, pid);
    }
    /* old style: NAME.tmp.<pid>.<n>, the last ".tmp." with digits after */
    while ((q = strstr(q, ".tmp.")) != NULL) {
        p = q;
        q++;
    }
    if (!p || !own_name(name, (size_t)(p - name)))
        return 0;
    p += 5;
    a = digits(p);
    if (a == 0 || p[a] != '.')
        return 0;
    b = digits(p + a + 1);
    return b > 0 && p[a + 1 + b] == '\0' && pid_is(p, a, pid);
}

/* A folder, not a symbolic link to one (which could lead out of OUT). */
static int is_real_dir(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
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
        } else if (depth > 0 && is_real_dir(path)) {
            removed += remove_in(path, pid, depth - 1);
        }
        free(path);
    }
    closedir(d);
    return removed;
}

int bs_remove_temps(const char *dir, pid_t pid, int subfolders)
{
    return remove_in(dir, pid, subfolders ? 1 : 0);
}
