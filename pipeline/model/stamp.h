/*
 * stamp.h - done.json, the stamp that says a page folder is complete.
 *
 * A worker removes the stamp before it touches a page and writes it
 * (atomically) after the page's last output, so a stamp exists only beside
 * complete outputs.  It records what the outputs were made from: the
 * broadsheet version, the input's SHA-256 (and page of a multi-page TIFF),
 * a hash of the settings fingerprint and the last stage run.  A batch skips
 * a page whose stamp matches all of these (resume); --force ignores it.
 *
 * The stamp holds no time, so an interrupted and resumed batch writes the
 * same bytes as an uninterrupted one.
 */
#ifndef BS_STAMP_H
#define BS_STAMP_H

#include "../base/error.h"

#define BS_STAMP_NAME "done.json"
#define BS_STAMP_FORMAT "broadsheet-done"
#define BS_STAMP_VERSION 1

struct bs_stamp {
    char page[256];         /* page id */
    char broadsheet[32];    /* version that wrote the outputs */
    char checksum[65];      /* SHA-256 of the input file */
    int subpage;            /* page of a multi-page TIFF, 0-based */
    char settings[65];      /* SHA-256 of bs_settings_fingerprint() */
    char through[32];       /* last stage run */
};

/* Writes dir/done.json atomically. */
int bs_stamp_write(const char *dir, const struct bs_stamp *st,
                   struct bs_error *err);
/* Reads dir/done.json.  Fails (err set) when it is missing, unreadable or
 * not a valid stamp; a stamp is untrusted input. */
int bs_stamp_read(const char *dir, struct bs_stamp *st, struct bs_error *err);
/* Removes dir/done.json if present. */
int bs_stamp_remove(const char *dir, struct bs_error *err);
/* True when two stamps describe the same outputs (page id aside). */
int bs_stamp_matches(const struct bs_stamp *a, const struct bs_stamp *b);

#endif
