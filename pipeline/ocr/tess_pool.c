/*
 * tess_pool.c - the process-wide pool of idle engine sets (see ocr.h).
 */
#include "ocr.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct idle {
    struct bs_tess *tess;
    char *datapath;
};

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct idle *pool;
static int npool, cappool, registered;

void bs_tess_pool_free(void)
{
    pthread_mutex_lock(&pool_lock);
    for (int i = 0; i < npool; i++) {
        bs_tess_free(&pool[i].tess);
        free(pool[i].datapath);
    }
    free(pool);
    pool = NULL;
    npool = cappool = 0;
    pthread_mutex_unlock(&pool_lock);
}

struct bs_tess *bs_tess_pool_take(const char *datapath)
{
    const char *dp = datapath ? datapath : "";
    struct bs_tess *t = NULL;

    pthread_mutex_lock(&pool_lock);
    if (!registered) {
        atexit(bs_tess_pool_free);
        registered = 1;
    }
    for (int i = npool - 1; i >= 0; i--) {
        if (strcmp(pool[i].datapath, dp) == 0) {
            t = pool[i].tess;
            free(pool[i].datapath);
            pool[i] = pool[--npool];
            break;
        }
    }
    pthread_mutex_unlock(&pool_lock);
    return t ? t : bs_tess_new(dp);
}

void bs_tess_pool_give(struct bs_tess *tess, const char *datapath)
{
    if (!tess)
        return;
    pthread_mutex_lock(&pool_lock);
    bs_grow((void **)&pool, &cappool, npool + 1, sizeof(*pool));
    pool[npool].tess = tess;
    pool[npool].datapath = bs_strdup(datapath ? datapath : "");
    npool++;
    pthread_mutex_unlock(&pool_lock);
}
