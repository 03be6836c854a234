// The core clock, measured: a chain of dependent integer adds runs at one add per cycle on every x86-64 and
// arm64 core, so adds per second of this thread's CPU time is the clock the thread actually ran at (turbo
// included). A compiler would fold such a loop in C or Swift, hence the inline assembly.
#ifndef CYCLE_CLOCK_H
#define CYCLE_CLOCK_H

/// Cycles per nanosecond (GHz) of the calling thread over `iterations` × 8 dependent adds; 0 where the
/// architecture has no inline-assembly chain here.
double cycle_clock_ghz(long iterations);

/// CPU time of the calling thread, in seconds.
double cycle_clock_thread_seconds(void);

#endif
