#ifndef QUIRE_CZLIB_SHIM_H
#define QUIRE_CZLIB_SHIM_H
#include <zlib.h>

/* deflateInit2 is a macro, which Swift cannot call. windowBits 31 = 15 + 16: a gzip wrapper. */
static inline int quire_deflate_init_gzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY);
}

/* A zlib-wrapped stream (windowBits 15), as git's pack entries and loose objects hold. */
static inline int quire_deflate_init_zlib(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY);
}
#endif
