// The vector register file of the target this module is compiled for, as the C preprocessor sees it.
//
// Swift's `#if` cannot test CPU features, but the Clang importer compiles this header with the same
// target as the Swift code (`-target-cpu`), so these macros follow the build's CPU flag: an AVX-512
// build (`-target-cpu native` on an AVX-512 machine, `skylake-avx512`, `znver4`) sees __AVX512F__,
// an AVX2 build (`haswell`, `znver3`) only __AVX2__ and __FMA__, an arm64 build __ARM_NEON.
#ifndef FLOWKERNELS_SHIMS_H
#define FLOWKERNELS_SHIMS_H

#if defined(__AVX512F__)
#define FLOWKERNELS_VECTOR_BITS 512
#define FLOWKERNELS_VECTOR_REGISTERS 32
#elif defined(__AVX2__) && defined(__FMA__)
#define FLOWKERNELS_VECTOR_BITS 256
#define FLOWKERNELS_VECTOR_REGISTERS 16
#elif defined(__ARM_NEON)
#define FLOWKERNELS_VECTOR_BITS 128
#define FLOWKERNELS_VECTOR_REGISTERS 32
#else
// Baseline x86-64 (SSE2, 16 × 128-bit, no FMA instruction) and anything else.
#define FLOWKERNELS_VECTOR_BITS 128
#define FLOWKERNELS_VECTOR_REGISTERS 16
#endif

#endif
