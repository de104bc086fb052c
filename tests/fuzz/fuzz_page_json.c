/* tests/fuzz/fuzz_page_json.c - libFuzzer harness for the page-model
 * artifact parser: bytes -> jansson -> bs_page_from_json().  Any input must
 * give a page or an error, never a crash, leak or undefined behaviour. */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "../../pipeline/base/base.h"
#include "../../pipeline/model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bs_error err = {{0}};
    struct bs_page *page = NULL;
    json_t *root = json_loadb((const char *)data, size, 0, NULL);
    if (!root)
        return 0;
    if (bs_page_from_json(root, "fuzz", &page, &err) == 0)
        bs_page_free(&page);
    json_decref(root);
    return 0;
}
