/*
 * cmd_info.c - `broadsheet stages` and `broadsheet profile`: what the
 * pipeline is made of and which settings it takes.
 */
#include "cli.h"

#include "stage.h"

#include <stdio.h>
#include <string.h>

int bs_cmd_stages(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    for (int i = 0; i < bs_stage_count; i++) {
        const struct bs_stage *s = bs_stage_table[i];
        printf("%-9s %s\n          reads: %s%s%s\n          writes: %s%s%s\n",
               s->name, s->summary,
               i > 0 ? "model." : "", i > 0 ? bs_stage_table[i - 1]->name : "",
               i > 0 ? (s->reads[0] ? ".json, " : ".json") : "",
               s->saves_model ? "model." : "", s->saves_model ? s->name : "",
               s->saves_model ? (s->writes[0] ? ".json, " : ".json") : "");
        /* reads/writes lists after the model artifacts */
        if (s->reads[0] || s->writes[0])
            printf("          files: %s | %s\n", s->reads, s->writes);
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
    if (argc > 1 && bs_profile_load(&p, argv[1], &err) < 0) {
        fprintf(stderr, "broadsheet profile: %s\n", err.msg);
        return BS_EXIT_FAILED;
    }
    bs_profile_print(&p, stdout);
    return BS_EXIT_OK;
}
