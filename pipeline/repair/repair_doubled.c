/*
 * repair_doubled.c - text read twice: a line that is two copies of itself
 * ("让民生福祉持续增进让民生福祉持续增进"), a line doubled chunk by chunk
 * ("一机集团携一机集团携1212台台" -> "一机集团携12台"), both possibly after an
 * undoubled lead ("——"), and doubled circled numbers ("⑦⑦").
 *
 * Legitimate repeats are everywhere ("谢谢", "2020年", "哈哈哈哈", "Walla
 * Walla", "had had"), so the decision is made over the whole line, never
 * per pair: the line (spaces ignored) after its lead must be covered
 * completely by doubled chunks, the copies must touch (no space between them
 * unless the line is letter-spaced or a headline read word by word), and the
 * repaired text must be long and varied enough that no reduplicated word can
 * pass.  The thresholds live in the profile (repair_min_*).
 */
#include "repair.h"

#include "../base/base.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Longest line (non-space characters) judged; longer ones are left alone. */
#define MAX_JUDGED 1200
#define MAX_LEAD 4

static int is_circled(uint32_t cp)
{
    return (cp >= 0x2460 && cp <= 0x24FF) || (cp >= 0x2776 && cp <= 0x2793) ||
           (cp >= 0x3251 && cp <= 0x325F) || (cp >= 0x32B1 && cp <= 0x32BF);
}

/* Characters that may open a line undoubled: dashes, boxes, brackets. */
static int is_lead(uint32_t cp)
{
    return !bs_cp_is_han(cp) && !bs_cp_is_latin_alnum(cp) && !is_circled(cp) &&
           !(cp >= 0x3040 && cp <= 0x30FF) && !(cp >= 0xAC00 && cp <= 0xD7AF) &&
           !(cp >= 0xFF10 && cp <= 0xFF5A);
}

struct skel {
    const uint32_t *cps;  /* the line */
    int *at;              /* slot of each non-space character */
    uint32_t *s;          /* the non-space characters */
    int n;
    int letter_spaced;    /* most CJK neighbours are set apart by spaces */
};

static int same(const struct skel *k, int a, int b, int len)
{
    return memcmp(k->s + a, k->s + b, (size_t)len * sizeof(uint32_t)) == 0;
}

/* May a second copy start at skeleton index j?  The copies must touch in
 * the line: a space between them makes "Walla Walla", "had had". */
static int junction_ok(const struct skel *k, int j, int spaced_ok)
{
    if (k->at[j] - k->at[j - 1] == 1)
        return 1;
    return spaced_ok;
}

static int primitive(const uint32_t *x, int len)
{
    for (int p = 1; p < len; p++) {
        int periodic = 1;
        if (len % p)
            continue;
        for (int i = p; i < len && periodic; i++)
            periodic = x[i] == x[i - p];
        if (periodic)
            return 0;
    }
    return 1;
}

/* AABB...: a reduplicated word such as "高高兴兴", "嘻嘻哈哈". */
static int reduplicated(const uint32_t *x, int len)
{
    if (len % 2)
        return 0;
    for (int i = 0; i < len; i += 2)
        if (x[i] != x[i + 1])
            return 0;
    return 1;
}

static int distinct(const uint32_t *x, int len)
{
    int d = 0;
    for (int i = 0; i < len; i++) {
        int j = 0;
        while (j < i && x[j] != x[i])
            j++;
        d += j == i;
        if (d >= 8)
            break;
    }
    return d;
}

/* Multi-word X (a space inside its first copy): "New York" has one. */
static int words_in_copy(const struct skel *k, int from, int len)
{
    int w = 1;
    for (int j = from + 1; j < from + len; j++)
        w += k->at[j] - k->at[j - 1] > 1;
    return w;
}

/* May the second copy of X (half characters from lead) start where it
 * does?  Touching copies always; a space between them only in a
 * letter-spaced line, or in a headline read word by word when X has two or
 * more words and eight or more characters ("Walla Walla", "New York New
 * York" stay). */
static int halves_may_meet(const struct skel *k, int lead, int half,
                           const struct bs_doubled_opts *o)
{
    if (k->at[lead + half] - k->at[lead + half - 1] == 1)
        return 1;
    return k->letter_spaced ||
           (o->spaced_junction && words_in_copy(k, lead, half) >= 2 &&
            half >= 8);
}

/* Edit distance of a[0..na) and b[0..nb), or limit + 1 once above limit. */
static int edit_distance(const uint32_t *a, int na, const uint32_t *b, int nb,
                         int limit)
{
    int *row = bs_malloc(((size_t)nb + 1) * sizeof(int)), d;

    for (int j = 0; j <= nb; j++)
        row[j] = j;
    for (int i = 1; i <= na; i++) {
        int diag = row[0], best;
        row[0] = i;
        best = row[0];
        for (int j = 1; j <= nb; j++) {
            int up = row[j];
            int v = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > limit) {
            free(row);
            return limit + 1;
        }
    }
    d = row[nb];
    free(row);
    return d;
}

/* An OCR'd headline read twice with a misread or two: X + X' where X' is
 * within one edit per 8 characters of X, X of 8 or more characters.
 * Returns the length of X, or 0. */
static int approx_half(const struct skel *k, int lead,
                       const struct bs_doubled_opts *o)
{
    int m = k->n - lead;

    for (int h = m / 2 - 1; h <= (m + 1) / 2 + 1; h++) {
        const uint32_t *x = k->s + lead;
        int limit = h / 8 > 1 ? h / 8 : 1;

        if (h < o->min_whole || h < 8 || m - h < 8)
            continue;
        if (!primitive(x, h) || reduplicated(x, h) || distinct(x, h) < 3)
            continue;
        if (edit_distance(x, h, x + h, m - h, limit) <= limit)
            return h;
    }
    return 0;
}

/* Tries to read skeleton [lead, n) as doubled.  Fills drop[] (skeleton
 * indexes to drop) and the hit; returns 1 on a find. */
static int judge(const struct skel *k, int lead,
                 const struct bs_doubled_opts *o, unsigned char *drop,
                 struct bs_doubled_hit *hit)
{
    int m = k->n - lead, rc = 0;
    int *cnt, *step;

    if (m < 2)
        return 0;
    cnt = bs_malloc(((size_t)k->n + 1) * sizeof(int));
    step = bs_malloc(((size_t)k->n + 1) * sizeof(int));
    for (int i = 0; i <= k->n; i++)
        cnt[i] = INT_MAX, step[i] = 0;
    cnt[k->n] = 0;
    /* Fewest chunks covering [i, n), each chunk two touching copies. */
    for (int i = k->n - 2; i >= lead; i--) {
        for (int c = 1; i + 2 * c <= k->n; c++) {
            if (cnt[i + 2 * c] == INT_MAX || 1 + cnt[i + 2 * c] > cnt[i])
                continue;
            if (!same(k, i, i + c, c) || !junction_ok(k, i + c, 0))
                continue;
            cnt[i] = 1 + cnt[i + 2 * c];
            step[i] = c;
        }
    }
    if (m % 2 == 0 && same(k, lead, lead + m / 2, m / 2)) {
        /* Whole line X+X: X long, not itself periodic or reduplicated. */
        int half = m / 2, spaced;
        const uint32_t *x = k->s + lead;

        spaced = halves_may_meet(k, lead, half, o);
        if (spaced && half >= o->min_whole && primitive(x, half) &&
            !reduplicated(x, half) && distinct(x, half) >= 3) {
            memset(drop, 0, (size_t)k->n);
            for (int j = lead + half; j < k->n; j++)
                drop[j] = 1;
            hit->pattern = "whole-line";
            hit->chunks = 1;
            hit->lead = lead;
            hit->kept = lead + half;
            rc = 1;
            goto out;
        }
    }
    if (cnt[lead] != INT_MAX && cnt[lead] >= 2) {
        /* Chunks: the kept text long and varied, mostly long chunks. */
        int kept = 0, longer = 0;
        uint32_t *res = bs_malloc((size_t)m * sizeof(uint32_t));

        for (int i = lead; i < k->n; i += 2 * step[i]) {
            memcpy(res + kept, k->s + i, (size_t)step[i] * sizeof(uint32_t));
            kept += step[i];
            if (step[i] >= o->min_chunk)
                longer += step[i];
        }
        if (kept >= 4 && distinct(res, kept) >= 3 && 2 * longer >= kept &&
            longer >= 2 * o->min_chunk) {
            memset(drop, 0, (size_t)k->n);
            for (int i = lead; i < k->n; i += 2 * step[i])
                for (int j = i + step[i]; j < i + 2 * step[i]; j++)
                    drop[j] = 1;
            hit->pattern = "chunks";
            hit->chunks = cnt[lead];
            hit->lead = lead;
            hit->kept = lead + kept;
            rc = 1;
        }
        free(res);
    }
    if (!rc && o->approx) {
        int half = approx_half(k, lead, o);
        if (half > 0 && halves_may_meet(k, lead, half, o)) {
            memset(drop, 0, (size_t)k->n);
            for (int j = lead + half; j < k->n; j++)
                drop[j] = 1;
            hit->pattern = "whole-line-approx";
            hit->chunks = 1;
            hit->lead = lead;
            hit->kept = lead + half;
            rc = 1;
        }
    }
out:
    free(step);
    free(cnt);
    return rc;
}

int bs_doubled_find(const uint32_t *cps, int n,
                    const struct bs_doubled_opts *o, unsigned char *keep,
                    struct bs_doubled_hit *hit)
{
    struct skel k = {cps, NULL, NULL, 0, 0};
    unsigned char *drop = NULL;
    int found = 0, lead = 0, pairs = 0, spaced = 0;

    k.at = bs_malloc(((size_t)n + 1) * sizeof(int));
    k.s = bs_malloc(((size_t)n + 1) * sizeof(uint32_t));
    for (int i = 0; i < n; i++)
        if (!bs_cp_is_space(cps[i])) {
            k.at[k.n] = i;
            k.s[k.n++] = cps[i];
        }
    if (k.n < 2 || k.n > MAX_JUDGED)
        goto out;
    for (int j = 1; j < k.n; j++)
        if (bs_cp_is_cjk(k.s[j]) && bs_cp_is_cjk(k.s[j - 1])) {
            pairs++;
            spaced += k.at[j] - k.at[j - 1] > 1;
        }
    k.letter_spaced = spaced >= 3 && 2 * spaced >= pairs;
    drop = bs_calloc((size_t)k.n, 1);
    while (lead < k.n && lead < MAX_LEAD && is_lead(k.s[lead]))
        lead++;
    if (lead == k.n)
        goto out;
    found = judge(&k, lead, o, drop, hit) || (lead > 0 && judge(&k, 0, o, drop, hit));
    if (!found) {
        /* "⑦⑦": a circled number is never repeated in running text. */
        for (int j = 1; j < k.n; j++)
            if (is_circled(k.s[j]) && k.s[j] == k.s[j - 1] &&
                k.at[j] - k.at[j - 1] == 1 && !drop[j - 1]) {
                drop[j] = 1;
                found = 1;
            }
        if (found) {
            hit->pattern = "circled-number";
            hit->chunks = 1;
            hit->lead = 0;
            hit->kept = 0;
            for (int j = 0; j < k.n; j++)
                hit->kept += !drop[j];
        }
    }
    if (found) {
        /* Non-space slots follow drop[]; a space survives only between
         * kept characters (or at an edge beside a kept one). */
        int j = 0;
        for (int i = 0; i < n; i++) {
            if (j < k.n && k.at[j] == i) {
                keep[i] = !drop[j];
                j++;
            } else {
                int left = j > 0 ? !drop[j - 1] : -1;
                int right = j < k.n ? !drop[j] : -1;
                keep[i] = (left != 0 && right != 0);
            }
        }
    }
out:
    free(drop);
    free(k.s);
    free(k.at);
    return found;
}

char *bs_doubled_text(const char *text, const struct bs_doubled_opts *o,
                      struct bs_doubled_hit *hit)
{
    struct bs_doubled_hit h;
    int n, m = 0;
    uint32_t *cps = bs_utf8_to_cps(text, &n);
    unsigned char *keep = bs_malloc((size_t)n + 1);
    char *out = NULL;

    if (bs_doubled_find(cps, n, o, keep, hit ? hit : &h)) {
        for (int i = 0; i < n; i++)
            if (keep[i])
                cps[m++] = cps[i];
        out = bs_utf8_from_cps(cps, m);
    }
    free(keep);
    free(cps);
    return out;
}

static int headline_like(enum bs_role r)
{
    return r == BS_ROLE_HEADLINE || r == BS_ROLE_SUBHEADLINE ||
           r == BS_ROLE_KICKER || r == BS_ROLE_MASTHEAD;
}

static int has_geometry(const struct bs_line *line)
{
    for (int w = 0; w < line->nwords; w++)
        if (!bs_box_empty(line->words[w].box))
            return 1;
    return 0;
}

void bs_repair_doubled(struct bs_page *page, const struct bs_settings *s,
                       struct bs_repair_log *log)
{
    for (int b = 0; b < page->nblocks; b++) {
        struct bs_block *block = &page->blocks[b];
        int head = headline_like(block->role);

        if (!bs_role_has_text(block->role))
            continue;
        for (int l = 0; l < block->nlines; l++) {
            struct bs_line *line = &block->lines[l];
            struct bs_doubled_opts o;
            struct bs_doubled_hit hit;
            struct bs_linemap m;
            unsigned char *keep;

            o.min_chunk = s->profile.repair_min_chunk;
            o.min_whole = head ? s->profile.repair_min_whole_head
                               : s->profile.repair_min_whole;
            o.spaced_junction = head && has_geometry(line);
            o.approx = o.spaced_junction;
            bs_linemap_build(line, &m);
            keep = bs_malloc((size_t)m.n + 1);
            if (bs_doubled_find(m.cps, m.n, &o, keep, &hit)) {
                char *before = bs_line_text(line), *after;

                bs_linemap_apply(line, &m, keep);
                after = bs_line_text(line);
                bs_repair_log_add(
                    log, "doubled", block->id, l, before, after,
                    json_pack("{s:s, s:i, s:i, s:s}", "pattern", hit.pattern,
                              "chunks", hit.chunks, "lead", hit.lead, "role",
                              bs_role_name(block->role)));
                free(after);
                free(before);
            }
            free(keep);
            bs_linemap_release(&m);
        }
    }
}
