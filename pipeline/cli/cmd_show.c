/*
 * cmd_show.c - `broadsheet show PAGEDIR -o overlay.png [--stage NAME]`:
 * draws a page folder's model (columns, rules, blocks coloured by role,
 * reading order numbers once `order` has run) over the deskewed page.
 */
#include "cli.h"

#include "../base/base.h"
#include "../image/image.h"
#include "../model/model.h"
#include "../run/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(FILE *fp)
{
    fprintf(fp, "usage: broadsheet show PAGEDIR -o OVERLAY.png [--stage NAME]\n\n"
            "Draws the page model over the page image: column bands (light "
            "blue), rules (red),\nblocks outlined in their role's colour and "
            "numbered in reading order (order stage on).\n"
            "--stage NAME  the model a stage wrote (default: the latest)\n");
    return fp == stderr ? BS_EXIT_USAGE : BS_EXIT_OK;
}

/* The model file of `stage`, or of the last stage that wrote one; NULL
 * (message in err) when there is none. */
static char *model_path(const char *dir, const char *stage,
                        struct bs_error *err)
{
    for (int i = bs_stage_count - 1; i >= 0; i--) {
        const char *name = bs_stage_table[i]->name;
        char *file, *path;
        if (stage && strcmp(stage, name) != 0)
            continue;
        file = bs_model_name(name);
        path = bs_path_join(dir, file);
        free(file);
        if (bs_is_file(path))
            return path;
        free(path);
    }
    if (stage && bs_stage_find(stage) < 0)
        bs_fail(err, "unknown stage \"%s\" (see `broadsheet stages`)", stage);
    else
        bs_fail(err, "%s: no page model%s%s (run the pipeline first)", dir,
                stage ? " of stage " : "", stage ? stage : "");
    return NULL;
}

int bs_cmd_show(int argc, char **argv)
{
    const char *dir = NULL, *out = NULL, *stage = NULL;
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
        else if (argv[i][0] != '-' && !dir)
            dir = argv[i];
        else
            return usage(stderr);
    }
    if (!dir || !out)
        return usage(stderr);
    model = model_path(dir, stage, &err);
    if (!model || bs_page_load(model, &page, &err) < 0)
        goto fail;
    img_path = bs_path_join(dir, "gray.png");
    if (!bs_is_file(img_path)) {
        free(img_path);
        img_path = bs_path_join(dir, "image.png");
    }
    if (bs_image_read_artifact(img_path, BS_DEFAULT_MAX_PIXELS, &img,
                               &err) < 0)
        goto fail;
    pix = bs_overlay_render(img, page);
    if (!pix) {
        bs_fail(&err, "%s: cannot draw the overlay", img_path);
        goto fail;
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
