#ifndef QUIRE_CGIT2_SHIM_H
#define QUIRE_CGIT2_SHIM_H

#include <git2.h>
#include <git2/sys/repository.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one wrapper per option we use. */

static inline int quire_git_set_fsync_gitdir(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, enabled);
}

static inline int quire_git_set_cache_object_limit(git_object_t type, size_t size) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, type, size);
}

static inline int quire_git_set_cache_max_size(ssize_t bytes) {
    return git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, bytes);
}

static inline int quire_git_enable_strict_hash_verification(int enabled) {
    return git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, enabled);
}

/* glibc declares syncfs only under _GNU_SOURCE, which Swift's Glibc module is built without.
   Re-declaring the prototype is compatible with glibc's own declaration. */
extern int syncfs(int fd);

static inline int quire_syncfs(int fd) {
    return syncfs(fd);
}

#endif
