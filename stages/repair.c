/*
 * repair.c - stage `repair`: fixes what OCR and page extraction get wrong
 * (pipeline/repair/repair_*.c, one kind per file), logs every repair in
 * repairs.json, and rebuilds every article's text with the lexicon joiner.
 *
 * Order matters: geometric duplicates go first (they would otherwise look
 * like doubled text), then merged columns are split, then doubled text is
 * cut (on the split lines), then spaces are closed (letter-spaced doubled
 * headlines are undoubled before their spaces go).
 */
#include "../pipeline/repair/repair.h"
#include "../pipeline/run/run.h"

#include <stdlib.h>

void bs_repair_page(struct bs_page *page, const struct bs_settings *s,
                    const struct bs_lexicon *lex, struct bs_repair_log *log)
{
    int join = bs_settings_repair_on(s, "join");
    struct bs_joiner joiner = {join ? bs_join_lexicon : bs_join_plain,
                               join ? (void *)lex : NULL};

    if (bs_settings_repair_on(s, "overlap"))
        bs_repair_overlap(page, log);
    if (bs_settings_repair_on(s, "columns"))
        bs_repair_columns(page, log);
    if (bs_settings_repair_on(s, "doubled"))
        bs_repair_doubled(page, s, log);
    if (bs_settings_repair_on(s, "spacing"))
        bs_repair_spacing(page, log);
    if (bs_settings_repair_on(s, "punct"))
        bs_repair_punct(page, log);
    if (join)
        bs_repair_join_log(page, lex, log);
    for (int a = 0; a < page->narticles; a++) {
        bs_article_build_text(page, &page->articles[a], &joiner);
        bs_article_fit_box(page, &page->articles[a]);
    }
}

static int repair_run(struct bs_run *run, struct bs_page *page,
                      struct bs_error *err)
{
    const struct bs_settings *s = run->settings;
    struct bs_repair_log log;
    struct bs_lexicon lex = {0};
    int have_lex = 0, rc = -1;
    char *path = NULL;

    bs_repair_log_init(&log);
    if (bs_settings_repair_on(s, "join")) {
        /* the page's language's word list; none: the rule for languages
         * without one (repair.h) */
        int found = bs_lexicon_load_for(&lex, page->lang, err);
        if (found < 0)
            goto out;
        have_lex = found;
    }
    bs_repair_page(page, s, have_lex ? &lex : NULL, &log);
    path = bs_run_path(run, "repairs.json");
    rc = bs_repair_log_save(&log, page->id, path, err);
out:
    free(path);
    if (have_lex)
        bs_lexicon_release(&lex);
    bs_repair_log_release(&log);
    return rc;
}

const struct bs_stage bs_stage_repair = {
    .name = "repair",
    .summary = "repair doubled text, merged columns, spacing, line joins",
    .reads = "models/lexicon/<lang>.txt",
    .writes = "repairs.json",
    .saves_model = 1,
    .run = repair_run,
};
