// Linux's sched_getcpu and the CPU_* macros need _GNU_SOURCE before the first system header.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "ThreadPlacement.h"

#if defined(__linux__)
#include <sched.h>

int currentProcessor(void) {
    return sched_getcpu();
}

int moveOffProcessor(int processor) {
    cpu_set_t allowed, others;
    if (processor < 0 || processor >= CPU_SETSIZE) return -1;
    if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return -1;
    if (!CPU_ISSET(processor, &allowed)) return -1;
    others = allowed;
    CPU_CLR(processor, &others);
    if (CPU_COUNT(&others) == 0) return -1;
    if (sched_setaffinity(0, sizeof others, &others) != 0) return -1;
    // The kernel has moved the thread before the call returns; the mask it had lets it go
    // anywhere again.
    return sched_setaffinity(0, sizeof allowed, &allowed) == 0 ? 0 : -2;
}
#else
int currentProcessor(void) {
    return -1;
}

int moveOffProcessor(int processor) {
    (void)processor;
    return -1;
}
#endif
