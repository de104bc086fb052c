/*
 * test_jumps.c - jump line recognition: every pattern, Chinese numerals,
 * and lines that must not be taken for jump lines.
 */
#include "check.h"
#include "../../pipeline/base/base.h"
#include "../../pipeline/segment/segment.h"

#include <stdlib.h>

static void expect(const char *text, enum bs_jump_dir dir, int page,
                   const char *keyword)
{
    struct bs_jump j;
    int ok = bs_jump_parse(text, &j);

    CHECK(ok == (dir != BS_JUMP_NONE));
    CHECK(j.dir == dir);
    CHECK(j.page == page);
    CHECK_STR(j.keyword, keyword);
    if (j.dir != dir || j.page != page)
        fprintf(stderr, "  for \"%s\": got dir %d page %d\n", text, j.dir,
                j.page);
}

static int cn(const char *s)
{
    int n;
    uint32_t *c = bs_utf8_to_cps(s, &n);
    int v = bs_chinese_number(c, n);
    free(c);
    return v;
}

int main(int argc, char **argv)
{
    (void)argc;
    /* English */
    expect("Continued on Page 4", BS_JUMP_TO, 4, "");
    expect("(Continued on page 12)", BS_JUMP_TO, 12, "");
    expect("CONTINUED ON PAGE A4", BS_JUMP_TO, 4, "");
    expect("Cont. on Page 7", BS_JUMP_TO, 7, "");
    expect("Continued from Page 1", BS_JUMP_FROM, 1, "");
    expect("Continued from page 1.", BS_JUMP_FROM, 1, "");
    expect("See STORY, Page 4", BS_JUMP_TO, 4, "STORY");
    expect("See BUDGET on Page 4", BS_JUMP_TO, 4, "BUDGET");
    expect("See TRAM LINE, Page 6", BS_JUMP_TO, 6, "TRAM LINE");
    expect("See Page 3", BS_JUMP_TO, 3, "");
    expect("BUDGET from Page 1", BS_JUMP_FROM, 1, "BUDGET");
    /* Chinese, Arabic and Chinese numerals, full width, ornaments */
    expect("上接第1版", BS_JUMP_FROM, 1, "");
    expect("下转第4版", BS_JUMP_TO, 4, "");
    expect("转第4版", BS_JUMP_TO, 4, "");
    expect("（下转第二版）", BS_JUMP_TO, 2, "");
    expect("■上接第1版", BS_JUMP_FROM, 1, "");
    expect("（上接第一版）", BS_JUMP_FROM, 1, "");
    expect("下转第十二版", BS_JUMP_TO, 12, "");
    expect("下转第２版", BS_JUMP_TO, 2, "");
    expect("（转A3版）", BS_JUMP_TO, 3, "");
    expect("上接 第 1 版", BS_JUMP_FROM, 1, "");
    expect("接第三版", BS_JUMP_FROM, 3, "");
    /* Not jump lines */
    expect("The council will continue on Tuesday.", BS_JUMP_NONE, 0, "");
    expect("Continued", BS_JUMP_NONE, 0, "");
    expect("Continued on Page", BS_JUMP_NONE, 0, "");
    expect("See you on page 4 of the report", BS_JUMP_NONE, 0, "");
    expect("see the story on page four", BS_JUMP_NONE, 0, "");
    expect("Page 4", BS_JUMP_NONE, 0, "");
    expect("转变发展方式", BS_JUMP_NONE, 0, "");
    expect("他转第4版的文章", BS_JUMP_NONE, 0, "");
    expect("下转第4版 记者报道后续", BS_JUMP_NONE, 0, "");
    expect("第4版", BS_JUMP_NONE, 0, "");
    expect("上接", BS_JUMP_NONE, 0, "");
    expect("", BS_JUMP_NONE, 0, "");
    expect("Continued on Page 123456", BS_JUMP_NONE, 0, "");
    /* Chinese numerals */
    CHECK(cn("一") == 1);
    CHECK(cn("十") == 10);
    CHECK(cn("十二") == 12);
    CHECK(cn("二十一") == 21);
    CHECK(cn("一百零五") == 105);
    CHECK(cn("两百") == 200);
    CHECK(cn("百") == -1);
    CHECK(cn("二三") == -1);
    CHECK(cn("零") == -1);
    CHECK(cn("十百") == -1);
    return check_report(argv[0]);
}
