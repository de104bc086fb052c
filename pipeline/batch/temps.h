/*
 * temps.h - finding and removing the temporary files of atomic writes that a
 * killed process left behind in a page folder or in OUT.
 *
 * Atomic writes (base.h: fsutil.c) write ".broadsheet.tmp.<pid>.<n>.NAME"
 * and rename it; a process killed between the two leaves the temp file.
 * Older broadsheets wrote "NAME.tmp.<pid>.<n>"; those are recognised too,
 * but only for the NAMEs broadsheet writes (a file of that shape someone
 * else keeps there is left alone).  The batch removes them when a worker
 * dies mid-page (by that worker's pid), in a page folder before the page is
 * looked at (any pid, holding the page's lock), and in OUT before the
 * run-level files are written (any pid, holding OUT's lock), so no
 * half-written file outlives a crash and no run removes another's.
 */
#ifndef BS_TEMPS_H
#define BS_TEMPS_H

#include <sys/types.h>

/* True when `name` looks like a temp name of process `pid` (0: any). */
int bs_is_temp_name(const char *name, pid_t pid);
/* Removes temp files of process `pid` (0: any) in `dir`, and in its
 * sub-folders (articles/) when `subfolders`.  Returns how many it removed;
 * a folder that cannot be read is skipped. */
int bs_remove_temps(const char *dir, pid_t pid, int subfolders);

#endif
