/* tests/fuzz/fuzz_resume.c - libFuzzer harness for what a resumed batch
 * reads back from OUT: a page folder's done.json (bs_stamp_read) and a
 * manifest.tsv (bs_manifest_read).  The first byte picks which; any bytes
 * give a stamp, lines or an error, never a crash. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../pipeline/base/base.h"
#include "../../pipeline/batch/batch.h"
#include "../../pipeline/model/model.h"

static void on_line(void *ctx, const struct bs_manifest_line *l)
{
    size_t *total = ctx;

    /* Touch every field, as the batch does. */
    *total += strlen(l->id) + strlen(l->status) +
              (l->checksum ? strlen(l->checksum) : 0) +
              (l->reason ? strlen(l->reason) : 0) +
              (l->input ? strlen(l->input) : 0) + (l->seconds > 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char dir[64];
    struct bs_error err = {{0}};
    char path[128];
    FILE *fp;

    if (size < 1)
        return 0;
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/bs-fuzz-resume-%d", (int)getpid());
        mkdir(dir, 0700);
    }
    snprintf(path, sizeof path, "%s/%s", dir,
             data[0] & 1 ? "manifest.tsv" : BS_STAMP_NAME);
    fp = fopen(path, "wb");
    if (!fp)
        return 0;
    fwrite(data + 1, 1, size - 1, fp);
    fclose(fp);
    if (data[0] & 1) {
        size_t total = 0;
        bs_manifest_read(path, on_line, &total, &err);
    } else {
        struct bs_stamp st;
        bs_stamp_read(dir, &st, &err);
    }
    return 0;
}
