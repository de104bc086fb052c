/* tests/fuzz/fuzz_profile.c - libFuzzer harness for profile files
 * (bs_profile_load over the defaults). */
#include <stdint.h>
#include "fuzz_file.h"
#include "../../pipeline/base/base.h"
#include "../../pipeline/model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bs_error err = {{0}};
    struct bs_profile p;
    bs_profile_defaults(&p);
    const char *path = fuzz_to_file(data, size);
    if (path)
        (void)bs_profile_load(&p, path, &err);
    return 0;
}
