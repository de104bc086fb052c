/*
 * repair_kinds.c - the names of the repair kinds (repair.h), the one list
 * the command line checks --no-repair against and the reports count by.
 */
#include "repair.h"

#include <string.h>

const char *const bs_repair_kinds[] = {"overlap", "columns", "doubled",
                                       "spacing", "punct",   "join"};
const int bs_repair_kind_count =
    (int)(sizeof(bs_repair_kinds) / sizeof(bs_repair_kinds[0]));

int bs_repair_kinds_check(const char *list, struct bs_error *err)
{
    const char *p = list;

    if (!*p)
        return bs_fail(err, "--no-repair: no kind named (kinds: overlap, "
                       "columns, doubled, spacing, punct, join, all)");
    while (*p) {
        size_t n = strcspn(p, ",");
        int ok = n == 3 && strncmp(p, "all", 3) == 0;
        for (int k = 0; k < bs_repair_kind_count && !ok; k++)
            ok = strlen(bs_repair_kinds[k]) == n &&
                 strncmp(p, bs_repair_kinds[k], n) == 0;
        if (!ok)
            return bs_fail(err, "--no-repair: unknown kind \"%.*s\" (kinds: "
                           "overlap, columns, doubled, spacing, punct, join, "
                           "all)", (int)n, p);
        p += n;
        if (*p == ',')
            p++;
    }
    return 0;
}
