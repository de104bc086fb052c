/*
 * base.h - pipeline/base/, what every part stands on: the error status and
 * allocation (error.c), growing strings (strbuf.c), UTF-8 and code point
 * classes (utf8.c), files and folders with atomic writes (fsutil.c),
 * folder locks (lock.c).
 *
 * base/ knows nothing of pages, images or stages; every other part may
 * include this header.
 */
#ifndef BS_BASE_H
#define BS_BASE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

/* ---- error.c ---- */
/*
 * The status every broadsheet function returns.
 *
 * A function that can fail takes a `struct bs_error *` as its last argument
 * and returns 0 on success or -1 after filling the message with one line that
 * names the file and the problem.  Only main() turns an error into an exit
 * code; nothing below it exits or aborts on bad input.  Out-of-memory is the
 * one fatal condition (bs_oom()).
 */

struct bs_error {
    char msg[1024];
};

/* Sets err->msg from a printf format and returns -1, so callers can write
 * `return bs_fail(err, "%s: truncated", path);`.  err may be NULL. */
int bs_fail(struct bs_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prefixes the message already in err with "prefix: " and returns -1. */
int bs_fail_prefix(struct bs_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prints "broadsheet: out of memory" and exits; the only exit below main. */
void bs_oom(void) __attribute__((noreturn));

/* Allocation wrappers that never return NULL. */
void *bs_malloc(size_t n);
void *bs_calloc(size_t n, size_t size);
void *bs_realloc(void *p, size_t n);
char *bs_strdup(const char *s);
char *bs_strndup(const char *s, size_t n);
/* Returns a malloc'd string built from a printf format. */
char *bs_sprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows *array (of elements of `size` bytes) so that it holds at least
 * `need` elements; *cap is updated.  New memory is zeroed. */
void bs_grow(void **array, int *cap, int need, size_t size);

/* ---- strbuf.c ---- */
/*
 * A string that grows: text built from many pieces (an article from its
 * lines, a page from its articles) in time linear in its length.  Owned by
 * whoever declares it ({0} is empty); bs_buf_take hands the text over.
 */

struct bs_buf {
    char *s;             /* NUL-terminated once anything was added */
    size_t len, cap;
};

void bs_buf_add(struct bs_buf *b, const char *s);
void bs_buf_addn(struct bs_buf *b, const char *s, size_t n);
void bs_buf_addf(struct bs_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The text so far ("" when nothing was added); valid until the next add. */
const char *bs_buf_str(const struct bs_buf *b);
/* Cuts the text to its first len bytes (no-op when shorter). */
void bs_buf_truncate(struct bs_buf *b, size_t len);
/* The text as a malloc'd string ("" when empty); b is empty afterwards. */
char *bs_buf_take(struct bs_buf *b);
void bs_buf_release(struct bs_buf *b);

/* ---- utf8.c ---- */
/*
 * Decoding UTF-8 text and classifying code points (CJK, punctuation).
 *
 * Repair, eval and the text joins all work on code points, never bytes:
 * Chinese text has no spaces, and a character error is one code point.
 */

/* Decodes one code point at s (at most n bytes).  Stores the byte length in
 * *len (>= 1).  Invalid or truncated sequences decode as U+FFFD, length 1. */
uint32_t bs_utf8_decode(const char *s, size_t n, int *len);
/* Encodes cp into out (at least 4 bytes); returns the byte count. */
int bs_utf8_encode(uint32_t cp, char *out);
/* True when the whole string is valid UTF-8. */
int bs_utf8_valid(const char *s, size_t n);

/* The first and the last code point of a NUL-terminated string; 0 for "". */
uint32_t bs_utf8_first(const char *s);
uint32_t bs_utf8_last(const char *s);

/* Decodes a NUL-terminated string into a malloc'd array of code points;
 * *count gets its length. */
uint32_t *bs_utf8_to_cps(const char *s, int *count);
/* Encodes count code points into a malloc'd NUL-terminated string. */
char *bs_utf8_from_cps(const uint32_t *cps, int count);

/* Han ideographs, kana, hangul and CJK full-width punctuation: characters
 * that are written without spaces between them. */
int bs_cp_is_cjk(uint32_t cp);
/* Han ideographs only. */
int bs_cp_is_han(uint32_t cp);
/* Punctuation of either script (ASCII, general, CJK and full-width). */
int bs_cp_is_punct(uint32_t cp);
/* Unicode white space that OCR emits (ASCII, NBSP, ideographic space). */
int bs_cp_is_space(uint32_t cp);
/* Latin letter or digit (ASCII and Latin-1/Extended letters). */
int bs_cp_is_latin_alnum(uint32_t cp);
/* A lower-case letter of the Latin (with long s), Greek or Cyrillic
 * alphabets. */
int bs_cp_is_lower(uint32_t cp);
/* A hyphen as printed or transcribed at a line end: '-', soft hyphen,
 * the transcribers' not sign, the Fraktur double hyphen, hyphen and
 * non-breaking hyphen. */
int bs_cp_is_hyphen(uint32_t cp);

/* ---- fsutil.c ---- */
/*
 * Files and folders: atomic writes, bounded reads, safe names.
 *
 * Every output broadsheet writes goes through bs_write_atomic() or
 * bs_atomic_open()/bs_atomic_commit(): the bytes go to a temporary file in
 * the same folder, which is renamed over the target only once complete, so a
 * crash or kill never leaves a half-written output.  Two exceptions, for
 * paths a user names: "-" is standard output, and a path that exists and
 * is not a regular file (/dev/stdout, a FIFO) is written in place, never
 * renamed over.
 */

/* Temp names start with this, so they are broadsheet's own (nobody else
 * writes ".broadsheet.tmp.<pid>.<n>.NAME") and hidden from folder listings
 * (bs_list_dir skips dot names). */
#define BS_TEMP_PREFIX ".broadsheet.tmp."

/* Writes len bytes to path atomically (temp file + fsync-free rename). */
int bs_write_atomic(const char *path, const void *data, size_t len,
                    struct bs_error *err);

/* A file being written atomically.  Owned by the caller; commit or abort
 * releases it. */
struct bs_atomic {
    char *path;   /* final name */
    char *tmp;    /* temporary name in the same folder; NULL when written
                     in place (standard output, a device) */
    FILE *fp;     /* write here */
};
int bs_atomic_open(struct bs_atomic *af, const char *path, struct bs_error *err);
/* Closes and renames; on failure removes the temp file. */
int bs_atomic_commit(struct bs_atomic *af, struct bs_error *err);
/* Closes and removes the temp file; safe on a zeroed struct. */
void bs_atomic_abort(struct bs_atomic *af);
/* A temp name in path's folder: "DIR/.broadsheet.tmp.<pid>.<n>.NAME"
 * (NAME cut to 96 bytes), malloc'd. */
char *bs_temp_name(const char *path);
/* Renames tmp over path; removes tmp on failure. */
int bs_rename_into_place(const char *tmp, const char *path,
                         struct bs_error *err);

/* Copies file `from` to `to` byte for byte, atomically (to's temp file is
 * removed on failure). */
int bs_copy_atomic(const char *from, const char *to, struct bs_error *err);

/* Opens a regular file for reading, never anything else: a FIFO (which
 * would block with no writer), a device or a folder is refused before it is
 * opened.  Returns the descriptor (or a stdio stream), or -1 (NULL) with
 * err set. */
int bs_open_regular(const char *path, struct bs_error *err);
FILE *bs_fopen_regular(const char *path, struct bs_error *err);

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

/* True when `name` can stand as one file name inside a folder: 1 to 255
 * bytes, no '/' or '\\', no control character, not "." or "..", and not
 * starting with '.' (hidden names are broadsheet's own: locks, temps). */
int bs_name_is_safe(const char *name);
/* dir/name, malloc'd, when name is safe (bs_name_is_safe); else NULL with
 * err naming it.  Every file name read from an artifact (an article id
 * made a file name) is joined this way, so none can point outside the
 * folder it is written in. */
char *bs_path_child(const char *dir, const char *name, struct bs_error *err);
/* True for a block or article id: 1 to 15 bytes of letters, digits, '_',
 * '-' and '.', starting with a letter, digit or '_' (so ".." and
 * "../x" are not ids). */
int bs_id_is_valid(const char *id);
/* mkdir of one folder that must be a real folder: an existing symbolic
 * link (which could lead out of OUT) is refused. */
int bs_mkdir_here(const char *path, struct bs_error *err);

/* Page ids.  A page id is a relative path of one or more components
 * ("0001", "1912-01-01/0001"), the page's folder below OUT.  Each
 * component has '/', '\\', control characters and invalid UTF-8 replaced
 * by '_', a leading '.' made '_' (so never "." or ".."), and is at most
 * BS_ID_COMPONENT_MAX bytes; "page" when nothing is left.  The result can
 * never name a path outside the output folder.
 *
 * bs_page_id_from_rel: from a path relative to the folder searched
 * ("1912-01-01/0001.tif" -> "1912-01-01/0001"): the last component loses
 * its extension, "." components are dropped.  bs_page_id_from_path: from
 * a file name alone (the base name of path).  If subpage >= 0, "-pNNN"
 * (1-based) is appended.  malloc'd. */
#define BS_ID_COMPONENT_MAX 120
char *bs_page_id_from_rel(const char *rel, int subpage);
char *bs_page_id_from_path(const char *path, int subpage);

/* ---- walk.c ---- */
/*
 * Each real file or folder once: a set of (device, inode) pairs, and the
 * search for leaf folders (page folders) below a root.
 */

struct bs_inode_set {
    struct {
        dev_t dev;
        ino_t ino;
        int used;
    } *v;
    size_t n, cap;
};
/* Adds a file's identity; 1 when it was new, 0 when already there. */
int bs_inode_set_add(struct bs_inode_set *s, dev_t dev, ino_t ino);
int bs_inode_set_has(const struct bs_inode_set *s, dev_t dev, ino_t ino);
void bs_inode_set_release(struct bs_inode_set *s);

/* Calls found(ctx, dir, rel) for every folder under root (root included)
 * that is_leaf says is one, in name order, without looking inside it; rel
 * is its path relative to root ("" for root itself).  Each real folder is
 * visited once (a symlink to a folder already seen is passed by), hidden
 * names are skipped and the search goes at most 32 levels down.
 * Unreadable folders are passed by. */
void bs_walk_leaf_dirs(const char *root,
                       int (*is_leaf)(void *ctx, const char *dir),
                       void (*found)(void *ctx, const char *dir,
                                     const char *rel),
                       void *ctx);

/* SHA-256 of a file as 64 hex digits into out[65]. */
int bs_sha256_file(const char *path, char out[65], struct bs_error *err);
/* SHA-256 of a buffer. */
void bs_sha256_hex(const void *data, size_t len, char out[65]);

/* ---- lock.c ---- */
/*
 * One broadsheet at a time in a folder.
 *
 * A worker holds its page folder's lock while it looks at the page's
 * stamp, removes leftovers and writes the outputs; a run holds OUT's lock
 * while it clears OUT's leftovers and writes the run-level files (METS,
 * links across pages).  So two runs on one OUT (or Slurm array tasks
 * sharing it) never remove each other's temp files or write one page at
 * once: the second waits.  Lock order: a page lock may be taken while
 * holding OUT's, never OUT's while holding a page's.
 */

#define BS_LOCK_NAME ".broadsheet.lock"

struct bs_lock {
    int fd;          /* -1: not held */
};

/* Takes the lock of folder dir (which must exist).  wait=1 blocks until
 * it is free; wait=0 returns 1 at once when another process holds it.
 * Returns 0 when taken, -1 with err set when the lock file cannot be
 * opened or locked.  Released by bs_lock_release or by the process's
 * end. */
int bs_lock_take(struct bs_lock *lk, const char *dir, int wait,
                 struct bs_error *err);
void bs_lock_release(struct bs_lock *lk);

#endif
