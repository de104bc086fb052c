/* tests/fuzz/fuzz_articles.c - libFuzzer harness for articles.json
 * (bs_articles_load): any bytes give a page or an error, never a crash. */
#include <stdint.h>
#include "fuzz_file.h"
#include "../../pipeline/base/base.h"
#include "../../pipeline/model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bs_error err = {{0}};
    struct bs_page *page = NULL;
    const char *path = fuzz_to_file(data, size);
    if (path && bs_articles_load(path, &page, &err) == 0)
        bs_page_free(&page);
    return 0;
}
