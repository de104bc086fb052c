/*
 * metrics.c - edit distance, CER, WER, flexible character accuracy,
 * headline normalisation and edit scripts on Unicode code points.
 *
 * The distance is computed bit-parallel (Myers' algorithm: 64 rows of the
 * DP matrix per machine word) when that fits its budget, else by the
 * classic dynamic programme on one rolling row, run in a band around the
 * diagonal that doubles until the distance fits inside it (a path leaving a
 * band of half-width k costs more than k, so a result <= k is exact).  Texts
 * too long for BS_ED_MAX_CELLS keep the widest band that fits and report an
 * upper bound.
 */
#include "metrics.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

#define ED_INF (INT32_MAX / 2)

/* White space for collapsing: what bs_cp_is_space knows plus line breaks
 * and the other ASCII controls that separate words. */
static int is_ws(uint32_t cp)
{
    return bs_cp_is_space(cp) || cp == '\n' || cp == '\r' || cp == '\t' ||
           cp == '\v' || cp == '\f';
}

/* Common prefix and suffix cost nothing: cut them off first. */
static void strip_common(const uint32_t **a, long *n, const uint32_t **b,
                         long *m)
{
    while (*n > 0 && *m > 0 && (*a)[0] == (*b)[0]) {
        (*a)++;
        (*b)++;
        (*n)--;
        (*m)--;
    }
    while (*n > 0 && *m > 0 && (*a)[*n - 1] == (*b)[*m - 1]) {
        (*n)--;
        (*m)--;
    }
}

/* Distance inside the band |j - i| <= k (rows a, n >= m, k >= n - m), on
 * one row of m + 1 cells.  Returns the cost of the best path in the band. */
static long banded(const uint32_t *a, long n, const uint32_t *b, long m,
                   long k, int32_t *row)
{
    for (long j = 0; j <= m; j++)
        row[j] = j <= k ? (int32_t)j : ED_INF;
    for (long i = 1; i <= n; i++) {
        long jlo = i - k > 1 ? i - k : 1, jhi = i + k < m ? i + k : m;
        int32_t diag, left;
        uint32_t ai = a[i - 1];

        if (jlo > m)
            return ED_INF;
        diag = row[jlo - 1];
        if (jlo == 1)
            row[0] = i <= k ? (int32_t)i : ED_INF;
        else
            row[jlo - 1] = ED_INF;
        left = row[jlo - 1];
        for (long j = jlo; j <= jhi; j++) {
            int32_t up = row[j];
            int32_t cur = diag + (ai != b[j - 1]);
            if (up + 1 < cur)
                cur = up + 1;
            if (left + 1 < cur)
                cur = left + 1;
            if (cur > ED_INF)
                cur = ED_INF;
            diag = up;
            row[j] = cur;
            left = cur;
        }
    }
    return row[m];
}

/* The distance, doubling the band from a small start.  Stops early once the
 * band exceeds `stop` (the caller only needs to know d > stop); *exact = 0
 * when the cell budget cut the band short. */
static long ed_core(const uint32_t *a, long n, const uint32_t *b, long m,
                    long stop, int *exact)
{
    int32_t *row;
    long k, d, full;

    *exact = 1;
    strip_common(&a, &n, &b, &m);
    if (n < m) {
        const uint32_t *t = a;
        long tn = n;
        a = b;
        n = m;
        b = t;
        m = tn;
    }
    if (m == 0)
        return n;
    if (n - m > stop)
        return n - m;
    full = n;                     /* a band of half-width n is the matrix */
    k = (n - m) + 32;
    row = bs_malloc((size_t)(m + 1) * sizeof(*row));
    for (;;) {
        if (k > full)
            k = full;
        if ((long long)n * (2 * k + 1) > BS_ED_MAX_CELLS) {
            long kb = (long)(BS_ED_MAX_CELLS / n - 1) / 2;
            if (kb < n - m) {
                /* Not even the narrowest useful band fits: the trivial
                 * bound (replace all, insert the rest). */
                *exact = 0;
                d = n;
                break;
            }
            d = banded(a, n, b, m, kb, row);
            if (d > kb)
                *exact = 0;
            break;
        }
        d = banded(a, n, b, m, k, row);
        if (d <= k || k >= full || k > stop)
            break;
        k *= 2;
    }
    free(row);
    return d;
}

/* ---- bit-parallel distance (Myers 1999, blocks as in Hyyro 2003) ------ */

/* Most 64-bit words the match-mask table may take (32 MB). */
#define MYERS_MAX_WORDS (4LL << 20)
/* Most block steps one call may take before the band is preferred. */
#define MYERS_MAX_STEPS (BS_ED_MAX_CELLS / 16)

/* Exact distance between text t[0..n) and pattern p[0..m) (m >= 1): the
 * columns of the DP matrix are computed 64 rows at a time as bit vectors of
 * vertical deltas.  Returns -1 when the mask table would be too big. */
static long myers(const uint32_t *t, long n, const uint32_t *p, long m)
{
    long nb = (m + 63) / 64, cap = 16, used = 0, score = m;
    uint32_t *keys;
    uint64_t *peq, *pv, *mv, *zero;
    long *slot;
    uint64_t last = 1ULL << ((m - 1) % 64);

    while (cap < 2 * m)
        cap *= 2;
    /* distinct pattern characters, each with nb words of match bits */
    keys = bs_malloc((size_t)cap * sizeof(*keys));
    slot = bs_malloc((size_t)cap * sizeof(*slot));
    for (long i = 0; i < cap; i++)
        slot[i] = -1;
    for (long i = 0; i < m; i++) {
        long h = (long)((p[i] * 2654435761u) & (uint32_t)(cap - 1));
        while (slot[h] >= 0 && keys[h] != p[i])
            h = (h + 1) & (cap - 1);
        if (slot[h] < 0) {
            keys[h] = p[i];
            slot[h] = used++;
        }
    }
    if ((long long)used * nb > MYERS_MAX_WORDS) {
        free(keys);
        free(slot);
        return -1;
    }
    peq = bs_calloc((size_t)(used * nb + nb), sizeof(*peq));
    zero = peq + used * nb;           /* characters not in the pattern */
    for (long i = 0; i < m; i++) {
        long h = (long)((p[i] * 2654435761u) & (uint32_t)(cap - 1));
        while (keys[h] != p[i])
            h = (h + 1) & (cap - 1);
        peq[slot[h] * nb + i / 64] |= 1ULL << (i % 64);
    }
    pv = bs_malloc((size_t)nb * sizeof(*pv));
    mv = bs_calloc((size_t)nb, sizeof(*mv));
    for (long b = 0; b < nb; b++)
        pv[b] = ~0ULL;                /* D[i][0] = i: every step down +1 */
    for (long j = 0; j < n; j++) {
        long h = (long)((t[j] * 2654435761u) & (uint32_t)(cap - 1));
        const uint64_t *eqv = zero;
        int hin = 1;                  /* D[0][j] = j: row 0 steps +1 */

        while (slot[h] >= 0) {
            if (keys[h] == t[j]) {
                eqv = peq + slot[h] * nb;
                break;
            }
            h = (h + 1) & (cap - 1);
        }
        for (long b = 0; b < nb; b++) {
            uint64_t eq = eqv[b], xv, xh, ph, mh, neg = hin < 0;
            uint64_t top = b == nb - 1 ? last : 1ULL << 63;
            int hout = 0;

            xv = eq | mv[b];
            eq |= neg;
            xh = (((eq & pv[b]) + pv[b]) ^ pv[b]) | eq;
            ph = mv[b] | ~(xh | pv[b]);
            mh = pv[b] & xh;
            if (ph & top)
                hout = 1;
            else if (mh & top)
                hout = -1;
            ph <<= 1;
            mh <<= 1;
            if (hin < 0)
                mh |= 1;
            else if (hin > 0)
                ph |= 1;
            pv[b] = mh | ~(xv | ph);
            mv[b] = ph & xv;
            hin = hout;
        }
        score += hin;
    }
    free(keys);
    free(slot);
    free(peq);
    free(pv);
    free(mv);
    return score;
}

/* The distance: bit-parallel when it fits its budget and is cheaper than
 * the band the caller needs (stop), else the doubling band. */
static long ed_pick(const uint32_t *a, long n, const uint32_t *b, long m,
                    long stop, int *exact)
{
    long lo, hi, words;

    *exact = 1;
    strip_common(&a, &n, &b, &m);
    lo = n < m ? n : m;
    hi = n < m ? m : n;
    words = (lo + 63) / 64;
    if (lo == 0)
        return hi;
    if (hi - lo > stop)
        return hi - lo;
    if ((long long)hi * words <= MYERS_MAX_STEPS &&
        3 * words < 2 * stop + 1) {
        long d = n < m ? myers(b, m, a, n) : myers(a, n, b, m);
        if (d >= 0)
            return d;
    }
    return ed_core(a, n, b, m, stop, exact);
}

long bs_edit_distance(const uint32_t *a, long n, const uint32_t *b, long m,
                      int *exact)
{
    int ex;
    long d = ed_pick(a, n, b, m, n > m ? n : m, &ex);

    if (exact)
        *exact = ex;
    return d;
}

long bs_edit_distance_limit(const uint32_t *a, long n, const uint32_t *b,
                            long m, long limit)
{
    int ex;

    return ed_pick(a, n, b, m, limit < 0 ? 0 : limit, &ex);
}

double bs_err_rate(const struct bs_err_count *c)
{
    if (c->ref > 0)
        return (double)c->errors / (double)c->ref;
    return c->errors > 0 ? (double)c->errors : 0.0;
}

/* Line and paragraph breaks (the white space that ends a line). */
static int is_break(uint32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C ||
           cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

char *bs_collapse_space(const char *s)
{
    size_t len = strlen(s), o = 0;
    char *out = bs_malloc(len + 1);
    int pending = 0, brk = 0;
    uint32_t last = 0;

    for (size_t i = 0; i < len;) {
        int l;
        uint32_t cp = bs_utf8_decode(s + i, len - i, &l);
        if (is_ws(cp)) {
            pending = o > 0;
            brk |= is_break(cp);
        } else {
            /* a line break between two CJK characters is no space: the
             * way truth joins lines (gt.c) and Chinese is written */
            if (pending && !(brk && bs_cp_is_cjk(last) && bs_cp_is_cjk(cp)))
                out[o++] = ' ';
            pending = brk = 0;
            last = cp;
            memcpy(out + o, s + i, (size_t)l);
            o += (size_t)l;
        }
        i += (size_t)l;
    }
    out[o] = '\0';
    return out;
}

struct bs_err_count bs_cer(const char *ref, const char *hyp)
{
    struct bs_err_count c = {0, 0, 1};
    char *r = bs_collapse_space(ref ? ref : ""), *h = bs_collapse_space(hyp ? hyp : "");
    int nr, nh;
    uint32_t *a = bs_utf8_to_cps(r, &nr), *b = bs_utf8_to_cps(h, &nh);

    c.errors = bs_edit_distance(a, nr, b, nh, &c.exact);
    c.ref = nr;
    free(a);
    free(b);
    free(r);
    free(h);
    return c;
}

/* ---- words ---------------------------------------------------------- */

/* Interns words as small integers so that the word distance is the code
 * point distance on their ids. */
struct word_table {
    struct { const uint32_t *cp; long n; uint32_t id; } *slot;
    long cap, used;
};

static uint64_t word_hash(const uint32_t *cp, long n)
{
    uint64_t h = 1469598103934665603ULL;
    for (long i = 0; i < n; i++) {
        h ^= cp[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint32_t word_id(struct word_table *t, const uint32_t *cp, long n)
{
    uint64_t h;
    long i;

    if ((t->used + 1) * 2 > t->cap) {
        struct word_table nt = {NULL, t->cap ? t->cap * 2 : 64, 0};
        nt.slot = bs_calloc((size_t)nt.cap, sizeof(*nt.slot));
        for (long k = 0; k < t->cap; k++) {
            if (!t->slot[k].cp)
                continue;
            i = (long)(word_hash(t->slot[k].cp, t->slot[k].n) % (uint64_t)nt.cap);
            while (nt.slot[i].cp)
                i = (i + 1) % nt.cap;
            nt.slot[i] = t->slot[k];
        }
        nt.used = t->used;
        free(t->slot);
        *t = nt;
    }
    h = word_hash(cp, n);
    i = (long)(h % (uint64_t)t->cap);
    while (t->slot[i].cp) {
        if (t->slot[i].n == n && memcmp(t->slot[i].cp, cp, (size_t)n * 4) == 0)
            return t->slot[i].id;
        i = (i + 1) % t->cap;
    }
    t->slot[i].cp = cp;
    t->slot[i].n = n;
    t->slot[i].id = (uint32_t)t->used++;
    return t->slot[i].id;
}

/* Splits cps into words (see bs_wer); ids into *ids (malloc'd). */
static long words_of(const uint32_t *cp, long n, struct word_table *t,
                     uint32_t **ids)
{
    long count = 0, start = -1;
    uint32_t *out = bs_malloc((size_t)(n + 1) * sizeof(*out));

    for (long i = 0; i <= n; i++) {
        int brk = i == n || is_ws(cp[i]) || bs_cp_is_cjk(cp[i]);
        if (brk && start >= 0) {
            if (t)
                out[count] = word_id(t, cp + start, i - start);
            count++;
            start = -1;
        }
        if (i == n || is_ws(cp[i]))
            continue;
        if (bs_cp_is_cjk(cp[i])) {
            if (t)
                out[count] = word_id(t, cp + i, 1);
            count++;
        } else if (start < 0) {
            start = i;
        }
    }
    if (ids)
        *ids = out;
    else
        free(out);
    return count;
}

long bs_word_count(const char *text)
{
    int n;
    uint32_t *cp = bs_utf8_to_cps(text ? text : "", &n);
    long c = words_of(cp, n, NULL, NULL);

    free(cp);
    return c;
}

struct bs_err_count bs_wer(const char *ref, const char *hyp)
{
    struct bs_err_count c = {0, 0, 1};
    struct word_table t = {NULL, 0, 0};
    int nr, nh;
    uint32_t *a = bs_utf8_to_cps(ref ? ref : "", &nr);
    uint32_t *b = bs_utf8_to_cps(hyp ? hyp : "", &nh);
    uint32_t *wa, *wb;
    long na = words_of(a, nr, &t, &wa), nb = words_of(b, nh, &t, &wb);

    c.errors = bs_edit_distance(wa, na, wb, nb, &c.exact);
    c.ref = na;
    free(wa);
    free(wb);
    free(t.slot);
    free(a);
    free(b);
    return c;
}

struct bs_err_count bs_bow(const char *ref, const char *hyp)
{
    struct bs_err_count c = {0, 0, 1};
    struct word_table t = {NULL, 0, 0};
    int nr, nh;
    uint32_t *a = bs_utf8_to_cps(ref ? ref : "", &nr);
    uint32_t *b = bs_utf8_to_cps(hyp ? hyp : "", &nh);
    uint32_t *wa, *wb;
    long na = words_of(a, nr, &t, &wa), nb = words_of(b, nh, &t, &wb);
    /* per distinct word: its count in the truth minus its count in the
     * output (word ids are 0..t.used-1) */
    long *diff = bs_calloc((size_t)t.used + 1, sizeof(*diff));
    long missing = 0, extra = 0;

    for (long i = 0; i < na; i++)
        diff[wa[i]]++;
    for (long i = 0; i < nb; i++)
        diff[wb[i]]--;
    for (long k = 0; k < t.used; k++) {
        if (diff[k] > 0)
            missing += diff[k];
        else
            extra -= diff[k];
    }
    c.errors = missing > extra ? missing : extra;
    c.ref = na;
    free(diff);
    free(wa);
    free(wb);
    free(t.slot);
    free(a);
    free(b);
    return c;
}

/* ---- flexible character accuracy ------------------------------------ */

/* A line or what is left of one: a view into the owning line array. */
struct fca_unit {
    const uint32_t *cp;
    long n;
    int alive;
};

/* Best match of the shorter unit inside the longer one. */
struct fca_match {
    long d;          /* edits between the shorter and l[s0..s1) */
    long s0, s1;     /* substring of the longer unit */
    int ref_longer;  /* 1: the truth unit is the longer (it gets cut) */
};

struct fca_side {
    struct fca_unit *u;
    int n, cap;
};

/* Semi-global alignment: the substring of l closest to s (free start and
 * end in l); among equally close ones the one nearest to s in length, then
 * the earliest.  O(|s| * |l|) time, O(|l|) memory. */
static struct fca_match fca_best(const uint32_t *s, long ns, const uint32_t *l,
                                 long nl)
{
    struct fca_match mt = {ns, 0, 0, 0};
    long *d = bs_malloc((size_t)(nl + 1) * sizeof(*d));
    long *st = bs_malloc((size_t)(nl + 1) * sizeof(*st));

    for (long j = 0; j <= nl; j++) {
        d[j] = 0;
        st[j] = j;
    }
    for (long i = 1; i <= ns; i++) {
        long diag = d[0], dst = st[0];
        d[0] = i;
        st[0] = 0;
        for (long j = 1; j <= nl; j++) {
            long up = d[j], ust = st[j];
            long cur = diag + (s[i - 1] != l[j - 1]), cst = dst;
            if (up + 1 < cur) {
                cur = up + 1;
                cst = ust;
            }
            if (d[j - 1] + 1 < cur) {
                cur = d[j - 1] + 1;
                cst = st[j - 1];
            }
            diag = up;
            dst = ust;
            d[j] = cur;
            st[j] = cst;
        }
    }
    for (long j = 0; j <= nl; j++) {
        long dl = labs((j - st[j]) - ns), bl = labs((mt.s1 - mt.s0) - ns);
        if (j == 0 || d[j] < mt.d || (d[j] == mt.d && dl < bl)) {
            mt.d = d[j];
            mt.s0 = st[j];
            mt.s1 = j;
        }
    }
    free(d);
    free(st);
    return mt;
}

static struct fca_match fca_pair(const struct fca_unit *g,
                                 const struct fca_unit *r)
{
    struct fca_match m;

    if (g->n > r->n) {
        m = fca_best(r->cp, r->n, g->cp, g->n);
        m.ref_longer = 1;
    } else {
        m = fca_best(g->cp, g->n, r->cp, r->n);
        m.ref_longer = 0;
    }
    return m;
}

static int fca_add(struct fca_side *side, const uint32_t *cp, long n)
{
    bs_grow((void **)&side->u, &side->cap, side->n + 1, sizeof(*side->u));
    side->u[side->n].cp = cp;
    side->u[side->n].n = n;
    side->u[side->n].alive = 1;
    return side->n++;
}

/* Lines of a text: cut at '\n', white space collapsed, empty lines
 * dropped; the code points of every line go to *store (one array per
 * line, caller frees each and the array). */
static void fca_lines(const char *text, struct fca_side *side,
                      uint32_t ***store, int *nstore, int *capstore)
{
    const char *p = text ? text : "";

    while (*p) {
        size_t len = strcspn(p, "\n");
        char *raw = bs_strndup(p, len), *line = bs_collapse_space(raw);
        int n;
        uint32_t *cp;

        free(raw);
        if (*line) {
            cp = bs_utf8_to_cps(line, &n);
            bs_grow((void **)store, capstore, *nstore + 1, sizeof(**store));
            (*store)[(*nstore)++] = cp;
            fca_add(side, cp, n);
        }
        free(line);
        p += len;
        if (*p == '\n')
            p++;
    }
}

/* The match table of one run: rows are truth units, columns output units;
 * it grows as cut lines add units. */
struct fca_table {
    struct fca_match *m;
    int rows, cols;   /* allocated shape */
};

static struct fca_match *tab_at(struct fca_table *t, int g, int r)
{
    return &t->m[(size_t)g * (size_t)t->cols + (size_t)r];
}

static void tab_fit(struct fca_table *t, int rows, int cols)
{
    struct fca_table nt;

    if (rows <= t->rows && cols <= t->cols)
        return;
    nt.rows = rows > t->rows ? rows * 2 : t->rows;
    nt.cols = cols > t->cols ? cols * 2 : t->cols;
    nt.m = bs_calloc((size_t)nt.rows * (size_t)nt.cols, sizeof(*nt.m));
    for (int g = 0; g < t->rows; g++)
        memcpy(nt.m + (size_t)g * (size_t)nt.cols, t->m + (size_t)g * (size_t)t->cols,
               (size_t)t->cols * sizeof(*nt.m));
    free(t->m);
    *t = nt;
}

/* One greedy run with penalty weights w_off and w_len, starting from the
 * initial units and their match table; returns the errors. */
static long fca_run(const struct fca_side *g0, const struct fca_side *r0,
                    const struct fca_table *t0, double w_off, double w_len)
{
    struct fca_side g = {NULL, 0, 0}, r = {NULL, 0, 0};
    struct fca_table t = {NULL, 0, 0};
    long errors = 0;

    for (int i = 0; i < g0->n; i++)
        fca_add(&g, g0->u[i].cp, g0->u[i].n);
    for (int i = 0; i < r0->n; i++)
        fca_add(&r, r0->u[i].cp, r0->u[i].n);
    tab_fit(&t, g.n, r.n);
    for (int i = 0; i < g.n && r.n > 0; i++)
        memcpy(tab_at(&t, i, 0), t0->m + (size_t)i * (size_t)t0->cols,
               (size_t)r.n * sizeof(*t.m));
    for (;;) {
        int bg = -1, br = -1;
        double best = 0;

        for (int i = 0; i < g.n; i++) {
            if (!g.u[i].alive)
                continue;
            for (int j = 0; j < r.n; j++) {
                const struct fca_match *m = tab_at(&t, i, j);
                long ns, nl;
                double pen;
                if (!r.u[j].alive)
                    continue;
                ns = m->ref_longer ? r.u[j].n : g.u[i].n;
                nl = m->ref_longer ? g.u[i].n : r.u[j].n;
                if (m->d >= ns)
                    continue;
                pen = (double)m->d / (double)ns +
                      w_off * (double)m->s0 / (double)nl +
                      w_len * (double)(nl - ns) / (double)nl;
                if (bg < 0 || pen < best) {
                    best = pen;
                    bg = i;
                    br = j;
                }
            }
        }
        if (bg < 0)
            break;
        {
            struct fca_match m = *tab_at(&t, bg, br);
            struct fca_side *cut = m.ref_longer ? &g : &r;
            struct fca_side *other = m.ref_longer ? &r : &g;
            int ci = m.ref_longer ? bg : br;
            const uint32_t *lcp = cut->u[ci].cp;
            long ln = cut->u[ci].n;
            int added[2], nadded = 0;

            errors += m.d;
            g.u[bg].alive = 0;
            r.u[br].alive = 0;
            if (m.s0 > 0)
                added[nadded++] = fca_add(cut, lcp, m.s0);
            if (m.s1 < ln)
                added[nadded++] = fca_add(cut, lcp + m.s1, ln - m.s1);
            tab_fit(&t, g.n, r.n);
            for (int k = 0; k < nadded; k++) {
                for (int o = 0; o < other->n; o++) {
                    if (!other->u[o].alive)
                        continue;
                    if (m.ref_longer)
                        *tab_at(&t, added[k], o) = fca_pair(&g.u[added[k]], &r.u[o]);
                    else
                        *tab_at(&t, o, added[k]) = fca_pair(&g.u[o], &r.u[added[k]]);
                }
            }
        }
    }
    for (int i = 0; i < g.n; i++)
        if (g.u[i].alive)
            errors += g.u[i].n;
    for (int j = 0; j < r.n; j++)
        if (r.u[j].alive)
            errors += r.u[j].n;
    free(g.u);
    free(r.u);
    free(t.m);
    return errors;
}

int bs_fca(const char *ref, const char *hyp, struct bs_err_count *c)
{
    static const double w_off[] = {0.0, 0.1};
    static const double w_len[] = {0.1, 0.5, 1.0};
    struct fca_side g = {NULL, 0, 0}, r = {NULL, 0, 0};
    struct fca_table t0 = {NULL, 0, 0};
    uint32_t **store = NULL;
    int nstore = 0, capstore = 0, rc = 0;
    long long ng = 0, nr = 0;
    long best = -1;

    memset(c, 0, sizeof(*c));
    fca_lines(ref, &g, &store, &nstore, &capstore);
    fca_lines(hyp, &r, &store, &nstore, &capstore);
    for (int i = 0; i < g.n; i++)
        ng += g.u[i].n;
    for (int j = 0; j < r.n; j++)
        nr += r.u[j].n;
    if (ng * nr > BS_ED_MAX_CELLS) {
        rc = -1;
        goto done;
    }
    tab_fit(&t0, g.n, r.n);
    for (int i = 0; i < g.n; i++)
        for (int j = 0; j < r.n; j++)
            *tab_at(&t0, i, j) = fca_pair(&g.u[i], &r.u[j]);
    for (size_t a = 0; a < sizeof(w_off) / sizeof(w_off[0]); a++)
        for (size_t b = 0; b < sizeof(w_len) / sizeof(w_len[0]); b++) {
            long e = fca_run(&g, &r, &t0, w_off[a], w_len[b]);
            if (best < 0 || e < best)
                best = e;
        }
    c->errors = best;
    c->ref = (long)ng;
    c->exact = 1;
done:
    for (int i = 0; i < nstore; i++)
        free(store[i]);
    free(store);
    free(g.u);
    free(r.u);
    free(t0.m);
    return rc;
}

double bs_fca_accuracy(const struct bs_err_count *c)
{
    /* an accuracy: 0 at worst, however much more text the output has than
     * the truth (errors can outnumber the truth's characters) */
    if (c->ref > 0 && c->errors < c->ref)
        return 1.0 - (double)c->errors / (double)c->ref;
    return c->errors > 0 ? 0.0 : 1.0;
}

/* ---- normalisation --------------------------------------------------- */

static uint32_t fold_case(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
        return cp | 1;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return (cp & 1) ? cp + 1 : cp;
    if (cp == 0x178)
        return 0xFF;
    if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
        return cp + 32;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    return cp;
}

/* Folds one code point into out (ligatures become several); returns the
 * count.  lower: also fold Latin, Greek and Cyrillic case. */
static int fold_cp(uint32_t c, int lower, uint32_t out[3])
{
    static const char *const lig[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
    int n = 0;

    if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;
    else if (c == 0x3000)
        c = ' ';
    else if (c == 0x17F)          /* long s */
        c = 's';
    if (c >= 0xFB00 && c <= 0xFB06) {
        for (const char *l = lig[c - 0xFB00]; *l; l++)
            out[n++] = (uint32_t)*l;
        return n;
    }
    out[0] = lower ? fold_case(c) : c;
    return 1;
}

static char *fold_text(const char *s, int lower)
{
    int n;
    uint32_t *cp = bs_utf8_to_cps(s ? s : "", &n);
    uint32_t *out = bs_malloc((size_t)(3 * n + 1) * sizeof(*out));
    long o = 0;
    char *res;

    for (int i = 0; i < n; i++)
        o += fold_cp(cp[i], lower, out + o);
    res = bs_utf8_from_cps(out, (int)o);
    free(out);
    free(cp);
    return res;
}

char *bs_fold_text(const char *s)
{
    return fold_text(s, 0);
}

char *bs_normalize_headline(const char *s)
{
    char *folded = fold_text(s, 1), *collapsed = bs_collapse_space(folded);

    free(folded);
    return collapsed;
}

/* ---- edit script ------------------------------------------------------ */

int bs_edit_script(const uint32_t *a, long n, const uint32_t *b, long m,
                   long long max_cells, unsigned char **ops, long *nops)
{
    long pre = 0, suf = 0, cn, cm, k = 0;
    unsigned char *dir, *out;
    long *row;

    *ops = NULL;
    *nops = 0;
    while (pre < n && pre < m && a[pre] == b[pre])
        pre++;
    while (suf < n - pre && suf < m - pre && a[n - 1 - suf] == b[m - 1 - suf])
        suf++;
    cn = n - pre - suf;
    cm = m - pre - suf;
    if ((long long)(cn + 1) * (cm + 1) > max_cells)
        return -1;
    out = bs_malloc((size_t)(n + m + 1));
    for (long i = 0; i < pre; i++)
        out[k++] = BS_OP_KEEP;
    /* dir: 0 diagonal, 1 up (delete a[i]), 2 left (insert b[j]) */
    dir = bs_malloc((size_t)(cn + 1) * (size_t)(cm + 1));
    row = bs_malloc((size_t)(cm + 1) * sizeof(*row));
    for (long j = 0; j <= cm; j++) {
        row[j] = j;
        dir[j] = 2;
    }
    for (long i = 1; i <= cn; i++) {
        long diag = row[0];
        unsigned char *drow = dir + (size_t)i * (size_t)(cm + 1);
        row[0] = i;
        drow[0] = 1;
        for (long j = 1; j <= cm; j++) {
            long up = row[j];
            long cur = diag + (a[pre + i - 1] != b[pre + j - 1]);
            unsigned char d = 0;
            if (up + 1 < cur) {
                cur = up + 1;
                d = 1;
            }
            if (row[j - 1] + 1 < cur) {
                cur = row[j - 1] + 1;
                d = 2;
            }
            diag = up;
            row[j] = cur;
            drow[j] = d;
        }
    }
    {
        /* Walk back from the end, writing the middle part reversed. */
        long i = cn, j = cm, start = k;
        while (i > 0 || j > 0) {
            unsigned char d = dir[(size_t)i * (size_t)(cm + 1) + (size_t)j];
            if (i > 0 && j > 0 && d == 0) {
                out[k++] = a[pre + i - 1] == b[pre + j - 1] ? BS_OP_KEEP : BS_OP_SUB;
                i--;
                j--;
            } else if (i > 0 && (d == 1 || j == 0)) {
                out[k++] = BS_OP_DEL;
                i--;
            } else {
                out[k++] = BS_OP_INS;
                j--;
            }
        }
        for (long x = start, y = k - 1; x < y; x++, y--) {
            unsigned char tmp = out[x];
            out[x] = out[y];
            out[y] = tmp;
        }
    }
    for (long i = 0; i < suf; i++)
        out[k++] = BS_OP_KEEP;
    free(dir);
    free(row);
    *ops = out;
    *nops = k;
    return 0;
}
