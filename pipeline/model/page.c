/*
 * page.c - building, querying and freeing the page model.
 */
#include "model.h"

#include "../base/base.h"

#include <stdio.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const role_names[BS_ROLE_COUNT] = {
    [BS_ROLE_UNKNOWN] = "unknown",
    [BS_ROLE_MASTHEAD] = "masthead",
    [BS_ROLE_FOLIO] = "folio",
    [BS_ROLE_KICKER] = "kicker",
    [BS_ROLE_HEADLINE] = "headline",
    [BS_ROLE_SUBHEADLINE] = "subheadline",
    [BS_ROLE_BYLINE] = "byline",
    [BS_ROLE_BODY] = "body",
    [BS_ROLE_CAPTION] = "caption",
    [BS_ROLE_CONTINUATION] = "continuation",
    [BS_ROLE_SEPARATOR] = "separator",
    [BS_ROLE_IMAGE] = "image",
};

const char *bs_role_name(enum bs_role role)
{
    if ((int)role < 0 || role >= BS_ROLE_COUNT)
        return "unknown";
    return role_names[role];
}

int bs_role_from_name(const char *name)
{
    for (int i = 0; i < BS_ROLE_COUNT; i++)
        if (name && strcmp(name, role_names[i]) == 0)
            return i;
    return -1;
}

int bs_role_has_text(enum bs_role role)
{
    return role != BS_ROLE_SEPARATOR && role != BS_ROLE_IMAGE;
}

/* The id lookup: open addressing over block positions.  A slot holds a
 * position and the hash of the id the block had when it was put there, so
 * a slot that no longer tells the truth (the block moved) is seen as soon
 * as a lookup passes it, and the index is rebuilt. */
struct index_slot {
    int pos;             /* block position + 1; 0: empty */
    uint32_t hash;
};

struct bs_block_index {
    struct index_slot *slot;
    size_t cap;          /* a power of two, at least twice the blocks */
    int n;               /* blocks [0, n) are in it */
};

static uint32_t id_hash(const char *s)
{
    uint64_t h = 14695981039346656037ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (uint32_t)(h ^ (h >> 32));
}

static void index_clear(struct bs_block_index *x)
{
    if (x->slot)
        memset(x->slot, 0, x->cap * sizeof(*x->slot));
    x->n = 0;
}

/* Puts block i in; a second block with an id already there stays out
 * (lookups give the first, as a search from the start would). */
static void index_put(struct bs_block_index *x, const struct bs_page *page,
                      int i)
{
    uint32_t h = id_hash(page->blocks[i].id);
    size_t k = h & (x->cap - 1);

    while (x->slot[k].pos) {
        const struct index_slot *sl = &x->slot[k];
        if (sl->hash == h && sl->pos - 1 < page->nblocks &&
            strcmp(page->blocks[sl->pos - 1].id, page->blocks[i].id) == 0)
            return;
        k = (k + 1) & (x->cap - 1);
    }
    x->slot[k].pos = i + 1;
    x->slot[k].hash = h;
}

/* Brings the index up to the page's blocks: the ones added since it last
 * looked; everything again after a removal, or when it grew too full. */
static void index_sync(struct bs_block_index *x, const struct bs_page *page)
{
    if (x->n > page->nblocks)
        index_clear(x);
    if (x->cap < 2 * (size_t)page->nblocks + 2) {
        size_t cap = x->cap ? x->cap : 64;
        while (cap < 2 * (size_t)page->nblocks + 2)
            cap *= 2;
        free(x->slot);
        x->slot = bs_calloc(cap, sizeof(*x->slot));
        x->cap = cap;
        x->n = 0;
    }
    for (; x->n < page->nblocks; x->n++)
        index_put(x, page, x->n);
}

/* -1 not found, -2 a stale slot was met (rebuild and look again). */
static int index_get(struct bs_block_index *x, const struct bs_page *page,
                     const char *id)
{
    uint32_t h = id_hash(id);
    size_t k = h & (x->cap - 1);

    for (; x->slot[k].pos; k = (k + 1) & (x->cap - 1)) {
        const struct index_slot *sl = &x->slot[k];
        const char *there;
        if (sl->pos - 1 >= page->nblocks)
            return -2;
        there = page->blocks[sl->pos - 1].id;
        if (id_hash(there) != sl->hash)
            return -2;
        if (sl->hash == h && strcmp(there, id) == 0)
            return sl->pos - 1;
    }
    return -1;
}

struct bs_page *bs_page_new(void)
{
    struct bs_page *page = bs_calloc(1, sizeof(*page));
    page->dpi = 300;
    page->index = bs_calloc(1, sizeof(*page->index));
    return page;
}

static void line_release(struct bs_line *line)
{
    for (int w = 0; w < line->nwords; w++)
        free(line->words[w].text);
    free(line->words);
    memset(line, 0, sizeof(*line));
}

void bs_block_clear_lines(struct bs_block *block)
{
    for (int l = 0; l < block->nlines; l++)
        line_release(&block->lines[l]);
    free(block->lines);
    block->lines = NULL;
    block->nlines = block->caplines = 0;
}

static void block_release(struct bs_block *block)
{
    bs_block_clear_lines(block);
    free(block->lang);
    block->lang = NULL;
}

static void article_release(struct bs_article *a)
{
    free(a->kicker);
    free(a->headline);
    free(a->subheadline);
    free(a->byline);
    free(a->body);
    free(a->lang);
    free(a->continued_from_ref);
    free(a->continued_to_ref);
    for (int i = 0; i < a->nblocks; i++)
        free(a->blocks[i]);
    free(a->blocks);
    memset(a, 0, sizeof(*a));
}

void bs_page_clear_articles(struct bs_page *page)
{
    for (int i = 0; i < page->narticles; i++)
        article_release(&page->articles[i]);
    free(page->articles);
    page->articles = NULL;
    page->narticles = page->caparticles = 0;
    for (int b = 0; b < page->nblocks; b++)
        page->blocks[b].article[0] = '\0';
}

void bs_page_clear_bands(struct bs_page *page)
{
    for (int i = 0; i < page->nbands; i++)
        free(page->bands[i].cols);
    free(page->bands);
    page->bands = NULL;
    page->nbands = page->capbands = 0;
}

void bs_page_free(struct bs_page **pagep)
{
    struct bs_page *page;

    if (!pagep || !*pagep)
        return;
    page = *pagep;
    free(page->id);
    free(page->source);
    free(page->checksum);
    free(page->lang);
    free(page->stage);
    free(page->doubt);
    bs_page_clear_bands(page);
    /* Articles first: clearing them touches the blocks. */
    bs_page_clear_articles(page);
    for (int b = 0; b < page->nblocks; b++)
        block_release(&page->blocks[b]);
    free(page->blocks);
    if (page->index)
        free(page->index->slot);
    free(page->index);
    free(page);
    *pagep = NULL;
}

void bs_set_str(char **field, const char *value)
{
    char *copy = value ? bs_strdup(value) : NULL;
    free(*field);
    *field = copy;
}

struct bs_band *bs_page_add_band(struct bs_page *page, int y0, int y1)
{
    struct bs_band *band;

    bs_grow((void **)&page->bands, &page->capbands, page->nbands + 1,
            sizeof(*page->bands));
    band = &page->bands[page->nbands++];
    band->y0 = y0;
    band->y1 = y1;
    return band;
}

void bs_band_add_col(struct bs_band *band, int x0, int x1)
{
    bs_grow((void **)&band->cols, &band->capcols, band->ncols + 1,
            sizeof(*band->cols));
    band->cols[band->ncols].x0 = x0;
    band->cols[band->ncols].x1 = x1;
    band->ncols++;
}

struct bs_block *bs_page_add_block(struct bs_page *page, enum bs_role role,
                                   struct bs_box box)
{
    struct bs_block *block;
    int serial = page->nblocks + 1;

    /* Ids stay unique after removals: take the first free serial. */
    for (;;) {
        char id[16];
        snprintf(id, sizeof(id), "b%03d", serial);
        if (bs_page_find_block(page, id) < 0)
            break;
        serial++;
    }
    bs_grow((void **)&page->blocks, &page->capblocks, page->nblocks + 1,
            sizeof(*page->blocks));
    block = &page->blocks[page->nblocks++];
    snprintf(block->id, sizeof(block->id), "b%03d", serial);
    block->role = role;
    block->box = box;
    block->band = block->col_first = block->col_last = block->order = -1;
    return block;
}

struct bs_line *bs_block_add_line(struct bs_block *block, struct bs_box box)
{
    struct bs_line *line;

    bs_grow((void **)&block->lines, &block->caplines, block->nlines + 1,
            sizeof(*block->lines));
    line = &block->lines[block->nlines++];
    line->box = box;
    return line;
}

struct bs_word *bs_line_add_word(struct bs_line *line, const char *text,
                                 struct bs_box box, float conf)
{
    struct bs_word *word;

    bs_grow((void **)&line->words, &line->capwords, line->nwords + 1,
            sizeof(*line->words));
    word = &line->words[line->nwords++];
    word->text = bs_strdup(text);
    word->box = box;
    word->conf = conf;
    return word;
}

struct bs_article *bs_page_add_article(struct bs_page *page)
{
    struct bs_article *a;

    bs_grow((void **)&page->articles, &page->caparticles,
            page->narticles + 1, sizeof(*page->articles));
    a = &page->articles[page->narticles++];
    snprintf(a->id, sizeof(a->id), "a%03d", page->narticles);
    a->headline = bs_strdup("");
    return a;
}

void bs_article_add_block(struct bs_article *article, const char *block_id)
{
    bs_grow((void **)&article->blocks, &article->capblocks,
            article->nblocks + 1, sizeof(*article->blocks));
    article->blocks[article->nblocks++] = bs_strdup(block_id);
}

void bs_page_remove_block(struct bs_page *page, int i)
{
    if (i < 0 || i >= page->nblocks)
        return;
    block_release(&page->blocks[i]);
    memmove(&page->blocks[i], &page->blocks[i + 1],
            (size_t)(page->nblocks - i - 1) * sizeof(*page->blocks));
    page->nblocks--;
    memset(&page->blocks[page->nblocks], 0, sizeof(*page->blocks));
    if (page->index)
        index_clear(page->index);
}

int bs_page_find_block(const struct bs_page *page, const char *id)
{
    int i;

    if (!page->index) {
        for (int b = 0; b < page->nblocks; b++)
            if (strcmp(page->blocks[b].id, id) == 0)
                return b;
        return -1;
    }
    index_sync(page->index, page);
    i = index_get(page->index, page, id);
    if (i == -2) {
        index_clear(page->index);
        index_sync(page->index, page);
        i = index_get(page->index, page, id);
    }
    return i < 0 ? -1 : i;
}

struct bs_article *bs_page_find_article(struct bs_page *page, const char *id)
{
    for (int a = 0; a < page->narticles; a++)
        if (strcmp(page->articles[a].id, id) == 0)
            return &page->articles[a];
    return NULL;
}

int bs_page_check_size(const struct bs_page *page, const char *what,
                       struct bs_error *err)
{
    long words = 0;

    if (page->nblocks > BS_PAGE_MAX_BLOCKS)
        return bs_fail(err, "%s: %d blocks, more than the %d a page may hold "
                       "(no newspaper page?)", what, page->nblocks,
                       BS_PAGE_MAX_BLOCKS);
    for (int b = 0; b < page->nblocks; b++)
        for (int l = 0; l < page->blocks[b].nlines; l++)
            words += page->blocks[b].lines[l].nwords;
    if (words > BS_PAGE_MAX_WORDS)
        return bs_fail(err, "%s: %ld words, more than the %d a page may hold "
                       "(no newspaper page?)", what, words, BS_PAGE_MAX_WORDS);
    return 0;
}

char *bs_line_text(const struct bs_line *line)
{
    size_t total = 1;
    uint32_t last = 0;
    char *out, *p;

    for (int w = 0; w < line->nwords; w++)
        total += strlen(line->words[w].text) + 1;
    out = p = bs_malloc(total);
    *p = '\0';
    for (int w = 0; w < line->nwords; w++) {
        const char *t = line->words[w].text;
        size_t n = strlen(t);

        if (n == 0)
            continue;
        /* Chinese is written without spaces: never insert one between two
         * CJK characters, whatever the engine's word split was.  (The text
         * so far ends with the previous word: its last character is that
         * word's, found without going over the whole line again.) */
        if (p != out && !(bs_cp_is_cjk(last) && bs_cp_is_cjk(bs_utf8_first(t))))
            *p++ = ' ';
        memcpy(p, t, n);
        p += n;
        *p = '\0';
        last = bs_utf8_last(t);
    }
    return out;
}

char *bs_block_text(const struct bs_block *block)
{
    size_t total = 1, used = 0;
    char *out = bs_malloc(total);

    out[0] = '\0';
    for (int l = 0; l < block->nlines; l++) {
        char *t = bs_line_text(&block->lines[l]);
        size_t n = strlen(t);

        out = bs_realloc(out, used + n + 2);
        if (used)
            out[used++] = '\n';
        memcpy(out + used, t, n + 1);
        used += n;
        free(t);
    }
    return out;
}

void bs_line_fit_box(struct bs_line *line)
{
    struct bs_box u = {0, 0, 0, 0};

    for (int w = 0; w < line->nwords; w++)
        u = bs_box_union(u, line->words[w].box);
    if (!bs_box_empty(u))
        line->box = u;
}

int bs_page_res(const struct bs_page *page)
{
    double res;

    if (page->type.line_pitch > 0)
        res = 300.0 * page->type.line_pitch / BS_REF_LINE_PITCH;
    else
        res = page->dpi > 0 ? page->dpi : 300;
    return res < 30 ? 30 : res > 2400 ? 2400 : (int)lround(res);
}
