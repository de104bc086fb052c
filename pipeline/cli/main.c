/*
 * main.c - the broadsheet command line: a table of commands, dispatch, and
 * the only place that exits.
 */
#include "cli.h"
#include "../ocr/ocr.h"

#include "../image/image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef BS_VERSION
#define BS_VERSION "0.1.0"
#endif

struct bs_command {
    const char *name;
    const char *summary;
    int (*fn)(int argc, char **argv);
};

static int cmd_version(int argc, char **argv);
static int cmd_help(int argc, char **argv);

static const struct bs_command commands[] = {
    {"run", "run the pipeline on page images (or re-run part of it)",
     bs_cmd_run},
    {"stage", "re-run one stage on page folders", bs_cmd_stage},
    {"stages", "list the stages and the files they read and write",
     bs_cmd_stages},
    {"profile", "print a newspaper profile's settings", bs_cmd_profile},
    {"eval", "score output against ground truth (CER, articles, report)",
     bs_cmd_eval},
    {"repair", "repair OCR text you already have (text, hOCR, ALTO)",
     bs_cmd_repair},
    {"status", "done, failed and pending pages of a batch", bs_cmd_status},
    {"import", "page folders from ALTO, PAGE XML or hOCR of another engine",
     bs_cmd_import},
    {"show", "draw a page's columns, rules and blocks over the page",
     bs_cmd_show},
    {"version", "print versions", cmd_version},
    {"help", "this help", cmd_help},
};

#define NCOMMANDS ((int)(sizeof(commands) / sizeof(commands[0])))

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("broadsheet %s (tesseract %s, %s)\n", BS_VERSION, bs_tess_version(),
           getLeptonicaVersion());
    return BS_EXIT_OK;
}

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("usage: broadsheet COMMAND [options] [args]\n\n"
           "broadsheet turns scanned newspaper pages into clean per-article "
           "text.\n\ncommands:\n");
    for (int i = 0; i < NCOMMANDS; i++)
        printf("  %-9s %s\n", commands[i].name, commands[i].summary);
    printf("\n`broadsheet COMMAND --help` for a command's options.\n"
           "Exit codes: 0 all pages done, 1 some page failed, 2 usage "
           "error.\n");
    return BS_EXIT_OK;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cmd_help(0, NULL);
        return BS_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cmd_help(0, NULL);
    if (strcmp(argv[1], "--version") == 0)
        return cmd_version(0, NULL);
    bs_omp_limit_reexec(argv);
    bs_image_quiet();
    for (int i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            int rc = commands[i].fn(argc - 1, argv + 1);
            /* engines left idle by a command that read pages in this
             * process, freed before Tesseract's exit handlers run */
            bs_tess_pool_free();
            return rc;
        }
    fprintf(stderr, "broadsheet: unknown command \"%s\" (see broadsheet "
            "--help)\n", argv[1]);
    return BS_EXIT_USAGE;
}
