// Processor hints that Swift cannot emit itself: a cache prefetch, and a pause in a spin loop.
#ifndef CACHE_PREFETCH_H
#define CACHE_PREFETCH_H

/// Asks the cache to fetch the line holding `address` for reading soon (into L1 and L2);
/// a hint only: it never faults, even past the end of an allocation, and changes no result.
static inline __attribute__((always_inline)) void prefetchForReading(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Tells the core that this thread is spinning on a flag (x86 `pause`, Arm `yield`), so that a
/// sibling hyperthread on the same core gets its execution units meanwhile; changes no result.
static inline __attribute__((always_inline)) void spinPause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

#endif
