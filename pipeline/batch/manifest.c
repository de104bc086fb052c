/*
 * manifest.c - appending to and reading the batch manifest (batch.h).
 */
#include "batch.h"

#include "../base/base.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A manifest line is at most this long; longer reasons are cut. */
#define LINE_MAX_BYTES 4000

#ifndef BS_VERSION
#define BS_VERSION "0.1.0"
#endif

char *bs_manifest_name(int shard_k, int shard_n)
{
    if (shard_n > 0)
        return bs_sprintf("manifest-%d-of-%d.tsv", shard_k, shard_n);
    return bs_strdup("manifest.tsv");
}

int bs_is_manifest_name(const char *name)
{
    int k, n, used = 0;

    if (strcmp(name, "manifest.tsv") == 0)
        return 1;
    return sscanf(name, "manifest-%d-of-%d.tsv%n", &k, &n, &used) == 2 &&
           used > 0 && name[used] == '\0';
}

/* Appends one whole line or nothing.  The file is locked for the append
 * (several processes may share it: GNU parallel jobs, two runs on one OUT,
 * Slurm tasks of one shard), its end noted, the line written and synced;
 * when any of it fails (a full disk) the file is cut back to where it
 * ended, so no torn line is left for the next line to be glued to.  A file
 * that ends in a torn line already (a kill mid-write) gets a newline
 * first, for the same reason. */
static int append(struct bs_manifest *m, const char *line,
                  struct bs_error *err)
{
    size_t len = strlen(line), done = 0;
    struct stat st;
    char last = '\n';
    int rc = 0, e = 0;

    while (flock(m->fd, LOCK_EX) != 0)
        if (errno != EINTR)
            return bs_fail(err, "%s: cannot lock: %s", m->path,
                           strerror(errno));
    if (fstat(m->fd, &st) != 0) {
        rc = bs_fail(err, "%s: cannot append: %s", m->path, strerror(errno));
        goto out;
    }
    if (st.st_size > 0 && pread(m->fd, &last, 1, st.st_size - 1) == 1 &&
        last != '\n' && write(m->fd, "\n", 1) != 1)
        e = errno ? errno : ENOSPC;
    while (!e && done < len) {
        ssize_t n = write(m->fd, line + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            e = n < 0 ? errno : ENOSPC;
            break;
        }
        done += (size_t)n;
    }
    if (!e && fsync(m->fd) != 0 && errno != EINVAL)
        e = errno;
    if (e) {
        /* Nothing of this line stays; a file that cannot even be cut back
         * says so. */
        if (ftruncate(m->fd, st.st_size) != 0)
            rc = bs_fail(err, "%s: cannot append (%s), and a torn line may "
                         "be left", m->path, strerror(e));
        else
            rc = bs_fail(err, "%s: cannot append: %s", m->path, strerror(e));
    }
out:
    flock(m->fd, LOCK_UN);
    return rc;
}

int bs_manifest_open(struct bs_manifest *m, const char *dir, int shard_k,
                     int shard_n, int workers, struct bs_error *err)
{
    char *name = bs_manifest_name(shard_k, shard_n);
    char stamp[64], *line;
    time_t t = time(NULL);
    struct tm tm;
    int rc;

    m->fd = -1;
    m->path = bs_path_join(dir, name);
    free(name);
    if (bs_mkdir_p(dir, err) < 0)
        return -1;
    /* Never through a symbolic link (which could lead out of OUT), never
     * into anything but a regular file. */
    m->fd = open(m->path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC |
                              O_NOFOLLOW | O_NONBLOCK, 0666);
    if (m->fd < 0 && errno == ELOOP)
        return bs_fail(err, "%s: is a symbolic link; the manifest is "
                       "written only inside OUT", m->path);
    if (m->fd < 0)
        return bs_fail(err, "%s: cannot open: %s", m->path, strerror(errno));
    {
        struct stat st;
        if (fstat(m->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            close(m->fd);
            m->fd = -1;
            return bs_fail(err, "%s: not a regular file", m->path);
        }
    }
    gmtime_r(&t, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (shard_n > 0)
        line = bs_sprintf("# broadsheet %s run %s pid %ld shard %d/%d "
                          "workers %d\n", BS_VERSION, stamp, (long)getpid(),
                          shard_k, shard_n, workers);
    else
        line = bs_sprintf("# broadsheet %s run %s pid %ld workers %d\n",
                          BS_VERSION, stamp, (long)getpid(), workers);
    rc = append(m, line, err);
    free(line);
    return rc;
}

/* Copies a field with tabs and line breaks made spaces; "-" when empty. */
static void put_field(char *buf, size_t *used, size_t size, const char *s,
                      int last)
{
    if (!s || !*s)
        s = "-";
    for (; *s && *used + 2 < size; s++)
        buf[(*used)++] = (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s;
    buf[(*used)++] = last ? '\n' : '\t';
    buf[*used] = '\0';
}

int bs_manifest_add(struct bs_manifest *m, const char *id, const char *status,
                    double seconds, const char *checksum, const char *reason,
                    const char *input, double confidence,
                    struct bs_error *err)
{
    char buf[LINE_MAX_BYTES + 40], secs[32], conf[32] = "-";
    size_t used = 0;

    if (!m || m->fd < 0)
        return 0;
    snprintf(secs, sizeof(secs), "%.2f", seconds);
    put_field(buf, &used, LINE_MAX_BYTES / 4, id, 0);
    put_field(buf, &used, LINE_MAX_BYTES / 4 + 16, status, 0);
    put_field(buf, &used, LINE_MAX_BYTES / 4 + 48, secs, 0);
    put_field(buf, &used, LINE_MAX_BYTES / 4 + 120, checksum, 0);
    put_field(buf, &used, LINE_MAX_BYTES - LINE_MAX_BYTES / 4, reason, 0);
    put_field(buf, &used, LINE_MAX_BYTES, input, 0);
    if (confidence >= 0)
        snprintf(conf, sizeof(conf), "%.1f", confidence);
    put_field(buf, &used, LINE_MAX_BYTES + 32, conf, 1);
    return append(m, buf, err);
}

void bs_manifest_close(struct bs_manifest *m)
{
    if (m->fd >= 0)
        close(m->fd);
    m->fd = -1;
    free(m->path);
    m->path = NULL;
}

int bs_manifest_read(const char *path,
                     void (*fn)(void *ctx, const struct bs_manifest_line *l),
                     void *ctx, struct bs_error *err)
{
    char *data, *save = NULL;
    size_t len;

    if (bs_read_file(path, 1u << 30, &data, &len, err) < 0)
        return -1;
    /* A line without its newline was torn by a kill: ignore it. */
    while (len > 0 && data[len - 1] != '\n')
        data[--len] = '\0';
    for (char *line = strtok_r(data, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *f[7];
        int nf = 0;
        char *p = line, *end;
        struct bs_manifest_line l;

        if (line[0] == '#')
            continue;
        while (nf < 7) {
            f[nf++] = p;
            p = strchr(p, '\t');
            if (!p)
                break;
            *p++ = '\0';
        }
        if (nf < 6 || p) /* too few fields, or too many */
            continue;
        if (strcmp(f[1], "done") != 0 && strcmp(f[1], "failed") != 0 &&
            strcmp(f[1], "skipped") != 0)
            continue;
        l.id = f[0];
        l.status = f[1];
        l.seconds = strtod(f[2], &end);
        if (end == f[2])
            continue;
        l.checksum = f[3];
        l.reason = f[4];
        l.input = f[5];
        l.confidence = -1;
        if (nf == 7 && strcmp(f[6], "-") != 0) {
            double c = strtod(f[6], &end);
            if (end != f[6] && *end == '\0' && c >= 0 && c <= 100)
                l.confidence = c;
        }
        fn(ctx, &l);
    }
    free(data);
    return 0;
}
