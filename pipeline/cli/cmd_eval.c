/*
 * cmd_eval.c - `broadsheet eval OUT GT`: scores output page folders against
 * ground truth, prints a table, writes --json / --html, and turns missed
 * thresholds into exit code 1 for CI gates.
 *
 * Pairing: OUT is one page folder (it holds articles.json), a batch folder
 * of page folders at any depth (page id = the folder's path below OUT), or
 * a file of plain page text (another engine's output, scored on the page
 * level only, like a page folder).  GT is one truth (a file, a folder of
 * per-article .txt files, a page folder) or a folder of truth files and
 * page folders, matched to output pages by page id = the truth's path below
 * GT without its extension.  A truth whose page has no articles.json (the
 * page failed), or no folder at all while a manifest of OUT names the page
 * (it failed before it had one), is scored against an empty output: all
 * its articles missed.  Truths of pages OUT never heard of are listed and
 * not scored.
 */
#include "cli.h"

#include "../base/base.h"
#include "../batch/batch.h"
#include "../eval/eval.h"
#include "../model/model.h"

#include <dirent.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: broadsheet eval [options] OUT GT\n"
    "\n"
    "Scores broadsheet output against ground truth.  OUT: a page folder, a\n"
    "batch folder of page folders (at any depth), or a file of plain page\n"
    "text (another engine's output: page scores only).  GT: articles.json-\n"
    "schema file, PAGE XML, plain page text (.txt), a folder of per-article\n"
    ".txt files (any names), or a folder of such truths matched to pages by\n"
    "path (GT/1912-01-01/0001.json is page 1912-01-01/0001).  Page scores\n"
    "compare whole page texts (fulltext.txt) when the truth has one.  Truth\n"
    "of a page that failed (a manifest of OUT names it) counts as every\n"
    "article missed.\n"
    "\n"
    "options:\n"
    "  --json FILE              write the full results as JSON (- for standard\n"
    "                           output, then without the table)\n"
    "  --html FILE              write a self-contained HTML report (- too)\n"
    "  --articles               list every article in the table (default for\n"
    "                           a single page)\n"
    "  --match-cer X            an article is found when paired with CER < X\n"
    "                           (default 0.25)\n"
    "  --no-fca                 skip the flexible character accuracy\n"
    "  --fold                   compare with full-width ASCII, ligatures and\n"
    "                           long s folded (truth in modern letter forms)\n"
    "  -q, --quiet              no table\n"
    "thresholds (exit code 1 when missed; a metric that is not defined\n"
    "misses its threshold):\n"
    "  --max-cer X              article CER (run total)\n"
    "  --max-wer X              article WER\n"
    "  --max-page-cer X         page CER in reading order\n"
    "  --max-page-wer X         page WER in reading order\n"
    "  --max-page-bow X         page bag-of-words error (order-free)\n"
    "  --min-fca X              flexible character accuracy\n"
    "  --min-precision X        article precision\n"
    "  --min-recall X           article recall\n"
    "  --min-f1 X               article F1\n"
    "  --min-headline-accuracy X\n"
    "Exit codes: 0 scored and every threshold met, 1 a threshold missed or bad\n"
    "input, 2 usage error.\n";

enum {
    OPT_JSON = 256, OPT_HTML, OPT_ARTICLES, OPT_MATCH, OPT_NOFCA, OPT_FOLD,
    OPT_TH_FIRST,
};

/* The thresholds: one table line each. */
struct threshold {
    const char *flag;      /* option name */
    const char *label;     /* for messages */
    const char *key;       /* summary key in the JSON */
    int is_max;            /* 1: value must be <= limit */
};

static const struct threshold thresholds[] = {
    {"max-cer", "article CER", "article_cer", 1},
    {"max-wer", "article WER", "article_wer", 1},
    {"max-page-cer", "page CER", "page_cer", 1},
    {"max-page-wer", "page WER", "page_wer", 1},
    {"max-page-bow", "page bag-of-words error", "page_bow", 1},
    {"min-fca", "flexible character accuracy", "fca", 0},
    {"min-precision", "article precision", "precision", 0},
    {"min-recall", "article recall", "recall", 0},
    {"min-f1", "article F1", "f1", 0},
    {"min-headline-accuracy", "headline accuracy", "headline_accuracy", 0},
};
#define NTHRESHOLDS ((int)(sizeof(thresholds) / sizeof(thresholds[0])))

static int parse_num(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);

    if (end == s || *end || !isfinite(v) || v < 0)
        return -1;
    *out = v;
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sub-folder names of dir, sorted; each malloc'd. */
static int list_dir(const char *dir, char ***names, int *n, int dirs_only)
{
    DIR *dp = opendir(dir);
    struct dirent *e;
    int cap = 0;

    *names = NULL;
    *n = 0;
    if (!dp)
        return -1;
    while ((e = readdir(dp))) {
        char *p;
        int isdir;
        if (e->d_name[0] == '.')
            continue;
        p = bs_path_join(dir, e->d_name);
        isdir = bs_is_dir(p);
        free(p);
        if (dirs_only && !isdir)
            continue;
        bs_grow((void **)names, &cap, *n + 1, sizeof(**names));
        (*names)[(*n)++] = bs_strdup(e->d_name);
    }
    closedir(dp);
    if (*n)
        qsort(*names, (size_t)*n, sizeof(**names), name_cmp);
    return 0;
}

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* A truth source found in a GT folder. */
struct truth {
    char *key;      /* page id it belongs to */
    char *path;
    int rank;       /* lower wins when two sources share a key */
};

/* The page folders of an output folder: ids and folders, in path order. */
struct pages {
    char **ids, **dirs;
    int n, cap;
};

static int truth_rank(const char *name)
{
    size_t n = strlen(name);

    if (n > 5 && strcmp(name + n - 5, ".json") == 0)
        return 0;
    if (strstr(name, ".articles.") != NULL)
        return 1;
    if (n > 4 && strcmp(name + n - 4, ".xml") == 0)
        return 2;
    return 3;
}

static int has_entry(const char *dir, const char *name, int want_dir)
{
    char *p = bs_path_join(dir, name);
    int yes = want_dir ? bs_is_dir(p) : bs_is_file(p);

    free(p);
    return yes;
}

/* A page folder of ours (or a truth laid out like one). */
static int is_page_like(const char *dir)
{
    return has_entry(dir, "articles.json", 0) || has_entry(dir, "articles", 1);
}

static int page_known(const struct pages *pg, const char *id)
{
    for (int i = 0; pg && i < pg->n; i++)
        if (strcmp(pg->ids[i], id) == 0)
            return 1;
    return 0;
}

/* True when a page id of `pg` starts with `rel` + '/' (a truth folder
 * holding truths of several pages, e.g. an issue's). */
static int page_below(const struct pages *pg, const char *rel)
{
    size_t n = strlen(rel);

    for (int i = 0; pg && i < pg->n; i++)
        if (strncmp(pg->ids[i], rel, n) == 0 && pg->ids[i][n] == '/')
            return 1;
    return 0;
}

/* True when dir is one truth by itself: a page folder, an articles/ holder
 * or a folder of per-article .txt files with any names, and not a folder
 * of truths of several pages (one named like a page in `pg`). */
static int is_single_truth_dir(const char *dir, const struct pages *pg)
{
    char **names;
    int n, txt = 0, other = 0;

    if (is_page_like(dir))
        return 1;
    if (list_dir(dir, &names, &n, 0) < 0)
        return 0;
    for (int i = 0; i < n; i++) {
        const char *s = names[i];
        size_t len = strlen(s);
        char *stem = bs_gt_stem(s);
        int is_dir = has_entry(dir, s, 1);
        if (page_known(pg, stem) || (is_dir && page_below(pg, s)))
            other++; /* the truth of a page of OUT, by name */
        else if (!is_dir && len > 4 && strcmp(s + len - 4, ".txt") == 0)
            txt++;
        else if (bs_gt_is_truth_name(s) || is_dir)
            other++;
        free(stem);
    }
    free_names(names, n);
    return txt > 0 && other == 0;
}

static void add_truth(struct truth **out, int *nout, int *cap, char *key,
                      char *path, int rank)
{
    for (int k = 0; k < *nout; k++)
        if (strcmp((*out)[k].key, key) == 0) {
            if (rank < (*out)[k].rank) {
                free((*out)[k].path);
                (*out)[k].path = path;
                (*out)[k].rank = rank;
            } else {
                free(path);
            }
            free(key);
            return;
        }
    bs_grow((void **)out, cap, *nout + 1, sizeof(**out));
    (*out)[*nout].key = key;
    (*out)[*nout].path = path;
    (*out)[*nout].rank = rank;
    (*nout)++;
}

/* The truths in GT folder `dir` (`rel` below the GT given), keyed by page
 * id = the path below GT without the extension ("1912-01-01/0001" for
 * GT/1912-01-01/0001.json); a sub-folder is one page's truth when it is
 * laid out like a page folder or holds only per-article .txt files and is
 * named like a page of OUT, else it is searched. */
static void collect_in(const char *dir, const char *rel, const struct pages *pg,
                       struct truth **out, int *nout, int *cap, int depth)
{
    char **names;
    int n;

    if (depth > 32 || list_dir(dir, &names, &n, 0) < 0)
        return;
    for (int i = 0; i < n; i++) {
        char *path = bs_path_join(dir, names[i]);
        char *subrel = rel[0] ? bs_path_join(rel, names[i])
                              : bs_strdup(names[i]);
        if (bs_is_dir(path)) {
            if (is_page_like(path) ||
                (page_known(pg, subrel) && !page_below(pg, subrel) &&
                 is_single_truth_dir(path, pg))) {
                add_truth(out, nout, cap, bs_strdup(subrel), path, 0);
                path = NULL;
            } else {
                collect_in(path, subrel, pg, out, nout, cap, depth + 1);
            }
        } else if (bs_gt_is_truth_name(names[i]) &&
                   strncmp(names[i], "README", 6) != 0 &&
                   strncmp(names[i], "LICENSE", 7) != 0) {
            char *stem = bs_gt_stem(names[i]);
            char *key = rel[0] ? bs_path_join(rel, stem) : bs_strdup(stem);
            free(stem);
            add_truth(out, nout, cap, key, path, truth_rank(names[i]));
            path = NULL;
        }
        free(subrel);
        free(path);
    }
    free_names(names, n);
}

static void collect_truths(const char *dir, const struct pages *pg,
                           struct truth **out, int *nout)
{
    int cap = 0;

    *out = NULL;
    *nout = 0;
    collect_in(dir, "", pg, out, nout, &cap, 0);
}

/* An empty output doc for a page that failed or never ran. */
static struct bs_doc *empty_output(const char *id, const char *dir)
{
    struct bs_page *page = bs_page_new();
    struct bs_doc *d;

    page->id = bs_strdup(id);
    d = bs_doc_from_page(page, dir);
    bs_page_free(&page);
    return d;
}

/* Loads and scores one output page folder (NULL: the page has no folder)
 * against one truth path.  A page without articles.json counts as every
 * truth article missed. */
static int eval_one(struct bs_eval_run *run, const char *page_dir,
                    const char *page_id, const char *truth_path,
                    struct bs_error *err)
{
    struct bs_doc *gt = NULL, *pred = NULL;
    int missing = !page_dir || !has_entry(page_dir, "articles.json", 0);

    if (bs_gt_load(truth_path, &gt, err) < 0)
        return -1;
    if (missing) {
        pred = empty_output(page_id, page_dir ? page_dir : "");
    } else if (bs_doc_load_output(page_dir, &pred, err) < 0) {
        bs_doc_free(&gt);
        return -1;
    }
    /* the page is named by its folder */
    free(pred->id);
    pred->id = bs_strdup(page_id);
    bs_eval_add_page(run, gt, pred, missing);
    return 0;
}

/* Scores a file of plain page text (another engine's) against one truth. */
static int eval_text(struct bs_eval_run *run, const char *text_path,
                     const char *truth_path, struct bs_error *err)
{
    struct bs_doc *gt = NULL, *pred = NULL;

    if (bs_gt_load(truth_path, &gt, err) < 0)
        return -1;
    if (bs_doc_load_text(text_path, &pred, err) < 0) {
        bs_doc_free(&gt);
        return -1;
    }
    /* the page is the truth's ("page.txt" says nothing) */
    free(pred->id);
    pred->id = bs_strdup(gt->id);
    bs_eval_add_page(run, gt, pred, 0);
    return 0;
}

static const char *base_of(const char *path, char *buf, size_t size)
{
    size_t n = strlen(path);
    const char *s;

    while (n > 1 && path[n - 1] == '/')
        n--;
    snprintf(buf, size, "%.*s", (int)n, path);
    s = strrchr(buf, '/');
    return s ? s + 1 : buf;
}

/* Page folders: a folder with an articles.json or a stage artifact (a
 * failed page still has its folder). */
static int is_out_page(void *ctx, const char *dir)
{
    (void)ctx;
    return has_entry(dir, "articles.json", 0) ||
           has_entry(dir, "model.load.json", 0) ||
           has_entry(dir, "image.png", 0);
}

static void out_page_found(void *ctx, const char *dir, const char *rel)
{
    struct pages *pg = ctx;

    if (!rel[0])
        return;
    bs_grow((void **)&pg->ids, &pg->cap, pg->n + 1, sizeof(*pg->ids));
    pg->dirs = bs_realloc(pg->dirs, (size_t)pg->cap * sizeof(*pg->dirs));
    pg->ids[pg->n] = bs_strdup(rel);
    pg->dirs[pg->n] = bs_strdup(dir);
    pg->n++;
}

/* The id a single page folder goes by: the one its articles.json records
 * when the folder sits where that id puts it, else its name. */
static char *single_page_id(const char *out)
{
    char buf[4096], *aj = bs_path_join(out, "articles.json"), *id = NULL;
    struct bs_page *page = NULL;

    if (bs_articles_load(aj, &page, NULL) == 0 && page->id && page->id[0]) {
        size_t n = strlen(out), k = strlen(page->id);
        while (n > 1 && out[n - 1] == '/')
            n--;
        if ((n == k && strncmp(out, page->id, k) == 0) ||
            (n > k && out[n - k - 1] == '/' &&
             strncmp(out + n - k, page->id, k) == 0))
            id = bs_strdup(page->id);
    }
    bs_page_free(&page);
    free(aj);
    return id ? id : bs_strdup(base_of(out, buf, sizeof(buf)));
}

struct manifest_probe {
    const char *id;
    int found;
};

static void probe_line(void *ctx, const struct bs_manifest_line *l)
{
    struct manifest_probe *p = ctx;

    p->found |= strcmp(l->id, p->id) == 0;
}

/* True when a manifest of OUT has a line for page `id`. */
static int manifest_has(const char *out, const char *id)
{
    struct manifest_probe p = {id, 0};
    char **names;
    int n;

    if (bs_list_dir(out, &names, &n, NULL) < 0)
        return 0;
    for (int i = 0; i < n && !p.found; i++)
        if (bs_is_manifest_name(names[i])) {
            char *path = bs_path_join(out, names[i]);
            bs_manifest_read(path, probe_line, &p, NULL);
            free(path);
        }
    bs_free_names(names, n);
    return p.found;
}

/* Fills run with the pages of OUT paired with GT. */
static int gather(struct bs_eval_run *run, const char *out, const char *gt,
                  struct bs_error *err)
{
    int single_out, rc = -1;
    struct pages pg = {0};
    struct truth *truths = NULL;
    int ntruths = 0, single_truth, unrun = 0;

    if (!bs_is_dir(gt) && !bs_is_file(gt))
        return bs_fail(err, "%s: no such ground-truth file or folder", gt);
    if (bs_is_file(out)) {
        /* plain text: the truth itself, or the one named like the file */
        char *stem = bs_gt_stem(out), *truth_path = NULL;
        if (bs_is_file(gt) || is_single_truth_dir(gt, NULL)) {
            truth_path = bs_strdup(gt);
        } else {
            collect_truths(gt, NULL, &truths, &ntruths);
            for (int k = 0; k < ntruths; k++)
                if (strcmp(truths[k].key, stem) == 0)
                    truth_path = bs_strdup(truths[k].path);
        }
        if (truth_path)
            rc = eval_text(run, out, truth_path, err);
        else
            bs_fail(err, "%s: no ground truth for page \"%s\" (want %s/%s.json, "
                    ".xml or .txt)", gt, stem, gt, stem);
        free(truth_path);
        free(stem);
        goto done;
    }
    if (!bs_is_dir(out))
        return bs_fail(err, "%s: no such output folder or text file", out);
    single_out = has_entry(out, "articles.json", 0);
    if (single_out) {
        char *id = single_page_id(out);
        bs_grow((void **)&pg.ids, &pg.cap, 1, sizeof(*pg.ids));
        pg.dirs = bs_realloc(pg.dirs, (size_t)pg.cap * sizeof(*pg.dirs));
        pg.ids[0] = id;
        pg.dirs[0] = bs_strdup(out);
        pg.n = 1;
    } else {
        bs_walk_leaf_dirs(out, is_out_page, out_page_found, &pg);
        if (pg.n == 0) {
            bs_fail(err, "%s: no page folders (no articles.json in it or "
                    "below it)", out);
            goto done;
        }
    }
    single_truth = bs_is_file(gt) || is_single_truth_dir(gt, &pg);
    if (single_truth) {
        /* one truth: the page named like the truth, or the only page */
        struct bs_doc *probe = NULL;
        char *stem = bs_gt_stem(gt);
        int pick = -1;
        if (bs_gt_load(gt, &probe, err) < 0) {
            free(stem);
            goto done;
        }
        for (int i = 0; i < pg.n; i++) {
            const char *b = strrchr(pg.ids[i], '/');
            b = b ? b + 1 : pg.ids[i];
            if (strcmp(pg.ids[i], probe->id) == 0 || strcmp(b, stem) == 0)
                pick = i;
        }
        if (pick < 0 && pg.n == 1)
            pick = 0;
        bs_doc_free(&probe);
        free(stem);
        if (pick < 0) {
            bs_fail(err, "%s: no page folder in %s is named like this truth",
                    gt, out);
            goto done;
        }
        rc = eval_one(run, pg.dirs[pick], pg.ids[pick], gt, err);
        goto done;
    }
    collect_truths(gt, &pg, &truths, &ntruths);
    if (single_out) {
        /* one page: its truth by its id, or by its folder's name */
        char buf[4096];
        const char *name = base_of(out, buf, sizeof(buf));
        int k, pick = -1;
        for (k = 0; k < ntruths; k++)
            if (strcmp(truths[k].key, pg.ids[0]) == 0 ||
                (pick < 0 && strcmp(truths[k].key, name) == 0))
                pick = k;
        if (pick < 0) {
            bs_fail(err, "%s: no ground truth for page \"%s\" (want %s/%s.json, "
                    ".xml, .txt or %s/)", gt, pg.ids[0], gt, pg.ids[0],
                    pg.ids[0]);
            goto done;
        }
        rc = eval_one(run, out, pg.ids[0], truths[pick].path, err);
        goto done;
    }
    for (int i = 0; i < pg.n; i++) {
        int k;
        for (k = 0; k < ntruths; k++)
            if (strcmp(truths[k].key, pg.ids[i]) == 0)
                break;
        if (k == ntruths) {
            fprintf(stderr, "eval: %s/%s: no ground truth in %s, not scored\n",
                    out, pg.ids[i], gt);
            continue;
        }
        if (eval_one(run, pg.dirs[i], pg.ids[i], truths[k].path, err) < 0)
            goto done;
    }
    /* Truths of pages the run had (a manifest of OUT names them) but that
     * have no folder (the page failed before it had one): every article
     * missed, so a QA gate never passes on a page that failed.  Truths of
     * pages OUT never heard of (a sample of a larger truth set) are listed
     * and not scored. */
    for (int k = 0; k < ntruths; k++) {
        if (page_known(&pg, truths[k].key))
            continue;
        if (manifest_has(out, truths[k].key)) {
            if (eval_one(run, NULL, truths[k].key, truths[k].path, err) < 0)
                goto done;
            fprintf(stderr, "eval: %s/%s: the page failed (no output): "
                    "every article of its truth missed\n", out, truths[k].key);
            continue;
        }
        fprintf(stderr, "%s%s", unrun++ ? ", " : "eval: truths of pages not "
                "in OUT (no page folder, no manifest line), not scored: ",
                truths[k].key);
    }
    if (unrun)
        fprintf(stderr, "\n");
    if (run->npages == 0) {
        bs_fail(err, "%s: no truth in %s matches a page of %s (pages are matched "
                "by folder path = truth file path without its extension)",
                gt, gt, out);
        goto done;
    }
    rc = 0;
done:
    free_names(pg.ids, pg.n);
    free_names(pg.dirs, pg.n);
    for (int k = 0; k < ntruths; k++) {
        free(truths[k].key);
        free(truths[k].path);
    }
    free(truths);
    return rc;
}

/* ---- terminal table ------------------------------------------------------ */

static void cell(double v, int width)
{
    if (isnan(v))
        printf(" %*s", width, "-");
    else
        printf(" %*.4f", width, v);
}

static double num(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    return json_is_number(v) ? json_number_value(v) : NAN;
}

static void table_row(const char *name, json_t *m)
{
    char arts[32], head[32];

    snprintf(arts, sizeof(arts), "%d/%d/%d",
             (int)json_integer_value(json_object_get(m, "articles_found")),
             (int)json_integer_value(json_object_get(m, "articles_truth")),
             (int)json_integer_value(json_object_get(m, "articles_output")));
    snprintf(head, sizeof(head), "%d/%d",
             (int)json_integer_value(json_object_get(m, "headlines_correct")),
             (int)json_integer_value(json_object_get(m, "headlines_scored")));
    printf("%-24.24s %-12s", name, arts);
    cell(num(m, "precision"), 6);
    cell(num(m, "recall"), 6);
    cell(num(m, "f1"), 6);
    printf(" %7s", head);
    cell(num(m, "article_cer"), 7);
    cell(num(m, "article_wer"), 7);
    cell(num(m, "page_cer"), 7);
    cell(num(m, "page_bow"), 7);
    cell(num(m, "fca"), 6);
    printf("\n");
}

static void print_table(json_t *report, int articles)
{
    json_t *pages = json_object_get(report, "pages"), *pg, *sum;
    size_t i;

    printf("%-24s %-12s %6s %6s %6s %7s %7s %7s %7s %7s %6s\n", "page",
           "found/gt/out", "prec", "recall", "F1", "heads", "artCER", "artWER",
           "pageCER", "pageBoW", "FCA");
    json_array_foreach(pages, i, pg) {
        table_row(json_string_value(json_object_get(pg, "id")), pg);
        if (json_is_true(json_object_get(pg, "missing_output")))
            printf("  (no output: the page failed)\n");
        if (articles) {
            json_t *arts = json_object_get(pg, "articles"), *a;
            size_t k;
            json_array_foreach(arts, k, a) {
                const char *t = json_string_value(json_object_get(a, "truth"));
                const char *o = json_string_value(json_object_get(a, "output"));
                json_t *h = json_object_get(a, "headline_ok");
                printf("  %-6s -> %-6s %-9s", t ? t : "-", o ? o : "-",
                       json_is_true(json_object_get(a, "found")) ? "found"
                       : !t ? "invented" : o ? "weak" : "missed");
                printf(" CER");
                cell(num(a, "cer"), 7);
                printf("  WER");
                cell(num(a, "wer"), 7);
                printf("  FCA");
                cell(num(a, "fca"), 7);
                printf("  headline %s\n", json_is_null(h) ? "-" : json_is_true(h) ? "ok" : "wrong");
            }
        }
    }
    sum = json_object_get(report, "summary");
    if (json_array_size(pages) > 1)
        table_row("TOTAL", sum);
    {
        json_t *rep = json_object_get(sum, "repairs"), *v;
        const char *k;
        if (json_object_size(rep)) {
            printf("repairs:");
            json_object_foreach(rep, k, v)
                printf(" %s=%d", k, (int)json_integer_value(v));
            printf("\n");
        }
    }
    if (json_is_true(json_object_get(sum, "approximate")))
        printf("note: some texts were too long for an exact edit distance; "
               "their errors are upper bounds\n");
}

/* ---- the command ----------------------------------------------------------- */

int bs_cmd_eval(int argc, char **argv)
{
    struct option longopts[8 + NTHRESHOLDS + 1];
    double limits[NTHRESHOLDS];
    int set_limits[NTHRESHOLDS] = {0};
    const char *json_path = NULL, *html_path = NULL;
    int articles = -1, quiet = 0, c, rc = BS_EXIT_FAILED, missed = 0;
    struct bs_eval_run run;
    struct bs_error err = {{0}};
    json_t *report = NULL;

    memset(&run, 0, sizeof(run));
    run.opts.match_cer = BS_EVAL_MATCH_CER;
    {
        int k = 0;
        longopts[k++] = (struct option){"json", required_argument, NULL, OPT_JSON};
        longopts[k++] = (struct option){"html", required_argument, NULL, OPT_HTML};
        longopts[k++] = (struct option){"articles", no_argument, NULL, OPT_ARTICLES};
        longopts[k++] = (struct option){"match-cer", required_argument, NULL, OPT_MATCH};
        longopts[k++] = (struct option){"no-fca", no_argument, NULL, OPT_NOFCA};
        longopts[k++] = (struct option){"fold", no_argument, NULL, OPT_FOLD};
        longopts[k++] = (struct option){"quiet", no_argument, NULL, 'q'};
        longopts[k++] = (struct option){"help", no_argument, NULL, 'h'};
        for (int t = 0; t < NTHRESHOLDS; t++)
            longopts[k++] = (struct option){thresholds[t].flag, required_argument,
                                            NULL, OPT_TH_FIRST + t};
        longopts[k] = (struct option){NULL, 0, NULL, 0};
    }
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_JSON:
            json_path = optarg;
            break;
        case OPT_HTML:
            html_path = optarg;
            break;
        case OPT_ARTICLES:
            articles = 1;
            break;
        case OPT_MATCH:
            if (parse_num(optarg, &run.opts.match_cer) < 0 || run.opts.match_cer > 1) {
                fprintf(stderr, "broadsheet eval: --match-cer wants a number in "
                        "0..1, not \"%s\"\n", optarg);
                return BS_EXIT_USAGE;
            }
            break;
        case OPT_NOFCA:
            run.opts.no_fca = 1;
            break;
        case OPT_FOLD:
            run.opts.fold = 1;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            fputs(usage, stdout);
            return BS_EXIT_OK;
        default:
            if (c >= OPT_TH_FIRST && c < OPT_TH_FIRST + NTHRESHOLDS) {
                int t = c - OPT_TH_FIRST;
                if (parse_num(optarg, &limits[t]) < 0) {
                    fprintf(stderr, "broadsheet eval: --%s wants a number >= 0, "
                            "not \"%s\"\n", thresholds[t].flag, optarg);
                    return BS_EXIT_USAGE;
                }
                set_limits[t] = 1;
                break;
            }
            fprintf(stderr, "broadsheet eval: unknown or incomplete option \"%s\" "
                    "(see broadsheet eval --help)\n", argv[optind - 1]);
            return BS_EXIT_USAGE;
        }
    }
    if (argc - optind != 2) {
        fprintf(stderr, "broadsheet eval: want OUT and GT (see broadsheet eval "
                "--help)\n");
        return BS_EXIT_USAGE;
    }
    if (gather(&run, argv[optind], argv[optind + 1], &err) < 0) {
        fprintf(stderr, "broadsheet eval: %s\n", err.msg);
        goto done;
    }
    report = bs_eval_to_json(&run);
    if (articles < 0)
        articles = run.npages == 1;
    {
        json_t *sum = json_object_get(report, "summary"), *list = json_array();
        for (int t = 0; t < NTHRESHOLDS; t++) {
            double v;
            int ok;
            if (!set_limits[t])
                continue;
            v = num(sum, thresholds[t].key);
            ok = !isnan(v) && (thresholds[t].is_max ? v <= limits[t] : v >= limits[t]);
            json_array_append_new(list, json_pack("{s:s, s:o, s:o, s:b}", "name",
                                                  thresholds[t].flag, "limit",
                                                  bs_eval_num(limits[t]), "value",
                                                  bs_eval_num(v), "ok", ok));
            if (!ok) {
                missed++;
                if (isnan(v))
                    fprintf(stderr, "eval: threshold missed: %s is not defined "
                            "here (--%s %g)\n", thresholds[t].label,
                            thresholds[t].flag, limits[t]);
                else
                    fprintf(stderr, "eval: threshold missed: %s %.4f %s %g "
                            "(--%s)\n", thresholds[t].label, v,
                            thresholds[t].is_max ? ">" : "<", limits[t],
                            thresholds[t].flag);
            }
        }
        json_object_set_new(report, "thresholds", list);
        json_object_set_new(report, "passed", json_boolean(missed == 0));
    }
    /* A report written to standard output ("-") is not mixed with the
     * table. */
    if (!quiet && !(json_path && strcmp(json_path, "-") == 0) &&
        !(html_path && strcmp(html_path, "-") == 0))
        print_table(report, articles);
    if (json_path && bs_json_save_file(report, json_path, &err) < 0) {
        fprintf(stderr, "broadsheet eval: %s\n", err.msg);
        goto done;
    }
    if (html_path && bs_eval_write_html(&run, report, html_path, &err) < 0) {
        fprintf(stderr, "broadsheet eval: %s\n", err.msg);
        goto done;
    }
    rc = missed ? BS_EXIT_FAILED : BS_EXIT_OK;
done:
    json_decref(report);
    bs_eval_run_release(&run);
    return rc;
}
