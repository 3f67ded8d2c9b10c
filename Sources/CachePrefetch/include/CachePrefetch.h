// A cache prefetch hint, which Swift cannot emit itself.
#ifndef CACHE_PREFETCH_H
#define CACHE_PREFETCH_H

/// Asks the cache to fetch the line holding `address` for reading soon (into L1 and L2);
/// a hint only: it never faults, even past the end of an allocation, and changes no result.
static inline __attribute__((always_inline)) void prefetchForReading(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
