/*
 * runner.c - runs a range of stages on one page folder, with artifacts
 * between them and a timing record.
 */
#include "run.h"

#include "../base/base.h"
#include "../image/image.h"
#include "../model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

char *bs_run_path(const struct bs_run *run, const char *name)
{
    return bs_path_join(run->dir, name);
}

char *bs_model_name(const char *stage)
{
    return bs_sprintf("model.%s.json", stage);
}

PIX *bs_run_image(struct bs_run *run, const char *name, struct bs_error *err)
{
    char *path;
    PIX *pix;
    int i;

    for (i = 0; i < BS_RUN_MAX_IMAGES; i++)
        if (run->images[i].pix && strcmp(run->images[i].name, name) == 0)
            return run->images[i].pix;
    path = bs_run_path(run, name);
    if (bs_image_read_artifact(path, run->settings->max_pixels, &pix,
                               err) < 0) {
        free(path);
        return NULL;
    }
    free(path);
    for (i = 0; i < BS_RUN_MAX_IMAGES; i++) {
        if (!run->images[i].pix) {
            snprintf(run->images[i].name, sizeof(run->images[i].name), "%s",
                     name);
            run->images[i].pix = pix;
            return pix;
        }
    }
    pixDestroy(&pix);
    bs_fail(err, "%s: too many images cached for one page", name);
    return NULL;
}

/* Caches pix under name, replacing an earlier image of that name; takes
 * ownership of pix. */
static void cache_image(struct bs_run *run, const char *name, PIX *pix)
{
    int i;

    for (i = 0; i < BS_RUN_MAX_IMAGES; i++) {
        if (run->images[i].pix && strcmp(run->images[i].name, name) == 0) {
            pixDestroy(&run->images[i].pix);
            run->images[i].pix = pix;
            return;
        }
    }
    for (i = 0; i < BS_RUN_MAX_IMAGES; i++) {
        if (!run->images[i].pix) {
            snprintf(run->images[i].name, sizeof(run->images[i].name), "%s",
                     name);
            run->images[i].pix = pix;
            return;
        }
    }
    pixDestroy(&pix);
}

/* After artifact `name` was written (rc 0) or not (rc < 0): the run keeps
 * pix for later stages, or lets it go. */
static int keep_written(struct bs_run *run, const char *name, PIX *pix,
                        int rc)
{
    if (rc < 0) {
        pixDestroy(&pix);
        return -1;
    }
    cache_image(run, name, pix);
    return 0;
}

int bs_run_put_image(struct bs_run *run, const char *name, PIX *pix,
                     struct bs_error *err)
{
    char *path = bs_run_path(run, name);
    int rc = bs_image_write_png(path, pix, err);

    free(path);
    return keep_written(run, name, pix, rc);
}

int bs_run_put_image_copy(struct bs_run *run, const char *name,
                          const char *from, PIX *pix, struct bs_error *err)
{
    char *to = bs_run_path(run, name);
    int rc = bs_copy_atomic(from, to, err);

    free(to);
    return keep_written(run, name, pix, rc);
}

void bs_run_forget_image(struct bs_run *run, const char *name)
{
    for (int i = 0; i < BS_RUN_MAX_IMAGES; i++)
        if (run->images[i].pix && strcmp(run->images[i].name, name) == 0)
            pixDestroy(&run->images[i].pix);
}

void bs_run_release(struct bs_run *run)
{
    for (int i = 0; i < BS_RUN_MAX_IMAGES; i++)
        pixDestroy(&run->images[i].pix);
}

/* Frees the cached images no stage after `last` (up to `to`) names in its
 * `reads`: a broadsheet page is 16 MB per 8-bit image, and holding the
 * scan through OCR would raise the peak memory by that much.  A stage that
 * reads an image after all gets it again from the page folder. */
static void drop_unread_images(struct bs_run *run, int last, int to)
{
    for (int i = 0; i < BS_RUN_MAX_IMAGES; i++) {
        int wanted = 0;
        if (!run->images[i].pix)
            continue;
        for (int j = last + 1; j <= to && !wanted; j++)
            wanted = strstr(bs_stage_table[j]->reads,
                            run->images[i].name) != NULL;
        if (!wanted)
            pixDestroy(&run->images[i].pix);
    }
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* timing.json: wall and CPU seconds per stage of the last run, for
 * `make bench` and operators wondering where the time went. */
static int write_timing(struct bs_run *run, int from, int to,
                        const double *cpu, struct bs_error *err)
{
    json_t *root = json_object(), *stages = json_array();
    char *path = bs_run_path(run, "timing.json");
    int rc;

    for (int i = from; i <= to; i++)
        json_array_append_new(
            stages, json_pack("{s:s, s:f, s:f}", "stage",
                              bs_stage_table[i]->name, "wall_s",
                              run->seconds[i], "cpu_s", cpu[i]));
    json_object_set_new(root, "stages", stages);
    rc = bs_json_save_file(root, path, err);
    json_decref(root);
    free(path);
    return rc;
}

/* Names in run->stale the stages after `to` whose record is older than
 * what this run made: they were made from an artifact it replaced. */
static void note_stale(struct bs_run *run, const struct bs_made_with *m,
                       int to, int this_run)
{
    size_t used = 0;

    run->stale[0] = '\0';
    for (int i = to + 1; i < bs_stage_count; i++) {
        int n;
        if (!m->words[i] || m->run[i] >= this_run)
            continue;
        n = snprintf(run->stale + used, sizeof(run->stale) - used, "%s%s",
                     used ? ", " : "", bs_stage_table[i]->name);
        if (n < 0 || (size_t)n >= sizeof(run->stale) - used)
            break;
        used += (size_t)n;
    }
}

int bs_pipeline_run(struct bs_run *run, int from, int to,
                    struct bs_error *err)
{
    struct bs_page *page = NULL;
    double cpu[BS_STAGE_MAX] = {0};
    struct bs_made_with made;
    char *words;
    int rc = -1, this_run;

    if (from < 0 || to >= bs_stage_count || from > to)
        return bs_fail(err, "bad stage range");
    if (bs_mkdir_p(run->dir, err) < 0)
        return -1;
    run->stale[0] = '\0';
    run->confidence = -1;
    run->doubt[0] = '\0';
    /* a run from the scan makes every artifact anew: the record starts
     * over (so a rerun writes the same bytes as the first run) */
    if (from == 0)
        memset(&made, 0, sizeof(made));
    else
        bs_made_with_read(run->dir, &made);
    this_run = bs_made_with_next_run(&made);
    words = NULL;
    if (from == 0) {
        page = bs_page_new();
    } else {
        char *name = bs_model_name(bs_stage_table[from - 1]->name);
        char *path = bs_run_path(run, name);
        if (!bs_is_file(path)) {
            bs_fail(err, "%s: no %s; run stage \"%s\" first", run->dir, name,
                    bs_stage_table[from - 1]->name);
            free(name);
            free(path);
            goto out;
        }
        rc = bs_page_load(path, &page, err);
        free(name);
        free(path);
        if (rc < 0)
            goto out;
        rc = -1;
    }
    for (int i = from; i <= to; i++) {
        const struct bs_stage *st = bs_stage_table[i];
        double t0 = now_seconds(), c0 = cpu_seconds();

        if (st->run(run, page, err) < 0) {
            bs_fail_prefix(err, "stage %s", st->name);
            goto out;
        }
        /* No stage may leave the page over the model's limits. */
        if (bs_page_check_size(page, run->dir, err) < 0) {
            bs_fail_prefix(err, "stage %s", st->name);
            goto out;
        }
        bs_set_str(&page->stage, st->name);
        if (st->saves_model) {
            char *name = bs_model_name(st->name);
            char *path = bs_run_path(run, name);
            int src = bs_page_save(page, path, err);
            free(name);
            free(path);
            if (src < 0)
                goto out;
        }
        drop_unread_images(run, i, to);
        run->seconds[i] = now_seconds() - t0;
        cpu[i] = cpu_seconds() - c0;
        /* what this stage's artifact was made with, as soon as it is */
        if (!words)
            words = bs_run_fingerprint(run->settings, page->lang);
        free(made.words[i]);
        made.words[i] = bs_stage_words(words, i);
        made.run[i] = this_run;
        if (bs_made_with_save(run->dir, &made, err) < 0)
            goto out;
    }
    note_stale(run, &made, to, this_run);
    run->confidence = bs_mean_word_conf(page, NULL);
    snprintf(run->doubt, sizeof(run->doubt), "%s",
             page->doubt ? page->doubt : "");
    rc = write_timing(run, from, to, cpu, err);
out:
    bs_page_free(&page);
    bs_made_with_release(&made);
    free(words);
    return rc;
}
