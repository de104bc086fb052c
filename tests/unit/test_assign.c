/*
 * test_assign.c - the Hungarian method on small hand-solved matrices:
 * square, rectangular both ways, ties, and a case where greedy fails.
 */
#include "check.h"

#include "../../pipeline/eval/assign.h"

static void test_square(void)
{
    const double c[] = {4, 1, 3,
                        2, 0, 5,
                        3, 2, 2};
    int a[3];

    CHECK_NEAR(bs_assign(c, 3, 3, a), 5.0, 1e-12);
    CHECK(a[0] == 1 && a[1] == 0 && a[2] == 2);
}

static void test_greedy_trap(void)
{
    /* greedy takes 1 then 100; the optimum is 2 + 2 */
    const double c[] = {1, 2,
                        2, 100};
    int a[2];

    CHECK_NEAR(bs_assign(c, 2, 2, a), 4.0, 1e-12);
    CHECK(a[0] == 1 && a[1] == 0);
}

static void test_rectangular(void)
{
    const double wide[] = {10, 1, 8,
                           2, 9, 3};
    const double tall[] = {5, 9,
                           1, 7,
                           8, 2};
    int a[3];

    CHECK_NEAR(bs_assign(wide, 2, 3, a), 3.0, 1e-12);
    CHECK(a[0] == 1 && a[1] == 0);
    CHECK_NEAR(bs_assign(tall, 3, 2, a), 3.0, 1e-12);
    CHECK(a[0] == -1 && a[1] == 0 && a[2] == 1);
}

static void test_ties(void)
{
    const double c[] = {1, 1, 1,
                        1, 1, 1};
    int a[2], b[2];

    CHECK_NEAR(bs_assign(c, 2, 3, a), 2.0, 1e-12);
    CHECK(a[0] >= 0 && a[1] >= 0 && a[0] != a[1]);
    bs_assign(c, 2, 3, b);
    CHECK(a[0] == b[0] && a[1] == b[1]);     /* same answer every time */
}

static void test_edges(void)
{
    const double one[] = {0.7};
    int a[2] = {5, 5};

    CHECK_NEAR(bs_assign(one, 1, 1, a), 0.7, 1e-12);
    CHECK(a[0] == 0);
    CHECK_NEAR(bs_assign(one, 2, 0, a), 0.0, 1e-12);
    CHECK(a[0] == -1 && a[1] == -1);
}

int main(int argc, char **argv)
{
    (void)argc;
    test_square();
    test_greedy_trap();
    test_rectangular();
    test_ties();
    test_edges();
    return check_report(argv[0]);
}
