/*
 * manifest.h - the batch manifest: a tab-separated log, one line per page.
 *
 * OUT/manifest.tsv (or OUT/manifest-K-of-N.tsv for --shard K/N) gets one
 * line per finished page:
 *
 *     id <TAB> status <TAB> seconds <TAB> checksum <TAB> reason <TAB> input
 *
 * status is done, failed or skipped (up to date); checksum is the input's
 * SHA-256 or "-"; reason is "-" unless failed; input is the image (or page
 * folder on re-runs).  Lines starting with '#' are comments (each run opens
 * with one).  The file is only ever appended to, one write(2) per line on an
 * O_APPEND descriptor, so lines survive a kill, and several processes (GNU
 * parallel jobs) may share one manifest.  For one id the last line wins.
 */
#ifndef BS_MANIFEST_H
#define BS_MANIFEST_H

#include "../base/error.h"

struct bs_manifest {
    int fd;         /* -1: no manifest (writes are no-ops) */
    char *path;
};

/* The manifest's file name for a shard (shard_n 0: no shard); malloc'd. */
char *bs_manifest_name(int shard_k, int shard_n);
/* Opens dir/<name> for appending and writes the run's comment line. */
int bs_manifest_open(struct bs_manifest *m, const char *dir, int shard_k,
                     int shard_n, int workers, struct bs_error *err);
/* Appends one line; tabs and newlines in fields become spaces.  NULL or ""
 * fields are written as "-". */
int bs_manifest_add(struct bs_manifest *m, const char *id, const char *status,
                    double seconds, const char *checksum, const char *reason,
                    const char *input, struct bs_error *err);
/* Closes; safe on a zeroed or never-opened manifest. */
void bs_manifest_close(struct bs_manifest *m);

/* One parsed line. */
struct bs_manifest_line {
    char *id, *status, *checksum, *reason, *input;
    double seconds;
};
/* Calls fn for every well-formed line of a manifest file, in file order;
 * malformed lines are skipped (a kill may tear the last one). */
int bs_manifest_read(const char *path,
                     void (*fn)(void *ctx, const struct bs_manifest_line *l),
                     void *ctx, struct bs_error *err);
/* True for "manifest.tsv" and "manifest-K-of-N.tsv". */
int bs_is_manifest_name(const char *name);

#endif
