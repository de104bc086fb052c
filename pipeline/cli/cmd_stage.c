/*
 * cmd_stage.c - `broadsheet stage NAME PAGEDIR...`: re-runs one stage from
 * the artifact before it, with whatever settings are given now.
 */
#include "cli.h"

#include "../base/base.h"
#include "../batch/batch.h"
#include "../model/model.h"
#include "../run/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* `stage load` re-reads the page's own source image into the page's own
 * folder: its id is the one load recorded when the folder sits where that
 * id puts it (DIR = ROOT/<id>), else the folder's name. */
static int rerun_load(struct bs_cli *cli)
{
    int failed = 0;

    for (int i = 0; i < cli->ninputs; i++) {
        char *path = bs_path_join(cli->inputs[i], "model.load.json");
        struct bs_page *page = NULL;
        struct bs_error err;
        struct bs_stamp st;
        char *dir = NULL, *root, *id, *slash;
        char *argv_run[1];
        struct bs_cli one = *cli;
        size_t n, k;

        if (bs_page_load(path, &page, &err) < 0 || !page->source) {
            fprintf(stderr, "broadsheet stage: %s\n",
                    page ? "page has no source image" : err.msg);
            bs_page_free(&page);
            free(path);
            failed++;
            continue;
        }
        dir = bs_strdup(cli->inputs[i]);
        while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
            dir[strlen(dir) - 1] = '\0';
        n = strlen(dir);
        k = page->id ? strlen(page->id) : 0;
        if (k && n > k && dir[n - k - 1] == '/' &&
            strcmp(dir + n - k, page->id) == 0) {
            root = bs_strndup(dir, n - k - 1);
            id = bs_strdup(page->id);
        } else {
            slash = strrchr(dir, '/');
            root = slash ? bs_strndup(dir, (size_t)(slash - dir))
                         : bs_strdup(".");
            id = bs_strdup(slash ? slash + 1 : dir);
        }
        argv_run[0] = page->source;
        one.inputs = argv_run;
        one.ninputs = 1;
        one.out = root;
        one.page_id = id;
        one.page_subpage = bs_stamp_read(dir, &st, NULL) == 0 ? st.subpage : 0;
        if (bs_run_pages(&one) != BS_EXIT_OK)
            failed++;
        bs_page_free(&page);
        free(root);
        free(id);
        free(dir);
        free(path);
    }
    return failed ? BS_EXIT_FAILED : BS_EXIT_OK;
}

int bs_cmd_stage(int argc, char **argv)
{
    struct bs_cli cli;
    struct bs_error err;
    int stage, rc;

    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        printf("usage: broadsheet stage NAME PAGEDIR... [options]\n\n"
               "Re-runs one stage on page folders, reading the artifact the "
               "stage before it wrote.\nStages:");
        for (int i = 0; i < bs_stage_count; i++)
            printf(" %s", bs_stage_table[i]->name);
        printf("\n\noptions:\n");
        bs_cli_print_options(stdout, BS_CLI_STAGE);
        return argc < 2 ? BS_EXIT_USAGE : BS_EXIT_OK;
    }
    stage = bs_stage_find(argv[1]);
    if (stage < 0) {
        fprintf(stderr, "broadsheet stage: unknown stage \"%s\" (see "
                "`broadsheet stages`)\n", argv[1]);
        return BS_EXIT_USAGE;
    }
    rc = bs_cli_parse(argc - 1, argv + 1, BS_CLI_STAGE, "PAGEDIR... [options]",
                      &cli, &err);
    if (rc == 1)
        return BS_EXIT_OK;
    if (rc < 0) {
        fprintf(stderr, "broadsheet stage: %s\n", err.msg);
        return BS_EXIT_USAGE;
    }
    if (cli.ninputs == 0) {
        fprintf(stderr, "broadsheet stage: no page folder given\n");
        return BS_EXIT_USAGE;
    }
    cli.from = cli.to = stage;
    cli.force = 1; /* an explicit stage re-run never skips a page */
    if (stage == 0)
        return rerun_load(&cli);
    return bs_run_pages(&cli);
}
