// libFuzzer's entry for programs with their own main (LLVM 11 and later), which the Swift
// toolchain's -sanitize=fuzzer links in: it parses libFuzzer's flags from argv and runs the loop.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
