#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry for programs that have a main of their own (SwiftPM gives every executable
// one): runs the fuzzer on `callback` with the command line's options.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
