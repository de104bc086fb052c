/*
 * assign.c - the Hungarian method for rectangular assignment problems.
 *
 * Shortest augmenting paths with row and column potentials, O(r^2 c) for r
 * rows <= c columns; a matrix with more rows than columns is solved
 * transposed.  Strict comparisons keep the earliest column on ties, so the
 * result is deterministic.
 */
#include "assign.h"

#include "../base/base.h"

#include <float.h>
#include <stdlib.h>

/* Solves r <= c: cost(i, j) read through the accessor; col_row[j] gets the
 * row (0-based) of column j or -1. */
static void hungarian(const double *cost, int r, int c, int transposed,
                      int *col_row)
{
    double *u = bs_calloc((size_t)r + 1, sizeof(double));
    double *v = bs_calloc((size_t)c + 1, sizeof(double));
    double *minv = bs_malloc(((size_t)c + 1) * sizeof(double));
    int *p = bs_calloc((size_t)c + 1, sizeof(int));
    int *way = bs_calloc((size_t)c + 1, sizeof(int));
    char *used = bs_malloc((size_t)c + 1);
    int cols_orig = transposed ? r : c;

    for (int i = 1; i <= r; i++) {
        int j0 = 0;
        p[0] = i;
        for (int j = 0; j <= c; j++) {
            minv[j] = DBL_MAX;
            used[j] = 0;
        }
        do {
            int i0 = p[j0], j1 = 0;
            double delta = DBL_MAX;
            used[j0] = 1;
            for (int j = 1; j <= c; j++) {
                double a, cur;
                if (used[j])
                    continue;
                a = transposed ? cost[(size_t)(j - 1) * (size_t)cols_orig + (size_t)(i0 - 1)]
                               : cost[(size_t)(i0 - 1) * (size_t)cols_orig + (size_t)(j - 1)];
                cur = a - u[i0] - v[j];
                if (cur < minv[j]) {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if (minv[j] < delta) {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for (int j = 0; j <= c; j++) {
                if (used[j]) {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
        } while (p[j0] != 0);
        do {
            int j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        } while (j0);
    }
    for (int j = 1; j <= c; j++)
        col_row[j - 1] = p[j] - 1;
    free(u);
    free(v);
    free(minv);
    free(p);
    free(way);
    free(used);
}

double bs_assign(const double *cost, int rows, int cols, int *row_to_col)
{
    double total = 0;

    for (int i = 0; i < rows; i++)
        row_to_col[i] = -1;
    if (rows == 0 || cols == 0)
        return 0;
    if (rows <= cols) {
        int *col_row = bs_malloc((size_t)cols * sizeof(int));
        hungarian(cost, rows, cols, 0, col_row);
        for (int j = 0; j < cols; j++)
            if (col_row[j] >= 0)
                row_to_col[col_row[j]] = j;
        free(col_row);
    } else {
        /* transposed: the problem's rows are our columns */
        int *t_col_row = bs_malloc((size_t)rows * sizeof(int));
        hungarian(cost, cols, rows, 1, t_col_row);
        for (int i = 0; i < rows; i++)
            row_to_col[i] = t_col_row[i];
        free(t_col_row);
    }
    for (int i = 0; i < rows; i++)
        if (row_to_col[i] >= 0)
            total += cost[(size_t)i * (size_t)cols + (size_t)row_to_col[i]];
    return total;
}
