/*
 * link.c - continued articles linked across pages (see segment.h).
 */
#include "segment.h"

#include "../base/base.h"
#include "../model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct art {
    int page;              /* index into the page list */
    char id[16];
    char *headline;
    char keyword[64];      /* from a "See X, Page N" / "X from Page N" line */
    int from, to;          /* page numbers of its jump lines */
    char *from_ref, *to_ref;
};

struct pg {
    char *dir, *id;
    int number;
    int changed;
};

static const char *const stop_words[] = {
    "the", "and", "for", "with", "from", "that", "this", "are", "was",
    "has", "its", "not", "but", "page", "see", "continued", NULL};

/* Words of a text: Latin words of 3+ letters lower-cased (no stop words)
 * and pairs of adjacent Han characters, as a list of strings. */
static int words_of(const char *s, char ***out)
{
    int n, k = 0;
    uint32_t *c = bs_utf8_to_cps(s ? s : "", &n);
    char **w = bs_calloc((size_t)n + 1, sizeof(char *));

    for (int i = 0; i < n;) {
        if (bs_cp_is_han(c[i])) {
            if (i + 1 < n && bs_cp_is_han(c[i + 1]))
                w[k++] = bs_utf8_from_cps(c + i, 2);
            i++;
        } else if (bs_cp_is_latin_alnum(c[i])) {
            int j = i;
            while (j < n && bs_cp_is_latin_alnum(c[j])) {
                if (c[j] >= 'A' && c[j] <= 'Z')
                    c[j] += 32;
                j++;
            }
            if (j - i >= 3) {
                char *word = bs_utf8_from_cps(c + i, j - i);
                int stop = 0;
                for (int s2 = 0; stop_words[s2]; s2++)
                    if (strcmp(word, stop_words[s2]) == 0)
                        stop = 1;
                if (stop)
                    free(word);
                else
                    w[k++] = word;
            }
            i = j;
        } else {
            i++;
        }
    }
    free(c);
    *out = w;
    return k;
}

static void words_free(char **w, int n)
{
    for (int i = 0; i < n; i++)
        free(w[i]);
    free(w);
}

int bs_link_similarity(const char *a, const char *b)
{
    char **wa, **wb;
    int na = words_of(a, &wa), nb = words_of(b, &wb), score = 0;

    for (int i = 0; i < na; i++) {
        int dup = 0;
        for (int k = 0; k < i; k++)
            if (strcmp(wa[k], wa[i]) == 0)
                dup = 1;
        for (int k = 0; !dup && k < nb; k++)
            if (strcmp(wa[i], wb[k]) == 0) {
                score++;
                break;
            }
    }
    words_free(wa, na);
    words_free(wb, nb);
    return score;
}

/* Reads one page folder's articles from its model; 0 when the folder has
 * no finished page (it is skipped). */
static int read_page(const char *dir, int index, struct pg *pg,
                     struct art **arts, int *narts, int *cap,
                     struct bs_error *err)
{
    char *path = bs_path_join(dir, "model.repair.json");
    struct bs_page *page = NULL;

    if (!bs_is_file(path)) {
        free(path);
        return 0;
    }
    if (bs_page_load(path, &page, err) < 0) {
        free(path);
        return -1;
    }
    free(path);
    pg->dir = bs_strdup(dir);
    pg->id = bs_strdup(page->id ? page->id : "");
    pg->number = page->number > 0 ? page->number : index + 1;
    for (int a = 0; a < page->narticles; a++) {
        const struct bs_article *pa = &page->articles[a];
        struct art *x;
        bs_grow((void **)arts, cap, *narts + 1, sizeof(**arts));
        x = &(*arts)[(*narts)++];
        x->page = index;
        snprintf(x->id, sizeof(x->id), "%s", pa->id);
        x->headline = bs_strdup(pa->headline ? pa->headline : "");
        x->from = pa->continued_from;
        x->to = pa->continued_to;
        /* Links made by an earlier call stay; they are not made again. */
        if (pa->continued_from_ref)
            x->from_ref = bs_strdup(pa->continued_from_ref);
        if (pa->continued_to_ref)
            x->to_ref = bs_strdup(pa->continued_to_ref);
        for (int k = 0; k < pa->nblocks; k++) {
            int bi = bs_page_find_block(page, pa->blocks[k]);
            const struct bs_block *b;
            if (bi < 0)
                continue;
            b = &page->blocks[bi];
            for (int l = 0; b->role == BS_ROLE_CONTINUATION && l < b->nlines;
                 l++) {
                char *t = bs_line_text(&b->lines[l]);
                struct bs_jump j;
                if (bs_jump_parse(t, &j) && j.keyword[0] && !x->keyword[0])
                    snprintf(x->keyword, sizeof(x->keyword), "%s", j.keyword);
                free(t);
            }
        }
    }
    bs_page_free(&page);
    return 1;
}

/* Sets continued_*_ref of article `id` in a JSON file (a model or
 * articles.json: both hold an "articles" array) and saves it atomically. */
static int write_refs(const char *dir, const char *file, const struct art *arts,
                      int narts, int page, struct bs_error *err)
{
    char *path = bs_path_join(dir, file);
    json_t *root = NULL, *list, *v;
    size_t i;
    int rc = 0;

    if (!bs_is_file(path)) {
        free(path);
        return 0;
    }
    if (bs_json_load_file(path, BS_MODEL_MAX_BYTES, &root, err) < 0) {
        free(path);
        return -1;
    }
    list = json_object_get(root, "articles");
    json_array_foreach(list, i, v) {
        json_t *id = json_object_get(v, "id");
        for (int a = 0; json_is_string(id) && a < narts; a++) {
            if (arts[a].page != page ||
                strcmp(arts[a].id, json_string_value(id)) != 0)
                continue;
            if (arts[a].from_ref)
                json_object_set_new(v, "continued_from_ref",
                                    json_string(arts[a].from_ref));
            if (arts[a].to_ref)
                json_object_set_new(v, "continued_to_ref",
                                    json_string(arts[a].to_ref));
        }
    }
    rc = bs_json_save_file(root, path, err);
    json_decref(root);
    free(path);
    return rc;
}

int bs_link_continuations(char **page_dirs, int n, struct bs_error *err)
{
    struct pg *pages = bs_calloc((size_t)n + 1, sizeof(*pages));
    struct art *arts = NULL;
    int narts = 0, cap = 0, links = 0, rc = -1;

    for (int p = 0; p < n; p++)
        if (read_page(page_dirs[p], p, &pages[p], &arts, &narts, &cap, err) < 0)
            goto out;
    /* Each jump forward takes the best unlinked article on the target
     * page that points back to this page. */
    for (int a = 0; a < narts; a++) {
        struct art *src = &arts[a];
        int best = -1, best_score = -1, ties = 0, ncand = 0;
        if (!src->to || src->to_ref)
            continue;
        for (int b = 0; b < narts; b++) {
            struct art *dst = &arts[b];
            int score;
            if (dst->page == src->page || dst->from_ref ||
                pages[dst->page].number != src->to ||
                dst->from != pages[src->page].number)
                continue;
            ncand++;
            score = bs_link_similarity(src->headline, dst->headline);
            if (src->keyword[0] &&
                (bs_link_similarity(src->keyword, dst->headline) > 0 ||
                 bs_link_similarity(src->keyword, dst->keyword) > 0))
                score += 3;
            if (score > best_score) {
                best_score = score;
                best = b;
                ties = 0;
            } else if (score == best_score) {
                ties++;
            }
        }
        /* Several candidates with nothing to tell them apart: no link. */
        if (best < 0 || (ncand > 1 && (best_score == 0 || ties)))
            continue;
        arts[best].from_ref = bs_sprintf("%s/%s", pages[src->page].id,
                                         src->id);
        src->to_ref = bs_sprintf("%s/%s", pages[arts[best].page].id,
                                 arts[best].id);
        pages[src->page].changed = pages[arts[best].page].changed = 1;
        links++;
    }
    for (int p = 0; p < n; p++) {
        struct bs_lock lock;
        int wrc;
        if (!pages[p].changed)
            continue;
        /* The page folder's lock (base.h): another run working on this
         * page is waited for, never written across. */
        if (bs_lock_take(&lock, pages[p].dir, 1, err) < 0)
            goto out;
        wrc = write_refs(pages[p].dir, "model.repair.json", arts, narts, p,
                         err) < 0 ||
              write_refs(pages[p].dir, "articles.json", arts, narts, p,
                         err) < 0;
        bs_lock_release(&lock);
        if (wrc)
            goto out;
    }
    rc = links;
out:
    for (int a = 0; a < narts; a++) {
        free(arts[a].headline);
        free(arts[a].from_ref);
        free(arts[a].to_ref);
    }
    free(arts);
    for (int p = 0; p < n; p++) {
        free(pages[p].dir);
        free(pages[p].id);
    }
    free(pages);
    return rc;
}
