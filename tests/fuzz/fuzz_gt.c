/* tests/fuzz/fuzz_gt.c - libFuzzer harness for the ground-truth readers
 * (bs_gt_load, pipeline/eval/gt.c): any bytes give a doc or an error, never a
 * crash.  The first byte picks the form, the rest is the content; parts of
 * multi-file forms are separated by the byte pair "\0\0":
 *   0  x.json             articles.json schema
 *   1  x.page.xml         PAGE XML
 *   2  x.txt              plain page text
 *   3  folder/articles/   a001.txt, a002.txt, ... (per-article text files)
 *   4  x.articles.page.xml + x.page.xml   article tags + the text sibling
 *   5  output folder      articles.json + repairs.json
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../pipeline/base/base.h"
#include "../../pipeline/eval/eval.h"

static char root[64];

static void put(const char *name, const uint8_t *data, size_t size)
{
    char path[160];
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", root, name);
    fp = fopen(path, "wb");
    if (!fp)
        return;
    fwrite(data, 1, size, fp);
    fclose(fp);
}

/* The next "\0\0"-separated part of [*data, end). */
static size_t part(const uint8_t **data, const uint8_t *end,
                   const uint8_t **start)
{
    const uint8_t *p = *data;

    *start = p;
    while (p + 1 < end && !(p[0] == 0 && p[1] == 0))
        p++;
    if (p + 1 >= end)
        p = end;
    *data = p < end ? p + 2 : end;
    return (size_t)(p - *start);
}

static void clean(void)
{
    static const char *const names[] = {
        "x.json", "x.page.xml", "x.txt", "x.articles.page.xml",
        "articles.json", "repairs.json", "articles/a001.txt",
        "articles/a002.txt", "articles/a003.txt", "articles/a004.txt"};
    char path[160];

    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", root, names[i]);
        unlink(path);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bs_error err = {{0}};
    struct bs_doc *doc = NULL;
    const uint8_t *end = data + size, *s;
    char path[160], sub[160];
    size_t n;
    int form;

    if (size < 1)
        return 0;
    if (!root[0]) {
        snprintf(root, sizeof root, "/tmp/bs-fuzz-gt-%d", (int)getpid());
        mkdir(root, 0700);
        snprintf(sub, sizeof sub, "%s/articles", root);
        mkdir(sub, 0700);
    }
    clean();
    form = data[0] % 6;
    data++;
    switch (form) {
    case 0:
        put("x.json", data, (size_t)(end - data));
        snprintf(path, sizeof path, "%s/x.json", root);
        break;
    case 1:
        put("x.page.xml", data, (size_t)(end - data));
        snprintf(path, sizeof path, "%s/x.page.xml", root);
        break;
    case 2:
        put("x.txt", data, (size_t)(end - data));
        snprintf(path, sizeof path, "%s/x.txt", root);
        break;
    case 3:
        for (int i = 1; i <= 4 && data < end; i++) {
            n = part(&data, end, &s);
            snprintf(sub, sizeof sub, "articles/a%03d.txt", i);
            put(sub, s, n);
        }
        snprintf(path, sizeof path, "%s", root);
        break;
    case 4:
        n = part(&data, end, &s);
        put("x.articles.page.xml", s, n);
        n = part(&data, end, &s);
        put("x.page.xml", s, n);
        snprintf(path, sizeof path, "%s/x.articles.page.xml", root);
        break;
    default:
        n = part(&data, end, &s);
        put("articles.json", s, n);
        n = part(&data, end, &s);
        put("repairs.json", s, n);
        snprintf(path, sizeof path, "%s", root);
        break;
    }
    if (bs_gt_load(path, &doc, &err) == 0) {
        free(bs_doc_page_text(doc));
        bs_doc_free(&doc);
    }
    return 0;
}
