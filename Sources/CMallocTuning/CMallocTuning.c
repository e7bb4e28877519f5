#define _GNU_SOURCE
#include "CMallocTuning.h"

#include <unistd.h> // defines __GLIBC__ on glibc
#if defined(__GLIBC__)
#include <malloc.h>
#include <sched.h>
#endif

int pipe_limit_malloc_arenas(int count) {
#if defined(__GLIBC__)
    return mallopt(M_ARENA_MAX, count);
#else
    (void)count;
    return 0;
#endif
}

int pipe_usable_processors(void) {
#if defined(__GLIBC__)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof(set), &set) == 0) {
        int count = CPU_COUNT(&set);
        if (count > 0) return count;
    }
#endif
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (int)online : 1;
}
