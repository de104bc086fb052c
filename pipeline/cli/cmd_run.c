/*
 * cmd_run.c - `broadsheet run`: the whole pipeline (or a range of it) over
 * images, folders, lists or output folders.
 */
#include "cli.h"

#include "../batch/batch.h"

#include <stdio.h>

int bs_cmd_run(int argc, char **argv)
{
    struct bs_cli cli;
    struct bs_error err;
    int rc = bs_cli_parse(argc, argv, BS_CLI_RUN,
                          "[options] IMAGE|FOLDER|@LIST... -o OUT\n"
                          "       broadsheet run --from STAGE [options] "
                          "OUT|PAGEDIR...",
                          &cli, &err);

    if (rc == 1)
        return BS_EXIT_OK;
    if (rc < 0) {
        fprintf(stderr, "broadsheet run: %s\n", err.msg);
        return BS_EXIT_USAGE;
    }
    if (cli.from > 0 && cli.out)
        fprintf(stderr, "broadsheet run: -o is ignored with --from; pages are "
                "re-run in their own folders\n");
    return bs_run_pages(&cli);
}
