/*
 * inputs.h - from command-line arguments to the list of pages to process.
 *
 * `run` takes image files, folders (searched recursively for images), list
 * files (@pages.txt, one path per line) and multi-page TIFFs (one page each).
 * A run that starts after `load` takes page folders or output folders
 * instead.  An argument that cannot be used (a missing file, a damaged TIFF)
 * becomes a job that has already failed, so it is reported with the others
 * and never stops the run.
 *
 * Folder searches go in name order and skip hidden names, page folders
 * (holding model.load.json: their images are outputs), the output folder
 * when it sits inside an input folder, and symlinks back to a folder being
 * searched.  Lines of a list file are paths relative to the current folder
 * (blank lines and lines starting with '#' are ignored).  Page ids come
 * from file names (fsutil.h: bs_page_id_from_path); the second page with
 * the same id gets "-2", the third "-3", in input order, so the same
 * arguments always give the same ids (--shard relies on it).
 */
#ifndef BS_INPUTS_H
#define BS_INPUTS_H

#include "../base/error.h"

struct bs_job {
    char *input;     /* image path; NULL when resuming from a page folder */
    int subpage;     /* page within a multi-page TIFF (0-based) */
    char *id;        /* page id, unique within the run */
    char *dir;       /* OUT/<id> */
    char *error;     /* set when the input is already known to be bad */
};

struct bs_jobs {
    struct bs_job *v;
    int n, cap;
};

/* Collects the pages.  from_stage 0 means inputs are images, written under
 * `out`; otherwise inputs are page folders (holding model.<prev>.json) or
 * folders of page folders, and `out` is ignored.  Only usage errors (no
 * output folder, no inputs) return -1. */
int bs_jobs_collect(char **args, int nargs, int from_stage, const char *out,
                    struct bs_jobs *jobs, struct bs_error *err);
void bs_jobs_release(struct bs_jobs *jobs);

/* True for file names with an image extension (for folder searches). */
int bs_is_image_name(const char *name);

#endif
