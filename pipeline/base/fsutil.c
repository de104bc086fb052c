/*
 * fsutil.c - atomic writes, bounded reads, folders, safe page ids, checksums.
 */
#include "base.h"


#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long temp_counter;

/* Bytes of the target's name kept in a temp name (for people reading a
 * folder after a crash; the pid and counter make it unique). */
#define TEMP_NAME_KEEP 96

char *bs_temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    int dirlen = slash ? (int)(slash - path + 1) : 0;

    return bs_sprintf("%.*s" BS_TEMP_PREFIX "%ld.%lu.%.*s", dirlen, path,
                      (long)getpid(), ++temp_counter, TEMP_NAME_KEEP, base);
}

int bs_rename_into_place(const char *tmp, const char *path,
                         struct bs_error *err)
{
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return bs_fail(err, "%s: cannot rename into place: %s", path,
                       strerror(e));
    }
    return 0;
}

int bs_atomic_open(struct bs_atomic *af, const char *path, struct bs_error *err)
{
    struct stat st;

    memset(af, 0, sizeof(*af));
    af->path = bs_strdup(path);
    if (strcmp(path, "-") == 0) {
        af->fp = stdout;
        return 0;
    }
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        bs_atomic_abort(af);
        return bs_fail(err, "%s: is a folder", path);
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* A device, FIFO or socket (/dev/stdout, a pipe): written in
         * place; renaming a file over it would replace the device. */
        af->fp = fopen(path, "w");
    } else {
        af->tmp = bs_temp_name(path);
        af->fp = fopen(af->tmp, "wb");
    }
    if (!af->fp) {
        int e = errno;
        bs_atomic_abort(af);
        return bs_fail(err, "%s: cannot write: %s", path, strerror(e));
    }
    return 0;
}

int bs_atomic_commit(struct bs_atomic *af, struct bs_error *err)
{
    int bad = ferror(af->fp);
    int rc = 0;

    if (af->fp == stdout) {
        if (fflush(stdout) != 0)
            bad = 1;
    } else if (fclose(af->fp) != 0) {
        bad = 1;
    }
    af->fp = NULL;
    if (bad) {
        if (af->tmp)
            unlink(af->tmp);
        rc = bs_fail(err, "%s: write failed (disk full?)", af->path);
    } else if (af->tmp) {
        rc = bs_rename_into_place(af->tmp, af->path, err);
    }
    free(af->path);
    free(af->tmp);
    af->path = af->tmp = NULL;
    return rc;
}

void bs_atomic_abort(struct bs_atomic *af)
{
    if (af->fp && af->fp != stdout)
        fclose(af->fp);
    if (af->tmp)
        unlink(af->tmp);
    free(af->path);
    free(af->tmp);
    memset(af, 0, sizeof(*af));
}

int bs_write_atomic(const char *path, const void *data, size_t len,
                    struct bs_error *err)
{
    struct bs_atomic af;

    if (bs_atomic_open(&af, path, err) < 0)
        return -1;
    if (len && fwrite(data, 1, len, af.fp) != len) {
        bs_atomic_abort(&af);
        return bs_fail(err, "%s: write failed", path);
    }
    return bs_atomic_commit(&af, err);
}

int bs_copy_atomic(const char *from, const char *to, struct bs_error *err)
{
    struct bs_atomic af;
    char buf[65536];
    size_t n;
    FILE *in = fopen(from, "rb");

    if (!in)
        return bs_fail(err, "%s: cannot open: %s", from, strerror(errno));
    if (bs_atomic_open(&af, to, err) < 0) {
        fclose(in);
        return -1;
    }
    while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
        if (fwrite(buf, 1, n, af.fp) != n)
            break;
    if (ferror(in) || ferror(af.fp)) {
        fclose(in);
        bs_atomic_abort(&af);
        return bs_fail(err, "%s: cannot copy from %s", to, from);
    }
    fclose(in);
    return bs_atomic_commit(&af, err);
}

int bs_open_regular(const char *path, struct bs_error *err)
{
    struct stat st;
    int fd, flags;

    /* stat first: opening a FIFO with no writer would block, and a device
     * is not a file to read; the fstat after open catches a swap. */
    if (stat(path, &st) != 0)
        return bs_fail(err, "%s: cannot open: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return bs_fail(err, "%s: not a regular file", path);
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return bs_fail(err, "%s: cannot open: %s", path, strerror(errno));
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return bs_fail(err, "%s: not a regular file", path);
    }
    flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    return fd;
}

FILE *bs_fopen_regular(const char *path, struct bs_error *err)
{
    int fd = bs_open_regular(path, err);
    FILE *fp;

    if (fd < 0)
        return NULL;
    fp = fdopen(fd, "rb");
    if (!fp) {
        close(fd);
        bs_fail(err, "%s: cannot open: %s", path, strerror(errno));
    }
    return fp;
}

int bs_read_file(const char *path, size_t max, char **data, size_t *len,
                 struct bs_error *err)
{
    FILE *fp;
    struct stat st;
    char *buf;
    size_t n;

    *data = NULL;
    if (len)
        *len = 0;
    fp = bs_fopen_regular(path, err);
    if (!fp)
        return -1;
    if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(fp);
        return bs_fail(err, "%s: not a regular file", path);
    }
    if ((uintmax_t)st.st_size > (uintmax_t)max) {
        fclose(fp);
        return bs_fail(err, "%s: too large (%jd bytes, limit %zu)", path,
                       (intmax_t)st.st_size, max);
    }
    buf = bs_malloc((size_t)st.st_size + 1);
    n = fread(buf, 1, (size_t)st.st_size, fp);
    if (ferror(fp)) {
        fclose(fp);
        free(buf);
        return bs_fail(err, "%s: read error", path);
    }
    fclose(fp);
    buf[n] = '\0';
    *data = buf;
    if (len)
        *len = n;
    return 0;
}

int bs_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int bs_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int bs_mkdir_p(const char *path, struct bs_error *err)
{
    char *copy = bs_strdup(path);
    int rc = 0;

    for (char *p = copy + 1; ; p++) {
        char c = *p;
        if (c == '/' || c == '\0') {
            *p = '\0';
            if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
                rc = bs_fail(err, "%s: cannot create folder: %s", copy,
                             strerror(errno));
                break;
            }
            if (!bs_is_dir(copy)) {
                rc = bs_fail(err, "%s: exists and is not a folder", copy);
                break;
            }
            *p = c;
        }
        if (c == '\0')
            break;
    }
    free(copy);
    return rc;
}

char *bs_path_join(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (n && a[n - 1] == '/')
        return bs_sprintf("%s%s", a, b);
    return bs_sprintf("%s/%s", a, b);
}

int bs_remove_if_exists(const char *path, struct bs_error *err)
{
    if (unlink(path) != 0 && errno != ENOENT)
        return bs_fail(err, "%s: cannot remove: %s", path, strerror(errno));
    return 0;
}

int bs_name_is_safe(const char *name)
{
    size_t n = strlen(name);

    if (n == 0 || n > 255 || name[0] == '.')
        return 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++)
        if (*p < 0x20 || *p == 0x7F || *p == '/' || *p == '\\')
            return 0;
    return 1;
}

char *bs_path_child(const char *dir, const char *name, struct bs_error *err)
{
    if (!bs_name_is_safe(name)) {
        bs_fail(err, "%s: \"%.80s\" is not a file name (a path out of the "
                "folder?); refused", dir, name);
        return NULL;
    }
    return bs_path_join(dir, name);
}

int bs_id_is_valid(const char *id)
{
    size_t n = strlen(id);

    if (n == 0 || n > 15 || id[0] == '.' || id[0] == '-')
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' ||
              *p == '.'))
            return 0;
    return 1;
}

int bs_mkdir_here(const char *path, struct bs_error *err)
{
    struct stat st;

    if (lstat(path, &st) == 0) {
        if (S_ISLNK(st.st_mode))
            return bs_fail(err, "%s: is a symbolic link, not a folder "
                           "broadsheet made; refused", path);
        if (!S_ISDIR(st.st_mode))
            return bs_fail(err, "%s: exists and is not a folder", path);
        return 0;
    }
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return bs_fail(err, "%s: cannot create folder: %s", path,
                       strerror(errno));
    return 0;
}

/* One path component of a page id, made safe (see base.h); appended to
 * *o, which has room for n + 1 bytes. */
static char *id_component(const char *s, size_t n, char *o)
{
    char *start = o;
    size_t i = 0;

    if (n > BS_ID_COMPONENT_MAX)
        n = BS_ID_COMPONENT_MAX;
    while (i < n) {
        int len;
        uint32_t cp = bs_utf8_decode(s + i, n - i, &len);
        int bad = cp < 0x20 || cp == 0x7F || cp == '/' || cp == '\\' ||
                  (cp == 0xFFFD && len == 1 && (unsigned char)s[i] >= 0x80);
        if (bad) {
            *o++ = '_';
        } else {
            memcpy(o, s + i, (size_t)len);
            o += len;
        }
        i += (size_t)len;
    }
    if (o > start && start[0] == '.')
        start[0] = '_';
    if (o == start) {
        memcpy(o, "page", 4);
        o += 4;
    }
    return o;
}

char *bs_page_id_from_rel(const char *rel, int subpage)
{
    size_t total = strlen(rel);
    char *out = bs_malloc(total + 16 + 4 * (total / 2 + 1)), *o = out;
    const char *p = rel;

    while (*p == '/')
        p++;
    while (*p) {
        size_t n = strcspn(p, "/");
        const char *next = p + n;
        while (*next == '/')
            next++;
        if (n == 1 && p[0] == '.') {     /* "./" says nothing */
            p = next;
            continue;
        }
        if (!*next) {                    /* the file: without its extension */
            const char *dot = NULL;
            for (const char *q = p; q < p + n; q++)
                if (*q == '.')
                    dot = q;
            if (dot && dot != p)
                n = (size_t)(dot - p);
        }
        if (o > out)
            *o++ = '/';
        o = id_component(p, n, o);
        p = next;
    }
    if (o == out)
        o = id_component("", 0, o);
    *o = '\0';
    if (subpage >= 0) {
        char *with = bs_sprintf("%s-p%03d", out, subpage + 1);
        free(out);
        out = with;
    }
    return out;
}

char *bs_page_id_from_path(const char *path, int subpage)
{
    const char *base = strrchr(path, '/');

    return bs_page_id_from_rel(base ? base + 1 : path, subpage);
}

/* SHA-256 (FIPS 180-4), small and self-contained: the checksum decides
 * whether a batch may skip a page, so it must not depend on a tool at run
 * time. */
struct sha256 {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t used;
};

static const uint32_t sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
    0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
    0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
    0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
    0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha_block(struct sha256 *s, const unsigned char *p)
{
    uint32_t w[64], a, b, c, d, e, f, g, h;

    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = s->h[0]; b = s->h[1]; c = s->h[2]; d = s->h[3];
    e = s->h[4]; f = s->h[5]; g = s->h[6]; h = s->h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) +
                      ((e & f) ^ (~e & g)) + sha_k[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) +
                      ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
    s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

static void sha_init(struct sha256 *s)
{
    static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372,
                                   0xa54ff53a, 0x510e527f, 0x9b05688c,
                                   0x1f83d9ab, 0x5be0cd19};
    memset(s, 0, sizeof(*s));
    memcpy(s->h, h0, sizeof(h0));
}

static void sha_update(struct sha256 *s, const unsigned char *p, size_t n)
{
    s->len += n;
    while (n) {
        size_t take = 64 - s->used < n ? 64 - s->used : n;
        memcpy(s->buf + s->used, p, take);
        s->used += take;
        p += take;
        n -= take;
        if (s->used == 64) {
            sha_block(s, s->buf);
            s->used = 0;
        }
    }
}

static void sha_final(struct sha256 *s, char out[65])
{
    uint64_t bits = s->len * 8;
    unsigned char pad = 0x80, zero = 0, lenbuf[8];

    sha_update(s, &pad, 1);
    while (s->used != 56)
        sha_update(s, &zero, 1);
    for (int i = 0; i < 8; i++)
        lenbuf[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha_update(s, lenbuf, 8);
    for (int i = 0; i < 8; i++)
        snprintf(out + 8 * i, 9, "%08x", s->h[i]);
}

void bs_sha256_hex(const void *data, size_t len, char out[65])
{
    struct sha256 s;
    sha_init(&s);
    sha_update(&s, data, len);
    sha_final(&s, out);
}

int bs_sha256_file(const char *path, char out[65], struct bs_error *err)
{
    struct sha256 s;
    unsigned char buf[65536];
    size_t n;
    FILE *fp = bs_fopen_regular(path, err);

    if (!fp)
        return -1;
    sha_init(&s);
    while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
        sha_update(&s, buf, n);
    if (ferror(fp)) {
        fclose(fp);
        return bs_fail(err, "%s: read error", path);
    }
    fclose(fp);
    sha_final(&s, out);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int bs_list_dir(const char *dir, char ***out, int *count,
                struct bs_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    int n = 0, cap = 0;

    *out = NULL;
    *count = 0;
    if (!d)
        return bs_fail(err, "%s: cannot read folder: %s", dir,
                       strerror(errno));
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        bs_grow((void **)&names, &cap, n + 1, sizeof(*names));
        names[n++] = bs_strdup(e->d_name);
    }
    closedir(d);
    if (n > 1)
        qsort(names, (size_t)n, sizeof(*names), cmp_str);
    *out = names;
    *count = n;
    return 0;
}

void bs_free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}
