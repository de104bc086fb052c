/* tests/fuzz/replay_main.c - runs a libFuzzer harness without libFuzzer, so
 * the seed corpus and every crash input kept from fuzzing are replayed by
 * the normal test run (and under ASan/UBSan by `make check`).
 *
 * Built once per harness as $(BUILD)/tests/test_fuzz_<name> with
 * FUZZ_NAME="<name>".  With no arguments it replays
 * tests/fuzz/corpus/<name>/ and tests/fuzz/regress/<name>/ (from the
 * repository root, where tests/run.sh runs); with arguments, those files
 * or folders.  Exits 0 when every input returned; a crash is a crash. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0, got;

    if (!fp) {
        fprintf(stderr, "%s: cannot open\n", path);
        return -1;
    }
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 4096;
            buf = realloc(buf, cap);
            if (!buf)
                abort();
        }
        got = fread(buf + n, 1, cap - n, fp);
        n += got;
    } while (got > 0);
    fclose(fp);
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

/* Replays a file, or every file of a folder; counts inputs in *count. */
static int replay(const char *path, int *count)
{
    struct stat st;
    struct dirent *e;
    DIR *d;
    int rc = 0;

    if (stat(path, &st) != 0)
        return 0;  /* a harness without regression inputs yet */
    if (!S_ISDIR(st.st_mode)) {
        ++*count;
        return replay_file(path);
    }
    d = opendir(path);
    if (!d)
        return -1;
    while ((e = readdir(d))) {
        char sub[4096];
        if (e->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        if (replay(sub, count) < 0)
            rc = -1;
    }
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    int count = 0, rc = 0;

    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            if (replay(argv[i], &count) < 0)
                rc = 1;
    } else if (replay("tests/fuzz/corpus/" FUZZ_NAME, &count) < 0 ||
               replay("tests/fuzz/regress/" FUZZ_NAME, &count) < 0) {
        rc = 1;
    }
    printf("fuzz_%s: %d inputs replayed\n", FUZZ_NAME, count);
    return rc;
}
