/* tests/fuzz/fuzz_image.c - libFuzzer harness for image headers and
 * decoding: bytes written to a file, then bs_image_read_scan() with a small
 * pixel limit (so the fuzzer cannot ask for huge allocations legitimately). */
#include <stdint.h>
#include <leptonica/allheaders.h>
#include "fuzz_file.h"
#include "../../pipeline/base/base.h"
#include "../../pipeline/image/image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bs_error err = {{0}};
    PIX *pix = NULL;
    int dpi = 0;
    const char *path = fuzz_to_file(data, size);
    bs_image_quiet();
    if (path && bs_image_read_scan(path, 0, 1000000, &pix, &dpi, &err) == 0)
        pixDestroy(&pix);
    return 0;
}
