/*
 * article_text.c - article fields from blocks: line joining, paragraphs.
 */
#include "segment.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

enum bs_join bs_join_plain(const char *prev, const char *next, void *ctx)
{
    (void)ctx;
    if (bs_cp_is_cjk(bs_utf8_last(prev)) || bs_cp_is_cjk(bs_utf8_first(next)))
        return BS_JOIN_NONE;
    if (bs_utf8_last(prev) == '-' || bs_utf8_last(prev) == 0x2010)
        return BS_JOIN_NONE; /* keep the hyphen, no space: "well-known" */
    return BS_JOIN_SPACE;
}

/* How much of the text so far a joiner sees: its end, enough for the last
 * word and what precedes it (a hyphenated word is at most 64 letters), cut
 * at a character boundary.  Handing it the whole text made joining the
 * lines of a long article quadratic. */
#define JOIN_TAIL 256

static const char *tail_of(const struct bs_buf *b)
{
    const char *s = bs_buf_str(b);
    size_t i = b->len > JOIN_TAIL ? b->len - JOIN_TAIL : 0;

    while (i > 0 && i < b->len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return s + i;
}

void bs_join_append(struct bs_buf *acc, const char *next,
                    const struct bs_joiner *j)
{
    enum bs_join how;

    if (!*next)
        return;
    if (acc->len == 0) {
        bs_buf_add(acc, next);
        return;
    }
    how = j && j->decide ? j->decide(tail_of(acc), next, j->ctx)
                         : bs_join_plain(tail_of(acc), next, NULL);
    if (how == BS_JOIN_DEHYPHEN && acc->s[acc->len - 1] == '-')
        bs_buf_truncate(acc, acc->len - 1);
    if (how == BS_JOIN_SPACE)
        bs_buf_add(acc, " ");
    bs_buf_add(acc, next);
}

static int median_height(const struct bs_block *b)
{
    int hs[64], n = 0;

    for (int l = 0; l < b->nlines && n < 64; l++)
        if (b->lines[l].box.h > 0)
            hs[n++] = b->lines[l].box.h;
    if (!n)
        return 0;
    for (int i = 1; i < n; i++)
        for (int k = i; k > 0 && hs[k - 1] > hs[k]; k--) {
            int t = hs[k];
            hs[k] = hs[k - 1];
            hs[k - 1] = t;
        }
    return hs[n / 2];
}

char *bs_block_paragraphs(const struct bs_block *b, const struct bs_joiner *j)
{
    struct bs_buf out = {0}, para = {0};
    int h = median_height(b);
    int left = b->box.x, right = bs_box_right(b->box);

    /* The text's own left/right edges are better than the block's. */
    if (b->nlines > 0 && h > 0) {
        left = b->lines[0].box.x;
        right = bs_box_right(b->lines[0].box);
        for (int l = 1; l < b->nlines; l++) {
            if (b->lines[l].box.x < left)
                left = b->lines[l].box.x;
            if (bs_box_right(b->lines[l].box) > right)
                right = bs_box_right(b->lines[l].box);
        }
    }
    for (int l = 0; l < b->nlines; l++) {
        const struct bs_line *line = &b->lines[l];
        char *text = bs_line_text(line);
        int breaks = 0;

        if (l > 0) {
            const struct bs_line *prev = &b->lines[l - 1];
            if (h <= 0 || bs_box_empty(line->box))
                breaks = 1;
            else if (line->box.x - left > h * 0.8 ||
                     right - bs_box_right(prev->box) > h * 2.5)
                breaks = 1;
        }
        if (breaks && para.len) {
            if (out.len)
                bs_buf_add(&out, "\n");
            bs_buf_addn(&out, para.s, para.len);
            bs_buf_truncate(&para, 0);
        }
        bs_join_append(&para, text, j);
        free(text);
    }
    if (para.len) {
        if (out.len)
            bs_buf_add(&out, "\n");
        bs_buf_addn(&out, para.s, para.len);
    }
    bs_buf_release(&para);
    return bs_buf_take(&out);
}

/* The text's left and right edges in a block (from its lines' boxes) and
 * the median line height; 0 when the lines have no geometry. */
static int text_edges(const struct bs_block *b, int *left, int *right)
{
    int h = median_height(b);

    if (b->nlines == 0 || h <= 0)
        return 0;
    *left = b->lines[0].box.x;
    *right = bs_box_right(b->lines[0].box);
    for (int l = 1; l < b->nlines; l++) {
        if (bs_box_empty(b->lines[l].box))
            return 0;
        if (b->lines[l].box.x < *left)
            *left = b->lines[l].box.x;
        if (bs_box_right(b->lines[l].box) > *right)
            *right = bs_box_right(b->lines[l].box);
    }
    return h;
}

static int ends_sentence(uint32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == ':' || c == 0x3002 ||
           c == 0xFF01 || c == 0xFF1F || c == 0xFF1A || c == 0x201D ||
           c == '"' || c == 0x300D;
}

/* True when block a's last paragraph runs on into block b (the next column
 * of the same article): a's last line is full and does not end a sentence,
 * and b's first line is not indented.  Needs line geometry; without it
 * every block is its own paragraph. */
static int paragraph_runs_on(const struct bs_block *a, const struct bs_block *b)
{
    int al, ar, bl, br;
    int ha = text_edges(a, &al, &ar), hb = text_edges(b, &bl, &br);
    const struct bs_line *last, *first;
    char *text;
    uint32_t c;

    if (!ha || !hb || a->nlines < 2 || b->nlines < 1)
        return 0;
    last = &a->lines[a->nlines - 1];
    first = &b->lines[0];
    if (ar - bs_box_right(last->box) > ha * 1.5)
        return 0; /* short last line: the paragraph ends */
    if (first->box.x - bl > hb * 0.8)
        return 0; /* indented first line: a new paragraph */
    text = bs_line_text(last);
    c = bs_utf8_last(text);
    free(text);
    return !ends_sentence(c);
}

/* One text field of an article while it is built: NULL (absent) until
 * something is added. */
struct field {
    struct bs_buf text;
    int set;
};

/* Appends text to a field: joined like lines for headline-like fields
 * (sep == 0), or as a new paragraph (sep == '\n'). */
static void field_add(struct field *f, const char *text, char sep,
                      const struct bs_joiner *j)
{
    if (!*text)
        return;
    if (!f->set) {
        bs_buf_add(&f->text, text);
        f->set = 1;
    } else if (sep) {
        if (f->text.len)
            bs_buf_addn(&f->text, &sep, 1);
        bs_buf_add(&f->text, text);
    } else {
        bs_join_append(&f->text, text, j);
    }
}

/* The field's text, malloc'd, or NULL when it was never set. */
static char *field_take(struct field *f)
{
    char *s = f->set ? bs_buf_take(&f->text) : NULL;

    bs_buf_release(&f->text);
    return s;
}

/* A block's paragraphs as one line (kickers, subheadlines, bylines). */
static char *one_line(const struct bs_block *b, const struct bs_joiner *j)
{
    char *text = bs_block_paragraphs(b, j);

    for (char *p = text; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return text;
}

void bs_article_build_text(const struct bs_page *page, struct bs_article *a,
                           const struct bs_joiner *j)
{
    struct field kicker = {0}, headline = {0}, sub = {0}, byline = {0},
                 body = {0}, caption = {0};
    const struct bs_block *last_body = NULL;

    for (int i = 0; i < a->nblocks; i++) {
        int bi = bs_page_find_block(page, a->blocks[i]);
        const struct bs_block *b;
        char *text;

        if (bi < 0)
            continue;
        b = &page->blocks[bi];
        switch (b->role) {
        case BS_ROLE_KICKER:
            text = one_line(b, j);
            field_add(&kicker, text, 0, j);
            break;
        case BS_ROLE_HEADLINE:
        case BS_ROLE_MASTHEAD:
            text = bs_block_text(b);
            for (char *p = text; *p; p++)
                if (*p == '\n')
                    *p = ' ';
            /* A headline broken over lines is one headline. */
            {
                struct bs_buf joined = {0};
                char *save = NULL;
                for (char *tok = strtok_r(text, " ", &save); tok;
                     tok = strtok_r(NULL, " ", &save))
                    bs_join_append(&joined, tok, j);
                field_add(&headline, bs_buf_str(&joined), 0, j);
                bs_buf_release(&joined);
            }
            break;
        case BS_ROLE_SUBHEADLINE:
            text = one_line(b, j);
            field_add(&sub, text, 0, j);
            break;
        case BS_ROLE_BYLINE:
            text = one_line(b, j);
            field_add(&byline, text, 0, j);
            break;
        case BS_ROLE_CAPTION:
            text = bs_block_paragraphs(b, j);
            field_add(&caption, text, '\n', j);
            break;
        case BS_ROLE_BODY:
        case BS_ROLE_UNKNOWN:
        case BS_ROLE_FOLIO:
            text = bs_block_paragraphs(b, j);
            /* A paragraph broken at the foot of a column goes on at the
             * top of the next. */
            field_add(&body, text,
                      body.set && last_body && paragraph_runs_on(last_body, b)
                          ? 0 : '\n', j);
            if (*text)
                last_body = b;
            break;
        default:
            text = NULL; /* jump lines, rules, photos: no text fields */
            break;
        }
        free(text);
    }
    if (caption.set)
        field_add(&body, bs_buf_str(&caption.text), '\n', j);
    bs_buf_release(&caption.text);
    free(a->kicker);
    free(a->headline);
    free(a->subheadline);
    free(a->byline);
    free(a->body);
    a->kicker = field_take(&kicker);
    a->headline = field_take(&headline);
    if (!a->headline)
        a->headline = bs_strdup("");
    a->subheadline = field_take(&sub);
    a->byline = field_take(&byline);
    a->body = field_take(&body);
    if (!a->body)
        a->body = bs_strdup("");
}

void bs_article_fit_box(const struct bs_page *page, struct bs_article *a)
{
    struct bs_box u = {0, 0, 0, 0};

    for (int i = 0; i < a->nblocks; i++) {
        int bi = bs_page_find_block(page, a->blocks[i]);
        if (bi >= 0)
            u = bs_box_union(u, page->blocks[bi].box);
    }
    a->box = u;
}
