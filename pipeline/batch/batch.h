/*
 * batch.h - pipeline/batch/, running many pages: the pages a command names
 * (inputs.c), the run over them in worker processes with resume, shards,
 * timeouts and the after-the-run hooks (batch.c, with batch_page.c,
 * workers.c, progress.c, shard.c, interrupt.c and temps.c inside), and the
 * manifest that logs every page (manifest.c).
 */
#ifndef BS_BATCH_H
#define BS_BATCH_H

#include "../base/base.h"

struct bs_cli;

/* ---- batch.c ---- */
/*
 * The pages of one `run` or `stage` command as a batch.
 */

/* Runs the pages of a parsed `run`/`stage` command (cli.h) in worker
 * processes and returns the process exit code (cli.h's BS_EXIT_*, or
 * 128+signal when stopped). */
int bs_run_pages(struct bs_cli *cli);

/* ---- inputs.c ---- */
/*
 * From command-line arguments to the list of pages to process.
 *
 * `run` takes image files, folders (searched recursively for images), list
 * files (@pages.txt, one path per line) and multi-page TIFFs (one page each).
 * A run that starts after `load` takes page folders or output folders
 * instead.  An argument that cannot be used (a missing file, a damaged TIFF)
 * becomes a job that has already failed, so it is reported with the others
 * and never stops the run.
 *
 * Folder searches go in name order and skip hidden names, page folders
 * (holding model.load.json or done.json: their images are outputs), the
 * output folder when it sits inside an input folder, and folders already
 * searched.  Every real file, folder and list is taken once, by device and
 * inode (a file given twice, or reached through symlinks, is one page);
 * what is not a regular file (a FIFO, a device) is never opened: it is a
 * failed input.  Lines of a list file are paths relative to the current
 * folder (blank lines and lines starting with '#' are ignored), each taken
 * as if given on the command line.
 *
 * Page ids (base.h: bs_page_id_from_rel) come from where the input is, not
 * from the other inputs, so they are the same on every run and every
 * shard and adding a scan never renames a page:
 *   - an image in a FOLDER given: its path below FOLDER without the
 *     extension (`iss/` with iss/1912-01-01/0001.tif: "1912-01-01/0001");
 *   - an image given by name (argument or list line): its file name
 *     without the extension;
 *   - a multi-page TIFF: that id with "-p001", "-p002"...;
 *   - a first component that names a run-level file of OUT (mets.xml,
 *     manifest.tsv, manifest-K-of-N.tsv) gets "_" after it.
 * Two inputs with one id, or one page's folder inside another's ("1912"
 * and "1912/0001"), are a clash: a usage error naming both, before any
 * page runs.  A re-run's page keeps the id `load` recorded.
 */

struct bs_job {
    char *input;     /* image path; NULL when resuming from a page folder */
    int subpage;     /* page within a multi-page TIFF (0-based) */
    char *id;        /* page id, unique within the run */
    char *dir;       /* OUT/<id>; NULL for an argument that is no page */
    char *error;     /* set when the input is already known to be bad */
};

struct bs_jobs {
    struct bs_job *v;
    int n, cap;
    char *root;      /* the run's folder for run-level files (manifest,
                        METS): OUT, or for a re-run the folder the page ids
                        are relative to when it is a run's OUT (named by the
                        command or holding a manifest); NULL: none */
};

/* Collects the pages.  from_stage 0 means inputs are images, written under
 * `out`; otherwise inputs are page folders (holding model.<prev>.json) or
 * folders of page folders at any depth, and `out` is ignored.  Only usage
 * errors (no output folder, no inputs, a clash of page ids) return -1. */
int bs_jobs_collect(char **args, int nargs, int from_stage, const char *out,
                    struct bs_jobs *jobs, struct bs_error *err);
void bs_jobs_release(struct bs_jobs *jobs);

/* True for file names with an image extension (for folder searches). */
int bs_is_image_name(const char *name);
/* True for the names of run-level files in OUT (mets.xml and the
 * manifests), which no page folder may take. */
int bs_is_run_file_name(const char *name);

/* ---- manifest.c ---- */
/*
 * The batch manifest: a tab-separated log, one line per page.
 *
 * OUT/manifest.tsv (or OUT/manifest-K-of-N.tsv for --shard K/N) gets one
 * line per finished page:
 *
 *     id <TAB> status <TAB> seconds <TAB> checksum <TAB> reason <TAB> input
 *        <TAB> confidence
 *
 * status is done, failed or skipped (up to date); checksum is the input's
 * SHA-256 or "-"; reason is why a page failed, or why a done page was
 * redone ("redone: the input changed"), else "-"; input is the image (or
 * page folder on re-runs); confidence is the page's mean word confidence
 * (0..100, articles.json's) or "-" (lines of older manifests have six
 * fields: read as "-").  Lines starting with '#' are comments (each run opens
 * with one).  The file is only ever appended to, a whole line or nothing:
 * each append holds a lock on the file (several processes may share one
 * manifest: GNU parallel jobs, two runs, Slurm tasks), is synced, and is
 * cut back off when it fails (a full disk), so a line is never torn nor
 * glued to the next.  It is never written through a symbolic link.  For
 * one id the last line wins.
 */

struct bs_manifest {
    int fd;         /* -1: no manifest (writes are no-ops) */
    char *path;
};

/* The manifest's file name for a shard (shard_n 0: no shard); malloc'd. */
char *bs_manifest_name(int shard_k, int shard_n);
/* Opens dir/<name> for appending and writes the run's comment line. */
int bs_manifest_open(struct bs_manifest *m, const char *dir, int shard_k,
                     int shard_n, int workers, struct bs_error *err);
/* Appends one line, all of it or none (-1 with err then); tabs and
 * newlines in fields become spaces.  NULL or "" fields are written as
 * "-". */
int bs_manifest_add(struct bs_manifest *m, const char *id, const char *status,
                    double seconds, const char *checksum, const char *reason,
                    const char *input, double confidence,
                    struct bs_error *err);
/* Closes; safe on a zeroed or never-opened manifest. */
void bs_manifest_close(struct bs_manifest *m);

/* One parsed line. */
struct bs_manifest_line {
    char *id, *status, *checksum, *reason, *input;
    double seconds;
    double confidence;      /* -1 unknown */
};
/* Calls fn for every well-formed line of a manifest file, in file order;
 * malformed lines are skipped (a kill may tear the last one). */
int bs_manifest_read(const char *path,
                     void (*fn)(void *ctx, const struct bs_manifest_line *l),
                     void *ctx, struct bs_error *err);
/* True for "manifest.tsv" and "manifest-K-of-N.tsv". */
int bs_is_manifest_name(const char *name);

#endif
