// Which processor the calling thread runs on, and moving it to another one: what Swift cannot ask
// Linux for by itself (`sched_getcpu`, and the CPU_* macros of `sched_setaffinity`'s mask).
#ifndef THREAD_PLACEMENT_H
#define THREAD_PLACEMENT_H

/// The processor the calling thread runs on now, or -1 where the platform does not tell.
int currentProcessor(void);

/// Moves the calling thread off `processor` to another processor that its affinity allows (the
/// scheduler picks which): its affinity is narrowed to the others for the move, then set back to
/// the mask it had, so the thread is not pinned. Returns 0 once moved; -1 when it cannot be (the
/// processor is not among those allowed or is the only one, or the platform has no affinity);
/// -2 when the mask could not be set back (the thread then stays off `processor`). Setting the
/// mask back makes the mask in effect the requested one: should the process's cpuset grow
/// later, the thread would not follow.
int moveOffProcessor(int processor);

#endif
