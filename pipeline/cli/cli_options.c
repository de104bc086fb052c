/*
 * cli_options.c - the options of `run`, `stage`, `repair` and `import`,
 * driven by one table: each option says which commands take it, so each
 * command lists (--help) and accepts only its own, and a value that cannot
 * be right (an unknown repair kind, an empty language, a tessdata folder
 * that is not there) is a usage error before any page is read.
 */
#include "cli.h"

#include "../repair/repair.h"
#include "../run/run.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    OPT_LANG = 256, OPT_PROFILE, OPT_SET, OPT_FORMATS, OPT_NO_REPAIR, OPT_DPI,
    OPT_MAX_PIXELS, OPT_TESSDATA, OPT_FROM, OPT_TO, OPT_FORCE, OPT_SHARD,
    OPT_PAGE_TIMEOUT, OPT_MAX_MEMORY, OPT_HELP
};

#define RUN BS_CLI_RUN
#define STAGE BS_CLI_STAGE
#define REPAIR BS_CLI_REPAIR
#define IMPORT BS_CLI_IMPORT
#define ALL (RUN | STAGE | REPAIR | IMPORT)

/* One line per option: its names, argument, the commands that take it and
 * its help (the text after the option column). */
static const struct cli_option {
    const char *name;
    int has_arg;
    int val;              /* short letter or OPT_* */
    const char *arg;      /* argument's name in the help, NULL none */
    unsigned commands;
    const char *help;
} options[] = {
    {"output", 1, 'o', "OUT", RUN | REPAIR | IMPORT,
     "output folder (one sub-folder per page)"},
    {"lang", 1, OPT_LANG, "LANGS", RUN | STAGE | IMPORT,
     "Tesseract languages: eng, chi_sim, chi_sim+eng, deu, frk...\n"
     "(default: the page's own, else eng)"},
    {"profile", 1, OPT_PROFILE, "NAME", RUN | STAGE,
     "newspaper profile: models/profiles/NAME.json or a path"},
    {"set", 1, OPT_SET, "NAME=VALUE", RUN | STAGE,
     "override one profile setting (see `broadsheet profile`)"},
    {"formats", 1, OPT_FORMATS, "LIST", RUN | STAGE,
     "txt,json,alto,page,hocr,mets,pdf or all (default txt,json)"},
    {"no-repair", 1, OPT_NO_REPAIR, "KINDS", RUN | STAGE | REPAIR,
     "switch repair kinds off: overlap,columns,doubled,spacing,punct,\n"
     "join,all"},
    {"dpi", 1, OPT_DPI, "N", RUN | STAGE,
     "resolution of the scans when the files do not say"},
    {"max-pixels", 1, OPT_MAX_PIXELS, "N", RUN | STAGE,
     "refuse larger images (default 250000000)"},
    {"tessdata", 1, OPT_TESSDATA, "DIR", RUN | STAGE,
     "Tesseract data folder"},
    {"from", 1, OPT_FROM, "STAGE", RUN,
     "start at this stage (inputs are page folders or OUT)"},
    {"to", 1, OPT_TO, "STAGE", RUN, "stop after this stage"},
    {"jobs", 1, 'j', "N", RUN | STAGE,
     "pages in parallel (default: number of cores)"},
    {"force", 0, OPT_FORCE, NULL, RUN,
     "redo pages whose outputs are up to date"},
    {"shard", 1, OPT_SHARD, "K/N", RUN | STAGE,
     "process only shard K of N (by page id)"},
    {"page-timeout", 1, OPT_PAGE_TIMEOUT, "S", RUN | STAGE,
     "give up on a page after S seconds"},
    {"max-memory", 1, OPT_MAX_MEMORY, "MB", RUN | STAGE,
     "stop a page whose worker holds more memory (M or G suffix;\n"
     "0: no limit; default: 3/4 of the machine's memory shared\n"
     "among the workers)"},
    {"quiet", 0, 'q', NULL, ALL, "no progress output"},
    {"help", 0, OPT_HELP, NULL, ALL, "this help"},
};
#define NOPTIONS ((int)(sizeof(options) / sizeof(options[0])))

static const char *command_name(unsigned command)
{
    switch (command) {
    case BS_CLI_RUN: return "run";
    case BS_CLI_STAGE: return "stage";
    case BS_CLI_REPAIR: return "repair";
    default: return "import";
    }
}

void bs_cli_print_options(FILE *fp, unsigned command)
{
    for (int i = 0; i < NOPTIONS; i++) {
        const struct cli_option *o = &options[i];
        char head[64];
        const char *h = o->help;

        if (!(o->commands & command))
            continue;
        if (o->val < 256)
            snprintf(head, sizeof(head), "  -%c, --%s%s%s", o->val, o->name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
        else
            snprintf(head, sizeof(head), "      --%s%s%s", o->name,
                     o->arg ? " " : "", o->arg ? o->arg : "");
        fprintf(fp, "%-25s", head);
        if (strlen(head) >= 25)
            fprintf(fp, "\n%-25s", "");
        for (; *h; h++) {
            fputc(*h, fp);
            if (*h == '\n')
                fprintf(fp, "%-25s", "");
        }
        fputc('\n', fp);
    }
}

static int parse_long(const char *arg, const char *opt, long long lo,
                      long long hi, long long *out, struct bs_error *err)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(arg, &end, 10);
    if (errno || end == arg || *end || v < lo || v > hi)
        return bs_fail(err, "%s: \"%s\" is not a number in %lld..%lld", opt,
                       arg, lo, hi);
    *out = v;
    return 0;
}

static int stage_arg(const char *name, const char *opt, int *out,
                     struct bs_error *err)
{
    int i = bs_stage_find(name);
    if (i < 0)
        return bs_fail(err, "%s: unknown stage \"%s\" (see `broadsheet "
                       "stages`)", opt, name);
    *out = i;
    return 0;
}

/* A --lang value's form: "+"-joined names of letters, digits, '_' and
 * '-' (whether each is installed is checked before the pages run). */
static int lang_arg(const char *lang, struct bs_error *err)
{
    const char *p = lang;

    if (!*p)
        return bs_fail(err, "--lang: empty (give a language, e.g. eng)");
    while (*p) {
        size_t n = strcspn(p, "+");
        if (n == 0)
            return bs_fail(err, "--lang: \"%s\": an empty name between "
                           "'+'", lang);
        for (size_t i = 0; i < n; i++) {
            char c = p[i];
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '_' || c == '-'))
                return bs_fail(err, "--lang: \"%s\" is not a Tesseract "
                               "language list (e.g. eng, chi_sim+eng)", lang);
        }
        p += n;
        if (*p == '+' && !p[1])
            return bs_fail(err, "--lang: \"%s\" ends in '+'", lang);
        if (*p == '+')
            p++;
    }
    return 0;
}

int bs_cli_parse(int argc, char **argv, unsigned command, const char *usage,
                 struct bs_cli *cli, struct bs_error *err)
{
    /* Profile first, then --set on top, whatever their order on the line. */
    const char *profile = NULL, *name = command_name(command);
    const char *sets[64];
    struct option longopts[NOPTIONS + 1];
    char shorts[16];
    int nsets = 0, c, nlong = 0, nshort = 0;
    long long v;

    memset(cli, 0, sizeof(*cli));
    bs_settings_defaults(&cli->settings);
    cli->from = 0;
    cli->to = bs_stage_count - 1;
    cli->max_memory_mb = -1;
    /* getopt sees only this command's options: any other is unknown to
     * it, abbreviations included */
    for (int i = 0; i < NOPTIONS; i++) {
        if (!(options[i].commands & command))
            continue;
        longopts[nlong++] = (struct option){options[i].name,
                                            options[i].has_arg
                                                ? required_argument
                                                : no_argument,
                                            NULL, options[i].val};
        if (options[i].val < 256) {
            shorts[nshort++] = (char)options[i].val;
            if (options[i].has_arg)
                shorts[nshort++] = ':';
        }
    }
    longopts[nlong] = (struct option){NULL, 0, NULL, 0};
    shorts[nshort] = '\0';
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, shorts, longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            cli->out = optarg;
            break;
        case OPT_LANG:
            if (lang_arg(optarg, err) < 0)
                return -1;
            if (strlen(optarg) >= sizeof(cli->settings.lang))
                return bs_fail(err, "--lang: too long");
            strcpy(cli->settings.lang, optarg);
            break;
        case OPT_PROFILE:
            profile = optarg;
            break;
        case OPT_SET:
            if (nsets >= 64)
                return bs_fail(err, "--set: too many");
            sets[nsets++] = optarg;
            break;
        case OPT_FORMATS:
            if (bs_formats_parse(optarg, &cli->settings.formats, err) < 0)
                return -1;
            break;
        case OPT_NO_REPAIR:
            if (bs_repair_kinds_check(optarg, err) < 0)
                return -1;
            if (strlen(cli->settings.repairs_off) + strlen(optarg) + 2 >=
                sizeof(cli->settings.repairs_off))
                return bs_fail(err, "--no-repair: too long");
            if (cli->settings.repairs_off[0])
                strcat(cli->settings.repairs_off, ",");
            strcat(cli->settings.repairs_off, optarg);
            break;
        case OPT_DPI:
            if (parse_long(optarg, "--dpi", 50, 4800, &v, err) < 0)
                return -1;
            cli->settings.dpi = (int)v;
            break;
        case OPT_MAX_PIXELS:
            if (parse_long(optarg, "--max-pixels", 1, 4000000000LL, &v,
                           err) < 0)
                return -1;
            cli->settings.max_pixels = v;
            break;
        case OPT_TESSDATA:
            if (!bs_is_dir(optarg))
                return bs_fail(err, "--tessdata: \"%s\" is not a folder",
                               optarg);
            if (strlen(optarg) >= sizeof(cli->settings.tessdata))
                return bs_fail(err, "--tessdata: too long");
            snprintf(cli->settings.tessdata, sizeof(cli->settings.tessdata),
                     "%s", optarg);
            break;
        case OPT_FROM:
            if (stage_arg(optarg, "--from", &cli->from, err) < 0)
                return -1;
            break;
        case OPT_TO:
            if (stage_arg(optarg, "--to", &cli->to, err) < 0)
                return -1;
            break;
        case 'j':
            if (parse_long(optarg, "--jobs", 1, 256, &v, err) < 0)
                return -1;
            cli->jobs = (int)v;
            break;
        case OPT_FORCE:
            cli->force = 1;
            break;
        case OPT_SHARD: {
            int k, n;
            char tail;
            if (sscanf(optarg, "%d/%d%c", &k, &n, &tail) != 2 || n < 1 ||
                k < 1 || k > n)
                return bs_fail(err, "--shard: expected K/N with 1 <= K <= N, "
                               "got \"%s\"", optarg);
            cli->shard_k = k;
            cli->shard_n = n;
            break;
        }
        case OPT_PAGE_TIMEOUT: {
            char *end;
            double t = strtod(optarg, &end);
            if (end == optarg || *end || !(t > 0 && t < 1e7))
                return bs_fail(err, "--page-timeout: \"%s\" is not a number "
                               "of seconds", optarg);
            cli->page_timeout = t;
            break;
        }
        case OPT_MAX_MEMORY: {
            char *end;
            long long mb;
            errno = 0;
            mb = strtoll(optarg, &end, 10);
            if (*end == 'G' || *end == 'g') {
                mb *= 1024;
                end++;
            } else if (*end == 'M' || *end == 'm') {
                end++;
            }
            if (errno || end == optarg || *end || mb < 0 ||
                mb > (1LL << 30) || (mb > 0 && mb < 64))
                return bs_fail(err, "--max-memory: \"%s\" is not a size in "
                               "MB (64 or more, or 0 for no limit)", optarg);
            cli->max_memory_mb = mb;
            break;
        }
        case 'q':
            cli->quiet = 1;
            break;
        case OPT_HELP:
            printf("usage: broadsheet %s %s\n\noptions:\n",
                   command == BS_CLI_STAGE ? "stage NAME" : name, usage);
            bs_cli_print_options(stdout, command);
            return 1;
        default: {
            const char *bad = argv[optind - 1];
            if (c == ':' || (optopt && optopt < 256 && strchr(shorts, optopt)))
                return bs_fail(err, "option \"%s\" needs a value", bad);
            if (optopt && optopt < 256 && bad[0] == '-' && bad[1] != '-')
                return bs_fail(err, "unknown option -%c (see broadsheet %s "
                               "--help)", optopt, name);
            for (int i = 0; i < NOPTIONS; i++) {
                size_t n = strcspn(bad + 2, "=");
                if (bad[0] == '-' && bad[1] == '-' &&
                    strlen(options[i].name) == n &&
                    strncmp(bad + 2, options[i].name, n) == 0 &&
                    !(options[i].commands & command))
                    return bs_fail(err, "option \"--%s\" does not apply to "
                                   "%s (see broadsheet %s --help)",
                                   options[i].name, name, name);
            }
            return bs_fail(err, "unknown or incomplete option \"%s\" (see "
                           "broadsheet %s --help)", bad, name);
        }
        }
    }
    if (profile &&
        bs_profile_load(&cli->settings.profile, profile, err) < 0)
        return -1;
    for (int i = 0; i < nsets; i++)
        if (bs_profile_set(&cli->settings.profile, sets[i], "--set", err) < 0)
            return -1;
    if (cli->from > cli->to)
        return bs_fail(err, "--from %s comes after --to %s",
                       bs_stage_table[cli->from]->name,
                       bs_stage_table[cli->to]->name);
    cli->inputs = argv + optind;
    cli->ninputs = argc - optind;
    return 0;
}
