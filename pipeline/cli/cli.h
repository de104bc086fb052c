/*
 * cli.h - the command table's entry points and the options they share.
 *
 * Each command is one file (cmd_<name>.c) with one entry point taking
 * argc/argv after the command name.  Entry points return the process exit
 * code: 0 all pages done, 1 some page failed, 2 usage error.  Only main()
 * exits.
 *
 * cli/ is the top of the tree: nothing includes this header but cli/'s own
 * files and batch/, which runs the pages of a parsed `run` or `stage`
 * (bs_run_pages, batch.h) and reads their options from struct bs_cli.
 */
#ifndef BS_CLI_H
#define BS_CLI_H

#include "../base/base.h"
#include "../model/model.h"

#define BS_EXIT_OK 0
#define BS_EXIT_FAILED 1
#define BS_EXIT_USAGE 2

/* Options of `run`, `stage`, `repair` and `import`, parsed by
 * bs_cli_parse(). */
struct bs_cli {
    struct bs_settings settings;
    const char *out;          /* -o OUT */
    int from, to;             /* stage indexes */
    int quiet;
    int force;                /* redo pages whose outputs are up to date */
    int jobs;                 /* -j N; 0 = number of cores */
    int shard_k, shard_n;     /* --shard K/N, 1-based K; n = 0 none */
    double page_timeout;      /* seconds; 0 = none */
    long long max_memory_mb;  /* --max-memory: per worker, MB; 0 = none,
                                 -1 = the default (batch.c) */
    char **inputs;            /* positional arguments, borrowed from argv */
    int ninputs;
    /* `stage load` on a page folder: its one input is read again into the
     * page's own id (and page of a multi-page TIFF); NULL otherwise */
    const char *page_id;
    int page_subpage;
};

/* The commands that take the shared options (cli_options.c): each option
 * says which of them take it. */
#define BS_CLI_RUN 1u
#define BS_CLI_STAGE 2u
#define BS_CLI_REPAIR 4u
#define BS_CLI_IMPORT 8u

/* Parses `command`'s options (any other is a usage error, as is a value
 * that cannot be right).  Returns 0 on success, 1 when --help was printed,
 * -1 on a usage error (message in err). */
int bs_cli_parse(int argc, char **argv, unsigned command, const char *usage,
                 struct bs_cli *cli, struct bs_error *err);
/* Prints the help of `command`'s options. */
void bs_cli_print_options(FILE *fp, unsigned command);

int bs_cmd_run(int argc, char **argv);
int bs_cmd_stage(int argc, char **argv);
int bs_cmd_stages(int argc, char **argv);
int bs_cmd_profile(int argc, char **argv);
int bs_cmd_eval(int argc, char **argv);
int bs_cmd_repair(int argc, char **argv);
int bs_cmd_status(int argc, char **argv);
int bs_cmd_import(int argc, char **argv);
int bs_cmd_show(int argc, char **argv);

#endif
