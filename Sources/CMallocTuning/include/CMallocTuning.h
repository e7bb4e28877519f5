#ifndef PIPE_CMALLOCTUNING_H
#define PIPE_CMALLOCTUNING_H

/// Caps glibc's malloc arenas (mallopt M_ARENA_MAX). Returns 1 when it was set, 0 elsewhere.
int pipe_limit_malloc_arenas(int count);

/// The number of processors this process may run on (its affinity mask), at least 1.
int pipe_usable_processors(void);

#endif
