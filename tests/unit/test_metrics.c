/*
 * test_metrics.c - edit distance, CER, WER, the bag-of-words error, flexible
 * character accuracy, headline normalisation and edit scripts against
 * hand-computed cases, in English and Chinese, plus the banded distance
 * against a plain reference implementation on random texts.
 */
#include "check.h"

#include "../../pipeline/base/base.h"
#include "../../pipeline/eval/metrics.h"

#include <stdlib.h>

static long ed_str(const char *a, const char *b)
{
    int na, nb, exact;
    uint32_t *x = bs_utf8_to_cps(a, &na), *y = bs_utf8_to_cps(b, &nb);
    long d = bs_edit_distance(x, na, y, nb, &exact);

    CHECK(exact == 1);
    free(x);
    free(y);
    return d;
}

/* The textbook full-matrix distance, for comparison. */
static long ed_ref(const uint32_t *a, long n, const uint32_t *b, long m)
{
    long *p = malloc((size_t)(m + 1) * sizeof(long)), *c = malloc((size_t)(m + 1) * sizeof(long));
    long d;

    for (long j = 0; j <= m; j++)
        p[j] = j;
    for (long i = 1; i <= n; i++) {
        long *t;
        c[0] = i;
        for (long j = 1; j <= m; j++) {
            long v = p[j - 1] + (a[i - 1] != b[j - 1]);
            if (p[j] + 1 < v)
                v = p[j] + 1;
            if (c[j - 1] + 1 < v)
                v = c[j - 1] + 1;
            c[j] = v;
        }
        t = p;
        p = c;
        c = t;
    }
    d = p[m];
    free(p);
    free(c);
    return d;
}

static void test_edit_distance(void)
{
    CHECK(ed_str("kitten", "sitting") == 3);
    CHECK(ed_str("flaw", "lawn") == 2);
    CHECK(ed_str("", "abc") == 3);
    CHECK(ed_str("abc", "") == 3);
    CHECK(ed_str("", "") == 0);
    CHECK(ed_str("same", "same") == 0);
    /* one code point per Chinese character, not three bytes */
    CHECK(ed_str("中华人民共和国", "中华人名共和国") == 1);
    CHECK(ed_str("北京欢迎你", "欢迎你北京") == 4);
    CHECK(ed_str("Zürich", "Zurich") == 1);
}

static unsigned rnd_state = 12345;
static unsigned rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return (rnd_state >> 16) & 0x7fff;
}

static void test_banded_matches_full(void)
{
    /* close texts (band suffices) and far ones (band doubles to the full
     * matrix), lengths up to 700 */
    for (int t = 0; t < 60; t++) {
        long n = (long)(rnd() % 700), m;
        uint32_t *a = malloc((size_t)(n + 1) * 4), *b = malloc((size_t)(n + 80) * 4);
        int edits = t % 3 == 0 ? (int)(rnd() % 400) : (int)(rnd() % 12), exact;
        for (long i = 0; i < n; i++)
            a[i] = 0x4E00 + rnd() % (t % 2 ? 4 : 40);
        m = 0;
        for (long i = 0; i < n; i++) {
            if ((long)(rnd() % (n + 1)) < edits) {
                switch (rnd() % 3) {
                case 0: b[m++] = 'x'; break;             /* substitute */
                case 1: break;                           /* delete */
                default:
                    if (m < n + 70)
                        b[m++] = 'y';                    /* insert */
                    b[m++] = a[i];
                }
            } else {
                b[m++] = a[i];
            }
        }
        CHECK(bs_edit_distance(a, n, b, m, &exact) == ed_ref(a, n, b, m));
        CHECK(exact == 1);
        {
            long d = ed_ref(a, n, b, m), lim = d / 2;
            long got = bs_edit_distance_limit(a, n, b, m, lim);
            CHECK(d == 0 ? got == 0 : got > lim);
            CHECK(bs_edit_distance_limit(a, n, b, m, d) == d);
        }
        free(a);
        free(b);
    }
}

/* Word boundaries of the bit-parallel blocks: lengths around 64 and 128. */
static void test_block_edges(void)
{
    static const long lens[] = {1, 63, 64, 65, 127, 128, 129, 200};
    for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++)
        for (size_t k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
            long n = lens[i], m = lens[k];
            uint32_t a[200], b[200];
            int exact;
            for (long x = 0; x < n; x++)
                a[x] = 'a' + rnd() % 3;
            for (long x = 0; x < m; x++)
                b[x] = 'a' + rnd() % 3;
            CHECK(bs_edit_distance(a, n, b, m, &exact) == ed_ref(a, n, b, m));
        }
}

static void test_cer_wer(void)
{
    struct bs_err_count c;

    c = bs_cer("abcd", "abXd");
    CHECK(c.errors == 1 && c.ref == 4);
    CHECK_NEAR(bs_err_rate(&c), 0.25, 1e-12);
    /* white space of any kind and length is one space */
    c = bs_cer("Hello  world\n", " Hello\tworld");
    CHECK(c.errors == 0 && c.ref == 11);
    c = bs_cer("", "");
    CHECK_NEAR(bs_err_rate(&c), 0.0, 1e-12);
    c = bs_cer("", "xy");
    CHECK(c.errors == 2 && c.ref == 0);
    c = bs_cer("我爱北京天安门", "我爱北京天门");
    CHECK(c.errors == 1 && c.ref == 7);
    CHECK_NEAR(bs_err_rate(&c), 1.0 / 7, 1e-12);
    /* Chinese kept in its printed lines reads as the joined truth */
    c = bs_cer("记者获悉，今年", "记者获\n悉，\n今年");
    CHECK(c.errors == 0 && c.ref == 7);
    c = bs_cer("记者获悉", "记者 获悉");
    CHECK(c.errors == 1 && c.ref == 4);

    c = bs_wer("the cat sat on the mat", "the cat sit on mat");
    CHECK(c.errors == 2 && c.ref == 6);
    CHECK_NEAR(bs_err_rate(&c), 2.0 / 6, 1e-12);
    /* Chinese: characters are the words */
    c = bs_wer("我爱北京天安门", "我爱北京天门");
    CHECK(c.errors == 1 && c.ref == 7);
    c = bs_wer("北京欢迎你", "欢迎你北京");
    CHECK(c.errors == 4 && c.ref == 5);
    CHECK(bs_word_count("GDP增长5% in 2024") == 6);
    CHECK(bs_word_count("  ") == 0);
    CHECK(bs_word_count("中文，标点") == 5);
}

/* The bag-of-words error on hand-counted cases: each one would come out
 * otherwise if order counted, if the two sides were summed instead of the
 * larger taken, if words were a set instead of a multiset, or if CJK
 * characters were not words of their own. */
static void test_bow(void)
{
    struct bs_err_count c;

    c = bs_bow("the cat sat on the mat", "the cat sat on the mat");
    CHECK(c.errors == 0 && c.ref == 6);
    /* order is free: WER would count 2 here */
    c = bs_bow("the cat sat", "sat the cat");
    CHECK(c.errors == 0 && c.ref == 3);
    CHECK(bs_wer("the cat sat", "sat the cat").errors == 2);
    /* a wrong word is one missing and one extra: the larger, 1, not 2 */
    c = bs_bow("the cat sat", "the dog sat");
    CHECK(c.errors == 1 && c.ref == 3);
    CHECK_NEAR(bs_err_rate(&c), 1.0 / 3, 1e-12);
    /* two wrong and one lost: missing 3, extra 2 */
    c = bs_bow("a b c d e", "a b x y");
    CHECK(c.errors == 3 && c.ref == 5);
    /* lost words, invented words */
    c = bs_bow("a b c d", "a b");
    CHECK(c.errors == 2 && c.ref == 4);
    c = bs_bow("a b", "b a c d e");
    CHECK(c.errors == 3 && c.ref == 2);
    CHECK_NEAR(bs_err_rate(&c), 1.5, 1e-12);
    /* a multiset: a word read twice, another not at all */
    c = bs_bow("the the cat", "the cat cat");
    CHECK(c.errors == 1 && c.ref == 3);
    c = bs_bow("one", "one one one");
    CHECK(c.errors == 2 && c.ref == 1);
    /* words are runs of non-space: punctuation and case belong to them,
     * white space of any kind separates */
    c = bs_bow("End.\tof\n\nday", "end. of  day");
    CHECK(c.errors == 1 && c.ref == 3);
    /* a word broken at a line end is two wrong words for one */
    c = bs_bow("international news", "inter- national news");
    CHECK(c.errors == 2 && c.ref == 2);
    /* Chinese: every character a word, so order inside a phrase is free */
    c = bs_bow("北京欢迎你", "欢迎你北京");
    CHECK(c.errors == 0 && c.ref == 5);
    c = bs_bow("北京欢迎你", "北京欢迎您");
    CHECK(c.errors == 1 && c.ref == 5);
    c = bs_bow("2026年11月28日", "11月28日2026年");
    CHECK(c.errors == 0 && c.ref == 6);
    c = bs_bow("GDP增长5%", "GDP 增长 5%");
    CHECK(c.errors == 0 && c.ref == 4);
    /* empty sides */
    c = bs_bow("", "");
    CHECK(c.errors == 0 && c.ref == 0);
    CHECK_NEAR(bs_err_rate(&c), 0.0, 1e-12);
    c = bs_bow("", "x y");
    CHECK(c.errors == 2 && c.ref == 0);
    c = bs_bow("x y z", "");
    CHECK(c.errors == 3 && c.ref == 3);
    CHECK_NEAR(bs_err_rate(&c), 1.0, 1e-12);
}

static double fca(const char *r, const char *h, long *errors, long *ref)
{
    struct bs_err_count c;

    CHECK(bs_fca(r, h, &c) == 0);
    *errors = c.errors;
    *ref = c.ref;
    return bs_fca_accuracy(&c);
}

static void test_fca(void)
{
    long e, n;
    struct bs_err_count c;

    /* swapped lines: no error for FCA, many for CER */
    CHECK_NEAR(fca("line one\nline two", "line two\nline one", &e, &n), 1.0, 1e-12);
    CHECK(e == 0 && n == 16);
    c = bs_cer("line one\nline two", "line two\nline one");
    CHECK(c.errors >= 6);
    /* swapped lines with one recognition error */
    CHECK_NEAR(fca("abcdef\nghijkl", "ghijkX\nabcdef", &e, &n), 1.0 - 1.0 / 12, 1e-12);
    CHECK(e == 1 && n == 12);
    /* two truth lines merged into one output line in the other order: the
     * space left between them is one inserted character */
    CHECK_NEAR(fca("hello world\nfoo bar", "foo bar hello world", &e, &n),
               1.0 - 1.0 / 18, 1e-12);
    CHECK(e == 1 && n == 18);
    /* nothing read: every character missed */
    CHECK_NEAR(fca("abc\ndef", "", &e, &n), 0.0, 1e-12);
    CHECK(e == 6);
    /* nothing in common: missed and invented characters both count, and
     * the accuracy stops at 0 (it is no accuracy below) */
    CHECK_NEAR(fca("abc", "xyz", &e, &n), 0.0, 1e-12);
    CHECK(e == 6 && n == 3);
    CHECK_NEAR(fca("", "", &e, &n), 1.0, 1e-12);
    /* Chinese, order swapped, one wrong character */
    CHECK_NEAR(fca("北京欢迎你\n上海很美", "上海很美\n北京欢迎您", &e, &n),
               1.0 - 1.0 / 9, 1e-12);
    CHECK(e == 1 && n == 9);
    /* a short truth line is not eaten by a long output line that happens
     * to contain it when its own line is there too */
    CHECK_NEAR(fca("Polen.\nDie Polen kamen.", "Die Polen kamen.\nPolen.", &e, &n),
               1.0, 1e-12);
}

static void test_normalize(void)
{
    char *s;

    s = bs_normalize_headline("ＨＥＬＬＯ　Ｗｏｒｌｄ");
    CHECK_STR(s, "hello world");
    free(s);
    s = bs_normalize_headline("  Straße  ÜBER\tAlles \n");
    CHECK_STR(s, "straße über alles");
    free(s);
    s = bs_normalize_headline("\xef\xac\x81nal");   /* U+FB01 fi ligature */
    CHECK_STR(s, "final");
    free(s);
    s = bs_normalize_headline("Groſsbritannien");
    CHECK_STR(s, "grossbritannien");
    free(s);
    s = bs_normalize_headline("北京　欢迎你！");      /* ideographic space, full-width ! */
    CHECK_STR(s, "北京 欢迎你!");
    free(s);
    s = bs_normalize_headline("");
    CHECK_STR(s, "");
    free(s);
    s = bs_fold_text("Dienſtag ＡＢ\n\xef\xac\x81n");   /* case and lines kept */
    CHECK_STR(s, "Dienstag AB\nfin");
    free(s);
    s = bs_collapse_space(" a \n\t b  ");
    CHECK_STR(s, "a b");
    free(s);
    /* a line break between Chinese characters is no space; a space is */
    s = bs_collapse_space("记者获\n悉，今年 \r\n 全市\n\n计划 改造\nOK\n了");
    CHECK_STR(s, "记者获悉，今年全市计划 改造 OK 了");
    free(s);
}

static void test_edit_script(void)
{
    int na, nb;
    uint32_t *a = bs_utf8_to_cps("kitten", &na), *b = bs_utf8_to_cps("sitting", &nb);
    unsigned char *ops;
    long nops, subs = 0, ins = 0, del = 0, keep = 0;

    CHECK(bs_edit_script(a, na, b, nb, 1000, &ops, &nops) == 0);
    for (long i = 0; i < nops; i++) {
        subs += ops[i] == BS_OP_SUB;
        ins += ops[i] == BS_OP_INS;
        del += ops[i] == BS_OP_DEL;
        keep += ops[i] == BS_OP_KEEP;
    }
    CHECK(subs + ins + del == 3);
    CHECK(keep + subs + del == na && keep + subs + ins == nb);
    free(ops);
    CHECK(bs_edit_script(a, na, b, nb, 10, &ops, &nops) == -1);
    CHECK(ops == NULL);
    free(a);
    free(b);
}

int main(int argc, char **argv)
{
    (void)argc;
    test_edit_distance();
    test_banded_matches_full();
    test_block_edges();
    test_cer_wer();
    test_bow();
    test_fca();
    test_normalize();
    test_edit_script();
    return check_report(argv[0]);
}
