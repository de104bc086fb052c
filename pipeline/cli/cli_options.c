/*
 * cli_options.c - the options `run` and `stage` share, driven by one table.
 */
#include "cli.h"

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

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"lang", required_argument, NULL, OPT_LANG},
    {"profile", required_argument, NULL, OPT_PROFILE},
    {"set", required_argument, NULL, OPT_SET},
    {"formats", required_argument, NULL, OPT_FORMATS},
    {"no-repair", required_argument, NULL, OPT_NO_REPAIR},
    {"dpi", required_argument, NULL, OPT_DPI},
    {"max-pixels", required_argument, NULL, OPT_MAX_PIXELS},
    {"tessdata", required_argument, NULL, OPT_TESSDATA},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"jobs", required_argument, NULL, 'j'},
    {"force", no_argument, NULL, OPT_FORCE},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"page-timeout", required_argument, NULL, OPT_PAGE_TIMEOUT},
    {"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

void bs_cli_print_options(FILE *fp)
{
    fputs(
        "  -o, --output OUT       output folder (one sub-folder per page)\n"
        "      --lang LANGS       Tesseract languages: eng, chi_sim, "
        "chi_sim+eng, deu, frk...\n"
        "                         (default: the page's own, else eng)\n"
        "      --profile NAME     newspaper profile: models/profiles/NAME.json "
        "or a path\n"
        "      --set NAME=VALUE   override one profile setting (see "
        "`broadsheet profile`)\n"
        "      --formats LIST     txt,json,alto,page,hocr,mets or all "
        "(default txt,json)\n"
        "      --no-repair KINDS  switch repair kinds off: overlap,columns,"
        "doubled,spacing,punct,join,all\n"
        "      --dpi N            resolution of the scans when the files "
        "do not say\n"
        "      --max-pixels N     refuse larger images (default 250000000)\n"
        "      --tessdata DIR     Tesseract data folder\n"
        "      --from STAGE       start at this stage (inputs are page "
        "folders or OUT)\n"
        "      --to STAGE         stop after this stage\n"
        "  -j, --jobs N           pages in parallel (default: number of "
        "cores)\n"
        "      --force            redo pages whose outputs are up to date\n"
        "      --shard K/N        process only shard K of N (by page id)\n"
        "      --page-timeout S   give up on a page after S seconds\n"
        "      --max-memory MB    stop a page whose worker holds more memory "
        "(M or G\n"
        "                         suffix; 0: no limit; default: 3/4 of the "
        "machine's\n"
        "                         memory shared among the workers)\n"
        "  -q, --quiet            no progress output\n"
        "      --help             this help\n",
        fp);
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

int bs_cli_parse(int argc, char **argv, const char *command,
                 const char *usage, struct bs_cli *cli, struct bs_error *err)
{
    /* Profile first, then --set on top, whatever their order on the line. */
    const char *profile = NULL;
    const char *sets[64];
    int nsets = 0, c;
    long long v;

    memset(cli, 0, sizeof(*cli));
    bs_settings_defaults(&cli->settings);
    cli->from = 0;
    cli->to = bs_stage_count - 1;
    cli->max_memory_mb = -1;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "o:j:q", long_options, NULL)) != -1) {
        switch (c) {
        case 'o':
            cli->out = optarg;
            break;
        case OPT_LANG:
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
            printf("usage: broadsheet %s %s\n\noptions:\n", command, usage);
            bs_cli_print_options(stdout);
            return 1;
        default:
            if (optopt && optopt < 256)
                return bs_fail(err, "%s: unknown option -%c", command, optopt);
            return bs_fail(err, "%s: unknown or incomplete option \"%s\"",
                           command, argv[optind - 1]);
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
