/*
 * fsutil.h - files and folders: atomic writes, bounded reads, safe names.
 *
 * Every output broadsheet writes goes through bs_write_atomic() or
 * bs_atomic_open()/bs_atomic_commit(): the bytes go to a temporary file in
 * the same folder, which is renamed over the target only once complete, so a
 * crash or kill never leaves a half-written output.
 */
#ifndef BS_FSUTIL_H
#define BS_FSUTIL_H

#include "error.h"

#include <stdio.h>
#include <stddef.h>

/* Writes len bytes to path atomically (temp file + fsync-free rename). */
int bs_write_atomic(const char *path, const void *data, size_t len,
                    struct bs_error *err);

/* A file being written atomically.  Owned by the caller; commit or abort
 * releases it. */
struct bs_atomic {
    char *path;   /* final name */
    char *tmp;    /* temporary name in the same folder */
    FILE *fp;     /* write here */
};
int bs_atomic_open(struct bs_atomic *af, const char *path, struct bs_error *err);
/* Closes and renames; on failure removes the temp file. */
int bs_atomic_commit(struct bs_atomic *af, struct bs_error *err);
/* Closes and removes the temp file; safe on a zeroed struct. */
void bs_atomic_abort(struct bs_atomic *af);
/* A temp name beside path ("path.tmp.<pid>.<n>"), malloc'd; for libraries
 * that insist on writing a file by name themselves. */
char *bs_temp_name(const char *path);
/* Renames tmp over path; removes tmp on failure. */
int bs_rename_into_place(const char *tmp, const char *path,
                         struct bs_error *err);

/* Copies file `from` to `to` byte for byte, atomically (to's temp file is
 * removed on failure). */
int bs_copy_atomic(const char *from, const char *to, struct bs_error *err);

/* Reads a whole file of at most max bytes into a malloc'd NUL-terminated
 * buffer.  Fails cleanly on a missing, unreadable or oversized file. */
int bs_read_file(const char *path, size_t max, char **data, size_t *len,
                 struct bs_error *err);

/* mkdir -p. */
int bs_mkdir_p(const char *path, struct bs_error *err);
int bs_is_dir(const char *path);
/* The entries of a folder, leaving out names that start with '.', sorted
 * bytewise so a batch is reproducible.  *names (malloc'd strings in a
 * malloc'd array, freed with bs_free_names) and *count are set on success;
 * -1 with err set when the folder cannot be read. */
int bs_list_dir(const char *dir, char ***names, int *count,
                struct bs_error *err);
void bs_free_names(char **names, int count);
int bs_is_file(const char *path);
/* Joins two path parts with '/'; malloc'd. */
char *bs_path_join(const char *a, const char *b);
/* Removes a file if it exists (ENOENT is not an error). */
int bs_remove_if_exists(const char *path, struct bs_error *err);

/* A page id made from an input file name: the base name without its
 * extension, with '/', control characters, invalid UTF-8 and a leading '.'
 * replaced by '_', at most 120 bytes; "page" when nothing is left.  The
 * result can never name a path outside the output folder.  If subpage >= 0,
 * "-pNNN" (1-based) is appended.  malloc'd. */
char *bs_page_id_from_path(const char *path, int subpage);

/* SHA-256 of a file as 64 hex digits into out[65]. */
int bs_sha256_file(const char *path, char out[65], struct bs_error *err);
/* SHA-256 of a buffer. */
void bs_sha256_hex(const void *data, size_t len, char out[65]);

#endif
