/*
 * assign.h - optimal assignment (the Hungarian method) on a rectangular
 * cost matrix.
 *
 * eval pairs predicted articles with ground-truth articles so that the total
 * cost (their capped CER) is smallest; each row gets at most one column and
 * each column at most one row, and min(rows, cols) pairs are made.
 */
#ifndef BS_ASSIGN_H
#define BS_ASSIGN_H

/* cost is rows x cols, row-major; costs must be finite.  row_to_col
 * (rows entries, caller-allocated) gets each row's column or -1 when the
 * row is left out (only when rows > cols).  Ties between equally cheap
 * assignments are broken the same way on every run (the earliest rows
 * and columns first).  Returns the total cost of the assignment.  Never
 * fails (out of memory is fatal). */
double bs_assign(const double *cost, int rows, int cols, int *row_to_col);

#endif
