/*
 * cmd_show.c - `broadsheet show PAGEDIR -o overlay.png [--stage NAME]
 * [--scale F]`: draws a page folder's model (columns, rules, blocks
 * coloured by role with a legend, reading order numbers and article ids
 * once those stages have run) over the deskewed page, or for an imported
 * page over the image its file names.  Without --stage it draws the model
 * the latest stage run wrote (a re-run of `layout` makes the older models
 * of later stages stale: the newest file wins, not the latest stage).
 */
#include "cli.h"

#include "../base/base.h"
#include "../image/image.h"
#include "../model/model.h"
#include "../run/run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int usage(FILE *fp)
{
    fprintf(fp, "usage: broadsheet show PAGEDIR -o OVERLAY.png [--stage NAME] "
            "[--scale F]\n\n"
            "Draws the page model over the page image: column bands (light "
            "blue), rules (red),\nblocks outlined in their role's colour "
            "(a legend names them) and labelled with\ntheir reading order "
            "number and article id (once order and articles ran).\n"
            "  -o, --output FILE  the picture to write (PNG)\n"
            "      --stage NAME   the model a stage wrote (default: the one "
            "the latest\n"
            "                     stage run wrote)\n"
            "      --scale F      scale the picture by F (0.05..4, default "
            "1)\n");
    return fp == stderr ? BS_EXIT_USAGE : BS_EXIT_OK;
}

/* The model file of `stage`, or the one the latest stage run wrote (the
 * newest file; a tie goes to the later stage); NULL (message in err) when
 * there is none. */
static char *model_path(const char *dir, const char *stage,
                        struct bs_error *err)
{
    char *best = NULL;
    struct timespec best_t = {0, 0};

    for (int i = bs_stage_count - 1; i >= 0; i--) {
        const char *name = bs_stage_table[i]->name;
        char *file, *path;
        struct stat st;
        if (stage && strcmp(stage, name) != 0)
            continue;
        file = bs_model_name(name);
        path = bs_path_join(dir, file);
        free(file);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
            (!best || st.st_mtim.tv_sec > best_t.tv_sec ||
             (st.st_mtim.tv_sec == best_t.tv_sec &&
              st.st_mtim.tv_nsec > best_t.tv_nsec))) {
            free(best);
            best = path;
            best_t = st.st_mtim;
        } else {
            free(path);
        }
    }
    if (best)
        return best;
    if (stage && bs_stage_find(stage) < 0)
        bs_fail(err, "unknown stage \"%s\" (see `broadsheet stages`)", stage);
    else
        bs_fail(err, "%s: no page model%s%s (run the pipeline first)", dir,
                stage ? " of stage " : "", stage ? stage : "");
    return NULL;
}

/* The picture under the model: the deskewed page, else the page as
 * loaded, else (an imported page) the image its file names. */
static int page_image(const char *dir, const struct bs_page *page, PIX **img,
                      char **used, struct bs_error *err)
{
    static const char *const names[] = {"gray.png", "image.png"};
    int dpi;

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        char *p = bs_path_join(dir, names[i]);
        if (bs_is_file(p)) {
            *used = p;
            return bs_image_read_artifact(p, BS_DEFAULT_MAX_PIXELS, img,
                                          err);
        }
        free(p);
    }
    if (page->source && bs_is_file(page->source) &&
        bs_image_read_scan(page->source, 0, BS_DEFAULT_MAX_PIXELS, img, &dpi,
                           err) == 0) {
        *used = bs_strdup(page->source);
        return 0;
    }
    return bs_fail(err, "%s: no page image (gray.png, image.png%s%s)", dir,
                   page->source ? " or " : "",
                   page->source ? page->source : "");
}
int bs_cmd_show(int argc, char **argv)
{
    const char *dir = NULL, *out = NULL, *stage = NULL;
    double scale = 1;
    struct bs_error err;
    struct bs_page *page = NULL;
    char *model = NULL, *img_path = NULL;
    PIX *img = NULL, *pix = NULL;
    int rc = BS_EXIT_FAILED;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0)
            return usage(stdout);
        if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) &&
            i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--stage") == 0 && i + 1 < argc)
            stage = argv[++i];
        else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc) {
            char *end;
            scale = strtod(argv[++i], &end);
            if (end == argv[i] || *end || !(scale >= 0.05 && scale <= 4)) {
                fprintf(stderr, "broadsheet show: --scale: \"%s\" is not a "
                        "number in 0.05..4\n", argv[i]);
                return BS_EXIT_USAGE;
            }
        }
        else if (argv[i][0] != '-' && !dir)
            dir = argv[i];
        else {
            fprintf(stderr, "broadsheet show: unknown option or extra "
                    "argument \"%s\" (see broadsheet show --help)\n", argv[i]);
            return BS_EXIT_USAGE;
        }
    }
    if (!dir || !out) {
        fprintf(stderr, "broadsheet show: want PAGEDIR and -o OVERLAY.png (see "
                "broadsheet show --help)\n");
        return BS_EXIT_USAGE;
    }
    model = model_path(dir, stage, &err);
    if (!model || bs_page_load(model, &page, &err) < 0)
        goto fail;
    if (page_image(dir, page, &img, &img_path, &err) < 0)
        goto fail;
    pix = bs_overlay_render(img, page);
    if (!pix) {
        bs_fail(&err, "%s: cannot draw the overlay", img_path);
        goto fail;
    }
    if (fabs(scale - 1) > 1e-9) {
        PIX *scaled = pixScale(pix, (l_float32)scale, (l_float32)scale);
        if (!scaled) {
            bs_fail(&err, "%s: cannot scale the overlay", img_path);
            goto fail;
        }
        pixDestroy(&pix);
        pix = scaled;
    }
    if (bs_image_write_png(out, pix, &err) < 0)
        goto fail;
    rc = BS_EXIT_OK;
    goto out;
fail:
    fprintf(stderr, "broadsheet show: %s\n", err.msg);
out:
    pixDestroy(&pix);
    pixDestroy(&img);
    bs_page_free(&page);
    free(img_path);
    free(model);
    return rc;
}
