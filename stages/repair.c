/*
 * repair.c - stage `repair`: fixes what OCR and page extraction get wrong,
 * and logs every repair in repairs.json.
 *
 * First form: lines that are two copies of themselves ("doubled") are cut
 * to one copy; article texts are rebuilt from the repaired lines.
 */
#include "../pipeline/article_text.h"
#include "../pipeline/page_json.h"
#include "../pipeline/stage.h"
#include "../pipeline/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Returns 1 and the half length when text is X + X with X at least
 * min_chunk code points. */
static int doubled_half(const char *text, int min_chunk, size_t *half_bytes)
{
    int n;
    uint32_t *cps = bs_utf8_to_cps(text, &n);
    int ok = n >= 2 * min_chunk && n % 2 == 0 &&
             memcmp(cps, cps + n / 2, (size_t)(n / 2) * sizeof(*cps)) == 0;
    if (ok) {
        char *half = bs_utf8_from_cps(cps, n / 2);
        *half_bytes = strlen(half);
        free(half);
    }
    free(cps);
    return ok;
}

static int repair_run(struct bs_run *run, struct bs_page *page,
                      struct bs_error *err)
{
    const struct bs_settings *s = run->settings;
    json_t *log = json_array(), *root;
    struct bs_joiner plain = {bs_join_plain, NULL};
    char *path;
    int rc;

    for (int b = 0; b < page->nblocks && bs_settings_repair_on(s, "doubled");
         b++) {
        struct bs_block *block = &page->blocks[b];
        for (int l = 0; l < block->nlines; l++) {
            struct bs_line *line = &block->lines[l];
            char *text = bs_line_text(line);
            size_t half;

            if (line->nwords == 1 &&
                doubled_half(text, s->profile.repair_min_chunk, &half)) {
                char *before = bs_strdup(text);
                line->words[0].text[half] = '\0';
                json_array_append_new(
                    log, json_pack("{s:s, s:s, s:i, s:s, s:s, s:s}", "kind",
                                   "doubled", "block", block->id, "line", l,
                                   "before", before, "after",
                                   line->words[0].text, "evidence",
                                   "line is two copies of its first half"));
                free(before);
            }
            free(text);
        }
    }
    for (int a = 0; a < page->narticles; a++)
        bs_article_build_text(page, &page->articles[a], &plain);

    root = json_pack("{s:s, s:i, s:o}", "format", "broadsheet-repairs",
                     "version", 1, "repairs", log);
    path = bs_run_path(run, "repairs.json");
    rc = bs_json_save_file(root, path, err);
    free(path);
    json_decref(root);
    return rc;
}

const struct bs_stage bs_stage_repair = {
    .name = "repair",
    .summary = "repair doubled text, merged columns, spacing, line joins",
    .reads = "",
    .writes = "repairs.json",
    .saves_model = 1,
    .run = repair_run,
};
