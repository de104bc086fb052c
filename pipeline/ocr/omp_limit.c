/*
 * omp_limit.c - re-exec once with OMP_THREAD_LIMIT=1 (see ocr.h).
 */
#include "ocr.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

void bs_omp_limit_reexec(char **argv)
{
    char self[PATH_MAX];
    ssize_t n;

    if (getenv("OMP_THREAD_LIMIT"))
        return;
    /* The real path, not /proc/self/exe, so ps and pgrep still show
     * "broadsheet". */
    n = readlink("/proc/self/exe", self, sizeof(self) - 1);
    if (n <= 0)
        return;
    self[n] = '\0';
    if (setenv("OMP_THREAD_LIMIT", "1", 1) != 0)
        return;
    /* The variable is now set, so the new image does not come back here. */
    execv(self, argv);
    unsetenv("OMP_THREAD_LIMIT"); /* exec failed: leave things as they were */
}
