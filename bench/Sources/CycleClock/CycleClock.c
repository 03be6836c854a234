#include "CycleClock.h"
#include <time.h>

double cycle_clock_thread_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

double cycle_clock_ghz(long iterations) {
    unsigned long x = 0;
    double start = cycle_clock_thread_seconds();
    for (long i = 0; i < iterations; i++) {
#if defined(__x86_64__)
        __asm__ volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                         "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0" : "+r"(x));
#elif defined(__aarch64__)
        __asm__ volatile("add %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\t"
                         "add %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1\n\tadd %0, %0, #1" : "+r"(x));
#else
        return 0;
#endif
    }
    double seconds = cycle_clock_thread_seconds() - start;
    return seconds > 0 ? 8.0 * (double)iterations / seconds / 1e9 : 0;
}
