/*
 * shard.c - the stable page-id hash behind --shard K/N.
 */
#include "shard.h"

uint64_t bs_fnv1a64(const char *s)
{
    uint64_t h = 14695981039346656037ULL;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    return h;
}

int bs_shard_of(const char *id, int n)
{
    if (n <= 1)
        return 1;
    return (int)(bs_fnv1a64(id) % (uint64_t)n) + 1;
}
