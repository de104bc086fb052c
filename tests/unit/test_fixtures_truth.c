/*
 * test_fixtures_truth.c - every committed fixture truth file
 * (fixtures/truth/NAME.json) is sound and the set covers what the project
 * needs.
 *
 * Per page: loads with bs_articles_load() and survives a save/load round
 * trip through the pipeline's writer (page number included); blocks have known roles and
 * boxes inside the page; every article's block ids exist and point back to
 * it; article boxes are the union of their blocks; the reading order names
 * every article once; body, byline, kicker and jump-line blocks lie inside
 * one column of their band (4 px allowed for glyph overhang and
 * antialiasing), captions inside
 * a column or under their photo, headlines inside the band; the article
 * body is exactly its body blocks' text plus its captions; jump lines are
 * not body text and match continued_to / continued_from.
 *
 * Across the set: the coverage list of fixtures/README.md (a page type
 * that disappears fails here).  BS_FIXTURES names the fixtures folder
 * (default: fixtures, relative to the repository root where tests run).
 */
#include "check.h"
#include "../../pipeline/base/base.h"
#include "../../pipeline/model/model.h"

#include <glob.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOL 4

static void expect(int cond, const char *fmt, ...)
{
    va_list ap;

    check_total++;
    if (cond)
        return;
    check_failed++;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

struct coverage {
    int pages, eng, zh, min_cols, max_cols, tall_spanning_headline, kicker;
    int dash_sub, en_byline, zh_byline, flow, ruled, unruled, narrow_gutter;
    int hrule, photo_caption, jump_on, jump_from, jump_zh_to, jump_zh_from;
    int no_headline, six_over_four, masthead, big_en, big_zh, fake_bold;
    int spaced_zh, skew, speckle, blur, background, linked_en, linked_zh;
    int hyphen;
};

struct box {
    int x, y, w, h;
};

static struct box get_box(json_t *obj)
{
    json_t *b = json_object_get(obj, "bbox");
    struct box r = {(int)json_integer_value(json_array_get(b, 0)),
                    (int)json_integer_value(json_array_get(b, 1)),
                    (int)json_integer_value(json_array_get(b, 2)),
                    (int)json_integer_value(json_array_get(b, 3))};
    return r;
}

static const char *sget(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The text without spaces and newlines (malloc'd). */
static char *squeeze(const char *s)
{
    char *out = malloc(strlen(s ? s : "") + 1), *o = out;
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\n')
            *o++ = *s;
    *o = 0;
    return out;
}

static void append(char **acc, const char *s)
{
    size_t n = strlen(*acc);
    *acc = realloc(*acc, n + strlen(s) + 1);
    strcpy(*acc + n, s);
}

/* Appends a block's lines, marking a line-final "-" as \x01: it may be a
 * hyphen the generator inserted, which the body text does not have. */
static void append_lines(char **acc, const char *text, struct coverage *cov)
{
    char *copy = strdup(text);
    for (char *p = copy; *p; p++) {
        if (*p == '-' && (p[1] == '\n' || p[1] == 0) && p > copy &&
            p[-1] >= 'a' && p[-1] <= 'z') {
            *p = '\x01';
            cov->hyphen = 1;
        }
    }
    append(acc, copy);
    free(copy);
}

/* want (from the lines, with \x01 marks) equals body: a marked hyphen
 * matches a "-" in the body or nothing. */
static int same_text(const char *want, const char *body)
{
    while (*want) {
        if (*want == '\x01') {
            if (*body == '-')
                body++;
            want++;
        } else if (*want++ != *body++) {
            return 0;
        }
    }
    return *body == 0;
}

/* The band holding y, or NULL. */
static json_t *band_at(json_t *bands, int y)
{
    json_t *b;
    size_t i;
    json_array_foreach(bands, i, b) {
        json_t *yr = json_object_get(b, "y");
        if (y >= json_integer_value(json_array_get(yr, 0)) &&
            y < json_integer_value(json_array_get(yr, 1)))
            return b;
    }
    return NULL;
}

/* Index of the column of band holding [x0, x1] (TOL px slack), or -1. */
static int column_of(json_t *band, int x0, int x1)
{
    json_t *c;
    size_t i;
    json_array_foreach(json_object_get(band, "columns"), i, c) {
        int c0 = (int)json_integer_value(json_array_get(c, 0));
        int c1 = (int)json_integer_value(json_array_get(c, 1));
        if (x0 >= c0 - TOL && x1 <= c1 + TOL)
            return (int)i;
    }
    return -1;
}

static int band_x(json_t *band, int last)
{
    json_t *cols = json_object_get(band, "columns");
    json_t *c = json_array_get(cols, last ? json_array_size(cols) - 1 : 0);
    return (int)json_integer_value(json_array_get(c, last ? 1 : 0));
}

static json_t *find_id(json_t *arr, const char *id)
{
    json_t *v;
    size_t i;
    json_array_foreach(arr, i, v) {
        const char *s = sget(v, "id");
        if (s && strcmp(s, id) == 0)
            return v;
    }
    return NULL;
}

static void check_columns(const char *name, json_t *root, int W,
                          struct coverage *cov)
{
    json_t *bands = json_object_get(root, "columns"), *b;
    size_t i;
    int prev_n = 0;

    expect(json_is_array(bands) && json_array_size(bands) > 0,
           "%s: no column bands", name);
    json_array_foreach(bands, i, b) {
        json_t *cols = json_object_get(b, "columns");
        int n = (int)json_array_size(cols), last = -1;
        for (int c = 0; c < n; c++) {
            int x0 = (int)json_integer_value(json_array_get(json_array_get(cols, c), 0));
            int x1 = (int)json_integer_value(json_array_get(json_array_get(cols, c), 1));
            expect(x0 < x1 && x0 >= 0 && x1 <= W && x0 > last,
                   "%s: band %zu column %d [%d,%d] is out of order or off the page",
                   name, i, c, x0, x1);
            if (last >= 0 && x0 - last <= 12)
                cov->narrow_gutter = 1;
            last = x1;
        }
        if (n < cov->min_cols || cov->min_cols == 0)
            cov->min_cols = n;
        if (n > cov->max_cols)
            cov->max_cols = n;
        if (prev_n == 6 && n == 4)
            cov->six_over_four = 1;
        prev_n = n;
    }
}

/* Line-breaking rules as drawn: no line starts or ends with a space; in
 * Chinese no line starts with closing punctuation (kinsoku) or ends with
 * opening punctuation. */
static void check_lines(const char *name, const char *id, const char *text,
                        int zh)
{
    static const char *const no_start[] = {
        "\xef\xbc\x8c", "\xe3\x80\x82", "\xe3\x80\x81", "\xef\xbc\x9b",
        "\xef\xbc\x9a", "\xef\xbc\x9f", "\xef\xbc\x81", "\xef\xbc\x89",
        "\xe3\x80\x8d", "\xe2\x80\x9d", "\xe3\x80\x8b", NULL};
    static const char *const no_end[] = {
        "\xef\xbc\x88", "\xe3\x80\x8c", "\xe2\x80\x9c", "\xe3\x80\x8a", NULL};
    const char *p = text;

    while (*p) {
        size_t n = strcspn(p, "\n");
        expect(n > 0 && p[0] != ' ' && p[n - 1] != ' ',
               "%s: block %s has an empty line or one with outer spaces", name, id);
        for (int i = 0; zh && no_start[i]; i++)
            expect(strncmp(p, no_start[i], strlen(no_start[i])) != 0,
                   "%s: block %s has a line starting with %s", name, id, no_start[i]);
        for (int i = 0; zh && no_end[i]; i++) {
            size_t k = strlen(no_end[i]);
            expect(n < k || strncmp(p + n - k, no_end[i], k) != 0,
                   "%s: block %s has a line ending with %s", name, id, no_end[i]);
        }
        p += n;
        if (*p == '\n')
            p++;
    }
}

/* Block geometry and roles. */
static void check_blocks(const char *name, json_t *root, int W, int H,
                         struct coverage *cov)
{
    const char *lang = sget(json_object_get(root, "page"), "lang");
    int zh = lang && !strncmp(lang, "chi", 3);
    json_t *blocks = json_object_get(root, "blocks"), *bands =
        json_object_get(root, "columns"), *b;
    size_t i;
    int vrules = 0, multi = 0;

    json_array_foreach(bands, i, b)
        if (json_array_size(json_object_get(b, "columns")) > 1)
            multi = 1;
    json_array_foreach(blocks, i, b) {
        struct box bx = get_box(b);
        const char *role = sget(b, "role"), *id = sget(b, "id"), *text = sget(b, "text");
        json_t *band = band_at(bands, bx.y + bx.h / 2);

        expect(role && id && text, "%s: block %zu lacks id, role or text", name, i);
        if (!role || !id || !text)
            continue;
        if (*text)
            check_lines(name, id, text, zh);
        expect(bx.w > 0 && bx.h > 0 && bx.x >= 0 && bx.y >= 0 && bx.x + bx.w <= W &&
                   bx.y + bx.h <= H,
               "%s: block %s box [%d,%d,%d,%d] is empty or off the page", name, id,
               bx.x, bx.y, bx.w, bx.h);
        if (!strcmp(role, "body") || !strcmp(role, "byline") ||
            !strcmp(role, "kicker") || !strcmp(role, "continuation")) {
            expect(band && column_of(band, bx.x, bx.x + bx.w) >= 0,
                   "%s: %s block %s [%d,%d,%d,%d] is not inside one column", name,
                   role, id, bx.x, bx.y, bx.w, bx.h);
            expect(*text != 0, "%s: %s block %s has no text", name, role, id);
        } else if (!strcmp(role, "caption")) {
            int ok = band && column_of(band, bx.x, bx.x + bx.w) >= 0;
            json_t *o;
            size_t k;
            json_array_foreach(blocks, k, o) {
                struct box ib = get_box(o);
                if (sget(o, "role") && !strcmp(sget(o, "role"), "image") &&
                    bx.x >= ib.x - TOL && bx.x + bx.w <= ib.x + ib.w + TOL &&
                    bx.y >= ib.y + ib.h)
                    ok = 1;
            }
            expect(ok, "%s: caption %s is neither in a column nor under a photo",
                   name, id);
        } else if (!strcmp(role, "headline") || !strcmp(role, "subheadline")) {
            expect(band && bx.x >= band_x(band, 0) - TOL &&
                       bx.x + bx.w <= band_x(band, 1) + TOL,
                   "%s: %s %s sticks out of its band", name, role, id);
            if (!strcmp(role, "headline") && band && bx.h >= 100 &&
                column_of(band, bx.x, bx.x + bx.w) < 0)
                cov->tall_spanning_headline = 1;
        } else if (!strcmp(role, "separator")) {
            if (bx.h > 10 * bx.w)
                vrules++;
            if (bx.w > 10 * bx.h)
                cov->hrule = 1;
        } else if (!strcmp(role, "masthead")) {
            cov->masthead = 1;
        } else if (strcmp(role, "image") && strcmp(role, "folio")) {
            expect(0, "%s: block %s has unexpected role %s", name, id, role);
        }
        if (!strcmp(role, "kicker"))
            cov->kicker = 1;
        if (!strcmp(role, "subheadline") &&
            !strncmp(text, "\xe2\x80\x94\xe2\x80\x94", 6))
            cov->dash_sub = 1;
        if (!strcmp(role, "byline") && !strncmp(text, "By ", 3))
            cov->en_byline = 1;
        if (!strcmp(role, "byline") &&
            !strncmp(text, "\xe6\x9c\xac\xe6\x8a\xa5\xe8\xae\xb0\xe8\x80\x85", 12))
            cov->zh_byline = 1;
        if (!strcmp(role, "continuation")) {
            if (!strcmp(text, "Continued on Page 4"))
                cov->jump_on = 1;
            if (!strcmp(text, "Continued from Page 1"))
                cov->jump_from = 1;
            if (!strcmp(text, "\xe4\xb8\x8b\xe8\xbd\xac\xe7\xac\xac" "4\xe7\x89\x88"))
                cov->jump_zh_to = 1;
            if (!strcmp(text, "\xe4\xb8\x8a\xe6\x8e\xa5\xe7\xac\xac" "1\xe7\x89\x88"))
                cov->jump_zh_from = 1;
        }
    }
    if (vrules)
        cov->ruled = 1;
    else if (multi)
        cov->unruled = 1;
}

/* Articles: blocks, boxes, reading order, body text, jump lines. */
static void check_articles(const char *name, json_t *root, struct coverage *cov)
{
    json_t *arts = json_object_get(root, "articles"), *blocks =
        json_object_get(root, "blocks"), *order = json_object_get(root, "reading_order");
    json_t *a, *v;
    size_t i, k;

    expect(json_array_size(arts) > 0, "%s: no articles", name);
    expect(json_array_size(order) == json_array_size(arts),
           "%s: reading_order has %zu ids for %zu articles", name,
           json_array_size(order), json_array_size(arts));
    json_array_foreach(order, i, v) {
        int seen = 0;
        json_t *w;
        json_array_foreach(order, k, w)
            if (json_is_string(v) && json_is_string(w) &&
                !strcmp(json_string_value(v), json_string_value(w)))
                seen++;
        expect(json_is_string(v) && find_id(arts, json_string_value(v)) && seen == 1,
               "%s: reading_order entry %zu is unknown or repeated", name, i);
    }
    json_array_foreach(arts, i, a) {
        const char *aid = sget(a, "id"), *body = sget(a, "body");
        const char *head = sget(a, "headline");
        char *want = calloc(1, 1), *caps = calloc(1, 1), *got, *heads = calloc(1, 1);
        struct box ab = get_box(a), u = {0, 0, 0, 0};
        int x1 = 0, y1 = 0, ncols = 0, lastcol = -1, from = 0, to = 0;

        expect(aid && body && head, "%s: article %zu lacks id, body or headline",
               name, i);
        if (!aid || !body || !head)
            continue;
        if (!*head)
            cov->no_headline = 1;
        json_array_foreach(json_object_get(a, "blocks"), k, v) {
            json_t *b = json_is_string(v) ? find_id(blocks, json_string_value(v)) : NULL;
            const char *role, *text;
            struct box bx;
            expect(b != NULL, "%s: article %s names a missing block", name, aid);
            if (!b)
                continue;
            role = sget(b, "role");
            text = sget(b, "text");
            bx = get_box(b);
            expect(sget(b, "article") && !strcmp(sget(b, "article"), aid),
                   "%s: block %s does not point back to article %s", name,
                   sget(b, "id"), aid);
            if (k == 0)
                u = bx;
            if (bx.x < u.x) u.x = bx.x;
            if (bx.y < u.y) u.y = bx.y;
            x1 = bx.x + bx.w > x1 ? bx.x + bx.w : x1;
            y1 = bx.y + bx.h > y1 ? bx.y + bx.h : y1;
            if (!strcmp(role, "body")) {
                json_t *band = band_at(json_object_get(root, "columns"), bx.y + bx.h / 2);
                int col = band ? column_of(band, bx.x, bx.x + bx.w) : -1;
                if (col != lastcol)
                    ncols++;
                lastcol = col;
                append_lines(&want, text, cov);
            } else if (!strcmp(role, "caption")) {
                append(&caps, text);
                cov->photo_caption = 1;
            } else if (!strcmp(role, "headline")) {
                append(&heads, text);
            } else if (!strcmp(role, "continuation")) {
                const char *d = text + strcspn(text, "0123456789");
                if (strstr(text, "on Page") || strstr(text, "\xe4\xb8\x8b\xe8\xbd\xac"))
                    to = atoi(d);
                else
                    from = atoi(d);
            }
        }
        if (ncols >= 2)
            cov->flow = 1;
        u.w = x1 - u.x;
        u.h = y1 - u.y;
        expect(u.x == ab.x && u.y == ab.y && u.w == ab.w && u.h == ab.h,
               "%s: article %s bbox is not the union of its blocks", name, aid);
        append(&want, caps);
        got = squeeze(body);
        {
            char *w2 = squeeze(want), *h1 = squeeze(head), *h2 = squeeze(heads);
            expect(same_text(w2, got), "%s: article %s body is not its blocks' text",
                   name, aid);
            expect(!strcmp(h1, h2), "%s: article %s headline is not its block's text",
                   name, aid);
            free(w2);
            free(h1);
            free(h2);
        }
        expect(!strstr(body, "Continued") && !strstr(body, "\xe4\xb8\x8b\xe8\xbd\xac\xe7\xac\xac") &&
                   !strstr(body, "\xe4\xb8\x8a\xe6\x8e\xa5\xe7\xac\xac"),
               "%s: article %s has a jump line in its body", name, aid);
        expect(to == json_integer_value(json_object_get(a, "continued_to")) &&
                   from == json_integer_value(json_object_get(a, "continued_from")),
               "%s: article %s continued_to/from do not match its jump lines", name, aid);
        free(got);
        free(want);
        free(caps);
        free(heads);
    }
}

/* What only the spec knows: fake bold, letter spacing, degradations. */
static void check_spec(const char *name, const char *dir, json_t *truth,
                       struct coverage *cov)
{
    char path[512];
    json_t *spec, *a, *d;
    size_t i;

    snprintf(path, sizeof(path), "%s/specs/%s.json", dir, name);
    spec = json_load_file(path, 0, NULL);
    expect(spec != NULL, "%s: no spec %s", name, path);
    if (!spec)
        return;
    json_array_foreach(json_object_get(spec, "articles"), i, a) {
        json_t *ta = json_array_get(json_object_get(truth, "articles"), i);
        if (json_integer_value(json_object_get(a, "fake_bold")) > 0)
            cov->fake_bold = 1;
        if (json_number_value(json_object_get(a, "letter_spacing")) > 0 &&
            !strcmp(json_string_value(json_object_get(spec, "script")), "zh")) {
            cov->spaced_zh = 1;
            expect(sget(ta, "headline") && !strchr(sget(ta, "headline"), ' '),
                   "%s: letter-spaced headline has spaces in its truth", name);
        }
    }
    d = json_object_get(spec, "degrade");
    if (d) {
        double s = json_number_value(json_object_get(d, "skew"));
        if (s != 0 && s >= -1.0 && s <= 1.0 && (s > 0.4 || s < -0.4))
            cov->skew = 1;
        if (json_integer_value(json_object_get(d, "speckle")) > 0)
            cov->speckle = 1;
        if (json_number_value(json_object_get(d, "blur")) > 0)
            cov->blur = 1;
        if (json_number_value(json_object_get(d, "background")) > 0)
            cov->background = 1;
    }
    json_decref(spec);
}

/* A page-1 article continued on page 4 of the same language, sharing
 * headline words (English) or characters (Chinese) with its page-4 end. */
static int linked(json_t **roots, int n, const char *lang)
{
    for (int p = 0; p < n; p++) {
        json_t *pi = json_object_get(roots[p], "page"), *a;
        size_t i;
        if (json_integer_value(json_object_get(pi, "number")) != 1 ||
            strcmp(sget(pi, "lang"), lang))
            continue;
        json_array_foreach(json_object_get(roots[p], "articles"), i, a) {
            if (json_integer_value(json_object_get(a, "continued_to")) != 4)
                continue;
            for (int q = 0; q < n; q++) {
                json_t *qi = json_object_get(roots[q], "page"), *b;
                size_t k;
                if (json_integer_value(json_object_get(qi, "number")) != 4 ||
                    strcmp(sget(qi, "lang"), lang))
                    continue;
                json_array_foreach(json_object_get(roots[q], "articles"), k, b) {
                    const char *h1 = sget(a, "headline"), *h2 = sget(b, "headline");
                    char word[64];
                    int shared = 0;
                    if (json_integer_value(json_object_get(b, "continued_from")) != 1 ||
                        !h1 || !h2)
                        continue;
                    /* Any 6-byte piece (a long English word part, two CJK
                     * characters) of one headline found in the other. */
                    for (size_t o = 0; h1[o] && h1[o + 1]; o++) {
                        if (strlen(h1 + o) < 6)
                            break;
                        memcpy(word, h1 + o, 6);
                        word[6] = 0;
                        if (!strchr(word, ' ') && strstr(h2, word))
                            shared = 1;
                    }
                    if (shared)
                        return 1;
                }
            }
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = getenv("BS_FIXTURES") ? getenv("BS_FIXTURES") : "fixtures";
    char pattern[512];
    glob_t gl;
    struct coverage cov;
    json_t **roots;

    memset(&cov, 0, sizeof(cov));
    snprintf(pattern, sizeof(pattern), "%s/truth/*.json", dir);
    if (glob(pattern, 0, NULL, &gl) != 0) {
        fprintf(stderr, "no fixture truth files match %s\n", pattern);
        return 1;
    }
    roots = calloc(gl.gl_pathc + 1, sizeof(*roots));
    for (size_t f = 0; f < gl.gl_pathc; f++) {
        const char *path = gl.gl_pathv[f], *slash = strrchr(path, '/');
        char name[128];
        struct bs_error err = {0};
        struct bs_page *page = NULL;
        json_t *root, *info;
        int W, H;

        snprintf(name, sizeof(name), "%s", slash ? slash + 1 : path);
        name[strcspn(name, ".")] = 0;
        expect(bs_articles_load(path, &page, &err) == 0,
               "%s: bs_articles_load fails: %s", name, err.msg);
        if (page) {
            /* The pipeline's writer keeps what the truth says, including
             * the printed page number. */
            char tmp[] = "/tmp/bs-truth-XXXXXX";
            int fd = mkstemp(tmp);
            struct bs_page *again = NULL;
            expect(page->number >= 0 && page->narticles > 0,
                   "%s: loaded page has no articles", name);
            if (fd >= 0) {
                close(fd);
                expect(bs_articles_save(page, tmp, &err) == 0 &&
                           bs_articles_load(tmp, &again, &err) == 0 && again &&
                           again->number == page->number &&
                           again->narticles == page->narticles &&
                           again->nblocks == page->nblocks,
                       "%s: articles.json round trip changes the page", name);
                unlink(tmp);
                bs_page_free(&again);
            }
            bs_page_free(&page);
        }
        root = json_load_file(path, 0, NULL);
        expect(root != NULL, "%s: not JSON", name);
        if (!root)
            continue;
        roots[cov.pages++] = root;
        info = json_object_get(root, "page");
        W = (int)json_integer_value(json_object_get(info, "width"));
        H = (int)json_integer_value(json_object_get(info, "height"));
        expect(sget(info, "id") && !strcmp(sget(info, "id"), name),
               "%s: page id is not the file name", name);
        expect(W > 0 && H > 0 && json_integer_value(json_object_get(info, "dpi")) > 0,
               "%s: bad page size or dpi", name);
        if (sget(info, "lang") && !strcmp(sget(info, "lang"), "eng")) {
            cov.eng = 1;
            cov.big_en |= W == 3300 && H == 4800;
        }
        if (sget(info, "lang") && !strncmp(sget(info, "lang"), "chi_sim", 7)) {
            cov.zh = 1;
            cov.big_zh |= W == 3300 && H == 4800;
        }
        check_columns(name, root, W, &cov);
        check_blocks(name, root, W, H, &cov);
        check_articles(name, root, &cov);
        check_spec(name, dir, root, &cov);
    }
    cov.linked_en = linked(roots, cov.pages, "eng");
    cov.linked_zh = linked(roots, cov.pages, "chi_sim");

#define COVER(field, what) expect(cov.field, "coverage: no fixture page has " what)
    COVER(eng, "English text");
    COVER(zh, "Chinese text");
    expect(cov.pages >= 10, "coverage: %d fixture pages, want at least 10", cov.pages);
    expect(cov.min_cols == 2 && cov.max_cols >= 8,
           "coverage: columns range %d..%d, want 2..8", cov.min_cols, cov.max_cols);
    COVER(tall_spanning_headline, "a headline >= 100 px tall spanning columns");
    COVER(kicker, "a kicker");
    COVER(dash_sub, "a Chinese subheadline opening with a dash");
    COVER(en_byline, "a \"By ...\" byline");
    COVER(zh_byline, "a Chinese reporter byline");
    COVER(flow, "body text flowing across columns");
    COVER(ruled, "column rules");
    COVER(unruled, "a multi-column page without column rules");
    COVER(narrow_gutter, "a gutter of 12 px or less");
    COVER(hrule, "a horizontal rule");
    COVER(photo_caption, "a photo with a caption");
    COVER(jump_on, "\"Continued on Page 4\"");
    COVER(jump_from, "\"Continued from Page 1\"");
    COVER(jump_zh_to, "a Chinese 'continued on page 4' jump line");
    COVER(jump_zh_from, "a Chinese 'continued from page 1' jump line");
    COVER(linked_en, "an English page-1 article continued on a page 4");
    COVER(linked_zh, "a Chinese page-1 article continued on a page 4");
    COVER(no_headline, "an article without a headline");
    COVER(six_over_four, "6 columns above 4");
    COVER(masthead, "a masthead");
    COVER(big_en, "a 3300x4800 English broadsheet");
    COVER(big_zh, "a 3300x4800 Chinese broadsheet");
    COVER(fake_bold, "a fake-bold (doubly drawn) headline");
    COVER(spaced_zh, "a letter-spaced Chinese headline");
    COVER(skew, "skew between 0.4 and 1 degree");
    COVER(speckle, "speckle noise");
    COVER(blur, "blur");
    COVER(background, "an uneven background");
    COVER(hyphen, "an English line ending in a hyphen");

    for (int i = 0; i < cov.pages; i++)
        json_decref(roots[i]);
    free(roots);
    globfree(&gl);
    return check_report(argv[0]);
}
