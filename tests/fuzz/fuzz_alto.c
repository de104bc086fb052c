/* tests/fuzz/fuzz_alto.c - libFuzzer harness for the alto import reader
 * (pipeline/formats/alto_read.c): bytes -> bs_alto_read().  Any input must
 * give a page or a one-line error, never a crash, leak or undefined
 * behaviour. */
#include <stddef.h>
#include <stdint.h>
#include "../../pipeline/base/base.h"
#include "../../pipeline/formats/formats.h"
#include "../../pipeline/model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bs_error err = {{0}};
    struct bs_page *page = NULL;

    if (bs_alto_read((const char *)data, size, "fuzz", &page, &err) == 0)
        bs_page_free(&page);
    return 0;
}
