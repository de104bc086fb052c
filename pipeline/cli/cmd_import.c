/*
 * cmd_import.c - `broadsheet import FILE... -o OUT [--lang L]`: page models
 * from ALTO, PAGE XML or hOCR made by another engine (or by broadsheet).
 *
 * Each file becomes a page folder OUT/<page-id>/ holding model.load.json
 * (page info; its checksum is the imported file's SHA-256, so resume and
 * stamps work) and model.ocr.json (blocks, lines, words, roles and the
 * file's reading order).  When the file also groups its blocks into
 * articles (broadsheet's own ALTO, PAGE and hOCR do), model.articles.json
 * keeps those articles too.  Artifacts of later stages and the stamp left
 * from an earlier run of that folder are removed.  Then
 *   broadsheet run --from order OUT            (or OUT/<page-id> ...)
 * runs order, articles, repair and export on the imported pages: a new
 * reading order and new articles from the blocks' layout and roles;
 *   broadsheet run --from repair OUT
 * keeps the file's reading order and articles (when it had articles).
 */
#include "cli.h"

#include "../base/base.h"
#include "../formats/formats.h"
#include "../model/model.h"
#include "../ocr/ocr.h"
#include "../run/run.h"
#include "../segment/segment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Removes what a previous run left after `ocr` in dir. */
static int clear_later(const char *dir, struct bs_error *err)
{
    static const char *const files[] = {"articles.json", "page.txt",
                                        "fulltext.txt", "repairs.json",
                                        BS_ALTO_NAME, BS_PAGEXML_NAME,
                                        BS_HOCR_NAME};
    int ocr = bs_stage_find("ocr");

    if (bs_stamp_remove(dir, err) < 0)
        return -1;
    for (int i = ocr + 1; i < bs_stage_count; i++) {
        char *name = bs_model_name(bs_stage_table[i]->name);
        char *path = bs_path_join(dir, name);
        int rc = bs_remove_if_exists(path, err);
        free(name);
        free(path);
        if (rc < 0)
            return -1;
    }
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        char *path = bs_path_join(dir, files[i]);
        int rc = bs_remove_if_exists(path, err);
        free(path);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int import_one(const struct bs_cli *cli, const char *path,
                      struct bs_error *err)
{
    struct bs_page *page = NULL, *info = NULL;
    char *dir = NULL, *mload = NULL, *mocr = NULL, *marts = NULL;
    int rc = -1;

    if (bs_import_file(path, &page, err) < 0)
        return -1;
    if (cli->settings.lang[0])
        bs_set_str(&page->lang, cli->settings.lang);
    bs_set_str(&page->stage, "ocr");
    dir = bs_path_join(cli->out, page->id);
    if (bs_mkdir_p(dir, err) < 0 || clear_later(dir, err) < 0)
        goto out;
    /* model.load.json: the page info alone, as `load` writes it. */
    info = bs_page_new();
    bs_set_str(&info->id, page->id);
    bs_set_str(&info->source, page->source);
    bs_set_str(&info->checksum, page->checksum);
    bs_set_str(&info->lang, page->lang);
    bs_set_str(&info->stage, "load");
    info->width = page->width;
    info->height = page->height;
    info->dpi = page->dpi;
    info->number = page->number;
    mload = bs_path_join(dir, "model.load.json");
    mocr = bs_path_join(dir, "model.ocr.json");
    marts = bs_path_join(dir, "model.articles.json");
    if (bs_page_save(info, mload, err) < 0)
        goto out;
    if (page->narticles > 0) {
        struct bs_joiner plain = {bs_join_plain, NULL};
        for (int a = 0; a < page->narticles; a++) {
            bs_set_str(&page->articles[a].lang, page->lang);
            bs_article_read_jumps(page, &page->articles[a]);
            bs_article_build_text(page, &page->articles[a], &plain);
            bs_article_fit_box(page, &page->articles[a]);
        }
        bs_set_str(&page->stage, "articles");
        if (bs_page_save(page, marts, err) < 0)
            goto out;
        /* model.ocr.json: the blocks as OCR left them, no articles */
        bs_page_clear_articles(page);
        for (int i = 0; i < page->nblocks; i++)
            page->blocks[i].article[0] = '\0';
        bs_set_str(&page->stage, "ocr");
    }
    if (bs_page_save(page, mocr, err) < 0)
        goto out;
    if (!cli->quiet)
        fprintf(stderr, "import: %s: %d blocks%s -> %s/\n", path,
                page->nblocks,
                bs_is_file(marts) ? ", articles kept" : "", dir);
    rc = 0;
out:
    free(mload);
    free(mocr);
    free(marts);
    free(dir);
    bs_page_free(&info);
    bs_page_free(&page);
    return rc;
}

int bs_cmd_import(int argc, char **argv)
{
    struct bs_cli cli;
    struct bs_error err;
    int r = bs_cli_parse(argc, argv, BS_CLI_IMPORT,
                         "FILE... -o OUT [--lang LANGS]\n\n"
                         "Builds page folders OUT/<page-id>/ (model.load.json, "
                         "model.ocr.json) from ALTO,\nPAGE XML or hOCR files; "
                         "then `broadsheet run --from order OUT` reads them\n"
                         "into articles (add --formats for ALTO, PAGE, hOCR, "
                         "METS output);\n`broadsheet run --from repair OUT` "
                         "keeps the file's reading order and articles\n"
                         "(written when the file groups blocks into "
                         "articles).",
                         &cli, &err);
    int failed = 0;

    if (r == 1)
        return BS_EXIT_OK;
    if (r == 0 && cli.ninputs == 0)
        r = bs_fail(&err, "import: no input file (see broadsheet import "
                    "--help)");
    if (r == 0 && !cli.out)
        r = bs_fail(&err, "import: no output folder (-o OUT)");
    /* one page folder per file: two files of one id would write one
     * folder (the id comes from the name, never a silent suffix) */
    for (int i = 0; r == 0 && i < cli.ninputs; i++) {
        char *a = bs_import_id(cli.inputs[i]);
        for (int k = 0; r == 0 && k < i; k++) {
            char *b = bs_import_id(cli.inputs[k]);
            if (strcmp(a, b) == 0)
                r = bs_fail(&err, "page id \"%s\": %s and %s both map to it; "
                            "import them into different folders (-o) or "
                            "rename one", a, cli.inputs[k], cli.inputs[i]);
            free(b);
        }
        free(a);
    }
    if (r == 0 && cli.settings.lang[0]) {
        /* the pages will be read in this language: it must be there */
        struct bs_tess *tess = bs_tess_new(NULL);
        r = bs_tess_check_lang(tess, cli.settings.lang, &err);
        bs_tess_free(&tess);
    }
    if (r < 0) {
        fprintf(stderr, "broadsheet import: %s\n", err.msg);
        return BS_EXIT_USAGE;
    }
    for (int i = 0; i < cli.ninputs; i++) {
        if (import_one(&cli, cli.inputs[i], &err) < 0) {
            fprintf(stderr, "broadsheet import: %s\n", err.msg);
            failed++;
        }
    }
    return failed ? BS_EXIT_FAILED : BS_EXIT_OK;
}
