/*
 * repair_join.c - joining lines: the lexicon and the repair joiner.
 *
 * Chinese lines join with no space (as bs_join_plain does).  A Latin word
 * hyphenated at a line end ("inter-" + "national") loses its hyphen when
 * the joined word is in the language's lexicon (models/lexicon/<lang>.txt,
 * English from Debian's wamerican); otherwise the hyphen stays and no
 * space is put in ("well-" + "known" -> "well-known").  A language with no
 * lexicon loses every line-end hyphen before a lower-case letter (German,
 * Fraktur: compounds broken at their hyphen go on with a capital).  A word
 * after a second hyphen ("mother-in-" + "law") or before a capital
 * ("Baden-" + "Baden") always keeps it.
 */
#include "repair.h"

#include "../base/base.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>

#define LEXICON_MAX_BYTES (16u << 20)
#define WORD_MAX 64

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int bs_lexicon_load(struct bs_lexicon *lex, const char *path,
                    struct bs_error *err)
{
    size_t len;
    int cap = 0, sorted = 1;

    memset(lex, 0, sizeof(*lex));
    if (bs_read_file(path, LEXICON_MAX_BYTES, &lex->data, &len, err) < 0)
        return -1;
    for (char *p = lex->data, *nl; *p; p = nl) {
        nl = strchr(p, '\n');
        if (nl)
            *nl++ = '\0';
        else
            nl = p + strlen(p);
        if (*p == '\r' || !*p)
            continue;
        if (strchr(p, '\r'))
            *strchr(p, '\r') = '\0';
        for (char *q = p; *q; q++)
            *q = (char)tolower((unsigned char)*q);
        bs_grow((void **)&lex->words, &cap, lex->n + 1, sizeof(char *));
        lex->words[lex->n] = p;
        if (lex->n > 0 && strcmp(lex->words[lex->n - 1], p) > 0)
            sorted = 0;
        lex->n++;
    }
    if (lex->n == 0) {
        bs_lexicon_release(lex);
        return bs_fail(err, "%s: the lexicon holds no words", path);
    }
    if (!sorted)
        qsort(lex->words, (size_t)lex->n, sizeof(char *), cmp_str);
    return 0;
}

int bs_lexicon_load_default(struct bs_lexicon *lex, struct bs_error *err)
{
    return bs_lexicon_load_for(lex, "eng", err) == 1 ? 0 : -1;
}

int bs_lexicon_load_for(struct bs_lexicon *lex, const char *lang,
                        struct bs_error *err)
{
    char *dir = bs_path_join(bs_models_dir(), "lexicon");
    const char *p = lang ? lang : "";
    int rc = 0, eng = lang && strcmp(lang, "eng") == 0;

    memset(lex, 0, sizeof(*lex));
    while (*p && rc == 0) {
        size_t n = strcspn(p, "+");
        char name[64], *path;
        if (n > 0 && n + 5 <= sizeof(name) && !memchr(p, '/', n) &&
            p[0] != '.') {
            snprintf(name, sizeof(name), "%.*s.txt", (int)n, p);
            path = bs_path_join(dir, name);
            if (access(path, F_OK) == 0 || eng) {
                rc = bs_lexicon_load(lex, path, err) < 0 ? -1 : 1;
                if (rc == 1)
                    snprintf(lex->name, sizeof(lex->name), "%s", name);
                else
                    bs_fail_prefix(err, "repair lexicon (switch line joins "
                                   "off with --no-repair=join)");
            }
            free(path);
        }
        p += n;
        if (*p == '+')
            p++;
    }
    free(dir);
    return rc;
}

void bs_lexicon_release(struct bs_lexicon *lex)
{
    free(lex->words);
    free(lex->data);
    memset(lex, 0, sizeof(*lex));
}

int bs_lexicon_has(const struct bs_lexicon *lex, const char *word)
{
    char low[WORD_MAX + 1];
    const char *key = low;
    size_t n = strlen(word);

    if (!lex || !lex->n || n == 0 || n > WORD_MAX)
        return 0;
    for (size_t i = 0; i <= n; i++)
        low[i] = (char)tolower((unsigned char)word[i]);
    return bsearch(&key, lex->words, (size_t)lex->n, sizeof(char *),
                   cmp_str) != NULL;
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True when prev ends in a word broken at a hyphen that goes on in next
 * with a lower-case letter, in any Latin-script language: a letter, then
 * '-', and that word not after a second hyphen. */
static int broken_before_lower(const char *prev, const char *next)
{
    size_t n = strlen(prev);
    const char *start;
    uint32_t before = 0;

    while (n > 0 && (prev[n - 1] == ' ' || prev[n - 1] == '\t'))
        n--;
    while (*next == ' ' || *next == '\t')
        next++;
    if (n < 2 || prev[n - 1] != '-' || !bs_cp_is_lower(bs_utf8_first(next)))
        return 0;
    /* the code point before the hyphen, and the word's start */
    for (start = prev + n - 1; start > prev; start--)
        if (((unsigned char)start[-1] & 0xC0) != 0x80) {
            before = bs_utf8_first(start - 1);
            break;
        }
    if (!bs_cp_is_latin_alnum(before) || (before >= '0' && before <= '9'))
        return 0;
    for (start = prev + n - 1; start > prev && start[-1] != ' '; start--)
        if (start[-1] == '-')
            return 0; /* "mother-in-": a compound */
    return 1;
}

/* The word a line-end hyphen would make, in out (WORD_MAX + 1 bytes), or
 * 0 when the line end is no hyphenated Latin word. */
static int hyphen_word(const char *prev, const char *next, char *out)
{
    size_t n = strlen(prev), a, t = 0;

    while (n > 0 && (prev[n - 1] == ' ' || prev[n - 1] == '\t'))
        n--;
    while (*next == ' ' || *next == '\t')
        next++;

    if (n < 2 || prev[n - 1] != '-' || !is_alpha(prev[n - 2]))
        return 0;
    a = n - 1;
    while (a > 0 && is_alpha(prev[a - 1]))
        a--;
    if (a > 0 && prev[a - 1] == '-')
        return 0; /* "mother-in-": a compound */
    if (!(next[0] >= 'a' && next[0] <= 'z'))
        return 0; /* "Baden-" "Baden", "1990-" "91" */
    while (is_alpha(next[t]))
        t++;
    if ((n - 1 - a) + t > WORD_MAX)
        return 0;
    memcpy(out, prev + a, n - 1 - a);
    memcpy(out + (n - 1 - a), next, t);
    out[(n - 1 - a) + t] = '\0';
    return 1;
}

enum bs_join bs_join_lexicon(const char *prev, const char *next, void *ctx)
{
    const struct bs_lexicon *lex = ctx;
    char word[WORD_MAX + 1];

    if (lex && lex->n > 0 && hyphen_word(prev, next, word))
        return bs_lexicon_has(lex, word) ? BS_JOIN_DEHYPHEN : BS_JOIN_NONE;
    if ((!lex || lex->n == 0) && broken_before_lower(prev, next))
        return BS_JOIN_DEHYPHEN;
    return bs_join_plain(prev, next, NULL);
}

void bs_repair_join_log(const struct bs_page *page,
                        const struct bs_lexicon *lex,
                        struct bs_repair_log *log)
{
    for (int b = 0; b < page->nblocks; b++) {
        const struct bs_block *block = &page->blocks[b];

        if (!bs_role_has_text(block->role))
            continue;
        for (int l = 0; l + 1 < block->nlines; l++) {
            char *prev = bs_line_text(&block->lines[l]);
            char *next = bs_line_text(&block->lines[l + 1]);
            char word[WORD_MAX + 1];

            int lexical = lex && lex->n > 0;
            int dehyphen = lexical ? hyphen_word(prev, next, word) &&
                                         bs_lexicon_has(lex, word)
                                   : broken_before_lower(prev, next);
            if (dehyphen) {
                const char *start, *nx = next;
                char *before, *after;
                size_t t = 0, e = strlen(prev);

                while (e > 0 && (prev[e - 1] == ' ' || prev[e - 1] == '\t'))
                    prev[--e] = '\0';
                start = strrchr(prev, ' ');
                start = start ? start + 1 : prev;
                while (*nx == ' ' || *nx == '\t')
                    nx++;
                while (nx[t] && nx[t] != ' ')
                    t++;
                before = bs_sprintf("%s\n%.*s", start, (int)t, nx);
                after = bs_sprintf("%.*s%.*s", (int)strlen(start) - 1, start,
                                   (int)t, nx);
                bs_repair_log_add(
                    log, "join", block->id, l, before, after,
                    lexical ? json_pack("{s:s, s:s}", "pattern",
                                        "line-end-hyphen", "lexicon",
                                        lex->name)
                            : json_pack("{s:s, s:s}", "pattern",
                                        "line-end-hyphen", "rule",
                                        "lower-case letter after"));
                free(before);
                free(after);
            }
            free(next);
            free(prev);
        }
    }
}
