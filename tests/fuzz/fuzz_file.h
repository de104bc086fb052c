/* tests/fuzz/fuzz_file.h - writes a fuzz input to a per-process temp file so
 * path-taking parsers can be fuzzed; returns the path (static buffer). */
#include <stdio.h>
#include <unistd.h>
static const char *fuzz_to_file(const unsigned char *data, size_t size)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/bs-fuzz-%d.in", (int)getpid());
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return NULL;
    fwrite(data, 1, size, fp);
    fclose(fp);
    return path;
}
