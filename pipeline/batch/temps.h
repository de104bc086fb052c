/*
 * temps.h - finding and removing the temporary files of atomic writes that a
 * killed process left behind in a page folder.
 *
 * Atomic writes (base.h: fsutil.c) write "NAME.tmp.<pid>.<n>" and rename it; a
 * process killed between the two leaves the temp file.  The batch removes
 * them when a worker dies mid-page (by that worker's pid) and before a page
 * is redone (any pid), so no half-written file outlives a crash.
 */
#ifndef BS_TEMPS_H
#define BS_TEMPS_H

#include <sys/types.h>

/* True when `name` looks like a temp name of process `pid` (0: any). */
int bs_is_temp_name(const char *name, pid_t pid);
/* Removes temp files of process `pid` (0: any) in `dir` and its
 * sub-folders (two levels).  Returns how many it removed; a folder that
 * cannot be read is skipped. */
int bs_remove_temps(const char *dir, pid_t pid);

#endif
