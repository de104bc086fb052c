/*
 * cmd_info.c - `broadsheet stages` and `broadsheet profile`: what the
 * pipeline is made of and which settings it takes.
 */
#include "cli.h"

#include "../run/run.h"

#include <stdio.h>
#include <string.h>

/* Prints "a, b" from up to two comma-joined parts, skipping empty ones. */
static void print_list(const char *label, const char *first,
                       const char *second)
{
    const char *sep = (first[0] && second[0]) ? ", " : "";
    printf("          %s %s%s%s\n", label, first, sep, second);
}

int bs_cmd_stages(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        printf("usage: broadsheet stages\n\nPrints the stages in pipeline "
               "order with the files each reads and writes.\n");
        return BS_EXIT_OK;
    }
    if (argc > 1) {
        fprintf(stderr, "broadsheet stages: takes no argument (\"%s\")\n",
                argv[1]);
        return BS_EXIT_USAGE;
    }
    for (int i = 0; i < bs_stage_count; i++) {
        const struct bs_stage *s = bs_stage_table[i];
        char prev[64] = "", own[64] = "";

        if (i > 0)
            snprintf(prev, sizeof(prev), "model.%s.json",
                     bs_stage_table[i - 1]->name);
        if (s->saves_model)
            snprintf(own, sizeof(own), "model.%s.json", s->name);
        printf("%-9s %s\n", s->name, s->summary);
        print_list("reads: ", prev, s->reads);
        print_list("writes:", own, s->writes);
    }
    return BS_EXIT_OK;
}

int bs_cmd_profile(int argc, char **argv)
{
    struct bs_profile p;
    struct bs_error err;

    bs_profile_defaults(&p);
    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        printf("usage: broadsheet profile [NAME|PATH]\n\nPrints the settings "
               "of a profile (default: the built-in defaults).\n");
        return BS_EXIT_OK;
    }
    if (argc > 2 || (argc > 1 && argv[1][0] == '-')) {
        fprintf(stderr, "broadsheet profile: unknown option or extra argument "
                "\"%s\" (see broadsheet profile --help)\n", argv[argc > 2 ? 2 : 1]);
        return BS_EXIT_USAGE;
    }
    if (argc > 1 && bs_profile_load(&p, argv[1], &err) < 0) {
        fprintf(stderr, "broadsheet profile: %s\n", err.msg);
        return BS_EXIT_FAILED;
    }
    bs_profile_print(&p, stdout);
    return BS_EXIT_OK;
}
