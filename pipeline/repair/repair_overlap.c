/*
 * repair_overlap.c - geometric duplicates: the same ink read twice because
 * two OCR regions overlap.  Two words of a line whose boxes overlap by at
 * least half and that hold the same text are one word; two lines (of any
 * blocks) whose boxes overlap by at least 60% and that hold the same text
 * (spaces ignored, or one contained in the other) are one line.  The later
 * copy (the shorter one for lines) is dropped.  Text without boxes is never
 * judged here.
 */
#include "repair.h"

#include "../base/base.h"

#include <stdlib.h>
#include <string.h>

#define WORD_OVERLAP 0.5
#define LINE_OVERLAP 0.6

static void remove_word(struct bs_line *line, int w)
{
    free(line->words[w].text);
    memmove(&line->words[w], &line->words[w + 1],
            (size_t)(line->nwords - w - 1) * sizeof(*line->words));
    line->nwords--;
    memset(&line->words[line->nwords], 0, sizeof(*line->words));
}

static void remove_line(struct bs_block *block, int l)
{
    struct bs_line *line = &block->lines[l];

    for (int w = 0; w < line->nwords; w++)
        free(line->words[w].text);
    free(line->words);
    memmove(&block->lines[l], &block->lines[l + 1],
            (size_t)(block->nlines - l - 1) * sizeof(*block->lines));
    block->nlines--;
    memset(&block->lines[block->nlines], 0, sizeof(*block->lines));
}

/* Two readings of the same ink have boxes of about the same size; a
 * word box that merely contains a smaller one (an engine's odd box for a
 * repeated word) is no duplicate. */
static int similar_size(struct bs_box a, struct bs_box b)
{
    return a.w * 3 >= b.w * 2 && b.w * 3 >= a.w * 2 && a.h * 3 >= b.h * 2 &&
           b.h * 3 >= a.h * 2;
}

static int similar_height(struct bs_box a, struct bs_box b)
{
    return a.h * 3 >= b.h * 2 && b.h * 3 >= a.h * 2;
}

static json_t *box_json(struct bs_box b)
{
    return json_pack("[i, i, i, i]", b.x, b.y, b.w, b.h);
}

static void words_pass(struct bs_block *block, struct bs_repair_log *log)
{
    for (int l = 0; l < block->nlines; l++) {
        struct bs_line *line = &block->lines[l];

        for (int i = 0; i < line->nwords; i++) {
            for (int j = i + 1; j < line->nwords; j++) {
                struct bs_word *a = &line->words[i], *b = &line->words[j];
                double r;
                char *before, *after;
                json_t *ev;

                if (bs_box_empty(a->box) || bs_box_empty(b->box) ||
                    strcmp(a->text, b->text) != 0)
                    continue;
                r = bs_box_overlap_ratio(a->box, b->box);
                if (r < WORD_OVERLAP || !similar_size(a->box, b->box))
                    continue;
                ev = json_pack("{s:s, s:f, s:o, s:o}", "pattern",
                               "overlapping-word-boxes", "overlap", r, "kept",
                               box_json(a->box), "dropped", box_json(b->box));
                before = bs_line_text(line);
                remove_word(line, j--);
                bs_line_fit_box(line);
                after = bs_line_text(line);
                bs_repair_log_add(log, "overlap", block->id, l, before, after,
                                  ev);
                free(after);
                free(before);
            }
        }
    }
}

/* The line's characters without spaces; malloc'd. */
static char *squeeze(const struct bs_line *line)
{
    char *t = bs_line_text(line), *o = t;

    for (char *p = t; *p; p++)
        if (*p != ' ')
            *o++ = *p;
    *o = '\0';
    return t;
}

static int line_has_boxes(const struct bs_line *line)
{
    return line->nwords > 0 && !bs_box_empty(line->box);
}

void bs_repair_overlap(struct bs_page *page, struct bs_repair_log *log)
{
    for (int b = 0; b < page->nblocks; b++)
        if (bs_role_has_text(page->blocks[b].role))
            words_pass(&page->blocks[b], log);
    /* Lines: every pair once, (b1,l1) before (b2,l2) in page order. */
    for (int b1 = 0; b1 < page->nblocks; b1++) {
        for (int l1 = 0; l1 < page->blocks[b1].nlines; l1++) {
            for (int b2 = b1; b2 < page->nblocks; b2++) {
                for (int l2 = b2 == b1 ? l1 + 1 : 0;
                     l2 < page->blocks[b2].nlines; l2++) {
                    struct bs_block *B1 = &page->blocks[b1],
                                    *B2 = &page->blocks[b2];
                    struct bs_line *x = &B1->lines[l1], *y = &B2->lines[l2];
                    char *sx, *sy, *before;
                    double r;
                    int drop_y;

                    if (!line_has_boxes(x) || !line_has_boxes(y))
                        continue;
                    r = bs_box_overlap_ratio(x->box, y->box);
                    if (r < LINE_OVERLAP || !similar_height(x->box, y->box))
                        continue;
                    sx = squeeze(x);
                    sy = squeeze(y);
                    if (!*sx || !*sy ||
                        (strcmp(sx, sy) != 0 && !strstr(sx, sy) &&
                         !strstr(sy, sx))) {
                        free(sx);
                        free(sy);
                        continue;
                    }
                    /* Keep the longer reading; on a tie the first. */
                    drop_y = strlen(sy) <= strlen(sx);
                    before = bs_line_text(drop_y ? y : x);
                    bs_repair_log_add(
                        log, "overlap", drop_y ? B2->id : B1->id,
                        drop_y ? l2 : l1, before, "",
                        json_pack("{s:s, s:f, s:s, s:i, s:o}", "pattern",
                                  "overlapping-lines", "overlap", r,
                                  "kept_block", drop_y ? B1->id : B2->id,
                                  "kept_line", drop_y ? l1 : l2, "dropped",
                                  box_json(drop_y ? y->box : x->box)));
                    free(before);
                    free(sx);
                    free(sy);
                    if (drop_y) {
                        remove_line(B2, l2--);
                    } else {
                        remove_line(B1, l1);
                        l1--;
                        goto next_l1;
                    }
                }
            }
        next_l1:;
        }
    }
}
