/*
 * box.h - axis-aligned pixel rectangles and their arithmetic.
 */
#ifndef BS_BOX_H
#define BS_BOX_H

struct bs_box {
    int x, y, w, h;
};

static inline int bs_box_empty(struct bs_box b) { return b.w <= 0 || b.h <= 0; }
static inline int bs_box_right(struct bs_box b) { return b.x + b.w; }
static inline int bs_box_bottom(struct bs_box b) { return b.y + b.h; }
static inline long bs_box_area(struct bs_box b)
{
    return bs_box_empty(b) ? 0 : (long)b.w * b.h;
}

/* Smallest box holding both; an empty box is ignored. */
struct bs_box bs_box_union(struct bs_box a, struct bs_box b);
/* Intersection; w/h 0 when they do not meet. */
struct bs_box bs_box_intersect(struct bs_box a, struct bs_box b);
/* Overlap of the x-ranges (or y-ranges) in pixels, <= 0 when disjoint. */
int bs_box_xoverlap(struct bs_box a, struct bs_box b);
int bs_box_yoverlap(struct bs_box a, struct bs_box b);
/* Intersection area over the smaller box's area, 0..1. */
double bs_box_overlap_ratio(struct bs_box a, struct bs_box b);

#endif
