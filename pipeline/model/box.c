/*
 * box.c - rectangle arithmetic used by layout, order, articles and repair.
 */
#include "model.h"

struct bs_box bs_box_union(struct bs_box a, struct bs_box b)
{
    struct bs_box u;
    int r, bt;

    if (bs_box_empty(a))
        return b;
    if (bs_box_empty(b))
        return a;
    u.x = a.x < b.x ? a.x : b.x;
    u.y = a.y < b.y ? a.y : b.y;
    r = bs_box_right(a) > bs_box_right(b) ? bs_box_right(a) : bs_box_right(b);
    bt = bs_box_bottom(a) > bs_box_bottom(b) ? bs_box_bottom(a)
                                             : bs_box_bottom(b);
    u.w = r - u.x;
    u.h = bt - u.y;
    return u;
}

struct bs_box bs_box_intersect(struct bs_box a, struct bs_box b)
{
    struct bs_box i = {0, 0, 0, 0};
    int x0 = a.x > b.x ? a.x : b.x;
    int y0 = a.y > b.y ? a.y : b.y;
    int x1 = bs_box_right(a) < bs_box_right(b) ? bs_box_right(a)
                                               : bs_box_right(b);
    int y1 = bs_box_bottom(a) < bs_box_bottom(b) ? bs_box_bottom(a)
                                                 : bs_box_bottom(b);

    if (x1 > x0 && y1 > y0) {
        i.x = x0;
        i.y = y0;
        i.w = x1 - x0;
        i.h = y1 - y0;
    }
    return i;
}

int bs_box_xoverlap(struct bs_box a, struct bs_box b)
{
    int x0 = a.x > b.x ? a.x : b.x;
    int x1 = bs_box_right(a) < bs_box_right(b) ? bs_box_right(a)
                                               : bs_box_right(b);
    return x1 - x0;
}

int bs_box_yoverlap(struct bs_box a, struct bs_box b)
{
    int y0 = a.y > b.y ? a.y : b.y;
    int y1 = bs_box_bottom(a) < bs_box_bottom(b) ? bs_box_bottom(a)
                                                 : bs_box_bottom(b);
    return y1 - y0;
}

double bs_box_overlap_ratio(struct bs_box a, struct bs_box b)
{
    long inter = bs_box_area(bs_box_intersect(a, b));
    long small = bs_box_area(a) < bs_box_area(b) ? bs_box_area(a)
                                                 : bs_box_area(b);
    return small > 0 ? (double)inter / (double)small : 0.0;
}
