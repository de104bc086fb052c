/*
 * shard.h - splitting a batch across machines by a hash of the page id.
 *
 * `--shard K/N` keeps the pages whose id hashes to K (1-based) out of N.  The
 * hash is 64-bit FNV-1a of the id's bytes, so the split depends only on the
 * ids, never on the order of arguments or the machine: N jobs given the same
 * inputs cover every page exactly once.
 */
#ifndef BS_SHARD_H
#define BS_SHARD_H

#include <stdint.h>

/* 64-bit FNV-1a of a NUL-terminated string. */
uint64_t bs_fnv1a64(const char *s);
/* The shard (1..n) a page id belongs to; n >= 1. */
int bs_shard_of(const char *id, int n);

#endif
