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

/* Options of `run` and `stage`, parsed by bs_cli_parse(). */
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
};

/* Parses the shared options.  Returns 0 on success, 1 when --help was
 * printed, -1 on a usage error (message in err). */
int bs_cli_parse(int argc, char **argv, const char *command,
                 const char *usage, struct bs_cli *cli, struct bs_error *err);
/* Prints the shared options' help. */
void bs_cli_print_options(FILE *fp);

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
