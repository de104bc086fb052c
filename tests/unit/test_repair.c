/*
 * test_repair.c - every repair kind on small in-memory lines and pages,
 * each with cases it must fix and cases it must leave alone: doubled text,
 * geometric duplicates, merged columns, spacing, lexicon joins, the log and
 * the --no-repair switches.
 */
#include "check.h"
#include "../../pipeline/model/model.h"
#include "../../pipeline/repair/repair.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct bs_doubled_opts BODY = {2, 6, 0, 0};
static const struct bs_doubled_opts HEAD = {2, 4, 1, 1};

/* Checks that doubled repair turns `in` into `want` (NULL: unchanged). */
static void doubled_case(const char *in, const char *want,
                         const struct bs_doubled_opts *o, int line)
{
    char *got = bs_doubled_text(in, o, NULL);

    check_total++;
    if ((want == NULL) != (got == NULL) ||
        (want && strcmp(got, want) != 0)) {
        check_failed++;
        fprintf(stderr, "test_repair.c:%d: doubled(\"%s\") = \"%s\", want "
                "\"%s\"\n", line, in, got ? got : "(unchanged)",
                want ? want : "(unchanged)");
    }
    free(got);
}
#define DOUBLED(in, want, o) doubled_case(in, want, o, __LINE__)

static void spacing_case(const char *in, const char *want, int line)
{
    char *got = bs_spacing_text(in);

    check_total++;
    if ((want == NULL) != (got == NULL) ||
        (want && strcmp(got, want) != 0)) {
        check_failed++;
        fprintf(stderr, "test_repair.c:%d: spacing(\"%s\") = \"%s\", want "
                "\"%s\"\n", line, in, got ? got : "(unchanged)",
                want ? want : "(unchanged)");
    }
    free(got);
}
#define SPACING(in, want) spacing_case(in, want, __LINE__)

static void punct_case(const char *in, int deck, const char *want, int line)
{
    char *got = bs_punct_text(in, deck);

    check_total++;
    if ((want == NULL) != (got == NULL) ||
        (want && strcmp(got, want) != 0)) {
        check_failed++;
        fprintf(stderr, "test_repair.c:%d: punct(\"%s\") = \"%s\", want "
                "\"%s\"\n", line, in, got ? got : "(unchanged)",
                want ? want : "(unchanged)");
    }
    free(got);
}
#define PUNCT(in, deck, want) punct_case(in, deck, want, __LINE__)

/* Chinese punctuation read as its half-width look-alike; a deck's dash. */
static void test_punct(void)
{
    PUNCT("项目前期工作时间;要加强用地", 0, "项目前期工作时间；要加强用地");
    PUNCT("变化是怎么来的?村党支部书记说", 0, "变化是怎么来的？村党支部书记说");
    PUNCT("怎么来的 ? 村", 0, "怎么来的 ？ 村");
    PUNCT("他说:", 0, "他说：");
    PUNCT("一一写在全省农村人居环境整治现场会召开之际", 1,
          "——写在全省农村人居环境整治现场会召开之际");
    PUNCT("-一今年新开工项目四十个", 1, "——今年新开工项目四十个");
    PUNCT("一一 写在", 1, "—— 写在");
    PUNCT("一 一 写 在", 1, "— — 写 在");
    /* kept: Latin and numbers, a word 一一, a deck already right */
    PUNCT("上午10:30开幕", 0, NULL);
    PUNCT("共3,000人", 0, NULL);
    PUNCT("Yes; no?", 0, NULL);
    PUNCT("一一对应的关系", 0, NULL);
    PUNCT("——写在现场会召开之际", 1, NULL);
    PUNCT("一批新项目", 1, NULL);
}

static void test_doubled_positive(void)
{
    DOUBLED("让民生福祉持续增进让民生福祉持续增进", "让民生福祉持续增进", &BODY);
    DOUBLED(" 让 民 生 福 祉 持 续 增 进让 民 生 福 祉 持 续 增 进",
            " 让 民 生 福 祉 持 续 增 进", &BODY);
    DOUBLED("一机集团携一机集团携1212台台““大国重器大国重器””亮相第亮相第1414届中"
            "国航展届中国航展",
            "一机集团携12台“大国重器”亮相第14届中国航展", &BODY);
    DOUBLED("——为推进中国式现代为推进中国式现代化作出内蒙古贡献化作出内蒙古贡"
            "献⑦⑦",
            "——为推进中国式现代化作出内蒙古贡献⑦", &BODY);
    DOUBLED("第三版⑦⑦", "第三版⑦", &BODY);
    DOUBLED("⑦⑦", "⑦", &BODY);
    DOUBLED("City Council votes on budgetCity Council votes on budget",
            "City Council votes on budget", &BODY);
    /* a headline read word by word: copies set apart by a space */
    DOUBLED("City Council votes City Council votes", "City Council votes",
            &HEAD);
    DOUBLED("众志成城同心抗疫众志成城同心抗疫", "众志成城同心抗疫", &BODY);
    DOUBLED("民生福祉民生福祉", "民生福祉", &HEAD);
    /* OCR'd headline, one character misread in the second copy */
    DOUBLED("让民生福祉持续增进让民生福址持续增进", "让民生福祉持续增进", &HEAD);
    DOUBLED("让民生福祉持续增进让民生福址持续增进", NULL, &BODY);
    DOUBLED("City Council votes City Councl votes", "City Council votes",
            &HEAD);
}

static void test_doubled_negative(void)
{
    static const char *const legit[] = {
        "2020年", "1111", "2020", "20202020", "谢谢", "常常", "天天", "看看",
        "人人", "一一", "哈哈", "哈哈哈哈", "谢谢谢谢", "哈哈哈哈哈哈哈哈",
        "高高兴兴", "高高兴兴干干净净", "嘻嘻哈哈嘻嘻哈哈", "加油加油加油加油",
        "Walla Walla", "Baden-Baden", "had had", "that that", "bye bye",
        "no no", "no no no no", "New York New York", "Sing Sing",
        "She had had enough.", "He said that that was it.", "1212",
        "谢谢你谢谢你", "中国加油中国加油", "——", "……", "□□本报记者 梅刚",
        "层工作者和相关专家，听他们说说下", "本报11月12日讯 （记者 白丹）",
        "持续构建和谐劳动关系，做好根治拖欠农牧民工工资工",
        "让 民 生 福 祉 持 续 增 进", "让民生福祉持续增进", "", " ", "a",
    };
    for (size_t i = 0; i < sizeof(legit) / sizeof(legit[0]); i++)
        DOUBLED(legit[i], NULL, &BODY);
    /* headline thresholds are lower, still no reduplicated words */
    static const char *const legit_head[] = {
        "Walla Walla", "Baden-Baden", "New York New York", "哈哈哈哈",
        "谢谢谢谢", "嘻嘻哈哈嘻嘻哈哈", "had had", "Bora Bora", "2020年",
        "增进民生福祉 提高民生福祉", "Mayor wins, mayor loses",
        "Walla Walla Walla", "Sing Sing Sing Sing",
    };
    for (size_t i = 0; i < sizeof(legit_head) / sizeof(legit_head[0]); i++)
        DOUBLED(legit_head[i], NULL, &HEAD);
}

static void test_spacing(void)
{
    SPACING("让 民 生 福 祉", "让民生福祉");
    SPACING("今 天 再 晚 也 是 早 ，明 天 再 早 也 是", "今天再晚也是早，明天再早也是");
    SPACING("把 工 作 速 度 提 上 来", "把工作速度提上来");
    SPACING("180 吨 爱 心 蔬 菜", "180吨爱心蔬菜");
    SPACING("到 2025年，苏尼特左旗", "到2025年，苏尼特左旗");
    SPACING("本报乌海 11 月 12 日电 （记者", "本报乌海11月12日电（记者");
    SPACING(" 本报讯 ", "本报讯");
    SPACING("本报讯  记者", "本报讯 记者");
    SPACING("the  city", NULL);
    SPACING("  indented Latin line", NULL);
    /* left alone */
    SPACING("本报记者 梅刚", NULL);
    SPACING("众志成城 同心抗疫", NULL);
    SPACING("持续增进民生福祉 扎实推动共同富裕", NULL);
    SPACING("年产 BDO项目", NULL);
    SPACING("Walla Walla", NULL);
    SPACING("the city council", NULL);
    SPACING("Route 66", NULL);
    SPACING("本报记者 王磊 通讯员 朱小萌 摄", NULL);
}

static void test_labels(void)
{
    char **l = bs_columns_split_labels("【学报告】 【大家谈】");

    CHECK(l != NULL);
    if (l) {
        CHECK_STR(l[0], "【学报告】");
        CHECK_STR(l[1], "【大家谈】");
        CHECK(l[2] == NULL);
        for (int i = 0; l[i]; i++)
            free(l[i]);
        free(l);
    }
    CHECK(bs_columns_split_labels("【学报告】") == NULL);
    CHECK(bs_columns_split_labels("【学报告】本报讯 记者") == NULL);
    CHECK(bs_columns_split_labels("【学报告】 正文") == NULL);
    CHECK(bs_columns_split_labels("") == NULL);
}

static void test_lexicon_join(void)
{
    struct bs_lexicon lex;
    struct bs_error err;
    struct bs_joiner j = {bs_join_lexicon, NULL};
    static const char *const joins[][3] = {
        {"an inter-", "national meeting", "an international meeting"},
        {"a well-", "known name", "a well-known name"},
        {"visit Baden-", "Baden soon", "visit Baden-Baden soon"},
        {"my mother-in-", "law", "my mother-in-law"},
        {"增进民生福祉，提高人民生活品", "质。必须坚持", "增进民生福祉，提高人民生活品质。必须坚持"},
        {"the city", "council", "the city council"},
    };

    if (bs_lexicon_load_default(&lex, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        CHECK(0);
        return;
    }
    j.ctx = &lex;
    CHECK(lex.n > 50000);
    CHECK(bs_lexicon_has(&lex, "international"));
    CHECK(bs_lexicon_has(&lex, "International"));
    CHECK(!bs_lexicon_has(&lex, "wellknown"));
    CHECK(!bs_lexicon_has(&lex, "zzqx"));
    for (size_t k = 0; k < sizeof(joins) / sizeof(joins[0]); k++) {
        struct bs_buf acc = {0};
        bs_buf_add(&acc, joins[k][0]);
        bs_join_append(&acc, joins[k][1], &j);
        CHECK_STR(bs_buf_str(&acc), joins[k][2]);
        bs_buf_release(&acc);
    }
    /* The joiner sees the end of a long text, and decides the same. */
    {
        struct bs_buf acc = {0};
        for (int k = 0; k < 2000; k++)
            bs_buf_add(&acc, "words words ");
        bs_buf_add(&acc, "an inter-");
        bs_join_append(&acc, "national meeting", &j);
        CHECK(acc.len > 24 && strcmp(acc.s + acc.len - 24,
                                     "an international meeting") == 0);
        bs_buf_release(&acc);
    }
    bs_lexicon_release(&lex);
}

static struct bs_box B(int x, int y, int w, int h)
{
    return (struct bs_box){x, y, w, h};
}

static char *block_text_of(struct bs_page *page, const char *id)
{
    int b = bs_page_find_block(page, id);
    return b >= 0 ? bs_block_text(&page->blocks[b]) : bs_strdup("(none)");
}

static void test_overlap(void)
{
    struct bs_page *page = bs_page_new();
    struct bs_repair_log log;
    struct bs_block *b;
    struct bs_line *line;
    char *t;

    bs_repair_log_init(&log);
    b = bs_page_add_block(page, BS_ROLE_HEADLINE, B(100, 100, 800, 60));
    line = bs_block_add_line(b, B(100, 100, 800, 60));
    bs_line_add_word(line, "Budget", B(100, 100, 200, 60), 90);
    bs_line_add_word(line, "Budget", B(104, 101, 200, 60), 80);
    bs_line_add_word(line, "passes", B(320, 100, 200, 60), 90);
    /* two words, same text, far apart: "Walla Walla" stays */
    b = bs_page_add_block(page, BS_ROLE_BODY, B(100, 300, 800, 40));
    line = bs_block_add_line(b, B(100, 300, 400, 40));
    bs_line_add_word(line, "Walla", B(100, 300, 150, 40), 90);
    bs_line_add_word(line, "Walla", B(260, 300, 150, 40), 90);
    /* a second region read the same line again */
    b = bs_page_add_block(page, BS_ROLE_BODY, B(100, 500, 800, 40));
    line = bs_block_add_line(b, B(100, 500, 600, 40));
    bs_line_add_word(line, "增进民生福祉", B(100, 500, 600, 40), 90);
    b = bs_page_add_block(page, BS_ROLE_BODY, B(102, 502, 800, 40));
    line = bs_block_add_line(b, B(102, 502, 600, 40));
    bs_line_add_word(line, "增进民生福祉", B(102, 502, 600, 40), 90);
    /* overlapping lines with different text: both stay */
    b = bs_page_add_block(page, BS_ROLE_BODY, B(100, 700, 800, 40));
    line = bs_block_add_line(b, B(100, 700, 600, 40));
    bs_line_add_word(line, "第一行", B(100, 700, 600, 40), 90);
    line = bs_block_add_line(b, B(100, 705, 600, 40));
    bs_line_add_word(line, "第二行", B(100, 705, 600, 40), 90);

    bs_repair_overlap(page, &log);
    t = block_text_of(page, "b001");
    CHECK_STR(t, "Budget passes");
    free(t);
    t = block_text_of(page, "b002");
    CHECK_STR(t, "Walla Walla");
    free(t);
    t = block_text_of(page, "b003");
    CHECK_STR(t, "增进民生福祉");
    free(t);
    t = block_text_of(page, "b004");
    CHECK_STR(t, "");
    free(t);
    t = block_text_of(page, "b005");
    CHECK_STR(t, "第一行\n第二行");
    free(t);
    CHECK(bs_repair_log_count(&log, "overlap") == 2);
    bs_repair_log_release(&log);
    bs_page_free(&page);
}

/* Two columns [100,500) and [520,920); one body block whose lines run
 * across the gutter. */
static struct bs_page *merged_page(int with_target)
{
    struct bs_page *page = bs_page_new();
    struct bs_band *band = bs_page_add_band(page, 0, 2000);
    struct bs_block *b;
    struct bs_line *line;
    struct bs_article *a;

    bs_set_str(&page->id, "p");
    bs_band_add_col(band, 100, 500);
    bs_band_add_col(band, 520, 920);
    b = bs_page_add_block(page, BS_ROLE_HEADLINE, B(100, 50, 820, 60));
    b->band = 0;
    line = bs_block_add_line(b, B(100, 50, 820, 60));
    bs_line_add_word(line, "Spanning", B(100, 50, 380, 60), 90);
    bs_line_add_word(line, "headline", B(540, 50, 380, 60), 90);
    b = bs_page_add_block(page, BS_ROLE_BODY, B(100, 200, 820, 100));
    b->band = 0;
    b->col_first = 0;
    b->col_last = 1;
    line = bs_block_add_line(b, B(100, 200, 820, 40));
    bs_line_add_word(line, "left", B(100, 200, 180, 40), 90);
    bs_line_add_word(line, "one", B(300, 200, 190, 40), 90);
    bs_line_add_word(line, "right", B(525, 200, 180, 40), 90);
    bs_line_add_word(line, "one", B(720, 200, 190, 40), 90);
    line = bs_block_add_line(b, B(100, 250, 820, 40));
    /* a CJK word straddling the gutter is cut by characters */
    bs_line_add_word(line, "左边两行右边两行", B(100, 250, 820, 40), 90);
    if (with_target) {
        b = bs_page_add_block(page, BS_ROLE_BODY, B(525, 300, 390, 40));
        b->band = 0;
        line = bs_block_add_line(b, B(525, 300, 390, 40));
        bs_line_add_word(line, "tail", B(525, 300, 100, 40), 90);
    }
    a = bs_page_add_article(page);
    snprintf(a->id, sizeof(a->id), "a001");
    for (int i = 0; i < page->nblocks; i++) {
        bs_article_add_block(a, page->blocks[i].id);
        snprintf(page->blocks[i].article, sizeof(page->blocks[i].article),
                 "a001");
    }
    return page;
}

static void test_columns(void)
{
    struct bs_settings s;
    struct bs_repair_log log;
    struct bs_page *page = merged_page(0);
    char *t;

    bs_settings_defaults(&s);
    snprintf(s.repairs_off, sizeof(s.repairs_off), "join");
    bs_repair_log_init(&log);
    bs_repair_page(page, &s, NULL, &log);
    t = block_text_of(page, "b001");
    CHECK_STR(t, "Spanning headline");
    free(t);
    t = block_text_of(page, "b002");
    CHECK_STR(t, "left one\n左边两行");
    free(t);
    t = block_text_of(page, "b003");
    CHECK_STR(t, "right one\n右边两行");
    free(t);
    CHECK(page->narticles == 1 && page->articles[0].nblocks == 3);
    if (page->narticles == 1 && page->articles[0].nblocks == 3)
        CHECK_STR(page->articles[0].blocks[2], "b003");
    CHECK(bs_repair_log_count(&log, "columns") == 2);
    CHECK(page->blocks[1].col_first == 0 && page->blocks[1].col_last == 0);
    bs_repair_log_release(&log);
    bs_page_free(&page);

    /* The right parts go to the existing block of the next column. */
    page = merged_page(1);
    bs_repair_log_init(&log);
    bs_repair_page(page, &s, NULL, &log);
    t = block_text_of(page, "b003");
    CHECK_STR(t, "right one\n右边两行\ntail");
    free(t);
    CHECK(page->nblocks == 3);
    bs_repair_log_release(&log);
    bs_page_free(&page);

    /* Switched off: nothing moves. */
    page = merged_page(0);
    snprintf(s.repairs_off, sizeof(s.repairs_off), "columns,join");
    bs_repair_log_init(&log);
    bs_repair_page(page, &s, NULL, &log);
    CHECK(page->nblocks == 2);
    CHECK(bs_repair_log_count(&log, "columns") == 0);
    bs_repair_log_release(&log);
    bs_page_free(&page);
}

/* A caption set over the gutter between columns [100,500) and [520,920)
 * (centred in a text wrap), reaching a quarter of a column into each side,
 * the right column's text beside it: its lines stay whole.  A body block
 * reaching half a column into each side is cut as before. */
static void test_over_gutter(void)
{
    struct bs_page *page = bs_page_new();
    struct bs_band *band = bs_page_add_band(page, 0, 2000);
    struct bs_repair_log log;
    struct bs_block *b;
    struct bs_line *line;
    char *t;

    bs_band_add_col(band, 100, 500);
    bs_band_add_col(band, 520, 920);
    b = bs_page_add_block(page, BS_ROLE_BODY, B(400, 200, 220, 90));
    b->band = 0;
    line = bs_block_add_line(b, B(420, 200, 180, 40));
    bs_line_add_word(line, "DAMAGED", B(420, 200, 85, 40), 90);
    bs_line_add_word(line, "DURING", B(530, 200, 70, 40), 90);
    line = bs_block_add_line(b, B(400, 250, 220, 40));
    bs_line_add_word(line, "RESTORED", B(400, 250, 110, 40), 90);
    bs_line_add_word(line, "NOW.", B(540, 250, 80, 40), 90);
    b = bs_page_add_block(page, BS_ROLE_BODY, B(650, 200, 270, 90));
    b->band = 0;
    line = bs_block_add_line(b, B(650, 200, 270, 40));
    bs_line_add_word(line, "beside", B(650, 200, 270, 40), 90);
    b = bs_page_add_block(page, BS_ROLE_BODY, B(300, 400, 420, 40));
    b->band = 0;
    line = bs_block_add_line(b, B(300, 400, 420, 40));
    bs_line_add_word(line, "left", B(300, 400, 190, 40), 90);
    bs_line_add_word(line, "right", B(530, 400, 190, 40), 90);
    bs_repair_log_init(&log);
    bs_repair_columns(page, &log);
    t = block_text_of(page, "b001");
    CHECK_STR(t, "DAMAGED DURING\nRESTORED NOW.");
    free(t);
    t = block_text_of(page, "b003");
    CHECK_STR(t, "left");
    free(t);
    CHECK(bs_repair_log_count(&log, "columns") == 1);
    bs_repair_log_release(&log);
    bs_page_free(&page);
}

/* No column structure known: the gutter is found in the text itself. */
static void test_text_gutter(void)
{
    struct bs_page *page = bs_page_new();
    struct bs_repair_log log;
    struct bs_block *b;
    char *t;
    static const char *const lw[] = {"一二三四", "五六七八", "九十一二",
                                     "三四五六", "七八九十", "百千万亿",
                                     "东南西北", "春夏秋冬"};
    static const char *const rw[] = {"甲乙丙丁", "戊己庚辛", "壬癸甲乙",
                                     "丙丁戊己", "庚辛壬癸", "子丑寅卯",
                                     "辰巳午未", "申酉戌亥"};

    bs_repair_log_init(&log);
    b = bs_page_add_block(page, BS_ROLE_BODY, B(100, 100, 430, 400));
    for (int l = 0; l < 8; l++) {
        struct bs_line *line = bs_block_add_line(b, B(100, 100 + 50 * l, 430, 40));
        bs_line_add_word(line, lw[l], B(100, 100 + 50 * l, 200, 40), 90);
        bs_line_add_word(line, rw[l], B(330, 100 + 50 * l, 200, 40), 90);
    }
    /* justified Latin: word gaps never line up */
    b = bs_page_add_block(page, BS_ROLE_BODY, B(100, 600, 430, 400));
    for (int l = 0; l < 8; l++) {
        struct bs_line *line = bs_block_add_line(b, B(100, 600 + 50 * l, 430, 40));
        int x = 100;
        for (int k = 0; k < 5; k++) {
            int wd = 60 + ((l * 7 + k * 13) % 5) * 9;
            if (k == 4)
                wd = 530 - x;
            bs_line_add_word(line, "word", B(x, 600 + 50 * l, wd, 40), 90);
            x += wd + 12;
        }
    }
    bs_repair_columns(page, &log);
    t = block_text_of(page, "b001");
    CHECK_STR(t, "一二三四\n五六七八\n九十一二\n三四五六\n七八九十\n百千万亿\n"
                 "东南西北\n春夏秋冬");
    free(t);
    t = block_text_of(page, "b003");
    CHECK_STR(t, "甲乙丙丁\n戊己庚辛\n壬癸甲乙\n丙丁戊己\n庚辛壬癸\n子丑寅卯\n"
                 "辰巳午未\n申酉戌亥");
    free(t);
    CHECK(page->nblocks == 3);
    CHECK(bs_repair_log_count(&log, "columns") == 8);
    bs_repair_log_release(&log);
    bs_page_free(&page);
}

static void test_page_pass(void)
{
    struct bs_settings s;
    struct bs_repair_log log;
    struct bs_lexicon lex;
    struct bs_error err;
    struct bs_page *page = bs_page_new();
    struct bs_block *b;
    struct bs_line *line;
    struct bs_article *a;
    int have = bs_lexicon_load_default(&lex, &err) == 0;

    CHECK(have);
    bs_settings_defaults(&s);
    bs_set_str(&page->id, "p");
    /* headline read word by word, doubled */
    b = bs_page_add_block(page, BS_ROLE_HEADLINE, B(100, 50, 1600, 80));
    line = bs_block_add_line(b, B(100, 50, 1600, 80));
    bs_line_add_word(line, "让", B(100, 50, 80, 80), 90);
    bs_line_add_word(line, "民生福祉", B(200, 50, 320, 80), 90);
    bs_line_add_word(line, "持续增进让民生", B(540, 50, 560, 80), 90);
    bs_line_add_word(line, "福祉持续增进", B(1120, 50, 480, 80), 90);
    b = bs_page_add_block(page, BS_ROLE_BODY, B(100, 200, 800, 100));
    line = bs_block_add_line(b, B(100, 200, 800, 40));
    bs_line_add_word(line, "An", B(100, 200, 60, 40), 90);
    bs_line_add_word(line, "inter-", B(170, 200, 160, 40), 90);
    line = bs_block_add_line(b, B(100, 250, 800, 40));
    bs_line_add_word(line, "national", B(100, 250, 200, 40), 90);
    bs_line_add_word(line, "well-", B(310, 250, 160, 40), 90);
    line = bs_block_add_line(b, B(100, 300, 800, 40));
    bs_line_add_word(line, "known", B(100, 300, 200, 40), 90);
    bs_line_add_word(line, "hotel.", B(310, 300, 160, 40), 90);
    b = bs_page_add_block(page, BS_ROLE_HEADLINE, B(100, 400, 800, 80));
    line = bs_block_add_line(b, B(100, 400, 800, 80));
    bs_line_add_word(line, "Walla", B(100, 400, 300, 80), 90);
    bs_line_add_word(line, "Walla", B(420, 400, 300, 80), 90);
    a = bs_page_add_article(page);
    snprintf(a->id, sizeof(a->id), "a001");
    bs_article_add_block(a, "b001");
    bs_article_add_block(a, "b002");
    a = bs_page_add_article(page);
    snprintf(a->id, sizeof(a->id), "a002");
    bs_article_add_block(a, "b003");

    bs_repair_log_init(&log);
    bs_repair_page(page, &s, have ? &lex : NULL, &log);
    CHECK_STR(page->articles[0].headline, "让民生福祉持续增进");
    CHECK_STR(page->articles[0].body, "An international well-known hotel.");
    CHECK_STR(page->articles[1].headline, "Walla Walla");
    CHECK(bs_repair_log_count(&log, "doubled") == 1);
    CHECK(bs_repair_log_count(&log, "join") == 1);
    /* the kept words keep boxes inside the line's old extent */
    CHECK(page->blocks[0].lines[0].box.x == 100);
    CHECK(bs_box_right(page->blocks[0].lines[0].box) <= 1100);
    {
        json_t *e = json_array_get(log.entries, 0);
        CHECK_STR(json_string_value(json_object_get(e, "kind")), "doubled");
        CHECK_STR(json_string_value(json_object_get(e, "block")), "b001");
        CHECK_STR(json_string_value(json_object_get(e, "after")),
                  "让民生福祉持续增进");
        CHECK_STR(json_string_value(json_object_get(
                      json_object_get(e, "evidence"), "pattern")),
                  "whole-line");
    }
    bs_repair_log_release(&log);
    if (have)
        bs_lexicon_release(&lex);
    bs_page_free(&page);
}

static void test_switches(void)
{
    struct bs_settings s;

    bs_settings_defaults(&s);
    CHECK(bs_settings_repair_on(&s, "doubled"));
    snprintf(s.repairs_off, sizeof(s.repairs_off), "spacing,doubled");
    CHECK(!bs_settings_repair_on(&s, "doubled"));
    CHECK(!bs_settings_repair_on(&s, "spacing"));
    CHECK(bs_settings_repair_on(&s, "columns"));
    snprintf(s.repairs_off, sizeof(s.repairs_off), "all");
    CHECK(!bs_settings_repair_on(&s, "overlap"));
}

int main(int argc, char **argv)
{
    (void)argc;
    test_doubled_positive();
    test_doubled_negative();
    test_spacing();
    test_punct();
    test_labels();
    test_lexicon_join();
    test_overlap();
    test_columns();
    test_over_gutter();
    test_text_gutter();
    test_page_pass();
    test_switches();
    return check_report(argv[0]);
}
