/*
 * walk.c - visiting each real file or folder once: a set of (device, inode)
 * pairs, and the search for the leaf folders (page folders) below a root.
 *
 * Paths are not identities: a symlink, a bind mount or a folder given twice
 * reaches the same file by many names, and a chain of folders that each
 * link twice to the next has 2^depth paths.  Everything that searches
 * folders here goes by (device, inode), so the work stays linear in the
 * real files.
 */
#include "base.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Depth below the root a search goes at most. */
#define WALK_MAX_DEPTH 32

static size_t slot_of(const struct bs_inode_set *s, dev_t dev, ino_t ino)
{
    uint64_t h = ((uint64_t)dev * 0x9E3779B97F4A7C15ULL) ^ (uint64_t)ino;
    size_t i;

    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 32;
    i = (size_t)h & (s->cap - 1);
    while (s->v[i].used && (s->v[i].dev != dev || s->v[i].ino != ino))
        i = (i + 1) & (s->cap - 1);
    return i;
}

int bs_inode_set_add(struct bs_inode_set *s, dev_t dev, ino_t ino)
{
    size_t i;

    if ((s->n + 1) * 2 > s->cap) {
        struct bs_inode_set bigger = {0};
        bigger.cap = s->cap ? s->cap * 2 : 64;
        bigger.v = bs_calloc(bigger.cap, sizeof(*bigger.v));
        for (size_t k = 0; k < s->cap; k++)
            if (s->v[k].used)
                bigger.v[slot_of(&bigger, s->v[k].dev, s->v[k].ino)] = s->v[k];
        bigger.n = s->n;
        free(s->v);
        *s = bigger;
    }
    i = slot_of(s, dev, ino);
    if (s->v[i].used)
        return 0;
    s->v[i].used = 1;
    s->v[i].dev = dev;
    s->v[i].ino = ino;
    s->n++;
    return 1;
}

int bs_inode_set_has(const struct bs_inode_set *s, dev_t dev, ino_t ino)
{
    return s->cap && s->v[slot_of(s, dev, ino)].used;
}

void bs_inode_set_release(struct bs_inode_set *s)
{
    free(s->v);
    memset(s, 0, sizeof(*s));
}

struct walk {
    int (*is_leaf)(void *ctx, const char *dir);
    void (*found)(void *ctx, const char *dir, const char *rel);
    void *ctx;
    struct bs_inode_set seen;
};

static void walk_in(struct walk *w, const char *dir, const char *rel,
                    int depth)
{
    struct stat st;
    char **names;
    int n;

    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
        !bs_inode_set_add(&w->seen, st.st_dev, st.st_ino))
        return;
    if (w->is_leaf(w->ctx, dir)) {
        w->found(w->ctx, dir, rel);
        return;
    }
    if (depth >= WALK_MAX_DEPTH || bs_list_dir(dir, &names, &n, NULL) < 0)
        return;
    for (int i = 0; i < n; i++) {
        char *sub = bs_path_join(dir, names[i]);
        char *subrel = rel[0] ? bs_path_join(rel, names[i])
                              : bs_strdup(names[i]);
        walk_in(w, sub, subrel, depth + 1);
        free(subrel);
        free(sub);
    }
    bs_free_names(names, n);
}

void bs_walk_leaf_dirs(const char *root,
                       int (*is_leaf)(void *ctx, const char *dir),
                       void (*found)(void *ctx, const char *dir,
                                     const char *rel),
                       void *ctx)
{
    struct walk w = {is_leaf, found, ctx, {0}};

    walk_in(&w, root, "", 0);
    bs_inode_set_release(&w.seen);
}
