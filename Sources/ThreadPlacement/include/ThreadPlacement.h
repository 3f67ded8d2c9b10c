// Which processor the calling thread runs on, and moving it to another one: what Swift cannot ask
// Linux for by itself (`sched_getcpu`, and the CPU_* macros of `sched_setaffinity`'s mask).
#ifndef THREAD_PLACEMENT_H
#define THREAD_PLACEMENT_H

/// The processor the calling thread runs on now, or -1 where the platform does not tell.
int currentProcessor(void);

/// Moves the calling thread off `processor` to another processor that its affinity allows (the
/// scheduler picks which): its affinity is narrowed to the others for the move, then restored, so
/// the thread is never pinned. Returns 0 once moved, -1 when it cannot be (one processor allowed,
/// or a platform without affinity).
int moveOffProcessor(int processor);

#endif
