/*
 * stages.c - the stage table, in pipeline order.  A new stage is one file
 * under stages/ and one line here.
 */
#include "run.h"

#include <string.h>

extern const struct bs_stage bs_stage_load;
extern const struct bs_stage bs_stage_binarize;
extern const struct bs_stage bs_stage_layout;
extern const struct bs_stage bs_stage_ocr;
extern const struct bs_stage bs_stage_order;
extern const struct bs_stage bs_stage_articles;
extern const struct bs_stage bs_stage_repair;
extern const struct bs_stage bs_stage_export;

const struct bs_stage *const bs_stage_table[] = {
    &bs_stage_load,  &bs_stage_binarize, &bs_stage_layout, &bs_stage_ocr,
    &bs_stage_order, &bs_stage_articles, &bs_stage_repair, &bs_stage_export,
};

const int bs_stage_count =
    (int)(sizeof(bs_stage_table) / sizeof(bs_stage_table[0]));

int bs_stage_find(const char *name)
{
    for (int i = 0; i < bs_stage_count; i++)
        if (strcmp(bs_stage_table[i]->name, name) == 0)
            return i;
    return -1;
}
